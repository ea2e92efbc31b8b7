"""How much of what two articles share is a third party's words that both quote.

Two outlets that quote the same statement or embed the same post share words neither wrote: both
took them from the speaker, so the shared text says nothing of who took from whom. The direction
weighs its evidence by the share of the shared content words that sit inside quote marks, or
inside an embedded post, in both articles (``quoted_share``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from retold.fidelity._shared import Doc, SentView, stem
from retold.fidelity.quotes import quotes
from retold.model import Match

# How much a shared word counts by how its pair of sentences was matched. The model pairs the two outlets' own
# sentences on one story as paraphrase: their words are their own and no quote, and at full weight they held the
# share of a tweet both embed under the threshold (a source named for 6 of 25 tweet pairs of news_allsides with
# the default model, 3 in ``--lexical``). Weight 0 instead lets a retelling that paraphrases its source's prose
# and copies only its quotes (a WMT19 retelling) look like a common quote. Chosen by blocked CV with the threshold
# over both modes (``benchmarks/quoted_share_cv.py``: the folds chose 0.05 to 0.25, which tie on all pairs; 0.1
# their median keeps that WMT19 retelling at 0.66 and every tweet pair above 0.9, where 0.25 leaves one at 0.90).
PARAPHRASE_WEIGHT = 0.1
WEIGHTS = {"verbatim": 1.0, "edited": 1.0, "paraphrase": PARAPHRASE_WEIGHT, "translation": PARAPHRASE_WEIGHT}

# An embedded post as a page prints it: its text, then "— Name (@handle) Month D, YYYY" closing the paragraph
_POST_END = re.compile(
    r"[\u2014\u2013-]{1,2}\s*[^\n]{1,80}?\(@\w{1,30}\)\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4})?[ \t]*(?=\n|$)"
)


def _posts(text: str) -> list[tuple[int, int]]:
    """The paragraphs that end as an embedded post does (found by their end: a pattern that also matched their
    start would be tried from every character of a long paragraph)."""
    return [(text.rfind("\n", 0, m.start()) + 1, m.end()) for m in _POST_END.finditer(text)]


def third_party_spans(doc: Doc) -> list[tuple[int, int]]:
    """The spans (original offsets, sorted, merged) of a document's outer quotes and embedded posts."""
    if "third_party" not in doc.cache:
        spans = sorted([(q.start, q.end) for q in quotes(doc)] + _posts(doc.body))
        merged: list[tuple[int, int]] = []
        for s, e in spans:
            if merged and s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
            else:
                merged.append((s, e))
        doc.cache["third_party"] = merged
    result: list[tuple[int, int]] = doc.cache["third_party"]
    return result


def _inside(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    k = bisect_right(starts, pos) - 1
    return k >= 0 and pos < spans[k][1]


def _starts(doc: Doc) -> tuple[list[tuple[int, int]], list[int]]:
    """The third-party spans and where each starts, read once per document (not again for each sentence)."""
    hit: tuple[list[tuple[int, int]], list[int]] | None = doc.cache.get("third_party_starts")
    if hit is None:
        spans = third_party_spans(doc)
        hit = doc.cache["third_party_starts"] = (spans, [s for s, _ in spans])
    return hit


def _quoted_words(doc: Doc, sent: SentView) -> list[tuple[str, bool]]:
    spans, starts = _starts(doc)
    words = sent.content
    if not words:
        return []
    # a sentence no span reaches holds no quoted word: its words are not looked up one by one
    first, last = sent.span(words[0].start, words[0].end).start, sent.span(words[-1].start, words[-1].end).start
    k = bisect_right(starts, last) - 1
    if k < 0 or spans[k][1] <= first:  # the last span opened by then closed before the first word (sorted, merged)
        return [(stem(t.text), False) for t in words]
    return [(stem(t.text), _inside(spans, starts, sent.span(t.start, t.end).start)) for t in words]


def _words(doc: Doc, idx: Sequence[int]) -> list[tuple[str, bool]]:
    """The content words of some sentences, each as (stem, inside a quote or an embedded post)."""
    return doc.per_sentence("quoted_words", _quoted_words, idx)


def quoted_share(da: Doc, db: Doc, matches: Sequence[Match]) -> float:
    """Of the content words each retold pair of sentences shares, weighed by how it was matched (``WEIGHTS``),
    the share quoted in both articles (the smaller of A's and B's, so that swapping the articles changes
    nothing): 1 when the articles share only words both quote, 0 when the shared words are their own."""
    shared = [0.0, 0.0]
    quoted = [0.0, 0.0]
    for m in matches:
        weight = WEIGHTS.get(m.label, 0.0)  # "related": the same subject, no shared text
        if not weight:
            continue
        wa, wb = _words(da, m.a), _words(db, m.b)
        for k, (mine, theirs) in enumerate(((wa, wb), (wb, wa))):
            other = {w for w, _ in theirs}
            other_quoted = {w for w, q in theirs if q}
            for w, q in mine:
                if w in other:
                    shared[k] += weight
                    quoted[k] += weight * (q and w in other_quoted)
    if not shared[0] or not shared[1]:
        return 0.0
    return min(quoted[0] / shared[0], quoted[1] / shared[1])
