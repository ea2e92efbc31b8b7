"""What each side's unmatched sentences look like, and which side's shared sentences read plainer.

The per-sentence evidence of the direction (``retold.fidelity.direction``): a sentence only one article
has is a detail the other left out, material brought in from elsewhere, or a leftover piece of a shared
sentence; its feature row lets the fitted classifier tell which.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from retold.fidelity._shared import Doc, has, prefix_key, stem
from retold.fidelity.entities import unfamiliar_names
from retold.model import Match


@dataclass(frozen=True)
class Unmatched:
    """The evidence on one side's unmatched sentences: their indices and one feature row each."""

    index: tuple[int, ...]
    rows: np.ndarray  # (len(index), n_features)


def unmatched_features(
    doc: Doc,
    other: Doc,
    unmatched: Sequence[int],
    core: Sequence[int],
    other_core: Sequence[int],
    vecs: np.ndarray | None,
    other_vecs: np.ndarray | None,
    features: Sequence[str],
) -> Unmatched:
    """Per unmatched sentence (titles and sentences without content words skipped):

    ``cov`` share of its content words whose family occurs in the matched sentences of either side;
    ``other_cov`` / ``own_cov`` the share that occurs anywhere in the other article / in its own outside
    the run of unmatched sentences it stands in (a block brought in from elsewhere shares words within
    itself); ``words`` its number of content words (a piece of a split sentence is short);
    ``max_cos`` its highest cosine to its own side's matched sentences; ``near_cos`` its mean cosine
    to the nearest matched sentence before and after it (the story it sits in); ``other_max_cos`` its
    highest cosine to any sentence of the other article, ``other_un_cos`` to the other side's unmatched
    ones; ``new_names`` how many names (up to 3) neither the other article nor the rest of its own has
    (lines from another story bring their own people and places; a piece of a split sentence brings none).
    The cosines' weights were fitted on the default encoder's vectors; another model's scale may call for a
    refit."""
    idx: list[int] = []
    rows: list[list[float]] = []
    if not core:
        return Unmatched((), np.zeros((0, len(features))))
    st = doc.stems_of(core) | other.stems_of(other_core)
    pf = {prefix_key(s) for s in st}
    other_st, other_pf = other.stems, other.prefixes
    core_v = vecs[list(core)] if vecs is not None else None
    other_matched = set(other_core)
    other_un = [i for i in range(len(other.sents)) if i not in other_matched]
    unmatched_set = set(unmatched)
    whole = _family_counts(doc, range(len(doc.sents)))
    last_run, in_run = range(0), whole
    for i in unmatched:
        if doc.sents[i].is_title:
            continue
        words = doc.sents[i].content
        if not words:
            continue
        run = _run_of(i, unmatched_set)
        if run != last_run:
            last_run, in_run = run, _family_counts(doc, run)
        values = {
            "cov": sum(1 for t in words if has(st, pf, t.text)) / len(words),
            "other_cov": sum(1 for t in words if has(other_st, other_pf, t.text)) / len(words),
            "own_cov": sum(1 for t in words if _outside(t.text, whole, in_run)) / len(words),
            "words": float(len(words)),
        }
        if "new_names" in features:
            known = [k for k in range(len(doc.sents)) if k not in run]
            values["new_names"] = float(min(3, unfamiliar_names(doc, i, other, known)))
        if vecs is not None and core_v is not None and other_vecs is not None:
            sims = core_v @ vecs[i]
            values["max_cos"] = float(sims.max())
            before = [k for k, c in enumerate(core) if c < i][-1:]
            after = [k for k, c in enumerate(core) if c > i][:1]
            values["near_cos"] = float(np.mean([sims[k] for k in before + after]))
            other_sims = other_vecs @ vecs[i]
            values["other_max_cos"] = float(other_sims.max())
            values["other_un_cos"] = float(other_sims[other_un].max()) if other_un else 0.0
        idx.append(i)
        rows.append([values[f] for f in features])
    return Unmatched(tuple(idx), np.array(rows, dtype=np.float64).reshape(len(rows), len(features)))


FamilyCounts = tuple[Counter[str], Counter[str]]


def _family_counts(doc: Doc, idx: Iterable[int]) -> FamilyCounts:
    """In how many of some sentences each stem, and each stem's five-letter start, occurs."""
    stems: Counter[str] = Counter()
    prefixes: Counter[str] = Counter()
    for i in idx:
        stems.update(doc.sents[i].stems)
        prefixes.update({prefix_key(x) for x in doc.sents[i].stems})
    return stems, prefixes


def _outside(word: str, whole: FamilyCounts, part: FamilyCounts) -> bool:
    """Whether a word's family (as ``has`` reads it) occurs in some sentence outside ``part``."""
    st = stem(word)
    if whole[0][st] > part[0][st]:
        return True
    return len(st) >= 6 and whole[1][prefix_key(st)] > part[1][prefix_key(st)]


def _run_of(i: int, unmatched: set[int]) -> range:
    """The run of consecutive unmatched sentences that sentence ``i`` stands in."""
    lo = hi = i
    while lo - 1 in unmatched:
        lo -= 1
    while hi + 1 in unmatched:
        hi += 1
    return range(lo, hi + 1)


def plainer(da: Doc, db: Doc, matches: Sequence[Match]) -> float:
    """Over the matched sentences that are not verbatim: how many times A's side has the higher share of
    content words minus how many times B's does. Rewriters spell things out, so the retelling tends to read
    plainer; > 0 points to A as the source."""
    total = 0.0
    for m in matches:
        if m.label == "verbatim":
            continue
        total += float(np.sign(_density(da, m.a) - _density(db, m.b)))
    return total


def _density(doc: Doc, idx: Sequence[int]) -> float:
    words = sum(len(doc.sents[i].tokens) for i in idx)  # tokens are words: no punctuation among them
    return sum(len(doc.sents[i].content) for i in idx) / words if words else 0.0
