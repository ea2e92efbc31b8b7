"""The web backend keeps the articles of recent requests: a text sent again is the same article, same answer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from retold.errors import InputError
from retold.web.backend import Articles, Backend


def test_a_pair_sent_again_reuses_its_articles_and_answers_the_same(seeds: tuple[Path, Path], tmp_path: Path) -> None:
    a, b = ({"text": p.read_text(encoding="utf-8")} for p in seeds)
    backend = Backend(tmp_path / "one.db", lexical=True)
    first = backend.compare(a, b)
    kept = list(backend.articles.kept.values())
    again = backend.compare(a, b)
    assert again == first and list(backend.articles.kept.values()) == kept  # the same two objects, no new ones
    assert backend.articles.get(a, "A") is kept[0]
    assert Backend(tmp_path / "two.db", lexical=True).compare(a, b) == first  # a fresh server answers the same
    titled = backend.compare({**a, "title": "Another title"}, b)
    assert titled["a"]["title"] == "Another title" and len(backend.articles.kept) == 3


def test_the_kept_articles_are_bounded_and_failures_are_not_kept() -> None:
    kept = Articles(max_chars=200, max_items=3)
    texts = [f"Dock workers in port number {i} voted on Tuesday to end their strike." for i in range(5)]
    arts = [kept.get({"text": t}, "A") for t in texts]
    assert len(kept.kept) == 2  # 5 texts of ~70 characters: the character bound keeps the last two
    assert list(kept.kept.values()) == arts[-2:]
    with pytest.raises(InputError):
        kept.get({"text": "   "}, "A")
    assert len(kept.kept) == 2


def test_the_model_encodes_a_sentence_once_and_answers_as_the_library(seeds: tuple[Path, Path], tmp_path: Path) -> None:
    import retold
    from retold.report.json import comparison_dict

    a, b = ({"text": p.read_text(encoding="utf-8")} for p in seeds)
    backend = Backend(tmp_path / "model.db")
    first = backend.compare(a, b)
    enc = backend.encoder(False)
    assert enc.active and enc.misses > 0
    seen = enc.misses
    assert backend.compare(a, {"text": b["text"] + "\nOne closing line of its own."}) != first
    assert enc.misses == seen + 1  # only the new sentence was encoded
    plain = retold.compare(
        retold.article_from_text(a["text"], id="A"), retold.article_from_text(b["text"], id="B"), encoder=enc.inner
    )
    assert first == comparison_dict(plain)


def test_delete_opens_one_store_that_checks_the_id_and_deletes(
    seeds: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A delete opened a reading store to look the id up, then a writing one to delete: two opens and a window
    between them. The writing store's own check answers an unknown id (404), nothing deleted."""
    from retold.store.sqlite import Store
    from retold.web.backend import NotFound

    backend = Backend(tmp_path / "one.db", lexical=True)
    backend.add({"text": seeds[0].read_text(encoding="utf-8"), "id": "kept"})
    opened: list[bool] = []
    init = Store.__init__

    def counted(self: Store, path: str | Path, **kwargs: object) -> None:
        opened.append(bool(kwargs.get("write")))
        init(self, path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "__init__", counted)
    with pytest.raises(NotFound, match="no article with id 'gone'"):
        backend.delete("gone")
    assert backend.delete("kept") == {"deleted": "kept"}
    assert opened == [True, True]  # one writing store a delete


def test_a_store_without_a_sentence_index_gets_one_kept_not_built_for_every_lookup(
    tmp_path: Path, fixed_encoder: Any
) -> None:
    """A store of added articles with no default-mode scan yet: each sources lookup of the app, a reader, built
    the index in memory again (5 s a request at 373 articles, minutes at 10,000, past the time limit, holding
    the lock every page waits on). The app builds it once and the store keeps it."""

    from retold.corpus import Corpus
    from retold.store.sqlite import Store

    examples = Path(__file__).resolve().parents[2] / "examples"
    db = tmp_path / "s.db"
    Corpus(db).add([str(examples / "articles.jsonl")])
    with Store(db) as store:
        assert not store.has_index
    backend = Backend(db)
    backend._encoder = fixed_encoder  # no model load: the index is the store's hashed vectors, whatever the model
    found = backend.sources({"text": (examples / "02_light_edit.txt").read_text(encoding="utf-8")})
    assert "01_wire_original" in {f["b"] for f in found}
    with Store(db) as store:
        assert store.has_index and len(store.index) > 0  # kept: the next lookup reads it


def test_a_read_only_store_is_served_for_reading_and_refuses_writes_with_403(tmp_path: Path) -> None:
    """``retold serve`` on a read-only store exited 5 ('cannot write: the store file is read-only') though the
    store reads: pages and lookups answer from it now, adding and deleting are refused (403, not a 500)."""
    import os
    import shutil
    import subprocess

    from retold.corpus import Corpus
    from retold.store.connect import ReadOnlyStore
    from retold.web.app import status_of

    examples = Path(__file__).resolve().parents[2] / "examples"
    db = tmp_path / "s.db"
    Corpus(db).scan([str(examples / "articles.jsonl")], lexical=True)
    if os.geteuid() == 0:  # root ignores permission bits: the immutable attribute binds root too
        if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(db)]).returncode != 0:
            pytest.skip("running as root and chattr +i is not available: cannot make the store read-only")
    else:
        db.chmod(0o444)
    try:
        backend = Backend(db, lexical=True)  # raised ReadOnlyStore: no server
        heard: list[str] = []
        assert Backend(db, lexical=True, warn=heard.append).read_only and backend.read_only
        assert heard == [f"{db} is read-only: pages and lookups answer, adding and deleting articles are refused"]
        assert backend.article("02_light_edit")["id"] == "02_light_edit" and backend.stories()
        light = (examples / "02_light_edit.txt").read_text(encoding="utf-8")
        assert "01_wire_original" in {f["b"] for f in backend.sources({"text": light})}
        for write in (
            lambda: backend.add({"text": light + " One more line."}),
            lambda: backend.delete("02_light_edit"),
        ):
            with pytest.raises(ReadOnlyStore, match="cannot write") as e:
                write()
            assert status_of(e.value) == 403
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(db)], check=False)
    assert [m["id"] for m in Corpus(db).listing()][:2] == ["01_wire_original", "02_light_edit"]  # nothing deleted
