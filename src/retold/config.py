"""Settings with defaults in one place; each can be overridden by an environment variable."""

from __future__ import annotations

import os
from dataclasses import dataclass

# what was wrong with the environment's settings, for the command line to say (a library call uses the defaults)
ENV_PROBLEMS: list[str] = []


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        ENV_PROBLEMS.append(f"{name}={raw!r} is not a whole number of at least 1: using {default:,}")
        return default
    return value


@dataclass(frozen=True)
class Limits:
    """Bounds that keep one bad input from eating the machine."""

    max_article_bytes: int = _env_int("RETOLD_MAX_ARTICLE_BYTES", 5_000_000)
    max_sentence_chars: int = _env_int("RETOLD_MAX_SENTENCE_CHARS", 20_000)
    # a comparison's alignment weighs every pair of sentences: 20,000 repeated ones against themselves ran
    # 900 s and 14 GB; 1,000 take 1.4 s at worst (1,000 like sentences against 1,000 edited ones; 250 took 20 s
    # before the word diff of long sides left difflib; benchmarks/bounded_compare.py), while the 40 longest of
    # 38,041 real news articles have at most 313
    max_sentences: int = _env_int("RETOLD_MAX_SENTENCES", 1_000)


LIMITS = Limits()


def debug() -> bool:
    """``RETOLD_DEBUG`` set: a traceback instead of the one-line error, and Spark's log on the terminal (read
    when a command runs, not at import)."""
    return bool(os.environ.get("RETOLD_DEBUG"))


# None: detect each article's language (py3langid); RETOLD_LANGUAGE gives one to every article whose record names none.
DEFAULT_LANGUAGE = os.environ.get("RETOLD_LANGUAGE") or None
