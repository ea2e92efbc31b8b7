"""Clauses a retelling slipped into a matched sentence ("Speaking to a German radio station on Monday, ...").

The sentence as a whole retells its source, so alignment calls it a match; the added clause is
new information the source never gave. A clause counts as added when most of its content words
are absent from the matched source text, no single source sentence covers it (it was not just
moved), and it carries a specific (a name, a number, a day) the matched source lacks: rephrasing
rarely invents specifics, additions usually do. A number the number check pairs with another value
in the source is not new: the clause retells the source's claim with the value changed, and a number the
matched source states as the same fact in other words ("ein 19-jähriger Mann" / "ein 19 Jahre alter Mann") is
not new either.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from retold.fidelity import numbers
from retold.fidelity._shared import Doc, SentView, Token, content_words, has
from retold.fidelity._stems import prefix_key, stem
from retold.fidelity.attribution import credits
from retold.fidelity.claim_names import name_for_name, named_in_source, norm_spans
from retold.fidelity.entities import entities
from retold.fidelity.numbers import MONTHS, WEEKDAYS
from retold.fidelity.quote_speakers import speech_tag
from retold.fidelity.quotes import quotes
from retold.fidelity.rules import Example, never, rule
from retold.model import Flag, Match, Span

_SPLIT = re.compile(
    r"\s*(?:[;:()]|(?<!\d),|,(?!\d))\s*|\s+-\s+|\s+(?=(?:and|but|while|whereas|which|who|although|because|after|before|when|"
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


def specifics(tokens: list[Token], sentence_start: bool, names: list[tuple[int, int]], german: bool) -> list[Token]:
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


def as_written(sv: SentView, toks: Sequence[Token], qs: Sequence[numbers.Quantity]) -> list[str]:
    """Specifics as a note names them: a number as the text writes it, with the unit, percent or currency of
    its quantity in ``qs`` ("10 percent", "$5.2 billion", where its digits read "10"), and neighbouring words
    joined ("Nadia Sorel", not "Nadia, Sorel")."""
    wide = norm_spans(sv, [Span(q.start, q.end) for q in qs])
    out: list[Token] = []
    for t in toks:
        if any(c.isdigit() for c in t.text):
            s, e = next(((s, e) for s, e in wide if s <= t.start and t.end <= e), (t.start, t.end))
            if out and s < out[-1].end:  # a quantity's second figure, or the month before its day
                s, e = min(s, out.pop().start), max(e, t.end)
            t = Token(sv.norm[s:e], s, e)
        out.append(t)
    shown: list[str] = []
    last = -2
    for t in out:
        if shown and sv.norm[last : t.start] in ("", " "):
            shown[-1] += sv.norm[last : t.start] + t.text
        else:
            shown.append(t.text)
        last = t.end
    return shown


_Cover = tuple[dict[str, list[int]], dict[str, list[int]]]


def _cover(doc: Doc) -> _Cover:
    """Which sentences hold each stem, and each five-letter start: a clause's best cover by one sentence is
    then counted from its words, not by testing every word against every sentence."""
    by_stem: dict[str, list[int]] = {}
    by_prefix: dict[str, list[int]] = {}
    for i in range(len(doc.sents)):
        st = doc.stems_of([i])
        for x in st:
            by_stem.setdefault(x, []).append(i)
        for x in {prefix_key(x) for x in st}:
            by_prefix.setdefault(x, []).append(i)
    return by_stem, by_prefix


def _best_cover(words: list[Token], cover: _Cover) -> float:
    """The largest share of ``words`` whose family (as ``has`` reads it) one sentence holds."""
    by_stem, by_prefix = cover
    hits: Counter[int] = Counter()
    for t in words:
        s = stem(t.text)
        found = set(by_stem.get(s, ()))
        if len(s) >= 6:
            found.update(by_prefix.get(prefix_key(s), ()))
        hits.update(found)
    return max(hits.values(), default=0) / len(words)


@rule(
    "claims.told_elsewhere",
    purpose="A clause whose content words one sentence of the source holds (half or more) is that sentence retold, "
    "not a new claim.",
    examples=[
        Example(
            "Ships wait outside. The strike hit Harben on Monday, the union said.",
            "The strike hit Harben on Monday and ships wait outside.",
            (),
            matched=(((0,), (0,)),),
        ),
        Example(
            "Ships wait outside. Grain prices rose.",
            "The strike hit Harben on Monday and ships wait outside.",
            ("claim_added/warning: - -> The strike hit Harben on Monday",),
            matched=(((0,), (0,)),),
        ),
    ],
    off=never,
)
def _told_elsewhere(words: list[Token], cover: _Cover) -> bool:
    return _best_cover(words, cover) >= COVERED


@rule(
    "claims.changed_number_is_no_claim",
    purpose='A clause whose only new specific is a number the number check reports as changed ("1,100" -> "1,500") '
    "retells the source's claim with another value, and one whose only new specific is the retelling's own reading "
    "of a measure the source read at another time (numbers.moved_from_one_level) retells that reading: no "
    "claim_added.",
    examples=[
        Example(
            "Corvane shares shed 38 cents, or 2.53 per cent, to $14.62 on the Nasdaq.",
            "Corvane's stock dropped 45 cents, or about 3 percent, to $14.55 on Nasdaq.",
            (),
        ),
        Example(
            "Officials expect 1,100 job losses at the port.",
            "As many as 1,500 dockworkers could lose work, officials warned.",
            (),
        ),
        Example(
            "The union said 1,100 dockworkers struck.",
            "The union said 1,500 dockworkers struck, and 1,500 jobs could disappear.",
            ("claim_added/warning: - -> and 1,500 jobs could disappear.",),
        ),
    ],
    off=lambda da, db, m: [],
)
def _changed_numbers(da: Doc, db: Doc, m: Match) -> list[Span]:
    """B's numbers in a match that stand for a number of the source with another value ("1,100" -> "1,500"):
    a clause whose only new specific is such a number retells the source's claim with the value changed,
    which the number check reports; or the retelling's own reading of a measure the source read at another time
    ("dropped 45 cents, or about 3 percent" for "shed 38 cents, or 2.53 per cent"), which it is not told to flag."""
    changed = [f.b for f in numbers.compare(da, db, [m]) if f.kind == "number_changed" and f.b is not None]
    return changed + numbers.reading_spans(da, db, m)


@rule(
    "claims.number_stated",
    purpose="A number the matched source states as the same fact in other words ('ein 19-jähriger Mann' / 'ein "
    "19 Jahre alter Mann', 'acht Punkte' / '8-Punkte-Rückstand') is no new specific, even inside a longer word.",
    examples=[
        Example(
            "Zwei Schüler und ein 19-jähriger Mann wurden festgenommen.",
            "Zwei Schüler wurden festgenommen, so dass ein 19 Jahre alter Mann",
            (),
            lang="de",
        ),
        Example(
            "Zwei Schüler und ein Mann wurden festgenommen.",
            "Zwei Schüler wurden festgenommen, so dass ein 19 Jahre alter Mann",
            ("claim_added/warning: - -> so dass ein 19 Jahre alter Mann",),
            lang="de",
        ),
    ],
    off=never,
)
def stated(sp: Span, qs: Sequence[numbers.Quantity], known: Sequence[numbers.Quantity]) -> bool:
    """Whether the figure at ``sp`` (a token of a retelling, ``qs`` its sentence's quantities) is one the source
    states too: every quantity it is part of has one of ``known`` stating the same fact."""
    inside = [q for q in qs if q.start < sp.end and sp.start < q.end]
    return bool(inside) and all(any(numbers.same(x, q) for x in known) for q in inside)


@rule(
    "claims.speech_tag",
    purpose="A clause that only says who spoke ('\" Mr. Booher told a reporter.', '\" Trump tweeted Wednesday.') is a "
    "quote's attribution, not a claim: the name and credit checks read who it names.",
    examples=[
        Example(
            '"We will rebuild the port," he said on Monday.',
            '"We will rebuild the port," Mayor Anna Berg told a reporter.',
            (),
        ),
        Example(
            '"We will rebuild the port," he said on Monday.',
            '"We will rebuild the port," Mayor Anna Berg told a reporter after touring the Harben docks.',
            ("claim_added/warning: - -> after touring the Harben docks.",),
        ),
    ],
    off=never,
)
def _speech_tag(clause: str) -> bool:
    return speech_tag(clause)


@rule(
    "claims.credit_is_no_claim",
    purpose='A specific inside a credit (", the Associated Press reported.") is the credit\'s name: the attribution '
    "check reports a credit added; it is no claim added.",
    examples=[
        Example(
            "Oil prices rose 3% on Monday after OPEC agreed to cut output.",
            "Oil prices rose 3% on Monday after OPEC agreed to cut output, the Associated Press reported.",
            (),
        ),
        Example(
            "Oil prices rose 3% on Monday after OPEC agreed to cut output.",
            "Oil prices rose 3% on Monday after OPEC agreed to cut output, the Associated Press said in Vienna.",
            ("claim_added/warning: - -> the Associated Press said in Vienna.",),
        ),
    ],
    off=lambda db, j: [],
)
def _credit_spans(db: Doc, j: int) -> list[Span]:
    return [Span(c.start, c.end) for c in credits(db, [j])]


def _within(sp: Span, spans: list[Span]) -> bool:
    return any(x.start <= sp.start and sp.end <= x.end for x in spans)


def compare(da: Doc, db: Doc, matches: Sequence[Match]) -> list[Flag]:
    """claim_added for clauses of matched B sentences with no counterpart in A."""
    flags: list[Flag] = []
    qspans = [(q.start, q.end) for q in quotes(db)]
    cover: _Cover | None = None  # built when a clause first needs it
    for m in matches:
        changed: list[Span] | None = None  # the numbers of this match the number check reports as changed
        said: list[numbers.Quantity] | None = None  # the quantities of the match's source sentences
        st = da.stems_of(m.a)
        pf = {prefix_key(s) for s in st}
        a_words = {t.text.lower() for i in m.a for t in da.sents[i].tokens}
        for j in m.b:
            sv = db.sents[j]
            for cs, ce in clauses(sv.norm):
                sp = sv.span(cs, ce)
                if any(sp.start < qe and sp.end > qs for qs, qe in qspans):
                    continue  # quoted words are the quote check's business
                if _speech_tag(sv.norm[cs:ce]):
                    continue
                toks = [t for t in sv.tokens if t.start >= cs and t.end <= ce]
                words = content_words(toks)
                if len(words) < MIN_WORDS:
                    continue
                absent = [t for t in words if not has(st, pf, t.text)]
                if len(absent) / len(words) < ABSENT:
                    continue
                if cover is None:
                    cover = _cover(da)
                if _told_elsewhere(words, cover):
                    continue
                at_start = not sv.norm[:cs].strip(" \"'(")
                names = norm_spans(sv, entities(db, [j]))
                if changed is None:
                    changed = _changed_numbers(da, db, m)
                credited = _credit_spans(db, j)
                known_names = named_in_source(da, db, m, j)
                if said is None:
                    said = numbers.quantities(da, m.a)
                qs = numbers.quantities(db, [j])
                new_specifics = [
                    t
                    for t in specifics(toks, at_start, names, db.lang == "de")
                    if t.text.lower() not in a_words
                    and t in absent
                    and not _within(sv.span(t.start, t.end), changed)
                    and not _within(sv.span(t.start, t.end), credited)
                    and not (any(c.isdigit() for c in t.text) and stated(sv.span(t.start, t.end), qs, said))
                    and not any(s <= t.start and t.end <= e for s, e in known_names)
                ]
                if new_specifics:
                    elsewhere = name_for_name(da, db, m, j)
                    new_specifics = [
                        t for t in new_specifics if not any(s <= t.start and t.end <= e for s, e in elsewhere)
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
                        + ", ".join(as_written(sv, new_specifics, qs)[:4]),
                    )
                )
    return flags
