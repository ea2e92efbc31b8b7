"""Named fidelity rules: the small decisions of each check, registered with a purpose and examples.

A rule is a function a check calls (a finder, a filter, a pairing). ``@rule`` gives it a name, the
language it serves, what it is for, and examples: two short texts and every flag of the check's kinds
they must give. One parametrised test runs every example (tests/fidelity/test_fidelity_rules.py), so a
rule that is broken fails there, and one that is deleted drops out of docs/rules.md (a test compares).
``RETOLD_RULES_OFF`` (rule names, comma separated) swaps rules for their no-op when the checks are
imported: ``benchmarks/rule_deletion.py`` uses it to show that every rule fails a test without it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, cast

F = TypeVar("F", bound=Callable[..., Any])

# the flag kinds each check raises: an example is judged on these alone, so another check's flags on the
# same texts do not make it fail
KINDS: dict[str, tuple[str, ...]] = {
    "numbers": ("number_changed", "number_added", "number_dropped"),
    "entities": ("entity_changed", "entity_added", "entity_dropped"),
    "quotes": ("quote_altered", "quote_dropped", "quote_added"),
    "attribution": ("attribution_dropped", "attribution_added", "attribution_changed"),
    "claims": ("claim_added",),
    "added": ("claim_added", "story_added"),
    "meaning": ("meaning_shift",),
    "disguise": ("disguised_text",),
}


@dataclass(frozen=True)
class Example:
    """Two texts and every flag of the rule's check they give, each as ``"kind/severity: a_text -> b_text"``
    (``-`` where a side has none). ``matched`` pairs sentences of A and B (by index); the default matches all of
    A to all of B, and B's sentences outside ``matched`` are the ones only B has. ``label`` is the matches' label
    where a rule depends on it (else verbatim or paraphrase, as the texts are)."""

    a: str
    b: str
    flags: tuple[str, ...] = ()
    lang: str = "en"
    matched: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...] | None = None
    label: str | None = None
    outlets: tuple[str | None, str | None] = (None, None)  # the outlet each text comes from (its ``source``)


@dataclass(frozen=True)
class Rule:
    """A registered rule: its name (``check.what``), language (``en``, ``de`` or ``any``), purpose,
    examples and function."""

    name: str
    lang: str
    purpose: str
    examples: tuple[Example, ...]
    fn: Callable[..., Any]

    @property
    def check(self) -> str:
        return self.name.split(".", 1)[0]


REGISTRY: dict[str, Rule] = {}


def _off_from_env() -> frozenset[str]:
    return frozenset(x.strip() for x in os.environ.get("RETOLD_RULES_OFF", "").split(",") if x.strip())


OFF = _off_from_env()


def rule(
    name: str, *, purpose: str, examples: Sequence[Example], off: Callable[..., Any], lang: str = "any"
) -> Callable[[F], F]:
    """Register the decorated function as rule ``name``; ``off`` is what the check sees when the rule is
    switched off (same signature: the answer the check would get were the rule deleted)."""
    if name.split(".", 1)[0] not in KINDS:
        raise ValueError(f"rule {name!r}: no check of that name")

    def register(fn: F) -> F:
        if name in REGISTRY:
            raise ValueError(f"rule {name!r} registered twice")
        REGISTRY[name] = Rule(name, lang, purpose, tuple(examples), fn)
        return cast(F, off) if name in OFF else fn

    return register


def never(*_: object, **__: object) -> bool:
    """The ``off`` of a rule that says yes to something: it never does."""
    return False


def nothing(*_: object, **__: object) -> list[Any]:
    """The ``off`` of a rule that finds something: it finds nothing."""
    return []


def outcome(r: Rule, ex: Example) -> tuple[str, ...]:
    """The flags of ``r``'s check that ``ex``'s texts give, in the example's notation."""
    from retold.fidelity import analyse
    from retold.ingest import article_from_text
    from retold.model import LABELS, Label, Match
    from retold.text.normalise import comparable

    a = article_from_text(ex.a, id="a", language=ex.lang, source=ex.outlets[0])
    b = article_from_text(ex.b, id="b", language=ex.lang, source=ex.outlets[1])
    if ex.matched is None:
        pairs = [(tuple(s.i for s in a.sentences), tuple(s.i for s in b.sentences))]
    else:
        pairs = list(ex.matched)

    def label(pa: tuple[int, ...], pb: tuple[int, ...]) -> Label:  # verbatim as the aligner says it; else paraphrase
        same = comparable(" ".join(a.sentences[i].norm for i in pa)) == comparable(
            " ".join(b.sentences[j].norm for j in pb)
        )
        if ex.label in LABELS:
            return ex.label
        return "verbatim" if same else "paraphrase"

    ms = [Match(pa, pb, label(pa, pb), 1.0) for pa, pb in pairs]
    in_b = {j for _, pb in pairs for j in pb}
    only_b = [s.i for s in b.sentences if s.i not in in_b]
    in_a = {i for pa, _ in pairs for i in pa}
    only_a = [s.i for s in a.sentences if s.i not in in_a]
    kinds = KINDS[r.check]
    flags = analyse(a, b, ms, only_a, only_b)
    return tuple(f"{f.kind}/{f.severity}: {f.a_text or '-'} -> {f.b_text or '-'}" for f in flags if f.kind in kinds)


def catalogue() -> str:
    """docs/rules.md: every registered rule with its purpose and examples (written by
    ``benchmarks/rule_deletion.py --docs``)."""
    out = [
        "# Fidelity rules",
        "",
        "Every rule of the fidelity checks, from the registry in `src/retold/fidelity/rules.py` (this file is",
        "written by `benchmarks/rule_deletion.py --docs`; `tests/fidelity/test_fidelity_rules.py` runs each",
        "example and checks that this list is current). An example gives two texts, A (the source) and B (the",
        "retelling), all of A matched to all of B unless pairs are named, and every flag of the rule's check",
        "they raise (`kind/severity: A's text -> B's text`); `no flag` means none of that check. `(from X)`: the",
        "outlet the text comes from, where the rule reads it.",
        "",
        f"{len(REGISTRY)} rules.",
        "",
    ]
    check = ""
    for r in sorted(REGISTRY.values(), key=lambda r: r.name):
        if r.check != check:
            check = r.check
            out += [f"## {check}", ""]
        out += [f"### `{r.name}` ({r.lang})", "", r.purpose, ""]
        for ex in r.examples:
            pairs = "" if ex.matched is None else f" (matched: {', '.join(f'{pa}~{pb}' for pa, pb in ex.matched)})"
            pairs += "" if ex.label is None else f" ({ex.label} match)"
            lang = "" if ex.lang == "en" else f" [{ex.lang}]"
            oa, ob = (f" (from {o})" if o else "" for o in ex.outlets)
            out.append(f"- A: {ex.a!r}{oa}  ")
            out.append(f"  B: {ex.b!r}{ob}{pairs}{lang}  ")
            out.append(f"  -> {'; '.join(ex.flags) if ex.flags else 'no flag'}")
        out.append("")
    return "\n".join(out)


__all__ = ["KINDS", "OFF", "REGISTRY", "Example", "Rule", "catalogue", "never", "nothing", "outcome", "rule"]
