"""One credit in other words: the same source by another noun for officials, the same name with a word left out,
a German compound told in its parts ("Gefängnisbehörde" / "Behörde des Gefängnisses").

``credit_flags`` asks these before it calls a credit dropped, added or changed; ``attribution`` reads the German
credits to officials these rules compare ("den katalanischen Ämtern zufolge").
"""

from __future__ import annotations

import re
from collections.abc import Set

from retold.fidelity._lexicon import OUTLET_WORDS, words_of
from retold.fidelity._stems import fold, stem
from retold.fidelity.rules import Example, never, nothing, rule

# Nouns for a nameless body of officials, which stand for one another in a credit ("according to authorities" /
# "officials said", "laut den Behörden" / "den Ämtern zufolge"): plural, as a singular may be one named office
OFFICIAL_NOUNS = frozenset(words_of("officials authorities behörden ämter ämtern beamte beamten"))
_OFFICIAL = frozenset(stem(fold(w)) for w in OFFICIAL_NOUNS)
_OFFICIAL_WORDS = "|".join(sorted(OFFICIAL_NOUNS, key=len, reverse=True))
_OFFICIALS_DE = rf"(?P<name>(?:dem|der|den)\s+(?:[a-zäöüß][\w-]*\s+)?(?:{_OFFICIAL_WORDS}))"
_DE_OFFICIAL_CREDITS = [
    ("source", re.compile(rf"\b{_OFFICIALS_DE}\s+zufolge\b", re.IGNORECASE), ("zufolge",)),
    ("source", re.compile(rf"\blaut\s+{_OFFICIALS_DE}\b", re.IGNORECASE), ("laut", "Laut")),
]


@rule(
    "attribution.german_officials",
    lang="de",
    purpose="A German credit to a nameless body of officials with a word in lower case before the noun ('den "
    "katalanischen Ämtern zufolge', 'laut den örtlichen Behörden': the nouns of ``OFFICIAL_NOUNS``) is read "
    "as a credit, as 'Der Polizei zufolge' is: a retelling that adds one adds a credit, one that keeps it in other "
    "words keeps it (attribution.official_nouns).",
    examples=[
        Example(
            "Die Straße ist gesperrt.",
            "Den Ämtern zufolge ist die Straße gesperrt.",
            ("attribution_added/info: - -> Den Ämtern zufolge",),
            lang="de",
        ),
        Example(
            "Die Straße ist gesperrt.",
            "Die Straße ist den örtlichen Behörden zufolge gesperrt.",
            ("attribution_added/info: - -> den örtlichen Behörden zufolge",),
            lang="de",
        ),
        Example("Die Straße ist gesperrt.", "Die Straße ist in den Ämtern gesperrt.", (), lang="de"),
    ],
    off=nothing,
)
def official_credits() -> list[tuple[str, re.Pattern[str], tuple[str, ...]]]:
    """The patterns of German credits to a nameless body of officials with a lower-case word before the noun."""
    return _DE_OFFICIAL_CREDITS


@rule(
    "attribution.official_nouns",
    purpose="A credit to a nameless body of officials by one noun and by another ('according to authorities' / "
    "'officials said', 'laut den katalanischen Behörden' / 'den katalanischen Ämtern zufolge': the nouns of "
    "``OFFICIAL_NOUNS``) is the same credit when the words with it agree. Other words (the police, the "
    "Catalan or the Spanish authorities) are another credit.",
    examples=[
        Example("According to authorities, the port will close.", "The port will close, officials said."),
        Example(
            "Laut den katalanischen Behörden wurden 30 Menschen verletzt.",
            "Den katalanischen Ämtern zufolge wurden 30 Menschen verletzt.",
            (),
            lang="de",
        ),
        Example(
            "Laut den katalanischen Behörden wurden 30 Menschen verletzt.",
            "Den spanischen Ämtern zufolge wurden 30 Menschen verletzt.",
            ("attribution_changed/high: Laut den katalanischen Behörden -> Den spanischen Ämtern zufolge",),
            lang="de",
        ),
        Example(
            "The port will close, police said.",
            "According to authorities, the port will close.",
            ("attribution_changed/high: police said -> According to authorities",),
        ),
    ],
    off=never,
)
def officials_alike(key_a: str, key_b: str) -> bool:
    """Whether two credit keys are the same with every noun for officials read as one."""
    return _official_key(key_a) == _official_key(key_b)


def _official_key(key: str) -> str:
    """A credit's key with every noun for officials read as one."""
    return " ".join("official" if w in _OFFICIAL else w for w in key.split())


@rule(
    "attribution.shortened_name",
    purpose="A credited name given with words left out or added ('the West Virginia Metro News' / 'the West "
    "Virginia News', 'the Pittsburgh Post-Gazette' / 'the Post-Gazette') is the same credit when the shorter keeps "
    "the longer's last word, in order, and is two words or a last word that is no common word of outlets' names "
    "('the New York Times' / 'the Times' is not).",
    examples=[
        Example(
            "The port will close, the West Virginia Metro News reported.",
            "The port will close, the West Virginia News reported.",
        ),
        Example(
            "The port will close, the Pittsburgh Post-Gazette reported.",
            "The port will close, the Post-Gazette reported.",
        ),
        Example(
            "The port will close, the New York Times reported.",
            "The port will close, the Times reported.",
            ("attribution_dropped/warning: the New York Times reported -> -",),
        ),
        Example(
            "The port will close, the West Virginia Metro News reported.",
            "The port will close, the Virginia Metro Post reported.",
            ("attribution_changed/high: the West Virginia Metro News reported -> the Virginia Metro Post reported",),
        ),
    ],
    off=never,
)
def shortened(key_a: str, key_b: str) -> bool:
    """Whether one credit key is the other with words left out (see the rule)."""
    a, b = key_a.split(), key_b.split()
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if not short or short == long or short[-1] != long[-1]:
        return False
    if len(short) < 2 and short[-1] in _OUTLET_STEMS:
        return False
    it = iter(long)
    return all(w in it for w in short)


_OUTLET_STEMS = frozenset(stem(fold(w)) for w in OUTLET_WORDS)


def same_credit(key_a: str, key_b: str) -> bool:
    """Whether two credits' keys name one source: the same words, nouns for officials read as one, or one the other
    shortened."""
    return key_a == key_b or officials_alike(key_a, key_b) or shortened(key_a, key_b)


@rule(
    "attribution.compound_parts",
    lang="de",
    purpose="A credited German compound ('der Gefängnisbehörde') is named where the other text has its parts "
    "('die Behörde des Gefängnisses'): its last part and the part before it (four letters each at least, a "
    "linking s allowed) are words of that text.",
    examples=[
        Example(
            "Der Häftling starb, laut der Gefängnisbehörde.",
            "Wie die Behörde des Gefängnisses mitteilte, starb der Häftling.",
            (),
            lang="de",
        ),
        Example(
            "Der Häftling starb, laut der Gefängnisbehörde.",
            "Wie die Behörde mitteilte, starb der Häftling.",
            ("attribution_dropped/info: laut der Gefängnisbehörde -> -",),
            lang="de",
        ),
    ],
    off=never,
)
def in_parts(word: str, stems: Set[str]) -> bool:
    """Whether a stem that is a compound has its two parts among ``stems`` (the modifier may carry an ending)."""
    for k in range(4, len(word) - 3):
        head, mod = word[k:], word[:k]
        if head in stems and any(s.startswith(mod.rstrip("s")) and len(s) - len(mod) <= 3 for s in stems):
            return True
    return False
