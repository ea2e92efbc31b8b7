"""Reading articles from files and records into :class:`retold.model.Article`."""

from retold.ingest.read import article_from_bytes, article_from_text, check_id, read_article, read_articles

__all__ = ["article_from_bytes", "article_from_text", "check_id", "read_article", "read_articles"]
