"""Every registered fidelity rule gives the flags its examples promise, and docs/rules.md lists them all.

Switching a rule off (``RETOLD_RULES_OFF``, as ``benchmarks/rule_deletion.py`` does) or breaking it
fails its examples here; deleting it fails the check of docs/rules.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import retold.fidelity  # noqa: F401  (importing the checks registers their rules)
from retold.fidelity.rules import KINDS, REGISTRY, catalogue, outcome

CASES = [(r.name, k) for r in sorted(REGISTRY.values(), key=lambda r: r.name) for k in range(len(r.examples))]
DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


@pytest.mark.parametrize(("name", "k"), CASES, ids=[f"{n}-{k}" for n, k in CASES])
def test_rule_example(name: str, k: int) -> None:
    r = REGISTRY[name]
    ex = r.examples[k]
    assert outcome(r, ex) == ex.flags


def test_every_rule_has_examples_that_tell_it_apart() -> None:
    """Two examples at least, and not all alike: one where the rule decides, one that marks its edge."""
    for r in REGISTRY.values():
        assert len(r.examples) >= 2, r.name
        assert len({ex.flags for ex in r.examples}) >= 2 or len({ex.lang for ex in r.examples}) >= 2, r.name
        assert r.lang in ("en", "de", "any"), r.name
        assert r.check in KINDS, r.name


def test_docs_list_every_rule() -> None:
    assert DOCS.read_text(encoding="utf-8") == catalogue() + "\n", "run: python benchmarks/rule_deletion.py --docs"


def test_the_weighed_flags_are_the_full_readings_lacks() -> None:
    """What the direction counts (``analyse(weighed_only=True)``: the names, numbers, quotes and credits one side
    lacks) is, on every rule's examples, what the full reading flags of them: the checks that stop reading a pair
    once it is only a change (a quote or a name paired) drop none of them."""
    from retold.fidelity import analyse
    from retold.ingest import article_from_text
    from retold.model import Match

    families = ("quote_", "number_", "entity_", "attribution_")
    seen = 0
    for r in REGISTRY.values():
        for ex in r.examples:
            a = article_from_text(ex.a, id="a", language=ex.lang, source=ex.outlets[0])
            b = article_from_text(ex.b, id="b", language=ex.lang, source=ex.outlets[1])
            pairs = ex.matched or [(tuple(s.i for s in a.sentences), tuple(s.i for s in b.sentences))]
            ms = [Match(pa, pb, "paraphrase", 1.0) for pa, pb in pairs]
            only_a = [s.i for s in a.sentences if all(s.i not in pa for pa, _ in pairs)]
            only_b = [s.i for s in b.sentences if all(s.i not in pb for _, pb in pairs)]
            full = [
                f
                for f in analyse(a, b, ms, only_a, only_b)
                if f.kind.startswith(families) and f.kind.endswith(("_dropped", "_added"))
            ]
            assert analyse(a, b, ms, only_a, only_b, weighed_only=True) == full, r.name
            seen += bool(full)
    assert seen > 100
