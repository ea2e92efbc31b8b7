"""Why planted reuse of one kind is missed by a ``--lexical`` scan (or, ``--model``, by a scan with the default
model): a cause for every missed pair.

    .venv/bin/python benchmarks/planted_misses.py [--size 10000] [--seed 0] [--kind edited_passage]
        [--keep DIR] [--model]

Builds the real-length news tier of ``corpus_data.build`` (as ``corpus_scan.py`` does; ``--keep``: in DIR,
and a DIR already holding ``n.db`` from an earlier run of the same size and seed is read, not built again),
adds and scans it in ``--lexical`` mode, and looks at each planted pair of ``--kind`` whose edge is not a
reuse relation:

* ``not a candidate``: no edge at all. The lexical channels' readings are given: band keys the two articles
  share (``fingerprint.minhash``: two-sentence windows), exact keys per kind (sentence, quote, numbers);
  a lexical scan searches no vectors (``provenance.scan``);
* otherwise the pair is compared again as the scan compares it (boilerplate taken out,
  ``provenance.jobs.make_job``) and the close sentences (verbatim, edited) counted as the passage rule
  counts them (``align.verdict.passage_sentences``) on each side:
  ``trimmed sentence next to the passage`` when a match of another label whose shorter side keeps at least
  ``TRIMMED`` of its words in the other follows on from the close ones in both articles
  (``align.passage.ordered_runs``) and would bring both sides to ``PASSAGE_SENTENCES``;
  ``sentences merged on one side`` when one side has ``PASSAGE_SENTENCES`` close sentences and the other
  fewer; ``too few close sentences`` otherwise.

With ``--model`` the tier is also scanned with the default model (into the same store) and the pairs looked at are
those whose model edge is not a reuse relation: ``not a candidate`` as above; ``settled by the gate`` when the scan
let the lexical alignment settle the pair (``provenance.gate``); ``the lexical verdict misses it too``; otherwise the
pair is compared again in both modes (the model with the store's vectors, as the scan read them) and each close
match of the lexical alignment the model's lacks is named by what the model made of its sentences:
``joined with another sentence`` (a model match holds its sentences and more), ``paired otherwise`` (they sit in
model matches of other sentences), ``left unpaired`` (no model match holds them), ``labelled <label>`` (the same
sentences, another label); the pair's cause is the first of these in that order that any lost match has.

Prints each missed pair with its matches and the count per cause; JSON to
``results/planted_misses_<kind>_<size>_seed<seed>[_model].json``.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus_data

RESULTS = Path(__file__).resolve().parent / "results"
REUSE = ("identical", "near_duplicate", "rewrite", "partial_reuse")
TRIMMED = 0.85  # share of a trimmed sentence's words kept in the other side


def scanned(folder: Path, size: int, seed: int, model: bool = False) -> Path:
    """``folder/n.db``, a ``--lexical`` scan of the tier (built unless it is there) and with ``model`` a model scan
    too (unless it holds one); the truth in ``truth.json``."""
    from retold.corpus import Corpus

    db = folder / "n.db"
    if not db.exists():
        planted = corpus_data.build(size, folder / "news", seed)
        (folder / "truth.json").write_text(json.dumps([list(p) for p in planted]))
        c = Corpus(db)
        c.add([str(folder / "news" / "corpus.jsonl")])
        c.scan(lexical=True)
    if model and not _modes(db) - {"lexical"}:
        Corpus(db).scan(lexical=False)
    return db


def _modes(db: Path) -> set[str]:
    con = sqlite3.connect(db)
    try:
        return {m for (m,) in con.execute("SELECT DISTINCT mode FROM edges")}
    finally:
        con.close()


def channels(con: sqlite3.Connection, st: Any, a: int, b: int) -> dict[str, int]:
    """The lexical channels' readings of a pair: shared band keys (read through the store ``st``, whichever layout
    keeps its band rows: a table, or files beside it), shared exact keys per kind."""
    from retold.fingerprint.minhash import band_keys

    art = st.articles_by_row([a])[a]
    posted = st.band_postings(band_keys([art], st.lsh_layout)[0].tolist())
    bands = sum(1 for rows in posted.values() if a in rows and b in rows)
    q = (
        "SELECT x.kind, count(DISTINCT x.key) FROM keys x JOIN keys y ON x.key = y.key AND x.kind = y.kind "
        "WHERE x.article = ? AND y.article = ? GROUP BY x.kind"
    )
    kinds = dict(con.execute(q, (a, b)).fetchall())
    exact = {f"{name}_keys": kinds.get(k, 0) for k, name in enumerate(("sentence", "quote", "number"))}
    return {"band_keys": bands, **exact}


def cause(a: Any, b: Any, matches: Any) -> tuple[str, dict[str, int]]:
    """The cause of a compared pair's miss and the counts it rests on."""
    from retold.align import verdict
    from retold.align.passage import ordered_runs

    n = verdict.PASSAGE_SENTENCES
    close = [mt for mt in matches if mt.label in ("verbatim", "edited")]
    na = verdict.passage_sentences(a, {i for mt in close for i in mt.a})
    nb = verdict.passage_sentences(b, {j for mt in close for j in mt.b})
    counts = {"close_a": na, "close_b": nb}
    trimmed = [mt for mt in matches if mt not in close and mt.evidence.get("word_max", 0.0) >= TRIMMED]
    for run in ordered_runs([*close, *trimmed]):
        ra = verdict.passage_sentences(a, {i for mt in run for i in mt.a})
        rb = verdict.passage_sentences(b, {j for mt in run for j in mt.b})
        if any(mt in trimmed for mt in run) and min(ra, rb) >= n:
            return "trimmed sentence next to the passage", counts
    if max(na, nb) >= n:
        return "sentences merged on one side", counts
    return "too few close sentences", counts


