"""``direction_related_cv.py``'s readings of the passage's neighbours: without sentences to step over its fit is the
engine's own (``coherence.neighbour_fit``), a skipped sentence is neither counted nor a wall, and a shrunk fit
moves toward the centre by the number of neighbours it was read on."""

from __future__ import annotations

import pytest

import direction_related_cv as rcv
import retold
from retold.fidelity._shared import doc_for
from retold.fidelity.coherence import neighbour_fit

# Written for this test: a harbour report; sentences 3-4 are the shared passage.
HARBOUR = [
    "The ferry to Lanholm island was cancelled on Friday because of strong winds.",
    "Passengers waited in the harbour cafe for news from the ferry company.",
    "A storm warning for the whole coast stays in force until Sunday morning.",
    "The ferry company said the crossing would resume once the winds dropped.",
    "Harbour staff tied the ferry to the quay with extra ropes before the storm.",
    "The island's shop expects a delivery of bread and milk on the first ferry.",
    "Fishing boats stayed in the harbour for the second day running.",
]


def test_readings_of_the_neighbours() -> None:
    doc = doc_for(retold.article_from_text(" ".join(HARBOUR), id="harbour"))
    passage = {3, 4}
    fit, n = rcv.skipping_fit(doc, passage, ())
    assert fit == pytest.approx(neighbour_fit(doc, passage))
    assert n == 5  # sentences 0-2 before the run (at most four), 5-6 after
    skipped, m = rcv.skipping_fit(doc, passage, {5})
    assert m == 4  # 5 stepped over, 6 still read beyond it
    assert skipped is not None and skipped != fit
    assert rcv.skipping_fit(doc, passage, {0, 1, 2, 5, 6}) == (None, 0)


def test_a_fit_read_on_few_neighbours_is_drawn_toward_the_centre() -> None:
    assert rcv.shrunk(None, 0, 2.0, 0.14) is None
    assert rcv.shrunk(0.8, 1, 2.0, 0.14) == pytest.approx((0.8 + 0.28) / 3)
    assert rcv.shrunk(0.8, 8, 2.0, 0.14) > rcv.shrunk(0.8, 1, 2.0, 0.14)
    row = {"fit_a": 0.5, "fit_b": 0.2, "n_fit_a": 2, "n_fit_b": 0, "skip_fit_a": None, "skip_fit_b": 0.1}
    assert rcv.read_as([row], "shipped", 0.14) == [row]
    assert rcv.read_as([row], "skip", 0.14)[0]["fit_a"] is None
    shrunk = rcv.read_as([row], "shrink 2", 0.14)[0]
    assert shrunk["fit_a"] == pytest.approx((1.0 + 0.28) / 4)
    assert shrunk["fit_b"] == pytest.approx(0.14)  # no neighbour read: the centre
