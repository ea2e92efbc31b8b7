"""What an add did to each article it was offered, held compactly for as long as the caller keeps its report.

A list of ``Added`` objects took 325 bytes an article (the object, its attribute dict, the id and the ``FILE:LINE``
path as strings of their own): 31 MiB at 100,000 articles, 310 MiB at a million, held by the add's process from its
first batch to its end and by whoever keeps the report. :class:`Outcomes` is still a sequence of ``Added`` (each made
when asked for) but keeps the ids and paths as :class:`Prefixed` strings: a file's records come in order, so an id
or path mostly starts as the one before it did, and what it adds is a few bytes.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Literal, overload

from retold.store import varint
from retold.store.records import Added

EVERY = 32  # a string coded whole every EVERY: reading one decodes at most EVERY - 1 before it


class Prefixed:
    """Strings (or None) appended in order, each coded as the bytes of UTF-8 it shares with the one before (a
    varint, times 2, plus 1 for None), the length of its rest (a varint) and that rest; read in order, or one at a
    time from the last string coded whole."""

    def __init__(self) -> None:
        self.blob = bytearray()
        self.starts = array("q")  # where each EVERY-th string starts in ``blob``
        self.n = 0
        self._last = b""

    def append(self, value: str | None) -> None:
        if self.n % EVERY == 0:
            self.starts.append(len(self.blob))
            self._last = b""
        if value is None:
            self.blob += varint.encode((1, 0))
        else:
            raw = value.encode("utf-8", "surrogatepass")
            last, shared, most = self._last, 0, min(len(raw), len(self._last))
            while shared < most and raw[shared] == last[shared]:
                shared += 1
            self.blob += varint.encode((2 * shared, len(raw) - shared))
            self.blob += raw[shared:]
            self._last = raw
        self.n += 1

    def __len__(self) -> int:
        return self.n

    def __iter__(self) -> Iterator[str | None]:
        return self._from(0, self.n)

    def _from(self, start: int, stop: int) -> Iterator[str | None]:
        """The strings ``start`` (a multiple of EVERY) to ``stop``."""
        blob, last = self.blob, b""
        at = self.starts[start // EVERY] if start < self.n else len(blob)
        for k in range(start, stop):
            if k % EVERY == 0:
                last = b""
            head, at = varint.read(blob, at)
            size, at = varint.read(blob, at)
            if head & 1:
                yield None
                continue
            last = last[: head >> 1] + blob[at : at + size]
            at += size
            yield last.decode("utf-8", "surrogatepass")

    def __getitem__(self, k: int) -> str | None:
        if not 0 <= k < self.n:
            raise IndexError(k)
        *_, value = self._from(k - k % EVERY, k + 1)
        return value

    def nbytes(self) -> int:
        return len(self.blob) + self.starts.itemsize * len(self.starts)


class Outcomes(Sequence[Added]):
    """The ``Added`` of one status (``added`` or ``duplicate``), in the order appended: the ids, paths and stored
    ids (``existing``) as :class:`Prefixed` strings, the metadata a duplicate filled in only where it filled some.
    Equal to any sequence of the same ``Added`` (a list of them included)."""

    def __init__(self, status: Literal["added", "duplicate"], items: Iterable[Added] = ()) -> None:
        self.status: Literal["added", "duplicate"] = status
        self._ids, self._existing, self._paths = Prefixed(), Prefixed(), Prefixed()
        self._filled: dict[int, tuple[str, ...]] = {}
        self.extend(items)

    def append(self, item: Added) -> None:
        if item.status != self.status:
            raise ValueError(f"an {item.status!r} outcome among the {self.status!r} ones")
        if item.filled:
            self._filled[len(self._ids)] = item.filled
        self._ids.append(item.id)
        self._existing.append(item.existing)
        self._paths.append(item.path)

    def extend(self, items: Iterable[Added]) -> None:
        for item in items:
            self.append(item)

    def __len__(self) -> int:
        return len(self._ids)

    def __iter__(self) -> Iterator[Added]:
        rows = zip(self._ids, self._existing, self._paths, strict=True)
        for k, (i, existing, path) in enumerate(rows):
            yield self._made(k, i, existing, path)

    def _made(self, k: int, i: str | None, existing: str | None, path: str | None) -> Added:
        assert i is not None  # an id is never None: ``append`` takes an ``Added``'s
        return Added(i, self.status, existing, path, self._filled.get(k, ()))

    @overload
    def __getitem__(self, k: int) -> Added: ...
    @overload
    def __getitem__(self, k: slice) -> list[Added]: ...
    def __getitem__(self, k: int | slice) -> Added | list[Added]:
        if isinstance(k, slice):
            return [self[j] for j in range(*k.indices(len(self)))]
        if k < 0:
            k += len(self)
        if not 0 <= k < len(self):
            raise IndexError("outcome index out of range")
        return self._made(k, self._ids[k], self._existing[k], self._paths[k])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # mutable, as the list it stands for

    def __repr__(self) -> str:
        return f"Outcomes({self.status!r}, {list(self)!r})"

    def nbytes(self) -> int:
        """The bytes of its strings' codes (not the filled-in fields of a few duplicates)."""
        return self._ids.nbytes() + self._existing.nbytes() + self._paths.nbytes()
