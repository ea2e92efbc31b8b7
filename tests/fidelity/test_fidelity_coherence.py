"""A lifted passage fits the article it was written for: the sentences around it there carry on its story."""

from __future__ import annotations

import pytest

from retold.fidelity._shared import doc_for
from retold.fidelity.coherence import copied, is_piece, neighbour_fit, oriented
from retold.ingest import article_from_text
from retold.model import Match

# Written for this test (fictional places and people).
STORM = [
    "A storm flooded the lower town of Aldmoor on Sunday night after the river Wend burst its banks.",
    "The river Wend rose two metres in six hours after heavy rain in the hills above Aldmoor.",
    "Firefighters pumped water from forty flooded cellars in the lower town until Monday morning.",
    "The mayor of Aldmoor said the river defences had held in the upper town.",
    "Engineers will inspect the damaged river wall in the lower town this week.",
]
MARKET = [
    "The farmers' market in Pellby moves to the cattle hall from next month.",
    "Stall holders had asked for a roof after a wet spring kept shoppers away.",
    "The cattle hall has room for sixty stalls and parking for two hundred cars.",
    "Cheese makers and bakers from the valley will keep their places near the entrance.",
]


def _docs() -> tuple[object, object, set[int], set[int]]:
    source = doc_for(article_from_text(" ".join(STORM), id="storm"))
    copier = doc_for(article_from_text(" ".join(MARKET[:2] + STORM[1:3] + MARKET[2:]), id="market"))
    return source, copier, {1, 2}, {2, 3}


def test_the_neighbours_of_a_passage_continue_it_in_its_source_only() -> None:
    source, copier, in_source, in_copier = _docs()
    fit_source = neighbour_fit(source, in_source)  # type: ignore[arg-type]
    fit_copier = neighbour_fit(copier, in_copier)  # type: ignore[arg-type]
    assert fit_source is not None and fit_copier is not None
    assert fit_source >= 0.3 > fit_copier, (fit_source, fit_copier)


def test_a_side_shared_throughout_has_no_neighbours() -> None:
    source, _, _, _ = _docs()
    assert neighbour_fit(source, set(range(len(STORM)))) is None  # type: ignore[arg-type]


# A longer storm report whose passage (sentences 6-7) sits inside its story, and a market report that took the
# passage with reworded pieces of the sentences around it (the obfuscation an alignment leaves unmatched).
STORM_LONG = [
    "Heavy rain fell on the hills above Aldmoor for most of Saturday.",
    "Forecasters had warned farmers in the valley to move their sheep to higher fields.",
    "By Sunday evening the river was running fast past the upper town of Aldmoor.",
    "Residents of the lower town carried furniture out of their cellars before dark.",
    "The river Wend burst its banks at the quay shortly before midnight.",
    "Water poured into the streets of the lower town within minutes.",
    "Firefighters pumped water from forty flooded cellars in the lower town until Monday morning.",
    "The mayor of Aldmoor said the river defences had held in the upper town.",
    "Engineers will inspect the damaged river wall this week.",
    "The council has opened a fund for families whose cellars were flooded.",
    "On Monday morning the mayor thanked the firefighters who had pumped the cellars.",
    "The upper town kept its water supply while the lower town went without.",
]
MARKET_LONG = [
    *MARKET,
    "Pellby's market has run every Saturday since the railway reached the town.",
    "Traders will pay the same rent for a stall as they did in the square.",
    "The square will be repaved over the summer and reopened for concerts.",
    "A shuttle bus will run from the station to the hall on market days.",
]
REWORDED = [
    "Shortly before midnight the Wend burst its banks in the lower town of Aldmoor.",
    "Within minutes water poured into the lower town's cellars and streets.",
    "Engineers are to inspect the river wall of Aldmoor, damaged by the Wend, this week.",
    "A fund is open from the council for Aldmoor families with flooded cellars.",
]
TAKEN = MARKET_LONG[:4] + REWORDED[:2] + STORM_LONG[6:8] + REWORDED[2:] + MARKET_LONG[4:]


def test_the_story_around_a_passage_is_read_beyond_its_reworded_edges() -> None:
    """The copier's sentences next to the passage are reworded pieces of it and fit it better than the source's:
    only the sentences farther out tell which story the passage belongs to."""
    source = doc_for(article_from_text(" ".join(STORM_LONG), id="storm"))
    copier = doc_for(article_from_text(" ".join(TAKEN), id="market"))
    fit_source, fit_copier = neighbour_fit(source, {6, 7}), neighbour_fit(copier, {6, 7})
    assert fit_source is not None and fit_copier is not None
    assert fit_source > fit_copier, (fit_source, fit_copier)


@pytest.mark.parametrize(
    ("fit_a", "fit_b", "tau", "want"),
    [(0.5, 0.2, 0.3, 0.3), (None, 0.2, 0.3, 0.1), (0.5, None, 0.3, 0.2), (None, None, 0.3, 0.0)],
)
def test_a_side_without_neighbours_stands_at_tau(
    fit_a: float | None, fit_b: float | None, tau: float, want: float
) -> None:
    assert oriented(fit_a, fit_b, tau) == pytest.approx(want)


