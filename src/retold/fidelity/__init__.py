"""What a retelling changed (quotes, numbers, names, credits, added clauses, meaning) and who came first.

``analyse`` turns an alignment into :class:`retold.model.Flag` records, spans in each article's
original text, reading its first article as the source; ``decide_direction`` weighs dates, credits,
those flags and the unmatched material; ``from_source`` reads the flags from the article that came first.
"""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence
from typing import Any

from retold.fidelity import (
    _shared,
    added,
    attribution,
    claims,
    credit_flags,
    disguise,
    entities,
    meaning,
    numbers,
    quotes,
)
from retold.fidelity._hanta import loaded as _models_loaded
from retold.fidelity._shared import Doc, doc_for, sentence_of, valid_matches
from retold.fidelity._stems import forget_stems
from retold.fidelity.direction import Vectors, decide, direction_model
from retold.fidelity.direction_score import shared_share, weighs_specifics
from retold.fidelity.sides import INDEPENDENT_NOTE, UNDECIDED_NOTE, from_source, swap_match
from retold.model import Article, Direction, Flag, Match, Span

# A weak `related` match pairs sentences on one topic that do not retell each other, so what differs between
# them is no change the retelling made. In the hand audit (benchmarks/results/flag_audit.md) 41 of the 61 wrong
# flags of 200 came from `related` matches (precision 0.44); below this score nearly all were wrong. Chosen by
# blocked CV over the audit's related-match flags (benchmarks/related_floor_cv.py: 0.08 in 4 folds of 5; held
# out, 24 of 32 right flags kept, 12 of 41 wrong ones).
RELATED_FLOOR = 0.08
# A `related` match whose two sentences share under this share of their character 4-grams (the smaller of the two
# containments, evidence ``char_min``) pairs two statements on one topic, not one statement retold (34 flags
# still raised in the four hand audits were judged wrong for that cause). Chosen by blocked CV over 8 contiguous
# blocks of the audits' pairs (benchmarks/unrelated_match_cv.py: 0.15 in every fold; held out, 20 of 185 wrong
# flags withheld and 7 of 327 right ones). Within one language only: a translation shares no 4-grams.
RELATED_CHARS = 0.15
# A change (a number, a name, a credit or a statement's sense read as altered) reads the two sentences of a match
# as one statement, which a `related` match has not shown them to be: they may be two statements on one topic (a
# share price at two times, two days' events). What one of them has and the other lacks is still read. Chosen by
# leave-one-audit-out over the six hand audits (benchmarks/related_change_cv.py: taken in every fold; held out 22
# wrong flags withheld and 4 right ones), then checked on the seventh audit, drawn after the choice: 5 wrong, 0 right.
CHANGE_KINDS = frozenset({"number_changed", "entity_changed", "attribution_changed", "meaning_shift"})

FLAG_KINDS = (
    "quote_altered",
    "quote_dropped",
    "quote_added",
    "number_changed",
    "number_added",
    "number_dropped",
    "entity_changed",
    "entity_added",
    "entity_dropped",
    "attribution_dropped",
    "attribution_added",
    "attribution_changed",
    "claim_added",
    "story_added",
    "meaning_shift",
    "disguised_text",
)
# Each kind as the same finding reads with source and retelling swapped (a direction decided the other way): what
# the source had and the retelling dropped is, read the other way, what the retelling added; a change stays a
# change. claim_added, story_added and disguised_text have none (read the other way, nothing is flagged).
MIRRORED_KINDS = {
    k: k.removesuffix("_dropped") + "_added" if k.endswith("_dropped") else k.removesuffix("_added") + "_dropped"
    for k in FLAG_KINDS
    if k.endswith(("_dropped", "_added")) and k not in ("claim_added", "story_added")
} | {k: k for k in ("quote_altered", "number_changed", "entity_changed", "attribution_changed", "meaning_shift")}


