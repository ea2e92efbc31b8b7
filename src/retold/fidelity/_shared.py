"""What every fidelity check needs: per-sentence offset maps, word stems, language, stopwords.

Each check works on a sentence's normal text (straight quotes, ASCII dashes) but must report
spans in the original text; :class:`Doc` keeps, per sentence, the map from normal characters back
to original offsets, and caches the per-sentence extractions the checks share.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, NamedTuple, TypeVar

from retold.fidelity._lexicon import words_of
from retold.model import Article, Match, Span
from retold.text.normalise import _DASHES, _QUOTES, normalise

# titles whose capitalised words before them name a portfolio or rank, not a person ("Health Minister")
PORTFOLIO_TITLES = frozenset(
    [
        "minister",
        "secretary",
        "officer",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "commissioner",
        "councilman",
        "councilwoman",
        "councillor",
        "director",
        "chief",
    ]
)

# characters the normaliser replaces one for one (quotes, dashes, no-break spaces)
_ONE_TO_ONE = str.maketrans({**_QUOTES, **_DASHES, "\u00a0": " ", "\u202f": " ", "\u2009": " "})

# a word: letters and digits, joined by an apostrophe, full stop or hyphen ("don't", "U.S", "1.5"), and a
# comma between digits is part of a number ("1,500", German "2,5"): split there, "1,500" would read as "500"
WORD = re.compile(r"[^\W_](?:[\w&]|['.-](?=[^\W_])|(?<=\d),(?=\d))*", re.UNICODE)

STOP_EN = frozenset(
    words_of(
        """a about above after again against all also although am among an and another any are around as at be
        because been before being below between both but by can could did do does doing done down during each
        either even ever every few for from further had has have having he her here hers herself him himself his
        how however i if in into is it its itself just least less let like made make many may me might more most
        much must my myself neither no nor not now of off on once one only onto or other others our ours ourselves
        out over own per rather same several shall she should since so some such than that the their theirs them
        themselves then there these they this those though through thus to too toward towards under until up upon
        us very via was we were what whatever when where whether which while who whom whose why will with within
        without would yet you your yours yourself"""
    )
)
STOP_DE = frozenset(
    words_of(
        """aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes anders auch
        auf aus bei beim bin bis bist da dabei damit dann darauf darum das dass dein deine dem den denn der des
        deshalb dessen die dies diese diesem diesen dieser dieses doch dort du durch ein eine einem einen einer
        eines einige einigen einiger er es etwas euch euer eure für gegen gewesen hab habe haben hat hatte hatten
        hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im in indem ins ist jede jedem jeden
        jeder jedes jene jenem jenen jener jenes jetzt kann kein keine keinem keinen keiner keines können könnte
        machen man manche manchem manchen mancher manches mein meine meinem meinen meiner meines mich mir mit muss
        musste nach nicht nichts noch nun nur ob oder ohne sehr sein seine seinem seinen seiner seines selbst sich
        sie sind so solche solchem solchen solcher solches soll sollte sondern sonst über um und uns unser unsere
        unter viel vom von vor war waren warst was weg weil weiter welche welchem welchen welcher welches wenn
        werde werden wie wieder will wir wird wirst wo wollen wollte würde würden zu zum zur zwar zwischen"""
    )
)
STOP = STOP_EN | STOP_DE | {"laut"}

TITLES = frozenset(
    words_of(
        """mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir lord lady president vice prime minister secretary
        chancellor councilman councilwoman councillor chief executive director chairman chairwoman chair
        governor senator sen. rep. representative mayor king queen prince princess pope judge justice officer
        spokesman spokeswoman spokesperson commissioner ambassador lt. col. gen. sgt. captain detective sheriff
        inspector superintendent coach manager deputy attorney foreign defence defense interior finance state
        premier leader head commander admiral colonel lieutenant sergeant professor doctor bishop cardinal
        father herr frau präsident präsidentin minister ministerin premierminister premierministerin
        bundeskanzler bundeskanzlerin kanzler kanzlerin richter richterin bürgermeister bürgermeisterin sprecher
        sprecherin chef chefin trainer abgeordneter abgeordnete senatorin gouverneur botschafter capt adm gen
        col lt sgt gov sen rep rev cmdr maj cpl pvt supt insp"""
    )
)

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
}


@lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """Lower case without diacritics: "Rodríguez" and "Rodrìguez" are the same name to a reader."""
    if s.isascii():
        return s.lower()  # nothing to decompose, no combining mark, no "ß"
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c)).replace("ß", "ss")


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


class Token(NamedTuple):
    """A word of a sentence's normal text with its normal offsets."""

    text: str
    start: int
    end: int


_token = tuple.__new__  # Token(text, start, end) without the keyword handling of its __new__


