"""An article's running text read in one pass (``passage._running``, ``shingles.joined_tokens``): the same words,
sentences and 5-grams as read a sentence at a time."""

from __future__ import annotations

import random

import numpy as np
import pytest

from retold.align import terms
from retold.align.passage import _running
from retold.align.terms import article_terms
from retold.fingerprint.shingles import SHINGLE, joined_tokens, ngram_hashes, tokens
from retold.text.normalise import CUT

_PIECES = [
    "The", "mayor", "of", "Calden", "said", "U.S.", "well-known", "O'Neill's", "--", "9-10", "12.5%", "a", "_x_",
    "ferry", "left", "at", "noon", "MAYOR", "e-mail.", "(Orlin)", "Tickets", "cost", "$40",
]  # fmt: skip


def _sentence_at_a_time(norms: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The former reading: each sentence's tokens, hashed, their sentence repeated."""
    per = [tokens(n) for n in norms]
    ws = [w for t in per for w in t]
    sentence = np.repeat(np.arange(len(per), dtype=np.int64), [len(t) for t in per])
    if len(ws) < SHINGLE:
        grams = np.zeros(0, dtype=np.uint64)
    else:
        grams = ngram_hashes(np.fromiter(map(hash, ws), dtype=np.int64, count=len(ws)).view(np.uint64))
    return grams, sentence, np.sort(grams)


@pytest.mark.parametrize("extra", [[], ["café", "Straße", "İstanbul", "ΟΔΟΣ", "ΣΑΣ.", "ﬁnal"], [CUT, "a\x00b"]])
def test_the_running_text_read_in_one_pass_is_read_as_a_sentence_at_a_time(extra: list[str]) -> None:
    rng = random.Random(len(extra))
    pieces = _PIECES + extra
    for _ in range(300):
        norms = tuple(" ".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(rng.randint(0, 7)))
        want = _sentence_at_a_time(norms)
        for read_first in (False, True):  # the words the alignment read just before are taken apart (ASCII)
            _running.cache_clear()
            terms._COMPARABLE.clear()
            if read_first:
                article_terms(norms)
            for x, y in zip(_running(norms), want, strict=True):
                assert x.dtype == y.dtype and np.array_equal(x, y)


def test_joined_tokens_are_each_sentences_tokens_between_cuts() -> None:
    norms = ["The U.S. mayor's well-known ferry left at 9-10.", "", "ΣΑΣ İstanbul café", "x"]
    assert joined_tokens(norms) == [*tokens(norms[0]), CUT, CUT, *tokens(norms[2]), CUT, *tokens(norms[3])]
    assert joined_tokens([]) == [] and joined_tokens(["a" + CUT + "b"]) is None


def test_a_run_looked_for_from_a_length_is_the_run_from_that_length() -> None:
    # ``at_least``: a run of that many words or more is the same figure; a shorter one may read 0 (too few words
    # found to look for it), never more than it is
    from retold.align.passage import shared_run
    from retold.ingest import article_from_text

    rng = random.Random(7)
    vocab = [f"w{k}" for k in range(30)]

    def text(lift: str) -> str:  # the lift cut into sentences of 3 to 12 words, in the middle of other words
        ws = [*(rng.choice(vocab) for _ in range(rng.randint(0, 20))), *lift.split()]
        ws += [rng.choice(vocab) for _ in range(rng.randint(0, 20))]
        out, k = [], 0
        while k < len(ws):
            n = rng.randint(3, 12)
            out.append(" ".join(ws[k : k + n]).capitalize() + ".")
            k += n
        return " ".join(out) or "Nothing."

    seen = {"zero": 0, "kept": 0}
    for _ in range(200):
        lift = " ".join(rng.choice(vocab) for _ in range(rng.randint(0, 70)))
        a, b = article_from_text(text(lift), id="a"), article_from_text(text(lift), id="b")
        full = shared_run(a, b)
        for at_least in (0, 10, 45):
            got = shared_run(a, b, at_least)
            if full >= at_least:
                assert got == full
            else:
                assert got in (0, full)
                seen["zero" if got == 0 and full else "kept"] += 1
    assert seen["zero"] > 0 and seen["kept"] > 0  # both ways out were taken
