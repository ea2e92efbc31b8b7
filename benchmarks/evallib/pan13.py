"""PAN 2013 text alignment (verbatim reuse): plagdet of retold's matched passages.

Each pair is compared source (A) against suspicious document (B). A detection is a passage: matched
sentences merged with their neighbours when they follow each other in both documents, reported as
the character span of those sentences in each document. Cases are the re-anchored spans of this copy
of the corpus (its texts were altered, see PROVENANCE.txt); only pairs whose every case re-anchored
with ``match_ratio >= 0.95`` are scored, so no detection is judged against a span we cannot trust.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import retold
from evallib.common import Options, Result, progress
from evallib.data import default_path as _default
from evallib.data import read_jsonl
from evallib.metrics import Passage, plagdet
from retold.model import Article, Comparison

MIN_RATIO = 0.95
SUBSTANTIVE = ("verbatim", "edited", "paraphrase")
GAP = 2  # unmatched sentences a passage may bridge
MIN_CHARS = 100  # shorter passages (in either document) are not reported: the shortest case has 255


def passages(
    c: Comparison, pair: str, labels: Sequence[str] = SUBSTANTIVE, gap: int = GAP, min_chars: int = MIN_CHARS
) -> list[Passage]:
    """Matched sentence pairs chained into passages along the diagonal.

    Every ``(source sentence, suspicious sentence)`` pair a match implies is taken in reading order
    of the suspicious document; a pair extends the latest chain whose last pair it follows in both
    documents, with at most ``gap`` unmatched sentences between (a sentence split in two may repeat
    either side). Far-apart members of one many-to-many match (a repeated boiler-plate sentence)
    thus fall into separate passages instead of one span across the document. Passages shorter
    than ``min_chars`` in either document (a line-wrap fragment matched to a sentence) are dropped.
    """
    links = sorted({(j, i) for m in c.matches if m.label in labels for i in m.a for j in m.b})
    chains: list[list[tuple[int, int]]] = []
    for j, i in links:
        for ch in reversed(chains):
            lj, li = ch[-1]
            if 0 <= j - lj <= gap + 1 and -1 <= i - li <= gap + 1 and (j, i) != (lj, li):
                ch.append((j, i))
                break
        else:
            chains.append([(j, i)])
    out = []
    for ch in chains:
        p = Passage(pair, _span(c.b, {j for j, _ in ch}), _span(c.a, {i for _, i in ch}))
        if min(p.susp[1] - p.susp[0], p.src[1] - p.src[0]) >= min_chars:
            out.append(p)
    return out


def _span(art: Article, idx: set[int]) -> tuple[int, int]:
    return art.sentences[min(idx)].start, art.sentences[max(idx)].end


def load(path: Path | None) -> tuple[list[dict[str, Any]], dict[str, str]]:
    pairs_path = path or _default("pan13")
    docs_path = pairs_path.with_name("pan13_docs.jsonl")
    if not docs_path.is_file():
        docs_path = next(iter(sorted(pairs_path.parent.glob("*docs*.jsonl"))), docs_path)
    docs = {d["id"]: d["text"] for d in read_jsonl(docs_path)}
    rows = [r for r in read_jsonl(pairs_path) if all(c["match_ratio"] >= MIN_RATIO for c in r["cases"])]
    return rows, docs


VARIANTS: dict[str, dict[str, Any]] = {
    "": {},
    "_adjacent_only": {"gap": 0, "min_chars": 0},
    "_with_related": {"labels": (*SUBSTANTIVE, "related")},
}


def run(opts: Options) -> Result:
    rows, docs = load(opts.path)
    rows = opts.cut(rows)
    cases: list[Passage] = []
    found: dict[str, list[Passage]] = {v: [] for v in VARIANTS}
    n_sent = 0
    for k, r in enumerate(progress(rows, len(rows), "pan13", opts.quiet)):
        if k and k % 50 == 0 and not opts.lexical:
            opts.encoder().save()  # long documents: keep what is embedded even if the run is cut short
        src = retold.article_from_text(docs[r["src_id"]], id=r["src_id"])
        susp = retold.article_from_text(docs[r["susp_id"]], id=r["susp_id"])
        n_sent += len(src.sentences) + len(susp.sentences)
        c = retold.compare(src, susp, **opts.compare_kwargs())
        for v, kw in VARIANTS.items():
            found[v] += passages(c, r["id"], **kw)
        cases += [Passage(r["id"], tuple(k["reanchored_this"]), tuple(k["reanchored_source"])) for k in r["cases"]]
    if not opts.lexical:
        opts.encoder().save()
    metrics: dict[str, float] = {}
    for v in VARIANTS:
        s = plagdet(cases, found[v])
        metrics[f"plagdet{v}"] = round(s.plagdet, 4)
        if v:
            continue
        metrics.update(
            precision=round(s.precision, 4),
            recall=round(s.recall, 4),
            granularity=round(s.granularity, 4),
            micro_precision=round(s.micro_precision, 4),
            micro_recall=round(s.micro_recall, 4),
        )
    metrics.update(cases=len(cases), detections=len(found[""]), sentences=n_sent)
    notes = [
        f"pairs whose every case has match_ratio >= {MIN_RATIO}; detections: substantive matches "
        f"(verbatim/edited/paraphrase) chained into passages (gap <= {GAP} sentences, >= {MIN_CHARS} chars); "
        "precision/recall: PAN's macro (per passage) character measures; micro_*: characters pooled",
        "plagdet_adjacent_only: no gap, no length floor; plagdet_with_related: 'related' matches count too",
    ]
    return Result("pan13", metrics, len(rows), notes)
