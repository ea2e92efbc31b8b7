"""The three alignment passes: anchors, joins, merges."""

from __future__ import annotations

import numpy as np

import retold
from retold.align.align import LEXICAL_THRESHOLDS, MODEL_THRESHOLDS, align
from retold.align.terms import content_terms

# A0 sets the scene, A1 is the sentence B0 copies with a clause cut off: every content word of B0 is in A1.
A = [
    "Investigators spent the whole night combing the district for evidence.",
    "Police sealed off the old market after the blast, officials said on Tuesday.",
]
B = ["Police sealed off the old market after the blast."]


def _pairs(groups: list) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    return {(tuple(sorted(g.a)), tuple(sorted(g.b))) for g in groups}


def _terms(a: list[str], b: list[str]) -> tuple[list[frozenset[str]], list[frozenset[str]]]:
    return [content_terms(t) for t in a], [content_terms(t) for t in b]


def test_a_neighbour_of_a_trimmed_copy_does_not_join_it() -> None:
    """A0 is B0's best partner and sits next to A1, so it used to join (A0 + A1 -> B0), turning a close copy
    into a loose paraphrase; it explains no word of B0 that A1 lacks, so it stays out."""
    link = np.array([[0.62], [0.9]], dtype=np.float32)
    assert _pairs(align(link, MODEL_THRESHOLDS)) == {((0, 1), (0,))}  # without the words: the old join
    assert _pairs(align(link, MODEL_THRESHOLDS, terms=_terms(A, B))) == {((1,), (0,))}


def test_the_rule_holds_from_either_side() -> None:
    """The same with the articles swapped: B's neighbour does not join A's trimmed sentence."""
    link = np.array([[0.62, 0.9]], dtype=np.float32)
    assert _pairs(align(link, MODEL_THRESHOLDS, terms=_terms(B, A))) == {((0,), (1,))}


def test_two_sentences_merged_into_one_still_join() -> None:
    """B0 says what A0 and A1 say together: A0 brings words B0 has and A1 lacks, so it joins."""
    a = ["The minister resigned on Monday.", "He cited his poor health and family reasons."]
    b = ["The minister resigned on Monday, citing his poor health and family reasons."]
    link = np.array([[0.7], [0.5]], dtype=np.float32)
    assert _pairs(align(link, LEXICAL_THRESHOLDS, terms=_terms(a, b))) == {((0, 1), (0,))}


def test_a_third_sentence_joins_no_merge_already_explained() -> None:
    """A1 + A2 explain every word of B0 (a copier ran two sentences together); A0 before them does not join."""
    a = [
        "Emergency crews were quick to secure the square",
        "Forensic experts combed the square for evidence",
        "The bomber died in the attack.",
    ]
    b = ["Forensic experts combed the square for evidence the bomber died in the attack."]
    link = np.array([[0.6], [0.8], [0.6]], dtype=np.float32)
    assert _pairs(align(link, MODEL_THRESHOLDS)) == {((0, 1, 2), (0,))}
    assert _pairs(align(link, MODEL_THRESHOLDS, terms=_terms(a, b))) == {((1, 2), (0,))}


def test_a_line_repeated_down_both_articles_stays_one_pair_a_line() -> None:
    """Pairs with the same words are complete: neighbouring ones that link across as strongly (the same line
    again) are not merged into one group of every line, which made one row of 100 x 100 sentences."""
    n = 6
    link = np.ones((n, n), dtype=np.float32)
    exact = np.ones((n, n), dtype=bool)
    assert _pairs(align(link, LEXICAL_THRESHOLDS, exact=exact)) == {((k,), (k,)) for k in range(n)}
    assert len(align(link, LEXICAL_THRESHOLDS)) == 1  # without the same-words mark: merged, as before


def test_a_line_split_in_two_under_the_anchor_keeps_both_halves() -> None:
    """B cuts A0 in two and rewords both halves, so neither reaches the anchor: the last pass used to pair the
    stronger half (B0) as related and leave B1, which then read as a detail A lacks; B1 sits next to B0, is best
    linked to A0 and brings words of A0 that B0 lacks, so it joins the pair as it would join an anchored one."""
    a = ["The storm cut power to thousands of homes and closed every school in the county on Friday."]
    b = ["Thousands of homes lost power in the storm.", "All county schools stayed shut on Friday."]
    link = np.array([[0.35, 0.3]], dtype=np.float32)
    groups = align(link, LEXICAL_THRESHOLDS, terms=_terms(a, b))
    assert _pairs(groups) == {((0,), (0, 1))}
    assert all(g.weak for g in groups)  # still a pair of the last pass: labelled related, never paraphrase


def test_a_related_pair_takes_no_neighbour_on_its_topic() -> None:
    """A neighbour best linked to the pair's partner and bringing one of its words ("county"), but most of whose
    words the partner lacks, says something else about the story: not a half of the partner, it stays out."""
    a = ["The storm cut power to thousands of homes and closed every school in the county on Friday."]
    b = ["Thousands of homes lost power in the storm.", "Forecasters had warned county officials for days of floods."]
    link = np.array([[0.55, 0.52]], dtype=np.float32)
    assert _pairs(align(link, MODEL_THRESHOLDS, terms=_terms(a, b))) == {((0,), (0,))}


def test_a_split_line_is_matched_whole_end_to_end() -> None:
    """Through ``compare`` (lexical): B cuts A1 in two reworded halves, each under the anchor; both are matched
    with A1, so neither reads as a detail A lacks."""
    a = retold.article_from_text(
        "Rescue crews worked through the night. The storm cut power to thousands of homes across the northern valley "
        "and closed every school in the county on Friday, officials said. Repairs could take a week.",
        id="a",
    )
    b = retold.article_from_text(
        "Crews worked all night. Thousands of houses lost power in the storm. All county schools stayed shut on "
        "Friday. Repairs may take a week.",
        id="b",
    )
    c = retold.compare(a, b, lexical=True, fidelity=False)
    assert ((1,), (1, 2)) in {(m.a, m.b) for m in c.matches}


def test_the_links_a_pass_reads_are_the_head_of_a_stable_sort_of_every_link() -> None:
    import numpy as np

    from retold.align.align import ranked_links

    rng = np.random.default_rng(4)
    for _ in range(300):
        shape = (int(rng.integers(1, 9)), int(rng.integers(1, 9)))
        link = rng.choice(np.array([0.0, 0.1, 0.25, 0.3, 0.3, 0.5, 0.9, 1.0], dtype=np.float32), size=shape)
        order = np.argsort(-link, axis=None, kind="stable")  # the former reading: every link sorted
        ranked = link.reshape(-1)[order]
        above = int(np.count_nonzero(ranked >= 0.25))
        rows, cols = np.divmod(order[:above], shape[1])
        want = list(zip(rows.tolist(), cols.tolist(), ranked[:above].tolist(), strict=True))
        assert ranked_links(link, 0.25) == want
