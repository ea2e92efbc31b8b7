"""number_changed / number_added / number_dropped within matched sentences."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from retold.fidelity._shared import Doc, SentView
from retold.fidelity.numbers.facts import _distance, _pairable, same, within_bound, within_month
from retold.fidelity.numbers.forms import HARD_SPACES
from retold.fidelity.numbers.lexicon import _TRIGGERS
from retold.fidelity.numbers.parse import Quantity, extract
from retold.fidelity.numbers.patterns import _MAYBE, _MAYBE_LOWER
from retold.fidelity.numbers.readings import different_readings, totals, two_times
from retold.fidelity.numbers.relative import offsets, restated
from retold.fidelity.numbers.spans import spans_kept
from retold.fidelity.rules import Example, never, rule
from retold.model import Flag, Match, Span


def _may_hold_numbers(sv: SentView) -> bool:
    """A cheap test that spares most sentences the full set of patterns."""
    # in ASCII text ignoring case is lower-casing, and the lower-cased search is the faster
    if _MAYBE_LOWER.search(sv.norm.lower()) if sv.norm.isascii() else _MAYBE.search(sv.norm):
        return True
    # each part of a hyphenated word: "Twenty-five", "Two-thirds"
    return any(w in _TRIGGERS or w.rstrip("s") in _TRIGGERS for t in sv.tokens for w in t.text.lower().split("-"))


_DIGIT_SPACE = re.compile(r"(?<=\d) (?=\d)")


def _hard_spaced(doc: Doc, sv: SentView) -> str:
    """The sentence's normal text with its no-break spaces between digits put back: the normal text has plain
    spaces, and a no-break space groups thousands in any language ("12\u202f500")."""
    text = sv.norm
    original = doc.article.text
    if not any(c in original[sv.offsets[0] : sv.offsets[-1] + 1] for c in HARD_SPACES):
        return text
    chars = list(text)
    for k in range(1, len(text) - 1):
        if (
            text[k] == " "
            and original[sv.offsets[k]] in HARD_SPACES
            and text[k - 1].isdigit()
            and text[k + 1].isdigit()
        ):
            chars[k] = original[sv.offsets[k]]
    return "".join(chars)


def _sent_quantities(doc: Doc, sv: SentView) -> list[Quantity]:
    if not _may_hold_numbers(sv):
        return []
    mapped = []
    for q in extract(_hard_spaced(doc, sv), doc.lang):
        sp = sv.span(q.start, q.end)
        mapped.append(replace(q, start=sp.start, end=sp.end, text=doc.article.text[sp.start : sp.end]))
    return mapped


def quantities(doc: Doc, idx: Sequence[int] | None = None) -> list[Quantity]:
    """Quantities of some sentences of a document (all when ``idx`` is None), spans in original text."""
    return doc.per_sentence("numbers", _sent_quantities, idx)


def _describe(q: Quantity) -> str:
    return {"date": "date", "year": "year", "money": "amount", "percent": "percentage", "time": "time"}.get(
        q.kind, "number"
    )


def _before(doc: Doc, qs: Sequence[Quantity]) -> list[str]:
    """The text before each figure (a few words), where the word that makes it a level is."""
    return [doc.article.text[max(0, q.start - 30) : q.start] for q in qs]


def _context(doc: Doc, q: Quantity) -> set[str]:
    t = doc.article.text
    left = t[max(0, q.start - 40) : q.start].lower().split()[-3:]
    right = t[q.end : q.end + 40].lower().split()[:3]
    return {w.strip(".,;:()\"'") for w in left + right} - {""}


@rule(
    "numbers.moved_elsewhere",
    purpose="A figure the other text states in another sentence moved; it is neither dropped nor added.",
    examples=[
        Example(
            "The bridge opened in 2019 after long delays. It carries trams.",
            "The bridge opened after long delays. Since 2019 it has carried trams.",
            matched=(((0,), (0,)), ((1,), (1,))),
        ),
        Example(
            "The bridge opened in 2019 after long delays. It carries trams.",
            "The bridge opened after long delays. It has carried trams.",
            ("number_dropped/info: 2019 -> -",),
            matched=(((0,), (0,)), ((1,), (1,))),
        ),
    ],
    off=never,
)
def _elsewhere(q: Quantity, others: Sequence[Quantity]) -> bool:
    return any(same(q, y) for y in others)


_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


@rule(
    "numbers.glued_figure",
    purpose="A figure left over on one side whose digits the other side's matched sentences hold glued to the end "
    'of a lower-case word ("gaben17 Prozent der Arbeitgeber": a space lost) is there, neither dropped nor added; '
    'the figure is not read there, as a word with digits is often a name ("covid19", "mp3").',
    lang="any",
    examples=[
        Example(
            "Nur 17 Prozent der Arbeitgeber gaben an, dass sie zufrieden sind.",
            "Lediglich gaben17 Prozent der Arbeitgeber an, dass sie zufrieden sind.",
            lang="de",
        ),
        Example(
            "Nur 17 Prozent der Arbeitgeber gaben an, dass sie zufrieden sind.",
            "Lediglich gaben18 Prozent der Arbeitgeber an, dass sie zufrieden sind.",
            ("number_dropped/info: 17 Prozent -> -",),
            lang="de",
        ),
    ],
    off=never,
)
def _glued(q: Quantity, other: str) -> bool:
    """Whether ``other`` holds ``q``'s digits right after a lower-case letter, no digit going on after them."""
    m = _FIGURE.search(q.text)
    return m is not None and re.search(rf"[a-zäöüß]{re.escape(m.group())}(?![.,]?\d)", other) is not None


