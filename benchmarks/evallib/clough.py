"""Clough & Stevenson: each answer against its task's source; reuse degree from the comparison.

The engine says how two texts relate (coverage, labels, a verdict); the corpus grades answers
cut / light / heavy / non. A small decision tree maps the comparison's figures to the grades; its
depth is chosen and its accuracy estimated by leave-one-task-out CV (nested: the depth is chosen
inside the training tasks), so no answer's grade is ever predicted by a tree that saw its task.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

import retold
from evallib.common import Options, Result, progress
from evallib.data import default_path, read_jsonl
from evallib.metrics import accuracy, confusion
from retold.align.verdict import coverage
from retold.model import RELATIONS, Comparison

CLASSES = ("cut", "light", "heavy", "non")
BINARY = ("reuse", "non")
FEATURES = (
    "coverage_b",
    "coverage_a",
    "score",
    "verbatim_b",
    "close_b",
    "substantive_b",
    "relation_rank",
)
DEPTHS = (1, 2, 3)
REUSE_RELATIONS = ("identical", "near_duplicate", "rewrite", "partial_reuse")


def figures(c: Comparison) -> dict[str, float]:
    """What the comparison says about the answer (B): how much of it is covered, and how closely."""

    def share(labels: Sequence[str]) -> float:
        return coverage(c.b, {j for m in c.matches if m.label in labels for j in m.b})

    return {
        "coverage_b": c.verdict.coverage_b,
        "coverage_a": c.verdict.coverage_a,
        "score": c.verdict.score,
        "verbatim_b": share(("verbatim",)),
        "close_b": share(("verbatim", "edited")),
        "substantive_b": share(("verbatim", "edited", "paraphrase")),
        "relation_rank": float(len(RELATIONS) - 1 - RELATIONS.index(c.verdict.relation)),
    }


def compare_all(opts: Options, rows: list[dict[str, Any]]) -> tuple[np.ndarray, list[str]]:
    x, relations = [], []
    for r in progress(rows, len(rows), "clough", opts.quiet):
        src = retold.article_from_text(r["a"], id=r.get("a_id", "source"))
        ans = retold.article_from_text(r["b"], id=r.get("b_id", r["id"]))
        c = retold.compare(src, ans, **opts.compare_kwargs())
        f = figures(c)
        x.append([f[k] for k in FEATURES])
        relations.append(c.verdict.relation)
    if not opts.lexical:
        opts.encoder().save()
    return np.array(x), relations


def _tree(depth: int) -> Any:
    from sklearn.tree import DecisionTreeClassifier

    return DecisionTreeClassifier(max_depth=depth, min_samples_leaf=3, random_state=0)


def _loto(x: np.ndarray, y: np.ndarray, groups: np.ndarray, depth: int) -> np.ndarray:
    pred = np.empty(len(y), dtype=object)
    for g in np.unique(groups):
        te = groups == g
        pred[te] = _tree(depth).fit(x[~te], y[~te]).predict(x[te])
    return pred


def _choose_depth(x: np.ndarray, y: np.ndarray, groups: np.ndarray) -> int:
    scores = [(float(np.mean(_loto(x, y, groups, d) == y)), -d) for d in DEPTHS]
    return -max(scores)[1]


def nested_loto(x: np.ndarray, y: np.ndarray, groups: np.ndarray) -> tuple[np.ndarray, list[int]]:
    """Outer leave-one-task-out predictions; the depth is chosen by inner LOTO on the training tasks."""
    pred = np.empty(len(y), dtype=object)
    depths = []
    for g in np.unique(groups):
        te = groups == g
        d = _choose_depth(x[~te], y[~te], groups[~te])
        depths.append(d)
        pred[te] = _tree(d).fit(x[~te], y[~te]).predict(x[te])
    return pred, depths


def rules(x: np.ndarray, y: np.ndarray, groups: np.ndarray) -> tuple[Any, str]:
    """The mapping fitted on all answers (depth by LOTO), and its rules as text."""
    from sklearn.tree import export_text

    d = _choose_depth(x, y, groups)
    tree = _tree(d).fit(x, y)
    return tree, export_text(tree, feature_names=list(FEATURES), decimals=3)


def run(opts: Options) -> Result:
    train_rows = read_jsonl(default_path("clough"))
    rows = opts.cut(read_jsonl(opts.path)) if opts.path else opts.cut(train_rows)
    x, relations = compare_all(opts, rows)
    y4 = np.array([r["label"] for r in rows], dtype=object)
    y2 = np.array(["non" if v == "non" else "reuse" for v in y4], dtype=object)
    rule2 = ["reuse" if rel in REUSE_RELATIONS else "non" for rel in relations]
    metrics: dict[str, float] = {}
    tables: dict[str, Any] = {}
    notes = []
    if opts.path is None:
        groups = np.array([r["task"] for r in rows])
        p4, d4 = nested_loto(x, y4, groups)
        p2, d2 = nested_loto(x, y2, groups)
        _, text4 = rules(x, y4, groups)
        _, text2 = rules(x, y2, groups)
        notes.append(f"tree depths chosen per held-out task: 4-class {d4}, binary {d2}")
    else:  # fit on the shared corpus, apply to the given file
        tx, _ = compare_all(opts, train_rows)
        ty4 = np.array([r["label"] for r in train_rows], dtype=object)
        ty2 = np.array(["non" if v == "non" else "reuse" for v in ty4], dtype=object)
        groups = np.array([r["task"] for r in train_rows])
        t4, text4 = rules(tx, ty4, groups)
        t2, text2 = rules(tx, ty2, groups)
        p4, p2 = t4.predict(x), t2.predict(x)
    metrics["accuracy_4class"] = round(accuracy(list(y4), list(p4)), 4)
    metrics["accuracy_binary"] = round(accuracy(list(y2), list(p2)), 4)
    metrics["accuracy_binary_verdict"] = round(accuracy(list(y2), rule2), 4)
    tables["confusion_4class"] = {"labels": list(CLASSES), "matrix": confusion(list(y4), list(p4), CLASSES)}
    tables["confusion_binary"] = {"labels": list(BINARY), "matrix": confusion(list(y2), list(p2), BINARY)}
    tables["rules_4class"] = text4
    tables["rules_binary"] = text2
    notes.append(
        "accuracy_4class / accuracy_binary: decision tree over "
        + ", ".join(FEATURES)
        + (" by nested leave-one-task-out CV" if opts.path is None else " fitted on the shared corpus")
        + "; accuracy_binary_verdict: no learning, reuse = relation in "
        + "/".join(REUSE_RELATIONS)
    )
    return Result("clough", metrics, len(rows), notes, tables)
