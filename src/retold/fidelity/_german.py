"""Whether a capitalised German word is a name or a noun, from the Hannover Tagger's German model.

German capitalises every noun, so the shape of a word says little; HanTa (the ``hanta`` package,
LGPL-3.0, model inside the wheel) knows German word formation, tells a compound ("Schweinestall")
or a nominalised verb ("Herangehen") from a name ("Frederick", "Fallujah"), and tags a single word
without its sentence in about a quarter of a millisecond. The model (about 1 MB, 40 MB in memory)
is loaded on first use, once per process; each word's answer is remembered.
"""

from __future__ import annotations

import threading
from typing import Any, Protocol

from retold.errors import ModelError

# Tags for a proper name and for a foreign-language word (English names in German news: "Partnership").
NAME_TAGS = frozenset({"NE", "FM"})
_MAX_MEMO = 200_000


class _Tagger(Protocol):
    def tag_word(self, word: str, cutoff: int = ..., casesensitive: bool = ...) -> list[tuple[str, Any]]: ...


_lock = threading.Lock()
_tagger: _Tagger | None = None
_memo: dict[str, tuple[str, float]] = {}


def _load() -> _Tagger:
    global _tagger
    with _lock:
        if _tagger is None:
            try:
                from HanTa import HanoverTagger  # type: ignore[import-untyped]
            except ImportError as e:  # pragma: no cover - a dependency, present in any proper install
                raise ModelError(
                    "retold needs the 'hanta' package (Hannover Tagger) to tell German names from nouns: "
                    "pip install hanta"
                ) from e
            _tagger = HanoverTagger.HanoverTagger("morphmodel_ger.pgz")
        return _tagger


def german_class(word: str) -> tuple[str, float]:
    """The most likely part-of-speech tag (STTS-like: NN, NE, FM, ADJ(A), ...) of one word on its own, and
    how far (in log probability, <= 0) the best name reading (NE, FM) stands behind it: 0 when a name
    reading wins, a little below 0 for an unknown word the tagger cannot place, -inf for none at all."""
    hit = _memo.get(word)
    if hit is None:
        tags = [(str(t), float(p)) for t, p in _load().tag_word(word, cutoff=5)]
        if not tags:
            hit = ("", float("-inf"))
        else:
            best = tags[0][1]
            names = [p for t, p in tags if t in NAME_TAGS]
            hit = (tags[0][0], (max(names) - best) if names else float("-inf"))
        if len(_memo) >= _MAX_MEMO:
            _memo.clear()
        _memo[word] = hit
    return hit


def is_name_word(word: str, margin: float = 0.0) -> bool:
    """Whether a capitalised word is most likely a name (or a foreign word), not a German noun."""
    tag, behind = german_class(word)
    return tag in NAME_TAGS or behind >= -margin


__all__ = ["NAME_TAGS", "german_class", "is_name_word"]
