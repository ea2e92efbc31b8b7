"""Request bodies of the JSON API: strict types, so a number where text belongs is a 422, not a guess."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr


class ArticleIn(BaseModel):
    """One article: ``text`` (required), and optionally ``title``, ``id``, ``url``, ``source``, ``published``."""

    model_config = ConfigDict(extra="forbid")

    text: StrictStr = Field(description="The article text (the title may be its first line).")
    title: StrictStr | None = None
    id: StrictStr | None = Field(default=None, min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f]+$")
    url: StrictStr | None = Field(default=None, max_length=2000)
    source: StrictStr | None = Field(default=None, max_length=200)
    published: StrictStr | None = Field(default=None, max_length=40, description="An ISO date or date-time.")

    def fields(self) -> dict[str, Any]:
        return self.model_dump()


class CompareIn(BaseModel):
    """Two articles to compare; ``lexical`` (default: the server's mode) uses no sentence model."""

    model_config = ConfigDict(extra="forbid")

    a: ArticleIn
    b: ArticleIn
    lexical: StrictBool | None = None


class SharesIn(BaseModel):
    """An article (not stored) and the ids of sources to leave out of its figures."""

    model_config = ConfigDict(extra="forbid")

    article: ArticleIn
    exclude: list[StrictStr] = Field(default_factory=list, max_length=1000)
