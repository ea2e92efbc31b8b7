"""Evidence that two sentences (or groups of sentences) say the same thing.

Every mode computes the lexical evidence; the model mode adds the embedding cosine. All of it is
computed as matrices over all sentence pairs at once, so long articles stay cheap.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import Indel
from rapidfuzz.process import cdist

from retold.text.normalise import words

_STOP_WORDS = """
a an the and or but if of to in on at by for with from as into onto about over under after before
than then that this these those there here is are was were be been being has have had do does did it
its it's he she they them his her their we our you your i me my not no so such very can could will
would shall should may might must also which who whom whose what when where while said says say told
tell according more most other some any all each both just only own same too up out off again
further once during through between against because until whether how why
"""
_STOP = frozenset(_STOP_WORDS.split())
_NUM = re.compile(r"\d")


def stem(word: str) -> str:
    """A crude stem (first six letters): robust across inflection in English and German alike."""
    return word[:6]


def content_terms(text: str) -> frozenset[str]:
    """Stems of the words that carry content (no stop words, numbers kept)."""
    return frozenset(stem(w) for w in words(text) if w not in _STOP and (len(w) > 1 or _NUM.search(w)))


def char_grams(text: str, n: int = 4) -> frozenset[str]:
    t = " ".join(words(text))
    return frozenset(t[k : k + n] for k in range(max(1, len(t) - n + 1)))


def _incidence(sets_a: Sequence[frozenset[str]], sets_b: Sequence[frozenset[str]]) -> tuple[np.ndarray, np.ndarray]:
    vocab: dict[str, int] = {}
    out = []
    for sets in (sets_a, sets_b):
        rows: list[int] = []
        cols: list[int] = []
        for r, s in enumerate(sets):
            cols.extend(vocab.setdefault(t, len(vocab)) for t in s)
            rows.extend([r] * len(s))
        out.append((len(sets), rows, cols))
    mats = []
    for n, rows, cols in out:
        x = np.zeros((n, max(1, len(vocab))), dtype=np.float32)
        x[rows, cols] = 1.0
        mats.append(x)
    return mats[0], mats[1]


def containment(sets_a: Sequence[frozenset[str]], sets_b: Sequence[frozenset[str]]) -> tuple[np.ndarray, np.ndarray]:
    """``(c_ab, c_ba)``: share of each A set found in each B set, and the reverse."""
    xa, xb = _incidence(sets_a, sets_b)
    inter = xa @ xb.T
    na = np.clip(xa.sum(axis=1, keepdims=True), 1, None)
    nb = np.clip(xb.sum(axis=1, keepdims=True), 1, None)
    return inter / na, (inter / nb.T).T


@dataclass(frozen=True)
class PairMatrices:
    """All-pairs evidence between the sentences of A (rows) and B (columns)."""

    cos: np.ndarray | None  # embedding cosine, None in lexical mode
    word_ab: np.ndarray  # share of A's content stems found in B
    word_ba: np.ndarray  # (M, N): share of B's content stems found in A
    char_ab: np.ndarray  # share of A's character 4-grams found in B
    char_ba: np.ndarray  # (M, N)
    edit: np.ndarray  # normalised Indel similarity of the comparable texts
    len_a: np.ndarray  # characters per sentence
    len_b: np.ndarray

    def lexical(self) -> np.ndarray:
        """A symmetric lexical similarity in [0, 1]: the harmonic mean of both word containments."""
        ab, ba = self.word_ab, self.word_ba.T
        return np.asarray(2 * ab * ba / np.clip(ab + ba, 1e-9, None), dtype=np.float32)


def pair_matrices(
    a_texts: Sequence[str], b_texts: Sequence[str], vec_a: np.ndarray | None, vec_b: np.ndarray | None
) -> PairMatrices:
    """Compute every piece of pair evidence for all sentence pairs."""
    ta = [content_terms(t) for t in a_texts]
    tb = [content_terms(t) for t in b_texts]
    w_ab, w_ba = containment(ta, tb)
    c_ab, c_ba = containment([char_grams(t) for t in a_texts], [char_grams(t) for t in b_texts])
    ca = [" ".join(words(t)) for t in a_texts]
    cb = [" ".join(words(t)) for t in b_texts]
    edit = cdist(ca, cb, scorer=Indel.normalized_similarity, dtype=np.float32, workers=1)
    cos = None
    if vec_a is not None and vec_b is not None:
        cos = np.clip(vec_a @ vec_b.T, -1.0, 1.0).astype(np.float32)
    return PairMatrices(
        cos=cos,
        word_ab=w_ab,
        word_ba=w_ba,
        char_ab=c_ab,
        char_ba=c_ba,
        edit=np.asarray(edit, dtype=np.float32),
        len_a=np.array([len(t) for t in a_texts], dtype=np.float32),
        len_b=np.array([len(t) for t in b_texts], dtype=np.float32),
    )


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def numbers(text: str) -> frozenset[str]:
    """Digit sequences as written, thousands separators dropped: the facts a paraphrase must keep."""
    return frozenset(n.replace(",", "") for n in _NUMBER.findall(text))
