"""The cheap signals: stable hashes, window MinHash that finds lifted passages, exact keys, hashed vectors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from retold.errors import StoreError
from retold.fingerprint import (
    BANDS,
    KIND_NUMBERS,
    KIND_QUOTE,
    KIND_SENTENCE,
    HashedEncoder,
    band_keys,
    content_hash,
    exact_keys,
    indexable,
    minhash,
    sentence_key,
)
from retold.fingerprint.keys import key_rows, numbers
from retold.fingerprint.minhash import LAYOUT, LAYOUTS
from retold.fingerprint.shingles import Read, read_batch
from retold.ingest import article_from_text, read_article
from retold.model import Article

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_band_keys_do_not_depend_on_the_process_hash_seed() -> None:
    code = (
        "from retold.fingerprint import band_keys; from retold.ingest import article_from_text;"
        "a = article_from_text('Dock workers in Calden voted on Tuesday to end a strike. "
        "Union leaders said the vote was close.', id='x'); print(band_keys([a])[0][:5].tolist())"
    )
    outs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        outs.add(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env).stdout)
    assert len(outs) == 1 and outs.pop().startswith("[")


def test_a_paragraph_lifted_into_a_longer_article_shares_whole_windows() -> None:
    wire = read_article(str(EXAMPLES / "01_wire_original.txt"))
    fossil = read_article(str(EXAMPLES / "05_unrelated.txt"))
    independent = read_article(str(EXAMPLES / "04_independent_report.txt"))
    lifted = " ".join(s.text for s in wire.sentences[3:6])
    host = article_from_text(fossil.text + "\n" + lifted + "\n" + "The museum will open the exhibit in May.", id="h")
    kw, kh, kf, ki = band_keys([wire, host, fossil, independent])
    assert len(np.intersect1d(kw, kh)) >= BANDS  # at least one identical two-sentence window
    assert len(np.intersect1d(kf, kh)) >= BANDS
    assert len(np.intersect1d(kw, kf)) == 0
    # an independent report of the same event shares no window with the wire story
    assert len(np.intersect1d(kw, ki)) < BANDS


def test_exact_keys_sentences_quotes_and_numbers() -> None:
    a = article_from_text(
        'The council said 1,100 jobs and 16 ships were affected. "We will not accept this plan at all," she said.',
        id="a",
    )
    b = article_from_text(
        "Officials reported that 1100 jobs and 16 vessels were hit. "
        'She told reporters: "We will not accept this plan at all."',
        id="b",
    )
    ka = {(k.kind, k.key) for k in exact_keys(a)}
    kb = {(k.kind, k.key) for k in exact_keys(b)}
    shared = ka & kb
    assert {kind for kind, _ in shared} == {KIND_QUOTE, KIND_NUMBERS}
    assert not any(kind == KIND_SENTENCE for kind, _ in shared)
    assert numbers("About 4,200 workers, 14.5 metres, 10 percent") == ["4200", "14.5", "10%"]
    assert sentence_key("Too short.") is None
    assert sentence_key("The Strike, ended TODAY.") == sentence_key("the strike ended today")


def test_the_store_writes_key_rows_which_stay_the_exact_keys_stores_hold() -> None:
    """``prepare`` writes ``key_rows`` (tuples: an object per key cost a fifth of the keys' time on 2,000 news
    articles); they are ``exact_keys``' keys in its order, and a store written before must still meet new
    articles, so the keys of the example articles are pinned (computed before the change)."""
    import hashlib

    from retold.store.records import prepare

    articles = [read_article(str(p)) for p in sorted(EXAMPLES.glob("*.txt"))]
    rows = [key_rows(a) for a in articles]
    assert rows == [[(k.key, k.sentence, k.kind) for k in exact_keys(a)] for a in articles]
    flat = [r for rs in rows for r in rs]
    assert {kind for *_, kind in flat} == {KIND_SENTENCE, KIND_QUOTE, KIND_NUMBERS}
    assert hashlib.sha256(repr(flat).encode()).hexdigest()[:16] == "04f8508d2c8c3627"
    assert [p.keys.tolist() for p in prepare(articles)] == [[list(r) for r in rs] for rs in rows]
    assert numbers("No figures here at all.") == [] and numbers("From 3 to 3 or 4") == ["3", "4"]


def test_prepare_gives_what_each_signal_gives_on_its_own() -> None:
    """``prepare`` reads each sentence's tokens once and hands them to the band keys, the exact keys and the count
    of indexable sentences (each read them again: 0.8 of its 3.1 s on 2,000 news articles); what it stores is what
    ``band_keys``, ``key_rows`` and ``indexable`` give, for every layout a store may have."""
    from retold.store.records import prepare

    articles = [read_article(str(p)) for p in sorted(EXAMPLES.glob("*.txt"))]
    for layout in LAYOUTS:
        prep = prepare(articles, layout=layout)
        for art, p, bands in zip(articles, prep, band_keys(articles, layout), strict=True):
            assert np.array_equal(p.bands, bands) and len(bands)
            assert p.keys.tolist() == [list(r) for r in key_rows(art)]
            assert p.n_vec == sum(indexable(s) for s in art.sentences)


def test_the_fingerprinting_process_is_sent_plain_values_and_prepares_the_same_rows() -> None:
    """``Corpus.add`` sends the helper process ``shipped`` articles (a third of the pickle's bytes and of its time
    in the writer), which ``prepare_shipped`` reads back into what ``prepare`` of the articles gives: a title first,
    normal forms that differ from the original (curly quotes, Markdown syntax left out) included."""
    import pickle

    from retold.store.records import prepare, prepare_shipped, shipped

    articles = [read_article(str(p)) for p in sorted(EXAMPLES.glob("*.md"))]
    articles += [read_article(str(p)) for p in sorted(EXAMPLES.glob("*.txt"))]
    articles.append(
        article_from_text("# Port strike\n\nDock workers \u201cwalked out\u201d on *Tuesday*.", id="m", markdown=True)
    )
    articles.append(article_from_text("Dock workers in Calden voted to end the strike on Tuesday.", id="t"))
    assert any(s.norm != s.text for a in articles for s in a.sentences)
    assert any(a.sentences[0].is_title for a in articles) and not all(a.sentences[0].is_title for a in articles)
    sent = pickle.loads(pickle.dumps(shipped(articles)))
    for p, q in zip(prepare(articles), prepare_shipped(sent), strict=True):
        assert (p.hash, p.packed, p.n_vec, p.text_z) == (q.hash, q.packed, q.n_vec, q.text_z)
        assert np.array_equal(p.bands, q.bands) and np.array_equal(p.keys, q.keys)


def test_content_hash_ignores_layout_but_not_words() -> None:
    a = article_from_text("Dock workers voted to end the strike.\nThe port reopened.", id="a")
    b = article_from_text("Dock  workers voted to end the strike.\n\nThe port reopened.", id="b")
    c = article_from_text("Dock workers voted to end the strike.\nThe port stayed shut.", id="c")
    assert content_hash(a) == content_hash(b) != content_hash(c)


def test_hashed_vectors_are_unit_deterministic_and_rank_a_paraphrase_first() -> None:
    enc = HashedEncoder()
    texts = [
        "About 4,200 dockworkers walked off the job at the port of Harben on Tuesday.",
        "Some 4,200 dock workers at Harben port walked out on Tuesday.",
        "A giant river turtle fossil was found near Kessin by students.",
    ]
    v = enc.encode(texts)
    assert v.shape == (3, enc.dim) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(v, enc.encode(texts))
    assert v[0] @ v[1] > v[0] @ v[2] + 0.2
    assert enc.encode([]).shape == (0, enc.dim)


def test_short_sentences_are_not_indexed() -> None:
    art = article_from_text("Harben strike\n\nPhoto: AP.\nDock workers voted to end the strike on Tuesday.", id="a")
    assert [indexable(s) for s in art.sentences] == [False, False, True]


def test_hashed_vectors_in_chunks_equal_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    """Long inputs are hashed a chunk at a time (bounded memory) with exactly the vectors of one pass."""
    import retold.fingerprint.vectors as vectors

    texts = [f"Dock workers in Calden voted on day {k} to end a strike, the union said." for k in range(11)]
    texts += ["", "Ab", "Ferries run again."]
    one = HashedEncoder().encode(texts)
    monkeypatch.setattr(vectors, "CHUNK", 4)
    chunked = HashedEncoder().encode(texts)
    assert chunked.shape == (14, vectors.DIM)
    assert np.array_equal(one, chunked)


def _edit_each_sentence(article: Article) -> str:
    """Every sentence lightly edited as a copy editor would: its second and third words swapped and a word
    in its middle dropped (keeps about half of a window's 5-grams)."""
    out = []
    for s in article.sentences:
        w = s.text.split()
        if len(w) >= 6:
            mid = len(w) // 2 + 1
            w = [w[0], w[2], w[1], *w[3:mid], *w[mid + 1 :]]
        out.append(" ".join(w))
    return " ".join(out)


def _window_shares(read: Read, shingle: int) -> list[float]:
    """The best Jaccard of each window of the first article of ``read`` with a window of the second."""
    starts, ends, owner = minhash._windows(read)
    flat, off = minhash._shingles(read.hashes, starts, ends, shingle)
    sets = [set(flat[int(off[k]) : int(off[k + 1])].tolist()) for k in range(len(starts))]
    first = int(np.sum(owner == 0))
    return [max(len(x & y) / len(x | y) for y in sets[first:]) for x in sets[:first]]


def _swap_articles(text: str) -> str:
    """'the' and 'a' swapped: an edit of function words only."""
    return " ".join({"the": "a", "a": "the", "The": "A", "A": "The"}.get(w, w) for w in text.split())


def test_three_rows_find_a_passage_whose_every_sentence_was_edited() -> None:
    wire = read_article(str(EXAMPLES / "01_wire_original.txt"))
    edited = article_from_text(_edit_each_sentence(wire), id="e")
    shared = {r: len(np.intersect1d(*band_keys([wire, edited], r))) for r in (3, 4)}
    # a band of 3 rows collides with probability J**3 against J**4: more shared keys at a window Jaccard of 0.3-0.5
    assert shared[3] > shared[4]
    assert shared[3] >= 3


def test_only_the_layouts_stores_record() -> None:
    wire = read_article(str(EXAMPLES / "01_wire_original.txt"))
    keys = {name: set(band_keys([wire], name)[0].tolist()) for name in LAYOUTS}
    assert keys["3"] != keys["4"] and not keys["3"] & keys["4"]
    assert band_keys([wire], 3)[0].tolist() == sorted(keys["3"])  # a row count names the 16 bands of old stores
    assert band_keys([wire])[0].tolist() == sorted(keys[LAYOUT])
    with pytest.raises(StoreError, match="only 4, 3, 14x3\\+c1x4"):
        band_keys([wire], 5)


def test_the_content_band_finds_a_passage_whose_every_sentence_was_edited() -> None:
    """Two or three small edits in every sentence leave a window few of its 5-grams; its content words' bigrams
    mostly stay (``minhash.content_words``): the layout of new stores shares more keys than 14 bands of 5-grams."""
    from retold.fingerprint.minhash import content_words, digest_band_keys, window_digests

    wire = read_article(str(EXAMPLES / "01_wire_original.txt"))
    edited = article_from_text(_edit_each_sentence(wire), id="e")
    read = read_batch([[s.norm for s in wire.sentences]])
    kept = content_words(read)
    assert 0 < len(kept.hashes) < len(read.hashes) and kept.counts.sum() == len(kept.hashes)
    assert len(kept.counts) == len(read.counts)
    lay = LAYOUTS[LAYOUT]
    grams = digest_band_keys(*window_digests(read_batch([[s.norm for s in a.sentences] for a in (wire, edited)])),
                             2, lay.bands, lay.rows)  # fmt: skip
    words = content_words(read_batch([[s.norm for s in a.sentences] for a in (wire, edited)]))
    content = digest_band_keys(*window_digests(words, 2, num_perm=4), 2, 1, 4, first_salt=lay.bands)
    new = band_keys([wire, edited])
    assert all(np.array_equal(n, np.union1d(g, c)) for n, g, c in zip(new, grams, content, strict=True))
    # why it helps: each window keeps more of its content-word bigrams than of its 5-grams (not a draw of the hash)
    grams_kept = _window_shares(read_batch([[s.norm for s in a.sentences] for a in (wire, edited)]), 5)
    words_kept = _window_shares(words, 2)
    assert all(w >= g for w, g in zip(words_kept, grams_kept, strict=True)) and sum(words_kept) > sum(grams_kept)
    # an edit of function words only leaves every window's content words as they were: the content band's key is the
    # same on both sides whatever its hash draws, where the 5-grams' bands may share none
    other = article_from_text(" ".join(_swap_articles(s.text) for s in wire.sentences), id="f")
    both = content_words(read_batch([[s.norm for s in a.sentences] for a in (wire, other)]))
    same = digest_band_keys(*window_digests(both, 2, num_perm=4), 2, 1, 4, first_salt=lay.bands)
    assert len(np.intersect1d(*same)) >= 1


@pytest.mark.parametrize(
    ("layout", "bands", "digest"),
    [(3, BANDS, "eb70958abb4e0c6b"), (4, BANDS, "6381e183d149cc92"), ("14x3+c1x4", 15, "d499cdaec523d754")],
)
def test_band_keys_stay_what_stores_hold(layout: int | str, bands: int, digest: str) -> None:
    """A store written before a change must still meet new articles: the keys of a fixed text are pinned
    (a long article's windows and a short article's single window of fewer than five words), in every layout a
    store may record (the content band's digest of 4 values is rensa's own, not the first 4 of 64)."""
    import hashlib

    long = article_from_text(
        "Dock workers in Calden voted on Tuesday to end a strike. Union leaders said the vote was close. "
        "Ships wait. Talks resume in May after the holiday, the port said.",
        id="x",
    )
    short = article_from_text("Strike over.", id="y")
    keys = band_keys([long, short], layout)
    assert [len(k) for k in keys] == [3 * bands, bands]
    assert hashlib.sha256(b"".join(k.tobytes() for k in keys)).hexdigest()[:16] == digest


def test_other_layouts_come_from_the_same_windows_and_the_store_s_layout_stays_its_keys() -> None:
    """``window_digests`` / ``digest_band_keys`` with the store's layout give ``band_keys``; other shingle lengths,
    windows and band shapes (``benchmarks/candidate_layouts.py``) give other keys of the same articles."""
    from retold.fingerprint.minhash import digest_band_keys, window_digests

    wire = read_article(str(EXAMPLES / "01_wire_original.txt"))
    edited = article_from_text(_edit_each_sentence(wire), id="e")
    read = read_batch([[s.norm for s in a.sentences] for a in (wire, edited)])
    d, owner = window_digests(read)
    for rows in (3, 4):
        got = digest_band_keys(d, owner, 2, BANDS, rows)
        assert all(np.array_equal(x, y) for x, y in zip(got, band_keys([wire, edited], rows), strict=True))
    windows = len(wire.sentences) - 1
    assert d.shape == (windows + len(edited.sentences) - 1, 64)
    assert len(window_digests(read, window=3)[0]) == len(d) - 2  # one window fewer in each article
    three = window_digests(read, shingle=3)
    assert three[0].shape == d.shape and not np.array_equal(three[0], d)

    def shared(digests: tuple[np.ndarray, np.ndarray], bands: int, rows: int) -> int:
        a, b = digest_band_keys(*digests, 2, bands, rows)
        return len(np.intersect1d(a, b))

    # an edited sentence keeps more of its 3-grams than of its 5-grams; two rows collide more often than three
    assert shared(three, 16, 3) > shared((d, owner), 16, 3)
    assert shared((d, owner), 16, 2) > shared((d, owner), 16, 3)
    assert len(digest_band_keys(d, owner, 2, 21, 3)[0]) > len(digest_band_keys(d, owner, 2, 16, 3)[0])
    for bands, rows in ((22, 3), (16, 5)):
        with pytest.raises(StoreError, match="do not fit"):
            digest_band_keys(d, owner, 2, bands, rows)
