"""entity_changed / entity_added / entity_dropped, and the count of unfamiliar names the direction reads."""

from __future__ import annotations

import re
from collections.abc import Sequence

from retold.fidelity._hanta import is_name_word
from retold.fidelity._lexicon import PERSON_PRONOUNS, PLACES
from retold.fidelity._shared import Doc
from retold.fidelity._stems import fold
from retold.fidelity.entities.descriptions import (
    description_stand_ins,
    seats_of_government,
    short_forms,
    tickers_of_named,
    town_states,
)
from retold.fidelity.entities.extract import entities
from retold.fidelity.entities.glosses import described_then_named
from retold.fidelity.entities.index import _Index, _index, _whole_index
from retold.fidelity.entities.lexicon import _LAST_HEADS, _NAME_MARGIN, _NATIONAL, _ORG_HEADS
from retold.fidelity.entities.own_outlet import not_own_outlet
from retold.fidelity.entities.pairs import _alike, _context_swaps
from retold.fidelity.entities.presence import _has_name, named_in, present
from retold.fidelity.entities.slots import bracketed_glosses, here_for_places, pronouns_in_slot
from retold.fidelity.entities.speakers import named_descriptions, unnamed_speakers
from retold.fidelity.entities.swaps import (
    _german_name_swaps,
    _german_stand_ins,
    _lacking_caps,
    _overlaps,
    _partial_swaps,
    _slot_swaps,
)
from retold.fidelity.entities.tokens import Entity, _is_cap
from retold.fidelity.rules import Example, never, rule
from retold.model import Flag, Match, Severity, Span


def _inside(e: Entity, spans: Sequence[Span]) -> bool:
    return any(s.start <= e.start and e.end <= s.end for s in spans)


def compare(
    da: Doc,
    db: Doc,
    matches: Sequence[Match],
    skip_a: Sequence[Span] = (),
    skip_b: Sequence[Span] = (),
    changes: bool = True,
) -> list[Flag]:
    """entity_changed / entity_added / entity_dropped within matched sentences.

    ``skip_a``/``skip_b`` are spans already reported by another check (an outlet in a credit). Without ``changes``,
    no entity_changed: the swaps are still found (a name swapped is neither lost nor new), but those only flagged
    as changed are not read further (the direction counts only the names one side lacks).
    """
    flags: list[Flag] = []
    all_a = _whole_index(da)
    all_b = _whole_index(db)
    for m in matches:
        ea = [e for e in entities(da, m.a) if not _inside(e, skip_a)]
        eb = [e for e in entities(db, m.b) if not _inside(e, skip_b)]
        ix_a = _index(da, m.a)
        ix_b = _index(db, m.b)
        dropped = _dedupe([e for e in ea if not named_in(e, db, m.b) and not named_in(e, db)])
        added = _dedupe([e for e in eb if not named_in(e, da, m.a) and not named_in(e, da)])
        dropped, added = not_own_outlet(da, dropped), not_own_outlet(db, added)
        dropped = [e for e in dropped if not _fragment(e, da, ea, (ix_b, all_b))]
        added = [e for e in added if not _fragment(e, db, eb, (ix_a, all_a))]
        pairs: list[tuple[Entity, Entity]] = _partial_swaps(ea, eb, all_a, all_b)
        dropped = [e for e in dropped if all(e.keys != p[0].keys for p in pairs)]
        added = [e for e in added if all(e.keys != p[1].keys for p in pairs)]
        slots = _slot_swaps(da, db, m, (ea, eb), all_a, all_b, pairs)
        # the swap tells the change; the names the two words belong to are then neither lost nor new
        dropped = [e for e in dropped if not any(_overlaps(e, p[0]) for p in slots)]
        added = [e for e in added if not any(_overlaps(e, p[1]) for p in slots)]
        # German: one noun put for another looks the same, so the swap is a warning there
        loose: list[tuple[Entity, Entity]] = slots if da.lang == "de" else []
        pairs += [] if da.lang == "de" else slots
        loose += _context_swaps(da, db, dropped, added)
        if len(dropped) == 1 and len(added) == 1 and _alike(da, dropped[0], db, added[0]):
            # the statement lost one name and gained one of its shape: most likely the one replaced the other
            loose.append((dropped.pop(), added.pop()))
        if changes or da.lang == "de":  # German reads the loose pairs again (its name swaps)
            loose = _both_told_otherwise(loose, da, db, m)
        if da.lang == "de":
            loose += _german_stand_ins(da, db, m, dropped, added, ea, eb, all_a, all_b)
            swaps = _german_name_swaps(da, db, m, ea, eb, all_a, all_b, pairs + loose)
            # a name that lost or gained a word ("Jon Rahm" -> "Admiral Rahm") is told by the swap alone
            dropped = [e for e in dropped if not any(_overlaps(e, p[0]) for p in swaps)]
            added = [e for e in added if not any(_overlaps(e, p[1]) for p in swaps)]
            loose += swaps
        # the source's description the retelling names: no name changed
        dropped, pairs = described_then_named(dropped, pairs, da, db, m)
        _, loose = described_then_named([], loose, da, db, m)  # the lost names are read once, above
        for d, x, sure in [(d, x, True) for d, x in pairs] + [(d, x, False) for d, x in loose] if changes else []:
            note = (
                f"{d.text!r} became {x.text!r}"
                if sure
                else f"{d.text!r} is gone and {x.text!r} stands in the same statement"
            )
            severity: Severity = "high" if sure else "warning"
            flags.append(
                Flag("entity_changed", Span(d.start, d.end), Span(x.start, x.end), d.text, x.text, severity, note)
            )
        # the names the other side gives in other words: a description, a pronoun, "here", a speaker left unnamed
        dropped, added = _told_otherwise(da, db, m, (dropped, added))
        dropped = seats_of_government(dropped, da, db, m.b)
        added = seats_of_government(added, db, da, m.a)
        dropped = short_forms(dropped, da, m.a, db, m.b)
        added = short_forms(added, db, m.b, da, m.a)
        dropped = town_states(dropped, ea, da, all_b)
        added = town_states(added, eb, db, all_a)
        dropped = tickers_of_named(dropped, ea, da, all_b)
        added = tickers_of_named(added, eb, db, all_a)
        dropped = _joined(da, dropped)
        added = _joined(db, added)
        for d in dropped:
            flags.append(
                Flag("entity_dropped", Span(d.start, d.end), None, d.text, None, "info", f"{d.text!r} left out")
            )
        for x in added:
            flags.append(
                Flag(
                    "entity_added",
                    None,
                    Span(x.start, x.end),
                    None,
                    x.text,
                    "warning",
                    f"{x.text!r} is not in the other text",
                )
            )
    return flags


