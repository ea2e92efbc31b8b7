"""Arguments of the Python API checked where they enter: a clear ``RetoldError``, never a quiet surprise."""

from __future__ import annotations

from pathlib import Path

import pytest

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


def test_article_text_given_as_a_path_is_an_input_error_pointing_to_article_from_text(tmp_path: Path) -> None:
    """A text passed where a path goes raised a raw ``OSError`` (File name too long) from ``Path.exists``,
    in ``compare``, ``read_article``, ``Corpus.sources`` and ``Corpus.add``, and for ``FILE#LONG_ID``."""
    import pytest

    from retold.corpus import Corpus
    from retold.errors import InputError

    b = Path(__file__).parents[1] / "examples" / "02_light_edit.txt"
    text = "Harben dockworkers walked out on Tuesday over the automation plan, the union said. " * 10
    hint = "looks like article text.*retold.article_from_text"
    for call in (
        lambda: retold.compare(text, b, lexical=True),
        lambda: retold.read_article(text),
        lambda: retold.read_article("Harben dockworkers\nwalked out"),
        lambda: Corpus(tmp_path / "s.db").sources(text, lexical=True),
    ):
        with pytest.raises(InputError, match=hint) as e:
            call()
        assert "\n" not in str(e.value) and len(str(e.value)) < 300
    with pytest.raises(InputError, match=r"x\.jsonl: no such file"):
        retold.compare("x.jsonl#" + "y" * 300, b, lexical=True)
    with pytest.raises(InputError, match="not a file name"):
        retold.read_article("x" * 300 + ".txt")
    report = Corpus(tmp_path / "s.db").add([text, str(b)])
    assert len(report.added) == 1 and len(report.failed) == 1
    assert "looks like article text" in report.failed[0][1]


def test_arguments_of_the_wrong_type_are_a_usage_error_saying_what_is_wanted(tmp_path: Path) -> None:
    """``compare("")`` said ``: is a directory``, ``compare(None)`` ``None: no such file``; ``read_article``,
    ``Corpus``, ``add``, ``delete`` and ``sources`` raised raw TypeError on None, ``window_days="7"`` too;
    ``fields="text=body"`` a raw ValueError, and ``fields={"bogus": "x"}`` failed once per file where the
    CLI refuses ``--field bogus=x`` before reading anything."""
    import pytest

    from retold.corpus import Corpus
    from retold.errors import UsageError

    b = Path(__file__).parents[1] / "examples" / "02_light_edit.txt"
    for bad in ("", None, 3, [str(b)], {"text": "x"}, bytes(str(b), "utf-8")):
        with pytest.raises(UsageError, match=r"expected an article: a path .* or a retold\.Article, got"):
            retold.compare(bad, b, lexical=True)  # type: ignore[arg-type]
    db = tmp_path / "s.db"
    calls = {
        "expected a path": lambda: retold.read_article(None),  # type: ignore[arg-type]
        "expected an article": lambda: Corpus(db).sources(None, lexical=True),  # type: ignore[arg-type]
        "expected paths": lambda: Corpus(db).add(None),  # type: ignore[arg-type]
        "expected ids": lambda: Corpus(db).delete(None),  # type: ignore[arg-type]
        "expected db_path": lambda: Corpus(None),  # type: ignore[arg-type]
        "window_days must be a number": lambda: Corpus(db, window_days="7"),  # type: ignore[arg-type]
        r"fields must be a mapping such as \{'text': 'body'\}": lambda: Corpus(db).add(b, fields="text=body"),  # type: ignore[arg-type]
        "fields: unknown field 'bogus'": lambda: Corpus(db).add(b, fields={"bogus": "x"}),
        "fields: unknown field 'headline'": lambda: retold.read_article(b, fields={"headline": "x"}),  # type: ignore[arg-type]
    }
    for message, call in calls.items():
        with pytest.raises(UsageError, match=message):
            call()
    assert not db.exists() or not Corpus(db).listing()  # nothing was read before the refusal


