"""Which article came first: dates, credits, and the asymmetry of what each side lacks."""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

from retold import compare
from retold.fidelity import analyse, decide_direction
from retold.fidelity.direction import CREDIT_CONFIDENCE, MAX_CONFIDENCE
from retold.ingest import article_from_text, read_article
from retold.ingest.dates import parse_date
from retold.model import Article, Direction, Match

SOURCE = (
    "Harbour bridge to close for repairs\n\n"
    "The Harbour Bridge in Leeds will close on 3 March for six weeks of repairs, the city council said on Monday. "
    '"The Harbour Bridge carries 40,000 cars a day and its steel is tired," said council engineer Anna Berg. '
    "Buses will use the Kirkstall crossing while the Harbour Bridge is closed for repairs. "
    "The council expects the repairs to cost £12 million."
)
RETELLING = (
    "The bridge in the city will shut for repairs, the council said. "
    "The work will take several weeks and cost about £12 million. "
    "Meanwhile, ticket prices at the city's football ground rise next season. "
    "The club blamed higher energy bills for the increase."
)
MATCHES = [Match((0, 1), (0,), "paraphrase", 0.7), Match((4,), (1,), "paraphrase", 0.7)]


def articles() -> tuple[Article, Article]:
    return article_from_text(SOURCE, id="a"), article_from_text(RETELLING, id="b")


def direction(
    a: Article, b: Article, ms: list[Match], only_a: tuple[int, ...], only_b: tuple[int, ...]
) -> tuple[Direction, float, tuple[str, ...]]:
    return decide_direction(a, b, ms, only_a, only_b, analyse(a, b, ms, only_a, only_b))


def swap(ms: list[Match]) -> list[Match]:
    return [Match(m.b, m.a, m.label, m.score) for m in ms]


def test_the_text_with_the_specifics_is_the_source_both_ways() -> None:
    a, b = articles()
    d, conf, reasons = direction(a, b, MATCHES, (2, 3), (2, 3))
    assert d == "a_to_b" and conf >= 0.8, reasons
    d2, conf2, _ = direction(b, a, swap(MATCHES), (2, 3), (2, 3))
    assert d2 == "b_to_a" and conf2 == conf


def test_dates_decide() -> None:
    a, b = articles()
    a = replace(a, published="2024-03-01T10:00:00+00:00")
    b = replace(b, published="Fri, 01 Mar 2024 12:00:00 +0000")
    d, conf, reasons = direction(a, b, MATCHES, (2, 3), (2, 3))
    assert (d, conf) == ("a_to_b", 0.9) and reasons[0] == "A was published first"
    assert parse_date("not a date") is None and parse_date("2024-03-01") is not None


def test_a_credit_naming_the_other_outlet() -> None:
    a = article_from_text(
        "The council will close the Harbour Bridge on Friday for repairs.", id="a", source="Valley Times"
    )
    b = article_from_text("The council will shut the Harbour Bridge on Friday, the Valley Times reported.", id="b")
    ms = [Match((0,), (0,), "paraphrase", 0.8)]
    d, conf, reasons = direction(a, b, ms, (), ())
    assert d == "a_to_b" and conf >= 0.8 and "B credits A's outlet" in reasons[0]
    assert MAX_CONFIDENCE < conf <= CREDIT_CONFIDENCE  # the credit may claim more than the text alone
    d2, _, _ = direction(b, a, ms, (), ())
    assert d2 == "b_to_a"


def test_a_credit_saying_the_other_outlet_reported_first() -> None:
    """ "The AP first reported ..." and "as first reported by the AP" were no credits: the direction missed that B
    credits A's outlet (attribution.first_to_report)."""
    a = article_from_text(
        "The council will close the Harbour Bridge on Friday for repairs.", id="a", source="Associated Press"
    )
    for text in (
        "The AP first reported on Monday that the council will shut the Harbour Bridge on Friday.",
        "The council will shut the Harbour Bridge on Friday, as first reported by the AP.",
        "The AP was first to report that the council will shut the Harbour Bridge on Friday.",
    ):
        b = article_from_text(text, id="b")
        d, _, reasons = direction(a, b, [Match((0,), (0,), "paraphrase", 0.8)], (), ())
        assert d == "a_to_b" and reasons[0].lower().startswith("b credits a's outlet (the ap)"), (text, reasons)


def test_a_credit_naming_the_outlet_of_the_other_articles_web_host() -> None:
    """The outlet of a URL is its host's last label that is not generic (``ingest.outlets.host_label``): the
    direction's own list lacked "fr", so www.liberation.fr was the outlet "fr" and the credit went unseen."""
    a = article_from_text(
        "The council will close the Harbour Bridge on Friday for repairs.",
        id="a",
        url="https://www.liberation.fr/politique/2024/pont",
    )
    b = article_from_text("The council will shut the Harbour Bridge on Friday, Liberation reported.", id="b")
    d, _, reasons = direction(a, b, [Match((0,), (0,), "paraphrase", 0.8)], (), ())
    assert d == "a_to_b" and "B credits A's outlet (Liberation)" in reasons[0]


