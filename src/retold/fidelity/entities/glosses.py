"""Names that only gloss a referent both sides point at: the home in a description the other side gives by its
name ("the Redmond, Wash., company" / "Microsoft"). The same referent; nothing lost, added or changed."""

from __future__ import annotations

from functools import partial

from retold.fidelity._lexicon import STOP
from retold.fidelity._shared import Doc, SentView
from retold.fidelity._stems import fold
from retold.fidelity.entities.descriptions import _descriptions, _key, _owner, _word, name_tokens
from retold.fidelity.entities.kinds import _SAYING
from retold.fidelity.entities.lexicon import _EN_DETERMINERS
from retold.fidelity.entities.tokens import Entity, _is_cap
from retold.fidelity.rules import Example, rule
from retold.model import Match

Pair = tuple[Entity, Entity]
# the words around a gloss are compared as written, a possessive kept
_word_as_written = partial(_word, possessive=True)


def _description_around(sv: SentView, e: Entity, lacking: frozenset[str]) -> tuple[int, int] | None:
    """The description (determiner .. head, end exclusive) a name stands inside, before its head, every word of
    it but the determiner ``lacking`` (the other side keeps none of it): "Redmond" and "Wash" in "the Redmond,
    Wash., company", "Korean" in "the Korean company" (None: the name is no part of one)."""
    ks = name_tokens(sv, e)
    if not ks:
        return None
    for j, h in _descriptions(sv, lacking):
        if fold(sv.tokens[h - 1].text) in _SAYING or not j < ks[0] <= ks[-1] < h - 1:
            continue  # a verb is no head: "the Connecticut Democrat told"
        if all(_key(t.text) in lacking for t in sv.tokens[j + 1 : h]):
            return j, h
    return None


def _in_place(sv: SentView, d: tuple[int, int], so: SentView, span: tuple[int, int]) -> bool:
    """Whether the name at tokens ``span`` of sentence ``so`` stands where the whole of description ``d`` of
    ``sv`` stands, with no determiner of its own: between the same two words, or after the same word and closing
    its clause, or before the same word and opening its sentence ("the Redmond, Wash., company said" /
    "Microsoft said"; not "an Alpharetta seafood restaurant" / "an Hartford restaurant", "on the Senate floor
    beginning" / "in the full Counterpane beginning")."""
    k0, k1 = span
    if _word_as_written(so, k0 - 1) in _EN_DETERMINERS or _owner(sv, d[1]) != _owner(so, k1):
        return False
    before, after = (
        _word_as_written(sv, d[0] - 1) == _word_as_written(so, k0 - 1),
        _word_as_written(sv, d[1]) == _word_as_written(so, k1),
    )
    if before and after:
        return True
    if after and k0 == 0:
        return _word_as_written(so, k1) not in STOP
    return before and _word_as_written(so, k0 - 1) not in STOP and not _word_as_written(so, k1).isalpha()


def _new_runs(so: SentView, known: frozenset[str]) -> list[tuple[int, int]]:
    """The token ranges of the runs of capitalised words of a sentence none of whose words ``known`` holds: the
    names the other side lacks, the one opening the sentence too ("Microsoft said", which the name finder leaves
    unproven there)."""
    toks, out, k = so.tokens, [], 0
    while k < len(toks):
        if not _is_cap(toks[k].text) or fold(toks[k].text) in STOP:
            k += 1
            continue
        k1 = k
        while k1 < len(toks) and _is_cap(toks[k1].text) and fold(toks[k1].text) not in STOP:
            k1 += 1
        if not any(_key(t.text) in known for t in toks[k:k1]):
            out.append((k, k1))
        k = k1
    return out


@rule(
    "entities.described_then_named",
    lang="en",
    purpose="A name inside a description on the source's side, before its head noun (\"the Redmond, Wash., "
    'company said", "trust the Korean company"), where the retelling names the thing that description points '
    'at in the place of the whole description ("Microsoft said", "trust Hyundai"), only told which thing it was: '
    "the name tells it better, so the words of the description are neither left out nor changed into the name. "
    'Only this way round: a home the retelling gives a name the source keeps ("Motorola" / "the Schaumburg, '
    'Ill.-based company") is news to its reader. A description the retelling keeps unnamed, or a name put inside '
    'the same frame ("an Alpharetta seafood restaurant" / "a Hartford restaurant"), is still flagged.',
    examples=[
        Example(
            "In a statement, the Redmond, Wash., company said it was buying GeCAD.",
            "In a statement, Microsoft said it was buying GeCAD.",
        ),
        Example(
            "The warranty was meant to show buyers they could trust the Korean company.",
            "The warranty was meant to show buyers they could trust Hyundai.",
        ),
        Example(
            "In a statement, the Redmond, Wash., company said it was buying GeCAD.",
            "In a statement, the company said it was buying GeCAD.",
            ("entity_dropped/info: Redmond -> -", "entity_dropped/info: Wash -> -"),
        ),
        Example(
            "He was arrested at an Alpharetta seafood restaurant on Friday.",
            "He was arrested at a Hartford restaurant on Friday.",
            ("entity_changed/warning: Alpharetta -> Hartford",),
        ),
    ],
    off=lambda dropped, pairs, *_: (dropped, pairs),
)
def described_then_named(
    dropped: list[Entity], pairs: list[Pair], da: Doc, db: Doc, m: Match
) -> tuple[list[Entity], list[Pair]]:
    """The source's lost names (``dropped``) and the names changed (``pairs``) less the source's names inside a
    description the retelling gives by a name in its place."""
    if da.lang != "en" or not (dropped or pairs):
        return dropped, pairs
    words_a = frozenset(_key(t.text) for i in m.a for t in da.sents[i].tokens)
    words_b = frozenset(_key(t.text) for i in m.b for t in db.sents[i].tokens)

    def glossed(e: Entity, x: Entity | None) -> bool:
        """Whether the source's ``e`` stands inside a description the retelling gives by name ``x`` (None: any
        name of its matched sentences that the source's lack)."""
        sv = da.sents[e.sentence]
        d = _description_around(sv, e, words_a - words_b)
        if d is None:
            return False
        if x is not None:
            ks = name_tokens(db.sents[x.sentence], x)
            return bool(ks) and _in_place(sv, d, db.sents[x.sentence], (ks[0], ks[-1] + 1))
        return any(_in_place(sv, d, db.sents[i], span) for i in m.b for span in _new_runs(db.sents[i], words_a))

    return [e for e in dropped if not glossed(e, None)], [p for p in pairs if not glossed(*p)]