def model_cause(a: Any, b: Any, lexical: Any, model: Any) -> tuple[str, list[dict[str, Any]]]:
    """Why the model's matches ``model`` lack the lexical alignment's close matches ``lexical``: the pair's cause
    and, for each close match lost, what the model made of its sentences."""
    close = [mt for mt in lexical if mt.label in ("verbatim", "edited")]
    kept = {(mt.a, mt.b, mt.label) for mt in model}
    lost = []
    for mt in close:
        if (mt.a, mt.b, mt.label) in kept:
            continue
        over = [m for m in model if set(m.a) & set(mt.a) or set(m.b) & set(mt.b)]
        if any(set(m.a) >= set(mt.a) and set(m.b) >= set(mt.b) and (m.a, m.b) != (mt.a, mt.b) for m in over):
            what = "joined with another sentence"
        elif any((m.a, m.b) == (mt.a, mt.b) for m in over):
            what = "labelled " + next(m.label for m in over if (m.a, m.b) == (mt.a, mt.b))
        elif over:
            what = "paired otherwise"
        else:
            what = "left unpaired"
        lost.append(
            {
                "what": what,
                "lexical": [list(mt.a), list(mt.b), mt.label],
                "model": [[list(m.a), list(m.b), m.label, round(m.score, 3)] for m in over],
                "a": " ".join(a.sentences[i].text for i in mt.a),
                "b": " ".join(b.sentences[j].text for j in mt.b),
                "others": {
                    "a": [" ".join(a.sentences[i].text for i in m.a if i not in mt.a) for m in over],
                    "b": [" ".join(b.sentences[j].text for j in m.b if j not in mt.b) for m in over],
                },
            }
        )
    order = ("joined with another sentence", "paired otherwise", "left unpaired")
    whats = [x["what"] for x in lost]
    why = next((w for w in (*order, *whats) if w in whats), "no close match lost")
    return why, lost


