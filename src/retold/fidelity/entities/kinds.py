"""What kind of thing a name names (a place, an organisation, a person), read from what the name check knows:
one name put for another in a statement names a thing of the same kind."""

from __future__ import annotations

import re

from retold.fidelity._lexicon import PLACES, STOP, TITLES, words_of
from retold.fidelity._shared import Doc, SentView
from retold.fidelity._stems import fold
from retold.fidelity.entities.lexicon import _NATIONAL, _ORG_HEADS, _ORG_SUFFIXES
from retold.fidelity.entities.spelling import _near_spelling, _same_word
from retold.fidelity.entities.tokens import Entity, _strip_possessive
from retold.fidelity.outlet_names import outlet_like
from retold.fidelity.rules import Example, never, rule
from retold.text.speech import SPEECH_VERBS

# words that end ("Venango County") or open ("Gulf of Aden") the name of a place
_PLACE_LAST = frozenset(words_of("county province island islands river ocean sea bay coast valley peninsula"))
_PLACE_FIRST = frozenset(words_of("gulf mount lake cape"))

# a name after "the" names an organisation, a place or a thing, never a person ("the White House", "the Register")
_NOT_PERSON = "the"
# titles that also qualify a thing ("state Herald", "Foreign Ministry"): before a name they say nothing of a person
_TITLES = TITLES - frozenset(
    words_of("state foreign defence defense interior finance chief executive head deputy vice prime leader general")
)
# a name right before a verb of saying is a person or an organisation, whichever it is ("Kline noted")
_SPEAKER = "speaker"
_SAYING = frozenset(v for v in SPEECH_VERBS if " " not in v)
_THE_BEFORE = re.compile(r"(?:^|\W)the\s+$", re.IGNORECASE)
_THE_NEAR = re.compile(r"(?:^|\W)the\s+(?:[\w.]+\s+)?$", re.IGNORECASE)
_WORD_BEFORE = re.compile(r"([\w.]+)\s+$")
_WORD_AFTER = re.compile(r"'?s?\s+([\w-]+)")


def _titled(doc: Doc) -> frozenset[str]:
    """The capitalised words of a text that follow a person's title ("Mr. Bush", "Gov. Bob Holden")."""
    key = "entities:titled"
    if key not in doc.cache:
        out: set[str] = set()
        for sv in doc.sents:
            toks = sv.tokens
            for k in range(1, len(toks)):
                if fold(toks[k - 1].text).rstrip(".") not in _TITLES:
                    continue
                for t in toks[k : k + 3]:
                    if not t.text[:1].isupper():
                        break
                    out.add(fold(_strip_possessive(t.text)[0]))
        doc.cache[key] = frozenset(out)
    got: frozenset[str] = doc.cache[key]
    return got


def kind(doc: Doc, e: Entity) -> str:
    """``place``, ``org``, ``person``, ``the`` (after "the": no person), ``speaker`` (before "said": a person or
    an organisation) or "" (not told; an acronym is either of the first two)."""
    if e.acronym:
        return ""
    keys = e.keys
    text = doc.article.text
    before = _WORD_BEFORE.search(text[max(0, e.start - 20) : e.start])
    if before and fold(before.group(1)).rstrip(".") in _TITLES:
        return "person"  # this mention follows a title ("President Bush")
    # one word of a list is no sure kind: "Paris", "Deutsch" and "Bloomberg" are people's names too
    if len(keys) > 1 and (all(k in _NATIONAL for k in keys) or keys[-1] in _PLACE_LAST or keys[0] in _PLACE_FIRST):
        return "place"
    last = fold(e.text.split()[-1]).rstrip(".")
    the = bool(_THE_NEAR.search(text[max(0, e.start - 16) : e.start]))
    if len(keys) > 1 and ((keys[-1] in _ORG_HEADS and the) or last in _ORG_SUFFIXES or outlet_like(e.text)):
        return "org"  # "the Justice Department", "the U.S. Supreme Court", "OGE Energy Corp."
    if fold(e.text.split()[0]).rstrip(".") in _TITLES or any(k in _titled(doc) for k in keys):
        return "person"
    after = _WORD_AFTER.match(text, e.end)
    if after and fold(after.group(1)) in _SAYING:
        return _SPEAKER  # "Kline noted", "Paris said": whoever speaks is no place
    if len(keys) == 1 and keys[0] in PLACES:
        return "place"  # a country, a capital, a US state: "Under Kansas law"
    if after and after.group(1).islower() and fold(after.group(1)) not in STOP:
        return ""  # a name before a noun says what the noun is ("the Venango County man", "the Korean company")
    return _NOT_PERSON if _THE_BEFORE.search(text[max(0, e.start - 6) : e.start]) else ""


