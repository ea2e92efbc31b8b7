"""How far a quote runs and which marks make one: the flag audits' quotes read with the wrong extent or marks."""

from __future__ import annotations

from retold.fidelity import analyse
from retold.ingest import article_from_text
from retold.model import Flag, Match


def quote_flags(a: str, b: str, label: str = "paraphrase") -> list[Flag]:
    """The quote flags of two texts, all of one matched to all of the other."""
    aa, bb = article_from_text(a, id="a"), article_from_text(b, id="b")
    m = Match(tuple(s.i for s in aa.sentences), tuple(s.i for s in bb.sentences), label, 1.0)
    return [f for f in analyse(aa, bb, [m], (), ()) if f.kind.startswith("quote_")]


def test_a_trimmed_quote_with_another_apostrophe_is_not_altered() -> None:
    """Flag audit seed 19 n148: the retelling quoted the second sentence of the quote word for word, "it\u2019d"
    for "it'd"; the trim test read the retelling's words unnormalised, so "it\u2019d" was two words and the quote
    altered."""
    a = "\"We'll talk about it again today. I think it'd be a great gesture if they would choose to do so.\""
    b = "\u201cI think it\u2019d be a great gesture if they would choose to do so.\u201d"
    assert quote_flags(a, b) == []
    assert [f.kind for f in quote_flags(a, b.replace("great", "poor"))] == ["quote_altered"]
