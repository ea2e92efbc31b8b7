"""A batch fingerprinted at once (``shingles.read_batch``, ``read_band_keys``, ``read_key_rows``) gives what each
sentence and each article gives on its own, whatever the text holds."""

from __future__ import annotations

import re
import zlib

import numpy as np

from retold.fingerprint import band_keys
from retold.fingerprint.keys import (
    _NUMBER,
    _QUOTE,
    KIND_NUMBERS,
    KIND_QUOTE,
    KIND_SENTENCE,
    MIN_NUMBERS,
    MIN_QUOTE_WORDS,
    _key,
    key_rows,
    numbers,
    words_key,
)
from retold.fingerprint.shingles import SEP, joined, read_batch, read_tokens, token_hashes
from retold.ingest import article_from_text
from retold.model import Article, Sentence

# sentences that read differently joined than alone if the joining were careless: a capital sigma ending a sentence
# (final form alone) next to a Greek word, the separator itself, a Kelvin sign (ASCII once lower-cased), a dotted
# capital I (two characters lower-cased), control characters, empty sentences
TRICKY = [
    [],
    ["ΟΔΟΣ", "ΣΑ ΟΔΟΣ.", "Σ"],
    ["the port\x01 reopened on Monday", "ships wait"],
    ["", "Ships wait.", ""],
    ["\u212a and İstanbul, under_score 12,5 \x1f x", "tab\there"],
    ["ﬁne straße", "ΌΣΟΣ ΑΣ'Σ then", "dock workers said \u201cno\u201d"],
    ["Σ", "Α Σ", "ΑΣ"],
]


def test_a_batch_reads_each_sentence_as_it_reads_alone() -> None:
    for batch in [TRICKY, *([a] for a in TRICKY)]:
        read = read_batch(batch)
        alone = [read_tokens(n) for norms in batch for n in norms]
        assert read.counts.tolist() == [len(t) for t in alone]
        assert np.array_equal(read.hashes, token_hashes([w for t in alone for w in t]))
        assert [j.strip(b"\x1f") for j in read.joined[:-1]] == ["\x1f".join(t).encode() for t in alone]
        assert read.sentences.tolist() == [len(norms) for norms in batch]
    assert read_batch(TRICKY).counts.tolist()[:4] == [1, 2, 1, 5]  # the Greek sentences, then the separator's
    assert read_tokens("ΟΔΟΣ") == ("οδο\u03c2",)  # final sigma: what the batch's tokens are held to


# articles read a byte a character (``bytewords``) beside others: Latin-1 letters, symbols beyond Latin-1 that are no
# word characters (read as spaces), words of 8, 9, 16 and 17 bytes (packed in one integer, two, or hashed as strings),
# a Kelvin sign and an Angstrom sign (Latin-1 once lower-cased), a word beyond Latin-1 (read as strings), the GAP byte
ONE_BYTE = [
    ["Straße • Ärger über 1½ µm ª", "► Dock_workers_of_Calden voted"],
    ["abcdefgh abcdefghi abcdefghijklmnop abcdefghijklmnopq", "", "\x1f\x00 12,5%"],
    ["Œuvre complète", "café"],
    ["\u212a and \u212b", "🇺🇸 ships \udc80 wait"],
    [],
    ["AbCdEfGh", "abcdefgh", "ABCDEFGHIJKLMNOP"],
]


def test_articles_read_a_byte_a_character_read_as_each_sentence_alone() -> None:
    """The one-byte articles are read together in numpy and put back among the others in the batch's order; a table
    of two slots (every word but one a miss, words evicting each other) still gives each word its own hash."""
    from retold.fingerprint.bytewords import PackedHashes, one_byte, read_bytes
    from retold.fingerprint.shingles import word_hash

    for batch in [ONE_BYTE, ONE_BYTE[::-1], ONE_BYTE + TRICKY, *([a] for a in ONE_BYTE)]:
        read = read_batch(batch)
        alone = [read_tokens(n) for norms in batch for n in norms]
        assert read.counts.tolist() == [len(t) for t in alone]
        assert np.array_equal(read.hashes, token_hashes([w for t in alone for w in t]))
        assert [j.strip(b"\x1f") for j in read.joined[:-1]] == ["\x1f".join(t).encode() for t in alone]
    assert one_byte("œuvre") is None and one_byte("a • b ► c") == "a   b   c" and one_byte("café") == "café"
    tiny = PackedHashes(word_hash, bits=1)
    words = "dock workers voted abcdefghijklmnop abcdefghijklmnopq straße 1½ µm dock workers".split()
    text = " ".join(words[:5]) + "\x01" + " ".join(words[5:]) + "\x01"
    for _ in range(3):
        hashes, counts, joined = read_bytes(text, tiny)
        assert hashes.tolist() == [word_hash(w) for w in words] and counts.tolist() == [5, 5]
        assert joined[1].strip(b"\x1f").decode() == "\x1f".join(words[5:])


