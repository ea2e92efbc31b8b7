"""The stopwords have one home below the two stages that read them: the alignment and the fidelity checks."""

from __future__ import annotations

from retold.align import terms
from retold.align.terms import content_terms
from retold.fidelity._lexicon import STOP
from retold.text.stopwords import STOP_DE, STOP_EN


def test_the_fidelity_checks_read_the_shared_stopwords() -> None:
    assert STOP_EN | STOP_DE <= STOP


def test_the_alignment_drops_every_shared_english_stopword_but_those_it_keeps_as_content() -> None:
    dropped = {w for w in STOP_EN if not content_terms(w)}
    assert dropped == STOP_EN - terms._KEPT
    assert terms._KEPT < STOP_EN  # each exception is a shared stopword, not a list of its own
    assert content_terms("the man said") == {"man"}
