"""A retelling's credit to its own outlet (its byline, its own reporting) is no credit given to a source."""

from __future__ import annotations

from retold.fidelity import analyse
from retold.ingest import article_from_text
from retold.model import Match


def credit_flags(a: str, b: str, outlets: tuple[str, str]) -> list[tuple[str, str | None, str | None]]:
    aa = article_from_text(a, id="a", source=outlets[0])
    bb = article_from_text(b, id="b", source=outlets[1])
    m = Match(tuple(s.i for s in aa.sentences), tuple(s.i for s in bb.sentences), "paraphrase", 1.0)
    return [(f.kind, f.a_text, f.b_text) for f in analyse(aa, bb, [m], (), ()) if f.kind.startswith("attribution_")]


def test_the_retellings_own_dateline_is_no_added_credit() -> None:
    """Flag audits 18 and 25: Reuters' own 'CARACAS (Reuters) -' in a Reuters retelling of a Newsmax story raised
    a credit to Reuters not in the other text; in a Newsmax retelling it is still a credit added."""
    a = "Venezuelans took to the streets on Wednesday at the call of the opposition leader."
    b = "CARACAS (Reuters) - Venezuelans took to the streets on Wednesday at the call of the opposition leader."
    assert credit_flags(a, b, ("Newsmax", "Reuters")) == []
    assert credit_flags(a, b, ("Reuters", "Newsmax")) == [("attribution_added", None, "CARACAS (Reuters) - ")]
    c = "Venezuelans took to the streets on Wednesday, the AP reported."
    assert credit_flags(a, c, ("Newsmax", "The Associated Press")) == []