def _compatible(x: str, y: str) -> bool:
    """Kinds that may name one sort of thing: the same, an unnamed "the" thing and a place or organisation, or
    a speaker and anything but a place."""
    if _SPEAKER in (x, y):
        return "place" not in (x, y)
    return x == y or ({x, y} <= {_NOT_PERSON, "place", "org"} and _NOT_PERSON in {x, y})


@rule(
    "entities.same_kind",
    purpose="One name put for another names a thing of the same kind: where the words tell the kind of both (a "
    'title before a person, "the" before no person, a place of several words, "the" and an institution word, a '
    "company form, a word of the place list such as a country or a US state, a name before a verb of saying), a "
    'person is not put for a place or a thing ("Dr. Dean said" -> "He told the Register"), nor a speaker for a '
    'place ("Under Kansas law" -> "Kline noted"). A kind told on one side only is no clash: a name the words say '
    "nothing of may be anything.",
    examples=[
        Example(
            'This is what Dr. Dean said: "I want to win."',
            'He told the Register: "I want to win."',
            ("entity_added/warning: - -> Register",),
        ),
        Example(
            "Talks were held with Mr. Lavrov on Monday.",
            "Talks were held in New York on Monday.",
            ("entity_dropped/info: Lavrov -> -", "entity_added/warning: - -> New York"),
        ),
        Example(
            "Talks were held with Sergei Lavrov in Geneva.",
            "Talks were held with Antony Blinken in Geneva.",
            ("entity_changed/high: Sergei Lavrov -> Antony Blinken",),
        ),
        Example(
            "Endeavour came apart over Nevada during descent on March 9.",
            "Endeavour broke apart in the skies above Dalton on March 9.",
            ("entity_changed/warning: Nevada -> Dalton",),
        ),
        Example(
            "Under Oregon law, it is unlawful for minors to gamble.",
            "In the ruling, Abbott noted that it is unlawful for minors to gamble.",
            ("entity_dropped/info: Oregon -> -", "entity_added/warning: - -> Abbott"),
        ),
    ],
    off=never,
)
def unlike(da: Doc, x: Entity, db: Doc, y: Entity) -> bool:
    """Whether ``x`` of ``da`` and ``y`` of ``db`` are names of two kinds the words tell apart, so neither was put
    for the other. A kind told on one side only is no clash: the injected swaps of ``fidelity_eval.py`` put any
    name for any other, and a name the words say nothing of may be anything."""
    kx, ky = kind(da, x), kind(db, y)
    return bool(kx and ky and not _compatible(kx, ky))


def _words(text: str) -> set[str]:
    return {w for w in fold(text).replace("-", " ").split() if len(w) > 2 and w not in STOP and w not in TITLES}


def rest_beside(sa: SentView, ka: int, host: Entity, y: Entity) -> bool:
    """Whether the rest of the name ``host`` (of the other text, which has it) stands beside word ``ka`` of
    ``sa``: then ``y`` replaced that word of one name ("Ryder Cup" -> "Ryder Okonjo"); else ``y`` is only a
    word of a name the text gives another way ("The Times and shown to the Associated Press" -> "The New York
    Times": "New" is no "Associated" changed)."""
    near = _words(" ".join(t.text for t in sa.tokens[max(0, ka - 2) : ka] + sa.tokens[ka + 1 : ka + 3]))
    return any(_same_word(w, v) or _near_spelling(w, v) for w in _words(host.text) - _words(y.text) for v in near)
