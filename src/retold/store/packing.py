"""An article as the store keeps it: the text deflated, its sentences as offsets, and a normal form
only where it is not derivable.

Ingest normalises the whole text and cuts sentences from it; normalising one sentence's original
slice on its own gives the same normal form except where the whole-text pass left something out
(Markdown syntax). Only those exceptions are stored, so the text is on disk once, deflated (news
text shrinks about 2.2x with zlib; inflating an article takes well under a millisecond).

A store made with ``meta.bounds = varint`` keeps the offsets as bytes (``bounds_bytes``): each sentence's gap
after the previous one's end and its length, as LEB128 varints, 170,188 bytes for the 68,537 sentences of 2,000
news articles where ``start:end,...`` took 645,238. ``unpack`` reads either.

A store made with ``meta.texts = zdict`` (session 49) deflates its texts with a preset dictionary of its own
(``train``: the most frequent runs of words of its first articles, 32 KB, kept in ``meta.text_dictionary``), which
zlib's stream names by its Adler-32, so ``inflate`` reads a text deflated with or without it. At 2,000 news articles
the 1,744 after the first 256 took 3.99 -> 3.35 MB (level 4 with the dictionary; level 3 without it, as before); at
10,000 the 9,744 after the first 256 22.20 -> 18.61 MB, in 0.3 s more CPU (a compressor primed with the dictionary
once and copied for each text) and 0.28 s to train.
"""

from __future__ import annotations

import json
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any, overload

from retold.config import DEFAULT_LANGUAGE
from retold.model import Article, Sentence
from retold.store import varint
from retold.text.language import detect_language
from retold.text.normalise import normal_text


def pack(article: Article) -> tuple[str, str | None, int]:
    """``(bounds, norms, title_first)`` for the articles table."""
    ss = article.sentences
    changed = [(s.i, s.text, s.norm) for s in ss if s.text != s.norm]
    return pack_sentences([s.start for s in ss], [s.end for s in ss], changed, bool(ss) and ss[0].is_title)


@overload
def pack_sentences(
    starts: Sequence[int], ends: Sequence[int], changed: Iterable[tuple[int, str, str]], title_first: bool
) -> tuple[str, str | None, int]: ...


@overload
def pack_sentences(
    starts: Sequence[int], ends: Sequence[int], changed: Iterable[tuple[int, str, str]], title_first: bool, varint: bool
) -> tuple[str | bytes, str | None, int]: ...


def pack_sentences(
    starts: Sequence[int],
    ends: Sequence[int],
    changed: Iterable[tuple[int, str, str]],
    title_first: bool,
    varint: bool = False,
) -> tuple[str | bytes, str | None, int]:
    """``pack`` of an article given as its sentences' offsets, ``(number, text, normal form)`` of each whose normal
    form is not its text, and whether the first is a title; with ``varint``, the offsets as ``bounds_bytes`` gives
    them (made from the numbers, not from the text ``pack`` writes)."""
    bounds = offsets_bytes(starts, ends) if varint else ",".join(map("{}:{}".format, starts, ends))
    # a sentence already in normal form normalises to itself (the common case: no call needed)
    odd = {str(i): norm for i, raw, norm in changed if normal_text(raw) != norm}
    return bounds, json.dumps(odd, ensure_ascii=False) if odd else None, int(bool(starts) and title_first)


def bounds_bytes(bounds: str) -> bytes:
    """``pack``'s ``start:end,...`` as varints of each sentence's gap after the previous end and its length."""
    offsets = _offsets(bounds)
    return offsets_bytes([start for start, _ in offsets], [end for _, end in offsets])


def offsets_bytes(starts: Sequence[int], ends: Sequence[int]) -> bytes:
    """``bounds_bytes`` of the sentences starting and ending at these offsets."""
    values: list[int] = []
    prev = 0
    for start, end in zip(starts, ends, strict=True):
        values += (start - prev, end - start)
        prev = end
    return varint.encode(values)


