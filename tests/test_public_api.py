"""The public API is what ``retold.__all__`` says, no more and no less."""

from __future__ import annotations

import retold

PUBLIC = {
    "Article",
    "Comparison",
    "DiffOp",
    "Edge",
    "Encoder",
    "Flag",
    "InputError",
    "Match",
    "ModelError",
    "RetoldError",
    "Sentence",
    "Span",
    "Story",
    "StoreError",
    "UnknownArticle",
    "UsageError",
    "Verdict",
    "__version__",
    "article_from_text",
    "compare",
    "get_encoder",
    "read_article",
    "read_articles",
}


def test_all_is_pinned() -> None:
    assert set(retold.__all__) == PUBLIC
    for name in retold.__all__:
        assert hasattr(retold, name), name


def test_one_exception_tree() -> None:
    for exc in (retold.InputError, retold.ModelError, retold.StoreError, retold.UsageError):
        assert issubclass(exc, retold.RetoldError)
    assert issubclass(retold.UnknownArticle, retold.UsageError)  # a name given wrong: exit 2 in the CLI
    assert retold.InputError("x", "y").exit_code == 3


def test_the_readme_python_example_runs_and_its_comments_are_true(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    """The README's Python block said ``('partial_reuse', 0.84)`` for a pair it never named, and did not say how
    to get the JSON of ``compare --json`` (``retold.report.comparison_json``). Each ``# literal`` comment
    there is checked against what its line gives."""
    import ast
    import json
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    readme = (root / "README.md").read_text(encoding="utf-8")
    block = re.search(r"In Python:\n\n```python\n(.*?)```", readme, re.S)
    assert block is not None
    monkeypatch.chdir(root)
    ns: dict[str, object] = {}
    exec(block.group(1), ns)
    shown = capsys.readouterr().out
    assert json.loads(shown[shown.index('{\n  "schema"') :])["schema"] == "retold.comparison/2"
    checked = 0
    for line in block.group(1).splitlines():
        code, _, comment = line.partition("  # ")
        said = comment.strip()
        if said[:1] not in ("(", "'"):
            continue
        for end in range(len(said), 0, -1):  # the literal the comment opens with (words may follow it)
            try:
                expected = ast.literal_eval(said[:end])
                break
            except (ValueError, SyntaxError):
                continue
        assert eval(code, ns) == expected, line
        checked += 1
    assert checked >= 2


CALLER = """
from pathlib import Path

import retold
from retold.corpus import Corpus

here = Path("examples")
art: retold.Article = retold.read_article(here / "01_wire_original.txt")
arts = list(retold.read_articles(here / "articles.jsonl"))
pair: retold.Comparison = retold.compare(here / "01_wire_original.txt", art, lexical=True)
corpus = Corpus(Path("s.db"))
corpus.add([here / "01_wire_original.txt", here / "02_light_edit.txt"])
corpus.scan([here / "03_heavy_rewrite.txt"], lexical=True)
found = corpus.sources(here / "02_light_edit.txt", lexical=True)
"""


def test_paths_are_typed_as_the_api_takes_them(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """``read_article`` and others were typed ``str`` but take a ``pathlib.Path``: a strict caller's type checker
    refused the call that works. A caller passing paths is checked by mypy --strict, then run; ``get_encoder``
    (a model folder) took none (AttributeError)."""
    import os
    from pathlib import Path

    import pytest

    api = pytest.importorskip("mypy.api")
    root = Path(__file__).resolve().parents[1]
    script = tmp_path / "caller.py"
    script.write_text(CALLER, encoding="utf-8")
    monkeypatch.setenv("MYPYPATH", str(Path(retold.__file__).parents[1]))
    out, err, status = api.run(["--strict", "--no-incremental", "--follow-imports=silent", str(script)])
    assert status == 0, out + err
    monkeypatch.chdir(tmp_path)
    os.symlink(root / "examples", tmp_path / "examples")
    ns: dict[str, object] = {}
    exec(CALLER, ns)
    assert ns["art"].id == "01_wire_original" and len(ns["arts"]) > 1  # type: ignore[attr-defined, arg-type]
    assert ns["found"] and ns["found"][0].edge.b == "01_wire_original"  # type: ignore[index]
    with pytest.raises(retold.ModelError, match="no such model folder"):
        retold.get_encoder(tmp_path / "no-model")
