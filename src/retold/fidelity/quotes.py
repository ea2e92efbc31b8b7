"""Direct quotes and who said them, and whether a retelling kept the quoted words.

A quote is a promise that these were the speaker's words; a retelling that rewords inside the
quote marks, drops the marks, or adds a quote the source never had changes what a reader is told
somebody said. Quotes are found in the original text (straight, curly, guillemets, German „…“,
nested, across sentences and, by the newspaper convention, across paragraphs); who said each is read by
:mod:`retold.fidelity.quote_speakers`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from retold.fidelity._shared import Doc
from retold.fidelity._stems import fold
from retold.fidelity.quote_forms import (
    embedded_posts,
    inflected_alike,
    marks_moved,
    subject_moved_in,
    term_in_fuller_quote,
    written_alike,
)
from retold.fidelity.quote_marks import _FAMILY, _MARKS, MAX_QUOTE_CHARS, _continues, _role, _tagged
from retold.fidelity.quote_pairs import mostly_quoted, speaker_named
from retold.fidelity.quote_slips import around_pairs, closes_paragraph, nested_partner, reopens_after_stop, tex_marks
from retold.fidelity.quote_speakers import speaker
from retold.fidelity.quote_words import (
    Pool,
    _contains,
    _continued,
    _coverage,
    _is_name_like,
    _only_pair,
    _quoted_elsewhere,
    _same_quote,
    _too_short,
    _trimmed,
    _unclosed,
    _unopened,
    pool,
    same_words,
    similarity,
    spoken,
)
from retold.model import Flag, Match, Severity, Span
from retold.text.furniture import shown
from retold.text.normalise import normalise, words, written_words


@dataclass(frozen=True)
class Quote:
    """A direct quote: ``start``/``end`` enclose the quoted words (marks excluded), in original offsets."""

    start: int
    end: int
    text: str
    speaker: str | None = None
    nested: bool = False
    unclosed: bool = False  # no mark closes it: its end is a guess (``quotes.unclosed``, a paragraph's end)

    @property
    def words(self) -> list[str]:
        """The quoted words as the sentences read them: normalised first, so "He’ll" is "He'll", one word."""
        return [w.lower() for w in self.written]

    @property
    def written(self) -> list[str]:
        """The quoted words as ``words`` reads them, capitals kept."""
        return written_words(normalise(spoken(self.text)).text)


_SENTENCE_END = re.compile(r"[.!?](?=\s+[^\W\d_])")


def _sentence_end(text: str, start: int, end: int) -> int:
    """Where the sentence holding ``start`` ends, at ``end`` at the latest: how far an unclosed quote reaches."""
    m = _SENTENCE_END.search(text, start, end)
    return min(m.end() if m else end, start + MAX_QUOTE_CHARS)


_SENTENCE_BREAK = re.compile(r"(?:[.!?]\s+|\n)(?=\S)")


def _sentence_start(text: str, end: int, floor: int) -> int:
    """Where the sentence that ends in a quote at ``end`` starts (not before ``floor``): the least an opening
    mark lost on the way enclosed."""
    start = floor
    for m in _SENTENCE_BREAK.finditer(text, floor, end):
        start = m.end()
    return start


def extract(text: str) -> list[Quote]:
    """Direct quotes of a text in reading order (outer quotes and, marked ``nested``, inner ones)."""
    text = tex_marks(text)
    found: list[tuple[int, int, bool, bool]] = []  # start, end, nested, unclosed
    stack: list[tuple[str, int]] = []  # (family, offset just after the opening mark)
    for mark in _MARKS.finditer(text):  # only line breaks and quote marks do anything
        i = mark.start()
        c = text[i]
        if c == "\n":
            if stack:
                first, s = stack[0]
                if _continues(text, i, first) and i - s < MAX_QUOTE_CHARS:
                    found.append((s, i, False, True))  # run on into the next paragraph: never closed either
                elif _unclosed(first, text[s : s + 1]):
                    found.append((s, _sentence_end(text, s, i), False, True))
                stack.clear()
            continue
        fam = _FAMILY[c]
        can_open, can_close = _role(text, i)
        depth = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == fam), None)
        if can_close and depth is not None:
            s = stack[depth][1]
            del stack[depth:]
            if 0 < i - s < MAX_QUOTE_CHARS:
                found.append((s, i, depth > 0, False))
        elif (
            can_close
            and not stack
            and not text[i - 1].isdigit()
            and _unopened(fam, _tagged(text, i + 1) or closes_paragraph(text, i))
        ):
            s = _sentence_start(text, i, found[-1][1] + 1 if found else 0)
            if 0 < i - s < MAX_QUOTE_CHARS:
                found.append((s, i, False, False))
        elif can_open and stack and stack[0][0] == fam and reopens_after_stop(text, i, fam):
            s, e = stack[0][1], len(text[:i].rstrip(" \t"))
            if _unclosed(fam, text[s : s + 1]) and 0 < e - s < MAX_QUOTE_CHARS:
                found.append((s, e, False, True))  # the open quote lost its closing mark: it ends with its sentence
            stack[:] = [(fam, i + 1)]
        elif can_open and (fam != "sq" or (not (stack and stack[-1][0] == "sq") and text[i + 1 : i + 2].isalpha())):
            stack.append((fam, i + 1))
    if stack:
        fam, s = stack[0]
        if _unclosed(fam, text[s : s + 1]):
            found.append((s, _sentence_end(text, s, len(text)), False, True))
    found.sort()
    out = []
    for s, e, nested, unclosed in found:
        inner = text[s:e].strip()
        if not inner or not any(ch.isalnum() for ch in inner):
            continue
        ls = s + (len(text[s:e]) - len(text[s:e].lstrip()))
        out.append(Quote(ls, ls + len(inner), inner, None, nested, unclosed))
    return [_with_speaker(text, q) for q in out]


def _with_speaker(text: str, q: Quote) -> Quote:
    """The quote with its speaker (``quote_speakers.speaker``); a nested quote keeps none."""
    who = None if q.nested else speaker(text, q.start, q.end)
    return q if who is None else Quote(q.start, q.end, q.text, who, q.nested, q.unclosed)


def quotes(doc: Doc) -> list[Quote]:
    """The document's outer quotes (cached on the document)."""
    if "quotes" not in doc.cache:
        doc.cache["quotes_all"] = extract(doc.body)
        doc.cache["quotes"] = [q for q in doc.cache["quotes_all"] if not q.nested]
    result: list[Quote] = doc.cache["quotes"]
    return result


