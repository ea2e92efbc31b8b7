"""Whether a capitalised word is a name or a noun, from the Hannover Tagger's German and English models.

German capitalises every noun, so the shape of a word says little; HanTa (the ``hanta`` package,
LGPL-3.0, model inside the wheel) knows German word formation, tells a compound ("Schweinestall")
or a nominalised verb ("Herangehen") from a name ("Frederick", "Fallujah"), and tags a single word
without its sentence in about a quarter of a millisecond. In English its lexicon (from the British
National Corpus) tells a word that can be a common noun ("Gulf", "Tigers") from one that is only ever a
name ("Harrigan", "Powell"). Each model (about 1 MB, 40 MB in memory) is loaded on first use, once per
process; each word's answer is remembered.
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
_taggers: dict[str, _Tagger] = {}
_memo: dict[str, tuple[str, float]] = {}
_MODELS = {"de": "morphmodel_ger.pgz", "en": "morphmodel_en.pgz"}


def _load(lang: str = "de") -> _Tagger:
    with _lock:
        tagger = _taggers.get(lang)
        if tagger is None:
            try:
                from HanTa import HanoverTagger  # type: ignore[import-untyped]
            except ImportError as e:  # pragma: no cover - a dependency, present in any proper install
                raise ModelError(
                    "retold needs the 'hanta' package (Hannover Tagger) to tell names from nouns: pip install hanta"
                ) from e
            tagger = _taggers[lang] = HanoverTagger.HanoverTagger(_MODELS[lang])
        return tagger


def german_class(word: str) -> tuple[str, float]:
    """The most likely part-of-speech tag (STTS-like: NN, NE, FM, ADJ(A), ...) of one word on its own, and
    how far (in log probability, <= 0) the best name reading (NE, FM) stands behind it: 0 when a name
    reading wins, a little below 0 for an unknown word the tagger cannot place, -inf for none at all."""
    hit = _memo.get(word)
    if hit is None:
        tags = [(str(t), float(p)) for t, p in _load("de").tag_word(word, cutoff=5)]
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


# English: below this log probability the tagger is guessing from the word's shape (an unknown word)
_EN_UNKNOWN = -20.0
_en_memo: dict[str, bool] = {}


def english_name_only(word: str) -> bool:
    """Whether an English capitalised word is only ever a name ("Harrigan", "Powell"), not a word that can be a
    common noun ("Gulf", "Bank", "Tigers"): the lexicon has no noun reading for it or does not know it."""
    hit = _en_memo.get(word)
    if hit is None:
        tags = [(str(t), float(p)) for t, p in _load("en").tag_word(word, cutoff=5)]
        hit = not tags or tags[0][1] < _EN_UNKNOWN or not any(t.startswith("NN") for t, _ in tags)
        if len(_en_memo) >= _MAX_MEMO:
            _en_memo.clear()
        _en_memo[word] = hit
    return hit


def loaded() -> int:
    """How many models this process has loaded (each lives as long as the process)."""
    return len(_taggers)


__all__ = ["NAME_TAGS", "english_name_only", "german_class", "is_name_word", "loaded"]