def _told_otherwise(
    da: Doc, db: Doc, m: Match, names: tuple[list[Entity], list[Entity]]
) -> tuple[list[Entity], list[Entity]]:
    """The lost and the new names of a match less those the other side gives in other words: a description, a
    pronoun, "here", a speaker left unnamed."""
    dropped, added = names
    for same in (
        named_descriptions,
        _pronoun_stand_ins,
        pronouns_in_slot,
        here_for_places,
        bracketed_glosses,
        description_stand_ins,
        unnamed_speakers,
    ):
        dropped = same(dropped, da, m.a, db, m.b)
        added = same(added, db, m.b, da, m.a)
    return dropped, added


@rule(
    "entities.both_told_otherwise",
    purpose="A name lost and one gained that only their statement pairs (no word of either kept: a loose swap) are "
    "no name put for another where the other side gives each of them in other words, the lost one by a pronoun "
    'or a description, the new one likewise ("Mr. Lund has thanked the pastor" / "He has thanked Dr. Berg": '
    "Lund is 'He', Berg is 'the pastor'): the same two referents, nothing changed. A pair one of whose names no "
    "other reading accounts for is still a swap.",
    examples=[
        Example(
            "Mr. Lund has thanked the pastor for the idea of the fund.",
            "He has thanked Dr. Berg for the idea of the fund.",
        ),
        Example(
            "Mr. Lund has thanked the pastor for the idea of the fund.",
            "He has thanked Dr. Berg and Anna Vik for the idea of the fund.",
            ("entity_added/warning: - -> Anna Vik",),
        ),
        Example(
            "Mr. Lund has thanked the mayor for the idea of the fund.",
            "Mr. Vik has thanked the mayor for the idea of the fund.",
            ("entity_changed/high: Lund -> Vik",),
        ),
    ],
    off=lambda loose, *_: loose,
)
def _both_told_otherwise(loose: list[tuple[Entity, Entity]], da: Doc, db: Doc, m: Match) -> list[tuple[Entity, Entity]]:
    """The loose pairs less those whose lost name and new name the other side each gives in other words."""
    return [
        p for p in loose if _told_otherwise(da, db, m, ([p[0]], []))[0] or _told_otherwise(da, db, m, ([], [p[1]]))[1]
    ]


