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


def test_a_document_let_go_of_is_freed_without_the_cycle_collector() -> None:
    # a name index points back at its document; once the cache lets the document go, nothing may keep it in a
    # cycle that only a full collection finds (a scan worker's full collections walked such garbage)
    import gc
    import weakref

    from retold.fidelity.entities.index import _whole_index

    first = article_from_text("Mayor Ana Orlin of Calden opened the Vestry Bridge, Calden Council said.", id="x")
    doc = doc_for(first)
    assert "calden" in _whole_index(doc).stems
    gone = weakref.ref(doc)
    others = [article_from_text(f"Harbour report {k} says the ferry sailed on day {k}.", id=f"o{k}") for k in range(16)]
    gc.disable()
    try:
        del doc, first
        for art in others:
            doc_for(art)
        assert gone() is None
    finally:
        gc.enable()
