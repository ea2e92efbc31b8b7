"""A disguised retelling of the seed aligns as the plain one does, is flagged ``disguised_text``, and raises
no other flag the plain one does not."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

import retold
from retold.fidelity.disguise import compare as disguise_flags
from retold.ingest import article_from_text, read_article
from retold.model import Article, Comparison
from retold.text.confusables import DISGUISES, disguise
from retold.text.normalise import normalise

# the share of words each disguise touches (the recipe: 30 %, joiners in 20 %)
SHARE = {"cyrillic": 0.3, "greek": 0.3, "fullwidth": 0.3, "zwj": 0.2}


def _seed_expectations() -> ModuleType:
    """The seed test's expected alignment (kept in one place: tests/pipeline/test_pipeline_seeds.py)."""
    path = Path(__file__).resolve().parents[1] / "pipeline" / "test_pipeline_seeds.py"
    spec = importlib.util.spec_from_file_location("_seed_expectations", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


EXPECT = _seed_expectations()


def expectations_met(c: Comparison) -> int:
    """How many of the seed's 19 alignment expectations hold (10 pairs, 3 only in B, 6 only in A)."""
    got: dict[int, set[int]] = {}
    for m in c.matches:
        for j in m.b:
            got.setdefault(j, set()).update(m.a)
    ok = sum(got.get(j, set()) - {0} == want for j, want in EXPECT.EXPECTED_B_TO_A.items())
    ok += sum(j in c.only_in_b for j in EXPECT.ONLY_IN_B)
    ok += sum(i in c.only_in_a for i in EXPECT.ONLY_IN_A)
    return ok


def _findings(c: Comparison) -> Counter[tuple[str, str, str]]:
    """The flags other than the disguise, by kind and the words they name as the comparison reads them."""
    return Counter(
        (f.kind, normalise(f.a_text or "").text, normalise(f.b_text or "").text)
        for f in c.flags
        if f.kind != "disguised_text"
    )


@pytest.fixture(scope="module")
def seed_a(seeds: tuple[Path, Path]) -> Article:
    return read_article(str(seeds[0]))


@pytest.fixture(scope="module")
def seed_b_text(seeds: tuple[Path, Path]) -> str:
    return seeds[1].read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def plain(seed_a: Article, seed_b_text: str) -> Comparison:
    return retold.compare(seed_a, article_from_text(seed_b_text, id="003"))


@pytest.mark.parametrize("how", DISGUISES)
def test_disguised_seed_aligns_as_the_plain_one(how: str, seed_a: Article, seed_b_text: str, plain: Comparison) -> None:
    hidden = disguise(seed_b_text, how, share=SHARE[how], seed=3)
    c = retold.compare(seed_a, article_from_text(hidden, id="003-disguised"))
    assert expectations_met(plain) == 19
    assert expectations_met(c) == 19, how
    assert [(m.a, m.b, m.label) for m in c.matches] == [(m.a, m.b, m.label) for m in plain.matches]
    assert c.verdict.relation == plain.verdict.relation and c.verdict.direction == plain.verdict.direction
    # the disguise itself is flagged, on B, at a disguised word of the original text
    flags = [f for f in c.flags if f.kind == "disguised_text"]
    assert len(flags) == 1 and flags[0].a is None and flags[0].b is not None
    word = hidden[flags[0].b.start : flags[0].b.end]
    assert word == flags[0].b_text and not word.isascii() and word not in seed_b_text
    # and nothing else: the same findings, naming the same words, as for the plain retelling
    assert _findings(c) == _findings(plain)
    # every flag's span still shows the original (disguised) text
    for f in c.flags:
        if f.b is not None:
            assert hidden[f.b.start : f.b.end] == f.b_text


def test_lexical_mode_sees_through_cyrillic(seed_a: Article, seed_b_text: str) -> None:
    hidden = disguise(seed_b_text, "cyrillic", seed=5)
    c = retold.compare(seed_a, article_from_text(hidden, id="x"), lexical=True)
    p = retold.compare(seed_a, article_from_text(seed_b_text, id="y"), lexical=True)
    assert [(m.a, m.b, m.label) for m in c.matches] == [(m.a, m.b, m.label) for m in p.matches]
    # coverage counts original characters: the hidden ones inside matched sentences count too
    assert c.verdict.coverage_b == pytest.approx(p.verdict.coverage_b, abs=0.01) and p.verdict.coverage_b > 0.5


def test_the_flag_follows_the_disguised_side(seed_a: Article, seed_b_text: str) -> None:
    hidden = article_from_text(disguise(seed_b_text, "greek", seed=1), id="h")
    [f] = disguise_flags(hidden, seed_a)
    assert f.a is not None and f.b is None and f.severity == "high"
    assert "look-alike letters read as Latin" in f.note and f.kind == "disguised_text"
    # given first, the disguised retelling still carries the flag on its own side (A)
    c = retold.compare(hidden, seed_a, lexical=True)
    [g] = [f for f in c.flags if f.kind == "disguised_text"]
    assert g.a is not None and g.b is None


def test_no_flag_on_clean_or_plainly_cyrillic_text(seed_a: Article, seed_b_text: str) -> None:
    assert disguise_flags(seed_a, article_from_text(seed_b_text, id="b")) == []
    ru_a = article_from_text(
        "\u041c\u044d\u0440 \u0433\u043e\u0440\u043e\u0434\u0430 \u0441\u043e\u043e\u0431\u0449\u0438\u043b, "
        "\u0447\u0442\u043e \u043c\u043e\u0441\u0442 \u043e\u0442\u043a\u0440\u043e\u044e\u0442 \u0432 "
        "\u0441\u0440\u0435\u0434\u0443. \u0420\u0430\u0431\u043e\u0442\u044b \u0448\u043b\u0438 "
        "\u0442\u0440\u0438 \u0433\u043e\u0434\u0430, \u0430 \u0441\u043e\u0440 \u0443\u0431\u0440\u0430\u043b\u0438.",
        id="ru-a",
        language="ru",
    )
    ru_b = article_from_text(
        "\u041c\u043e\u0441\u0442 \u043e\u0442\u043a\u0440\u043e\u044e\u0442 \u0432 \u0441\u0440\u0435\u0434\u0443, "
        "\u0441\u043e\u043e\u0431\u0449\u0438\u043b \u043c\u044d\u0440 \u0433\u043e\u0440\u043e\u0434\u0430. "
        "\u0420\u0430\u0431\u043e\u0442\u044b \u0448\u043b\u0438 \u0442\u0440\u0438 \u0433\u043e\u0434\u0430.",
        id="ru-b",
        language="ru",
    )
    assert disguise_flags(ru_a, ru_b) == []
    c = retold.compare(ru_a, ru_b, lexical=True, fidelity=False)
    assert c.verdict.relation != "unrelated"  # real Cyrillic still matches itself
    assert all(s.norm == normalise(s.text).text == " ".join(s.text.split()) for s in ru_a.sentences)


def test_soft_hyphens_alone_are_no_disguise() -> None:
    # publishers hyphenate long words with soft hyphens (hundreds in the French news corpus)
    text = "Psycho\u00adlo\u00adgique\u00adment, nos conver\u00adsa\u00adtions sur la vie en g\u00e9n\u00e9\u00adral."
    a = article_from_text(text, id="fr", language="fr")
    assert disguise_flags(a, a) == []


def test_the_schema_lists_the_flag_kinds() -> None:
    import json
    from importlib.resources import files

    from retold.fidelity import FLAG_KINDS

    schema = json.loads(files("retold").joinpath("schemas/comparison.schema.json").read_text())
    assert schema["properties"]["flags"]["items"]["properties"]["kind"]["enum"] == list(FLAG_KINDS)


def test_the_corpus_finds_disguised_copies(shared: Path, tmp_path: Path) -> None:
    """``sources`` and ``scan`` on a real SQLite store: fingerprints are taken on the skeleton, so a copy
    disguised any of the four ways (and one sentence shorter, so it is no exact duplicate) is found."""
    import json

    from retold.corpus import Corpus

    rows = []
    with (shared / "data/news_allsides/allsides.jsonl").open(encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if 12 <= r["text"].count(". ") <= 30:
                rows.append({"id": r["id"], "title": r.get("title"), "text": r["text"], "source": r.get("source")})
            if len(rows) == 8:
                break
    (tmp_path / "real.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    corpus = Corpus(tmp_path / "s.db")
    corpus.add([str(tmp_path / "real.jsonl")])
    target = rows[3]
    body = target["text"].rsplit(". ", 1)[0] + "."  # the last sentence dropped
    copies = []
    for k, how in enumerate(DISGUISES):
        hidden = disguise(body, how, share=SHARE[how], seed=k)
        found = corpus.sources(article_from_text(hidden, id=f"copy-{how}", title=target["title"]), lexical=True)
        assert found and found[0].edge.b == target["id"], how
        assert found[0].edge.relation in ("identical", "near_duplicate", "rewrite"), (how, found[0].edge)
        copies.append({"id": f"copy-{how}", "title": target["title"], "text": hidden, "source": "farm.example"})
    (tmp_path / "copies.jsonl").write_text("\n".join(json.dumps(r) for r in copies) + "\n", encoding="utf-8")
    result, _, _ = corpus.scan([str(tmp_path / "copies.jsonl")], lexical=True)
    linked = {frozenset((e.a, e.b)) for e in result.edges}
    for how in DISGUISES:
        assert frozenset((target["id"], f"copy-{how}")) in linked, how
    assert not any(rows[0]["id"] in pair and any(c["id"] in pair for c in copies) for pair in linked)
