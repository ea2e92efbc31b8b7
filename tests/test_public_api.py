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
