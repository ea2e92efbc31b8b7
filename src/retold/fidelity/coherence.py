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
"""

from __future__ import annotations

from collections.abc import Collection

from retold.fidelity._shared import Doc

NEIGHBOURS = 4  # unmatched sentences read on each side of a run of matched sentences


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
                if not s.is_title and s.content_stems:
                    fits.append(len(s.content_stems & shared) / len(s.content_stems))
                    got += 1
                j += step
    return sum(fits) / len(fits) if fits else None


def oriented(fit_a: float | None, fit_b: float | None, tau: float) -> float:
    """A's neighbour fit minus B's (a side without neighbours at ``tau``): > 0 points to A as the source."""
    return (tau if fit_a is None else fit_a) - (tau if fit_b is None else fit_b)