def misses(db: Path, truth: list[list[Any]], kind: str, model: bool = False) -> list[dict[str, Any]]:
    from retold.embed import get_encoder
    from retold.pipeline import compare
    from retold.provenance import candidates as cand
    from retold.provenance.jobs import make_job
    from retold.store.sqlite import Store

    con = sqlite3.connect(db)
    row_of = {i: r for r, i in con.execute("SELECT row, id FROM articles")}
    mode = next(iter(sorted(_modes(db) - {"lexical"})), "none") if model else "lexical"
    q = "SELECT a, b, relation, evidence FROM edges WHERE mode = ?"
    edges = {(a, b): (rel, json.loads(ev)) for a, b, rel, ev in con.execute(q, (mode,))}
    lexical = {(a, b): rel for a, b, rel, _ in con.execute(q, ("lexical",))}
    enc = get_encoder(mode.removeprefix("model:")) if model else None
    out = []
    with Store(db) as st:
        corpus = cand.load(st)
        for source, copy, k, *_ in truth:
            if k != kind:
                continue
            ra, rb = row_of[source], row_of[copy]
            rel, evidence = edges.get((ra, rb), edges.get((rb, ra), (None, {})))
            if rel in REUSE:
                continue
            row: dict[str, Any] = {"source": source, "copy": copy, "edge": rel}
            if rel is None:
                row |= {"cause": "not a candidate", "channels": channels(con, st, ra, rb)}
                out.append(row)
                continue
            lo, hi = sorted((ra, rb))
            arts = st.articles_by_row([lo, hi])
            job = make_job(corpus.boilerplate, arts[lo], corpus.info[lo].outlet, arts[hi], corpus.info[hi].outlet)
            a, b = (job.a, job.b) if job is not None else (arts[lo], arts[hi])
            cmp = compare(a, b, lexical=True, flags=False, max_sentences=0)
            if model:
                row["lexical_edge"] = lexical.get((ra, rb), lexical.get((rb, ra)))
                if "settled" in evidence:
                    row["cause"] = "settled by the gate"
                elif cmp.verdict.relation not in REUSE:
                    row["cause"] = "the lexical verdict misses it too"
                else:
                    assert enc is not None
                    vec = st.model_vectors([lo, hi], enc.name, enc.dim)
                    mjob = make_job(
                        corpus.boilerplate, arts[lo], corpus.info[lo].outlet, arts[hi], corpus.info[hi].outlet,
                        (vec[lo], vec[hi]), enc.name,
                    )  # fmt: skip
                    assert mjob is not None
                    mcmp, _ = mjob.run(flags=False)
                    why, lost = model_cause(a, b, cmp.matches, mcmp.matches)
                    row |= {"relation": mcmp.verdict.relation, "cause": why, "lost": lost}
                out.append(row)
                continue
            why, counts = cause(a, b, cmp.matches)
            row |= {"relation": cmp.verdict.relation, "cause": why, **counts}
            row["matches"] = [
                {
                    "label": mt.label,
                    "word_max": round(float(mt.evidence.get("word_max", 0.0)), 2),
                    "a": " ".join(a.sentences[i].text for i in mt.a),
                    "b": " ".join(b.sentences[j].text for j in mt.b),
                }
                for mt in cmp.matches
                if mt.label != "related" or mt.evidence.get("word_max", 0.0) >= TRIMMED
            ]
            out.append(row)
    con.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--kind", default="edited_passage")
    ap.add_argument("--keep", type=Path, help="build (or reuse) the scanned tier in this folder")
    ap.add_argument("--model", action="store_true", help="the misses of a scan with the default model")
    args = ap.parse_args()
    if corpus_data.DATA.is_dir():
        report(args)
    else:
        print(f"skipped: {corpus_data.DATA} is absent (the shared data sets)")


def report(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="retold-misses-") as d:
        folder = args.keep or Path(d)
        folder.mkdir(parents=True, exist_ok=True)
        db = scanned(folder, args.size, args.seed, args.model)
        truth = json.loads((folder / "truth.json").read_text())
        rows = misses(db, truth, args.kind, args.model)
    n = sum(1 for p in truth if p[2] == args.kind)
    for r in rows:
        print(f"{r['source']} -> {r['copy']}: {r['cause']} (edge {r['edge']})", r.get("channels", ""))
        for m in r.get("matches", []):
            print(f"    {m['label']:>10} {m['word_max']:.2f}  A: {m['a'][:90]}\n{'':>20}B: {m['b'][:90]}")
        for x in r.get("lost", []):
            print(f"    lost {x['lexical']} as {x['what']}: {x['model']}")
            print(f"      A: {x['a'][:100]}\n      B: {x['b'][:100]}")
            for oa, ob in zip(x["others"]["a"], x["others"]["b"], strict=True):
                print(f"      + A: {oa[:100]}\n      + B: {ob[:100]}")
    causes = dict(Counter(r["cause"] for r in rows).most_common())
    print(f"{args.kind}: {n - len(rows)} of {n} found as reuse; misses by cause: {causes}")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"planted_misses_{args.kind}_{args.size}_seed{args.seed}{'_model' if args.model else ''}.json"
    doc = {"size": args.size, "seed": args.seed, "kind": args.kind, "model": args.model, "planted": n}
    doc |= {"causes": causes, "misses": rows}
    out.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
