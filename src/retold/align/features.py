"""Evidence that two sentences (or groups of sentences) say the same thing.

Every mode computes the lexical evidence; the model mode adds the embedding cosine. All of it is
computed as matrices over all sentence pairs at once, so long articles stay cheap.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np
from rapidfuzz.distance import Indel
from rapidfuzz.process import cdist

from retold.align.terms import both_terms, sentence_words, sorted_unique
from retold.text.normalise import words


def char_grams(text: str, n: int = 4) -> frozenset[str]:
    return _char_grams(" ".join(words(text)), n)


def _char_grams(t: str, n: int = 4) -> frozenset[str]:
    """The character n-grams of a comparable text (the text itself when shorter than n)."""
    if len(t) <= n:
        return frozenset((t,))
    return frozenset(map(t.__getitem__, map(slice, range(len(t) - n + 1), range(n, len(t) + 1))))


def _term_ids(sets_a: Sequence[frozenset[str]], sets_b: Sequence[frozenset[str]]) -> tuple[np.ndarray, ...]:
    """The incidence of both sides as (row, term id) arrays over one shared vocabulary: A's rows and
    terms, then B's (built by dict and numpy calls, no Python loop per term)."""
    terms = dict.fromkeys(chain.from_iterable((*sets_a, *sets_b)))
    vocab = dict(zip(terms, range(len(terms)), strict=True))
    out: list[np.ndarray] = []
    for sets in (sets_a, sets_b):
        sizes = np.fromiter(map(len, sets), dtype=np.int64, count=len(sets))
        ids = np.fromiter(map(vocab.__getitem__, chain.from_iterable(sets)), dtype=np.int64, count=int(sizes.sum()))
        out += [np.repeat(np.arange(len(sets), dtype=np.int64), sizes), ids]
    return tuple(out)


def _intersections(
    rows_a: np.ndarray, terms_a: np.ndarray, rows_b: np.ndarray, terms_b: np.ndarray, na: int, nb: int
) -> np.ndarray:
    """``(na, nb)`` float32 counts of the terms each A row shares with each B row: the sparse product of the two
    incidence matrices, as a join on the term id (B's incidence sorted by term, each A entry meets its run)."""
    order = np.argsort(terms_b, kind="stable")
    return _joined(rows_a, terms_a, rows_b[order], terms_b[order], na, nb)


def _joined(rows_a: np.ndarray, terms_a: np.ndarray, rb: np.ndarray, tb: np.ndarray, na: int, nb: int) -> np.ndarray:
    """:func:`_intersections` with B's incidence already sorted by term (``tb``, its rows ``rb``)."""
    lo = np.searchsorted(tb, terms_a, side="left")
    hits = np.searchsorted(tb, terms_a, side="right") - lo
    total = int(hits.sum())
    if not total:
        return np.zeros((na, nb), dtype=np.float32)
    starts = np.repeat(lo - (np.cumsum(hits) - hits), hits)
    cols = rb[starts + np.arange(total, dtype=np.int64)]
    cells = np.repeat(rows_a, hits) * nb + cols
    return np.bincount(cells, minlength=na * nb).reshape(na, nb).astype(np.float32)


