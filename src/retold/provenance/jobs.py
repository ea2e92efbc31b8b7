"""One candidate pair's verification, self-contained: what travels to a worker process or a Spark task.

A job holds the pair without its boilerplate and, with a model, the articles' sentence vectors; any engine
that holds the articles and the boilerplate builds the same job, so every engine stores the same edge.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from retold._memory import collect_young_every
from retold.model import Article, Comparison, Edge, Relation, Sentence
from retold.provenance.boilerplate import Boilerplate
from retold.provenance.evidence import Settings
from retold.provenance.gate import needs_model
from retold.provenance.pair_table import encode, in_article_order, pairs_of

REUSE: tuple[Relation, ...] = ("identical", "near_duplicate", "rewrite", "partial_reuse")


def strip(article: Article, drop: set[int]) -> tuple[Article, list[int]]:
    """The article without the ``drop`` sentences (renumbered; offsets unchanged) and the kept indices."""
    if not drop:
        return article, list(range(len(article.sentences)))
    kept = [s for s in article.sentences if s.i not in drop]
    # each kept sentence renumbered: ``replace(s, i=k)``, without its look-up of the fields (a scan's main process
    # strips some 12,000 sentences at 10,000 articles)
    sentences = tuple(Sentence(k, s.start, s.end, s.text, s.norm, s.is_title) for k, s in enumerate(kept))
    return replace(article, sentences=sentences), [s.i for s in kept]


@dataclass(frozen=True)
class Side:
    """One article as any of its pairs' jobs hold it: without its boilerplate (renumbered), the indices of the
    sentences kept and of those dropped. The same for every pair the article is in, so an engine that meets
    it in several pairs makes it once (and a pickled chunk of jobs then carries it once)."""

    article: Article
    keep: list[int]
    drop: list[int]


def side(article: Article, drop: set[int]) -> Side:
    """The article's :class:`Side` in any pair, without its boilerplate sentences ``drop``
    (``Boilerplate.sentences``)."""
    stripped, keep = strip(article, drop)
    return Side(stripped, keep, sorted(drop))


def job_of(a: Side, b: Side) -> Job | None:
    """The pair of ``a`` (the earlier) and ``b`` without vectors; None when either has nothing left."""
    if not a.article.sentences or not b.article.sentences:
        return None
    return Job(a.article, b.article, a.keep, b.keep, a.drop, b.drop, None, None)


def make_job(
    bp: Boilerplate,
    a: Article,
    oa: str | None,
    b: Article,
    ob: str | None,
    vectors: tuple[np.ndarray, np.ndarray] | None = None,
    model: str | None = None,
) -> Job | None:
    """The pair ``a`` (the earlier) and ``b`` as verification needs it, boilerplate taken out (``vectors``
    are the articles' whole model vectors, if any); None when nothing else is left. Pure: any engine
    that holds the articles and the boilerplate builds the same job."""
    job = job_of(side(a, bp.sentences(a, oa)), side(b, bp.sentences(b, ob)))
    return job if job is None or vectors is None else job.with_vectors(vectors, model)


@dataclass(frozen=True)
class Job:
    """One pair to verify, self-contained (it travels to a worker process): the articles without
    their boilerplate, the original indices of the sentences kept, and the model vectors if any."""

    a: Article
    b: Article
    keep_a: list[int]
    keep_b: list[int]
    drop_a: list[int]
    drop_b: list[int]
    vectors: tuple[np.ndarray, np.ndarray] | None
    model: str | None

    def with_vectors(self, vectors: tuple[np.ndarray, np.ndarray], model: str | None) -> Job:
        """The job with the model's vectors of the sentences it keeps, from both articles' whole vectors."""
        return replace(self, vectors=(vectors[0][self.keep_a], vectors[1][self.keep_b]), model=model)

    def run(self, flags: bool = True) -> tuple[Comparison, dict[str, Any]]:
        """The comparison, and the evidence an edge keeps (matches in the articles' own numbering);
        ``flags=False`` when only the edge is wanted (the direction is the same, no flags are read)."""
        from retold.pipeline import compare

        # no sentence limit: one long article must not stop a whole scan (its pairs' evidence is computed
        # once per distinct sentence, so memory stays bounded)
        comp = compare(
            self.a,
            self.b,
            lexical=self.vectors is None,
            model=self.model,
            vectors=self.vectors,
            fidelity=REUSE,
            max_sentences=0,
            flags=flags,
        )
        ka, kb = self.keep_a, self.keep_b
        matches = [[[ka[i] for i in m.a], [kb[j] for j in m.b], m.label, m.score] for m in comp.matches]
        evidence: dict[str, Any] = {
            "matches": matches,
            "reasons": list(comp.verdict.reasons),
            "model": comp.model,
            "languages": [comp.a.language, comp.b.language],  # the edges table has no columns for them
        }
        if self.drop_a or self.drop_b:
            evidence["boilerplate"] = {"a": self.drop_a, "b": self.drop_b}
        return comp, evidence


# a verifying worker's word caches, smaller than a process's defaults and below what a 10,000-article scan's worker
# fills, so that a larger corpus's worker holds no more (see ``bound_caches``)
WORKER_TOKENS_KEPT = 4096  # sentences whose tokens a verifying worker keeps (``shingles.keep_tokens``)
WORKER_VOCABULARY = 1 << 15  # terms with an id (``terms.keep_vocabulary``)
WORKER_WORD_KEYS = 1 << 14  # words whose name-index keys are kept (``entities.index.keep_word_keys``)
WORKER_STEMS = 1 << 15  # words whose fold and stem are kept past a chunk of jobs (``_stems.forget_stems``)
WORKER_RUNS = 1 << 10  # sentences whose name runs are kept (``entities.tokens.keep_runs``)
WORKER_SEGMENTS = 1 << 11  # and runs whose segments are
# a verifying worker's cycle collector: its youngest generation collected once 10,000 objects more were made than let
# go, not Python's 700 (``_memory.collect_young_every``; the older ones as often as Python's: every 10 of the one
# below). The 10,000-article scan's pairs replayed in one process (``benchmarks/verify_replay.py``) collected 1,440
# times in 1.06-1.25 s of CPU, with this 48 times in 0.55 s; each worker's peak 187 -> 188-190 MiB in a real scan
WORKER_GC_YOUNG = 10_000
_bounded = False


def bound_caches() -> None:
    """In a verifying worker, once (its warm-up or its first jobs, whichever comes first: a pool gives its tasks to
    whichever worker is free, so one worker may run both warm-ups): keep the word caches the comparisons fill
    bounded below what the 10,000-article scan's worker fills (37,317 term ids, 19,158 words' name keys, 3,123 runs'
    segments), so that its memory does not grow with the corpus: a larger corpus's worker fills them to the same
    bound (the name runs' too: 618 sentences' at 10,000), and collect its cycles less often (``WORKER_GC_YOUNG``).
    The caches keep only what is computed again when let go: the verdicts are the same."""
    global _bounded
    if _bounded:
        return
    from retold.align.terms import keep_vocabulary
    from retold.fidelity.entities.index import keep_word_keys
    from retold.fidelity.entities.tokens import keep_runs
    from retold.fingerprint.shingles import keep_tokens

    keep_tokens(WORKER_TOKENS_KEPT)
    keep_vocabulary(WORKER_VOCABULARY)
    keep_word_keys(WORKER_WORD_KEYS)
    keep_runs(WORKER_RUNS, WORKER_SEGMENTS)
    collect_young_every(WORKER_GC_YOUNG)
    _bounded = True


def trim_caches() -> None:
    """In a verifying worker, after each chunk of jobs: the caches of ``fold`` and ``stem`` (``lru_cache``s of a
    fixed size, 65,536 words each, which the 100,000-article scan's worker filled) emptied once either holds more
    than ``WORKER_STEMS`` words."""
    from retold.fidelity import forget_stems

    forget_stems(WORKER_STEMS)


def verify(job: Job) -> tuple[Edge, dict[str, Any]]:
    """The edge and its evidence (what a scan stores): small enough to send back from a worker. An engine
    gives a job the model's vectors only once ``settle`` has not settled it."""
    comp, evidence = job.run(flags=False)  # an edge keeps no flags: they are read when the pair is viewed
    return edge_of(job.a.id, job.b.id, comp), evidence


def settle(job: Job, s: Settings) -> tuple[Edge, dict[str, Any]] | None:
    """The lexical edge of a pair the model need not see (``gate.needs_model`` says no) when it is no
    reuse; None when the model must verify the pair (always with ``s.model_gate`` off)."""
    if not s.model_gate or needs_model(job.a, job.b, s):
        return None
    comp, evidence = job.run(flags=False)
    if comp.verdict.relation in REUSE:
        return None
    evidence["settled"] = "lexical: no sentences close enough for the model to pair"
    return edge_of(job.a.id, job.b.id, comp), evidence


def edge_of(a_id: str, b_id: str, comp: Comparison) -> Edge:
    v = comp.verdict
    return Edge(
        a_id, b_id, v.relation, v.score, v.coverage_a, v.coverage_b, v.direction, v.direction_confidence,
        comp.a.language, comp.b.language,
    )  # fmt: skip


def by_article(pairs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The pairs in an order that keeps each article's pairs together: from each pair not yet taken, in the order
    given, the pairs of every article met, breadth first. A worker that gets the next pairs then meets the same
    articles again while it still holds their words (``features.sentence_words``, ``passage._running``) and a
    chunk of jobs carries a shared article once. In the order of their first article, the 10,000-article scan's
    4,806 pairs had each worker read 5,600 articles' words (3,374 articles, in chunks of 4 dealt to two workers,
    300 kept): 3,926 in this order in chunks of 16."""
    if not pairs:
        return []
    lo, hi = zip(*pairs, strict=True)
    return list(pairs_of(in_article_order(encode(np.array(lo), np.array(hi)))))
