"""Candidates, verification, stories and export on real stores built from the examples and seeds."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest

from retold.corpus import Corpus
from retold.errors import UsageError
from retold.ingest import article_from_text
from retold.model import Edge
from retold.provenance import candidates as cand
from retold.provenance.evidence import Settings
from retold.provenance.stories import build_stories, story_rows
from retold.store import reading
from retold.store.sqlite import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# Six short pieces by one (fictional) outlet on unrelated subjects, each ending with the same promo.
PROMO = "Sign up to the Lorne Evening Courier newsletter to get our best stories every weekday morning."
PIECES = [
    "The Lorne library will close its east wing for repairs until the autumn. Staff said the roof had leaked twice.",
    "A cycling race through the Calder hills drew a record field of riders. The winner finished in under four hours.",
    "Farmers near Kessin reported an early apple harvest after a warm spring. Prices at the market fell slightly.",
    "The city orchestra announced a new conductor, a violinist from the coast. Her first concert is in November.",
    "Two schools in the north of Lorne will merge next year, the council decided. Parents asked for a new bus route.",
    "A ferry between Harben and the islands was cancelled because of high winds. Service resumed the next morning.",
]


def _seed_free_corpus(db: Path) -> Corpus:
    c = Corpus(db)
    c.add([str(EXAMPLES)])
    return c


def test_lexical_scan_of_the_examples(tmp_path: Path) -> None:
    c = _seed_free_corpus(tmp_path / "s.db")
    result, _, files = c.scan(lexical=True, out=tmp_path / "out", fmt="jsonl")
    pairs = {(e.a, e.b): e for e in result.edges}
    assert pairs[("01_wire_original", "02_light_edit")].relation == "near_duplicate"
    assert ("01_wire_original", "03_heavy_rewrite") in pairs
    for e in result.edges:  # the independent report is the same event, not a retelling
        assert "04_independent_report" not in (e.a, e.b)
    story = next(s for s in result.stories if "01_wire_original" in s.articles)
    assert story.origins == ("01_wire_original",)
    assert "05_unrelated" not in story.articles
    rows = [json.loads(x) for x in (tmp_path / "out" / "edges.jsonl").read_text().splitlines()]
    assert len(rows) == len(result.edges)
    assert set(rows[0]) == {
        "a",
        "b",
        "relation",
        "score",
        "coverage_a",
        "coverage_b",
        "direction",
        "direction_confidence",
        "language_a",
        "language_b",
        "translation",
    }
    # the lexical channels read one language at a time: every edge is within English, so none is a translation
    assert {(r["language_a"], r["language_b"], r["translation"]) for r in rows} == {("en", "en", False)}
    assert [p.name for p in files] == ["edges.jsonl", "stories.jsonl"]


def test_a_second_scan_only_checks_new_articles(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    c = _seed_free_corpus(db)
    first, _, _ = c.scan(lexical=True)
    assert first.scanned == 6  # the five examples and their German translation (06)
    again, _, _ = c.scan(lexical=True)
    assert again.scanned == 0 and again.compared == 0 and len(again.edges) == len(first.edges)
    extra = tmp_path / "copy.txt"
    extra.write_text((EXAMPLES / "02_light_edit.txt").read_text().replace("Tuesday", "Wednesday"))
    third, added, _ = c.scan([str(extra)], lexical=True)
    assert added is not None and len(added.added) == 1
    assert third.scanned == 1 and 0 < third.compared <= 4
    assert any("copy" in (e.a, e.b) for e in third.edges)


def _edge_rows(db: Path) -> list[tuple[object, ...]]:
    import sqlite3

    con = sqlite3.connect(db)
    rows = con.execute("SELECT a, b, mode, relation, score, direction, direction_confidence, evidence FROM edges")
    out = sorted(rows.fetchall())
    con.close()
    return out


@pytest.fixture
def pool_log(monkeypatch: pytest.MonkeyPatch) -> tuple[list[int], list[str]]:
    """Every scan may start a pool (``POOL_FROM`` 1); the pools' sizes and the names of what was handed to them."""
    import retold._pool as pool_module
    import retold.provenance.scan as scan_module

    sizes: list[int] = []
    submitted: list[str] = []

    class Counting(pool_module.ProcessPoolExecutor):
        def __init__(self, max_workers: int, **kwargs):  # type: ignore[no-untyped-def]
            sizes.append(max_workers)
            super().__init__(max_workers=max_workers, **kwargs)

        def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
            submitted.append(getattr(fn, "__name__", type(fn).__name__))
            return super().submit(fn, *args, **kwargs)

    monkeypatch.setattr(pool_module, "ProcessPoolExecutor", Counting)
    monkeypatch.setattr(scan_module, "POOL_FROM", 1)
    return sizes, submitted


