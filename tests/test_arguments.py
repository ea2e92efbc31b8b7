"""Arguments of the Python API checked where they enter: a clear ``RetoldError``, never a quiet surprise."""

from __future__ import annotations

from pathlib import Path

import retold


def test_arguments_out_of_range_are_a_usage_error_not_a_quiet_surprise(tmp_path: Path) -> None:
    """``Corpus(window_days=-5)`` was kept, ``sources(limit=-1)`` dropped the last answer and ``limit=0`` gave
    all, ``compare(max_sentences="5")`` raised TypeError from inside; a text of NUL characters or a title
    alone was an article through the API while files and records with them are refused."""
    import pytest

    from retold.corpus import Corpus
    from retold.errors import InputError, UsageError
    from retold.ingest import article_from_text

    with pytest.raises(UsageError, match="window_days must be a number of days >= 0"):
        Corpus(tmp_path / "s.db", window_days=-5)
    a = article_from_text("The ferry resumed on Friday. Tickets cost 12 euros.", id="a")
    for limit in (-1, 0, 1.5):
        with pytest.raises(UsageError, match="limit must be a whole number >= 1"):
            Corpus(tmp_path / "s.db").sources(a, lexical=True, limit=limit)  # type: ignore[arg-type]
    for bad in ("5", -1):
        with pytest.raises(UsageError, match="max_sentences must be a whole number >= 0"):
            retold.compare(a, a, lexical=True, max_sentences=bad)  # type: ignore[arg-type]
    assert retold.compare(a, a, lexical=True, max_sentences=0).verdict.relation == "identical"
    with pytest.raises(InputError, match="NUL characters in the text"):
        article_from_text("\x00\x00\x00 \x01", id="nuls")
    with pytest.raises(InputError, match="empty article"):
        article_from_text("", id="t", title="Only a title here")
