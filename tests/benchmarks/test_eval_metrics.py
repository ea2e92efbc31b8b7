"""The harness's metric functions on hand-made inputs: no model, no data, fast."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest

from evallib import wmt19
from evallib.metrics import (
    Passage,
    accuracy,
    binary_f1,
    calibration,
    confusion,
    pearson,
    plagdet,
    prf,
    prf_counts,
    recall_at_fpr,
    spearman,
)
from evallib.pan13 import passages
from evallib.paraphrase import best_threshold
from retold.model import Article, Comparison, Match, Sentence, Verdict

# --- plagdet --------------------------------------------------------------------------------


def test_plagdet_perfect_detection() -> None:
    cases = [Passage("p", (100, 200), (0, 100))]
    s = plagdet(cases, [Passage("p", (100, 200), (0, 100))])
    assert s.precision == s.recall == s.granularity == s.plagdet == 1.0


def test_plagdet_half_detected() -> None:
    cases = [Passage("p", (0, 100), (0, 100))]
    s = plagdet(cases, [Passage("p", (0, 50), (0, 50))])
    assert s.precision == 1.0
    assert s.recall == pytest.approx(0.5)
    assert s.plagdet == pytest.approx(2 * 0.5 / 1.5)


def test_plagdet_granularity_punishes_split_detections() -> None:
    cases = [Passage("p", (0, 100), (0, 100))]
    s = plagdet(cases, [Passage("p", (0, 50), (0, 50)), Passage("p", (50, 100), (50, 100))])
    assert s.recall == pytest.approx(1.0) and s.precision == pytest.approx(1.0)
    assert s.granularity == 2.0
    assert s.plagdet == pytest.approx(1 / math.log2(3))


def test_plagdet_detection_must_overlap_both_documents() -> None:
    cases = [Passage("p", (0, 100), (0, 100))]
    # right place in the suspicious document, wrong place in the source: detects nothing
    s = plagdet(cases, [Passage("p", (0, 100), (500, 600))])
    assert s.recall == 0.0 and s.precision == 0.0 and s.plagdet == 0.0


def test_plagdet_other_pair_does_not_count() -> None:
    cases = [Passage("p", (0, 100), (0, 100))]
    s = plagdet(cases, [Passage("q", (0, 100), (0, 100))])
    assert s.recall == 0.0


def test_plagdet_false_detection_lowers_macro_precision() -> None:
    cases = [Passage("p", (0, 100), (0, 100))]
    s = plagdet(cases, [Passage("p", (0, 100), (0, 100)), Passage("p", (300, 310), (300, 310))])
    assert s.recall == 1.0
    assert s.precision == pytest.approx(0.5)  # per detection: 1 and 0
    assert s.micro_precision == pytest.approx(200 / 220)  # pooled characters
    assert s.granularity == 1.0


def test_plagdet_overhanging_detection() -> None:
    cases = [Passage("p", (0, 100), (0, 100))]
    s = plagdet(cases, [Passage("p", (0, 200), (0, 100))])
    assert s.recall == 1.0
    assert s.precision == pytest.approx(200 / 300)


def test_plagdet_overlapping_detections_not_counted_twice() -> None:
    cases = [Passage("p", (0, 100), (0, 100))]
    s = plagdet(cases, [Passage("p", (0, 60), (0, 60)), Passage("p", (40, 80), (40, 80))])
    assert s.recall == pytest.approx(0.8)
    assert s.granularity == 2.0


def test_plagdet_no_detections() -> None:
    s = plagdet([Passage("p", (0, 100), (0, 100))], [])
    assert s.recall == 0.0 and s.precision == 0.0 and s.plagdet == 0.0 and s.granularity == 1.0


# --- recall at a fixed false-positive rate ---------------------------------------------------


def test_recall_at_fpr_allows_one_percent_of_negatives() -> None:
    neg = [k / 1000 for k in range(200)]  # 0.000 .. 0.199; 1% = 2 negatives may pass
    pos = [0.1975, 0.1985, 0.5, 0.9]
    r, thr = recall_at_fpr(pos, neg, 0.01)
    assert thr == pytest.approx(0.197)  # the third highest negative
    assert r == 1.0  # all positives above it
    assert sum(1 for n in neg if n > thr) == 2


def test_recall_at_fpr_ties_go_against_the_detector() -> None:
    neg = [0.5] * 100
    r, _ = recall_at_fpr([0.5, 0.5, 0.6], neg, 0.01)
    assert r == pytest.approx(1 / 3)


def test_recall_at_fpr_zero_fpr_needs_to_beat_every_negative() -> None:
    r, thr = recall_at_fpr([0.3, 0.8], [0.1, 0.7], 0.0)
    assert thr == 0.7 and r == 0.5


def test_recall_at_fpr_needs_negatives() -> None:
    with pytest.raises(ValueError):
        recall_at_fpr([0.5], [], 0.01)


# --- alignment P/R/F1 and classification -----------------------------------------------------


def test_prf_on_sets() -> None:
    p, r, f = prf({(0, 0), (1, 1), (2, 5)}, {(0, 0), (1, 1), (2, 2), (3, 3)})
    assert p == pytest.approx(2 / 3) and r == pytest.approx(0.5)
    assert f == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))


def test_prf_empty_and_counts() -> None:
    assert prf(set(), {(0, 0)}) == (1.0, 0.0, 0.0)
    assert prf_counts(9, 10, 12) == pytest.approx((0.9, 0.75, 2 * 0.9 * 0.75 / 1.65))


def test_accuracy_f1_confusion() -> None:
    y, p = [1, 1, 0, 0, 1], [1, 0, 0, 1, 1]
    assert accuracy(y, p) == pytest.approx(0.6)
    assert binary_f1(y, p) == pytest.approx(2 * 2 / (2 * 2 + 1 + 1))
    assert confusion(["a", "b", "b"], ["a", "a", "b"], ["a", "b"]) == [[1, 0], [1, 1]]


def test_correlations() -> None:
    x = [1.0, 2.0, 3.0, 4.0]
    assert pearson(x, [2.0, 4.0, 6.0, 8.0]) == pytest.approx(1.0)
    assert spearman(x, [1.0, 10.0, 100.0, 1000.0]) == pytest.approx(1.0)
    assert spearman(x, [4.0, 3.0, 2.0, 1.0]) == pytest.approx(-1.0)
    assert spearman([1.0, 1.0, 2.0], [1.0, 2.0, 3.0]) == pytest.approx(0.8660254)  # ties share a rank


def test_best_threshold_separates() -> None:
    p = np.array([0.1, 0.2, 0.35, 0.6, 0.7, 0.9])
    y = np.array([0, 0, 0, 1, 1, 1])
    t = best_threshold(p, y)
    assert 0.35 < t <= 0.6


# --- PAN passages from matches --------------------------------------------------------------


def _article(n: int, id: str) -> Article:
    sents = tuple(Sentence(i, i * 100, i * 100 + 99, "x" * 99, "x" * 99) for i in range(n))
    return Article(id, "x" * (n * 100), sents)


def _comparison(pairs: list[tuple[tuple[int, ...], tuple[int, ...], str]]) -> Comparison:
    a, b = _article(40, "src"), _article(40, "susp")
    matches = tuple(Match(ma, mb, label, 0.9) for ma, mb, label in pairs)  # type: ignore[arg-type]
    return Comparison(a, b, matches, (), (), Verdict("partial_reuse", 0.5, 0.5, 0.5))


def test_passages_chain_with_gap_and_split_far_members() -> None:
    c = _comparison(
        [
            ((10,), (20,), "verbatim"),
            ((11,), (21,), "verbatim"),
            ((13,), (23,), "edited"),  # one unmatched sentence between: same passage
            ((2, 12), (22,), "edited"),  # a far member (2) must not stretch the passage
            ((30,), (5,), "related"),  # related: not a detection
        ]
    )
    got = passages(c, "p", gap=2, min_chars=0)
    spans = sorted((p.susp, p.src) for p in got)
    assert ((2000, 2399), (1000, 1399)) in spans
    assert all(p.src != (200, 1399) for p in got)
    assert not any(p.susp == (500, 599) for p in got)


def test_passages_drop_short_fragments() -> None:
    c = _comparison([((3,), (7,), "verbatim")])
    assert passages(c, "p", gap=0, min_chars=100) == []
    assert len(passages(c, "p", gap=0, min_chars=50)) == 1


# --- WMT19 pseudo-articles ------------------------------------------------------------------


def test_wmt19_chunks_cover_every_line_once() -> None:
    runs = wmt19.chunks(1000, random.Random(0))
    assert [i for r in runs for i in r] == list(range(1000))
    assert all(len(r) >= wmt19.MIN_LINES for r in runs)
    assert all(len(r) <= wmt19.MAX_LINES for r in runs[:-1])


def test_wmt19_retelling_keeps_track_of_its_lines() -> None:
    rewrites = [[f"r{k}-{i}" for i in range(10)] for k in range(5)]
    r = wmt19.retell(2, rewrites, random.Random(1))
    for line, src in zip(r.lines, r.source, strict=True):
        if src is None:
            assert line.startswith(f"r{r.donor}-") and r.donor != 2
        else:
            assert line == f"r2-{src}"
    assert any(s is None for s in r.source)
    assert wmt19.retell(2, rewrites, random.Random(1)) == r  # seeded: the same every time


def test_calibration_of_decided_calls() -> None:
    got = calibration([(True, 0.9), (True, 0.9), (False, 0.9), (True, 0.6)])
    assert got["accuracy_decided"] == 0.75 and got["mean_confidence"] == 0.825
    assert got["brier"] == round((0.01 + 0.01 + 0.81 + 0.16) / 4, 4)
    assert calibration([]) == {"accuracy_decided": 0.0, "mean_confidence": 0.0, "brier": 0.0}
