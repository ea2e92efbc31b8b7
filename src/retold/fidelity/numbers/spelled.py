"""Numbers written out in words, in the words of the text's language: "seven hundred", "fünfundzwanzig", "trois
millions", "treinta y cinco"."""

from __future__ import annotations

import re
from collections.abc import Callable

from retold.fidelity.numbers.lexicon import _NUMBER_WORDS, ROMANCE, ROMANCE_SCALES, ROMANCE_WORDS, SCALES_EN
from retold.fidelity.numbers.patterns import (
    _DE_COMPOUND,
    _DE_SPELLED,
    _LETTERS,
    _NUMWORD,
    _NUMWORD_DE,
    _NUMWORD_ROMANCE,
    _WORD,
)
from retold.fidelity.numbers.values import parse_words
from retold.fidelity.rules import Example, never, nothing, rule


@rule(
    "numbers.spelled",
    purpose='Spelled numbers are read as numbers ("seven hundred", "a dozen", "fünfundzwanzig", '
    '"dreißigtausend", the Swiss "einunddreissig"; in French and Spanish text "trois millions", "quatre-vingt-dix", '
    '"dos mil", "treinta y cinco"), so a figure written out in one text and in digits in the other is the same fact. '
    'German words are read in German text only: in English "elf" is no eleven, nor "acht" eight.',
    examples=[
        Example("The force will number 700 soldiers.", "The force will number seven hundred soldiers."),
        Example("Fünfundzwanzig Menschen starben.", "25 Menschen starben.", lang="de"),
        Example("Einunddreissig Menschen starben.", "31 Menschen starben.", lang="de"),
        Example("Trois millions de personnes ont voté.", "3 millions de personnes ont voté.", lang="fr"),
        Example("Murieron treinta y cinco personas.", "Murieron 35 personas.", lang="es"),
        Example("The film cast an elf as the lead.", "The film cast a fairy as the lead."),
        Example("Elf Menschen starben.", "Zwölf Menschen starben.", ("number_changed/high: Elf -> Zwölf",), lang="de"),
        Example(
            "Quatre-vingt-dix personnes sont mortes.",
            "Soixante-dix personnes sont mortes.",
            ("number_changed/high: Quatre-vingt-dix -> Soixante-dix",),
            lang="fr",
        ),
        Example("Twelve people were hurt.", "Fourteen people were hurt.", ("number_changed/high: Twelve -> Fourteen",)),
        # an "and" joins a number only after a scale: "between two and three" is a range, not five
        Example("The repairs will take 2 to 3 weeks.", "The repairs will take between two and three weeks."),
        Example(
            "The repairs will take 2 to 3 weeks.",
            "The repairs will take between two and four weeks.",
            ("number_changed/high: 3 weeks -> four weeks",),
        ),
        Example("It cost 105 pounds.", "It cost one hundred and five pounds."),
    ],
    off=nothing,
)
def spelled_cores(text: str, free: Callable[[int, int], bool], lang: str) -> list[tuple[int, int, float, bool, int]]:
    """Spelled numbers of a text that no pattern has taken: (start, end, value, True, 0)."""
    cores: list[tuple[int, int, float, bool, int]] = []
    for m in _NUMWORD_ROMANCE.get(lang, _NUMWORD_DE if lang == "de" else _NUMWORD).finditer(text):
        whole = re.sub(r"(?:[\s-]+and)?[\s-]*$", "", m.group())
        for at, raw in _and_parts(whole):
            s = m.start() + at
            e = s + len(raw)
            low = raw.lower()
            if low in ("a", "an", "ein", "eine", "einer", "un", "une", "una") or not free(s, e) or _team(text, s, raw):
                continue
            if re.fullmatch(r"(?:a|an|ein|eine|einer)\s+\w+", low) and low.split()[1] not in (
                *SCALES_EN,
                "dozen",
                "dutzend",
            ):
                # "a dozen" is twelve, "a man" is nothing; "ein" alone is an article
                raw = raw.split(None, 1)[1]
                s = e - len(raw)
                low = raw.lower()
            if re.fullmatch(r"[a-zäöüß]*(?:hundert|tausend)[a-zäöüß]*", low) and not _DE_COMPOUND.match(low):
                continue
            if low.endswith("s") and low in ROMANCE_SCALES.get(lang, {}):
                continue  # "des millions de", "millones de": many, as "millions of" is, no figure
            v = parse_words(raw, lang)
            if v is None:
                continue
            cores.append((s, e, v, True, 0))
    return cores


