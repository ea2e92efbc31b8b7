"""A name index answers as it did when it built every table up front: the five-letter starts of its stems are
made only when a look-up needs them (most indexes answer every look-up from their stems)."""

from __future__ import annotations

from retold.fidelity._shared import doc_for, prefix_key
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