@dataclass
class SentView:
    """One sentence: its normal text, and the original offset of every normal character."""

    i: int
    norm: str
    offsets: tuple[int, ...]
    is_title: bool

    def span(self, start: int, end: int) -> Span:
        """Original span of a normal range of this sentence."""
        if end <= start:
            o = self.offsets[min(start, len(self.offsets) - 1)]
            return Span(o, o)
        return Span(self.offsets[start], self.offsets[end - 1] + 1)

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        # WORD.finditer, without a match object per word: a word starts with a letter or digit and none stands
        # between two words, so the next word is where its text next occurs
        out: list[Token] = []
        pos = 0
        find = self.norm.find
        for w in WORD.findall(self.norm):
            pos = find(w, pos)
            out.append(_token(Token, (w, pos, pos + len(w))))
            pos += len(w)
        return tuple(out)

    @cached_property
    def stems(self) -> frozenset[str]:
        return frozenset(stem(t.text) for t in self.tokens)

    @cached_property
    def content_stems(self) -> frozenset[str]:
        return frozenset(stem(t.text) for t in content_words(self.tokens))


T = TypeVar("T")


@dataclass
class Doc:
    """An article prepared once for all checks, with lazily computed, shared extractions."""

    article: Article
    cache: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def lang(self) -> str:
        return self.article.language

    @cached_property
    def sents(self) -> tuple[SentView, ...]:
        out = []
        for s in self.article.sentences:
            if s.text.translate(_ONE_TO_ONE) == s.norm:
                # the common case: normalisation changed characters one for one, offsets are the identity
                out.append(SentView(s.i, s.norm, tuple(range(s.start, s.end + 1)), s.is_title))
                continue
            n = normalise(s.text)
            out.append(SentView(s.i, n.text, tuple(s.start + o for o in n.offsets), s.is_title))
        return tuple(out)

    def text(self, span: Span) -> str:
        return self.article.text[span.start : span.end]

    @cached_property
    def stems(self) -> frozenset[str]:
        return frozenset().union(*(s.stems for s in self.sents))

    @cached_property
    def prefixes(self) -> frozenset[str]:
        return frozenset(prefix_key(x) for x in self.stems)

    def stems_of(self, idx: Iterable[int]) -> set[str]:
        out: set[str] = set()
        for i in idx:
            out |= self.sents[i].stems
        return out

    def per_sentence(
        self, name: str, extract: Callable[[Doc, SentView], list[T]], idx: Iterable[int] | None = None
    ) -> list[T]:
        """What ``extract`` finds in some sentences (all when ``idx`` is None), each sentence's answer kept
        under ``name``: every check asks for the same sentences' names, numbers and credits again."""
        out: list[T] = []
        got: dict[int, list[T]] = self.cache.setdefault(f"per_sentence:{name}", {})
        for i in range(len(self.sents)) if idx is None else idx:
            hit = got.get(i)
            if hit is None:
                hit = got[i] = extract(self, self.sents[i])
            out.extend(hit)
        return out

    def region(self, idx: Sequence[int]) -> Span:
        """The original span covering some sentences."""
        ss = [self.article.sentences[i] for i in idx]
        return Span(min(s.start for s in ss), max(s.end for s in ss))


_DOCS: dict[int, Doc] = {}


def doc_for(article: Article) -> Doc:
    """The prepared document of an article, reused while the same article object is being compared."""
    d = _DOCS.get(id(article))
    if d is None or d.article is not article:
        if len(_DOCS) >= 16:
            _DOCS.pop(next(iter(_DOCS)))
        d = _DOCS[id(article)] = Doc(article)
    return d


def content_words(tokens: Iterable[Token]) -> list[Token]:
    """Words that carry content: no stopwords, no -ly adverbs, at least three letters or a digit."""
    out = []
    for t in tokens:
        low = t.text.lower()
        if low in STOP or (len(low) < 3 and not any(c.isdigit() for c in low)):
            continue
        if low.endswith("ly") and len(low) > 5 and low.isalpha():
            continue
        out.append(t)
    return out


def has(stems: set[str] | frozenset[str], prefixes: set[str] | frozenset[str], word: str, short: bool = False) -> bool:
    """Whether a word's family occurs among some stems: the same stem or the same five-letter start; with
    ``short``, also a short name plus an ending ("Iraq" / "Iraqi")."""
    s = stem(word)
    if s in stems or (len(s) >= 6 and prefix_key(s) in prefixes):
        return True
    if short and 4 <= len(s) <= 5 and s.isalpha():
        return any(
            (x.startswith(s) and len(x) - len(s) <= 3) or (s.startswith(x) and len(s) - len(x) <= 2 and len(x) >= 4)
            for x in stems
            if x[:1] == s[:1]
        )
    return False


def valid_matches(a: Article, b: Article, matches: Sequence[Match]) -> list[Match]:
    """Matches whose indices exist on both sides (the rest cannot be shown, so they are skipped)."""
    na, nb = len(a.sentences), len(b.sentences)
    return [m for m in matches if m.a and m.b and all(0 <= i < na for i in m.a) and all(0 <= j < nb for j in m.b)]