def _nested_words(doc: Doc) -> list[list[str]]:
    """The folded words of the document's nested quotes (a quote inside a quote, or inside a mark never closed):
    words quoted there are quoted too."""
    if "nested_words" not in doc.cache:
        quotes(doc)
        doc.cache["nested_words"] = [[fold(w) for w in q.words] for q in doc.cache["quotes_all"] if q.nested]
    result: list[list[str]] = doc.cache["nested_words"]
    return result


def _in(doc: Doc, q: Quote, idx: Sequence[int]) -> bool:
    return any(q.start < doc.article.sentences[i].end and q.end > doc.article.sentences[i].start for i in idx)


def _beside(doc: Doc, q: Quote, idx: Sequence[int]) -> tuple[list[str], list[str]]:
    """The folded words of sentences ``idx`` before and after quote ``q``, outside its marks."""
    sents = [doc.article.sentences[i] for i in idx]
    start, end = min(s.start for s in sents), max(s.end for s in sents)
    side = (doc.body[start : q.start], doc.body[q.end : max(end, q.end)])
    return [fold(w) for w in words(normalise(side[0]).text)], [fold(w) for w in words(normalise(side[1]).text)]


def _said(doc: Doc, idx: Sequence[int]) -> int:
    """How many words sentences ``idx`` hold, as a quote's words are counted."""
    return sum(len(words(doc.sents[i].norm)) for i in idx)