def test_two_articles_of_one_outlet_naming_it_tell_no_direction() -> None:
    """Both Politico's: "B credits A's outlet (POLITICO's)" was read as B taking from A."""
    a = article_from_text(
        "The council will close the Harbour Bridge on Friday for repairs.", id="a", source="Valley Times"
    )
    b = article_from_text(
        "The council will shut the Harbour Bridge on Friday, the Valley Times reported.", id="b", source="Valley Times"
    )
    _, _, reasons = direction(a, b, [Match((0,), (0,), "paraphrase", 0.8)], (), ())
    assert not any("credits" in r for r in reasons), reasons


def test_text_evidence_alone_claims_no_more_than_it_measured() -> None:
    """A whole retelling's calls from the text evidence were right about 0.8-0.92 of the time (Clough, WMT19): never
    0.95 (a lifted passage's, read by the passage model, may: test_fidelity_calibration)."""
    a, b = articles()
    big = [*MATCHES, Match((2,), (2,), "paraphrase", 0.7)]
    for ms, only_a, only_b in ((MATCHES, (2, 3), (2, 3)), (big, (3,), (3,))):
        d, conf, _ = direction(a, b, ms, only_a, only_b)
        assert d == "a_to_b" and 0.5 < conf <= MAX_CONFIDENCE < CREDIT_CONFIDENCE


def test_common_source() -> None:
    a = article_from_text(
        "LEEDS (Reuters) - The Harbour Bridge will close on 3 March for repairs costing £12 million, said Anna Berg.",
        id="a",
    )
    b = article_from_text(
        "LEEDS (Reuters) - The Harbour Bridge will close for six weeks of repairs, the Kirkstall Trust said.",
        id="b",
    )
    ms = [Match((0,), (0,), "paraphrase", 0.8)]
    d, conf, reasons = direction(a, b, ms, (), ())
    assert d == "common_source" and conf >= 0.5, reasons
    assert direction(b, a, ms, (), ())[0] == "common_source"


def test_nothing_to_go_on() -> None:
    a = article_from_text("The council will close the bridge for repairs.", id="a")
    b = article_from_text("The council will close the bridge for repairs.", id="b")
    ms = [Match((0,), (0,), "verbatim", 1.0)]
    assert direction(a, b, ms, (), ())[:2] == ("undetermined", 0.0)
    assert decide_direction(a, b, [], (0,), (0,), [])[0] == "undetermined"


def test_unmatched_material_weighs_by_how_much_it_shares_with_the_story() -> None:
    from retold.fidelity.direction import direction_model, evidence
    from retold.fidelity.direction_score import sentence_llr, topic

    a, b = articles()
    ev = evidence(a, b, MATCHES, (2, 3), (2, 3), [])
    model = direction_model("lexical")
    # A's unmatched sentences (the Kirkstall crossing, the engineer's quote) share the bridge story's words;
    # B's (football ticket prices) share none of them
    assert (sentence_llr(ev.unmatched_a.rows, model) < 0).all()
    assert (sentence_llr(ev.unmatched_b.rows, model) > 0).all()
    assert topic(ev, model) > 0
    back = evidence(b, a, swap(MATCHES), (2, 3), (2, 3), [])
    assert topic(back, model) == -topic(ev, model)


def test_model_mode_uses_the_sentence_vectors() -> None:
    from retold.embed import get_encoder
    from retold.fidelity.direction import direction_model, evidence

    a, b = articles()
    enc = get_encoder(None)
    vecs = (enc.encode([s.norm for s in a.sentences]), enc.encode([s.norm for s in b.sentences]))
    ev = evidence(a, b, MATCHES, (2, 3), (2, 3), [], vecs)
    n_features = len(direction_model("model").features)
    assert ev.mode == "model" and ev.unmatched_b.rows.shape == (2, n_features)
    d, conf, _ = decide_direction(a, b, MATCHES, (2, 3), (2, 3), [], vecs)
    assert d == "a_to_b" and conf >= 0.8


