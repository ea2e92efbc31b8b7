"""Cheap signals that find candidate pairs before any model runs.

``shingles`` (stable word and 5-gram hashes), ``minhash`` (band keys of sentence windows, for
lifted passages), ``keys`` (exact keys on sentences, quotes and numbers) and ``vectors`` (hashed
character n-gram sentence vectors, the fast recall stage for paraphrase).
"""

from __future__ import annotations

from retold.fingerprint.keys import KIND_NUMBERS, KIND_QUOTE, KIND_SENTENCE, ExactKey, exact_keys, sentence_key
from retold.fingerprint.minhash import BANDS, NUM_PERM, ROWS, band_keys
from retold.fingerprint.shingles import content_hash, shingle_set, tokens
from retold.fingerprint.vectors import HashedEncoder, indexable

__all__ = [
    "BANDS",
    "KIND_NUMBERS",
    "KIND_QUOTE",
    "KIND_SENTENCE",
    "NUM_PERM",
    "ROWS",
    "ExactKey",
    "HashedEncoder",
    "band_keys",
    "content_hash",
    "exact_keys",
    "indexable",
    "sentence_key",
    "shingle_set",
    "tokens",
]