def _offsets(bounds: str | bytes) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each sentence, from either form of ``bounds``."""
    if isinstance(bounds, str):
        return [(int(a), int(b)) for a, b in (p.split(":") for p in bounds.split(","))] if bounds else []
    values = varint.decode(bounds)
    out: list[tuple[int, int]] = []
    prev = 0
    for k in range(0, len(values) - 1, 2):
        start = prev + values[k]
        prev = start + values[k + 1]
        out.append((start, prev))
    return out


# zlib's level: 3, not the default 6, for the 10,000-article corpus's 48.0 MB of text gave 23.02 MB in 0.69 s of CPU
# against 22.21 MB in 0.99 s (level 1: 23.54 MB, 0.64 s); the store grows 0.7%, and inflating is as fast
DEFLATE_LEVEL = 3
# with a dictionary (a compressor primed once, copied for each text): at 2,000 news articles level 3 took 3.40 MB,
# 4 3.35 in as much CPU as level 3 without one, 6 3.21 in 2.3 times that
DICT_LEVEL = 4
ZDICT = "zdict"  # ``meta.texts`` of a store that deflates its texts with a dictionary of its own
DICT_BYTES = 32_768  # deflate's window: a longer dictionary is read only for its last 32 KB
# words a run of the dictionary holds: at 10,000 news articles, trained on the first 128, the 9,744 after the first 256
# took 18.61 MB (22.20 without a dictionary) in 0.28 s of training; 1, 2, 3, 4, 6 and 8 words 18.78 MB in 0.46 s
_RUNS = (1, 2, 4, 8)
_RUN = re.compile(rb"\S+\s*")  # a word and the spaces after it, as bytes


def deflate(text: str, zdict: bytes | None = None) -> bytes:
    """The text as the ``articles.text_z`` column keeps it: deflated, with the store's dictionary if it has one."""
    data = text.encode("utf-8", "surrogatepass")
    if zdict is None:
        return zlib.compress(data, DEFLATE_LEVEL)
    c = _primed(zdict).copy()
    out: bytes = c.compress(data) + c.flush()
    return out


@lru_cache(maxsize=4)
def _primed(zdict: bytes) -> Any:
    """A compressor that has read ``zdict`` (a copy of it costs less than reading the dictionary again)."""
    return zlib.compressobj(DICT_LEVEL, zdict=zdict)


def inflate(blob: bytes, zdict: bytes | None = None) -> str:
    """A text ``deflate`` gave, with the dictionary it was deflated with (None: any text deflated without one)."""
    if zdict is None:
        return zlib.decompress(blob).decode("utf-8", "surrogatepass")
    d = zlib.decompressobj(zdict=zdict)
    data = d.decompress(blob)
    if not d.eof or d.unused_data:
        raise zlib.error("incomplete or truncated stream")
    return data.decode("utf-8", "surrogatepass")


def train(texts: Iterable[str], size: int = DICT_BYTES) -> bytes:
    """A preset dictionary for deflating texts like these: the runs of 1, 2, 4 and 8 words (each with the spaces after
    it) seen at least 3 times, those whose count times length is largest, up to ``size`` bytes, the largest last
    (nearest the text, so the cheapest to refer to). The same texts give the same bytes."""
    seen: Counter[bytes] = Counter()
    for text in texts:
        made = {1: _RUN.findall(text.encode("utf-8", "surrogatepass"))}
        for n in _RUNS:
            seen.update(_runs(made, n))
    ranked = sorted(((c * len(r), r) for r, c in seen.items() if c >= 3), reverse=True)
    out: list[bytes] = []
    total = 0
    for _, run in ranked:
        if total + len(run) <= size:
            out.append(run)
            total += len(run)
            if total >= size - 16:
                break
    return b"".join(reversed(out))


def _runs(made: dict[int, list[bytes]], n: int) -> list[bytes]:
    """Every run of ``n`` consecutive words (``made[1]``), each the join of two shorter runs already ``made`` (kept
    there): one C call a list, not a join a run (the 124 articles a 10,000-article add trains on, 0.14-0.15 s of CPU
    instead of 0.19-0.20 s; the same dictionary)."""
    if n not in made:
        half = n // 2
        first, rest = _runs(made, half), _runs(made, n - half)
        made[n] = list(map(bytes.__add__, first, rest[half:]))
    return made[n]


def unpack(text: str, bounds: str | bytes, norms: str | None, title_first: int) -> tuple[Sentence, ...]:
    """The sentences ``pack`` described (``bounds`` as it gave them, or as ``bounds_bytes``), rebuilt over the
    stored text."""
    odd: dict[str, str] = json.loads(norms) if norms else {}
    out: list[Sentence] = []
    for i, (start, end) in enumerate(_offsets(bounds)):
        raw = text[start:end]
        norm = odd.get(str(i))
        out.append(
            Sentence(i, start, end, raw, normal_text(raw) if norm is None else norm, bool(title_first) and i == 0)
        )
    return tuple(out)


def stored_language(sentences: tuple[Sentence, ...]) -> str:
    """A stored article's language read again from its text, as ingest reads it: only for rows written before
    the articles table kept the language ingest decided (the schema 6 -> 7 migration fills them once)."""
    return DEFAULT_LANGUAGE or detect_language("\n".join(s.norm for s in sentences))
