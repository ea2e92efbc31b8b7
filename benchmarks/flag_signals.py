"""The run-time signals of each flag that ``flag_confidence_cv.py`` fits a confidence on (issue 15).

A flag's kind and severity, the alignment match it was read from (its label and score), the pair as a whole
(relation, coverages, how sure the direction is), how long the flagged text is, whether its words occur elsewhere
in the other article, whether the other side's sentence has a pronoun for a person, and how many flags the same
match and pair raised. All are read from the ``Comparison`` retold returns: none is a data set's name or a pair's
identity.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Any

from retold.fidelity import FLAG_KINDS
from retold.fidelity._lexicon import PERSON_PRONOUNS, STOP
from retold.model import LABELS, RELATIONS, Article, Comparison, Flag, Match, Span

WORD = re.compile(r"\w+")
KINDS = tuple(k for k in FLAG_KINDS if k != "disguised_text")
PAIR_RELATIONS = tuple(r for r in RELATIONS if r != "unrelated")
SEVERITY = {"info": 0.0, "warning": 0.5, "high": 1.0}


def _sents(art: Article, span: Span | None) -> set[int]:
    """The sentences a span lies in."""
    return {s.i for s in art.sentences if span is not None and s.start < span.end and span.start < s.end}


def match_of(c: Comparison, f: Flag) -> Match | None:
    """The alignment match the flag was read from (None: a sentence only one article has)."""
    sa, sb = _sents(c.a, f.a), _sents(c.b, f.b)
    return next((m for m in c.matches if sa & set(m.a) or sb & set(m.b)), None)


def _content(text: str) -> set[str]:
    return {w for w in (x.lower() for x in WORD.findall(text)) if w not in STOP and (len(w) > 2 or w.isdigit())}


def _found(text: str | None, other: set[str]) -> float | None:
    """The share of the text's content words the other article has anywhere (None: no text or no such word)."""
    words = _content(text or "")
    return sum(w in other for w in words) / len(words) if words else None


def signals(c: Comparison) -> list[dict[str, float]]:
    """The signals of each flag of the comparison ``c``, by name (numbers only; a one-hot for each category)."""
    src, ret = (c.a, c.b) if c.flags_source == "a" else (c.b, c.a)
    s_words, r_words = _content(src.text), _content(ret.text)
    ms = [match_of(c, f) for f in c.flags]
    same = Counter(id(m) for m in ms if m is not None)
    v = c.verdict
    pair = {f"relation={k}": float(v.relation == k) for k in PAIR_RELATIONS} | {
        "coverage_min": min(v.coverage_a, v.coverage_b),
        "coverage_max": max(v.coverage_a, v.coverage_b),
        "direction_confidence": v.direction_confidence,
        "direction_decided": float(c.flags_source_decided),
        "english": float(c.a.language == "en" and c.b.language == "en"),
        "flags_per_sentence": len(c.flags) / max(1, len(c.a.sentences) + len(c.b.sentences)),
    }
    out = []
    for f, m in zip(c.flags, ms, strict=True):
        s_text, r_text = (f.a_text, f.b_text) if c.flags_source == "a" else (f.b_text, f.a_text)
        x = pair | {f"kind={k}": float(f.kind == k) for k in KINDS}
        x |= {f"match={k}": float(m is not None and m.label == k) for k in LABELS}
        x["severity"] = SEVERITY.get(f.severity, 0.5)
        x["match_score"] = m.score if m is not None else 0.0
        x["log_words"] = math.log1p(len(WORD.findall(s_text or r_text or "")))
        x["two_sided"] = float(bool(s_text) and bool(r_text))
        # a name or number the retelling "dropped" that it has elsewhere, or "added" that the source has elsewhere
        seen = [y for y in (_found(s_text, r_words), _found(r_text, s_words)) if y is not None]
        x["found_elsewhere"] = max(seen) if seen else 0.0
        there = () if m is None else m.b if c.flags_source == "a" else m.a
        other = {w.lower() for i in there if i < len(ret.sentences) for w in WORD.findall(ret.sentences[i].text)}
        x["pronoun_there"] = float(bool(other & PERSON_PRONOUNS))
        x["log_flags_match"] = math.log1p(same[id(m)] - 1) if m is not None else 0.0
        out.append(x)
    return out


def probability(x: dict[str, float], model: dict[str, Any]) -> float:
    """P(right) of a flag with signals ``x`` under a logistic ``model``: ``weights``, ``bias``, and the ``mean``
    and ``scale`` each signal is standardised with."""
    mean, scale = model.get("mean", {}), model.get("scale", {})
    z = float(model["bias"]) + sum(
        float(w) * (x.get(k, 0.0) - float(mean.get(k, 0.0))) / float(scale.get(k, 1.0) or 1.0)
        for k, w in model["weights"].items()
    )
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
