"""What a store keeps of each band key: 6 bytes in a new store, the whole 8 in one written before."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from retold.errors import StoreError
from retold.ingest import read_articles
from retold.store.sqlite import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _examples() -> list:
    return [a for p in sorted(EXAMPLES.glob("0*.txt")) for a in read_articles(str(p))]


def _bands(db: Path) -> tuple[set[tuple[int, int]], int]:
    """The band rows, and the bytes of their records (``dbstat``)."""
    con = sqlite3.connect(db)
    rows = {(int(k), int(a)) for k, a in con.execute("SELECT key, article FROM bands")}
    payload = con.execute("SELECT sum(payload) FROM dbstat WHERE name = 'bands'").fetchone()[0]
    con.close()
    return rows, int(payload)


def _meta_row(db: Path, key: str, value: str | None) -> None:
    """Set a ``meta`` row of a store, or drop it (``None``)."""
    con = sqlite3.connect(db)
    if value is None:
        con.execute("DELETE FROM meta WHERE key = ?", (key,))
    else:
        con.execute("UPDATE meta SET value = ? WHERE key = ?", (value, key))
    con.commit()
    con.close()


def _made_before(db: Path, key: str) -> None:
    """An empty store as one made before its ``meta`` row ``key`` was kept."""
    with Store(db, write=True):
        pass
    _meta_row(db, key, None)


def _buckets(st: Store) -> list[list[int]]:
    return sorted(sorted(b.tolist()) for b in st.band_buckets(100))


def test_a_new_store_keeps_band_keys_in_6_bytes_and_one_written_before_keeps_whole_keys(tmp_path: Path) -> None:
    from retold.fingerprint import band_keys
    from retold.fingerprint.minhash import stored_keys

    arts = _examples()
    new, old = tmp_path / "new.db", tmp_path / "old.db"
    _made_before(new, "band_layout")  # its band rows in the table (``test_store_bandlog``: in files)
    with Store(new, write=True) as st:
        assert st.band_key_bytes == 6 and st.band_layout == "table"
        st.add(arts)
    _made_before(old, "band_key_bytes")
    _meta_row(old, "band_layout", None)
    with Store(old, write=True) as st:
        assert st.band_key_bytes == 8
        st.add(arts)  # a writer keeps writing an older store's whole keys
    (new_rows, new_bytes), (old_rows, old_bytes) = _bands(new), _bands(old)
    whole = band_keys(arts)  # both stores in the layout of new ones
    assert old_rows == {(int(k), r + 1) for r, keys in enumerate(whole) for k in keys}
    assert new_rows == {(int(k), r + 1) for r, keys in enumerate(whole) for k in stored_keys(keys)}
    assert all(-(2**47) <= k < 2**47 for k, _ in new_rows)  # what SQLite writes in 6 bytes
    assert len(new_rows) == len(old_rows)  # no two keys of an article became one here
    assert old_bytes - new_bytes >= 2 * len(old_rows)  # two bytes less a row (interior cells too)
    # the same candidates: the same buckets of articles, and the same postings for a looked-up article
    with Store(new) as a, Store(old) as b:
        assert _buckets(a) == _buckets(b) and _buckets(a)
        for art in arts[:3]:
            keys = band_keys([art])[0].tolist()
            assert sorted(map(sorted, a.band_postings(keys).values())) == sorted(
                map(sorted, b.band_postings(keys).values())
            )
            assert a.band_postings(keys)
    for db in (new, old):
        with Store(db, write=True) as st:
            st.delete([a.id for a in arts])
        assert not _bands(db)[0]  # a delete computes the same stored keys again
    _meta_row(new, "band_key_bytes", "5")
    with Store(new, write=True) as st, pytest.raises(StoreError, match=r"damaged store: meta\.band_key_bytes"):
        st.add(arts[:1])


def test_stored_keys_keep_the_top_48_bits_signed() -> None:
    from retold.fingerprint.minhash import stored_keys

    keys = np.array([0, (1 << 15) - 1, 1 << 15, (1 << 63) - 1], dtype=np.int64)
    assert stored_keys(keys).tolist() == [-(2**47), -(2**47), -(2**47) + 1, 2**47 - 1]
    assert stored_keys(keys, 8).tolist() == keys.tolist()
    with pytest.raises(StoreError):
        stored_keys(keys, 4)


def test_an_hnsw_base_is_saved_without_its_empty_neighbour_slots_and_reads_back_the_same(tmp_path: Path) -> None:
    import faiss

    from retold.store.faiss_index import FaissIndex, base_name
    from retold.store.graphfile import MAGIC, PACKED

    rng = np.random.default_rng(2)
    v = rng.normal(size=(800, 64)).astype(np.float32)
    ids, ix = np.arange(800, dtype=np.int64) + 10, FaissIndex(64, hnsw_from=100)
    ix.add(ids, v / np.linalg.norm(v, axis=1, keepdims=True))
    assert ix.kind == "hnsw"
    layouts = {"plain": "", "compact": "compact", "packed": "packed"}
    for d, layout in layouts.items():
        ix.save(tmp_path / d, 1, layout=layout)
    plain, compact, packed = (tmp_path / d / f"{base_name(1)}.faiss" for d in layouts)
    assert not plain.read_bytes().startswith((MAGIC, PACKED))
    assert compact.read_bytes().startswith(MAGIC) and packed.read_bytes().startswith(PACKED)
    graph = faiss.downcast_index(ix._index.index).hnsw
    nb = faiss.vector_to_array(graph.neighbors)
    assert plain.stat().st_size - compact.stat().st_size > 3.5 * int((nb < 0).sum())  # 4 bytes an empty slot
    # packed: 10 bits a neighbour (800 nodes) instead of 32, a byte a level instead of 4, no offsets (8 a node)
    assert compact.stat().st_size - packed.stat().st_size > 2.7 * int((nb >= 0).sum()) + 3 * 800 + 8 * 800
    got = {d: FaissIndex.load(tmp_path / d, 64, hnsw_from=100) for d in layouts}
    a, b, c = (got[d][0] for d in layouts)  # type: ignore[index]
    assert faiss.serialize_index(a._index).tobytes() == faiss.serialize_index(b._index).tobytes()
    assert faiss.serialize_index(a._index).tobytes() == faiss.serialize_index(c._index).tobytes()
    q = rng.normal(size=(50, 64)).astype(np.float32)
    assert all(np.array_equal(x, y) for x, y in zip(a.search(q, 10), c.search(q, 10), strict=True))
    # a flat index is saved as faiss writes it
    small = FaissIndex(64)
    small.add(ids[:50], v[:50])
    small.save(tmp_path / "flat", 1, layout="packed")
    assert not (tmp_path / "flat" / f"{base_name(1)}.faiss").read_bytes().startswith((MAGIC, PACKED))


def test_a_packed_base_keeps_ids_in_any_order_and_neighbour_numbers_of_any_width() -> None:
    from retold.store import varint
    from retold.store.graphfile import _ids, _pack_bits, _unpack_bits, _zigzag

    rng = np.random.default_rng(3)
    ids = np.concatenate([[2**40 + 7, 3, 2**62, -5], rng.integers(0, 2**45, 3000), np.arange(50, 0, -1)])
    z = _zigzag(np.diff(ids.astype(np.int64), prepend=np.int64(0))).tolist()
    data = np.frombuffer(varint.encode(z), dtype=np.uint8)
    assert _ids(data, len(ids)).tolist() == ids.tolist()
    assert varint.decode(varint.encode([0, 127, 128, 2**64 - 1])) == [0, 127, 128, 2**64 - 1]
    with pytest.raises(ValueError):
        _ids(data[:-1], len(ids))  # the last id cut short
    for bits in (1, 7, 17, 24, 31):
        v = rng.integers(0, 2**bits, 5001).astype(np.uint32)
        packed = np.frombuffer(_pack_bits(v, bits), dtype=np.uint8)
        assert len(packed) == (len(v) * bits + 7) // 8
        assert _unpack_bits(packed, len(v), bits).tolist() == v.tolist()


def test_a_compact_or_packed_base_cut_short_is_rebuilt_not_a_crash(tmp_path: Path) -> None:
    from retold.store.faiss_index import FaissIndex, base_name

    v = np.random.default_rng(4).normal(size=(300, 32)).astype(np.float32)
    ix = FaissIndex(32, hnsw_from=100)
    ix.add(np.arange(300, dtype=np.int64), v)
    for layout in ("compact", "packed"):
        ix.save(tmp_path / layout, 1, layout=layout)
        base = tmp_path / layout / f"{base_name(1)}.faiss"
        whole = base.read_bytes()
        for cut in (22, 30, 60, 100, len(whole) // 2, len(whole) - 1):  # the magic alone, the header, graph, ids
            base.write_bytes(whole[:cut])
            assert FaissIndex.load(tmp_path / layout, 32, hnsw_from=100) is None, (layout, cut)


def test_an_unknown_base_layout_is_a_store_error_not_a_compact_base(tmp_path: Path) -> None:
    from retold.store.faiss_index import FaissIndex

    ix = FaissIndex(32, hnsw_from=100)
    ix.add(np.arange(300, dtype=np.int64), np.random.default_rng(5).normal(size=(300, 32)).astype(np.float32))
    with pytest.raises(StoreError) as e:
        ix.save(tmp_path, 1, layout="pakced")
    known = "'compact', 'packed', 'zstd', 'counts', 'nibbles' or '' (faiss's own)"
    assert str(e.value) == f"unknown vector base layout 'pakced': {known}"
    assert not list(tmp_path.glob("*.faiss*"))  # no base, not even a temporary one
    ix.save(tmp_path, 1, layout="packed")
    assert FaissIndex.load(tmp_path, 32, hnsw_from=100) is not None


def test_a_new_store_saves_nibbles_bases_and_one_made_before_keeps_its_layout(tmp_path: Path) -> None:
    from retold.store.codesfile import ZSTD
    from retold.store.countsfile import COUNTS, NIBBLES
    from retold.store.faiss_index import FaissIndex
    from retold.store.graphfile import MAGIC, PACKED

    arts = _examples()
    new, counts, zstd, packed, compact, old = (
        tmp_path / f"{n}.db" for n in ("new", "counts", "zstd", "packed", "compact", "old")
    )
    _made_before(old, "vector_base")
    made_before = ((counts, "counts"), (zstd, "zstd"), (packed, "packed"), (compact, "compact"))
    for db, before in made_before:  # stores made before nibbles bases
        with Store(db, write=True):
            pass
        _meta_row(db, "vector_base", before)
    for db, layout, magic in (
        (new, "nibbles", NIBBLES),
        (counts, "counts", COUNTS),
        (zstd, "zstd", ZSTD),
        (packed, "packed", PACKED),
        (compact, "compact", MAGIC),
        (old, "", None),
    ):
        with Store(db, write=True, hnsw_from=20) as st:
            assert st.base_layout == layout
            st.add(arts)
            n, dim = len(st.index), st.encoder.dim  # built, and saved as its store keeps bases
        folder = db.parent / f"{db.name}.vectors"
        (base,) = folder.glob("base-*.faiss")
        opening = base.read_bytes()[: len(MAGIC)]
        assert opening == magic if magic else opening not in (MAGIC, PACKED, ZSTD, COUNTS, NIBBLES)
        loaded = FaissIndex.load(folder, dim, hnsw_from=20)
        assert loaded is not None and loaded[0].kind == "hnsw" and len(loaded[0]) == n >= 20
        ids, vecs = loaded[0].vectors()
        assert np.array_equal(loaded[0].search(vecs[:5], 1)[1][:, 0], ids[:5])


def test_a_new_store_keeps_sentence_offsets_as_varints_and_one_made_before_as_text(tmp_path: Path) -> None:
    from retold.store.packing import bounds_bytes, pack, unpack

    arts = _examples()
    new, old = tmp_path / "new.db", tmp_path / "old.db"
    _made_before(old, "bounds")
    kept = {}
    for db in (new, old):
        with Store(db, write=True) as st:
            st.add(arts)
        con = sqlite3.connect(db)
        kept[db] = [b for (b,) in con.execute("SELECT bounds FROM articles ORDER BY row")]
        con.close()
        with Store(db) as st:  # the same sentences back, whichever layout
            got = st.articles_by_row(range(1, len(arts) + 1))
            assert [got[r + 1].sentences for r in range(len(arts))] == [a.sentences for a in arts]
    assert kept[old] == [pack(a)[0] for a in arts] and all(isinstance(b, str) for b in kept[old])
    assert kept[new] == [bounds_bytes(pack(a)[0]) for a in arts]
    assert sum(map(len, kept[new])) * 3 < sum(map(len, kept[old]))
    assert unpack("", bounds_bytes(""), None, 0) == () and bounds_bytes("0:300,302:302") == b"\x00\xac\x02\x02\x00"


def test_articles_come_packed_as_their_store_keeps_sentence_offsets(tmp_path: Path) -> None:
    """``prepare`` told ``varint_bounds`` packs the offsets as varints, so the writer converts nothing; offsets packed
    as text are converted by the store that keeps varints, and varints are refused by one that keeps text."""
    from retold.store.packing import bounds_bytes
    from retold.store.records import prepare

    arts = _examples()
    text, varints = prepare(arts), prepare(arts, varint=True)
    assert [p.packed[0] for p in varints] == [bounds_bytes(str(p.packed[0])) for p in text]
    assert [p.packed[1:] for p in varints] == [p.packed[1:] for p in text] and len(arts) >= 3
    kept = []
    for n, prep in enumerate((text, varints)):
        db = tmp_path / f"{n}.db"
        with Store(db, write=True) as st:
            assert st.varint_bounds
            st.add(arts, prep)
        con = sqlite3.connect(db)
        kept.append([b for (b,) in con.execute("SELECT bounds FROM articles ORDER BY row")])
        con.close()
    assert kept[0] == kept[1] == [p.packed[0] for p in varints]
    old = tmp_path / "old.db"
    _made_before(old, "bounds")
    with Store(old, write=True) as st, pytest.raises(StoreError, match="packed as varints"):
        assert not st.varint_bounds
        st.add(arts, varints)


def test_a_writer_closing_empties_the_wal_even_while_another_connection_is_open(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    wal = Path(f"{db}-wal")
    other = None
    with Store(db, write=True) as st:
        st.add(_examples())
        assert wal.stat().st_size > 0  # the add's pages are in the WAL until a checkpoint
        other = sqlite3.connect(f"file:{db}?mode=ro", uri=True)  # open, not reading: SQLite's own close leaves
        n = other.execute("SELECT count(*) FROM articles").fetchone()[0]  # the WAL while it is
    assert not wal.exists() or wal.stat().st_size == 0
    assert other.execute("SELECT count(*) FROM articles").fetchone()[0] == n == len(_examples())
    other.close()
    with Store(db) as st:
        assert len(st.all_rows()) == n
