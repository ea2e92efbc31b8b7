"""An article keeps the language ingest read it in: the articles table holds it (schema 7), so loading and
listing never detect it again (slow on a large store, and able to disagree with what ingest was told); the
schema 6 -> 7 migration fills an older store's rows once, on a real file."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from retold.errors import StoreError
from retold.ingest import article_from_text
from retold.model import Article
from retold.store.schema import SCHEMA_VERSION
from retold.store.sqlite import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_a_stored_article_keeps_the_language_it_was_read_in(tmp_path: Path) -> None:
    english = (EXAMPLES / "01_wire_original.txt").read_text()
    told = article_from_text(english, id="told-fr", language="fr")
    detected = article_from_text(english, id="detected")
    assert (told.language, detected.language) == ("fr", "en")
    db = tmp_path / "s.db"
    with Store(db, write=True) as st:
        st.add([told, detected])
    with Store(db) as st:
        assert st.get("told-fr").language == "fr" and st.get("detected").language == "en"
        assert [(r["id"], r["language"]) for r in st.listing()] == [("told-fr", "fr"), ("detected", "en")]
        assert {a.language for a in st.articles_by_row(st.all_rows()).values()} == {"fr", "en"}


def test_retold_list_shows_the_language_add_was_told(tmp_path: Path) -> None:
    """RETOLD_LANGUAGE tells ingest the language on the command line; a later list, without it, shows it."""
    text = (EXAMPLES / "01_wire_original.txt").read_text()
    records = tmp_path / "a.jsonl"
    records.write_text(json.dumps({"id": "wire-1", "text": text}) + "\n")
    db = tmp_path / "s.db"
    env = {k: v for k, v in os.environ.items() if k != "RETOLD_LANGUAGE"}

    def run(*args: str, **extra: str) -> subprocess.CompletedProcess[str]:
        cmd = [sys.executable, "-m", "retold", *args]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=300, env={**env, **extra})

    added = run("add", "--db", str(db), str(records), RETOLD_LANGUAGE="fr")
    assert added.returncode == 0, added.stderr
    listed = run("list", "--db", str(db), "--json")
    assert listed.returncode == 0, listed.stderr
    assert [(r["id"], r["language"]) for r in json.loads(listed.stdout)] == [("wire-1", "fr")]


def test_a_schema_6_store_is_migrated_and_keeps_its_articles_and_their_languages(
    tmp_path: Path, older_store: Callable[[Path, int, str], list[Article]]
) -> None:
    db = tmp_path / "v6.db"
    arts = older_store(db, 6, "ALTER TABLE articles DROP COLUMN language")  # schema 6 kept no language
    with pytest.raises(StoreError, match="needs upgrading"):  # a reader never migrates
        Store(db)
    with Store(db, write=True) as st:
        assert st.schema_version == SCHEMA_VERSION == 10
        assert len(st) == len(arts)
        for a in arts:
            back = st.get(a.id)
            assert (back.text, back.sentences, back.title, back.language) == (a.text, a.sentences, a.title, a.language)
    con = sqlite3.connect(db)
    stored = dict(con.execute("SELECT id, language FROM articles"))
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    assert stored == {a.id: a.language for a in arts} and stored["06_german_translation"] == "de"
    with Store(db) as reader:  # the migrated file reads back
        assert [r["language"] for r in reader.listing()] == [a.language for a in arts]
