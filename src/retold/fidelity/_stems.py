"""How a word is looked up by every check: folded (case, diacritics), aliased ("U.S." / "America"), stemmed."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

ALIASES: dict[str, str] = {
    # spelling and demonym variants that mean the same name; values are the canonical key
    "u.s.": "us",
    "u.s": "us",
    "usa": "us",
    "u.s.a.": "us",
    "america": "us",
    "american": "us",
    "americans": "us",
    "united states": "us",
    "amerikanisch": "us",
    "amerikanische": "us",
    "amerikanischen": "us",
    "amerikanischer": "us",
    "us-amerikanisch": "us",
    "vereinigten staaten": "us",
    "u.k.": "uk",
    "britain": "uk",
    "british": "uk",
    "united kingdom": "uk",
    "großbritannien": "uk",
    "britisch": "uk",
    "britons": "uk",
    "brits": "uk",
    "britische": "uk",
    "britischen": "uk",
    "britischer": "uk",
    "briten": "uk",
    "european union": "eu",
    "europäische union": "eu",
    "europäischen union": "eu",
    "united nations": "un",
    "vereinte nationen": "un",
    "vereinten nationen": "un",
    "uno": "un",
    "dutch": "netherlands",
    "holland": "netherlands",
    "niederlande": "netherlands",
    "french": "france",
    "frankreich": "france",
    "französisch": "france",
    "französische": "france",
    "polish": "poland",
    "polen": "poland",
    "polnisch": "poland",
    "polnische": "poland",
    "swiss": "switzerland",
    "schweiz": "switzerland",
    "schweizer": "switzerland",
    "spanish": "spain",
    "spanien": "spain",
    "spanisch": "spain",
    "welsh": "wales",
    "walisisch": "wales",
    "walisischer": "wales",
    "walisische": "wales",
    "walisisches": "wales",
    "walisischen": "wales",
    "scottish": "scotland",
    "schottland": "scotland",
    "schottisch": "scotland",
    "irish": "ireland",
    "irland": "ireland",
    "turkish": "turkey",
    "türkei": "turkey",
    "türkisch": "turkey",
    "greek": "greece",
    "griechenland": "greece",
    "danish": "denmark",
    "dänemark": "denmark",
    "swedish": "sweden",
    "schweden": "sweden",
    "finnish": "finland",
    "finnland": "finland",
    "deutschland": "germany",
    "deutsch": "germany",
    "deutsche": "germany",
    "deutschen": "germany",
    "german": "germany",
    "germans": "germany",
    "russland": "russia",
    "russisch": "russia",
    "russische": "russia",
    "russischen": "russia",
    "ukrainisch": "ukraine",
    "ukrainische": "ukraine",
    "kiev": "kyiv",
    "burma": "myanmar",
    "pjöngjang": "pyongyang",
    "peking": "beijing",
    "kiew": "kyiv",
    "chinesisch": "china",
    "chinese": "china",
    "japanese": "japan",
    "japanisch": "japan",
    "italian": "italy",
    "italien": "italy",
    "italienisch": "italy",
    "vereinigtes königreich": "uk",
    "vereinigten königreich": "uk",
    "vereinigte königreich": "uk",
    # a country and its adjective, German and English (German endings are stripped before the look-up)
    "griechisch": "greece",
    "greece": "greece",
    "china": "china",
    "chile": "chile",
    "chilenisch": "chile",
    "chilean": "chile",
    "mexiko": "mexico",
    "mexico": "mexico",
    "mexikanisch": "mexico",
    "mexican": "mexico",
    "europa": "europe",
    "europe": "europe",
    "europäisch": "europe",
    "european": "europe",
    "kanada": "canada",
    "canada": "canada",
    "kanadisch": "canada",
    "canadian": "canada",
    "australien": "australia",
    "australia": "australia",
    "australisch": "australia",
    "australian": "australia",
    "indien": "india",
    "india": "india",
    "indisch": "india",
    "indian": "india",
    "israel": "israel",
    "israelisch": "israel",
    "israeli": "israel",
    "iran": "iran",
    "iranisch": "iran",
    "iranian": "iran",
    "irak": "iraq",
    "iraq": "iraq",
    "irakisch": "iraq",
    "iraqi": "iraq",
    "syrien": "syria",
    "syria": "syria",
    "syrisch": "syria",
    "syrian": "syria",
    "ägypten": "egypt",
    "egypt": "egypt",
    "ägyptisch": "egypt",
    "egyptian": "egypt",
    "korea": "korea",
    "koreanisch": "korea",
    "korean": "korea",
    "nordkorea": "north korea",
    "nordkoreanisch": "north korea",
    "südkorea": "south korea",
    "südkoreanisch": "south korea",
    "japan": "japan",
    "brasilien": "brazil",
    "brazil": "brazil",
    "brasilianisch": "brazil",
    "brazilian": "brazil",
    "argentinien": "argentina",
    "argentina": "argentina",
    "argentinisch": "argentina",
    "argentinian": "argentina",
    "bolivien": "bolivia",
    "bolivia": "bolivia",
    "bolivianisch": "bolivia",
    "bolivian": "bolivia",
    "indonesien": "indonesia",
    "indonesia": "indonesia",
    "indonesisch": "indonesia",
    "indonesian": "indonesia",
    "mazedonien": "macedonia",
    "macedonia": "macedonia",
    "mazedonisch": "macedonia",
    "macedonian": "macedonia",
    "österreich": "austria",
    "austria": "austria",
    "österreichisch": "austria",
    "austrian": "austria",
    "ungarn": "hungary",
    "hungary": "hungary",
    "ungarisch": "hungary",
    "hungarian": "hungary",
    "portugal": "portugal",
    "portugiesisch": "portugal",
    "portuguese": "portugal",
    "afrika": "africa",
    "africa": "africa",
    "afrikanisch": "africa",
    "african": "africa",
    "asien": "asia",
    "asia": "asia",
    "asiatisch": "asia",
    "asian": "asia",
    "paris": "paris",
    "pariser": "paris",
    "parisian": "paris",
    # a party, a company or a people by the other name the news gives it ("the GOP" is the Republican Party,
    # "Big Blue" IBM, "Latinos" Hispanics)
    "gop": "republican",
    "big blue": "ibm",
    "latino": "hispanic",
    "latinos": "hispanic",
    "latina": "hispanic",
    "latinas": "hispanic",
}


@lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """Lower case without diacritics: "Rodríguez" and "Rodrìguez" are the same name to a reader."""
    if s.isascii():
        return s.lower()  # nothing to decompose, no combining mark, no "ß"
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c)).replace("ß", "ss")


def latin(word: str) -> str:
    """A word in Latin letters, lower case ("ТАСС" -> "tass", "Zürich" -> "zurich"): anyascii's transliteration,
    so names in other scripts meet their English spelling."""
    if word.isascii():
        return word.lower()
    from anyascii import anyascii

    return anyascii(word).lower()


# the US states as the wires abbreviate them after a town ("Topeka, Kan.", "Albany, N.Y."; AP style), each to the
# state's key; left out are those that are also common words or names ("Ill.", "Mass.", "Miss.", "Wash.", "Ore.",
# "Ind.", "Del.", "La.", "Pa.", "Mo.", "Md."): "fell ill" must not name Illinois
STATE_ABBREVIATIONS: dict[str, str] = {
    **{
        a: full
        for full, abbrevs in (
            ("alabama", "ala"),
            ("arizona", "ariz"),
            ("arkansas", "ark"),
            ("california", "calif cal"),
            ("colorado", "colo"),
            ("connecticut", "conn"),
            ("florida", "fla"),
            ("georgia", "ga"),
            ("kansas", "kan kans"),
            ("kentucky", "ky"),
            ("michigan", "mich"),
            ("minnesota", "minn"),
            ("montana", "mont"),
            ("nebraska", "neb nebr"),
            ("nevada", "nev"),
            ("oklahoma", "okla"),
            ("oregon", "oreg"),
            ("tennessee", "tenn"),
            ("texas", "tex"),
            ("vermont", "vt"),
            ("virginia", "va"),
            ("wisconsin", "wis wisc"),
            ("wyoming", "wyo"),
        )
        for a in abbrevs.split()
    },
    # the states of two words by their initials, dotted or not, and by their names
    **{
        form: initials
        for initials, name in (
            ("ny", "new york"),
            ("nj", "new jersey"),
            ("nh", "new hampshire"),
            ("nm", "new mexico"),
            ("nc", "north carolina"),
            ("nd", "north dakota"),
            ("sc", "south carolina"),
            ("sd", "south dakota"),
            ("ri", "rhode island"),
            ("wv", "west virginia"),
            ("dc", "district of columbia"),
        )
        for form in (name, ".".join(initials) + ".", ".".join(initials))
    },
    "w.va.": "wv",
    "w.va": "wv",
}
ALIASES.update(STATE_ABBREVIATIONS)

# alias keys in the form words are looked up in ("pjöngjang" -> "pjongjang")
ALIASES = {fold(k): v for k, v in ALIASES.items()}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude suffix stripper (English and German) so "stationed" meets "station" and "Boliviens" "Bolivien"."""
    w = fold(word)
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    w = w.rstrip("'")
    if w in ALIASES:
        return _strip_suffix(ALIASES[w])
    w = _strip_suffix(w)
    # an inflected adjective of a country: "griechischen" -> "griechisch" -> the country's key
    return _strip_suffix(ALIASES[w]) if w in ALIASES else w


def _strip_suffix(w: str) -> str:
    if len(w) <= 4 or not w.isalpha():
        return w
    for suf in ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ed", "es", "en", "er", "e", "s", "n"):
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            return w[: -len(suf)]
    return w


def prefix_key(s: str) -> str:
    """The first five letters of a stem: a lenient second key for words of one family."""
    return s[:5] if len(s) >= 6 else s


def forget_stems(over: int) -> None:
    """Empty the caches of :func:`fold` and :func:`stem` (65,536 words each) once either holds more than ``over``
    words: a scan's verifying worker calls it after each chunk of pairs (``jobs.trim_caches``), so that what it keeps
    does not grow with the corpus (the 10,000-article scan's worker filled 42,735 and 31,951 entries, the 100,000
    one's the whole 65,536 each). What is let go is computed again: the same words give the same stems."""
    for cached in (fold, stem):
        if cached.cache_info().currsize > over:
            cached.cache_clear()
