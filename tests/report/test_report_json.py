"""The JSON contract: every comparison validates against the shipped schema, and spans point into the text."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest

import retold
from retold.report import comparison_dict, comparison_json

SCHEMA = json.loads(files("retold").joinpath("schemas/comparison.schema.json").read_text())


def _check(doc: dict, a_text: str, b_text: str) -> None:
    jsonschema.validate(doc, SCHEMA)
    for side, text in (("a", a_text), ("b", b_text)):
        for s in doc[side]["sentences"]:
            assert text[s["start"] : s["end"]] == s["text"]
    for f in doc["flags"]:
        if f["a"] is not None:
            assert a_text[f["a"][0] : f["a"][1]] == f["a_text"]
        if f["b"] is not None:
            assert b_text[f["b"][0] : f["b"][1]] == f["b_text"]
    covered_a = {i for m in doc["matches"] for i in m["a"]}
    covered_b = {j for m in doc["matches"] for j in m["b"]}
    assert covered_a.isdisjoint(doc["only_in_a"]) and covered_b.isdisjoint(doc["only_in_b"])
    assert covered_a | set(doc["only_in_a"]) == set(range(len(doc["a"]["sentences"])))
    assert covered_b | set(doc["only_in_b"]) == set(range(len(doc["b"]["sentences"])))


@pytest.mark.parametrize("lexical", [False, True])
def test_seed_json_validates(seeds: tuple[Path, Path], lexical: bool) -> None:
    c = retold.compare(seeds[0], seeds[1], lexical=lexical)
    doc = json.loads(comparison_json(c))
    _check(doc, c.a.text, c.b.text)
    assert doc["a"]["title"].startswith("Rutte from Ukraine")


def test_schema_rejects_broken_output(seeds: tuple[Path, Path]) -> None:
    doc = comparison_dict(retold.compare(seeds[0], seeds[1], lexical=True))
    doc["verdict"]["relation"] = "plagiarism"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, SCHEMA)


def test_identical_and_unrelated() -> None:
    text = "Bridge reopens\n\nThe Kessler bridge reopened on Friday after repairs costing $4 million. Traffic resumed."
    other = "Chess club wins title\n\nThe Orlen chess club won the regional title with a final-round draw."
    a = retold.article_from_text(text, id="a")
    same = retold.compare(a, retold.article_from_text(text, id="b"), lexical=True)
    assert same.verdict.relation == "identical" and same.verdict.coverage_a == 1.0
    assert all(m.label == "verbatim" for m in same.matches)
    apart = retold.compare(a, retold.article_from_text(other, id="c"), lexical=True)
    assert apart.verdict.relation == "unrelated" and not apart.matches
    _check(comparison_dict(apart), a.text, other)
