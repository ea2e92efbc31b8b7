"""Which sentences a default-model scan embeds, and which of them it needs (issue 14).

    .venv/bin/python benchmarks/embed_needed.py [--size 2000] [--store DIR] [--json FILE]

Builds ``corpus_scan.py``'s corpus (``corpus_data.build``, ``--seed``, 0 by default), adds it to a store (both
cores, as the CLI does; ``--store DIR`` keeps that store and reuses it on the next run, so that runs of two versions
of the code scan the same store), then scans a copy of it with the default model, the encoder wrapped so that every
text it is given is counted. Prints:

* the sentences the model embedded, how many distinct texts they are, how many repeat a text embedded earlier in
  the scan (the same sentence in several candidate articles: planted passages, wire copy, boilerplate), and how
  many articles were embedded more than once;
* of the embedded articles' sentences, those that are boilerplate in every pair they are verified in (their vectors
  are stored but nothing reads them);
* over the pairs the model verified (not settled by ``gate``), the sentences in a match whose label came from the
  vectors (``paraphrase``, ``related``, ``translation``) against those the words alone decide (``verbatim``,
  ``edited``), and those in no match;
* the scan's CPU seconds (this process and its children) and stages, and digests of the edges (every column and
  the evidence) and of the stored vectors, to compare two versions of the code run in turn.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus_data
from retold.corpus import Corpus, default_workers
from retold.embed import Encoder, get_encoder
from retold.provenance.evidence import Settings
from retold.store.sqlite import Store

BY_VECTORS = ("paraphrase", "related", "translation")
BY_WORDS = ("verbatim", "edited")


class Counting(Encoder):
    """``inner`` with every text it is asked to embed kept, in order."""

    def __init__(self, inner: Encoder) -> None:
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.texts: list[str] = []
        self.calls = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.texts.extend(texts)
        self.calls += 1
        return self.inner.encode(texts)


def cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def built_store(size: int, keep: Path | None, seed: int = 0) -> Path:
    """The folder of a store holding the corpus (``keep`` when given and already built)."""
    folder = keep or Path(tempfile.mkdtemp(prefix="retold-embed-needed-"))
    db = folder / "store" / "retold.db"
    if db.exists():
        print(f"reusing the store in {db.parent}", flush=True)
        return db.parent
    corpus_data.build(size, folder / "corpus", seed)
    db.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    Corpus(db).add([str(folder / "corpus" / "corpus.jsonl")], workers=default_workers())
    print(f"added the corpus in {time.perf_counter() - t0:.1f}s to {db.parent}", flush=True)
    return db.parent


def digest(rows: list[object]) -> str:
    return hashlib.sha256(json.dumps(rows, sort_keys=True).encode()).hexdigest()[:16]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=0, help="corpus_data.build's seed")
    ap.add_argument("--store", type=Path, help="keep the added store here and reuse it (same store for every run)")
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument(
        "--no-sentence-gate",
        action="store_true",
        help="embed every sentence of a pair the model verifies (Settings.sentence_gate off: the code before it)",
    )
    ap.add_argument("--keep", type=Path, help="keep the scanned store here (for a later analysis)")
    args = ap.parse_args()
    source = built_store(args.size, args.store, args.seed)
    work = Path(tempfile.mkdtemp(prefix="retold-embed-scan-"))
    shutil.copytree(source, work / "store")
    db = work / "store" / "retold.db"

    puts: Counter[int] = Counter()
    original_put = Store.put_model_vectors

    def put(self: Store, items: dict[int, np.ndarray], model: str) -> None:
        puts.update(list(items))
        original_put(self, items, model)

    Store.put_model_vectors = put  # type: ignore[method-assign]
    enc = Counting(get_encoder(None))
    c0, t0 = cpu(), time.perf_counter()
    corpus = Corpus(db, settings=Settings(sentence_gate=False)) if args.no_sentence_gate else Corpus(db)
    result, _, _ = corpus.scan(lexical=False, encoder=enc, workers=default_workers())
    scan_cpu, scan_wall = cpu() - c0, time.perf_counter() - t0
    Store.put_model_vectors = original_put  # type: ignore[method-assign]

    with Store(db) as st:
        edges = list(st.each_edge(result.mode))
        n_sent = dict(st.con.execute("SELECT row, n_sentences FROM articles").fetchall())
        vec_rows = st.con.execute(
            "SELECT article, part, vectors FROM model_vectors WHERE model = ? ORDER BY article, part", (enc.name,)
        ).fetchall()
        verified = [e for e in edges if e.evidence.get("model") and "settled" not in e.evidence]
        rows = sorted({r for e in verified for r in (e.a_row, e.b_row)})
        arts = st.articles_by_row(rows)
    edge_rows = sorted(
        [e.a_row, e.b_row, e.edge.relation, e.edge.score, e.edge.coverage_a, e.edge.coverage_b, e.edge.direction,
         e.edge.direction_confidence, e.evidence]
        for e in edges
    )  # fmt: skip
    vec_digest = hashlib.sha256(b"".join(int(a).to_bytes(8, "little") + bytes(v) for a, _, v in vec_rows)).hexdigest()

    # boilerplate: a sentence of an embedded article left out of every verified pair it is in
    kept: dict[int, set[int]] = {r: set() for r in rows}
    for e in verified:
        bp = e.evidence.get("boilerplate", {})
        for r, side in ((e.a_row, "a"), (e.b_row, "b")):
            drop = set(bp.get(side, ()))
            kept[r].update(i for i in range(n_sent[r]) if i not in drop)
    positions = sum(len(arts[r].sentences) for r in rows)
    unread = sum(len(arts[r].sentences) - len(kept[r]) for r in rows)
    read_texts = {arts[r].sentences[i].norm for r in rows for i in kept[r]}
    all_texts = {s.norm for r in rows for s in arts[r].sentences}

    # per verified pair: its kept sentences by the label of the match they are in
    by: Counter[str] = Counter()
    pairs_with_vector_label = 0
    for e in verified:
        bp = e.evidence.get("boilerplate", {})
        n = n_sent[e.a_row] - len(bp.get("a", ())) + n_sent[e.b_row] - len(bp.get("b", ()))
        inside = 0
        labels = set()
        for ia, ib, label, _ in e.evidence["matches"]:
            by[label] += len(ia) + len(ib)
            inside += len(ia) + len(ib)
            labels.add(label)
        by["in no match"] += n - inside
        pairs_with_vector_label += bool(labels & set(BY_VECTORS))

    embedded = len(enc.texts)
    distinct = len(set(enc.texts))
    out = {
        "size": args.size,
        "articles": result.articles,
        "candidates": result.candidates,
        "compared": result.compared,
        "edges": len(result.edges),
        "scan_wall_s": round(scan_wall, 1),
        "scan_cpu_s": round(scan_cpu, 1),
        "stages_s": {k: round(v, 1) for k, v in result.seconds.items()},
        "encode_calls": enc.calls,
        "sentences_embedded": embedded,
        "distinct_texts_embedded": distinct,
        "embedded_again": embedded - distinct,
        "articles_embedded": len(puts),
        "articles_embedded_twice": sum(1 for n in puts.values() if n > 1),
        "model_verified_pairs": len(verified),
        "their_articles": len(rows),
        "their_sentences": positions,
        "their_distinct_texts": len(all_texts),
        "boilerplate_sentences_never_read": unread,
        "distinct_texts_read": len(read_texts),
        "pair_sentences_by_label": dict(by.most_common()),
        "pairs_with_a_vector_label": pairs_with_vector_label,
        "edges_digest": digest(edge_rows),
        "reuse_edges_digest": digest(sorted([e.a, e.b, e.relation, e.score, e.direction] for e in result.edges)),
        "vectors_digest": vec_digest[:16],
    }
    for k, v in out.items():
        print(f"{k:>34}: {v}")
    words = sum(by[k] for k in BY_WORDS)
    vecs = sum(by[k] for k in BY_VECTORS)
    total = sum(by.values())
    print(
        f"pair sentences: {vecs:,} in matches labelled by the vectors ({vecs / total:.1%}), {words:,} by the words "
        f"({words / total:.1%}), {by['in no match']:,} in none ({by['in no match'] / total:.1%})"
    )
    if args.json:
        args.json.write_text(json.dumps(out, indent=2) + "\n")
    if args.keep:
        shutil.copytree(work / "store", args.keep, dirs_exist_ok=True)
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