@rule(
    "numbers.far_apart",
    purpose="Two figures more than two orders of magnitude apart, with no neighbouring word in common, are not "
    "one figure changed: one was dropped and another added.",
    examples=[
        Example(
            "Officials counted 3 trucks near the border.",
            "Police later seized 4,000 rifles.",
            ("number_dropped/info: 3 -> -", "number_added/warning: - -> 4,000"),
        ),
        Example(
            "Officials counted 3 trucks near the border.",
            "Officials counted 4,000 trucks near the border.",
            ("number_changed/high: 3 -> 4,000",),
        ),
    ],
    off=never,
)
def _too_far(x: Quantity, y: Quantity, shared_context: bool) -> bool:
    return not shared_context and _distance(x, y) > 2.0


@rule(
    "numbers.verbatim_holds_the_figures",
    purpose="Sentences the same up to case, punctuation and spacing (a verbatim match) hold the same figures: "
    '"12 000" and "12,000" differ in a separator, not a figure, so no number flag is read from them.',
    examples=[
        Example("The firm will hire 12 000 workers.", "The firm will hire 12,000 workers."),
        Example(
            "The firm will hire 12,000 workers.",
            "The firm will hire 13,000 workers.",
            ("number_changed/high: 12,000 -> 13,000",),
        ),
    ],
    off=never,
)
def _verbatim(m: Match) -> bool:
    return m.label == "verbatim"


def two_readings(da: Doc, db: Doc, m: Match) -> bool:
    """Whether a match only related pairs two readings of one measure at two times (``readings.two_times``): two
    statements, from which no flag of any check is read."""
    return m.label == "related" and bool(_readings(da, db, m))


def other_reports(da: Doc, db: Doc, m: Match) -> bool:
    """Whether a match pairs two reports, each with its own figures (``readings.different_readings``): no figure,
    added clause or sense is read from it, and nothing at all where it is only related."""
    qa, qb = quantities(da, m.a), quantities(db, m.b)
    return bool(qa) and different_readings(qa, qb, m.label, _around(da, qa), _around(db, qb))


def _around(doc: Doc, qs: Sequence[Quantity]) -> list[tuple[str, str]]:
    """The text before each figure (a few words) and the word after it, where a name it is part of is."""
    t = doc.article.text
    return [(b, t[q.end : q.end + 12]) for q, b in zip(qs, _before(doc, qs), strict=True)]


