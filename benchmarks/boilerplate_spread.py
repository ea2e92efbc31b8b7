"""Spread furniture (``provenance.boilerplate.spread``) on real news: edges and stories before and after, and
the blocked cross-validation that chose ``SPREAD_MIN`` and ``SPREAD_SHARED``.

    .venv/bin/python benchmarks/boilerplate_spread.py [--size 4000] [--blocks 3]
        [--labels benchmarks/results/boilerplate_spread_labels.json]

Each block is a contiguous run of ``--size`` news_allsides articles (``corpus_data.news``). Per block: a lexical
scan without the rule ("before", ``spread`` switched off), then each stored edge verified again with the rule at
every ``(least, shared)`` of the grid (the pair without the boilerplate it then has, as the scan would compare
it), then a lexical scan as shipped ("after"). An edge that a grid point loses is printed with its matched
lines; ``--labels`` (pair ``"a|b"`` -> ``"furniture"`` or ``"real"``, judged by reading those lines: furniture is
a biography, a sign-up box, a footer, captions, with no run of the story) scores each grid point as furniture
edges removed minus three times real edges lost, and each block is scored with the point chosen on the
others (ties: the point that drops fewer keys, a larger ``least`` then a smaller ``shared``).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus_data
from retold.corpus import Corpus
from retold.fingerprint import KIND_SENTENCE
from retold.provenance import boilerplate as bp
from retold.provenance import candidates as cand
from retold.provenance.jobs import REUSE, make_job, verify
from retold.provenance.scan import mode_name
from retold.store.sqlite import Store

GRID = [(least, shared) for least in (3, 4, 5) for shared in range(1, 7)]


def scan(folder: Path, rows: list[dict], spread: bool) -> tuple[Path, int, int]:
    """A lexical scan of these articles in a fresh store; ``spread`` False: without the third rule."""
    src = folder / "corpus.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    db = folder / ("after.db" if spread else "before.db")
    real = cand.spread
    if not spread:
        cand.spread = lambda *a, **k: set()  # type: ignore[assignment]
    try:
        res, _, _ = Corpus(db).scan([str(src)], lexical=True, workers=2)
    finally:
        cand.spread = real
    return db, len(res.edges), len(res.stories)


def lost_per_point(db: Path) -> tuple[dict[tuple[int, int], list[str]], dict[str, list[str]]]:
    """Per grid point, the stored reuse edges the rule at that point undoes; and each edge's matched lines."""
    with Store(db) as st:
        c = cand.load(st)
        holders = {k: rows.tolist() for k, kind, rows in c.shared if kind == KIND_SENTENCE}
        outlets = {r: i.outlet for r, i in c.info.items()}
        counts = bp.outlet_counts(holders, c.info)
        edges = st.edges(mode_name(True, None), REUSE)
        arts = st.articles_by_row({r for e in edges for r in (e.a_row, e.b_row)})
        lines = {
            f"{e.edge.a}|{e.edge.b}": [
                " / ".join(arts[e.a_row].sentences[i].text for i in m[0]) for m in e.evidence["matches"]
            ]
            for e in edges
        }
        out: dict[tuple[int, int], list[str]] = {}
        for least, shared in GRID:
            rule = bp.from_counts(counts, len(c.info), spread=bp.spread(holders, outlets, len(c.info), least, shared))
            out[least, shared] = [
                f"{e.edge.a}|{e.edge.b}"
                for e in edges
                if (j := make_job(rule, arts[e.a_row], outlets[e.a_row], arts[e.b_row], outlets[e.b_row])) is None
                or verify(j)[0].relation not in REUSE
            ]
    return out, lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=4000)
    ap.add_argument("--blocks", type=int, default=3)
    ap.add_argument("--labels", type=Path)
    args = ap.parse_args()
    labels = json.loads(args.labels.read_text()) if args.labels else {}
    news = corpus_data.news()[0]
    table: dict[tuple[int, tuple[int, int]], tuple[int, int]] = {}
    for b in range(args.blocks):
        rows = list(news[b * args.size : (b + 1) * args.size])
        with tempfile.TemporaryDirectory(prefix="retold-spread-") as tmp:
            db, n_before, s_before = scan(Path(tmp), rows, spread=False)
            lost, lines = lost_per_point(db)
            _, n_after, s_after = scan(Path(tmp), rows, spread=True)
        print(f"block {b} (articles {b * args.size}-{(b + 1) * args.size - 1}): edges {n_before} -> {n_after}, "
              f"stories {s_before} -> {s_after}")  # fmt: skip
        for pair in sorted({p for v in lost.values() for p in v}):
            at = [f"{k[0]},{k[1]}" for k, v in lost.items() if pair in v]
            print(f"  lost at {' '.join(at)}: {pair} ({labels.get(pair, 'unlabelled')})")
            for line in lines[pair]:
                print(f"      {line[:110]}")
        for point, pairs in lost.items():
            real = sum(labels.get(p) == "real" for p in pairs)
            table[b, point] = (len(pairs) - real, real)
    if not labels:
        return
    print("least,shared  furniture removed / real lost per block")
    for point in GRID:
        print(
            f"  {point[0]},{point[1]}  "
            + "  ".join(f"{table[b, point][0]}/{table[b, point][1]}" for b in range(args.blocks))
        )

    def score(blocks: list[int], point: tuple[int, int]) -> int:
        return sum(table[b, point][0] - 3 * table[b, point][1] for b in blocks)

    for held in range(args.blocks):
        train = [b for b in range(args.blocks) if b != held]
        best = max(GRID, key=lambda p: (score(train, p), p[0], -p[1]))
        print(f"held out block {held}: chosen {best}, held-out furniture removed / real lost {table[held, best]}")
    best = max(GRID, key=lambda p: (score(list(range(args.blocks)), p), p[0], -p[1]))
    print(f"chosen on all blocks: least={best[0]} shared={best[1]}")


if __name__ == "__main__":
    main()
