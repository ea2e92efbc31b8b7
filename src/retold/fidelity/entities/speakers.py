"""A person or body one side names and the other only describes: the speaker of a credit ("Kerry said" / "said the
senator", "SCO said" / "The company reported"), or the one a description both keep points at ("colleague Adel
Alhadlaq" / "a colleague"). The same referent, named or no longer named (issue 15)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from retold.fidelity._lexicon import STOP, words_of
from retold.fidelity._shared import Doc, SentView
from retold.fidelity._stems import fold, stem
from retold.fidelity.entities.descriptions import _HONORIFICS, SPACE, name_tokens, spend
from retold.fidelity.entities.kinds import _SAYING
from retold.fidelity.entities.lexicon import _EN_ARTICLES, _EN_DETERMINERS, _TITLES_DESCRIPTORS
from retold.fidelity.entities.tokens import Entity
from retold.fidelity.rules import Example, rule

# what a speaker does in a credit: a verb of saying, or "reported" ("The company reported that ...")
_SAYS = _SAYING | frozenset(words_of("reported reports"))
_DETERMINERS = _EN_DETERMINERS | frozenset(words_of("this"))
_ONE = frozenset(words_of("he she it"))  # a pronoun for one speaker
_AUXILIARIES = frozenset(words_of("has had have was is would will also later then"))
_LONGEST = 4  # words of a speaker nobody names: "the chief financial officer said"
_APPOSITION = re.compile(r"^\s*,\s*$")
_JOINED = frozenset(words_of("and or &"))


def _say(sv: SentView, k: int) -> bool:
    return 0 <= k < len(sv.tokens) and fold(sv.tokens[k].text) in _SAYS


def _plain(sv: SentView, k: int) -> bool:
    """Whether token k is a lower-case word of a description ("company", "senator", "prosecutors")."""
    w = sv.tokens[k].text
    return w[:1].islower() and w.replace("-", "").replace("'", "").isalpha() and fold(w) not in _SAYS


def _gap(sv: SentView, k: int) -> str:
    """What stands between tokens k - 1 and k."""
    return sv.norm[sv.tokens[k - 1].end : sv.tokens[k].start]


def _unnamed_before(sv: SentView, k: int) -> bool:
    """Whether the speaker of the verb at token k stands before it, unnamed and one: a pronoun ("he said", "it
    said") or a determiner and lower-case words ("The company reported"; "the Connecticut Democrat" is named,
    "prosecutors said" are many)."""
    if k == 0 or not SPACE.match(_gap(sv, k)):
        return False
    j = k - 1
    while j > 0 and fold(sv.tokens[j].text) in _AUXILIARIES and SPACE.match(_gap(sv, j)):
        j -= 1  # "he had asked", "the company has said"
    if fold(sv.tokens[j].text) in _ONE:
        return True
    words = 0
    while j >= 0 and words < _LONGEST:
        w = fold(sv.tokens[j].text)
        if w in _DETERMINERS:
            return words > 0
        if not _plain(sv, j) or w in STOP or (j == 0 or not SPACE.match(_gap(sv, j))):
            return False
        words += 1
        j -= 1
    return False


def _unnamed_after(sv: SentView, k: int) -> bool:
    """Whether the speaker of the verb at token k follows it, unnamed and one, and ends the clause: "said the
    senator,", "said a spokesman." ("said the authority can hold" says what the authority can do)."""
    toks, j = sv.tokens, k + 1
    if j < len(toks) and fold(toks[j].text) in _ONE and (j + 1 == len(toks) or not SPACE.match(_gap(sv, j + 1))):
        return True  # "..., said he."
    if not (j < len(toks) and fold(toks[j].text) in _EN_ARTICLES and SPACE.match(_gap(sv, j))):
        return False
    j += 1
    words = 0
    while j < len(toks) and words < _LONGEST and SPACE.match(_gap(sv, j)):
        if not _plain(sv, j) or fold(toks[j].text) in STOP:
            return False
        words += 1
        j += 1
    return words > 0 and (j == len(toks) or not SPACE.match(_gap(sv, j)))


def _unnamed(doc: Doc, sents: Sequence[int]) -> int:
    """How many verbs of saying in these sentences have a speaker nobody names."""
    n = 0
    for i in sents:
        sv = doc.sents[i]
        n += sum(1 for k in range(len(sv.tokens)) if _say(sv, k) and (_unnamed_before(sv, k) or _unnamed_after(sv, k)))
    return n


