"""Speed of one lexical comparison of two full-length real articles, overall and per stage.

    .venv/bin/python benchmarks/pair_speed.py [-n 60] [--out FILE.json] [--reps 1] [--profile FILE]

Draws ``n`` pairs of real articles (deterministic, no RNG state shared with anything else):

- AllSides articles of 28-45 sentences whose bodies share the most content words (same story,
  other outlet, or the same outlet's follow-up);
- an AllSides article against a copy of itself with 4 sentences of another article inserted;
- the seed pair (``../shared/seeds``), both ways round.

Every comparison runs on freshly read articles (no document cache is warm), once per rep; the
per-pair time is the fastest rep. Prints median / p90 milliseconds overall and per stage
(``features``: links, ``alignment``: link scores, grouping and labelling without the
features, ``analyse``: fidelity flags, ``direction``: decide_direction), against the goal of
<= 20 ms median. ``--out`` writes every comparison's ``retold.comparison/1`` JSON (a list, in
pair order) so two runs can be diffed.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ALLSIDES = SHARED / "data" / "news_allsides" / "allsides.jsonl"
SEEDS = SHARED / "seeds"
GOAL_MS = 20.0
STAGES = ("features", "alignment", "analyse", "direction")
_WORD = re.compile(r"[a-z]{4,}")
_SENT_END = re.compile(r"[.!?][\"')\]]?\s+(?=[\"'(\[]?[A-Z])")

Pair = tuple[str, str, str, str, str]  # (kind, id a, text a, id b, text b)


def _rough_sentences(text: str) -> list[str]:
    return [s.strip() for p in text.split("\n\n") for s in _SENT_END.split(p) if s.strip()]


def _records(limit: int) -> list[dict[str, Any]]:
    out = []
    with ALLSIDES.open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if 28 <= len(_rough_sentences(d["text"])) <= 45:
                out.append(d)
            if len(out) >= limit:
                break
    return out


def _shared_word_pairs(recs: list[dict[str, Any]], n: int) -> list[Pair]:
    """The ``n`` pairs whose bodies share the largest share of distinct long words (each article once)."""
    bags = [frozenset(_WORD.findall(r["text"].lower())) for r in recs]
    df: dict[str, int] = {}
    for b in bags:
        for w in b:
            df[w] = df.get(w, 0) + 1
    rare = [frozenset(w for w in b if df[w] <= 40) for b in bags]
    postings: dict[str, list[int]] = {}
    for k, b in enumerate(rare):
        for w in b:
            postings.setdefault(w, []).append(k)
    scored: list[tuple[float, int, int]] = []
    for k, b in enumerate(rare):
        counts: dict[int, int] = {}
        for w in b:
            for j in postings[w]:
                if j > k:
                    counts[j] = counts.get(j, 0) + 1
        for j, c in counts.items():
            scored.append((c / (len(b | rare[j]) or 1), k, j))
    scored.sort(key=lambda x: (-x[0], x[1], x[2]))
    used: set[int] = set()
    out: list[Pair] = []
    for _, k, j in scored:
        if k in used or j in used:
            continue
        used |= {k, j}
        out.append(("allsides", recs[k]["id"], recs[k]["text"], recs[j]["id"], recs[j]["text"]))
        if len(out) >= n:
            break
    return out


def _inserted_pairs(recs: list[dict[str, Any]], n: int) -> list[Pair]:
    """An article against a copy with 4 sentences of another article put in after its sentence 10 + k % 7."""
    out: list[Pair] = []
    for k in range(n):
        host = recs[-1 - 2 * k]
        donor = recs[-2 - 2 * k]
        sents = _rough_sentences(host["text"])
        extra = _rough_sentences(donor["text"])[5:9]
        at = 10 + k % 7
        copy = "\n\n".join([*sents[:at], " ".join(extra), *sents[at:]])
        out.append(("inserted", host["id"], host["text"], host["id"] + "+4", copy))
    return out


def _seed_pairs() -> list[Pair]:
    files = sorted(SEEDS.glob("*.txt"))
    if len(files) < 2:
        return []
    a, b = files[0], files[1]
    ta, tb = a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")
    return [("seed", a.stem, ta, b.stem, tb), ("seed", b.stem, tb, a.stem, ta)]


def draw_pairs(n: int) -> list[Pair]:
    seeds = _seed_pairs()
    n_ins = max(1, n // 4)
    recs = _records(1500)
    shared = _shared_word_pairs(recs[: len(recs) - 2 * n_ins], max(0, n - n_ins - len(seeds)))
    return [*shared, *_inserted_pairs(recs, n_ins), *seeds][:n]


class StageClock:
    """Exclusive time per stage: a stage's time excludes the stages timed inside it."""

    def __init__(self) -> None:
        self.total: dict[str, float] = {}
        self._stack: list[list[float]] = []

    def wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kw: Any) -> Any:
            self._stack.append([0.0])
            t0 = time.perf_counter()
            try:
                return fn(*args, **kw)
            finally:
                dt = time.perf_counter() - t0
                inner = self._stack.pop()[0]
                self.total[name] = self.total.get(name, 0.0) + dt - inner
                if self._stack:
                    self._stack[-1][0] += dt

        return timed

    def reset(self) -> None:
        self.total = {}