def _divide(inter: np.ndarray, size_a: np.ndarray, size_b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    # set sizes as float32, the type the counts are divided in (exact: a set has far fewer than 2**24 terms)
    na = np.clip(size_a.astype(np.float32).reshape(-1, 1), 1, None)
    nb = np.clip(size_b.astype(np.float32).reshape(-1, 1), 1, None)
    return inter / na, (inter / nb.T).T


def containment(sets_a: Sequence[frozenset[str]], sets_b: Sequence[frozenset[str]]) -> tuple[np.ndarray, np.ndarray]:
    """``(c_ab, c_ba)``: share of each A set found in each B set, and the reverse."""
    rows_a, terms_a, rows_b, terms_b = _term_ids(sets_a, sets_b)
    inter = _intersections(rows_a, terms_a, rows_b, terms_b, len(sets_a), len(sets_b))
    return _divide(inter, np.array([len(x) for x in sets_a]), np.array([len(x) for x in sets_b]))


def _gram_rows(texts: Sequence[str], n: int, ids: np.ndarray, base: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each text's distinct character n-grams (as :func:`_char_grams` reads them) coded as integers in base
    ``base`` from the character ids ``ids`` (1.., the texts' characters in order): (rows, codes, set sizes)."""
    lens = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    # every text followed by n zeros: a text shorter than n (even an empty one) is then one gram, padded
    text_of = np.repeat(np.arange(len(texts), dtype=np.int64), lens)
    padded = np.zeros(len(ids) + n * len(texts), dtype=np.int64)
    padded[np.arange(len(ids), dtype=np.int64) + n * text_of] = ids
    starts = np.cumsum(lens + n) - (lens + n)
    per = np.maximum(1, lens - n + 1)
    rows = np.repeat(np.arange(len(texts), dtype=np.int64), per)
    pos = np.repeat(starts - (np.cumsum(per) - per), per) + np.arange(int(per.sum()), dtype=np.int64)
    codes = np.zeros(len(pos), dtype=np.int64)
    for k in range(n):
        codes = codes * base + padded[pos + k]
    span = base**n
    if span * (len(texts) + 1) < 2**62:  # row and gram fit one int64: one sort instead of a two-key lexsort
        keyed = sorted_unique(rows * span + codes)
        rows, codes = keyed // span, keyed % span
    else:
        order = np.lexsort((codes, rows))
        rows, codes = rows[order], codes[order]
        keep = np.ones(len(rows), dtype=bool)
        keep[1:] = (rows[1:] != rows[:-1]) | (codes[1:] != codes[:-1])
        rows, codes = rows[keep], codes[keep]
    return rows, codes, np.bincount(rows, minlength=len(texts))


def _char_ids(texts_a: Sequence[str], texts_b: Sequence[str], n: int) -> tuple[np.ndarray, np.ndarray, int] | None:
    """The characters of A's texts and of B's as ids (1..) in base ``base``, one coding for both; None when an
    n-gram of them does not fit an int64 code."""
    joined = "".join((*texts_a, *texts_b))
    chars = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    top = int(chars.max()) if len(chars) else 0
    if (top + 2) ** n < 2**40:  # the code points themselves are ids (1..): any one-to-one coding counts the same
        ids, base = chars.astype(np.int64) + 1, top + 2
    else:  # renumber the distinct characters
        uniq, inv = np.unique(chars, return_inverse=True)
        ids, base = inv.astype(np.int64).reshape(-1) + 1, len(uniq) + 1
    if base**n >= 2**62:
        return None
    split = sum(map(len, texts_a))
    return ids[:split], ids[split:], base


def gram_containment(texts_a: Sequence[str], texts_b: Sequence[str], n: int = 4) -> tuple[np.ndarray, np.ndarray]:
    """:func:`containment` of the texts' :func:`_char_grams`, with the grams coded as integers by numpy."""
    coded = _char_ids(texts_a, texts_b, n)
    if coded is None:  # too many distinct characters for an int64 code: the sets themselves
        return containment([_char_grams(t, n) for t in texts_a], [_char_grams(t, n) for t in texts_b])
    ids_a, ids_b, base = coded
    rows_a, codes_a, size_a = _gram_rows(texts_a, n, ids_a, base)
    rows_b, codes_b, size_b = _gram_rows(texts_b, n, ids_b, base)
    inter = _intersections(rows_a, codes_a, rows_b, codes_b, len(texts_a), len(texts_b))
    return _divide(inter, size_a, size_b)


def paired_gram_shares(texts_a: Sequence[str], texts_b: Sequence[str], n: int = 4) -> tuple[np.ndarray, np.ndarray]:
    """The diagonal of :func:`gram_containment`, pair ``k`` being ``(texts_a[k], texts_b[k])``: float32 shares of
    each side's :func:`_char_grams` found in the other's, for all pairs at once (no set of grams per text)."""
    k = len(texts_a)
    coded = _char_ids(texts_a, texts_b, n) if k > 1 else None  # one pair: its two sets are quicker
    if coded is None or coded[2] ** n * (2 * k + 1) >= 2**62:  # the sets themselves
        sets = [(_char_grams(x, n), _char_grams(y, n)) for x, y in zip(texts_a, texts_b, strict=True)]
        inter = np.array([len(x & y) for x, y in sets], dtype=np.float32)
        size_a = np.array([len(x) for x, _ in sets], dtype=np.float32)
        size_b = np.array([len(y) for _, y in sets], dtype=np.float32)
    else:
        ids_a, ids_b, base = coded
        span = base**n
        # both sides' texts as one list, rows 0..k-1 and k..2k-1: each row's grams once, sorted by (row, gram)
        rows, codes, sizes = _gram_rows([*texts_a, *texts_b], n, np.concatenate([ids_a, ids_b]), base)
        keys = rows % k * span + codes
        split = int(sizes[:k].sum())
        ka, kb = keys[:split], keys[split:]  # each sorted, each (row, gram) once
        hit = kb[np.minimum(np.searchsorted(kb, ka), len(kb) - 1)] == ka if len(kb) else np.zeros(len(ka), bool)
        inter = np.bincount(rows[:split][hit], minlength=k).astype(np.float32)
        size_a, size_b = sizes[:k].astype(np.float32), sizes[k:].astype(np.float32)
    return inter / np.maximum(size_a, np.float32(1)), inter / np.maximum(size_b, np.float32(1))


@dataclass(frozen=True)
class Links:
    """What the alignment reads of every sentence pair (A rows, B columns): a comparison needs no more, so it
    leaves out the character n-grams and edit distances that only the paraphrase calibration reads of all
    pairs (``PairMatrices``; a comparison's matched groups get theirs from ``paraphrase.paired_rows``)."""

    cos: np.ndarray | None  # embedding cosine, None in lexical mode
    word_ab: np.ndarray  # share of A's content stems found in B
    word_ba: np.ndarray  # (M, N): share of B's content stems found in A
    same: np.ndarray  # bool: the same words (case, punctuation and spacing aside)
    terms_a: Sequence[frozenset[str]]  # each sentence's content stems (``terms.content_terms``)
    terms_b: Sequence[frozenset[str]]

    def lexical(self) -> np.ndarray:
        """A symmetric lexical similarity in [0, 1]: the harmonic mean of both word containments."""
        ab, ba = self.word_ab, self.word_ba.T
        return np.asarray(2 * ab * ba / np.clip(ab + ba, 1e-9, None), dtype=np.float32)


@dataclass(frozen=True)
class PairMatrices(Links):
    """All-pairs evidence between the sentences of A (rows) and B (columns)."""

    char_ab: np.ndarray  # share of A's character 4-grams found in B
    char_ba: np.ndarray  # (M, N)
    edit: np.ndarray  # normalised Indel similarity of the comparable texts
    len_a: np.ndarray  # characters per sentence
    len_b: np.ndarray


def _same_words(ca: Sequence[str], cb: Sequence[str]) -> np.ndarray:
    """``(M, N)`` bool: which comparable texts are equal (where their Indel similarity is 1), by one id per
    distinct text instead of an all-pairs string comparison."""
    if set(ca).isdisjoint(cb):  # most candidate pairs share no sentence's words
        return np.zeros((len(ca), len(cb)), dtype=bool)
    ids: dict[str, int] = {}
    ia = np.fromiter((ids.setdefault(t, len(ids)) for t in ca), dtype=np.int64, count=len(ca))
    ib = np.fromiter((ids.setdefault(t, len(ids)) for t in cb), dtype=np.int64, count=len(cb))
    out: np.ndarray = ia[:, None] == ib[None, :]
    return out


def _links(
    a: Sequence[tuple[frozenset[str], str]],
    b: Sequence[tuple[frozenset[str], str]],
    vec_a: np.ndarray | None,
    vec_b: np.ndarray | None,
) -> Links:
    terms_a, terms_b = tuple(t for t, _ in a), tuple(t for t, _ in b)
    w_ab, w_ba = containment(terms_a, terms_b)
    cos = None
    if vec_a is not None and vec_b is not None:
        cos = np.clip(vec_a @ vec_b.T, -1.0, 1.0).astype(np.float32)
    same = _same_words([c for _, c in a], [c for _, c in b])
    return Links(cos=cos, word_ab=w_ab, word_ba=w_ba, same=same, terms_a=terms_a, terms_b=terms_b)


def _spread(m: np.ndarray, rows: np.ndarray | None, cols: np.ndarray | None) -> np.ndarray:
    """A matrix over distinct texts read back for every sentence (each side's ``index``)."""
    if rows is not None:
        m = m[rows]
    return m if cols is None else m[:, cols]


def links(a_texts: Sequence[str], b_texts: Sequence[str], vec_a: np.ndarray | None, vec_b: np.ndarray | None) -> Links:
    """The evidence the alignment reads, for all sentence pairs: each article's terms as ``terms.article_terms``
    keeps them, joined (the same values as :func:`containment` of the sentences' terms)."""
    ta, tb = both_terms(a_texts, b_texts)
    na, nb = len(ta.sizes), len(tb.sizes)
    w_ab, w_ba = _divide(_joined(ta.rows, ta.ids, tb.rows, tb.ids, na, nb), ta.sizes, tb.sizes)
    cos = None
    if vec_a is not None and vec_b is not None:
        cos = np.clip(vec_a @ vec_b.T, -1.0, 1.0).astype(np.float32)
    same = _same_words(ta.comparable, tb.comparable)
    return Links(
        cos=cos,
        word_ab=_spread(w_ab, ta.index, tb.index),
        word_ba=_spread(w_ba, tb.index, ta.index),
        same=_spread(same, ta.index, tb.index),
        terms_a=ta.terms,
        terms_b=tb.terms,
    )


def pair_matrices(
    a_texts: Sequence[str], b_texts: Sequence[str], vec_a: np.ndarray | None, vec_b: np.ndarray | None
) -> PairMatrices:
    """Compute every piece of pair evidence for all sentence pairs."""
    a, b = list(map(sentence_words, a_texts)), list(map(sentence_words, b_texts))
    ln = _links(a, b, vec_a, vec_b)
    ca, cb = [c for _, c in a], [c for _, c in b]
    c_ab, c_ba = gram_containment(ca, cb)
    edit = cdist(ca, cb, scorer=Indel.normalized_similarity, dtype=np.float32, workers=1)
    return PairMatrices(
        **vars(ln),
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