def _speaking(sv: SentView, e: Entity) -> bool:
    """Whether a name is the speaker of a verb of saying: "Kerry said", "said Sen. Wyden", "the judge, Louis
    York, said"."""
    ks = name_tokens(sv, e)
    if not ks:
        return False
    first, last = ks[0], ks[-1]
    if first > 0 and fold(sv.tokens[first - 1].text) in _JOINED:
        return False  # "SCO and IBM said": two speakers, one unnamed speaker cannot stand for both
    nxt = last + 1
    if nxt < len(sv.tokens) and _say(sv, nxt):
        gap = _gap(sv, nxt)
        if SPACE.match(gap) or (_APPOSITION.match(gap) and first > 0 and _APPOSITION.match(_gap(sv, first))):
            return True
    k = first - 1
    while k >= 0 and fold(sv.tokens[k].text).rstrip(".") in _TITLES_DESCRIPTORS:
        k -= 1  # "said Sen. Ron Wyden"
    ends = nxt == len(sv.tokens) or not SPACE.match(_gap(sv, nxt))  # "said Kerry." ("said York can" is no credit)
    return ends and k >= 0 and _say(sv, k) and all(SPACE.match(_gap(sv, j)) for j in range(k + 1, first + 1))


@rule(
    "entities.unnamed_speaker",
    lang="en",
    purpose='A name that says something on one side only ("Kerry said", "said Sen. Wyden", "SCO said"), where the '
    'other side has a verb of saying more whose speaker it does not name ("said the senator", "The company '
    'reported", "he said"), is that speaker named or no longer named: the same credit told in '
    "other words, not a name brought in or left out. Each unnamed speaker stands for one name; a name that does "
    "not speak, or one more than the spare speakers, is still flagged.",
    examples=[
        Example(
            '"The loss of jobs is real," said the senator, a war veteran.',
            '"The loss of jobs is real," Kerry said.',
        ),
        Example(
            "The company reported that it ended the contract for improper transfer of code.",
            "SCO said it ended the contract for improper transfer of code.",
        ),
        Example(
            "Transfers from the accounts totaled $3.2 billion, the prosecutor said.",
            "Transfers from the accounts totaled $3.2 billion, Morgenthau said.",
        ),
        Example(
            "The authority can hold more hearings, the judge said.",
            "But the judge, Amal Reyes, said the authority can hold more hearings.",
        ),
        Example(
            "Transfers from the accounts totaled $3.2 billion, prosecutors said.",
            "Transfers from the accounts totaled $3.2 billion, Morgenthau said.",
            ("entity_added/warning: - -> Morgenthau",),
        ),
        Example(
            "The company reported that it ended the contract.",
            "SCO and IBM said they ended the contract.",
            ("entity_added/warning: - -> SCO", "entity_added/warning: - -> IBM"),
        ),
        Example(
            "The company reported that it ended the contract.",
            "SCO said that IBM ended the contract.",
            ("entity_added/warning: - -> IBM",),
        ),
        Example(
            "Transfers from the accounts totaled $3.2 billion, prosecutors said.",
            "Transfers from the accounts at Citibank totaled $3.2 billion, prosecutors said.",
            ("entity_added/warning: - -> Citibank",),
        ),
        Example(
            "Transfers from the accounts totaled $3.2 billion, Morgenthau said.",
            "Transfers from the accounts totaled $3.2 billion.",
            ("entity_dropped/info: Morgenthau -> -",),
        ),
    ],
    off=lambda names, *_: names,
)
def unnamed_speakers(
    names: list[Entity], doc: Doc, own: Sequence[int], other: Doc, theirs: Sequence[int]
) -> list[Entity]:
    """``names`` (lost or new on ``doc``'s side) less the speakers an unnamed speaker of the other side stands for.
    A name swapped for another keeps its verb and leaves no unnamed speaker behind."""
    if not names or doc.lang != "en":
        return names
    spare = _unnamed(other, theirs) - _unnamed(doc, own)
    speaking = [e for e in names if _speaking(doc.sents[e.sentence], e)]
    if spare <= 0 or not speaking or len(speaking) > spare:
        return names
    return [e for e in names if e not in speaking]


def _determined(sv: SentView, k: int) -> bool:
    """Whether a determiner opens the phrase token k ends: right before it ("a colleague", "the judge"), or before
    the words that qualify a title ("a US district judge")."""
    reach = 4 if fold(sv.tokens[k].text).rstrip(".") in _TITLES_DESCRIPTORS else 2
    for j in range(k - 1, max(-1, k - reach), -1):
        if not SPACE.match(_gap(sv, j + 1)):
            return False
        if fold(sv.tokens[j].text) in _DETERMINERS:
            return True
    return False


