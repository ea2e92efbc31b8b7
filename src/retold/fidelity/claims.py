"""Clauses a retelling slipped into a matched sentence ("Speaking to a German radio station on Monday, ...").

The sentence as a whole retells its source, so alignment calls it a match; the added clause is
new information the source never gave. A clause counts as added when most of its content words
are absent from the matched source text, no single source sentence covers it (it was not just
moved), and it carries a specific (a name, a number, a day) the matched source lacks: rephrasing
rarely invents specifics, additions usually do.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from retold.fidelity._shared import Doc, SentView, Token, content_words, has, prefix_key
from retold.fidelity.entities import Entity, entities
from retold.fidelity.numbers import MONTHS, WEEKDAYS
from retold.fidelity.quotes import quotes
from retold.model import Flag, Match, Span

_SPLIT = re.compile(
    r"\s*[,;:()]\s*|\s+-\s+|\s+(?=(?:and|but|while|whereas|which|who|although|because|after|before|when|"
    r"und|aber|doch|während|weil|wobei|sowie|nachdem|obwohl|sodass)\s)"
)
MIN_WORDS = 3
ABSENT = 0.7
COVERED = 0.5


def clauses(text: str) -> list[tuple[int, int]]:
    """Clause spans of a normal sentence, split at punctuation and at conjunctions."""
    out = []
    pos = 0
    for m in _SPLIT.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _specific(tokens: list[Token], sentence_start: bool, names: list[tuple[int, int]], german: bool) -> list[Token]:
    """Names, numbers, days and months: the words additions carry and rephrasing rarely invents.

    In English a capitalised word inside a sentence is taken as a name; in German (where every
    noun is capitalised) only what the name extractor accepted counts.
    """
    out = []
    for k, t in enumerate(tokens):
        low = t.text.lower()
        if (
            any(c.isdigit() for c in t.text)
            or low in WEEKDAYS
            or (low in MONTHS and len(low) > 3)
            or any(s <= t.start and t.end <= e for s, e in names)
            or (not german and t.text[0].isupper() and not (k == 0 and sentence_start) and low != "i")
        ):
            out.append(t)
    return out


def _norm_spans(sv: SentView, es: list[Entity]) -> list[tuple[int, int]]:
    """Entity spans (original offsets) as normal offsets of the sentence."""
    out = []
    for e in es:
        ks = [k for k, o in enumerate(sv.offsets[:-1]) if e.start <= o < e.end]
        if ks:
            out.append((ks[0], ks[-1] + 1))
    return out


def compare(da: Doc, db: Doc, matches: Sequence[Match]) -> list[Flag]:
    """claim_added for clauses of matched B sentences with no counterpart in A."""
    flags: list[Flag] = []
    qspans = [(q.start, q.end) for q in quotes(db)]
    a_sent_stems = [da.stems_of([i]) for i in range(len(da.sents))]
    a_sent_prefixes = [{prefix_key(s) for s in st} for st in a_sent_stems]
    for m in matches:
        st = da.stems_of(m.a)
        pf = {prefix_key(s) for s in st}
        a_words = {t.text.lower() for i in m.a for t in da.sents[i].tokens}
        for j in m.b:
            sv = db.sents[j]
            for cs, ce in clauses(sv.norm):
                sp = sv.span(cs, ce)
                if any(sp.start < qe and sp.end > qs for qs, qe in qspans):
                    continue  # quoted words are the quote check's business
                toks = [t for t in sv.tokens if t.start >= cs and t.end <= ce]
                words = content_words(toks)
                if len(words) < MIN_WORDS:
                    continue
                absent = [t for t in words if not has(st, pf, t.text)]
                if len(absent) / len(words) < ABSENT:
                    continue
                best = max(
                    (
                        sum(1 for t in words if has(a_sent_stems[i], a_sent_prefixes[i], t.text)) / len(words)
                        for i in range(len(da.sents))
                    ),
                    default=0.0,
                )
                if best >= COVERED:
                    continue
                at_start = not sv.norm[:cs].strip(" \"'(")
                names = _norm_spans(sv, entities(db, [j]))
                new_specifics = [
                    t
                    for t in _specific(toks, at_start, names, db.lang == "de")
                    if t.text.lower() not in a_words and t in absent
                ]
                if not new_specifics:
                    continue
                text = db.text(Span(sp.start, sp.end))
                flags.append(
                    Flag(
                        "claim_added",
                        None,
                        Span(sp.start, sp.end),
                        None,
                        text,
                        "warning",
                        "clause with no counterpart in the matched sentences of the other text: "
                        + ", ".join(t.text for t in new_specifics[:4]),
                    )
                )
    return flags