def test_a_piece_of_a_split_sentence_weighs_less_than_a_detail() -> None:
    """B split A's first sentence and the alignment matched only one half: the other half is no material of
    B's own, so it must not count as a detail A left out the way A's unmatched bus sentence does."""
    from retold.fidelity.direction import direction_model, evidence
    from retold.fidelity.direction_score import class_probabilities, sentence_llr

    a = article_from_text(
        "The Harbour Bridge in Leeds will close on 3 March for six weeks of repairs, the city council said on "
        "Monday. Buses will use the Kirkstall crossing while the bridge is closed. The council expects the "
        "repairs to cost 12 million pounds.",
        id="a",
    )
    b = article_from_text(
        "The Harbour Bridge in Leeds will shut for repairs, the city council said on Monday. The repairs will "
        "keep it closed for six weeks from 3 March. The council expects the repairs to cost 12 million pounds. "
        "Meanwhile, ticket prices at the football ground rise next season.",
        id="b",
    )
    ms = [Match((0,), (0,), "paraphrase", 0.8), Match((2,), (2,), "verbatim", 1.0)]
    ev = evidence(a, b, ms, (1,), (1, 3), [])
    model = direction_model("lexical")
    detail = sentence_llr(ev.unmatched_a.rows, model)[0]
    piece, inserted = sentence_llr(ev.unmatched_b.rows, model)
    assert class_probabilities(ev.unmatched_b.rows, model).argmax(axis=1).tolist() == [2, 1]
    assert detail < 0 < inserted and abs(piece) < abs(detail)
    # the paraphrased first sentence reads plainer in B; swapped, the same evidence points the other way
    back = evidence(b, a, swap(ms), (1, 3), (1,), [])
    assert ev.plainer == -back.plainer != 0


def test_lines_from_another_story_bring_names_of_their_own() -> None:
    """A line brought in from another story names people and places neither article has elsewhere; a detail
    of the shared story names the story's own; in German a lone capitalised word counts when the tagger reads
    it as a name ("Neapel"), not when it is a noun ("Gruppenphase")."""
    from retold.fidelity._shared import doc_for
    from retold.fidelity.entities import unfamiliar_names

    a, _ = articles()
    b2 = article_from_text(RETELLING + " Coach Maria Lund of Hull Rovers said prices in Sheffield rose too.", id="b2")
    da, db = doc_for(a), doc_for(b2)
    assert unfamiliar_names(db, 4, da, [0, 1, 2, 3]) == 3  # Maria Lund, Hull Rovers, Sheffield
    assert unfamiliar_names(da, 2, db, [0, 1, 3, 4]) == 1  # Kirkstall (the Harbour Bridge is named elsewhere)
    de_a = doc_for(
        article_from_text("Das Team gewann am Sonntag in Rom. Der Trainer war zufrieden.", id="a", language="de")
    )
    de_b = doc_for(
        article_from_text(
            "Das Team siegte am Sonntag in Rom. Am Mittwoch spielt Liverpool in der Gruppenphase gegen Neapel.",
            id="b",
            language="de",
        )
    )
    assert unfamiliar_names(de_b, 1, de_a, [0]) == 2  # Liverpool, Neapel


def test_a_decided_direction_always_says_why() -> None:
    """One sentence that reads plainer on one side weighs enough to decide (about 0.6): its reason is given,
    not held back below a count of two, so no direction is named without a reason."""
    a = article_from_text(
        "Firm to hire staff\n\nThe firm plans to hire 1m more workers by 2030, its chief executive said on Tuesday.\n"
        "The hiring will start in Ohio.",
        id="a",
    )
    b = article_from_text(
        "Firm to hire staff\n\nThe firm plans to hire one million more workers by 2030, its chief executive said on"
        " Tuesday.\nThe hiring will start in Ohio.",
        id="b",
    )
    ms = [Match((i,), (i,), "edited", 0.9) for i in range(3)]
    d, conf, reasons = direction(a, b, ms, (), ())
    assert d in ("a_to_b", "b_to_a") and conf < 0.7
    assert any("read plainer" in r and "1 more pair " in r for r in reasons), reasons


def test_a_direction_the_passages_fit_decides_says_so(examples_dir: Path) -> None:
    """The lexical passage model weighs only where the shared passages fit (``coherence``): a difference of
    a point or two there names a direction (05 and 03 of the examples: 17% against 19%, at 0.55), and its
    reason was held back below a fixed five points, so such a call came with no reason at all."""
    arts = [read_article(str(p)) for p in sorted(examples_dir.glob("0*.txt")) if not p.name.startswith("06")]
    called = 0
    for a, b in itertools.permutations(arts, 2):
        v = compare(a, b, lexical=True).verdict
        if v.direction in ("a_to_b", "b_to_a") and not any("published first" in r for r in v.reasons):
            called += 1
            assert v.reasons, (a.id, b.id, v)
    assert called  # the examples carry no dates: every call is the text's


