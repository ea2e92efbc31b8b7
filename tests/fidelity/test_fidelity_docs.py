"""Prepared documents are shared by threads (the web app compares several requests at once)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from retold.fidelity._shared import doc_for
from retold.ingest import article_from_text


def test_many_threads_get_each_article_its_own_document() -> None:
    arts = [article_from_text(f"Report number {k} says the harbour reopened on day {k}.", id=str(k)) for k in range(40)]

    def work(offset: int) -> list[bool]:
        return [doc_for(arts[(offset + k) % len(arts)]).article is arts[(offset + k) % len(arts)] for k in range(400)]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = [ok for got in pool.map(work, range(16)) for ok in got]
    assert len(results) == 16 * 400 and all(results)
