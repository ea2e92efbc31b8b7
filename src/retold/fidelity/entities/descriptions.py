"""A name on one side that the other side gives in other words: a description in its place ("the U.S. president"
-> "Bush"), or a town both name without its state ("Columbus" -> "Columbus, Ohio")."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from retold.fidelity._lexicon import STOP, US_STATES, words_of
from retold.fidelity._shared import Doc, SentView
from retold.fidelity._stems import fold, stem
from retold.fidelity.entities.index import _Index
from retold.fidelity.entities.kinds import _SAYING
from retold.fidelity.entities.lexicon import _EN_DETERMINERS, _NATIONAL, _ORG_SUFFIXES, _SEATS
from retold.fidelity.entities.presence import present
from retold.fidelity.entities.tokens import Entity, _strip_possessive, exchange_code_after
from retold.fidelity.rules import Example, rule

# the words that open a noun phrase pointing at one thing the reader knows or is told of
_LONGEST = 4  # words after the determiner: "the Hopkinton, Mass., company", "the giant food group"
_GAP = re.compile(r"^[\s,.]*$")  # what may stand between two words of a description
SPACE = re.compile(r"^\s*$")  # what stands between two words of one phrase: spaces, no mark
_COMMA = re.compile(r"^\.?,\s*$")  # "Columbus, Ohio", "Birmingham, Ala."
# the titles of courtesy written before a person's name ("Mr. Bush", "Dr Evans")
_HONORIFICS = frozenset(words_of("mr mrs ms miss dr sir"))


def _key(w: str) -> str:
    return stem(fold(_strip_possessive(w)[0]))


def _word(sv: SentView, k: int, *, possessive: bool = False) -> str:
    """Token k folded, its possessive taken off unless ``possessive`` keeps it; "" before the first word or after
    the last."""
    if not 0 <= k < len(sv.tokens):
        return ""
    text = sv.tokens[k].text
    return fold(text if possessive else _strip_possessive(text)[0])


def _same_place(sa: SentView, a0: int, a1: int, sb: SentView, b0: int, b1: int) -> bool:
    """Whether tokens a0..a1 of ``sa`` and b0..b1 of ``sb`` stand between the same words: the same content word
    right after, the same two words before, or the same word on both sides (a sentence's edge counts as one)."""
    after = _word(sa, a1) == _word(sb, b1)
    before = _word(sa, a0 - 1) == _word(sb, b0 - 1)
    if after and before:
        return True
    if after and _word(sa, a1) not in STOP and _word(sa, a1):
        return True
    if before and _word(sa, a0 - 1) not in STOP and _word(sa, a0 - 1):
        return True
    return before and bool(_word(sa, a0 - 2)) and _word(sa, a0 - 2) == _word(sb, b0 - 2)


def _descriptions(sv: SentView, lacking: frozenset[str]) -> list[tuple[int, int]]:
    """Token ranges (determiner .. head, end exclusive) of the noun phrases of a sentence whose head, a lower-case
    word, the other side's sentences lack: "the organization", "an FBI analyst", "the 35 year-old"."""
    toks, out = sv.tokens, []
    for j, t in enumerate(toks):
        if t.text.lower() not in _EN_DETERMINERS:
            continue
        for h in range(j + 1, min(j + 1 + _LONGEST, len(toks))):
            gap = sv.norm[toks[h - 1].end : toks[h].start]
            if not _GAP.match(gap) or ("," in gap and not toks[h - 1].text[:1].isupper()):
                break  # a comma only after a place's name ("the Hopkinton, Mass., company")
            w = _strip_possessive(toks[h].text)[0]
            if w.lower() in STOP:
                break  # "the port will close": a verb's helper ends the phrase
            if w[:1].islower() and w.replace("-", "").isalpha() and _key(w) in lacking:
                out.append((j, h + 1))
    return out


def _owner(sv: SentView, end: int) -> bool:
    """Whether the phrase ending before token ``end`` is possessive: "Toronto's" is "the city's", but "the EU's
    investigation" is not "the probe" (the description stands for what the name owns)."""
    return _strip_possessive(sv.tokens[end - 1].text)[1]


def name_tokens(sv: SentView, e: Entity) -> list[int]:
    """The indices of the tokens of a name in its sentence."""
    return [k for k, t in enumerate(sv.tokens) if e.start <= sv.offsets[t.start] < e.end]


def _tokens_of(sv: SentView, e: Entity) -> tuple[int, int] | None:
    """The token range of a name in its sentence, with a "the" or a title of courtesy before it ("the Red Cross",
    "Mr. Bush": the description stands where both words stood)."""
    ks = name_tokens(sv, e)
    if not ks:
        return None
    before = sv.tokens[ks[0] - 1].text.lower().rstrip(".") if ks[0] > 0 else ""
    k0 = ks[0] - 1 if before == "the" or before in _HONORIFICS else ks[0]
    return k0, ks[-1] + 1


@rule(
    "entities.description_stand_in",
    lang="en",
    purpose="A name on one side only, standing between the same words as a description on the other side whose "
    'head noun this side lacks ("which the U.S. president imposed" / "which Bush imposed", "Bristol\'s last case" /'
    ' "the city\'s last case"), is the thing that description points at, named or no longer named: the same fact '
    "told in other words, not a name brought in or left out. A title of courtesy before the name stands in its "
    'place too ("Mr. Lund will visit" / "the mayor will visit"). Each description stands for one name.',
    examples=[
        Example(
            "The tariffs, which the president imposed in March, will end.",
            "The tariffs, which Bush imposed in March, will end.",
        ),
        Example(
            "Aides said Mr. Lund will visit the plant on Friday.",
            "Aides said the mayor will visit the plant on Friday.",
        ),
        Example(
            "Aides said Mr. Lund and the mayor will visit the plant on Friday.",
            "Aides said the mayor will visit the plant on Friday.",
            ("entity_dropped/info: Lund -> -",),
        ),
        Example(
            "On the official count, Bristol's last case was May 7.",
            "On the official count, the city's last case was May 7.",
        ),
        Example(
            "The tariffs, which the president imposed in March, will end.",
            "The tariffs, which the president imposed in March in Ohio, will end.",
            ("entity_added/warning: - -> Ohio",),
        ),
        Example(
            "Officials said the president imposed the tariffs.",
            "Officials said Bush and Cheney imposed the tariffs.",
            ("entity_added/warning: - -> Cheney",),
        ),
        Example(
            "The judge said the authority can hold more hearings.",
            "The judge and Louis York said the authority can hold more hearings.",
            ("entity_added/warning: - -> Louis York",),
        ),
    ],
    off=lambda names, *_: names,
)
def description_stand_ins(
    names: list[Entity], doc: Doc, own: Sequence[int], other: Doc, theirs: Sequence[int]
) -> list[Entity]:
    """``names`` (lost or new on ``doc``'s side) less those the other side describes in the same place: a
    retelling puts "the analyst" for "Young", or "Bush" for "the U.S. president". A name swapped for another
    keeps every word around it, so no description of the other side is there for it."""
    if not names or doc.lang != "en":
        return names
    mine = frozenset(_key(t.text) for i in own for t in doc.sents[i].tokens)
    theirs_words = frozenset(_key(t.text) for i in theirs for t in other.sents[i].tokens if t.text[:1].islower())
    lacking = theirs_words - mine
    if not lacking:
        return names
    places = [(other.sents[i], d) for i in theirs for d in _descriptions(other.sents[i], lacking)]
    used: set[tuple[int, int]] = set()  # a description (sentence, determiner) stands for one name
    out: list[Entity] = []
    for e in names:
        sv = doc.sents[e.sentence]
        span = _tokens_of(sv, e)
        hit = None
        if span is not None:
            hit = next(
                (
                    (so.i, d[0])
                    for so, d in places
                    if (so.i, d[0]) not in used
                    and _owner(sv, span[1]) == _owner(so, d[1])
                    and _same_place(sv, span[0], span[1], so, d[0], d[1])
                ),
                None,
            )
        if hit is None:
            out.append(e)
        else:
            used.add(hit)
    return out


@rule(
    "entities.town_state",
    lang="en",
    purpose='A US state on one side only, written after a comma behind a town the other text names too ("Columbus, '
    'Ohio", "South San Francisco, Calif."), only says where that town lies: the address of a place both tell, no '
    "name brought in or left out. A state after another state, or after a town the other text lacks, is still one.",
    examples=[
        Example(
            "The agency closed stores in Boston and Columbus.", "The agency closed stores in Boston and Columbus, Ohio."
        ),
        Example(
            "The agency closed stores in Boston.",
            "The agency closed stores in Boston and Dayton, Ohio.",
            ("entity_added/warning: - -> Dayton", "entity_added/warning: - -> Ohio"),
        ),
        Example(
            "The agency closed stores in Michigan.",
            "The agency closed stores in Michigan, Ohio and Texas.",
            ("entity_added/warning: - -> Ohio", "entity_added/warning: - -> Texas"),
        ),
    ],
    off=lambda names, *_: names,
)
def town_states(names: list[Entity], ents: Sequence[Entity], doc: Doc, other: _Index) -> list[Entity]:
    """``names`` (lost or new on ``doc``'s side) less the US states that follow a town the other text has: the
    wires write "Columbus, Ohio" where a retelling keeps "Columbus"."""
    t = doc.article.text
    out: list[Entity] = []
    for e in names:
        before = [x for x in ents if x.sentence == e.sentence and x.end <= e.start]
        town = max(before, key=lambda x: x.end) if before else None
        if (
            town is not None
            and len(e.keys) == 1
            and e.keys[0] in US_STATES
            and not set(town.keys) & US_STATES
            and _COMMA.match(t[town.end : e.start])
            and present(town, other)
        ):
            continue
        out.append(e)
    return out


@rule(
    "entities.ticker_of_named_company",
    purpose='A ticker written right after its company\'s name ("Sun Microsystems Inc. SUNW.O") names that company: '
    "where the other text has the company, the ticker is neither lost nor new.",
    examples=[
        Example(
            "Tech stocks fell after a forecast from Sun Microsystems.",
            "A forecast from Sun Microsystems Inc. SUNW.O hurt tech stocks.",
        ),
        Example(
            "Tech stocks fell after a forecast from Oracle.",
            "A forecast from Sun Microsystems Inc. SUNW.O hurt tech stocks.",
            ("entity_changed/high: Oracle -> Sun Microsystems Inc", "entity_added/warning: - -> SUNW"),
        ),
    ],
    off=lambda names, ents, doc, other: names,
)
def tickers_of_named(names: list[Entity], ents: Sequence[Entity], doc: Doc, other: _Index) -> list[Entity]:
    """``names`` less the tickers ("SUNW" of "SUNW.O") that follow, past company forms only, a company the other
    text has."""
    t = doc.article.text
    out: list[Entity] = []
    for e in names:
        before = [x for x in ents if x.sentence == e.sentence and x.end <= e.start]
        firm = max(before, key=lambda x: x.end) if before else None
        gap = t[firm.end : e.start].replace(".", " ").replace(",", " ").replace("(", " ").split() if firm else []
        if (
            firm is not None
            and exchange_code_after(t[e.end : e.end + 4])
            and all(fold(w) in _ORG_SUFFIXES for w in gap)
            and present(firm, other)
        ):
            continue
        out.append(e)
    return out


# words before a place that make it where something happens ("talks in Moscow"), not who acts ("Moscow denied")
_LOCATING = frozenset(words_of("in at to from near outside into inside across around"))


@rule(
    "entities.seat_of_government",
    lang="en",
    purpose="The seat of a country's government or its capital, named on one side only where the other side names "
    'that country ("Russia denied" / "the Kremlin has denied", "Iran\'s nuclear programme" / "Tehran\'s nuclear '
    'programme", "U.S. officials" / "Washington"), is the country\'s government told by its seat: the same actor '
    'in other words, not a name brought in or left out. A seat where something happens ("talks in Moscow") is a '
    "place, and a seat of another country is still flagged.",
    examples=[
        Example(
            "Russia on Wednesday denied that it had kept Maduro from leaving.",
            "Russia kept Maduro from leaving, which the Kremlin has denied.",
        ),
        Example(
            "Iran says its programme is peaceful, but the agency doubts Iran's claims.",
            "Iran says its programme is peaceful, but the agency doubts Tehran's claims.",
        ),
        Example(
            "The U.S. envoy met Kim, and U.S. officials said the talks would go on.",
            "The U.S. envoy met Kim, and Washington said the talks would go on.",
        ),
        Example(
            "Russia on Wednesday denied that it had kept Maduro from leaving.",
            "Russia kept Maduro from leaving, a claim denied in Moscow.",
            ("entity_added/warning: - -> Moscow",),
        ),
        Example(
            "Russia on Wednesday denied that it had kept Maduro from leaving.",
            "Russia and Beijing on Wednesday denied that they had kept Maduro from leaving.",
            ("entity_added/warning: - -> Beijing",),
        ),
    ],
    off=lambda names, *_: names,
)
def seats_of_government(names: list[Entity], doc: Doc, other: Doc, theirs: Sequence[int]) -> list[Entity]:
    """``names`` (lost or new on ``doc``'s side) less the seats of government whose country the other side's
    sentences ``theirs`` name: "the Kremlin" for "Russia"."""
    if not names or doc.lang != "en":
        return names
    countries = {stem(t.text) for i in theirs for t in other.sents[i].tokens if t.text[:1].isupper()}
    t = doc.article.text
    out: list[Entity] = []
    for e in names:
        country = _SEATS.get(" ".join(e.keys))
        before = t[max(0, e.start - 12) : e.start].lower().split()
        if before and before[-1] == "the":
            before = before[:-1]
        if country is not None and stem(country) in countries and not (before and before[-1] in _LOCATING):
            continue
        out.append(e)
    return out


def _short_forms(doc: Doc, sents: Sequence[int]) -> list[str]:
    """The keys of the single capitalised words that "the" opens and that end their phrase in some sentences (a
    possessive, a stop, a small word or a verb of saying after it): "the North's nuclear ambitions", "the Court
    said"; not a nationality ("the Iranian refugee")."""
    out = []
    for i in sents:
        sv = doc.sents[i]
        toks = sv.tokens
        for k in range(1, len(toks)):
            w, poss = _strip_possessive(toks[k].text)
            if toks[k - 1].text.lower() != "the" or not w[:1].isupper() or fold(w) in _NATIONAL:
                continue
            nxt = fold(toks[k + 1].text) if k + 1 < len(toks) else ""
            ends = k + 1 == len(toks) or not SPACE.match(sv.norm[toks[k].end : toks[k + 1].start])
            if poss or ends or nxt in STOP or nxt in _SAYING:
                out.append(_key(w))
    return out


@rule(
    "entities.definite_short_form",
    lang="en",
    purpose='A name of two words or more on one side only, where the other side has "the" and its first or last '
    'word alone ("the North\'s missile tests" / "North Korea\'s missile tests", "the Court said" / "the '
    'Supreme Court said"), is that name in its short form: the same thing, not a name brought in or left out '
    '(entities.short_form reads a distinctive first word anywhere; here "the" says that even a generic one such as '
    '"North" names what the reader knows). Each short form stands for one name; a name none of whose ends the other '
    "side has so, or a nationality ('the Iranian refugee' / 'an Iranian Kurd'), is still flagged.",
    examples=[
        Example(
            "Their ties have been strained by the dispute over the North's missile tests.",
            "Their ties have been strained by a row over North Korea's missile tests.",
        ),
        Example(
            "The Court said on Monday that the law stands.",
            "The Supreme Court said on Monday that the law stands.",
        ),
        Example(
            "Their ties have been strained by the dispute over the North's missile tests.",
            "Their ties have been strained by the dispute over South Korea's missile tests.",
            ("entity_changed/warning: North -> South Korea",),
        ),
        Example(
            "The Iranian refugee who went on hunger strike has won his case to stay in Ireland.",
            "An Iranian Kurd who refused food for weeks has been granted asylum in Ireland.",
            ("entity_added/warning: - -> Iranian Kurd",),
        ),
    ],
    off=lambda names, *_: names,
)
def short_forms(names: list[Entity], doc: Doc, own: Sequence[int], other: Doc, theirs: Sequence[int]) -> list[Entity]:
    """``names`` (lost or new on ``doc``'s side) less those the other side gives by "the" and an end word."""
    if not names or doc.lang != "en":
        return names
    words = {id(e): e.text.split() for e in names}
    return spend(
        names,
        Counter(_short_forms(other, theirs)) - Counter(_short_forms(doc, own)),
        lambda e: [_key(words[id(e)][0]), _key(words[id(e)][-1])] if len(words[id(e)]) > 1 else [],
    )


def spend(names: list[Entity], spare: Counter[str], keys: Callable[[Entity], Sequence[str | None]]) -> list[Entity]:
    """``names`` less those one of whose ``keys`` the other side has to spare: each spare key stands for one name."""
    out = []
    for e in names:
        k = next((k for k in keys(e) if k is not None and spare[k] > 0), None)
        if k is None:
            out.append(e)
        else:
            spare[k] -= 1
    return out
