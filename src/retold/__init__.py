"""retold: find where a news story was retold, what the retelling changed, and which came first."""

from retold.embed import Encoder, get_encoder
from retold.errors import InputError, ModelError, RetoldError, StoreError, UnknownArticle, UsageError
from retold.ingest import article_from_text, read_article, read_articles
from retold.model import Article, Comparison, DiffOp, Edge, Flag, Match, Sentence, Span, Story, Verdict
from retold.pipeline import compare

__version__ = "0.1.0"

__all__ = [
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
    "StoreError",
    "Story",
    "UnknownArticle",
    "UsageError",
    "Verdict",
    "__version__",
    "article_from_text",
    "compare",
    "get_encoder",
    "read_article",
    "read_articles",
]