def reading_spans(da: Doc, db: Doc, m: Match) -> list[Span]:
    """The retelling's figures in a match that are its own reading of a measure the source read at another time
    (``readings.two_times``): they stand for the source's, which no check should read as new."""
    ids = _readings(da, db, m)
    return [Span(q.start, q.end) for q in quantities(db, m.b) if id(q) in ids]


def _readings(da: Doc, db: Doc, m: Match) -> set[int]:
    qa, qb = quantities(da, m.a), quantities(db, m.b)
    return two_times(qa, _before(da, qa), qb, _before(db, qb)) if qa and qb else set()


def compare(da: Doc, db: Doc, matches: Sequence[Match]) -> list[Flag]:
    """number_changed / number_added / number_dropped within matched sentences."""
    flags: list[Flag] = []
    all_a = quantities(da)
    all_b = quantities(db)
    for m in matches:
        if _verbatim(m):
            continue
        qa = quantities(da, m.a)
        qb = quantities(db, m.b)
        used_b: set[int] = set()
        left_a: list[Quantity] = []
        for x in qa:
            k = next((j for j, y in enumerate(qb) if j not in used_b and (same(x, y) or within_bound(x, y))), None)
            if k is None:
                left_a.append(x)
            else:
                used_b.add(k)
        left_b = [y for j, y in enumerate(qb) if j not in used_b]
        # a figure past a bound of the other side within its last digit is that bound (a range past it whole)
        left_a = [x for x in left_a if not any(y.bound and within_bound(y, x) for y in qb)]
        left_b = [y for y in left_b if not any(x.bound and within_bound(x, y) for x in qa)]
        readings = _readings(da, db, m)
        left_a = [x for x in left_a if id(x) not in readings]
        left_b = [y for y in left_b if id(y) not in readings]
        # material that moved elsewhere in the other article is not a change
        left_a = [x for x in left_a if not _elsewhere(x, all_b)]
        left_b = [y for y in left_b if not _elsewhere(y, all_a)]
        text_a, text_b = (" ".join(d.sents[i].norm for i in idx) for d, idx in ((da, m.a), (db, m.b)))
        left_a = [x for x in left_a if not _glued(x, text_b)]
        left_b = [y for y in left_b if not _glued(y, text_a)]
        left_a, left_b = spans_kept(left_a, text_b), spans_kept(left_b, text_a)
        left_a, left_b = offsets(left_a, qa, left_b)
        left_a = restated(left_a, (text_a, text_b), left_b, (da, db))
        left_a, left_b = totals(left_a, left_b)
        pairs: list[tuple[Quantity, Quantity]] = []
        rest_b = list(left_b)
        for x in list(left_a):
            cands = [y for y in rest_b if _pairable(x, y)]
            if not cands:
                continue
            cx = _context(da, x)
            best = max(cands, key=lambda y: (len(cx & _context(db, y)), -_distance(x, y)))
            if _too_far(x, best, bool(cx & _context(db, best))):
                continue
            pairs.append((x, best))
            rest_b.remove(best)
            left_a.remove(x)
        for x, y in pairs:
            if within_month(x, y):  # the same date made precise
                continue
            flags.append(
                Flag(
                    "number_changed",
                    Span(x.start, x.end),
                    Span(y.start, y.end),
                    x.text,
                    y.text,
                    "high",
                    f"{_describe(x)} changed: {x.text!r} became {y.text!r}",
                )
            )
        for x in left_a:
            if x.salient:
                flags.append(
                    Flag(
                        "number_dropped",
                        Span(x.start, x.end),
                        None,
                        x.text,
                        None,
                        "info",
                        f"{_describe(x)} {x.text!r} left out",
                    )
                )
        for y in rest_b:
            if y.salient:
                flags.append(
                    Flag(
                        "number_added",
                        None,
                        Span(y.start, y.end),
                        None,
                        y.text,
                        "warning",
                        f"{_describe(y)} {y.text!r} not in the other text",
                    )
                )
    return flags
