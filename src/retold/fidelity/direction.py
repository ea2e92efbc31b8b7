"""Which article came first: dates when both are known, otherwise the asymmetry of the evidence.

A retelling loses specifics its source had (names, numbers, quotes, credits, datelines) far more
often than it invents them, and what it adds tends to come from elsewhere (a separate topic
appended) rather than to elaborate the shared story. A credit in one article naming the other's
outlet settles it; the same wire credited by both points to a common source. Every signal is
computed so that swapping the articles swaps the answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlparse

from retold.fidelity._shared import Doc, content_words, doc_for, fold, has, prefix_key, stem
from retold.fidelity.attribution import credits
from retold.fidelity.entities import entities
from retold.model import Article, Direction, Flag, Match

DATE_CONFIDENCE = 0.9
MAX_CONFIDENCE = 0.95
_SPECIFICS = {
    "entity": 0.5,
    "number": 0.5,
    "quote": 0.5,
    "attribution": 1.5,
}
_CAP = {"entity": 2.0, "number": 1.5, "quote": 1.5, "attribution": 2.0}
TOPIC_WEIGHT = 2.0
OFF_TOPIC = 0.34


def parse_date(value: str | None) -> datetime | None:
    """ISO 8601 (date or date-time) or RFC 2822, as an aware UTC time; None when unreadable."""
    if not value:
        return None
    v = value.strip()
    try:
        d = datetime.fromisoformat(v.replace("Z", "+00:00"))
    except ValueError:
        try:
            d = parsedate_to_datetime(v)
        except (TypeError, ValueError, IndexError):
            return None
    if d.tzinfo is None:
        d = d.replace(tzinfo=UTC)
    return d


def _outlet_keys(article: Article) -> set[str]:
    keys = set()
    if article.source:
        keys.add(" ".join(stem(w) for w in re.findall(r"\w+", article.source.lower()) if w not in ("the", "www")))
    if article.url:
        host = urlparse(article.url).hostname or ""
        parts = [p for p in host.split(".") if p not in ("www", "com", "org", "net", "co", "uk", "de", "news")]
        if parts:
            keys.add(stem(parts[-1]))
    return {k for k in keys if k}


def _credits_other(doc: Doc, other: Article) -> list[str]:
    keys = _outlet_keys(other)
    if not keys:
        return []
    return [c.name for c in credits(doc) if c.key in keys or any(k and k in c.key.split() for k in keys)]


def _off_topic(doc: Doc, unmatched: Sequence[int], core: Sequence[int]) -> float:
    """Share of unmatched sentences that share little with the matched core (material from elsewhere)."""
    if not unmatched or not core:
        return 0.0
    st = doc.stems_of(core)
    pf = {prefix_key(s) for s in st}
    core_names = {k for e in entities(doc, core) for k in e.keys}
    off = 0
    total = 0
    for i in unmatched:
        if doc.sents[i].is_title:
            continue
        words = content_words(doc.sents[i].tokens)
        if not words:
            continue
        total += 1
        cov = sum(1 for t in words if has(st, pf, t.text)) / len(words)
        names = entities(doc, [i])
        if names:
            ncov = sum(1 for e in names if any(k in core_names or has(st, pf, k) for k in e.keys)) / len(names)
            cov = 0.5 * cov + 0.5 * ncov
        if cov < OFF_TOPIC:
            off += 1
    return off / total if total else 0.0


def _family(kind: str) -> str:
    return kind.split("_", 1)[0]


def decide(
    a: Article,
    b: Article,
    matches: Sequence[Match],
    only_in_a: Sequence[int],
    only_in_b: Sequence[int],
    flags: Sequence[Flag],
) -> tuple[Direction, float, tuple[str, ...]]:
    """The direction, a confidence in 0..1 and the reasons, in plain words."""
    reasons: list[str] = []
    if not matches:
        return "undetermined", 0.0, ("nothing in common to compare",)
    da, db = doc_for(a), doc_for(b)
    score = 0.0  # > 0: A is the source
    mutual = 0.0  # evidence that both retell a third text

    # credits naming the other article's outlet
    a_names_b = _credits_other(da, b)
    b_names_a = _credits_other(db, a)
    if b_names_a and not a_names_b:
        score += 3.0
        reasons.append(f"B credits A's outlet ({b_names_a[0]})")
    elif a_names_b and not b_names_a:
        score -= 3.0
        reasons.append(f"A credits B's outlet ({a_names_b[0]})")
    wires_a = {c.key: c.name for c in credits(da) if c.kind in ("outlet", "dateline")}
    wires_b = {c.key for c in credits(db) if c.kind in ("outlet", "dateline")}
    shared = sorted((set(wires_a) & wires_b) - _outlet_keys(a) - _outlet_keys(b))
    if shared and not a_names_b and not b_names_a:
        mutual += 2.0
        reasons.append(f"both credit the same outlet ({wires_a[shared[0]]})")

    # specifics one side has and the other lacks, within matched material
    only_a: dict[str, float] = {}
    only_b: dict[str, float] = {}
    own = {k for k in _outlet_keys(a) | _outlet_keys(b)}
    for f in flags:
        fam = _family(f.kind)
        w = _SPECIFICS.get(fam)
        if w is None:
            continue
        if fam == "attribution" and any(
            k in stem(fold(f.a_text or f.b_text or "")) or k in fold(f.a_text or f.b_text or "") for k in own
        ):
            continue  # a credit to the other article itself is counted above
        if f.kind.endswith("_dropped"):
            only_a[fam] = min(_CAP[fam], only_a.get(fam, 0.0) + w)
        elif f.kind.endswith("_added"):
            only_b[fam] = min(_CAP[fam], only_b.get(fam, 0.0) + w)
    sa, sb = sum(only_a.values()), sum(only_b.values())
    score += sa - sb
    mutual += min(sa, sb)
    names = {"entity": "names", "number": "numbers", "quote": "quotes", "attribution": "credits"}
    if sa:
        reasons.append("B lacks " + ", ".join(names[k] for k in sorted(only_a)) + " that A has in the shared sentences")
    if sb:
        reasons.append("A lacks " + ", ".join(names[k] for k in sorted(only_b)) + " that B has in the shared sentences")
    if any(f.kind == "quote_altered" for f in flags):
        reasons.append("quoted words differ between the two")

    # unmatched material: details left out (on topic) versus a story appended from elsewhere
    core_a = sorted({i for m in matches for i in m.a})
    core_b = sorted({j for m in matches for j in m.b})
    off_a = _off_topic(da, only_in_a, core_a)
    off_b = _off_topic(db, only_in_b, core_b)
    topic = TOPIC_WEIGHT * (off_b - off_a)
    score += topic
    if off_b - off_a >= 0.5:
        reasons.append("B's unmatched sentences are a separate topic, A's are details of the shared story")
    elif off_a - off_b >= 0.5:
        reasons.append("A's unmatched sentences are a separate topic, B's are details of the shared story")

    pa, pb = parse_date(a.published), parse_date(b.published)
    if pa and pb and pa != pb:
        first: Direction = "a_to_b" if pa < pb else "b_to_a"
        conf = DATE_CONFIDENCE
        if (score <= -2.0 and first == "a_to_b") or (score >= 2.0 and first == "b_to_a"):
            conf = 0.7
            reasons.append("the text evidence points the other way")
        reasons.insert(0, f"{'A' if first == 'a_to_b' else 'B'} was published first")
        return first, conf, tuple(reasons)

    if mutual >= 2.0 and mutual >= abs(score):
        return "common_source", round(min(0.9, 1 - 0.5 ** (mutual - 0.5)), 3), tuple(reasons)
    if abs(score) >= 1.0:
        conf = round(min(MAX_CONFIDENCE, 1 - 0.5 ** abs(score)), 3)
        return ("a_to_b" if score > 0 else "b_to_a"), conf, tuple(reasons)
    return "undetermined", 0.0, tuple(reasons) or ("no asymmetry in the evidence",)