_AND_GAP = re.compile(r"^\s*(?:,|,?\s*(?:and|&))\s*$")


_POSS_GAP = re.compile(r"^'s?\s+(?:[A-Z][\w-]*\s+)+$")  # "Council's Finance Committee": words between


_PAREN_GAP = re.compile(r"^\s*\)\s*$")


@rule(
    "entities.fragment",
    purpose='A single word split off a longer name the other text has is no name of its own ("Museum" of '
    '"Kennedy Library and Museum", "Children" of "Children\'s Hospital", the "(Harold)" of "Admiral (Harold) Gehman").',
    examples=[
        Example("She works at Children's Hospital in Boston.", "She works at the hospital in Boston.", ()),
        Example("Admiral (Harold) Gehman led the board.", "Admiral Gehman led the board.", ()),
        Example(
            "She works at Children's Hospital in Boston.",
            "She works in Boston.",
            (
                "entity_dropped/info: Children -> -",
                "entity_dropped/info: Hospital -> -",
            ),
        ),
    ],
    off=never,
)
def _fragment(e: Entity, doc: Doc, ents: Sequence[Entity], other: Sequence[_Index]) -> bool:
    """A single word split off a longer name the other text has: "Museum" of "Kennedy Library and Museum",
    "Tobacco" of "Bureau of Alcohol, Tobacco, Firearms and Explosives" (ATF), "Children" of "Children's
    Hospital", "Committee" of "Council's Finance Committee", the "(Harold)" of "Admiral (Harold) Gehman"."""
    if len(e.keys) != 1 or e.acronym:
        return False
    t = doc.article.text
    same = [x for x in ents if x.sentence == e.sentence]
    same.sort(key=lambda x: x.start)
    k = next((n for n, x in enumerate(same) if x.start == e.start), None)
    if k is None:
        return False

    def there(x: Entity) -> bool:
        return any(present(x, ix) for ix in other)

    # a chain joined by commas and "and" that an institution word heads, read back from e
    chain = [e]
    j = k
    while j > 0 and _AND_GAP.match(t[same[j - 1].end : same[j].start]):
        j -= 1
        chain.insert(0, same[j])
    head = chain[0]
    if len(chain) >= 2 and len(head.keys) >= 2 and any(w in _ORG_HEADS for w in head.keys):
        while j + len(chain) < len(same) and _AND_GAP.match(t[chain[-1].end : same[j + len(chain)].start]):
            chain.append(same[j + len(chain)])
        if there(head):
            return True
        initials = "".join(w[0].upper() for x in chain for w in x.text.split() if _is_cap(w))
        if any(len(a) >= 3 and a in initials for ix in other for a in ix.acronyms):
            return True
    if k + 1 < len(same):
        nxt = same[k + 1]
        gap = t[e.end : nxt.start]
        # "Children's Hospital" (an institution word follows, no place before), "(Harold) Gehman"
        poss = gap in ("'s ", "' ") and nxt.keys[-1] in _ORG_HEADS and e.keys[0] not in PLACES
        if (poss or _PAREN_GAP.match(gap)) and there(nxt):
            return True
    if k > 0:
        prev = same[k - 1]
        if _POSS_GAP.match(t[prev.end : e.start]) and there(prev):
            return True
    return False


@rule(
    "entities.joined_flags",
    purpose='Names flagged side by side that an institution\'s name joins are one ("Anti-Terrorism" and "Crime and '
    'Security Act" are one act).',
    examples=[
        Example(
            "He cited the Anti-Terrorism, Crime and Security Act in court.",
            "He cited it in court.",
            ("entity_dropped/info: Anti-Terrorism, Crime and Security Act -> -",),
        ),
        Example(
            "He met Barbara Comstock, Justice Department, in court.",
            "He met them in court.",
            (
                "entity_dropped/info: Barbara Comstock -> -",
                "entity_dropped/info: Justice Department -> -",
            ),
        ),
    ],
    off=lambda doc, es: es,
)
def _joined(doc: Doc, es: list[Entity]) -> list[Entity]:
    """Names flagged side by side that an institution's name joins, as one: "Anti-Terrorism" and "Crime and
    Security Act" are one act. Only names both lost (or both new) are joined here, so a list of them may be;
    ``_and_joined`` has already made one name of a single word and "and" before one ("Food and Drug
    Administration") wherever it stands."""
    t = doc.article.text
    out: list[Entity] = []
    for e in sorted(es, key=lambda x: x.start, reverse=True):
        nxt = out[-1] if out else None
        if (
            nxt is not None
            and nxt.sentence == e.sentence
            and nxt.keys[-1] in _LAST_HEADS
            and _AND_GAP.match(t[e.end : nxt.start])
            and (len(e.keys) == 1 or "," not in t[e.end : nxt.start])  # "Barbara Comstock, Justice Department"
            and not (len(e.keys) == 1 and e.keys[0] in _NATIONAL)
        ):
            out[-1] = Entity(e.start, nxt.end, t[e.start : nxt.end], e.keys + nxt.keys, False, e.sentence)
        else:
            out.append(e)
    return sorted(out, key=lambda x: x.start)


