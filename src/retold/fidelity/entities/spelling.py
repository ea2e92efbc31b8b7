"""When two spellings are one name word: pet names, spelling variants, Arabic articles, acronym letters."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from retold.fidelity._lexicon import STOP
from retold.fidelity._stems import stem
from retold.fidelity.entities.lexicon import _PET_NAMES
from retold.fidelity.rules import Example, never, rule


def _subsequence(short: str, long: str) -> bool:
    if not short or not long or short[0] != long[0]:
        return False
    it = iter(long)
    return all(c in it for c in short) and len(short) >= 0.6 * len(long)


def _bare(acr: str) -> str:
    """An acronym's letters: "U.S." -> "US", "P&W" -> "PW", "AMs" -> "AM"."""
    a = acr.replace(".", "").replace("&", "")
    return (a[:-1] if a.endswith("s") and a[:-1].isupper() else a).upper()


@rule(
    "entities.inner_apostrophe",
    purpose='A name word written with and without an apostrophe inside ("Shi\'ites" / "Shiites", "Qur\'an" / '
    '"Quran", "Sana\'a" / "Sanaa": transliterations differ on marking a glottal stop) is one word.',
    examples=[
        Example("Clashes between Shi'ites and Sunnis went on.", "Clashes between Shiites and Sunnis went on."),
        Example(
            "Clashes between Shi'ites and Sunnis went on.",
            "Clashes between Kurds and Sunnis went on.",
            ("entity_changed/warning: Shi'ites -> Kurds",),
        ),
    ],
    off=lambda w: None,
)
def _unmarked(w: str) -> str | None:
    """The word without its inner apostrophes, when it has one (a possessive is stripped before)."""
    if "'" not in w.strip("'"):
        return None
    return w.replace("'", "")


_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|an|ar|as|at|az)-")


@rule(
    "entities.arabic_article",
    purpose='A name with an Arabic article ("Al-Fallujah", "el-Sisi") is present where the other text drops it.',
    examples=[
        Example("Fighting went on in Al-Fallujah.", "Fighting went on in Falluja."),
        Example(
            "Fighting went on in Al-Fallujah.",
            "Fighting went on in Ramadi.",
            ("entity_changed/warning: Al-Fallujah -> Ramadi",),
        ),
    ],
    off=lambda w: 0,
)
def _article_prefix(w: str) -> int:
    """Where a name starts after an Arabic article ("al-", "el-", ...), 0 without one."""
    m = _ARTICLE_PREFIX.match(w)
    return m.end() if m else 0


@rule(
    "entities.spelling_variant",
    purpose='Two spellings of one name word ("Ahmad" / "Ahmed", "Mahaiuddin" / "Mohiuddin") are one word: of '
    "five letters or more, lengths two apart at most, 80% alike; in German also without a final s (a genitive: "
    '"Joko Widodos Besuch" / "Joko Widoko"; a stem cut shorter would make "Simpson" a "Sims", and an English s '
    'is a plural: "Democrats" is no "decorated").',
    examples=[
        Example("Police arrested Ahmad Karimi.", "Police arrested Ahmed Karimi."),
        Example("Sources say Jones was furious.", "It was learned that Johnes was furious."),
        Example(
            "Präsident Joko Widodos Besuch in Palu war für Sonntag angesetzt.",
            "Präsident Joko Widoko sollte Palu am Sonntag besuchen.",
            (),
            "de",
        ),
        Example(
            "Police arrested Ahmad Karimi.",
            "Police arrested Hamid Karimi.",
            ("entity_changed/high: Ahmad Karimi -> Hamid Karimi",),
        ),
    ],
    off=never,
)
def _near_spelling(w: str, x: str) -> bool:
    # SequenceMatcher's quick_ratio (the letters both share, as 2 * shared / total) first, without one
    shared = sum(min(w.count(c), x.count(c)) for c in set(w))
    return 2.0 * shared / (len(w) + len(x)) >= 0.8 and SequenceMatcher(None, w, x).ratio() >= 0.8


def _same_word(x: str, y: str) -> bool:
    """One name word in two forms: a stem, a short form of the other ("Greg" / "Gregory"), a pet name
    ("Hal" / "Harold")."""
    short, long = sorted((x, y), key=len)
    if _pet_name(short, long):
        return True
    return stem(x) == stem(y) or (len(short) >= 3 and long.startswith(short) and short not in STOP)


@rule(
    "entities.pet_names",
    lang="en",
    purpose='An English first name and its pet form that does not start like it ("Bob" / "Robert", "Hal" / '
    '"Harold") are one name word.',
    examples=[
        Example("Bob Smith won the race.", "Robert Smith won the race."),
        Example("Bob Smith won the race.", "Tom Smith won the race.", ("entity_changed/high: Bob Smith -> Tom Smith",)),
    ],
    off=never,
)
def _pet_name(short: str, long: str) -> bool:
    return _PET_NAMES.get(short) == long
