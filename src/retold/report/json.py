"""The ``retold.comparison/2`` JSON contract (schema in ``retold/schemas/comparison.schema.json``).

Version 2 added ``flags_source`` and ``flags_source_decided``: flags read from the source, which may be B.
"""

from __future__ import annotations

import json
from typing import Any

from retold.model import Article, Comparison, Flag, Match, Sentence

SCHEMA = "retold.comparison/2"


def article_dict(a: Article) -> dict[str, Any]:
    """An article's metadata and sentences (its text is the sentences and the offsets between them)."""
    return {
        "id": a.id,
        "title": a.title,
        "url": a.url,
        "source": a.source,
        "published": a.published,
        "language": a.language,
        "sentences": [_sentence(s) for s in a.sentences],
    }


def _sentence(s: Sentence) -> dict[str, Any]:
    """A sentence; ``is_title`` only on the headline, which the reports name "title", not 0."""
    d: dict[str, Any] = {"i": s.i, "start": s.start, "end": s.end, "text": s.text}
    if s.is_title:
        d["is_title"] = True
    return d


def _match(m: Match) -> dict[str, Any]:
    return {
        "a": list(m.a),
        "b": list(m.b),
        "label": m.label,
        "score": m.score,
        "diff": [[d.op, d.a, d.b] for d in m.diff],
        "evidence": dict(m.evidence),
    }


def _flag(f: Flag) -> dict[str, Any]:
    return {
        "kind": f.kind,
        "a": [f.a.start, f.a.end] if f.a else None,
        "b": [f.b.start, f.b.end] if f.b else None,
        "a_text": f.a_text,
        "b_text": f.b_text,
        "severity": f.severity,
        "note": f.note,
    }


def _with_languages(a: Article, d: dict[str, Any]) -> dict[str, Any]:
    """Each sentence's language: said only when the two articles' languages differ (a quote left in the
    original language then shows), so a same-language comparison never loads the identifier."""
    from retold.text.language import sentence_languages

    for s, lang in zip(d["sentences"], sentence_languages([s.text for s in a.sentences], a.language), strict=True):
        s["language"] = lang
    return d


def comparison_dict(c: Comparison) -> dict[str, Any]:
    """The comparison as plain JSON-ready data."""
    v = c.verdict
    da, db = article_dict(c.a), article_dict(c.b)
    if c.a.language != c.b.language:
        da, db = _with_languages(c.a, da), _with_languages(c.b, db)
    return {
        "schema": SCHEMA,
        "a": da,
        "b": db,
        "matches": [_match(m) for m in c.matches],
        "only_in_a": list(c.only_in_a),
        "only_in_b": list(c.only_in_b),
        "verdict": {
            "relation": v.relation,
            "score": v.score,
            "coverage_a": v.coverage_a,
            "coverage_b": v.coverage_b,
            "direction": v.direction,
            "direction_confidence": v.direction_confidence,
            "reasons": list(v.reasons),
        },
        "flags": [_flag(f) for f in c.flags],
        "flags_source": c.flags_source,
        "flags_source_decided": c.flags_source_decided,
        "mode": c.mode,
        "model": c.model,
        "notes": list(c.notes),
    }


def comparison_json(c: Comparison, indent: int | None = 2) -> str:
    return json.dumps(comparison_dict(c), ensure_ascii=False, indent=indent)
