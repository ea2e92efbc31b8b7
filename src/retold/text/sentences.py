"""Sentences with character offsets: line breaks first (headlines end without a full stop), then sentencex."""

from __future__ import annotations

import re

from sentencex import segment

from retold.model import Sentence
from retold.text.months import NAMES, SHORT, months
from retold.text.normalise import Normalised

MAX_TITLE_CHARS = 200
MAX_TITLE_WORDS = 30


# a line without the spaces at either end (norm text holds no other whitespace but line feeds)
_LINE = re.compile(r"[^\n ](?:[^\n]*[^\n ])?")


def _line_spans(text: str) -> list[tuple[int, int]]:
    """Non-empty lines, trimmed of spaces. Every line break ends a sentence: headlines carry no full stop.

    (Joining hard-wrapped lines back was tried: PAN13 plagdet fell from 0.875 to 0.828 in model mode.)
    """
    return [m.span() for m in _LINE.finditer(text)]


# Titles and abbreviations a full stop follows without ending the sentence, which the segmenter sometimes ends
# one after ("signed by Ms. | Novikova"), French honorifics among them ("a déclaré M. | Dupont"), places' "St.",
# "Mt." and "Ft.", and the news wires' "pct." ("rose 3.5 pct. | to 1,200"); the name check reads them too
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen sen rep gov lt col sgt capt cmdr adm maj st mt ft jr sr no nr fig hr fr hrn
    m mm mme mlle pct""".split()
)
_LAST_WORD = re.compile(r"(\w+)\.$")
_ORDINAL_END = re.compile(r"\b\d{1,2}\.$")
# what follows a German ordinal ("am 3. | Jänner", "in der 56. | Minute"): a month, also Austrian, cut short or in
# the genitive ("des 29. | Septembers"), or a noun that is counted in order; a number before anything else may end
# its sentence ("Er wurde 56.")
_GERMAN_MONTHS = "|".join(months((NAMES["de"],)))
_GERMAN_SHORT_MONTHS = "|".join(months((SHORT["de"],)))
_ORDINAL_NEXT = re.compile(
    rf"(?:{_GERMAN_SHORT_MONTHS})\.|(?:(?:{_GERMAN_MONTHS})s?"
    r"|minute|runde|spieltag|platz|rang|quartal|jahrhundert|jahrtausend|bezirk|stock|etage|etappe|klasse|mal"
    r"|woche|kalenderwoche|tag|jahrestag|geburtstag|sitzung|auflage|ausgabe|lauf|satz|spiel|tor|durchgang"
    r"|legislaturperiode|amtszeit|staffel|folge|liga|bundesliga)\b",
    re.IGNORECASE,
)
# the short clause that reports a Chinese quotation after it, a sentence of its own to the segmenter: 他说。王立新表示，
# (the normal text, where full-width "！", "？" and "，" read as "!", "?" and ",")
_SAID_ZH = re.compile(r"[^\s\u3002,!?\"]{1,12}?(?:\u8bf4|\u8aaa|\u9053|\u8868\u793a|\u79f0|\u7a31)[\u3002!,]")
# a piece that is only a list item's mark ("1.", "a)", "(2)"), or ends in one after a colon ("Key points: 1.")
_LIST_MARK = re.compile(r"(?:^|:\s+)\(?(?:\d{1,2}|[a-zA-Z])[.)]$")


def _joins_next(piece: str, following: str) -> bool:
    """True when a split after ``piece`` is an abbreviation, a German ordinal ("am 12. | Juni"), a list
    item's mark ("1. | Taxes would rise") or a Japanese quotation its reporting verb follows, not a sentence end."""
    # the mark is the whole piece (five characters at most, with a final newline) or follows a colon: a sentence
    # without one is ruled out without searching it
    if (len(piece) <= 5 or ":" in piece) and _LIST_MARK.search(piece):
        return True
    if piece.endswith(("\u300d", "\u300f")) and following.startswith(("\u3068", "\u3063\u3066")):
        return True  # a Japanese quotation ending in "。" or "？" and the words reporting it: 「本当？」と聞いた。
    if piece.endswith(('\u3002"', '!"', '?"')) and _SAID_ZH.match(following):
        return True  # a Chinese quotation and the short clause reporting it: "这是好事。"他说。
    if not piece.endswith("."):
        return False
    tail = piece[-6:-1]
    if len(tail) == 5 and tail.isalnum():
        return False  # a word of five letters or figures before the full stop: no abbreviation, no ordinal
    piece = piece.rsplit(None, 1)[-1]  # the patterns end in its last word: search that, not the whole sentence
    m = _LAST_WORD.search(piece)
    if m and m.group(1).lower() in ABBREVIATIONS:
        # a title before a name ("Ms. | Novikova"); any of them before a lower-case word or a figure, which no
        # sentence starts with ("3.5 pct. | to 1,200", "up 2 pct. | from", "No. | 5")
        nxt = following[:1]
        if (m.group(1)[:1].isupper() and nxt.isupper()) or nxt.islower() or nxt.isdigit():
            return True
    return bool(_ORDINAL_END.search(piece) and _ORDINAL_NEXT.match(following))


