"""A name on one side where the other side has a word standing for it in its place: a pronoun ("Drax's American
owner" / "its American owners", "SCO intends" / "We intend"), "here" for a place ("officers in Baghdad" / "officers
here"), or the pronoun an editor's bracketed name glosses ("him [Mr. Cheney]" / "him"). The same referent; nothing
is left out or added (issue 15)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from retold.fidelity._lexicon import PERSON_PRONOUNS, SPEAKING_PRONOUNS, STOP, words_of
from retold.fidelity._shared import Doc, SentView, Token
from retold.fidelity._stems import fold
from retold.fidelity.entities.descriptions import _key, name_tokens, spend
from retold.fidelity.entities.lexicon import _EN_DETERMINERS
from retold.fidelity.entities.tokens import Entity, _strip_possessive
from retold.fidelity.rules import Example, rule

# a pronoun that may stand where a name stood: its subject, object and possessive forms
_STANDING = PERSON_PRONOUNS | SPEAKING_PRONOUNS | frozenset(words_of("its our their them us"))
_JOINED = frozenset(words_of("and or nor"))


def _free(toks: Sequence[Token], k: int) -> bool:
    """Whether token k is a pronoun (written as one: "it", "We"; not "US") with nothing before it in its sentence
    that it could stand for: no name and no noun a determiner opens ("The company reported that it ended" speaks
    of the company)."""
    w = toks[k].text
    if w.lower() not in _STANDING or not (w.islower() or w.istitle()):
        return False
    return not any(
        t.text.lower() in _EN_DETERMINERS or (j > 0 and t.text[:1].isupper()) for j, t in enumerate(toks[:k])
    )


def _pronoun_slots(doc: Doc, sents: Sequence[int]) -> list[str]:
    """The keys of the content words a free pronoun stands right before ("its American", "We intend")."""
    out = []
    for i in sents:
        toks = doc.sents[i].tokens
        for k in range(len(toks) - 1):
            nxt = toks[k + 1].text
            if nxt.lower() not in STOP and nxt.replace("-", "").isalpha() and _free(toks, k):
                out.append(_key(nxt))
    return out


def _next_word(sv: SentView, e: Entity) -> str | None:
    """The key of the content word right after a name ("Drax's American owner": "american"), None at the end of
    its sentence, before a small word ("Drax is"), where a pronoun of this side holds the place before the name
    ("his French-born wife": the pronoun is the wife's owner, the name a word of her description), or where the
    name is part of a longer word ("French-born")."""
    ks = name_tokens(sv, e)
    if not ks or ks[-1] + 1 >= len(sv.tokens):
        return None
    if ks[0] > 0 and sv.tokens[ks[0] - 1].text.lower() in _STANDING | _JOINED:
        return None  # "his French-born wife", "Anna Berg and Tom Vik said"
    if fold(_strip_possessive(sv.tokens[ks[-1]].text)[0]) != fold(e.text.split()[-1].rstrip(".")):
        return None
    w = sv.tokens[ks[-1] + 1].text
    return _key(w) if w.lower() not in STOP and w.replace("-", "").isalpha() else None


@rule(
    "entities.pronoun_in_slot",
    lang="en",
    purpose="A name on one side only, right before a content word that on the other side follows a pronoun this "
    'side lacks there ("Drax\'s American owner" / "its American owners", "SCO intends" / "We intend", "America\'s '
    "'spiritual enemy'\" / \"Our 'spiritual enemy'\"), is what the pronoun stands for: the same referent in the same "
    "place, not a name left out or brought in. Only a pronoun with nothing before it in its sentence that it could "
    "stand for (no name, no noun a determiner opens) counts, and each stands for one name; a name before a word no "
    "such pronoun stands before, before a small word ('Drax is' / 'it is'), joined to another name by 'and', or a "
    "word of a description a pronoun opens ('his French-born wife' / 'his wife'), is still flagged.",
    examples=[
        Example(
            "Last month Harbel's Danish owner, Velden Group, pulled out of the mill deal.",
            "Last month its Danish owner, Velden Group, pulled out of the mill deal.",
        ),
        Example(
            "NVX intends to offer them a cheaper licence, he said.",
            '"We intend to offer them a cheaper licence," he said.',
        ),
        Example(
            "Last month Harbel's Danish owner, Velden Group, pulled out of the mill deal.",
            "Last month its owner, Velden Group, pulled out of the mill deal.",
            ("entity_dropped/info: Harbel -> -",),
        ),
        Example(
            "Marlow died at his farm with his Irish-born wife beside him.",
            "Marlow died at his farm with his wife beside him.",
            ("entity_dropped/info: Irish -> -",),
        ),
        Example(
            "NVX is ready to offer them a cheaper licence, he said.",
            "It is ready to offer them a cheaper licence, he said.",
            ("entity_dropped/info: NVX -> -",),
        ),
    ],
    off=lambda names, *_: names,
)
def pronouns_in_slot(
    names: list[Entity], doc: Doc, own: Sequence[int], other: Doc, theirs: Sequence[int]
) -> list[Entity]:
    """``names`` (lost or new on ``doc``'s side) less those before a word a spare pronoun of the other side's
    sentences ``theirs`` stands before: a retelling puts "its" for "Drax's", or "We" for "SCO" in a quote."""
    if not names or doc.lang != "en":
        return names
    spare = Counter(_pronoun_slots(other, theirs)) - Counter(_pronoun_slots(doc, own))
    return spend(names, spare, lambda e: [_next_word(doc.sents[e.sentence], e)])


_HERE = frozenset(words_of("here there"))
_AT = frozenset(words_of("in at"))  # a place where something is: "officers in Baghdad"


def _here_slots(doc: Doc, sents: Sequence[int]) -> list[str]:
    """The keys of the content words "here" or "there" follows ("officers here")."""
    out = []
    for i in sents:
        toks = doc.sents[i].tokens
        for k in range(1, len(toks)):
            w = toks[k - 1].text
            if toks[k].text.lower() in _HERE and w.lower() not in STOP and w.replace("-", "").isalpha():
                out.append(_key(w))
    return out


def _word_before_in(sv: SentView, e: Entity) -> str | None:
    """The key of the content word before "in" or "at" and the name ("officers in Baghdad": "officer")."""
    ks = name_tokens(sv, e)
    if not ks or ks[0] < 2 or sv.tokens[ks[0] - 1].text.lower() not in _AT:
        return None
    w = sv.tokens[ks[0] - 2].text
    return _key(w) if w.lower() not in STOP and w.replace("-", "").isalpha() else None


@rule(
    "entities.here_for_place",
    lang="en",
    purpose='A place on one side only, named after "in" or "at" behind a word that on the other side "here" or '
    '"there" follows instead ("Iraqi financial officers in Baghdad" / "Iraqi financial officers here", the '
    "dateline's town), is the place that word points at: the same place, not one left out or brought in. Each "
    '"here" stands for one place; a place behind another word is still flagged.',
    examples=[
        Example(
            "The transfer was confirmed by an adviser working with Kenyan customs officers in Mombasa.",
            "The transfer was confirmed by an adviser working with Kenyan customs officers here.",
        ),
        Example(
            "The transfer was confirmed by an adviser working with Kenyan customs officers in Mombasa.",
            "The transfer was confirmed here by an adviser working with Kenyan customs officers.",
            ("entity_dropped/info: Mombasa -> -",),
        ),
    ],
    off=lambda names, *_: names,
)
def here_for_places(
    names: list[Entity], doc: Doc, own: Sequence[int], other: Doc, theirs: Sequence[int]
) -> list[Entity]:
    """``names`` (lost or new on ``doc``'s side) less the places the other side's "here" stands for."""
    if not names or doc.lang != "en":
        return names
    spare = Counter(_here_slots(other, theirs)) - Counter(_here_slots(doc, own))
    return spend(names, spare, lambda e: [_word_before_in(doc.sents[e.sentence], e)])


# a name an editor puts in square brackets after a pronoun of a quote, to say whom it means: "him [Mr. Cheney]"
_GLOSS_BEFORE = re.compile(r"\b(\w+)\s*\[\s*(?:[A-Z][a-z]{0,3}\.?\s+)?$")
_GLOSS_AFTER = re.compile(r"^\s*\]")


@rule(
    "entities.bracketed_gloss",
    lang="en",
    purpose='A name in square brackets right after a pronoun ("I will tell her [Ms. Varga] that ...") is '
    "the editor's gloss of that pronoun: where the other side keeps the pronoun without the gloss, it keeps the "
    "same person, no name is left out or brought in. A bracketed name after another word, or where the other side "
    "lacks the pronoun, is still flagged.",
    examples=[
        Example(
            '"I will tell him [Mr. Arlen] that the harbour stays open to every shipper," Ms. Dorsey said.',
            '"I will tell him that the harbour stays open to every shipper," Ms. Dorsey said.',
        ),
        Example(
            '"I will tell him [Mr. Arlen] that the harbour stays open to every shipper," Ms. Dorsey said.',
            '"I will say that the harbour stays open to every shipper," Ms. Dorsey said.',
            ("entity_dropped/info: Arlen -> -",),
        ),
    ],
    off=lambda names, *_: names,
)
def bracketed_glosses(
    names: list[Entity], doc: Doc, own: Sequence[int], other: Doc, theirs: Sequence[int]
) -> list[Entity]:
    """``names`` (lost or new on ``doc``'s side) less the editor's glosses of a pronoun the other side keeps."""
    if not names:
        return names
    t = doc.article.text
    kept = {tok.text.lower() for i in theirs for tok in other.sents[i].tokens}
    out = []
    for e in names:
        before = _GLOSS_BEFORE.search(t[max(0, e.start - 40) : e.start])
        pronoun = before.group(1).lower() if before else ""
        if not (pronoun in _STANDING and pronoun in kept and _GLOSS_AFTER.match(t[e.end : e.end + 5])):
            out.append(e)
    return out