@rule(
    "numbers.german_team",
    lang="de",
    purpose='A German number word with a capital joined by a hyphen to the word before it ("die Livingstone-Elf", '
    '"die DFB-Elf") names a team, as "die Elf" does, not a count: a retelling with "die Livingstone-Spieler" drops '
    'no number. Alone ("Elf Menschen starben") it is one.',
    examples=[
        Example("Die Livingstone-Elf gewann das Spiel.", "Die Livingstone-Spieler gewannen das Spiel.", lang="de"),
        Example(
            "Elf Spieler gewannen das Spiel.",
            "Die Spieler gewannen das Spiel.",
            ("number_dropped/info: Elf -> -",),
            lang="de",
        ),
    ],
    off=never,
)
def _team(text: str, start: int, raw: str) -> bool:
    """Whether the number word ``raw`` at ``start`` is a team's name: capitalised after a word and a hyphen."""
    return raw[:1].isupper() and start >= 2 and text[start - 1] == "-" and text[start - 2].isalpha()


_AND = re.compile(r"[\s-]+and[\s-]+", re.IGNORECASE)


def _and_parts(raw: str) -> list[tuple[int, str]]:
    """The numbers of a run of number words, each with its offset: an English "and" joins a number only after a
    scale ("two hundred and five"); after any other word it joins two ("between two and three": 2 and 3, not 5)."""
    parts: list[tuple[int, str]] = []
    at = 0
    for m in _AND.finditer(raw):
        before = raw[at : m.start()].rsplit(None, 1)[-1].lower() if raw[at : m.start()].strip() else ""
        if before not in SCALES_EN:
            parts.append((at, raw[at : m.start()]))
            at = m.end()
    return [*parts, (at, raw[at:])]


def may_spell(low: str, lang: str) -> bool:
    """Whether a text in lower case holds a word of a spelled number of its language, so that its pattern is run."""
    if lang in ROMANCE:
        words = _WORD.findall(low)
        return not (ROMANCE_WORDS[lang].keys().isdisjoint(words) and ROMANCE_SCALES[lang].keys().isdisjoint(words))
    if lang != "de":
        return not _NUMBER_WORDS["en"].isdisjoint(_LETTERS.findall(low))
    return bool(set(_LETTERS.findall(low)) & _NUMBER_WORDS["de"]) or _DE_SPELLED.search(low) is not None


# a German "one" standing alone as a pronoun: an inflected "ein" with no noun after it (nouns take a capital), before
# a mark, the end or a conjunction ("mehr als einer und weniger als 48"); the bare "ein" is left out, a verb's particle
# ("fiel ihm ein.") as often as a number, and "eins" is read with the number words
_GERMAN_ONE = re.compile(
    r"\b(?:[Ee]ine[rsmn]?)(?=\s*(?:[,.;:!?)\"'\u201c\u201d\u201e\u00ab\u00bb]|$)|\s+(?:und|oder|aber|sowie)\b)"
)


@rule(
    "numbers.german_pronoun_one",
    lang="de",
    purpose='A German "einer", "eine", "eines", "einem" or "einen" with no noun after it (before a mark, the end or a '
    'conjunction: "mehr als einer und weniger als 48") is the pronoun "one", the number 1, so a retelling with "mehr '
    'als 1" adds no number; before a noun ("eine Zeitung") it is an article, no number.',
    examples=[
        Example(
            "„Es wird mehr als einer und weniger als 48 sein“, sagte Walton.",
            "„Es wird mehr als 1 und weniger als 48 sein“, sagte Walton.",
            lang="de",
        ),
        Example("Gerettet wurde nur einer.", "Gerettet wurden nur 2.", ("number_added/warning: - -> 2",), lang="de"),
        Example("Er kaufte eine Zeitung und ging.", "Er kaufte die Zeitung und ging.", lang="de"),
    ],
    off=nothing,
)
def german_one(text: str, free: Callable[[int, int], bool]) -> list[tuple[int, int, float, bool, int]]:
    """The German pronoun "one" of a text that no pattern has taken: (start, end, 1.0, True, 0)."""
    return [(m.start(), m.end(), 1.0, True, 0) for m in _GERMAN_ONE.finditer(text) if free(m.start(), m.end())]