def _inside_token(line: str, end: int, start: int) -> bool:
    """True when a split falls on a full stop inside one token, no space after it: a ticker ("SUNW.O | put"),
    "IBM.N", ".SPX", "U.S.A", a web address or "No.1" is no sentence end, whatever the segmenter says. A capitalised
    word after it ("the end.The next") is a sentence whose space was lost: that split stands."""
    nxt = line[start : start + 2]
    word = nxt[:1].isupper() and nxt[1:].islower()
    return start == end and end > 0 and line[end - 1] == "." and nxt[:1].isalnum() and not word


def _segments(text: str, s: int, e: int, language: str) -> list[tuple[int, int]]:
    line = text[s:e]
    segs = segment(language, line)
    if "".join(segs) != line:
        return _found_segments(text, s, e, segs)
    # the segments cut the line (as sentencex does): each piece is where the lengths before it put it
    out: list[tuple[int, int]] = []
    pos = s
    for seg in segs:
        size = len(seg)
        piece = seg.strip()
        if piece:
            k = pos + size - len(seg.lstrip())
            end = k + len(piece)
            if out and (
                (k == out[-1][1] and _inside_token(line, k - s, k - s))
                or _joins_next(text[out[-1][0] : out[-1][1]], piece)
            ):
                out[-1] = (out[-1][0], end)
            else:
                out.append((k, end))
        pos += size
    return out


def _found_segments(text: str, s: int, e: int, segs: list[str]) -> list[tuple[int, int]]:
    """``_segments`` where the segmenter changed the text: each piece is looked for, and the rest of the line is
    one piece from where one is not found."""
    line = text[s:e]
    out: list[tuple[int, int]] = []
    cursor = 0
    for seg in segs:
        piece = seg.strip()
        if not piece:
            continue
        k = line.find(piece, cursor)
        if k < 0:
            out.append((s + cursor, e))
            return out
        if out and (_inside_token(line, out[-1][1] - s, k) or _joins_next(text[out[-1][0] : out[-1][1]], piece)):
            out[-1] = (out[-1][0], s + k + len(piece))
        else:
            out.append((s + k, s + k + len(piece)))
        cursor = k + len(piece)
    return out


def looks_like_title(first_line: str, has_more: bool) -> bool:
    """The README's rule: short, no final full stop (``.`` or ``。``), and more text follows."""
    line = first_line.strip()
    return (
        has_more
        and 0 < len(line) <= MAX_TITLE_CHARS
        and len(line.split()) <= MAX_TITLE_WORDS
        and not line.endswith((".", "\u3002"))  # an ideographic full stop ends a Chinese or Japanese sentence
    )


def split_sentences(
    original: str, norm: Normalised, *, title_first_line: bool, language: str = "en"
) -> tuple[Sentence, ...]:
    """Split the normal text into sentences whose offsets point into ``original``."""
    normal = norm.text
    offsets, ends = norm.offsets, norm.ends
    spans: list[list[int]] = []  # [norm start, norm end, original start, original end]
    titled = -1  # the span that is the title line, if any
    for li, (s, e) in enumerate(_line_spans(normal)):
        pieces = [(s, e)] if (li == 0 and title_first_line) else _segments(normal, s, e, language)
        for ps, pe in pieces:
            os_, oe = (offsets[ps], ends[pe - 1]) if pe > ps else (offsets[ps], offsets[ps])
            if spans and os_ < spans[-1][3]:
                # a break inside what the original holds as one unit (a mark combining with the full
                # stop before it): both pieces map to the same characters, so they are one sentence
                spans[-1][1], spans[-1][3] = pe, max(oe, spans[-1][3])
                continue
            if li == 0 and title_first_line:
                titled = len(spans)
            spans.append([ps, pe, os_, oe])
    return tuple(
        Sentence(k, os_, oe, original[os_:oe], normal[ps:pe], k == titled) for k, (ps, pe, os_, oe) in enumerate(spans)
    )