def test_a_credit_to_the_wire_whose_dateline_opens_the_other_article() -> None:
    """A newspaper's copy of a wire story opens with the wire's dateline ("WASHINGTON (AP) -"); a piece that credits
    that wire ("The Associated Press contributed to this report", "Reuters reported") built on its story, of which
    the dated copy is the text: the dateline's copy is the source. Read as an unrelated credit (the copy's outlet
    is the Washington Times), the Fox retelling of an AP story was taken as the source (flag audits 16, 21-24)."""
    ms = [Match((0,), (0,), "paraphrase", 0.8)]
    for wire, text in (
        ("AP", "The council will shut the bridge on Friday.\n\nThe Associated Press contributed to this report."),
        ("Reuters", "The council will shut the Harbour Bridge on Friday, Reuters reported."),
    ):
        a = article_from_text(
            f"WASHINGTON ({wire}) - The council will close the Harbour Bridge on Friday for six weeks of repairs.",
            id="a",
            source="Washington Times",
        )
        b = article_from_text(text, id="b", source="Fox News")
        d, conf, reasons = direction(a, b, ms, (), ())
        assert d == "a_to_b" and MAX_CONFIDENCE < conf <= CREDIT_CONFIDENCE, (text, reasons)
        assert reasons[0] == f"B credits the wire whose dateline opens A ({wire}): A carries the wire's story"
        assert direction(b, a, ms, (), ())[0] == "b_to_a"
    # a copy of the same wire (its dateline, or the wire itself) credits no one: a common source, or one outlet
    a = article_from_text("WASHINGTON (AP) - The council will close the Harbour Bridge on Friday.", id="a")
    for b in (
        article_from_text("WASHINGTON (AP) - The council will shut it.\n\nAP contributed to this report.", id="b"),
        article_from_text("The council will shut the bridge, the AP reported.", id="b", source="Associated Press"),
    ):
        assert not any("wire whose dateline" in r for r in direction(a, b, ms, (), ())[2])


def test_a_credit_to_the_other_decides_against_the_text() -> None:
    """A copier adds reporting of its own, which the text evidence (read on retellings, where the source holds more
    details) takes for the source's: the Fox piece crediting the AP story it retold outweighed the credit's set
    weight. A credit decides as a date does, at a lower confidence when the text points the other way."""
    wire = article_from_text(RETELLING, id="a", source="Valley Times")
    credited = SOURCE.replace("said on Monday.", "said on Monday, the Valley Times reported.")
    own = article_from_text(credited, id="b", source="Fox News")
    ms = [Match((0,), (0, 1), "paraphrase", 0.7), Match((1,), (4,), "paraphrase", 0.7)]
    d, conf, reasons = direction(wire, own, ms, (2, 3), (2, 3))
    assert (d, conf) == ("a_to_b", 0.7) and "the text evidence points the other way" in reasons, reasons
    assert direction(own, wire, swap(ms), (2, 3), (2, 3))[:2] == ("b_to_a", 0.7)


def test_the_direction_reads_only_what_the_pair_model_weighs() -> None:
    """A whole retelling's model weighs no neighbour fit, a passage's no plainer sentences: ``decide`` reads neither
    where it is not weighed, and scores and says the same as from the evidence read in full."""
    from retold.fidelity.direction import direction_model, evidence
    from retold.fidelity.direction_score import score

    a, b = articles()
    full = evidence(a, b, MATCHES, (2, 3), (2, 3), [], fits=True)
    pm = full.pair_model()
    assert "coherence" not in pm.features and full.fit_a is not None and full.plainer
    lean = evidence(a, b, MATCHES, (2, 3), (2, 3), [], fits=False, plain=False)
    assert lean.fit_a is None and lean.fit_b is None and lean.plainer == 0.0
    kept = evidence(a, b, MATCHES, (2, 3), (2, 3), [], fits=False, plain="plainer" in pm.features)
    assert score(kept) == score(full) and direction_model("lexical").pair_for(kept.shared_share) is pm
    assert direction(a, b, MATCHES, (2, 3), (2, 3))[0] == "a_to_b"


def test_weighed_without_the_specifics_reads_no_figures_of_a_closer_match() -> None:
    """Without the names, numbers and quotes (a lifted passage's model), the direction reads only the credits of the
    matches kept, and two reports drop a match from them only where it is related: the figures of a closer match
    are not read (the figures' extraction was most of the cost of that reading)."""
    from retold.fidelity import _shared, analyse

    a, b = articles()
    flags = analyse(a, b, MATCHES, (2, 3), (2, 3), weighed_only=True, specifics=False)
    assert not any(f.kind.startswith(("number", "entity", "quote")) for f in flags)
    assert "per_sentence:numbers" not in _shared.doc_for(a).cache
    analyse(a, b, MATCHES, (2, 3), (2, 3), weighed_only=True)
    assert _shared.doc_for(a).cache["per_sentence:numbers"]
