"""Corpora for the corpus benchmarks, built from the real text in ``../shared/data``.

Planted retellings come from the WMT19 paraphrase set (German news, human rewrites "paraphrased
as much as possible", in document order): consecutive runs of 8-15 lines are an original article;
its retelling is the rewritten lines of the same run with about a fifth dropped and two adjacent
pairs swapped. Distractors are every distinct real sentence (5+ words) of MRPC, STS-B, STS 2017
en-en, PAN13 and Clough & Stevenson, one per article; a sentence with two or more clauses of 6+
words (split at ", " / "; ") is used as its clauses instead, so no text appears in two
distractors. Nothing is written into the repository: files go to a temporary folder.
"""

from __future__ import annotations

import json
import os
import random
import re
import resource
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RETOLD_SHARED", ROOT.parent / "shared"))
DATA = SHARED / "data"


@dataclass(frozen=True)
class Planted:
    original: str
    retelling: str


def wmt_pairs(seed: int = 0) -> tuple[list[dict[str, str]], list[Planted]]:
    """Original and retelling records (``id``, ``text``) and the planted pairs."""
    rows = [json.loads(x) for x in (DATA / "wmt19_rewrites" / "wmt19_ar_vs_arp.dev.jsonl").read_text().splitlines()]
    rows.sort(key=lambda r: r["line"])
    rng = random.Random(seed)
    records: list[dict[str, str]] = []
    planted: list[Planted] = []
    k = i = 0
    while i + 8 <= len(rows):
        run = rows[i : i + rng.randint(8, 15)]
        i += len(run)
        orig = [r["a"] for r in run]
        kept = [r["b"] for r in run if rng.random() >= 0.2] or [run[0]["b"]]
        for _ in range(2):
            if len(kept) > 2:
                j = rng.randrange(len(kept) - 1)
                kept[j], kept[j + 1] = kept[j + 1], kept[j]
        records.append({"id": f"wmt-orig-{k:03d}", "text": "\n".join(orig)})
        records.append({"id": f"wmt-retell-{k:03d}", "text": "\n".join(kept)})
        planted.append(Planted(f"wmt-orig-{k:03d}", f"wmt-retell-{k:03d}"))
        k += 1
    return records, planted


def _clean(s: str) -> str:
    return " ".join(str(s).split())


def distractor_sentences() -> list[str]:
    """Every distinct real sentence or clause (see the module docstring), in a fixed order."""
    from sentencex import segment

    seen: dict[str, None] = {}

    def add(s: str) -> None:
        s = _clean(s)
        if len(s.split()) < 5:
            return
        parts = [p.strip() for p in re.split(r"[,;]\s", s)]
        if len(parts) > 1 and all(len(p.split()) >= 6 for p in parts):
            for p in parts:
                seen.setdefault(p, None)
        else:
            seen.setdefault(s, None)

    pair_files = [
        "mrpc/mrpc.train.jsonl",
        "stsb/stsb.train.jsonl",
        "stsb/stsb.dev.jsonl",
        "sts2017/sts2017.track5.en-en.jsonl",
    ]
    for f in pair_files:
        for line in (DATA / f).read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            add(r["a"])
            add(r["b"])
    for f in ("pan13_none/pan13_docs.jsonl", "clough_stevenson/clough_stevenson.docs.jsonl"):
        for line in (DATA / f).read_text(encoding="utf-8").splitlines():
            for para in json.loads(line)["text"].split("\n"):
                for s in segment("en", para):
                    add(s)
    return list(seen)


def build(size: int, folder: Path, seed: int = 0) -> tuple[Path, list[Planted], int]:
    """Write ``size`` articles (planted pairs + distractors, shuffled) to ``folder/corpus.jsonl``.

    Returns the path, the planted pairs, and the number of articles actually written (the
    distractor pool is finite: at most about 80,000 articles exist without repeating text).
    """
    records, planted = wmt_pairs(seed)
    pool = distractor_sentences()
    random.Random(seed).shuffle(pool)
    want = max(0, size - len(records))
    records += [{"id": f"d{k:06d}", "text": t} for k, t in enumerate(pool[:want])]
    random.Random(seed + 1).shuffle(records)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path, planted, len(records)


def peak_rss_mb() -> float:
    """This process's peak resident memory in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
