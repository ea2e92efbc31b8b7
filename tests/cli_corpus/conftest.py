"""A corpus of real, unrelated news text to hide the seeds in: pseudo-articles from ../shared/data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def _sentences(path: Path, field: str = "a", genre: str | None = None) -> list[str]:
    out: dict[str, None] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if genre is None or rec.get("genre") == genre:
            out.setdefault(" ".join(str(rec[field]).split()), None)
    return list(out)


@pytest.fixture(scope="session")
def pseudo_articles(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """240 pseudo-articles (JSON Lines): runs of consecutive MRPC, STS-B news and WMT19 sentences.

    Consecutive records of these sets come from different stories (MRPC, STS-B) or from one
    story (WMT19), so these articles are unrelated to each other and to the seeds.
    """
    data = shared / "data"
    runs = [
        ("mrpc", _sentences(data / "mrpc" / "mrpc.train.jsonl"), 5, 150),
        ("stsb", _sentences(data / "stsb" / "stsb.train.jsonl", genre="main-news"), 4, 60),
        ("wmt", _sentences(data / "wmt19_rewrites" / "wmt19_ar_vs_arp.dev.jsonl"), 8, 30),
    ]
    path = tmp_path_factory.mktemp("pseudo") / "pseudo.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for name, sents, size, count in runs:
            for k in range(count):
                chunk = sents[k * size : (k + 1) * size]
                f.write(json.dumps({"id": f"{name}-{k:03d}", "text": "\n".join(chunk)}, ensure_ascii=False) + "\n")
    return path
