"""The seed pair's section of ``fidelity_eval.py``: the time to analyse it against reading it, and the name
extractor's precision and recall against hand-made names (the seeds, 60 MRPC sentences)."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from retold.fidelity import analyse
from retold.ingest import article_from_text

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "data"
SEED_ALIGNMENT = ROOT / "tests" / "fidelity"  # the folder of seed_alignment.py

SEED_BUDGET_MS = 20.0


def seeds_section() -> dict[str, Any] | None:
    """The seed pair: time to analyse (fresh articles, best of repeats) against reading them, and the
    name extractor's precision and recall against the hand-made names in tests/fidelity/seed_names.json."""
    d = SHARED.parent / "seeds"
    fa, fb = sorted(d.glob("000_*.txt")), sorted(d.glob("003_*.txt"))
    if not fa or not fb:
        return None
    from dataclasses import replace

    from retold.fidelity import decide_direction
    from retold.fidelity._shared import Doc
    from retold.fidelity.entities import entities
    from retold.ingest import read_article

    if str(SEED_ALIGNMENT) not in sys.path:  # the hand-made alignment's one home, shared with the seed tests
        sys.path.insert(0, str(SEED_ALIGNMENT))
    from seed_alignment import MATCHES, ONLY_A, ONLY_B

    a, b = read_article(str(fa[0])), read_article(str(fb[0]))

    def best_ms(fn: Callable[[], object], n: int = 30) -> float:
        times = []
        for _ in range(n):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        return 1000 * min(times)

    def cold() -> object:  # fresh article objects: nothing prepared is reused
        a2, b2 = replace(a), replace(b)
        fl = analyse(a2, b2, MATCHES, ONLY_A, ONLY_B)
        return decide_direction(a2, b2, MATCHES, ONLY_A, ONLY_B, fl)

    analyse_ms = best_ms(cold)
    read_ms = best_ms(lambda: (read_article(str(fa[0])), read_article(str(fb[0]))))
    flags = analyse(a, b, MATCHES, ONLY_A, ONLY_B)
    direction = decide_direction(a, b, MATCHES, ONLY_A, ONLY_B, flags)
    gold = json.loads((ROOT / "tests" / "fidelity" / "seed_names.json").read_text(encoding="utf-8"))
    counts = [0, 0, 0]
    for art, key in ((a, "000"), (b, "003")):
        doc = Doc(art)
        for i in range(len(doc.sents)):
            _score_names([e.text for e in entities(doc, [i])], gold[key].get(str(i), []), counts)
    tp, fp, fn = counts
    mrpc = _mrpc_names()
    return {
        "analyse_and_direction_ms": round(analyse_ms, 2),
        "read_both_ms": round(read_ms, 2),
        "budget_ms": SEED_BUDGET_MS,
        "flags": sorted(f.kind for f in flags),
        "direction": [direction[0], direction[1]],
        "names_precision": round(tp / (tp + fp), 3),
        "names_recall": round(tp / (tp + fn), 3),
        "names_mrpc": mrpc,
    }


def _name_words(names: list[str]) -> list[str]:
    joiners = {"and", "for", "of", "the", "The"}
    return [w for n in names for w in n.replace("-", " ").replace("'s", "").rstrip(".").split() if w not in joiners]


def _score_names(got_names: list[str], gold_names: list[str], counts: list[int]) -> None:
    """Name words found (tp, fp) and missed (fn), as multisets, added to ``counts``."""
    want = _name_words(gold_names)
    for w in _name_words(got_names):
        if w in want:
            want.remove(w)
            counts[0] += 1
        else:
            counts[1] += 1
    counts[2] += len(want)


def _mrpc_names() -> dict[str, dict[str, float]]:
    """The extractor against hand-made names of 60 MRPC sentences (tests/fidelity/mrpc_names.json)."""
    from retold.fidelity._shared import Doc
    from retold.fidelity.entities import entities

    gold = json.loads((ROOT / "tests" / "fidelity" / "mrpc_names.json").read_text(encoding="utf-8"))
    rows = {}
    for line in (SHARED / "mrpc" / "mrpc.train.jsonl").open(encoding="utf-8"):
        rec = json.loads(line)
        rows[rec["id"]] = rec
    out = {}
    for part in ("development", "held_out"):
        counts = [0, 0, 0]
        for rid, names in gold[part]["names"].items():
            doc = Doc(article_from_text(rows[rid][gold[part]["side"]], id=rid))
            _score_names([e.text for e in entities(doc)], names, counts)
        tp, fp, fn = counts
        out[part] = {"precision": round(tp / (tp + fp), 3), "recall": round(tp / (tp + fn), 3), "sentences": 30}
    return out
