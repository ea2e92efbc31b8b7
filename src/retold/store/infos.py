"""Every stored article's metadata as columns: what a scan holds for the whole store from start to end.

A dict of ``Info`` objects took 455 bytes an article (the object, its attribute dict, and the id, hash and outlet
as strings of their own: 10,000 articles 4.4 MiB, 100,000 some 45 MiB of a scan's main process). Here the ids are one
UTF-8 blob, the content hashes 32 raw bytes each, the outlets codes into their distinct names and the numbers arrays:
about 99 bytes an article with news ids of 22 characters (149 with the hashes as text and 8-byte counts: 30,000
articles 4.25 -> 2.82 MiB); an ``Info`` is made when one is asked for.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TypeVar

import numpy as np

from retold.store.records import Info

T = TypeVar("T")
Fields = tuple[int, str, str, str | None, float | None, int, int]  # ``Info``'s fields in its order: an SQL row of them


class _Texts:
    """Strings as one UTF-8 blob and the offsets of each."""

    def __init__(self) -> None:
        self.blob = bytearray()
        self.ends = array("q")

    def append(self, value: str) -> None:
        self.blob += value.encode("utf-8", "surrogatepass")
        self.ends.append(len(self.blob))

    def __getitem__(self, k: int) -> str:
        start = self.ends[k - 1] if k else 0
        return self.blob[start : self.ends[k]].decode("utf-8", "surrogatepass")


class _Hashes:
    """Content hashes as 32 raw bytes each while every one is 64 lower-case hex digits (``content_hash``: half the
    bytes of the text, and no offsets), as :class:`_Texts` from the first that is not."""

    def __init__(self) -> None:
        self.raw: bytearray | None = bytearray()
        self.texts = _Texts()

    def append(self, value: str) -> None:
        if self.raw is not None and len(value) == 64 and value == value.lower():
            try:
                raw = bytes.fromhex(value)
            except ValueError:
                raw = b""
            if len(raw) == 32:  # ``fromhex`` passes over spaces: a text with some is kept as it is
                self.raw += raw
                return
        if self.raw is not None:  # the first hash of another form: every one held as text from now on
            for k in range(len(self.raw) // 32):
                self.texts.append(self.raw[32 * k : 32 * k + 32].hex())
            self.raw = None
        self.texts.append(value)

    def nbytes(self) -> int:
        return len(self.raw) if self.raw is not None else len(self.texts.blob) + 8 * len(self.texts.ends)

    def __getitem__(self, k: int) -> str:
        return self.raw[32 * k : 32 * k + 32].hex() if self.raw is not None else self.texts[k]


class Infos(Mapping[int, Info]):
    """``row -> Info`` of many articles, held as columns (``rows`` ascending)."""

    def __init__(self, items: Iterable[Info] | _InOrder) -> None:
        # the sentence counts and outlet codes 4 bytes each, not 8: an article has far fewer than 2**31 of either
        rows, n_sentences, n_vec, outlet = array("q"), array("i"), array("q"), array("i")
        ts = array("d")
        self._ids, self._hashes = _Texts(), _Hashes()
        self.names: list[str | None] = []
        codes: dict[str | None, int] = {}
        if isinstance(items, _InOrder):
            fields: Iterable[Fields] = items.rows
        else:
            fields = (
                (i.row, i.id, i.hash, i.outlet, i.published_ts, i.n_sentences, i.n_vec)
                for i in sorted(items, key=lambda i: i.row)
            )
        for row, aid, content, name, published, sentences, vec in fields:
            rows.append(row)
            self._ids.append(aid)
            self._hashes.append(content)
            code = codes.get(name)
            if code is None:
                code = codes[name] = len(self.names)
                self.names.append(name)
            outlet.append(code)
            ts.append(np.nan if published is None else published)
            n_sentences.append(sentences)
            n_vec.append(vec)
        self._rows = rows
        self.rows = np.frombuffer(rows, dtype=np.int64)
        self.published = np.frombuffer(ts, dtype=np.float64)  # NaN: not known
        self.n_vec = np.frombuffer(n_vec, dtype=np.int64)
        self._n_sentences, self._outlet = n_sentences, outlet

    @classmethod
    def of(cls, info: Mapping[int, Info]) -> Infos:
        """These infos as columns (already columns: the same)."""
        return info if isinstance(info, Infos) else cls(info.values())

    @classmethod
    def of_rows(cls, rows: Iterable[Fields]) -> Infos:
        """From SQL rows of ``Info``'s fields, in row order: read into the columns as they come, no ``Info`` made
        only to be taken apart again."""
        return cls(_InOrder(rows))

    def _find(self, row: int) -> int:
        """The row's place in the columns, -1 when it is not held."""
        k = bisect_left(self._rows, row)
        return k if k < len(self._rows) and self._rows[k] == row else -1

    def _at(self, row: int) -> int:
        k = self._find(row)
        if k < 0:
            raise KeyError(row)
        return k

    def __getitem__(self, row: int) -> Info:
        k = self._at(row)
        return Info(
            row, self._ids[k], self._hashes[k], self.names[self._outlet[k]], self._published(k),
            self._n_sentences[k], int(self.n_vec[k]),
        )  # fmt: skip

    def _published(self, k: int) -> float | None:
        ts = self.published[k]
        return None if np.isnan(ts) else float(ts)

    def __contains__(self, row: object) -> bool:
        return isinstance(row, int) and self._find(row) >= 0

    def __iter__(self) -> Iterator[int]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def outlets(self) -> Mapping[int, str | None]:
        """``row -> outlet`` without making an ``Info``."""
        return _Column(self, lambda k: self.names[self._outlet[k]])

    def ids(self) -> Mapping[int, str]:
        """``row -> id`` without making an ``Info``."""
        return _Column(self, self._ids.__getitem__)

    def dates(self) -> Mapping[int, float | None]:
        """``row -> published_ts`` (None: not known) without making an ``Info``."""
        return _Column(self, self._published)


class _Column(Mapping[int, T]):
    """One field of every row, read from the columns (``at``: the field at a place in them)."""

    def __init__(self, infos: Infos, at: Callable[[int], T]) -> None:
        self.infos, self.at = infos, at

    def __getitem__(self, row: int) -> T:
        return self.at(self.infos._at(row))

    def __iter__(self) -> Iterator[int]:
        return iter(self.infos)

    def __len__(self) -> int:
        return len(self.infos)


class _InOrder:
    """Rows of ``Info``'s fields already in row order (from SQL ``ORDER BY row``): not sorted again."""

    def __init__(self, rows: Iterable[Fields]) -> None:
        self.rows = rows