def analyse(
    a: Article,
    b: Article,
    matches: Sequence[Match],
    only_in_a: Sequence[int],
    only_in_b: Sequence[int],
    *,
    weighed_only: bool = False,
    specifics: bool = True,
) -> list[Flag]:
    """Every change B made to A (read as the source): within the matched sentences, and the sentences only B has;
    in reading order of A. ``weighed_only``: just what the direction weighs (see :func:`weighed`), and of that
    the names, numbers and quotes only when ``specifics``."""
    valid = valid_matches(a, b, matches)
    if not valid:
        return []
    da, db = doc_for(a), doc_for(b)
    same_language = a.language == b.language
    kept = [
        m
        for m in valid
        if not _unrelated(m, same_language) and not _furniture(da, db, m) and not numbers.two_readings(da, db, m)
    ]
    # two reports with no figure in common (numbers.different_readings): nothing is read from them where only
    # related; matched closer, their names, credits and quotes are compared, not their figures, the clauses one adds
    # or their sense
    # the direction without the specifics reads only the credits of ``ms``, which two reports leave out only where
    # related: a closer match's reports are then not read (the figures' extraction is most of that reading's cost)
    full = specifics or not weighed_only
    reports = [(full or m.label == "related") and numbers.other_reports(da, db, m) for m in kept]
    ms = [m for m, r in zip(kept, reports, strict=True) if not (r and m.label == "related")]
    told = [m for m, r in zip(kept, reports, strict=True) if not r]
    flags: list[Flag] = []
    if full:
        flags += quotes.compare(da, db, ms, changes=not weighed_only)
        flags += numbers.compare(da, db, told)
        flags += entities.compare(
            da, db, ms, attribution.name_spans(da), attribution.name_spans(db), changes=not weighed_only
        )
    flags += credit_flags.compare(da, db, ms)
    if weighed_only:
        flags = [f for f in flags if f.kind.endswith(("_dropped", "_added"))]
    else:
        flags += claims.compare(da, db, told)
        flags += meaning.compare(da, db, told)
        # a sentence of B matched only to furniture of A (its credit line, a photo caption) has no counterpart
        lone = [j for m in valid if all(da.sents[i].is_furniture for i in m.a) for j in m.b]
        flags += added.compare(da, db, sorted({j for j in [*only_in_b, *lone] if 0 <= j < len(db.sents)}))
        flags += disguise.compare(a, b)
    loose = [m for m in ms if m.label == "related"]
    seen: set[tuple[object, ...]] = set()
    out: list[Flag] = []
    for f in flags:
        key = (f.kind, f.a, f.b)
        if key in seen or (f.kind in CHANGE_KINDS and any(_within(a, b, m, f) for m in loose)):
            continue
        seen.add(key)
        out.append(f)
    big = len(a.text) + len(b.text) + 1
    out.sort(key=lambda f: (f.a.start if f.a else big, f.b.start if f.b else big, f.kind))
    return out


def _unrelated(m: Match, same_language: bool) -> bool:
    """A `related` match too weak to read changes from: a low paraphrase score, or (within one language) few
    shared character 4-grams. What differs between its sentences is no change the retelling made."""
    if m.label != "related":
        return False
    return m.score < RELATED_FLOOR or (same_language and m.evidence.get("char_min", 1.0) < RELATED_CHARS)


def _within(a: Article, b: Article, m: Match, f: Flag) -> bool:
    """The flag reads its two spans from the two sides of this match (each inside one of its sentences)."""

    def inside(art: Article, idx: Sequence[int], span: Span | None) -> bool:
        i = sentence_of(art, span)
        return span is not None and i is not None and i in idx and span.end <= art.sentences[i].end

    return inside(a, m.a, f.a) and inside(b, m.b, f.b)


def _furniture(da: Doc, db: Doc, m: Match) -> bool:
    """A match one of whose sides is only furniture lines (a staff credit line, a pointer to another piece): what
    differs there is who wrote or edited it, not what the story says."""
    return all(da.sents[i].is_furniture for i in m.a) or all(db.sents[j].is_furniture for j in m.b)


def weighed(
    a: Article,
    b: Article,
    matches: Sequence[Match],
    only_in_a: Sequence[int],
    only_in_b: Sequence[int],
    *,
    mode: str = "model",
) -> list[Flag]:
    """Only the flags the direction counts (names, numbers, quotes and credits dropped or added), for a scan:
    an edge keeps no flags (they are read when the pair is viewed), and claims, meaning shifts and disguise
    never enter the direction, so it comes out the same for about two thirds of the cost. Names, numbers and
    quotes only when the pair model that reads the pair in this ``mode`` counts them (a lifted passage's
    does not)."""
    pm = direction_model(mode).pair_for(shared_share(a, b, valid_matches(a, b, matches)))
    return analyse(a, b, matches, only_in_a, only_in_b, weighed_only=True, specifics=weighs_specifics(pm))


def decide_direction(
    a: Article,
    b: Article,
    matches: Sequence[Match],
    only_in_a: Sequence[int],
    only_in_b: Sequence[int],
    flags: Sequence[Flag],
    vectors: Vectors | None = None,
) -> tuple[Direction, float, tuple[str, ...]]:
    """``a_to_b``, ``b_to_a``, ``common_source`` or ``undetermined``, a confidence in 0..1, and why.

    ``vectors`` (unit sentence vectors of A and B) let the direction weigh meaning, not only words.
    """
    return decide(a, b, valid_matches(a, b, matches), only_in_a, only_in_b, flags, vectors)


def models_loaded() -> int:
    """How many tagger models this process holds (each lives as long as the process): a worker freezes its heap
    once more are loaded, so garbage collection stops walking them."""
    return _models_loaded()


def document_cache() -> MutableMapping[Any, Any]:
    """The prepared documents kept for the last compared articles, for a worker to empty before it freezes."""
    return _shared._DOCS


__all__ = [
    "FLAG_KINDS",
    "INDEPENDENT_NOTE",
    "MIRRORED_KINDS",
    "RELATED_CHARS",
    "RELATED_FLOOR",
    "UNDECIDED_NOTE",
    "Doc",
    "added",
    "analyse",
    "attribution",
    "claims",
    "decide_direction",
    "disguise",
    "document_cache",
    "entities",
    "forget_stems",
    "from_source",
    "meaning",
    "models_loaded",
    "numbers",
    "quotes",
    "swap_match",
    "weighed",
]
