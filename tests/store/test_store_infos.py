"""The store's metadata of every article, held as columns."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from retold.corpus import Corpus
from retold.store.infos import Infos
from retold.store.records import Info
from retold.store.sqlite import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_infos_give_back_every_info_as_the_rows_made_it() -> None:
    items = [
        Info(9, "zé-\U0001f600", "h9", None, None, 3, 0),
        Info(2, "b", "ab" * 32, "cnn (web news)", 1.5e9, 20, 18),
        Info(5, "c", "h5", "cnn (web news)", -3.25, 1, 1),
    ]
    got = Infos(items)
    assert dict(got) == {i.row: i for i in items}
    assert list(got) == [2, 5, 9] and len(got) == 3
    assert 5 in got and 4 not in got and "5" not in got
    with pytest.raises(KeyError):
        got[4]
    assert dict(got.outlets()) == {2: "cnn (web news)", 5: "cnn (web news)", 9: None}
    assert dict(got.ids()) == {i.row: i.id for i in items}
    assert dict(got.dates()) == {2: 1.5e9, 5: -3.25, 9: None} and type(got.dates()[2]) is float
    assert got.rows.tolist() == [2, 5, 9] and got.n_vec.tolist() == [18, 1, 0]


def test_a_store_s_infos_are_those_of_its_rows_and_smaller_than_a_dict_of_them(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    Corpus(db).add([str(EXAMPLES)])
    with Store(db) as st:
        cols = st.info()
        rows = list(cols)
        one_by_one = st.info(rows)
    assert isinstance(cols, Infos) and isinstance(one_by_one, dict)
    assert dict(cols) == one_by_one and len(rows) >= 5

    def size(i: Info) -> int:  # the object, its attribute dict and its strings
        return sum(sys.getsizeof(x) for x in (i, i.__dict__, i.id, i.hash, i.outlet))

    held = len(cols._ids.blob) + cols._hashes.nbytes() + 8 * 6 * len(cols)
    assert held < sum(size(i) for i in one_by_one.values()) / 2
    assert cols._hashes.nbytes() == 32 * len(cols)  # a store's hashes are hex digests: 32 raw bytes each


def test_hashes_are_kept_as_raw_bytes_until_one_is_not_a_hex_digest() -> None:
    """Content hashes are held as 32 bytes each (64 as text, and 8 of offsets), and any other string a row holds
    turns them all back to text, each given back as it came."""
    hexes = [f"{k:064x}" for k in (0, 7, 2**255 + 99)]
    items = [Info(k, f"a{k}", h, None, None, 1, 1) for k, h in enumerate(hexes)]
    got = Infos(items)
    assert got._hashes.raw is not None and got._hashes.nbytes() == 96
    odd = ["h", "AB" * 32, "é" * 64, "zz" * 32, "ab " * 21 + "a"]
    both = Infos([*items, *(Info(10 + k, f"b{k}", h, None, None, 1, 1) for k, h in enumerate(odd))])
    assert both._hashes.raw is None
    assert [both[r].hash for r in both] == [*hexes, *odd]


def test_columns_read_from_sql_rows_are_those_an_info_per_row_gives() -> None:
    """``Infos.of_rows`` reads each row's fields into the columns with no ``Info`` made: the same arrays, strings
    and outlet codes as the ``Info``-per-row reading it replaced, hashes turning to text midway included."""
    rows: list[tuple[int, str, str, str | None, float | None, int, int]] = [
        (1, "a1", f"{1:064x}", "cnn (web news)", 1.5e9, 12, 10),
        (3, "zé-\U0001f600", f"{3:064x}", None, None, 3, 0),
        (4, "a4\udcff", f"{4:064x}", "cnn (web news)", -3.25, 1, 1),
        (8, "a8", "not a digest", "dpa", 0.0, 40, 2**40),
        (9, "a9", f"{9:064x}", None, None, 0, 0),
    ]
    for some in (rows, rows[:3], rows[2:], []):
        got, want = Infos.of_rows(iter(some)), Infos(Info(*r) for r in some)
        assert [tuple(got[r].__dict__.values()) for r in got] == some
        for col in ("rows", "published", "n_vec"):
            assert np.array_equal(getattr(got, col), getattr(want, col), equal_nan=True), col
            assert getattr(got, col).dtype == getattr(want, col).dtype, col
        assert (got._rows, got._n_sentences, got._outlet, got.names) == (
            want._rows, want._n_sentences, want._outlet, want.names,
        )  # fmt: skip
        assert (got._ids.blob, got._ids.ends) == (want._ids.blob, want._ids.ends)
        assert got._hashes.raw == want._hashes.raw
        assert (got._hashes.texts.blob, got._hashes.texts.ends) == (want._hashes.texts.blob, want._hashes.texts.ends)
    assert Infos.of_rows(iter(rows[:3]))._hashes.raw is not None and Infos.of_rows(iter(rows))._hashes.raw is None