def test_sentences_are_joined_only_where_no_sentence_holds_the_separator() -> None:
    """``joined``: the one check both bulk readers (the tokens and the exact keys' marks) make before reading an
    article's sentences at once."""
    assert joined(["ships wait", "", "the port"]) == f"ships wait{SEP}{SEP}the port"
    assert joined(["ships wait", "the port"], f" {SEP} ", f" {SEP}") == f"ships wait {SEP} the port {SEP}"
    assert joined(["one sentence"], f" {SEP} ", f" {SEP}") == f"one sentence {SEP}"
    for between, end in ((SEP, ""), (f" {SEP} ", f" {SEP}")):
        for norms in filter(None, TRICKY):
            assert (joined(norms, between, end) is None) == any(SEP in n for n in norms), (norms, between)
        assert joined([f"a {SEP} b"], between, end) is None  # one sentence: no join, still checked
        assert joined([], between, end) is None  # nothing to join: read (as nothing) sentence by sentence


def _article(norms: list[str], aid: str) -> Article:
    text = "\n".join(norms)
    out, at = [], 0
    for i, norm in enumerate(norms):
        out.append(Sentence(i, at, at + len(norm), norm, norm, False))
        at += len(norm) + 1
    return Article(id=aid, text=text, sentences=tuple(out))


def test_a_batch_of_articles_of_any_length_gets_each_article_s_own_keys() -> None:
    """The windows are found for the whole batch at once: articles of no, one, two and three sentences, one of
    sentences without words, and the tricky ones get the band keys and exact keys they get alone."""
    words = "Dock workers in Calden voted on Tuesday to end a strike over pay and hours".split()
    arts = [_article(norms, f"t{k}") for k, norms in enumerate(TRICKY)]
    arts += [_article([" ".join(words[k : k + 6]) + "." for k in range(n)], f"n{n}") for n in (0, 1, 2, 3, 5)]
    arts.append(_article(["...", "--", "Ships wait in the bay, the port said 3 or 4 times."], "w"))
    quoted = 'Officials said "the port will reopen on Monday at noon" and 1,100 jobs stay.'
    arts.insert(3, article_from_text(quoted, id="q"))
    together = band_keys(arts)
    for art, keys in zip(arts, together, strict=True):
        alone = band_keys([art])[0]
        assert np.array_equal(keys, alone) and np.all(np.diff(keys) > 0)
    assert sum(len(k) > 0 for k in together) >= 10
    kinds = {kind for art in arts for *_, kind in key_rows(art)}
    assert kinds == {0, 1, 2}


def _one_sentence_at_a_time(article: Article) -> list[tuple[int, int, int]]:
    """``key_rows`` as it was written before the batch read: each sentence read on its own."""
    out: dict[tuple[int, int], int] = {}
    for s in article.sentences:
        k = words_key(read_tokens(s.norm))
        if k is not None:
            out[(k, s.i)] = KIND_SENTENCE
        for quoted in _QUOTE.findall(s.norm):
            if len(read_tokens(quoted)) >= MIN_QUOTE_WORDS:
                out[(_key(read_tokens(quoted), KIND_QUOTE), s.i)] = KIND_QUOTE
        if len(numbers(s.norm)) >= MIN_NUMBERS:
            out[(_key(sorted(numbers(s.norm)), KIND_NUMBERS), s.i)] = KIND_NUMBERS
    return [(k, i, kind) for (k, i), kind in out.items()]


def test_exact_keys_of_quotes_and_numbers_are_found_in_any_text() -> None:
    """Quotes and numbers are looked for only in the sentences an article's marks point to (ASCII text) or each
    sentence (other text): the keys are those of reading every sentence."""
    texts = [
        'She said "we will not accept this plan at all" twice: "we will not accept this plan at all".',
        'Ο δήμαρχος είπε "θα ανοίξει το λιμάνι τη Δευτέρα το πρωί" και 1.100 θέσεις, 12 πλοία και 3 %.',
        'One "quote that opens here and goes on\n\nto the next" line, with 4 and 5.',
        "Figures: 1,100 jobs and 16 ships.\n\nNo figures here.\n\nThe \x01 mark, 3 and 4 percent.",
        '"Short one" and "a quote with enough words in it" of 2020 and 2021.',
    ]
    arts = [article_from_text(t, id=f"k{n}") for n, t in enumerate(texts)]
    arts += [_article(norms, f"t{n}") for n, norms in enumerate(TRICKY)]
    for art in arts:
        assert key_rows(art) == _one_sentence_at_a_time(art)
    kinds = [kind for art in arts for *_, kind in key_rows(art)]
    assert kinds.count(KIND_QUOTE) >= 3 and kinds.count(KIND_NUMBERS) >= 4


