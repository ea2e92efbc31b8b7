"""Articles' texts deflated with a store's own preset dictionary (``retold.store.texts``, ``packing``): trained from a
new store's first batch, in fewer bytes, read back the same; texts deflated without one (a store made before) read
as before, and a store made before keeps deflating without one."""

from __future__ import annotations

import json
import sqlite3
import zlib
from pathlib import Path

import pytest

from retold.corpus import Corpus
from retold.ingest import read_articles
from retold.store.packing import deflate, inflate, train
from retold.store.sqlite import Store

NEWS = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "news_bbc" / "bbc.jsonl"


def _records(n: int) -> list[dict[str, str]]:
    """``n`` real BBC news records, or a skip where the shared data is not there."""
    if not NEWS.exists():
        pytest.skip(f"no {NEWS}")
    with NEWS.open(encoding="utf-8") as f:
        return [json.loads(line) for _, line in zip(range(n), f, strict=False)]


def _jsonl(tmp_path: Path, records: list[dict[str, str]], name: str = "news.jsonl") -> Path:
    src = tmp_path / name
    src.write_text("".join(json.dumps(r) + "\n" for r in records))
    return src


def _texts(st: Store) -> list[str]:
    """The stored articles' texts, in the order they were added."""
    arts = st.articles_by_row(st.all_rows())
    return [arts[r].text for r in sorted(arts)]


def _read(src: Path) -> list[str]:
    return [a.text for a in read_articles(str(src))]


def _stored(db: Path) -> list[bytes]:
    con = sqlite3.connect(db)
    out = [bytes(z) for (z,) in con.execute("SELECT text_z FROM articles ORDER BY row")]
    con.close()
    return out


def _uses_dictionary(z: bytes) -> bool:
    return bool(z[1] & 0x20)  # zlib's FDICT flag: a preset dictionary, named by its Adler-32 after the header


def test_a_dictionary_trained_on_some_texts_deflates_the_next_ones_smaller_and_reads_them_back() -> None:
    texts = [r["text"] for r in _records(300)]
    zdict = train(texts[:100])
    assert zdict == train(texts[:100]) and 16_000 < len(zdict) <= 32_768  # the same texts give the same bytes
    rest = texts[100:]
    plain = [deflate(t) for t in rest]
    small = [deflate(t, zdict) for t in rest]
    assert sum(map(len, small)) < 0.92 * sum(map(len, plain))  # held out: the 200 after the 100 it was trained on
    assert [inflate(z, zdict) for z in small] == rest
    assert [inflate(z, zdict) for z in plain] == rest  # a text deflated without one reads with one too
    assert [inflate(z) for z in plain] == rest
    with pytest.raises(zlib.error):
        inflate(small[0])  # needs its dictionary
    with pytest.raises(zlib.error):
        inflate(small[0][:-5], zdict)  # cut short
    assert deflate("a \udc80 surrogate", zdict) and inflate(deflate("a \udc80 surrogate", zdict), zdict) == (
        "a \udc80 surrogate"
    )


def test_a_new_store_trains_its_dictionary_from_its_first_batch_and_its_helper_deflates_with_it(
    tmp_path: Path,
) -> None:
    records = _records(600)  # three batches: the first deflated here, the others in the helper process
    db = tmp_path / "new.db"
    src = _jsonl(tmp_path, records)
    Corpus(db).add([str(src)], workers=2)
    with Store(db) as st:
        zdict = st.text_dictionary
        assert zdict is not None and st._meta("texts") == "zdict"
        assert _texts(st) == _read(src)
        assert st.same_records(list(read_articles(str(src)))[:3]) == [True] * 3
    stored = _stored(db)
    assert all(_uses_dictionary(z) for z in stored)
    plain = sum(len(deflate(t)) for t in _read(src))
    assert sum(map(len, stored)) < 0.9 * plain


def test_a_store_made_before_keeps_its_texts_deflated_without_a_dictionary(tmp_path: Path) -> None:
    records = _records(300)
    db = tmp_path / "old.db"
    with Store(db, write=True):
        pass
    con = sqlite3.connect(db)
    con.execute("DELETE FROM meta WHERE key = 'texts'")  # as a store made before session 49
    con.commit()
    con.close()
    src = _jsonl(tmp_path, records)
    Corpus(db).add([str(src)], workers=2)
    with Store(db) as st:
        assert st.text_dictionary is None
        assert _texts(st) == _read(src)
    assert not any(_uses_dictionary(z) for z in _stored(db))


def test_a_small_first_add_waits_for_a_batch_large_enough_to_train_from(tmp_path: Path) -> None:
    records = _records(300)
    db = tmp_path / "small.db"
    first, rest = _jsonl(tmp_path, records[:3], "first.jsonl"), _jsonl(tmp_path, records[3:])
    Corpus(db).add([str(first)])
    with Store(db) as st:
        assert st.text_dictionary is None  # three articles: too little to train from
    Corpus(db).add([str(rest)], workers=2)
    with Store(db) as st:
        assert st.text_dictionary is not None
        assert _texts(st) == _read(first) + _read(rest)
    stored = _stored(db)
    assert not any(_uses_dictionary(z) for z in stored[:3]) and all(_uses_dictionary(z) for z in stored[3:])


def test_the_dictionary_is_made_of_the_runs_of_words_the_texts_hold() -> None:
    """``train`` builds each run of n words by joining shorter runs (``packing._runs``): the same runs, so the same
    dictionary, as joining the words of every run one by one, for the run lengths stores use and any others."""
    from collections import Counter

    from retold.store import packing

    texts = [r["text"] for r in _records(60)] + ["  a  b\tc \u00e9t\u00e9 a b c a b c a b c ", "", "one"]

    def by_words(texts: list[str], runs: tuple[int, ...]) -> Counter[bytes]:
        seen: Counter[bytes] = Counter()
        for text in texts:
            words = packing._RUN.findall(text.encode("utf-8", "surrogatepass"))
            for n in runs:
                seen.update(b"".join(words[i : i + n]) for i in range(len(words) - n + 1))
        return seen

    for runs in (packing._RUNS, (1, 2, 3, 5, 6, 7)):
        made: Counter[bytes] = Counter()
        for text in texts:
            words = {1: packing._RUN.findall(text.encode("utf-8", "surrogatepass"))}
            for n in runs:
                made.update(packing._runs(words, n))
        assert made == by_words(texts, runs)