# A short flood notice (six sentences) and a long parish newsletter that took two of them (a passage of the notice)
# and tells the flood in its own words around them and elsewhere: the alignment pairs the notice's other four
# sentences with the newsletter's own flood sentences as ``related`` (the same subject, no shared text).
NOTICE = [
    "The river Wend burst its banks at Aldmoor quay on Sunday night.",
    "Forty cellars in the lower town of Aldmoor were flooded by Monday morning.",
    "Firefighters pumped water from the cellars of the lower town until dawn.",
    "The mayor of Aldmoor said the river wall at the quay would be rebuilt.",
    "Families whose cellars were flooded can ask the council for help with repairs.",
    "The council will meet the mayor on Friday to agree the cost of the river wall.",
]
NEWSLETTER = [
    "The choir will sing carols in the church porch on Christmas Eve.",
    "New hymn books have arrived and will be blessed at the morning service.",
    "The bell ringers are looking for two more people to join them on Thursdays.",
    "The roof fund has reached half of its target after the autumn fair.",
    "Several of our neighbours in the lower town spent Sunday night bailing out their homes.",
    "The water came up so fast that some had no time to move their furniture upstairs.",
    *NOTICE[2:4],
    "Please check on elderly neighbours whose cellars may still be damp.",
    "A river flood on the Wend tore through the quay at Aldmoor late on Sunday.",
    "By Monday the lower town counted forty flooded cellars in all.",
    "Help with repairs to flooded cellars is on offer from the council for families.",
    "Friday's meeting of the council with the mayor will agree what the river wall costs.",
    "Our own cellar at the church hall stayed dry, but the lower town's pumps ran all night.",
    "Sandbags are stacked by the lower town's church door in case the Wend rises again.",
    "The Sunday school will put on a nativity play in the church hall.",
    "Tickets for the harvest supper are on sale after every service.",
    "The vicar thanks everyone who gave to the food bank this month.",
    "Flowers for the altar may be left in the vestry on Saturday mornings.",
    "The churchyard will be mown on the first Monday of each month.",
    "Coffee is served in the hall after the morning service.",
    "The parish council meets again on the last Monday of the month.",
]


def _notice_and_newsletter() -> tuple[object, object, list[Match]]:
    a = article_from_text(" ".join(NOTICE), id="notice")
    b = article_from_text(" ".join(NEWSLETTER), id="newsletter")
    own = NEWSLETTER.index("A river flood on the Wend tore through the quay at Aldmoor late on Sunday.")
    copied = [Match((2,), (6,), "verbatim", 1.0), Match((3,), (7,), "verbatim", 1.0)]
    related = [Match((i,), (own + k,), "related", 0.2) for k, i in enumerate((0, 1, 4, 5))]
    return a, b, copied + related


def test_related_sentences_are_no_part_of_the_passage() -> None:
    """The notice's own sentences around the passage, ``related`` to the newsletter's, carry on its story: they are
    its neighbours, so the passage fits the notice. Read as part of the passage (before session 36), they left the
    notice no neighbour (it stood at ``tau``) and made the newsletter's own flood sentences a passage whose neighbours
    fit it, and the newsletter was named the source."""
    from retold.fidelity import direction as D

    a, b, matches = _notice_and_newsletter()
    in_a = {i for m in matches for i in m.a}
    in_b = {j for m in matches for j in m.b}
    only_a = [i for i in range(len(a.sentences)) if i not in in_a]  # type: ignore[attr-defined]
    only_b = [j for j in range(len(b.sentences)) if j not in in_b]  # type: ignore[attr-defined]
    ev = D.evidence(a, b, matches, only_a, only_b, [], fits=True)  # type: ignore[arg-type]
    assert ev.fit_a is not None and ev.fit_b is not None and ev.fit_a > ev.fit_b, (ev.fit_a, ev.fit_b)
    direction, _, reasons = D.decide(a, b, matches, only_a, only_b, [])  # type: ignore[arg-type]
    assert direction == "a_to_b", reasons


def test_a_related_match_that_is_a_piece_of_a_shared_sentence_is_shared_text() -> None:
    """A sentence that one side broke at a line break ("... the river wall at the quay" / "would be rebuilt.")
    is ``related`` to the other's whole sentence by its score, but its words are all there: shared text."""
    whole = doc_for(article_from_text(" ".join(NOTICE), id="notice"))
    text = "The mayor of Aldmoor said the river wall at the quay\nwould be rebuilt."
    broken = doc_for(article_from_text(text, id="b"))
    piece = Match((3,), (0,), "related", 0.3)
    subject = Match((0,), (0,), "related", 0.2)
    assert is_piece(whole, broken, piece)
    assert not is_piece(whole, broken, subject)
    assert copied(whole, broken, [piece, subject]) == ({3}, {0})