@contextmanager
def instrumented(clock: StageClock) -> Iterator[None]:
    import retold.align.label as lb
    import retold.fidelity as fid
    import retold.pipeline as pl

    saved = {
        (lb, "links"): lb.links,
        (pl, "link_scores"): pl.link_scores,
        (pl, "align"): pl.align,
        (pl, "label_groups"): pl.label_groups,
        (fid, "analyse"): fid.analyse,
        (fid, "decide_direction"): fid.decide_direction,
    }
    stage = {
        "links": "features",
        "link_scores": "alignment",
        "align": "alignment",
        "label_groups": "alignment",
        "analyse": "analyse",
        "decide_direction": "direction",
    }
    try:
        for (mod, name), fn in saved.items():
            setattr(mod, name, clock.wrap(stage[name], fn))
        yield
    finally:
        for (mod, name), fn in saved.items():
            setattr(mod, name, fn)


def _pct(xs: list[float], q: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, round(q * (len(s) - 1)))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=60, help="pairs (default 60)")
    ap.add_argument("--reps", type=int, default=1, help="runs per pair, the fastest kept (default 1)")
    ap.add_argument("--out", type=Path, help="write every comparison's JSON here")
    ap.add_argument("--profile", type=Path, help="write a cProfile of all comparisons here")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()
    if not ALLSIDES.exists():
        print(f"skipped: {ALLSIDES} is not there", file=sys.stderr)
        return 0

    from retold import compare
    from retold.ingest.read import article_from_text
    from retold.report.json import comparison_dict

    pairs = draw_pairs(args.n)
    # warm-up: imports, the tagger, the fitted models (not part of a pair's cost in a scan)
    warm_a = article_from_text(pairs[0][2], id="warm-a")
    warm_b = article_from_text(pairs[0][4], id="warm-b")
    compare(warm_a, warm_b, lexical=True)

    clock = StageClock()
    total_ms: list[float] = []
    stage_ms: dict[str, list[float]] = {s: [] for s in STAGES}
    results: list[dict[str, Any]] = []
    rows: list[tuple[str, str, str, int, int, float, str]] = []
    prof = None
    if args.profile:
        import cProfile

        prof = cProfile.Profile()
    with instrumented(clock):
        for kind, ida, ta, idb, tb in pairs:
            best: tuple[float, dict[str, float]] | None = None
            comp = None
            for _ in range(max(1, args.reps)):
                a = article_from_text(ta, id=ida)
                b = article_from_text(tb, id=idb)
                clock.reset()
                if prof is not None:
                    prof.enable()
                t0 = time.perf_counter()
                comp = compare(a, b, lexical=True)
                dt = (time.perf_counter() - t0) * 1000
                if prof is not None:
                    prof.disable()
                if best is None or dt < best[0]:
                    best = (dt, {s: clock.total.get(s, 0.0) * 1000 for s in STAGES})
            assert best is not None and comp is not None
            total_ms.append(best[0])
            for s in STAGES:
                stage_ms[s].append(best[1][s])
            results.append(comparison_dict(comp))
            rows.append((kind, ida, idb, len(comp.a.sentences), len(comp.b.sentences), best[0], comp.verdict.relation))
    if prof is not None:
        prof.dump_stats(str(args.profile))
    if args.out:
        args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")

    figures = {
        "pairs": len(pairs),
        "median_ms": statistics.median(total_ms),
        "p90_ms": _pct(total_ms, 0.9),
        **{f"{s}_median_ms": statistics.median(stage_ms[s]) for s in STAGES},
        **{f"{s}_p90_ms": _pct(stage_ms[s], 0.9) for s in STAGES},
    }
    if args.json:
        print(json.dumps(figures))
        return 0
    kinds: dict[str, int] = {}
    for r in rows:
        kinds[r[0]] = kinds.get(r[0], 0) + 1
    sizes = [r[3] + r[4] for r in rows]
    print(
        f"{len(pairs)} pairs ({', '.join(f'{v} {k}' for k, v in kinds.items())}), "
        f"sentences per pair median {statistics.median(sizes):.0f}, lexical mode, fastest of {args.reps} rep(s)"
    )
    print(f"{'':12}{'median ms':>11}{'p90 ms':>9}")
    print(f"{'total':12}{figures['median_ms']:11.1f}{figures['p90_ms']:9.1f}")
    for s in STAGES:
        print(f"{s:12}{figures[f'{s}_median_ms']:11.1f}{figures[f'{s}_p90_ms']:9.1f}")
    print(f"goal: median <= {GOAL_MS:.0f} ms: {'met' if figures['median_ms'] <= GOAL_MS else 'MISSED'}")
    rel: dict[str, int] = {}
    for r in rows:
        rel[r[6]] = rel.get(r[6], 0) + 1
    print("relations: " + ", ".join(f"{k} {v}" for k, v in sorted(rel.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
