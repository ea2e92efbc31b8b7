"""Which article a shared passage fits: the direction signal of lifted passages.

A passage lifted from one article into another keeps its place in the article it was written for:
the sentences around it there carry on its story, while in the article that took it the sentences
around it belong to another story. So, per side, the sentences next to each run of matched
sentences are read for how much of their content the shared material has. The side whose
neighbours continue the passage is the source.

A side with no unmatched neighbour (a short article taken whole, or an answer built only from the
source) says nothing itself; it stands at ``tau``, the level between the neighbours of sources and
of copies in the calibration data (``benchmarks/direction_cv.py``). So a long article whose
neighbours fit the passage reads as the source of a short one built from it, and a long article
whose neighbours do not reads as having taken a short one whole.

Four neighbours a side, not two: in a copy the sentence next to the passage is often a reworded
leftover of it that the alignment missed, and the story around it only shows farther out (4 had the
best blocked-CV accuracy of 2-8 over ``benchmarks/direction_cv.py``'s training sets).

The passage is the shared text (``copied``): the sentences of verbatim, edited and paraphrase matches, and of a
``related`` match only where it is a piece of a shared sentence that the two articles split at other places (a
line break inside a sentence in one, a sentence cut short by the copier). Other ``related`` matches share only
the subject: they are the side's own sentences, read as its neighbours. (Before session 36 every match was the
passage: on a source whose own sentences on the subject were ``related`` to the copy's, they left it no
neighbour or walled its passage in, and they made the copy's own sentences on the subject part of the passage.)
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from retold.fidelity._shared import Doc
from retold.model import Match

NEIGHBOURS = 4  # unmatched sentences read on each side of a run of matched sentences
# A ``related`` match whose shorter side (in content words) has at least this share of them in the other is a piece
# of a shared sentence: chosen by blocked CV over 0.5, 0.7 and 0.9 (``benchmarks/direction_cv.py``'s training sets,
# ``benchmarks/piece_cv.py``)
PIECE = 0.7


def _stems(doc: Doc, idx: Collection[int]) -> set[str]:
    out: set[str] = set()
    for i in idx:
        out |= doc.sents[i].content_stems
    return out


def is_piece(a: Doc, b: Doc, m: Match, piece: float = PIECE) -> bool:
    """Whether a match holds shared text: any but ``related``, or a ``related`` one whose shorter side (in
    content words) has at least ``piece`` of them in the other (a shared sentence split at other places)."""
    if m.label != "related":
        return True
    x, y = _stems(a, m.a), _stems(b, m.b)
    return bool(x and y) and len(x & y) >= piece * min(len(x), len(y))


def copied(a: Doc, b: Doc, matches: Sequence[Match], piece: float = PIECE) -> tuple[set[int], set[int]]:
    """The sentences of A and of B that hold the shared text (``is_piece``). Where no match holds any (two reports
    of one event that share only their subject), every match is the passage: the direction is still weighed, as
    if one were retold from the other, and said with the ``same_story`` verdict."""
    kept = [m for m in matches if is_piece(a, b, m, piece)] or list(matches)
    return {i for m in kept for i in m.a}, {j for m in kept for j in m.b}


def _runs(idx: Collection[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for i in sorted(idx):
        if out and i == out[-1][1] + 1:
            out[-1] = (out[-1][0], i)
        else:
            out.append((i, i))
    return out


def neighbour_fit(doc: Doc, matched: Collection[int], k: int = NEIGHBOURS) -> float | None:
    """Mean share of a neighbouring sentence's content-word stems that the side's matched sentences have,
    over up to ``k`` unmatched sentences before and after each run of matched ones; None when no run has
    an unmatched neighbour with content words."""
    fits = neighbour_fits(doc, matched, k)
    return sum(fits) / len(fits) if fits else None


def neighbour_fits(doc: Doc, matched: Collection[int], k: int = NEIGHBOURS, skip: Collection[int] = ()) -> list[float]:
    """Each neighbour's share of ``neighbour_fit``, the sentences of ``skip`` stepped over as if they had no content
    words (``benchmarks/direction_related_cv.py`` reads related matches that way)."""
    shared: set[str] = set()
    for i in matched:
        shared |= doc.sents[i].content_stems
    fits: list[float] = []
    n = len(doc.sents)
    for lo, hi in _runs(matched):
        for step, start in ((-1, lo - 1), (1, hi + 1)):
            j, got = start, 0
            while 0 <= j < n and got < k and j not in matched:
                s = doc.sents[j]
                if j not in skip and not s.is_title and s.content_stems:
                    fits.append(len(s.content_stems & shared) / len(s.content_stems))
                    got += 1
                j += step
    return fits


def oriented(fit_a: float | None, fit_b: float | None, tau: float) -> float:
    """A's neighbour fit minus B's (a side without neighbours at ``tau``): > 0 points to A as the source."""
    return (tau if fit_a is None else fit_a) - (tau if fit_b is None else fit_b)
