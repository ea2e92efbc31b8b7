"""The frozen records every stage passes to the next.

Offsets (``start``/``end``) are always character offsets into ``Article.text``, the text as the
user gave it (for JSONL/CSV/HTML records: the title and body joined as described in the README),
so any span can be shown to a person exactly where it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from retold.ingest.dates import Reading

Label = Literal["verbatim", "edited", "paraphrase", "translation", "related"]
Relation = Literal["identical", "near_duplicate", "rewrite", "partial_reuse", "same_story", "unrelated"]
Direction = Literal["a_to_b", "b_to_a", "common_source", "undetermined"]
Severity = Literal["info", "warning", "high"]
Side = Literal["a", "b"]
# what a long operation (add, scan, an index build) tells as it goes: stage, done, total (0: not known)
Progress = Callable[[str, int, int], None]


def silent(stage: str, done: int, total: int) -> None:
    """The progress of a caller that asked for none."""


LABELS: tuple[Label, ...] = ("verbatim", "edited", "paraphrase", "translation", "related")
RELATIONS: tuple[Relation, ...] = (
    "identical",
    "near_duplicate",
    "rewrite",
    "partial_reuse",
    "same_story",
    "unrelated",
)
DIRECTIONS: tuple[Direction, ...] = ("a_to_b", "b_to_a", "common_source", "undetermined")


def _cut(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


@dataclass(frozen=True)
class Span:
    """A half-open character range ``[start, end)`` in an article's original text."""

    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Sentence:
    """One sentence (or headline) with its place in the original text.

    ``text`` is the original slice; ``norm`` the normalised form every comparison uses
    (NFC, straight quotes, ASCII dashes, single spaces).
    """

    i: int
    start: int
    end: int
    text: str
    norm: str
    is_title: bool = False


@dataclass(frozen=True)
class Article:
    """An article as read: its original text, metadata when known, and its sentences."""

    id: str
    text: str
    sentences: tuple[Sentence, ...]
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    path: str | None = None
    language: str = "en"

    @cached_property
    def date(self) -> Reading | None:
        """``published`` as read, once for every stage that asks (adding one asks twice: for the report of
        dates not read and for the store's timestamp)."""
        from retold.ingest.dates import read_date  # here, not above: ingest builds on this module

        return read_date(self.published)

    @property
    def n_chars(self) -> int:
        """Characters inside sentences: the denominator of coverage."""
        return sum(s.end - s.start for s in self.sentences)

    def __repr__(self) -> str:
        """Short: the whole text and every sentence twice made a repr of 26,000 characters for 3.8 KB."""
        title = f", title={_cut(self.title)!r}" if self.title else ""
        path = f", path={self.path!r}" if self.path else ""
        return (
            f"Article(id={self.id!r}{title}, {len(self.sentences)} sentences, {len(self.text):,} characters, "
            f"language={self.language!r}{path})"
        )


@dataclass(frozen=True)
class DiffOp:
    """One step of a word-level diff: ``equal``, ``replace``, ``delete`` (only in A), ``insert`` (only in B)."""

    op: Literal["equal", "replace", "delete", "insert"]
    a: str
    b: str


@dataclass(frozen=True)
class Match:
    """Sentences of A that retell sentences of B (many-to-many), how, and how strongly."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    label: Label
    score: float
    diff: tuple[DiffOp, ...] = ()
    evidence: dict[str, float] = field(default_factory=dict, compare=False, hash=False)

    def __repr__(self) -> str:
        """Short: which sentences, how, how strongly; the word diff is counted, not spelled out."""
        return f"Match(a={self.a}, b={self.b}, label={self.label!r}, score={self.score:.3f}, {len(self.diff)} diff ops)"


@dataclass(frozen=True)
class Flag:
    """A change the retelling made to its source that a reader should know about (quote altered, credit dropped...).

    ``kind`` says what the retelling did to the source; ``a``/``b`` are always the spans in article A and B
    (which of the two is the source is ``Comparison.flags_source``).
    """

    kind: str
    a: Span | None
    b: Span | None
    a_text: str | None
    b_text: str | None
    severity: Severity
    note: str

    def mirrored(self) -> Flag:
        """The same finding with the articles' sides swapped: what was A's span and text is B's."""
        return replace(self, a=self.b, b=self.a, a_text=self.b_text, b_text=self.a_text)


@dataclass(frozen=True)
class Verdict:
    """How the two articles relate as wholes, and which one came first."""

    relation: Relation
    score: float
    coverage_a: float
    coverage_b: float
    direction: Direction = "undetermined"
    direction_confidence: float = 0.0
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Comparison:
    """The full explanation of one pair: alignment, verdict and flags.

    ``mode`` is ``"model"`` or ``"lexical"``; ``notes`` says what this mode could not see.
    ``flags_source`` is the article the flags read as the source: the earlier one when the direction is
    decided (``flags_source_decided``), otherwise A, by argument order alone.
    """

    a: Article
    b: Article
    matches: tuple[Match, ...]
    only_in_a: tuple[int, ...]
    only_in_b: tuple[int, ...]
    verdict: Verdict
    flags: tuple[Flag, ...] = ()
    mode: str = "model"
    model: str | None = None
    notes: tuple[str, ...] = ()
    flags_source: Side = "a"
    flags_source_decided: bool = False

    def __repr__(self) -> str:
        """Short: the articles' ids, the verdict and counts (the articles themselves are in ``a`` and ``b``)."""
        v = self.verdict
        return (
            f"Comparison(a={self.a.id!r}, b={self.b.id!r}, relation={v.relation!r}, "
            f"coverage_a={v.coverage_a:.2f}, coverage_b={v.coverage_b:.2f}, direction={v.direction!r}, "
            f"{len(self.matches)} matches, {len(self.only_in_a)} only in a, {len(self.only_in_b)} only in b, "
            f"{len(self.flags)} flags, mode={self.mode!r})"
        )


@dataclass(frozen=True)
class Edge:
    """A reuse relation found between two articles of a collection (its evidence stays in the store)."""

    a: str
    b: str
    relation: Relation
    score: float
    coverage_a: float
    coverage_b: float
    direction: Direction = "undetermined"
    direction_confidence: float = 0.0
    language_a: str | None = None  # as the pair was aligned; None for an edge stored by an older retold
    language_b: str | None = None

    @property
    def translation(self) -> bool:
        """A retelling across languages: the edge's coverage and labels come from the multilingual model, and a
        reader should not take the pair for a copy in one language."""
        return self.language_a is not None and self.language_b is not None and self.language_a != self.language_b


@dataclass(frozen=True)
class Story:
    """Articles that retell each other, with the edges that say who took from whom."""

    id: str
    articles: tuple[str, ...]
    origins: tuple[str, ...]
    edges: tuple[Edge, ...]