def _closed(sv: SentView, k: int) -> bool:
    """Whether the name whose words start at or after token k is closed as an apposition: a comma or the end
    after its capitalised words ("the judge, Louis York, said", "his wife, Laci.")."""
    while k + 1 < len(sv.tokens) and sv.tokens[k + 1].text[:1].isupper() and SPACE.match(_gap(sv, k + 1)):
        k += 1
    return k + 1 == len(sv.tokens) or not SPACE.match(_gap(sv, k + 1))


def _description_before(sv: SentView, e: Entity) -> str | None:
    """The key of the description a name follows: a title ("District Judge Myron Thompson"), a lower-case noun
    with a comma ("the judge, Louis York", "his son, Hunter") or with no determiner before it ("colleague Adel
    Alhadlaq"; "the index SPX" is the index's name), or None."""
    ks = name_tokens(sv, e)
    if not ks or ks[0] == 0:
        return None
    k, gap = ks[0] - 1, _gap(sv, ks[0])
    if "," in gap and not _closed(sv, ks[-1]):
        return None  # "This year, Peninsula health officials": no apposition
    w = fold(sv.tokens[k].text).rstrip(".")
    if not re.fullmatch(r"\s*,?\s*", gap) or w in STOP or w in _HONORIFICS:
        return None
    if w in _TITLES_DESCRIPTORS:
        return stem(w)
    plain = sv.tokens[k].text[:1].islower() and _plain(sv, k)
    return stem(w) if plain and ("," in gap or not _determined(sv, k)) else None


def _unnamed_descriptions(doc: Doc, sents: Sequence[int]) -> list[str]:
    """The keys of the nouns of some sentences that a determiner opens and no name follows: "a colleague", "the
    judge said", "a US district judge"."""
    out = []
    for i in sents:
        sv = doc.sents[i]
        for k, t in enumerate(sv.tokens):
            nxt = sv.tokens[k + 1].text if k + 1 < len(sv.tokens) else ""
            named = nxt[:1].isupper() and (
                SPACE.match(_gap(sv, k + 1)) is not None or (_APPOSITION.match(_gap(sv, k + 1)) and _closed(sv, k + 1))
            )
            if t.text[:1].isalpha() and not named and _determined(sv, k):
                out.append(stem(fold(t.text).rstrip(".")))
    return out


@rule(
    "entities.named_description",
    lang="en",
    purpose='A name that follows a description on one side only ("colleague Adel Alhadlaq", "the judge, Louis '
    'York,", "his son, Hunter", "District Judge Myron Thompson"), where the other side keeps that description '
    'without a name ("a colleague", "the judge said", "a US district judge"), names the one the description '
    "points at: the same person, named or no longer named, not one brought in or left out. Each unnamed "
    "description stands for one name; a name after a description the other side lacks is still flagged.",
    examples=[
        Example(
            "Dr Mao and colleague Adel Alhadlaq used stem cells taken from rats.",
            "He and a colleague used stem cells taken from rats.",
        ),
        Example(
            "Joe Biden and his son went to Ukraine.",
            "Joe Biden and his son, Hunter, went to Ukraine.",
        ),
        Example(
            "The case was heard by a US district judge in May.",
            "The case was heard by U.S. District Judge Myron Thompson in May.",
        ),
        Example(
            "Dr Mao used stem cells taken from rats.",
            "Dr Mao and colleague Adel Alhadlaq used stem cells taken from rats.",
            ("entity_added/warning: - -> Adel Alhadlaq",),
        ),
        Example(
            "Joe Biden and his son, Hunter, went to Ukraine.",
            "Joe Biden and his son, Beau, went to Ukraine.",
            ("entity_changed/high: Hunter -> Beau",),
        ),
    ],
    off=lambda names, *_: names,
)
def named_descriptions(
    names: list[Entity], doc: Doc, own: Sequence[int], other: Doc, theirs: Sequence[int]
) -> list[Entity]:
    """``names`` (lost or new on ``doc``'s side) less those that follow a description the other side has with no
    name after it."""
    if not names or doc.lang != "en":
        return names
    spare = Counter(_unnamed_descriptions(other, theirs)) - Counter(_unnamed_descriptions(doc, own))
    return spend(names, spare, lambda e: [_description_before(doc.sents[e.sentence], e)])