def test_fidelity_takes_relation_names_and_refuses_unknown_ones() -> None:
    """``fidelity=["bogus"]`` turned every check off without a word (0 flags, no direction, no note), and a
    bare string was tested by substring (``"partial_reuse_x"`` checked a partial_reuse pair)."""
    import pytest

    from retold.errors import UsageError

    ex = Path(__file__).parents[1] / "examples"
    a, b = ex / "01_wire_original.txt", ex / "03_heavy_rewrite.txt"  # a partial_reuse pair with flags
    for bad in (["bogus"], "partial_reuse_x", 3):
        with pytest.raises(UsageError, match="fidelity"):
            retold.compare(a, b, lexical=True, fidelity=bad)  # type: ignore[arg-type]
    checked = retold.compare(a, b, lexical=True, fidelity="partial_reuse")  # one name, not its characters
    assert checked.verdict.relation == "partial_reuse" and checked.flags
    assert checked.flags == retold.compare(a, b, lexical=True).flags
    other = retold.compare(a, b, lexical=True, fidelity=["rewrite"])
    assert not other.flags and other.verdict.direction == "undetermined"
    assert any("asked for rewrite pairs only, not for a partial_reuse pair" in n for n in other.notes)


def test_compare_and_sources_map_the_fields_of_record_files_as_the_cli_does(tmp_path: Path) -> None:
    """``--field text=body`` read a file's records for compare and sources on the command line, but
    ``retold.compare`` and ``Corpus.sources`` took no ``fields``: records whose text is under another name could
    not be named from Python."""
    import json

    import pytest

    from retold.corpus import Corpus
    from retold.errors import InputError, UsageError

    examples = Path(__file__).resolve().parents[1] / "examples"
    texts = {k: (examples / f"{k}.txt").read_text(encoding="utf-8") for k in ("01_wire_original", "02_light_edit")}
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": k, "body": t}) + "\n" for k, t in texts.items()), encoding="utf-8")
    a, b = f"{feed}#01_wire_original", f"{feed}#02_light_edit"
    body = {"text": "body"}

    with pytest.raises(InputError, match="records have no 'text' field"):  # read as retold's names
        retold.compare(a, b, lexical=True)
    told = retold.compare(a, b, lexical=True, fields=body)
    assert told.verdict.relation == retold.compare(examples / "01_wire_original.txt", examples / "02_light_edit.txt",
                                                   lexical=True).verdict.relation  # fmt: skip
    corpus = Corpus(tmp_path / "s.db")
    corpus.add(str(examples / "01_wire_original.txt"))
    found = corpus.sources(b, lexical=True, fields=body)
    assert [f.edge.b for f in found] == ["01_wire_original"]
    for bad, said in (({"bogus": "x"}, "fields: unknown field 'bogus'"), ("text=body", "fields must be a mapping")):
        with pytest.raises(UsageError, match=said):
            retold.compare(a, b, lexical=True, fields=bad)  # type: ignore[arg-type]
        with pytest.raises(UsageError, match=said):
            corpus.sources(b, lexical=True, fields=bad)  # type: ignore[arg-type]


def test_an_empty_path_in_a_list_is_a_usage_error_not_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``retold add ""`` (and ``Corpus.add([""])``, ``scan``) walked the current folder as ``"."`` and stored
    every article in it, while ``add("")`` alone was refused."""
    from retold.corpus import Corpus
    from retold.errors import UsageError

    monkeypatch.chdir(tmp_path)
    (tmp_path / "here.txt").write_text(
        "A ferry ran late on Friday in the fog. Tickets cost 12 euros.", encoding="utf-8"
    )
    db = tmp_path / "s.db"
    for call in (lambda: Corpus(db).add([""]), lambda: Corpus(db).scan(["", "here.txt"], lexical=True)):
        with pytest.raises(UsageError, match="expected paths, got an empty string"):
            call()
    with pytest.raises(UsageError, match="expected ids, got an empty string"):
        Corpus(db).delete([""])
    assert not db.exists()  # refused before anything was read