def compare(da: Doc, db: Doc, matches: Sequence[Match], changes: bool = True) -> list[Flag]:
    """quote_altered / quote_dropped / quote_added within matched sentences; without ``changes``, no
    quote_altered (a quote paired with one of the other side's is then not read further: the direction counts
    only the quotes one side lacks)."""
    flags: list[Flag] = []
    qa_all, qb_all = quotes(da), quotes(db)
    words_a = [[fold(w) for w in q.words] for q in qa_all]  # every quote of each side, for one left unpaired
    words_b = [[fold(w) for w in q.words] for q in qb_all]
    anywhere: dict[str, list[Pool]] = {}  # each side's quotes, nested ones too, made when a quote is left unpaired

    def quoted_anywhere(side: str) -> list[Pool]:
        if side not in anywhere:
            doc, ws = (da, words_a) if side == "a" else (db, words_b)
            anywhere[side] = [pool(w) for w in ws + _nested_words(doc)]
        return anywhere[side]

    posted: dict[str, list[list[str]]] = {}  # each side's embedded posts, by their folded words

    def elsewhere(ws: list[str], side: str) -> bool:
        """Whether the other side quotes these words: in its quotes, or word for word in a post it embeds."""
        if _quoted_elsewhere(ws, quoted_anywhere(side)):
            return True
        if side not in posted:
            doc = da if side == "a" else db
            posted[side] = [[fold(w) for w in Quote(0, 0, p).words] for p in embedded_posts(doc.body)]
        return any(_contains(p, [ws]) for p in posted[side])

    a_seq: list[str] = []
    a_pool: Pool | None = None
    for m in matches:
        ia = [k for k, q in enumerate(qa_all) if _in(da, q, m.a)]
        ib = [k for k, q in enumerate(qb_all) if _in(db, q, m.b)]
        qa, qb = [qa_all[k] for k in ia], [qb_all[k] for k in ib]
        if not qa and not qb:
            continue
        wa, wb = [words_a[k] for k in ia], [words_b[k] for k in ib]  # folded once per document
        scored = sorted(
            ((similarity(wa[i], wb[j]), i, j) for i in range(len(qa)) for j in range(len(qb))),
            reverse=True,
        )
        pa: dict[int, int] = {}
        used: set[int] = set()
        for sim, i, j in scored:
            if i in pa or j in used:
                continue
            same_speaker = bool(qa[i].speaker and qb[j].speaker and qa[i].speaker == qb[j].speaker)
            alone = len(qa) == 1 and len(qb) == 1
            if _same_quote(sim, same_speaker or alone, wa[i], wb[j]) or (
                alone
                and (
                    _only_pair(m.label)
                    or mostly_quoted(len(wa[i]), _said(da, m.a), len(wb[j]), _said(db, m.b))
                    or speaker_named(qa[i].speaker, qb[j].speaker, da.sents, db.sents, m)
                )
            ):
                pa[i] = j
                used.add(j)
        if len(pa) < len(qa):  # a quote left over may be one B nests in another
            inner = [(q, [fold(w) for w in q.words]) for q in db.cache["quotes_all"] if q.nested and _in(db, q, m.b)]
            for i in range(len(qa)):
                k = None if i in pa else nested_partner(wa[i], [w for _, w in inner])
                if k is not None:
                    qb.append(inner[k][0])
                    wb.append(inner[k][1])
                    pa[i] = len(qb) - 1
                    used.add(pa[i])
        b_text: Pool | None = None
        for i, q in enumerate(qa):
            if i in pa and not changes:
                continue
            if i in pa:
                j = pa[i]
                x, y = wa[i], wb[j]
                if same_words(x, y) or written_alike(x, y) or inflected_alike(q.written, qb[j].written, da.lang):
                    continue
                if _trimmed(x, qb[j].text):
                    continue  # B quotes fewer of the same words: trimmed, not altered
                longer = _contains(y, [x])
                if longer and _continued(x, y, [w for k, w in enumerate(words_a) if k != ia[i]]):
                    continue  # B joins this quote to another of A's, split around who said it
                low = q.written[0][:1].islower() if q.written else False  # opened in lower case: a fragment
                ba = _beside(da, q, m.a) if longer else ([], [])
                if longer and term_in_fuller_quote(x, qb[j].text, {*ba[0], *x, *ba[1]}):
                    continue  # B quotes the sentence A's term in marks comes from
                if longer and (subject_moved_in(x, y, ba[0], low) or marks_moved(x, y, *ba)):
                    continue
                short = len(x) <= 2 and len(y) <= 2
                note = "the retelling's quote adds words to the source's" if longer else "the quoted words differ"
                if qa[i].speaker:
                    note += f" (speaker: {qa[i].speaker})"
                flags.append(
                    Flag(
                        "quote_altered",
                        Span(q.start, q.end),
                        Span(qb[j].start, qb[j].end),
                        shown(q.text),
                        shown(qb[j].text),
                        "info" if short or similarity(x, y) >= 0.9 else "warning",
                        note,
                    )
                )
                continue
            if _too_short(wa[i]) or _is_name_like(q) or elsewhere(wa[i], "b"):
                continue
            if b_text is None:
                b_text = pool(fold(w) for j in m.b for w in words(db.sents[j].norm))
            cov = _coverage(wa[i], b_text)
            flags.append(
                Flag(
                    "quote_dropped",
                    Span(q.start, q.end),
                    None,
                    shown(q.text),
                    None,
                    "warning" if cov >= 0.5 else "info",
                    "the other text gives these words without quote marks"
                    if cov >= 0.5
                    else "quote left out of the retold sentence",
                )
            )
        paired = [(qb[j].start, qb[j].end) for j in used]
        for j, q in enumerate(qb):
            if j in used or _too_short(wb[j]) or _is_name_like(q) or elsewhere(wb[j], "a"):
                continue
            if around_pairs(q.unclosed, q.start, q.end, paired):
                continue
            if a_pool is None:
                a_seq = [fold(w) for w in words(da.body)]
                a_pool = pool(a_seq)
            cov = _coverage(wb[j], a_pool)
            sev: Severity
            if _contains(a_seq, [wb[j]]):
                note, sev = "quotes words the other text has without quote marks", "warning"
            else:
                note, sev = "no counterpart in the other text: possibly invented", "high"
            if cov < 0.5 and sev == "warning":
                sev = "high"
            flags.append(Flag("quote_added", None, Span(q.start, q.end), None, shown(q.text), sev, note))
    return flags