# the number pattern as it was written before its first digit went ahead of the look-behind
_BEFORE = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(\s?%|\s?percent\b)?")


def test_the_number_pattern_finds_what_it_found_before() -> None:
    cases = [
        "v1.5 and a12,345 and ,5 and .5 and 1,2345 and 12,345,678 and 12,34 and 5 percentage",
        "1,100 jobs, 14.5 metres, 10 percent, 3 % and 7% of 2,000,000",
        "\u0663\u0664 \u00b2 x1 1x 1_2 (2025) -4 $3.50",
        "",
        "9",
    ]
    rng = np.random.default_rng(0)
    alphabet = list("0123456789,. %apercent_x\u0663é")
    cases += ["".join(rng.choice(alphabet, size=int(n))) for n in rng.integers(0, 30, size=3000)]
    for text in cases:
        assert _NUMBER.findall(text) == _BEFORE.findall(text), text
    assert numbers("From 1,100 to 14.5 or 10 percent, v1.5") == ["1100", "14.5", "10%"]


def test_the_text_is_deflated_at_level_3_and_reads_back() -> None:
    from retold.store.packing import deflate, inflate

    text = "Dock workers in Calden voted to end the strike. " * 40 + "Σ \udc80"
    assert deflate(text) == zlib.compress(text.encode("utf-8", "surrogatepass"), 3)
    assert inflate(deflate(text)) == text


def test_content_words_drop_exactly_the_stopwords_whatever_shares_their_slot() -> None:
    """``minhash.content_words`` reads a token's slot in a table of the stopwords' hashes (``_stop_slots``): a token is
    dropped exactly when it is a stopword, also where its hash has a stopword's top bits (its slot), is zero, or falls
    in an empty slot."""
    from retold.fingerprint.minhash import _stop_hashes, _stop_slots, content_words
    from retold.fingerprint.shingles import Read

    stop = _stop_hashes()
    table, shift = _stop_slots()
    assert len(table) <= 1 << 16  # a small table: a few stopwords' top bits would collide only in a bigger one
    rng = np.random.default_rng(0)
    near = np.concatenate([stop ^ np.uint64(1), stop ^ np.uint64(1 << 40), stop + np.uint64(1 << int(shift))])
    empty = np.setdiff1d(np.arange(len(table), dtype=np.uint64), stop >> shift)[:50] << shift  # an empty slot's top
    hashes = np.concatenate([stop, near, empty, np.zeros(3, np.uint64), rng.integers(0, 2**63, 5000, dtype=np.uint64)])
    hashes = hashes[rng.permutation(len(hashes))]
    counts = np.array([len(hashes) - 7, 7], dtype=np.int64)
    kept = content_words(Read(hashes, counts, np.array([2]), [b"", b"", b""]))
    content = ~np.isin(hashes, stop)
    assert np.array_equal(kept.hashes, hashes[content])
    assert kept.counts.tolist() == [int(content[:-7].sum()), int(content[-7:].sum())]


def test_window_digests_are_rensa_s_values_window_by_window() -> None:
    """``minhash.window_digests`` packs rensa's lists of each window's values into one array: the same values, in
    rows of ``num_perm``, writable, as rensa gives for each window's shingles digested alone."""
    from rensa import RMinHash

    from retold.fingerprint.minhash import SEED, _shingles, _windows, window_digests

    art = article_from_text(
        "Port workers walked out on Monday. Ships waited offshore. The union said talks had failed. It was cold.",
        id="a",
    )
    read = read_batch([[s.norm for s in art.sentences], ["Short one.", "Two words."]])
    starts, ends, _ = _windows(read)
    flat, offsets = _shingles(read.hashes, starts, ends)
    for num_perm in (4, 64):
        digests, owner = window_digests(read, num_perm=num_perm)
        assert digests.shape == (len(starts), num_perm) and digests.dtype == np.uint32 and digests.flags.writeable
        for k in range(len(starts)):  # each window's shingles digested on their own
            one = flat[int(offsets[k]) : int(offsets[k + 1])]
            alone = RMinHash.digest_matrix_from_flat_token_hashes(one, np.array([0, len(one)]), num_perm, SEED)
            assert digests[k].tolist() == alone.to_rows()[0]
    assert owner.tolist() == [0, 0, 0, 1]
