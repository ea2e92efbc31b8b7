"""The real-length benchmark corpora (``benchmarks/corpus_data.py``): what a build must guarantee."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

SIZE = 300


@pytest.fixture(scope="module")
def built(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[list, dict[str, dict], Path]:
    import corpus_data

    folder = tmp_path_factory.mktemp("corpus")
    planted = corpus_data.build(SIZE, folder, seed=0)
    records = corpus_data.read(folder / "corpus.jsonl")
    by_id = {r["id"]: r for r in records}
    assert len(by_id) == len(records), "duplicate ids"
    return planted, by_id, folder / "corpus.jsonl"


def test_size_ids_and_no_repeated_article(built: tuple) -> None:
    planted, by_id, _ = built
    assert len(by_id) == SIZE
    texts = Counter(" ".join(r["text"].split()) for r in by_id.values())
    assert texts.most_common(1)[0][1] == 1, "an article appears twice"
    for p in planted:
        assert p.source in by_id and p.copy in by_id, p
        assert p.source != p.copy


def test_every_kind_is_planted(built: tuple) -> None:
    import corpus_data

    counts = Counter(p.kind for p in built[0])
    for kind in corpus_data.KINDS:
        assert counts[kind] >= 5, (kind, counts)


def test_articles_are_full_length(built: tuple) -> None:
    import corpus_plant

    _, by_id, _ = built
    n = [sum(len(p) for p in corpus_plant.paragraphs(r["text"])) for r in by_id.values()]
    assert sum(n) / len(n) >= 10, sum(n) / len(n)
    assert sorted(n)[len(n) // 2] >= 10


def test_verbatim_passages_appear_verbatim(built: tuple) -> None:
    import corpus_plant

    planted, by_id, _ = built
    for p in (p for p in planted if p.kind == "verbatim_passage"):
        flat = [s for para in corpus_plant.paragraphs(by_id[p.source]["text"]) for s in para]
        runs = [" ".join(flat[i : i + 3]) for i in range(len(flat) - 2)]
        assert any(run in by_id[p.copy]["text"] for run in runs), f"no passage of {p.source} in {p.copy}"
        assert by_id[p.copy]["source"] != by_id[p.source]["source"]


def test_edited_passages_keep_most_words(built: tuple) -> None:
    planted, by_id, _ = built
    for p in (p for p in planted if p.kind == "edited_passage"):
        src_words = set(by_id[p.source]["text"].split())
        paras = [q for q in by_id[p.copy]["text"].split("\n\n") if q not in by_id[p.source]["text"]]
        share = max(sum(w in src_words for w in q.split()) / len(q.split()) for q in paras)
        assert share >= 0.8, (p, share)


def test_copies_are_dated_after_their_source(built: tuple) -> None:
    planted, by_id, _ = built
    for p in planted:
        a, b = by_id[p.source]["published"], by_id[p.copy]["published"]
        if p.directed:
            assert a and b and a < b, (p, a, b)
        if p.kind in ("light_edit_article", "paraphrase_wmt", "paraphrase_mrpc"):
            assert by_id[p.source]["source"] != by_id[p.copy]["source"], p


def test_deterministic_for_a_seed(built: tuple, tmp_path: Path) -> None:
    import corpus_data

    planted, _, path = built
    again = corpus_data.build(SIZE, tmp_path / "again", seed=0)
    assert again == planted
    assert (tmp_path / "again" / "corpus.jsonl").read_bytes() == path.read_bytes()
    other = corpus_data.build(SIZE, tmp_path / "other", seed=1)
    assert other != planted


def test_natural_pairs_are_cross_outlet(shared: Path) -> None:
    import corpus_data

    pairs = corpus_data.natural_pairs()
    arts = {a["id"]: a for a in corpus_data.news()[0]}
    assert 50 <= len(pairs) <= 80
    for p in pairs:
        assert corpus_data.outlet(arts[p.source]) != corpus_data.outlet(arts[p.copy])


def test_pan13_collection(shared: Path, tmp_path: Path) -> None:
    import corpus_data

    planted = corpus_data.pan13(tmp_path)
    ids = {r["id"] for r in corpus_data.read(tmp_path / "pan13.jsonl")}
    assert len(planted) == 500
    assert all(p.source in ids and p.copy in ids for p in planted)


@pytest.mark.parametrize(
    ("paragraph", "holders", "kind"),
    [
        ("Ferry fares rise in May. — Harbour Board (@harbourboard) April 8, 2019", 2, "tweet"),
        ('"We will not sign this deal, not now and not later," the minister said on Tuesday night.', 2, "quotation"),
        ("The ferry union said its members would walk out on Monday unless the board reopened talks.", 3, "repeated"),
        ("Ann Lee is a columnist for the Harbour Times and the author of two books on shipping.", 2, "bio"),
        ("Sign up for our daily newsletter to get the harbour news in your inbox every morning.", 2, "plug"),
        ("The ferry union said its members would walk out on Monday unless the board reopened talks.", 2, "prose"),
    ],
)
def test_shared_paragraphs_are_told_apart(paragraph: str, holders: int, kind: str) -> None:
    import corpus_data

    assert corpus_data.paragraph_kind(paragraph, holders) == kind


def test_natural_prose_pairs_are_natural_pairs(shared: Path) -> None:
    import corpus_data

    natural = {tuple(sorted((p.source, p.copy))) for p in corpus_data.natural_pairs()}
    prose = corpus_data.natural_prose()
    assert prose and prose <= natural and len(prose) < len(natural)
