"""Bounded work: an article with more sentences than the limit stops a comparison early, with a one-line
message that names the limit and the option that raises it (no timing here: benchmarks/bounded_compare.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import retold
from retold.align.label import distinct_links
from retold.config import LIMITS
from retold.errors import InputError
from retold.ingest import article_from_text

SENTENCE = "The council approved the new budget for the harbour district on Monday evening."


def _repeated(n: int) -> str:
    return " ".join([SENTENCE] * n)


def test_twenty_thousand_repeated_sentences_stop_before_the_pairs() -> None:
    text = _repeated(20_000)
    assert len(text.encode()) > 1_000_000
    a = article_from_text(text, id="repeated")
    assert len(a.sentences) == 20_000 > LIMITS.max_sentences
    with pytest.raises(InputError) as err:
        retold.compare(a, a, lexical=True)
    msg = str(err.value)
    assert msg.startswith("repeated: 20,000 sentences")
    assert f"limit of {LIMITS.max_sentences:,}" in msg and "--max-sentences" in msg and "\n" not in msg


def test_two_one_megabyte_articles_stop_early(shared: Path) -> None:
    texts: list[str] = []
    with (shared / "data/news_allsides/allsides.jsonl").open(encoding="utf-8") as f:
        for line in f:
            texts.append(json.loads(line)["text"])
            if sum(map(len, texts)) > 2_100_000:
                break
    half = len(texts) // 2
    a = article_from_text("\n\n".join(texts[:half]), id="big-a", language="en")
    b = article_from_text("\n\n".join(texts[half:]), id="big-b", language="en")
    assert len(a.text) > 1_000_000 and len(b.text) > 1_000_000
    with pytest.raises(InputError, match=r"^big-a: [\d,]+ sentences, over the limit"):
        retold.compare(a, b, lexical=True)


def test_under_the_limit_the_comparison_runs() -> None:
    a = article_from_text(_repeated(40), id="a")
    c = retold.compare(a, a, lexical=True, max_sentences=40)
    assert c.verdict.relation == "identical"
    with pytest.raises(InputError, match="over the limit of 39"):
        retold.compare(a, a, lexical=True, max_sentences=39)


def test_the_cli_names_the_limit_and_the_option(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(_repeated(60), encoding="utf-8")
    cmd = [sys.executable, "-m", "retold", "compare", str(big), str(big), "--lexical"]
    stopped = subprocess.run([*cmd, "--max-sentences", "50"], capture_output=True, text=True, timeout=120)
    assert stopped.returncode == 3
    lines = stopped.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in stopped.stderr
    assert "60 sentences, over the limit of 50" in lines[0] and "--max-sentences" in lines[0]
    ran = subprocess.run([*cmd, "--max-sentences", "60", "--json"], capture_output=True, text=True, timeout=120)
    assert ran.returncode == 0, ran.stderr
    assert json.loads(ran.stdout)["verdict"]["relation"] == "identical"
    refused = subprocess.run([*cmd, "--max-sentences", "0"], capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2


def test_repeated_sentences_are_weighed_once_with_the_same_evidence() -> None:
    from retold.align.features import pair_matrices

    ta = [SENTENCE, "A dog barked at 3 cats.", SENTENCE, "Rain fell all day.", "A dog barked at 3 cats."]
    tb = ["The council approved a new budget on Monday.", "Rain fell all day.", SENTENCE, "Nothing else."]
    rng = np.random.default_rng(0)
    by_text = {t: rng.normal(size=8) for t in {*ta, *tb}}
    va = np.array([by_text[t] for t in ta]) / 3
    vb = np.array([by_text[t] for t in tb]) / 3
    got, want = distinct_links(ta, tb, va, vb), pair_matrices(ta, tb, va, vb)
    for name in ("cos", "word_ab", "word_ba", "same"):
        assert np.allclose(getattr(got, name), getattr(want, name)), name
    assert got.terms_a == want.terms_a and got.terms_b == want.terms_b
    assert got.word_ba.shape == (len(tb), len(ta))


def test_a_scan_is_not_stopped_by_one_long_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import retold.pipeline as pipeline
    from retold.config import Limits
    from retold.corpus import Corpus

    monkeypatch.setattr(pipeline, "LIMITS", Limits(max_sentences=10))
    a = article_from_text(_repeated(3) + " " + " ".join(f"Item {k} of the plan was agreed." for k in range(30)), id="a")
    with pytest.raises(InputError, match="over the limit of 10"):
        retold.compare(a, a, lexical=True)
    assert retold.compare(a, a, lexical=True, max_sentences=0).verdict.relation == "identical"
    (tmp_path / "long.txt").write_text(a.text, encoding="utf-8")
    (tmp_path / "copy.txt").write_text(a.text.replace("Item 3 ", "Point 3 "), encoding="utf-8")
    result, _, _ = Corpus(tmp_path / "s.db").scan(
        [str(tmp_path / "long.txt"), str(tmp_path / "copy.txt")], lexical=True
    )
    assert {frozenset((e.a, e.b)) for e in result.edges} == {frozenset(("long", "copy"))}


def test_a_repeated_sentence_is_encoded_once() -> None:
    from collections.abc import Sequence

    from retold.embed import Encoder, get_encoder

    inner = get_encoder(None)

    class Counting(Encoder):
        def __init__(self) -> None:
            self.name, self.dim, self.seen = inner.name, inner.dim, 0

        def encode(self, texts: Sequence[str]) -> np.ndarray:
            self.seen += len(texts)
            return inner.encode(texts)

    enc = Counting()
    a = article_from_text(_repeated(50) + " Rain fell all day.", id="a")
    b = article_from_text("Rain fell all day. " + _repeated(20), id="b")
    c = retold.compare(a, b, encoder=enc)
    assert enc.seen == 2  # two distinct sentences among 72
    want = retold.compare(a, b, encoder=inner)
    assert [(m.a, m.b, m.label, m.score) for m in c.matches] == [(m.a, m.b, m.label, m.score) for m in want.matches]