def _person_pronouns(doc: Doc, sents: Sequence[int]) -> int:
    return sum(1 for i in sents for t in doc.sents[i].tokens if t.text.lower() in PERSON_PRONOUNS)


@rule(
    "entities.pronoun_stand_in",
    purpose='A person named on one side only, where the other side has a pronoun for one person more ("he said" '
    'for "Mr. Kuo said", "his arrest" for "Taylor\'s arrest"), is the same person, not one left out or brought in; '
    "only as many names as spare pronouns, and never a place, an organisation or an acronym.",
    examples=[
        Example(
            "The computers were in Canada and Korea, Mr. Kuo said.", "The computers were in Canada and Korea, he said."
        ),
        Example(
            "A warrant for his arrest was sent to Interpol.", "A warrant for Taylor's arrest was sent to Interpol."
        ),
        Example(
            "He said the port will close.",
            "Anna Berg and Tom Vik said the port will close.",
            ("entity_added/warning: - -> Anna Berg", "entity_added/warning: - -> Tom Vik"),
        ),
        Example(
            "He said the port will close.",
            "The port in Oslo will close, the mayor said.",
            ("entity_added/warning: - -> Oslo",),
        ),
        Example(
            "Mr. Kuo said the port will close.",
            "The port will close, officials said.",
            ("entity_dropped/info: Kuo -> -",),
        ),
    ],
    off=lambda names, *_: names,
)
def _pronoun_stand_ins(
    names: list[Entity], doc: Doc, own: Sequence[int], other: Doc, theirs: Sequence[int]
) -> list[Entity]:
    """``names`` (lost or new on ``doc``'s side) less those a spare pronoun of the other side stands for:
    retellings put "he" for a name the sentence before gave, or the name for the source's "he". A name swap
    keeps the pronouns as they were, so it has none to spare."""
    spare = _person_pronouns(other, theirs) - _person_pronouns(doc, own)
    people = [e for e in names if not e.acronym and e.keys[-1] not in _ORG_HEADS and not set(e.keys) & _NATIONAL]
    if spare <= 0 or not people or len(people) > spare:
        return names
    return [e for e in names if e not in people]


def unfamiliar_names(doc: Doc, i: int, other: Doc, known: Sequence[int]) -> int:
    """How many names of sentence ``i`` neither the other article nor the ``known`` sentences of its own
    have: a passage brought in from another story brings its own people and places. In German a single
    capitalised word the tagger reads as a name counts too ("Liverpool", "Neapel"): the extractor leaves such
    words out of flags, but here a stray noun costs little."""
    ix_other = _whole_index(other)
    ents = _dedupe(entities(doc, [i]))
    strange = [e for e in ents if not present(e, ix_other)]
    lacking: dict[str, str] = {}
    if doc.lang == "de":
        inside = {fold(w) for e in ents for w in e.text.split()}
        lacking = {low: sv.tokens[k].text for sv, k, low in _lacking_caps(doc, [i], ix_other) if low not in inside}
    if not strange and not lacking:
        return 0  # the index of the rest of the article is not needed
    ix_own = _index(doc, known)
    n = sum(1 for e in strange if not present(e, ix_own))
    n += sum(1 for low, w in lacking.items() if not _has_name(ix_own, low) and is_name_word(w, _NAME_MARGIN))
    return n


def _dedupe(es: list[Entity]) -> list[Entity]:
    seen: set[tuple[str, ...]] = set()
    out = []
    for e in es:
        if e.keys in seen:
            continue
        seen.add(e.keys)
        out.append(e)
    return out