def test_verification_on_two_cores_stores_what_one_core_stores(
    tmp_path: Path, pool_log: tuple[list[int], list[str]]
) -> None:
    """Pairs verified in worker processes give the same edges, evidence and direction as in-process."""
    _, submitted = pool_log
    two = _seed_free_corpus(tmp_path / "two.db")
    r2, _, _ = two.scan(lexical=True, workers=2)
    assert submitted.count("warm_worker") == 2 and len(submitted) > 2  # warmed, then handed the pairs
    assert r2.compared == 3 and len(r2.edges) >= 2
    one = _seed_free_corpus(tmp_path / "one.db")
    r1, _, _ = one.scan(lexical=True)
    assert submitted.count("warm_worker") == 2  # the library's default starts no process
    assert r1.edges == r2.edges
    assert _edge_rows(tmp_path / "two.db") == _edge_rows(tmp_path / "one.db")


def test_pairs_verified_while_candidates_are_found_are_stored_only_when_kept(
    tmp_path: Path, pool_log: tuple[list[int], list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With workers, the pairs the exact keys admit go to them before the band keys are read (the workers had sat
    idle through the candidate stage); the per-article cap may then leave some out, and those are not stored:
    the same edges as one process stores."""
    from retold.provenance.feed import Feed
    from retold.provenance.pair_table import pairs_of

    told: list[tuple[int, int]] = []
    real = Feed.early

    def spy(self: Feed, pairs: np.ndarray) -> None:
        told.extend(pairs_of(pairs))
        real(self, pairs)

    monkeypatch.setattr(Feed, "early", spy)
    capped = Settings(per_article=1)
    two = Corpus(tmp_path / "two.db", settings=capped)
    two.add([str(EXAMPLES)])
    two.scan(lexical=True, workers=2)
    one = Corpus(tmp_path / "one.db", settings=capped)
    one.add([str(EXAMPLES)])
    one.scan(lexical=True)
    stored = {(min(a, b), max(a, b)) for a, b, *_ in _edge_rows(tmp_path / "two.db")}
    assert set(told) & stored and set(told) - stored  # sent early: some kept, some left out by the cap
    assert _edge_rows(tmp_path / "two.db") == _edge_rows(tmp_path / "one.db")


def test_a_model_scan_aligns_in_this_process(tmp_path: Path, pool_log: tuple[list[int], list[str]]) -> None:
    """With a sentence model this process embeds on both cores and aligns in between: asked for two workers,
    a model scan starts none (a lexical one does, above), and finds the edges."""
    sizes, submitted = pool_log
    two = _seed_free_corpus(tmp_path / "two.db")
    r2, _, _ = two.scan(workers=2)
    assert sizes == [] and submitted == []
    assert r2.compared >= 3 and len(r2.edges) >= 2


def test_a_model_scan_tells_its_progress_as_it_goes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every long stage of a model scan ticks as it goes, not once at its end: the index build (each part of
    ``INDEX_PART`` articles), each search of it and each slice of sentences embedded (at 2,000 real articles the
    bar stood still 41 s, then 118 s; benchmarks/progress_gaps.py). Told in small steps here, the scan stores
    what a scan told nothing stores."""
    import retold.provenance.scan as scan_module
    import retold.store.indexing as indexing

    monkeypatch.setattr(indexing, "INDEX_PART", 3)
    monkeypatch.setattr(cand, "VECTOR_CHUNK", 2)
    monkeypatch.setattr(scan_module, "EMBED_SLICE", 4)
    heard: list[tuple[str, int, int]] = []
    told = _seed_free_corpus(tmp_path / "told.db")
    result, _, _ = told.scan(progress=lambda stage, done, total: heard.append((stage, done, total)))
    plain, _, _ = _seed_free_corpus(tmp_path / "plain.db").scan()
    assert result.edges == plain.edges and len(result.edges) >= 2
    assert _edge_rows(tmp_path / "told.db") == _edge_rows(tmp_path / "plain.db")

    def counts(stage: str) -> list[int]:
        return [done for s, done, _ in heard if s == stage]

    with Store(tmp_path / "told.db") as st:
        n_articles = len(st.all_rows())
    assert counts("building the sentence index") == [0, *(min(k, n_articles) for k in range(3, n_articles + 3, 3))]
    searched = [min(k, n_articles) for k in range(2, n_articles + 2, 2)]  # two queries a search
    assert counts("finding candidates") == [0, *searched, n_articles]  # the stage's start and end, as before
    *embedded, end = counts("embedding sentences")  # the last tick says the end, with the total
    steps = [b - a for a, b in zip([0, *embedded], embedded, strict=False)]
    assert len(embedded) >= 3 and all(0 < x <= 4 for x in steps)
    totals = [total for s, _, total in heard if s == "embedding sentences"]
    assert end == embedded[-1] == totals[-1] and not any(totals[:-1])  # unknown while it runs


def test_add_with_embed_counts_the_sentences_it_embeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``add --embed`` ticks as the model goes (a batch of 256 articles is minutes of embedding), one count for
    the whole add, up to every distinct sentence of the articles added (one shared word for word is embedded once);
    their vectors are stored."""
    import retold.provenance.scan as scan_module

    monkeypatch.setattr(scan_module, "EMBED_SLICE", 4)
    heard: list[int] = []
    report = Corpus(tmp_path / "e.db").add(
        [str(EXAMPLES)], embed=True, progress=lambda stage, done, total: heard.append(done)
        if stage == "embedding sentences" else None,
    )  # fmt: skip
    with Store(tmp_path / "e.db") as st:
        n_sentences = len({s.norm for a in st.articles_by_row(st.all_rows()).values() for s in a.sentences})
        assert len(st.model_vectors(st.all_rows(), "all-MiniLM-L6-v2-int8", 384)) == len(report.added)
    *heard, end = heard  # the last tick says the end (a log's 'done' line), with the total
    steps = [b - a for a, b in zip([0, *heard], heard, strict=False)]
    assert heard[-1] == end == n_sentences and len(heard) == -(-n_sentences // 4) and all(0 < x <= 4 for x in steps)


def test_worker_processes_per_mode() -> None:
    from retold.provenance.scan import POOL_FROM, verifiers

    many, few = POOL_FROM, POOL_FROM - 1
    assert [verifiers(2, False, many), verifiers(2, True, many), verifiers(1, False, many)] == [2, 0, 0]
    assert [verifiers(2, False, few), verifiers(2, True, few)] == [0, 0]


def test_boilerplate_of_one_outlet_makes_no_edges(tmp_path: Path) -> None:
    records = tmp_path / "courier.jsonl"
    with records.open("w") as f:
        for k, text in enumerate(PIECES):
            rec = {"id": f"courier-{k}", "text": f"{text}\n{PROMO}", "source": "Lorne Evening Courier"}
            f.write(json.dumps(rec) + "\n")
    c = Corpus(tmp_path / "s.db")
    c.add([str(records)])
    result, _, _ = c.scan(lexical=True)
    assert result.edges == []
    with Store(tmp_path / "s.db") as st:
        corpus = cand.load(st)
        assert len(corpus.boilerplate.by_outlet["lorne evening courier"]) == 1
    # the same line in articles of no known outlet is shared text: those pairs are aligned
    anonymous = tmp_path / "anonymous.jsonl"
    anonymous.write_text(
        "".join(json.dumps({"id": f"anon-{k}", "text": f"{t}\n{PROMO}"}) + "\n" for k, t in enumerate(PIECES))
    )
    shared, _, _ = Corpus(tmp_path / "a.db").scan([str(anonymous)], lexical=True)
    assert shared.compared == len(PIECES) * (len(PIECES) - 1) // 2


def test_date_window(tmp_path: Path) -> None:
    base = (EXAMPLES / "01_wire_original.txt").read_text()
    records = tmp_path / "dated.jsonl"
    with records.open("w") as f:
        f.write(json.dumps({"id": "early", "text": base, "published": "2024-03-03"}) + "\n")
        f.write(json.dumps({"id": "late", "text": base.replace("Tuesday", "Monday"), "published": "2025-06-01"}) + "\n")
    c = Corpus(tmp_path / "s.db", window_days=30)
    c.add([str(records)])
    assert c.scan(lexical=True)[0].edges == []
    open_window, _, _ = Corpus(tmp_path / "w.db").scan([str(records)], lexical=True)
    assert [(e.a, e.b, e.relation) for e in open_window.edges] == [("early", "late", "near_duplicate")]


def test_a_scan_with_another_window_reports_what_a_fresh_store_would(tmp_path: Path) -> None:
    """Scans of one store with changing windows (wider, narrower, none) each give the edges a fresh store
    scanned once with that window gives: a wider window asks the articles scanned before again, a narrower
    one leaves out the stored edges outside it."""
    base = (EXAMPLES / "01_wire_original.txt").read_text()
    records = tmp_path / "dated.jsonl"
    with records.open("w") as f:
        f.write(json.dumps({"id": "orig", "text": base, "published": "2019-05-01"}) + "\n")
        f.write(json.dumps({"id": "copy", "text": base.replace("Tuesday", "Monday"), "published": "2019-05-03"}) + "\n")

    def edges(db: Path, window: float | None) -> list[tuple[str, str]]:
        c = Corpus(db, window_days=window)
        c.add([str(records)])
        return [(e.a, e.b) for e in c.scan(lexical=True)[0].edges]

    windows = [1.0, 3.0, 0.5, None, 1.0, None]
    fresh = [edges(tmp_path / f"fresh{k}.db", w) for k, w in enumerate(windows)]
    assert fresh == [[], [("orig", "copy")], [], [("orig", "copy")], [], [("orig", "copy")]]
    assert [edges(tmp_path / "one.db", w) for w in windows] == fresh


def test_sources_of_an_unstored_article_lexical(tmp_path: Path) -> None:
    c = _seed_free_corpus(tmp_path / "s.db")
    text = (EXAMPLES / "02_light_edit.txt").read_text()
    found = c.sources(article_from_text(text, id="query"), lexical=True)
    assert [f.edge.b for f in found][:1] in (["02_light_edit"], ["01_wire_original"])
    assert all(f.edge.a == "query" for f in found)
    # the stored copy of itself is not its own source
    assert "02_light_edit" not in [f.edge.b for f in c.sources(str(EXAMPLES / "02_light_edit.txt"), lexical=True)]


def _e(a: str, b: str, direction: str = "undetermined") -> Edge:
    return Edge(a, b, "partial_reuse", 0.5, 0.5, 0.5, direction, 0.9)  # type: ignore[arg-type]


def test_stories_never_join_through_a_middle_article() -> None:
    edges = [_e("A", "B", "a_to_b"), _e("B", "C", "a_to_b")]
    stories = build_stories(edges)
    for st in stories:
        assert not {"A", "C"} <= set(st.articles)
        members = set(st.articles)
        assert all(e.a in members and e.b in members for e in st.edges)
    assert ("A", "B") in {(s.origins[0], s.articles[1]) for s in stories}
    rows = story_rows(stories)
    assert {r["role"] for r in rows} == {"origin", "retelling"}
    # a star: every retelling has its own edge to the origin
    star = build_stories([_e("O", "x", "a_to_b"), _e("O", "y", "a_to_b"), _e("y", "x")])
    assert len(star) == 1 and star[0].origins == ("O",) and set(star[0].articles) == {"O", "x", "y"}


def test_the_story_table_names_an_origin_only_where_an_edge_names_a_source() -> None:
    """``stories.<fmt>`` called the centre of a story with no directed edge its 'origin' and the rest
    'retellings' (a researcher's spreadsheet then says B retold A), and a member tied in only by an edge of
    unknown direction a 'retelling', where the scan prints 'centre ~ others (no direction known)' and '~'."""
    undirected = story_rows(build_stories([_e("A", "B")]))
    assert {r["article"]: r["role"] for r in undirected} == {"A": "centre", "B": "joined"}
    mixed = story_rows(build_stories([_e("O", "x", "a_to_b"), _e("O", "y")]))
    assert {r["article"]: r["role"] for r in mixed} == {"O": "origin", "x": "retelling", "y": "joined"}


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_export_formats(tmp_path: Path, fmt: str) -> None:
    c = _seed_free_corpus(tmp_path / "s.db")
    result, _, files = c.scan(lexical=True, out=tmp_path / "o", fmt=fmt)
    edges_path, stories_path = files
    if fmt == "csv":
        with edges_path.open() as f:
            rows = list(csv.DictReader(f))
        with stories_path.open() as f:
            srows = list(csv.DictReader(f))
    else:
        rows = pq.read_table(edges_path).to_pylist()
        srows = pq.read_table(stories_path).to_pylist()
    assert len(rows) == len(result.edges) > 0
    assert list(rows[0])[:3] == ["a", "b", "relation"]
    assert {r["role"] for r in srows} <= {"origin", "retelling", "centre", "joined"} and srows


@pytest.mark.parametrize(
    "edges",
    [
        # a copier with many undirected edges is the centre; its source is named by another edge
        [_e("hub", "m1"), _e("hub", "m2"), _e("hub", "m3"), _e("src", "hub"), _e("src", "m1", "a_to_b")],
        # a chain: the root of the arrows is the origin, not the middle
        [_e("a", "b", "a_to_b"), _e("b", "c", "a_to_b"), _e("b", "d", "a_to_b")],
        # two near copies joined by an edge of unknown direction both feed a third: one origin
        [_e("w1", "w2"), _e("w1", "r", "a_to_b"), _e("w2", "r", "a_to_b")],
    ],
)
def test_story_origins_are_named_sources_that_copied_no_member(edges: list[Edge]) -> None:
    for story in build_stories(edges):
        own = story.edges
        arrows = [arr for e in own if (arr := (e.a, e.b) if e.direction == "a_to_b" else None)]
        if not arrows:
            continue
        assert set(story.origins) <= {s for s, _ in arrows}
        assert not set(story.origins) & {d for _, d in arrows}
        assert len(story.origins) == 1


def test_one_path_or_id_given_alone_is_one_not_its_characters(tmp_path: Path) -> None:
    """``add("one.txt")`` read the folder it was run in (a "." among the characters) and ``delete("one")``
    looked for ids 'o', 'n', 'e': a string or a path alone is one path (one id)."""
    folder = tmp_path / "work"
    (folder / "sub").mkdir(parents=True)
    (folder / "one.txt").write_text((EXAMPLES / "01_wire_original.txt").read_text(), encoding="utf-8")
    (folder / "sub" / "other.txt").write_text((EXAMPLES / "05_unrelated.txt").read_text(), encoding="utf-8")
    c = Corpus(tmp_path / "s.db")
    report = c.add(str(folder / "one.txt"))
    assert [a.id for a in report.added] == ["one"] and not report.failed
    assert [a.id for a in c.add(folder / "sub" / "other.txt").added] == ["other"]
    assert c.delete("one") == ["one"]
    with pytest.raises(UsageError, match="paths must be strings"):
        c.add([1, 2])  # type: ignore[list-item]


_STORIES = [
    "The city council voted on Monday to close the old harbour bridge for six weeks of repairs. Engineers found "
    "rust in the steel beams last spring. Buses will use the northern crossing while the work goes on. The "
    "repairs will cost about twelve million pounds, the council said.",
    "A bakery in the old town won a national prize for its rye bread on Saturday. The owners opened the shop "
    "in 1998 with one oven. They now bake four thousand loaves a week. The judges praised the crust and the "
    "sour taste of the dough.",
    "Heavy rain flooded three villages in the valley overnight and closed the main road. Firefighters pumped "
    "water from dozens of cellars until the morning. No one was hurt, the police said. Forecasters expect "
    "more rain on Thursday.",
    "The local football club signed a young goalkeeper from a rival team on Friday. He played twelve games "
    "for the youth side last season. The fee was not disclosed. Fans welcomed the move on social media.",
    "Students at the technical college built a small solar car and drove it across the county. The trip "
    "took two days and used no fuel at all. Their teacher said the project started as a joke. The college "
    "will show the car at a fair in May.",
]
_BIO = (
    "Anna Lind is a columnist for the Harbour Herald and the author of six books on local history. "
    "She taught law at the university for twenty years before she turned to writing. "
    "Her newest book, on the shipyards of the coast, appears next spring."
)


def test_a_store_built_in_steps_gives_the_edges_of_one_built_at_once(tmp_path: Path) -> None:
    """An outlet's byline is boilerplate once five of its articles carry it (four, when they share nothing
    else: ``boilerplate.spread``): two columns sharing it were an edge while they were the only two, and stayed
    one after three more arrived, since pairs already checked were not checked again (a fresh store of the five
    has no edge); deleting two of five brought the reverse. A scan now asks again the articles whose
    boilerplate changed."""
    paths = []
    for k, story in enumerate(_STORIES):
        p = tmp_path / f"col{k}.jsonl"
        p.write_text(json.dumps({"id": f"col{k}", "text": f"{story}\n\n{_BIO}", "source": "Harbour Herald"}) + "\n")
        paths.append(str(p))

    def fresh(name: str, some: list[str]) -> list[tuple[str, str]]:
        c = Corpus(tmp_path / f"{name}.db")
        c.add(some)
        return sorted((e.a, e.b) for e in c.scan(lexical=True)[0].edges)

    steps = Corpus(tmp_path / "steps.db")
    steps.add(paths[:2])
    assert sorted((e.a, e.b) for e in steps.scan(lexical=True)[0].edges) == fresh("two", paths[:2]) != []
    steps.add(paths[2:])
    five = fresh("five", paths)
    assert sorted((e.a, e.b) for e in steps.scan(lexical=True)[0].edges) == five == []
    steps.delete(["col4"])
    assert steps.scan(lexical=True)[0].edges == [] and fresh("four", paths[:4]) == []
    steps.delete(["col3"])
    three = fresh("three", paths[:3])
    assert sorted((e.a, e.b) for e in steps.scan(lexical=True)[0].edges) == three and len(three) == 3


def test_a_scan_reads_each_articles_boilerplate_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The scan read an article's boilerplate sentences again for every candidate pair it was in (10,000 real
    articles: 9,612 times for 3,374 articles), then once per article; now never: the keys table gives them
    (``feed.dropped_of``), with the same edges."""
    from retold.provenance.boilerplate import Boilerplate

    c = _seed_free_corpus(tmp_path / "s.db")
    read: list[str] = []
    real = Boilerplate.sentences

    def counted(self: Boilerplate, article, outlet):  # type: ignore[no-untyped-def]
        read.append(article.id)
        return real(self, article, outlet)

    monkeypatch.setattr(Boilerplate, "sentences", counted)
    result, _, _ = c.scan(lexical=True)
    assert result.compared >= 3 and read == []
    assert ("01_wire_original", "02_light_edit") in {(e.a, e.b) for e in result.edges}


def test_pairs_are_verified_with_the_pairs_of_their_articles() -> None:
    """In the order of their first article, an article's pairs as the later one lay far apart, so each worker
    read its words again for each (10,000 real articles: 5,600 reads of 3,374 articles' words by two workers in
    chunks of 4; 3,926 in chunks of 16 in this order). Every pair is verified once, in an order that keeps each
    article's pairs together."""
    from retold.provenance.jobs import by_article

    pairs = sorted([(1, 9), (2, 9), (3, 4), (3, 9), (5, 6), (7, 8), (4, 10), (11, 12)])
    order = by_article(pairs)
    assert sorted(order) == pairs and len(set(order)) == len(pairs)
    assert order[:5] == [(1, 9), (2, 9), (3, 9), (3, 4), (4, 10)]  # 9's pairs, then 3's, then 4's
    assert order[5:] == [(5, 6), (7, 8), (11, 12)]  # the pairs of other articles, in the order given
    assert by_article([]) == []


def test_a_verifying_worker_is_warmed_without_the_language_identifier() -> None:
    """A scan's worker compares stored articles, whose language ingest read: warming it with the language
    identifier left py3langid's model (75 MiB) in each worker for nothing. The server's warm-up still loads it."""
    import subprocess
    import sys

    probe = (
        "import sys; from retold.provenance.scan import warm_worker; from retold.pipeline import warm; "
        "from retold.text.language import _identifier; warm_worker(); "
        "print(_identifier.cache_info().currsize, 'retold.align.align' in sys.modules, end=' '); warm(); "
        "print(_identifier.cache_info().currsize)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["0", "True", "1"]


def test_a_verifying_worker_keeps_fewer_sentences_tokens() -> None:
    """A worker meets an article's sentences in a few neighbouring pairs: 16,384 sentences' tokens (21 MiB) were
    ingest's figure; it keeps 4,096, and what it reads is the same."""
    import subprocess
    import sys

    probe = (
        "from retold.fingerprint import shingles; from retold.provenance.scan import warm_worker; "
        "before = shingles.tokens('The union said so.'); warm_worker(); "
        "print(shingles._tokens.cache_info().maxsize, shingles.tokens('The union said so.') == before)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["4096", "True"]


def test_a_worker_that_was_not_warmed_bounds_its_word_caches_with_its_first_jobs() -> None:
    """A pool hands a warm-up to whichever worker is free, so one worker may run both: its first jobs bound the
    word caches as the warm-up does (the 100,000 tier's workers had filled the defaults, 258 MiB against 199), below
    what the 10,000-article scan's worker fills; after each chunk the stems' caches are emptied once either holds
    more than ``WORKER_STEMS`` words, and left alone below that."""
    import subprocess
    import sys

    probe = (
        "from retold.fingerprint import shingles; from retold.align import terms; "
        "from retold.fidelity import _stems; from retold.provenance.jobs import WORKER_STEMS; "
        "from retold.fidelity.entities import index; from retold.provenance.feed import _verify_all; "
        "print(terms.VOCAB_KEPT, index._WORD_KEYS_KEPT, shingles._tokens.cache_info().maxsize, end=' '); "
        "_stems.stem.cache_clear(); _stems.fold.cache_clear(); "
        "few = [_stems.stem(f'w{k}') for k in range(WORKER_STEMS)]; _verify_all([]); "
        "print(_stems.stem.cache_info().currsize, _stems.fold.cache_info().currsize, end=' '); "
        "more = [_stems.stem(f'x{k}') for k in range(10)]; _verify_all([]); "
        "from retold.fidelity.entities import tokens; "
        "print(terms.VOCAB_KEPT, index._WORD_KEYS_KEPT, shingles._tokens.cache_info().maxsize, "
        "_stems.stem.cache_info().currsize, _stems.fold.cache_info().currsize, tokens.RUNS_KEPT, tokens.SEGMENTS_KEPT)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    kept = str(1 << 15)
    assert out == ["524288", "131072", "16384", kept, kept, "32768", "16384", "4096", "0", "0", "1024", "2048"]


def test_word_caches_bounded_to_almost_nothing_give_the_same_edge(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a worker's bounded caches let go is computed again: a pair with a lifted passage and names verified
    with every term id and every word's name keys let go at once gives the edge and evidence of the defaults."""
    from retold.align import terms
    from retold.fidelity.entities import index, tokens
    from retold.provenance.jobs import job_of, side, verify

    lifted = (
        "Harbour officials in Calden said on Monday that the strike by dock workers had ended after nine days. "
        "Maria Okonkwo, who leads the Calden Dockers Union, said members voted 412 to 96 to accept the offer. "
        "The agreement raises wages by 6 percent over two years and limits night shifts. "
        "Shipping lines had diverted 14 vessels to Porthaven during the dispute. "
    )
    a = article_from_text("Dockers end strike\n\n" + lifted + "Port traffic is expected to recover by Friday.", id="a")
    b = article_from_text(
        "Calden port reopens\n\nTrucks lined up outside the gates at dawn. "
        + lifted
        + "Porthaven's mayor, Tomas Lindqvist, said the town was glad to see the ships go home.",
        id="b",
    )
    job = job_of(side(a, set()), side(b, set()))
    assert job is not None
    want = verify(job)
    assert want[0].relation == "partial_reuse"
    assert len(index._WORD_KEYS) > 1 and len(terms._VOCAB) > 1  # the pair filled both caches
    assert len(tokens._RUNS_CACHE) > 2 and len(tokens._SEG_CACHE) > 2
    monkeypatch.setattr(terms, "VOCAB_KEPT", 0)  # every pair starts the term ids over
    monkeypatch.setattr(index, "_WORD_KEYS_KEPT", index._WORD_KEYS_KEPT)  # set back after the test
    monkeypatch.setattr(tokens, "RUNS_KEPT", tokens.RUNS_KEPT)
    monkeypatch.setattr(tokens, "SEGMENTS_KEPT", tokens.SEGMENTS_KEPT)
    index.keep_word_keys(1)  # every word's keys forgotten at the next
    tokens.keep_runs(1, 1)  # every sentence's name runs and their segments too
    terms._article_terms.cache_clear()
    got = verify(job)
    assert got == want
    assert len(index._WORD_KEYS) <= 1
    assert len(tokens._RUNS_CACHE) <= 2 and len(tokens._SEG_CACHE) <= 2


def test_a_scan_reads_through_a_small_page_cache_and_gives_the_writers_back(tmp_path: Path) -> None:
    """A scan's reads pass through tables and articles met a few times each: SQLite's cache is ``SCAN_CACHE_KIB``
    while it runs (a writer's 64 MiB filled up and stayed in the main process), the writer's again after."""
    from retold.provenance import scan as scan_mod

    db = tmp_path / "s.db"
    _seed_free_corpus(db)
    seen: list[int] = []
    with Store(db, write=True) as st:
        before = st.con.execute("PRAGMA cache_size").fetchone()[0]

        def tick(stage: str, *_: object) -> None:
            seen.append(st.con.execute("PRAGMA cache_size").fetchone()[0])

        result = scan_mod.scan(st, lexical=True, progress=tick)
        after = st.con.execute("PRAGMA cache_size").fetchone()[0]
    assert result.edges and seen
    assert set(seen) <= {-scan_mod.SCAN_CACHE_KIB, -reading.PASSING_CACHE_KIB}
    assert -scan_mod.SCAN_CACHE_KIB in seen
    assert after == before != -scan_mod.SCAN_CACHE_KIB


def test_a_scan_keeps_only_the_edges_and_the_dates_of_their_articles(tmp_path: Path) -> None:
    """The scan's last step reads its reuse edges one at a time (``Store.each_edge``: each edge's parsed evidence
    is let go, not held for all of them at once) and the publication times of their articles alone (it read every
    stored article's): the same edges and stories as the whole list gives."""
    from retold.provenance.jobs import REUSE
    from retold.provenance.scan import reuse_edges

    c = _seed_free_corpus(tmp_path / "s.db")
    result, _, _ = c.scan(lexical=True)
    with Store(tmp_path / "s.db") as st:
        lazy = st.each_edge(result.mode, REUSE)
        assert iter(lazy) is lazy  # a generator, not a list
        assert [e.edge for e in st.each_edge(result.mode)] == [e.edge for e in st.edges(result.mode)]
        edges, published = reuse_edges(st, result.mode, st.info(), Settings())
        info = st.info()
    in_edges = {x for e in edges for x in (e.a, e.b)}
    assert set(published) == in_edges and len(in_edges) < len(info)
    assert sorted(edges, key=lambda e: (-e.score, e.a, e.b)) == result.edges
    assert build_stories(edges, published) == result.stories


def test_the_pairs_checked_before_are_held_as_codes(tmp_path: Path) -> None:
    """A scan reads the pairs an earlier scan checked as an array (``Store.checked_pairs``, 16 bytes a pair while
    read, 8 as codes) instead of a set of tuples (162 bytes a pair): the same pairs, and the same left to
    check."""
    from retold.provenance.pair_table import codes_of, encode, pairs_of, unchecked

    c = _seed_free_corpus(tmp_path / "s.db")
    result, _, _ = c.scan(lexical=True)
    with Store(tmp_path / "s.db") as st:
        q = "SELECT a, b FROM edges WHERE mode = ?"
        stored = [(min(a, b), max(a, b)) for a, b in st.con.execute(q, (result.mode,))]
        every = set(stored)
        rows = sorted({r for p in every for r in p})[:2]
        for asked in (None, rows):
            want = {p for p in stored if asked is None or p[0] in asked or p[1] in asked}
            done = codes_of(st.checked_pairs(result.mode, asked))
            assert set(pairs_of(done)) == want and list(done) == sorted(set(done.tolist()))
    done = codes_of(np.array(sorted(every)).reshape(-1, 2))
    lo, hi = np.array([a for a, _ in every] + [90, 91]), np.array([b for _, b in every] + [95, 96])
    codes = np.sort(encode(lo, hi))
    assert set(pairs_of(unchecked(codes, done))) == {(90, 95), (91, 96)}
    assert len(every) >= 2 and unchecked(codes, done[:0]) is codes
