"""What a document is read for once, not per sentence or up front, answers as the reading it replaced: a name
index's five-letter starts, made when a look-up needs them (most indexes answer every look-up from their stems),
and the credits' pre-check, one search of the document's joined text."""

from __future__ import annotations

from retold.fidelity import attribution
from retold.fidelity._shared import Doc, doc_for, prefix_key
from retold.fidelity.entities import named_in
from retold.fidelity.entities.extract import entities
from retold.fidelity.entities.index import _index, _whole_index
from retold.ingest import article_from_text

SOURCE = (
    "The Harbour Bridge in Leeds will close on 3 March for six weeks of repairs, the council said. "
    "Engineer Anna Berg of the Northern Transportation Authority said the steel was tired. "
    "Buses will use the Kirkstall crossing while the bridge is closed, Mayor Tom Vik said."
)
OTHER = (
    "Leeds will shut its harbour bridge for repairs, the councillors said. "
    "The transport authority's engineer, Ms Berg, said the steel was worn. "
    "Transportations across the river will take the Kirkstall route."
)


def test_an_index_makes_the_starts_of_its_stems_only_when_asked() -> None:
    doc = doc_for(article_from_text(OTHER, id="o"))
    ix = _index(doc, [0])
    assert ix._prefixes is None
    assert ix.prefixes == {prefix_key(x) for x in ix.stems}
    assert ix._prefixes is not None


def test_names_are_found_as_with_every_table_built() -> None:
    src = doc_for(article_from_text(SOURCE, id="s"))
    other = doc_for(article_from_text(OTHER, id="o"))
    names = entities(src)
    assert len(names) >= 4
    lazy = [named_in(e, other) for e in names]
    for ix in (_whole_index(other), *(_index(other, [i]) for i in range(len(other.sents)))):
        ix.prefixes  # noqa: B018  (every table built up front, as before)
    fresh = doc_for(article_from_text(OTHER, id="o2"))
    for i in range(len(fresh.sents)):
        _index(fresh, [i]).prefixes  # noqa: B018
    _whole_index(fresh).prefixes  # noqa: B018
    assert [named_in(e, fresh) for e in names] == lazy
    assert any(lazy) and not all(lazy)


def test_the_credits_precheck_of_a_document_is_each_sentences_own() -> None:
    """Sentences joined by NULs and searched once: a hit at a sentence's very start or end, a credit word running
    into the next sentence, a word edge ("via", "so") at the join, a clause mark ending one sentence and a speech
    verb opening the next, and a sentence outside ASCII (searched on its own) each answer as their own search."""
    pieces = [
        "via x", "xvia", "so", "also", "said", "x,", "said y", "Said he", "x;", "told", "repo", "rted", "(", "x",
        "Interview", "via", "The Müller case, sagte er", "ſaid", "wie", "Gewieft", "x \u2013", "noted", "", "soon",
    ]  # fmt: skip
    texts = [" ".join(pieces[(k * 7 + j) % len(pieces)] for j in range(k % 4 + 1)) for k in range(300)]
    for start in range(0, 300, 12):
        art = article_from_text(". ".join(t for t in texts[start : start + 12] if t) + ".", id="x")
        doc = Doc(art)
        assert attribution._maybes(doc) == [attribution._maybe(sv.norm) for sv in doc.sents]
    joined = Doc(article_from_text("He came via. So it goes. Reported, said. He added", id="y"))
    assert attribution._maybes(joined) == [attribution._maybe(sv.norm) for sv in joined.sents]
    assert any(attribution._maybes(joined)) and len(joined.sents) >= 3
