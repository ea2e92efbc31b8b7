"""Settings with defaults in one place; each can be overridden by an environment variable."""

from __future__ import annotations

import os
from dataclasses import dataclass


def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


@dataclass(frozen=True)
class Limits:
    """Bounds that keep one bad input from eating the machine."""

    max_article_bytes: int = _env_int("RETOLD_MAX_ARTICLE_BYTES", 5_000_000)
    max_sentence_chars: int = _env_int("RETOLD_MAX_SENTENCE_CHARS", 20_000)
    # a comparison's alignment weighs every pair of sentences: 20,000 repeated ones against themselves ran
    # 900 s and 14 GB; 1,000 take 48 s at worst on 2 loaded cores (benchmarks/bounded_compare.py), while the
    # 40 longest of 38,041 real news articles have at most 313
    max_sentences: int = _env_int("RETOLD_MAX_SENTENCES", 1_000)


LIMITS = Limits()
# None: detect English or German per article; set RETOLD_LANGUAGE to force one (any sentencex code).
DEFAULT_LANGUAGE = os.environ.get("RETOLD_LANGUAGE") or None
RECORD_FIELDS = ("id", "title", "text", "url", "source", "published")
