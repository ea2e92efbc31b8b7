"""Whether a name is in a text by any variant: itself, its last word, spellings, acronyms and their expansions.

The rules that answer it ask a name index (:mod:`retold.fidelity.entities.index`: what a stretch of text offers,
built once per document and set of sentences); here is what counts as the same name, there what a text holds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from retold.fidelity._shared import Doc
from retold.fidelity._stems import ALIASES, fold, prefix_key, stem
from retold.fidelity.entities.index import _Index, _index, _whole_index
from retold.fidelity.entities.lexicon import _GENERIC_FIRST, _LAST_HEADS, _NATIONAL
from retold.fidelity.entities.spelling import _article_prefix, _bare, _near_spelling, _subsequence, _unmarked
from retold.fidelity.entities.tokens import Entity, is_acronym
from retold.fidelity.rules import Example, never, rule
from retold.text.normalise import normalise


def present(e: Entity, ix: _Index) -> bool:
    """Whether a name is in a text by any variant: itself, its last word, most of its words, acronym or expansion."""
    if not e.text.isascii():  # read as the comparison reads it: "U.\u0405." (a Cyrillic S) is "U.S."
        e = Entity(e.start, e.end, normalise(e.text).text, e.keys, e.acronym, e.sentence)
    if e.acronym:
        a = _bare(e.text)
        if stem(e.text) in ix.stems or fold(a) in ix.stems or a in ix.acronyms:
            return True
        return _initials_spell(a, ix) or _spelled_out(ix, a)
    keys = e.keys
    hits = [_has_name(ix, k) for k in keys]
    # the last word stands for the name ("Obama"), unless it is an institution word: "the department" is no name
    if hits and ((hits[-1] and (len(keys) == 1 or keys[-1] not in _LAST_HEADS)) or sum(hits) >= 0.6 * len(hits)):
        return True
    if len(keys) >= 2 and hits[0] and _short_form(e, ix):
        return True
    if len(keys) >= 2 and _expansion(e, ix):
        return True
    return _alias_phrase(keys, ix)


def named_in(e: Entity, src: Doc, idx: Sequence[int] | None = None) -> bool:
    """Whether ``src`` holds the name by any variant (``present``): in its sentences ``idx``, or anywhere when
    ``idx`` is None. The one place the checks ask whether a name is already in the other text (the name flags,
    the claim check, the passage check); each index is built once per document and set of sentences."""
    return present(e, _whole_index(src) if idx is None else _index(src, idx))


@rule(
    "entities.acronym_initials",
    purpose="An acronym is present where the other text has a capitalised stretch with those initials, joiners "
    'allowed ("NATO\'s Security Assistance and Training Mission" holds NSATU, "the University of California at Los '
    'Angeles" UCLA).',
    examples=[
        Example("Engines came from P&W.", "Engines came from Pratt & Whitney."),
        Example("He studied at the University of California at Los Angeles.", "He studied at UCLA."),
        Example(
            "Engines came from P&W.",
            "Engines came from Rolls-Royce.",
            ("entity_dropped/info: P&W -> -", "entity_added/warning: - -> Rolls-Royce"),
        ),
    ],
    off=never,
)
def _initials_spell(a: str, ix: _Index) -> bool:
    return any(_subsequence(a, ini) for ini in ix.initials)


@rule(
    "entities.acronym_spelled_out",
    purpose='An acronym of three letters or more is present where consecutive words spell it in any case ("severe '
    'acute respiratory syndrome" for SARS).',
    examples=[
        Example("SARS spread fast in the city.", "The severe acute respiratory syndrome spread fast in the city."),
        Example("SARS spread fast in the city.", "Fear spread fast in the city.", ("entity_dropped/info: SARS -> -",)),
    ],
    off=never,
)
def _spelled_out(ix: _Index, acr: str) -> bool:
    return ix.spelled_out(acr)


@rule(
    "entities.short_form",
    lang="en",
    purpose='A name of several words is present where its distinctive first word is ("Netscape" for "Netscape '
    'Communications"), one of five letters or more or an acronym of three before one word ("SCO" for "SCO Group", '
    'not "SSE" for "SSE CEO Marchant"); not a generic first word ("New York" is not "New Jersey"), a nationality, '
    'an "and" name, or in German, where a first word is often a noun.',
    examples=[
        Example("Netscape Communications cut jobs.", "Netscape cut jobs."),
        Example("The SCO Group said the GPL is void.", "SCO said the GPL is void."),
        Example(
            "The SCO Group said the GPL is void.",
            "Lawyers said the GPL is void.",
            ("entity_dropped/info: SCO Group -> -",),
        ),
        Example(
            "New York Times cut jobs.", "New Jersey cut jobs.", ("entity_changed/high: New York Times -> New Jersey",)
        ),
    ],
    off=never,
)
def _short_form(e: Entity, ix: _Index) -> bool:
    keys = e.keys
    first = e.text.split()[0]
    return (
        not _AND_INSIDE.search(e.text)  # "securities" is no short form of "Securities and Exchange Commission"
        and ix.doc.lang != "de"  # a German name's first word is often a noun: "Montagmorgen Arizona"
        # an acronym before one word ("SCO Group"); before more, a person is often run on ("SSE CEO Marchant")
        and (len(keys[0]) >= 5 or (is_acronym(first) and len(_bare(first)) >= 3 and len(keys) == 2))
        and keys[0] not in _GENERIC_FIRST
        and keys[0] not in _NATIONAL
    )


@rule(
    "entities.acronym_expansion",
    purpose="A name of several words is present where the other text uses its acronym or a longer one holding it "
    '("Commonwealth Heads of Government" in CHOGM).',
    examples=[
        Example("The Securities and Exchange Commission opened a case.", "The SEC opened a case."),
        Example(
            "The Federal Trade Commission opened a case.",
            "The SEC opened a case.",
            ("entity_dropped/info: Federal Trade Commission -> -", "entity_added/warning: - -> SEC"),
        ),
    ],
    off=never,
)
def _expansion(e: Entity, ix: _Index) -> bool:
    keys = e.keys
    ini = "".join(k[0].upper() for k in keys)
    # "Commonwealth Heads of Government" is CHOG(M) with its "of", "Security Council" SC without
    ini_of = "".join(w[0].upper() for w in e.text.split() if w.lower() not in ("and", "the", "&"))
    return any(ini in a or ini_of in a for a in ix.acronyms if len(a) >= 3 or a == ini)


@rule(
    "entities.alias_phrase",
    purpose='A name of several words that is an alias ("United States", "European Union") is present where the '
    "other text has its canonical form.",
    examples=[
        Example("Troops from the United Kingdom arrived.", "Troops from Britain arrived."),
        Example(
            "Troops from the United Kingdom arrived.",
            "Troops from France arrived.",
            ("entity_changed/high: United Kingdom -> France",),
        ),
    ],
    off=never,
)
def _alias_phrase(keys: Sequence[str], ix: _Index) -> bool:
    full = " ".join(keys)
    return full in ALIASES and ALIASES[full] in ix.stems


_AND_INSIDE = re.compile(r"\s(?:and|&)\s")


def _missing(e: Entity, ix: _Index) -> dict[int, str]:
    return {k: w for k, w in enumerate(e.keys) if len(w) >= 2 and not _has_name(ix, w)}


def _has_name(ix: _Index, w: str) -> bool:
    """A name word in a text, allowing spelling variants ("Ahmad"/"Ahmed", "Tim"/"Timothy")."""
    hit = ix.names.get(w)
    if hit is None:
        hit = ix.names[w] = _find_name(ix, w)
    return hit


def _find_name(ix: _Index, w: str) -> bool:
    bare = _unmarked(w)
    if bare and _has_name(ix, bare):
        return True
    s = stem(w)
    if s in ix.stems or (len(s) >= 6 and prefix_key(s) in ix.prefixes):
        return True  # has(ix.stems, ix.prefixes, w, short=True), its stems looked up by first letter
    if 4 <= len(s) <= 5 and s.isalpha():
        # a stem that starts with s and is at most 3 longer, or one of 4 letters or more, at most 2 shorter, that s
        # starts with: only stems of those lengths are looked at
        by_first = ix.by_first()
        stems = ix.stems  # the table may be the whole document's
        for n in range(max(4, len(s) - 2), len(s) + 4):
            for x in by_first.get((s[:1], n), ()):
                if x not in stems:
                    continue
                if (x.startswith(s) and len(x) - len(s) <= 3) or (
                    s.startswith(x) and len(s) - len(x) <= 2 and len(x) >= 4
                ):
                    return True
    article = _article_prefix(w)
    if article and len(w) - article >= 4:
        return _has_name(ix, w[article:])  # "Al-Fallujah" / "Falluja"
    if len(w) < 3 or not w.isalpha():
        return False
    # only stems of the same first letter and a length at most 4 apart, three letters or more and no stopword
    # ("die" and "has" start "Diego" and "Hasbro" but are no names)
    names = ix.names_by_first()
    stems = ix.stems  # the table may be the whole document's
    # German adds an s to a name for the genitive ("Widodos Besuch": "Widodo", misspelt "Widoko"); English has
    # its possessive stripped, and there the s is a plural ("Democrats" is no "decorat(ed)")
    forms = {w, w.removesuffix("s")} if ix.doc.lang == "de" else {w}
    for n in range(max(3, len(w) - 4), len(w) + 5):
        for x in names.get((w[:1], n), ()):
            if x not in stems:
                continue  # the table is the whole document's
            if x.startswith(w) or w.startswith(x):
                return True
            if any(_close(v, x) for v in forms):
                return True
    return False


def _close(w: str, x: str) -> bool:
    """Two spellings of one name word (``_near_spelling``), of lengths the loop of ``_find_name`` allows."""
    near = len(w) >= 5 and abs(len(x) - len(w)) <= 2 and (x[:2] == w[:2] or min(len(w), len(x)) >= 6)
    return near and _near_spelling(w, x)
