"""A few sentences lifted into a long article on another subject are reuse, and the source is named; the
shared-run rule (``align.passage``) sees a lift cut in mid-sentence, not a phrase repeated inside one sentence."""

from __future__ import annotations

import numpy as np
import pytest

from retold import compare
from retold.align.passage import shared_run
from retold.align.verdict import PASSAGE_RUN_WORDS
from retold.ingest import article_from_text

# Both articles are written for this test (fictional places and people).
BRIDGE = [
    "Engineers will close the Varden harbour bridge for six weeks from Monday to replace its worn steel cables.",
    "The bridge carries about 18,000 vehicles a day between the port and the old town.",
    "Inspectors found corrosion in three of the twelve main cables during a routine survey in March.",
    "The port authority said the repair would cost 4.2 million euros and would be paid from its maintenance fund.",
    "Buses will be diverted over the northern ring road, adding about twenty minutes to the journey.",
    "A temporary ferry for cyclists and pedestrians will run every quarter of an hour during the day.",
    "Shop owners in the old town fear that the closure will keep visitors away in the busiest season.",
    "The authority's chief engineer, Mara Lindqvist, said the cables had outlived their design life by a decade.",
    "Work crews will lift the new cables into place with a floating crane brought from the shipyard at Osterby.",
    "The bridge is due to reopen on the first weekend of August if the weather allows.",
    "It was built in 1968 and last had its cables checked in full twenty years ago.",
    "Since then the number of lorries using it has nearly doubled, the authority's figures show.",
    "Lindqvist said the new cables were made of a coated steel that resists salt spray far better.",
    "The city council has asked the authority to keep the ferry running at night for shift workers.",
    "A decision on the night service is expected at the council's next meeting on Thursday.",
    "Residents can follow the progress of the work on a webcam mounted on the harbour master's office.",
    "The authority plans to repaint the bridge in its original green once the cables are in place.",
]
FESTIVAL = [
    "The Kessel primary school held its first summer festival in five years on Saturday.",
    "More than four hundred parents, pupils and neighbours came to the school's playing field.",
    "Children from every class performed songs they had practised since Easter.",
    "The youngest pupils opened the afternoon with a dance about the four seasons.",
    "A group of fathers ran a barbecue that sold out of sausages within two hours.",
    "The head teacher, Jonas Brell, thanked the volunteers who had painted the stage.",
    "Money raised from the raffle will pay for new books for the school library.",
    "Local firms donated the prizes, among them a bicycle and a weekend in a mountain cabin.",
    "The festival ended with a tug of war between the teachers and the oldest pupils.",
    "The pupils won for the second time in a row, to loud cheers from the crowd.",
    "Several parents asked the school to make the festival a yearly event again.",
    "The school board will decide in the autumn whether to hold another one next summer.",
    "Mr Brell said the day had shown how much the neighbourhood cared about its school.",
    "Cleaning up the field took the volunteers until late in the evening.",
]
LIFTED = BRIDGE[1:5]  # four running sentences


def _articles() -> tuple[object, object]:
    source = article_from_text(" ".join(BRIDGE), id="bridge")
    copy_sentences = FESTIVAL[:7] + LIFTED + FESTIVAL[7:]
    copier = article_from_text(" ".join(copy_sentences), id="festival")
    return source, copier


@pytest.mark.parametrize("lexical", [True, False])
@pytest.mark.parametrize("swap", [False, True])
def test_a_lifted_passage_is_partial_reuse_from_its_source(lexical: bool, swap: bool) -> None:
    source, copier = _articles()
    a, b = (copier, source) if swap else (source, copier)
    c = compare(a, b, lexical=lexical)  # type: ignore[arg-type]
    assert c.verdict.relation == "partial_reuse"
    lifted = {m.b[0] if swap else m.a[0] for m in c.matches if m.label == "verbatim"}
    assert lifted == {1, 2, 3, 4}
    assert c.verdict.direction == ("b_to_a" if swap else "a_to_b"), c.verdict.reasons


@pytest.mark.parametrize("swap", [False, True])
def test_a_lifted_passage_is_explained_by_where_it_fits(swap: bool) -> None:
    """The passage model's reasons speak of the passage's neighbours, not of the longer article's many
    unmatched sentences (which mostly say which article is longer)."""
    source, copier = _articles()
    a, b = (copier, source) if swap else (source, copier)
    c = compare(a, b, lexical=True)  # type: ignore[arg-type]
    assert c.verdict.direction == ("b_to_a" if swap else "a_to_b")
    assert any("carry on their story" in r for r in c.verdict.reasons), c.verdict.reasons
    assert not any("unmatched sentences" in r for r in c.verdict.reasons), c.verdict.reasons


def test_two_shared_sentences_stay_same_story() -> None:
    """Independent reports may share a quote or a sentence; two are not yet a passage."""
    source = article_from_text(" ".join(BRIDGE), id="bridge")
    other = article_from_text(" ".join(FESTIVAL[:7] + BRIDGE[1:3] + FESTIVAL[7:]), id="festival")
    assert compare(source, other, lexical=True).verdict.relation == "same_story"


def test_a_verbatim_pair_takes_no_neighbour_as_a_split() -> None:
    """A sentence before a lifted passage, on its topic, must not be merged into the passage's first copy."""
    from retold.align.align import LEXICAL_THRESHOLDS, align

    link = np.array([[0.5, 0.1], [1.0, 0.2], [0.1, 0.9]], dtype=np.float32)  # A0 resembles B0, A1 is B0
    exact = np.zeros_like(link, dtype=bool)
    exact[1, 0] = True
    groups = align(link, LEXICAL_THRESHOLDS, exact=exact)
    assert {(tuple(sorted(g.a)), tuple(sorted(g.b))) for g in groups} >= {((1,), (0,))}
    without = align(link, LEXICAL_THRESHOLDS)  # a true split of B0 into A0 + A1 still joins
    assert any(g.a == {0, 1} for g in without)


