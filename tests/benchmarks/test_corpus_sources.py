"""``benchmarks/corpus_sources.py``: the cipher's per-round memo and the fillers streamed to part files."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path


def test_encipher_with_a_memo_writes_what_a_word_by_word_substitution_writes() -> None:
    import corpus_sources

    table = {"the": "a", "court": "river", "ruled": "sang", "on": "in", "monday": "autumn", "12": "40"}
    text = "The COURT ruled on Monday.\n\nOn 12, the court -- ruled; THE court ruled on monday!"
    memo: dict[str, str] = {}
    out = corpus_sources._encipher(text, table, memo)
    assert out == "A RIVER sang in Autumn.\n\nIn 40, a river -- sang; A river sang in autumn!"
    assert out == re.sub(r"\w+", lambda m: corpus_sources._cased(m.group(), table[m.group().lower()]), text)
    assert corpus_sources._encipher(text, table, memo) == out  # the memo, now full, gives the same
    assert memo["COURT"] == "RIVER" and memo["Monday"] == "Autumn"


def test_write_parts_streams_step_records_a_file_and_leaves_no_partial_file(tmp_path: Path) -> None:
    import corpus_sources

    made = ({"id": f"f{k:07d}", "text": "x"} for k in itertools.count())  # endless: only what is asked is taken
    parts = [tmp_path / f"fill-{k:03d}.jsonl" for k in range(3)]
    corpus_sources.write_parts(made, parts, 4)
    ids = [[json.loads(line)["id"] for line in p.read_text(encoding="utf-8").splitlines()] for p in parts]
    assert ids == [[f"f{k:07d}" for k in range(4 * i, 4 * i + 4)] for i in range(3)]
    assert next(made)["id"] == "f0000012"
    assert not list(tmp_path.glob("*.tmp"))
