"""What the ingest tests share: a record template, the reader as ``retold add`` runs it, and the checks every read
article and every refused file must pass."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from retold.errors import InputError, RetoldError
from retold.ingest import read_article, read_articles
from retold.model import Article

BODY = "The council of Harben met on Tuesday. It voted {i} to {j} on the budget for the harbour.\n"


def record(i: int) -> dict[str, str]:
    return {"id": f"r{i}", "title": f"Harben story {i}", "text": BODY.format(i=i, j=i + 1)}


def read_all(path: Path, **kw: object) -> tuple[list[Article], list[InputError]]:
    """Every article of a file and every bad record, as ``retold add`` sees them."""
    bad: list[InputError] = []
    arts = list(read_articles(str(path), on_error=bad.append, **kw))  # type: ignore[arg-type]
    return arts, bad


def one_line(e: InputError, path: Path) -> None:
    assert str(path) in str(e) and "\n" not in str(e) and e.exit_code == 3


def check_offsets(article: Article) -> None:
    assert article.sentences
    for s in article.sentences:
        assert article.text[s.start : s.end] == s.text


def raises_input_error(spec: str | Path, *reason_words: str) -> InputError:
    with pytest.raises(InputError) as info:
        list(read_articles(str(spec)))
    err = info.value
    assert isinstance(err, RetoldError)
    assert err.exit_code == 3
    assert str(spec) in str(err)
    assert err.path.startswith(str(spec))  # a records file adds ":LINE"
    assert "\n" not in str(err)
    for word in reason_words:
        assert word in err.reason.lower(), err.reason
    # read_article says the same as read_articles.
    with pytest.raises(InputError) as again:
        read_article(str(spec))
    assert again.value.exit_code == 3
    assert str(spec) in str(again.value)
    return err


def write_csv(p: Path, rows: list[list[str]]) -> None:
    with p.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