# The end of BRIDGE[1], BRIDGE[2] and BRIDGE[3] whole, the start of BRIDGE[4]: cut at word offsets, the
# way PAN13 builds its cases, so only two sentences survive whole on both sides.
CUT = " ".join(BRIDGE[1].split()[5:]) + " " + BRIDGE[2] + " " + BRIDGE[3] + " " + " ".join(BRIDGE[4].split()[:9])


def test_a_passage_cut_in_mid_sentence_is_reuse() -> None:
    source = article_from_text(" ".join(BRIDGE), id="bridge")
    text = " ".join(FESTIVAL[:6]) + " " + FESTIVAL[6].rstrip(".") + " and " + CUT + " " + " ".join(FESTIVAL[7:])
    copier = article_from_text(text, id="festival")
    run = shared_run(source, copier)
    assert PASSAGE_RUN_WORDS <= len(CUT.split()) <= run <= len(CUT.split()) + 1  # "4.2" is two words
    c = compare(source, copier, lexical=True)
    assert sum(m.label == "verbatim" for m in c.matches) <= 2  # the sentence labels alone see two shared sentences
    assert c.verdict.relation == "partial_reuse"


def test_two_whole_sentences_are_too_short_a_run() -> None:
    source = article_from_text(" ".join(BRIDGE), id="bridge")
    other = article_from_text(" ".join(FESTIVAL[:7] + BRIDGE[1:3] + FESTIVAL[7:]), id="festival")
    assert 0 < shared_run(source, other) < PASSAGE_RUN_WORDS


def test_a_phrase_repeated_inside_one_sentence_is_no_passage() -> None:
    """A name card (an outlet's hover text) repeated inside one sentence of each article crosses no boundary."""
    card = " ".join(w for s in FESTIVAL[2:6] for w in s.rstrip(".").split())
    assert len(card.split()) >= PASSAGE_RUN_WORDS
    a = article_from_text(f"{BRIDGE[0]} Jonas Brell {card} said the bridge would close. {BRIDGE[5]}", id="a")
    b = article_from_text(f"{FESTIVAL[0]} Jonas Brell {card} thanked the volunteers. {FESTIVAL[1]}", id="b")
    assert shared_run(a, b) == 0


def test_no_shared_words_no_run() -> None:
    a = article_from_text(" ".join(BRIDGE), id="a")
    b = article_from_text(" ".join(FESTIVAL), id="b")
    assert shared_run(a, b) == 0
    assert shared_run(a, article_from_text("Short.", id="c")) == 0


@pytest.mark.parametrize("lexical", [True, False])
@pytest.mark.parametrize("swap", [False, True])
def test_a_short_article_taken_whole_into_a_long_one_is_the_source(lexical: bool, swap: bool) -> None:
    # the long article has many sentences of its own, the short one none: the sentences around the taken
    # text tell another story, so the long one took it in (not the short one a summary of the long one)
    short = article_from_text(" ".join(LIFTED), id="short")
    _, copier = _articles()
    a, b = (copier, short) if swap else (short, copier)
    c = compare(a, b, lexical=lexical)  # type: ignore[arg-type]
    assert c.verdict.relation in ("partial_reuse", "rewrite"), c.verdict
    assert c.verdict.direction == ("b_to_a" if swap else "a_to_b"), c.verdict.reasons


@pytest.mark.parametrize("lexical", [True, False])
def test_a_passage_verdict_is_the_same_with_flags_or_without(lexical: bool) -> None:
    """A lifted passage is read by the passage model, which weighs neither the names, numbers and quotes one
    side lacks nor (in --lexical) the unmatched sentences: the scan's direction-only comparison skips them,
    and must decide exactly as the full comparison, which reads them all."""
    source, copier = _articles()
    for a, b in ((source, copier), (copier, source)):
        full = compare(a, b, lexical=lexical)
        bare = compare(a, b, lexical=lexical, flags=False)
        assert full.verdict.relation == "partial_reuse"
        assert bare.verdict == full.verdict
        assert [(m.a, m.b, m.label) for m in bare.matches] == [(m.a, m.b, m.label) for m in full.matches]


def test_an_articles_running_text_is_read_once_for_all_its_pairs() -> None:
    """A scan worker read an article's running text again for each of its pairs (65% of the articles'
    appearances in a 10,000-article scan are repeats); it is kept, read only, and each pair gets the same run."""
    from retold.align.passage import _running

    lift = " ".join(BRIDGE[2:5])
    a = article_from_text(" ".join(BRIDGE), id="a")
    b = article_from_text("The city opened a new library on Tuesday. " + lift + " Readers queued outside.", id="b")
    c = article_from_text("A storm closed the port for a day. " + lift, id="c")
    _running.cache_clear()
    first = shared_run(a, b), shared_run(a, c), shared_run(b, c)
    assert _running.cache_info().misses == 3 and _running.cache_info().hits == 3
    grams, _, ordered = _running(tuple(s.norm for s in a.sentences))
    assert not grams.flags.writeable and not ordered.flags.writeable
    _running.cache_clear()
    assert (shared_run(a, b), shared_run(a, c), shared_run(b, c)) == first and min(first) >= 3 * 10
