"""A retelling's credit to its own outlet (its byline, its own reporting) is no credit given to a source, and an
article's own outlet named in its tag or as the one a speaker told is no name of the story."""

from __future__ import annotations

from retold.fidelity import analyse
from retold.ingest import article_from_text
from retold.model import Match


def credit_flags(
    a: str, b: str, outlets: tuple[str, str], kind: str = "attribution_"
) -> list[tuple[str, str | None, str | None]]:
    aa = article_from_text(a, id="a", source=outlets[0])
    bb = article_from_text(b, id="b", source=outlets[1])
    m = Match(tuple(s.i for s in aa.sentences), tuple(s.i for s in bb.sentences), "paraphrase", 1.0)
    return [(f.kind, f.a_text, f.b_text) for f in analyse(aa, bb, [m], (), ()) if f.kind.startswith(kind)]


def test_the_retellings_own_dateline_is_no_added_credit() -> None:
    """Flag audits 18 and 25: Reuters' own 'CARACAS (Reuters) -' in a Reuters retelling of a Newsmax story raised
    a credit to Reuters not in the other text; in a Newsmax retelling it is still a credit added."""
    a = "Venezuelans took to the streets on Wednesday at the call of the opposition leader."
    b = "CARACAS (Reuters) - Venezuelans took to the streets on Wednesday at the call of the opposition leader."
    assert credit_flags(a, b, ("Newsmax", "Reuters")) == []
    assert credit_flags(a, b, ("Reuters", "Newsmax")) == [("attribution_added", None, "CARACAS (Reuters) - ")]
    c = "Venezuelans took to the streets on Wednesday, the AP reported."
    assert credit_flags(a, c, ("Newsmax", "The Associated Press")) == []


def test_an_articles_own_outlet_in_its_tag_or_told_a_statement_is_no_name_dropped_or_added() -> None:
    """Flag audits 18, 21, 24, 26: 'a White House official told The Hill' in The Hill's story and CNN's tag '(CNN)'
    opening its own were names another outlet's retelling dropped; the outlet as a party to the story, or another
    outlet told the same, is still a name."""
    told = "The senator backs both bills, an aide told The Hill on Friday."
    said = "The senator backs both bills, an aide said on Friday."
    assert credit_flags(told, said, ("The Hill", "Politico"), "entity_") == []
    assert credit_flags(said, told, ("Politico", "The Hill"), "entity_") == []
    assert credit_flags(said, told, ("Politico", "NPR"), "entity_") == [("entity_added", None, "Hill")]
    tagged = "(CNN) Two senators joined forces on Sunday to block the nominee."
    plain = "Two senators joined forces on Sunday to block the nominee."
    assert credit_flags(tagged, plain, ("CNN (Web News)", "NPR"), "entity_") == []
    assert credit_flags(tagged, plain, ("Fox News", "NPR"), "entity_") == [("entity_dropped", "CNN", None)]
    sued = "Answering a lawsuit filed by USA TODAY, the agency released the files on Saturday."
    released = "The agency released the files on Saturday."
    assert credit_flags(released, sued, ("The Hill", "USA TODAY"), "entity_") == [("entity_added", None, "USA TODAY")]
