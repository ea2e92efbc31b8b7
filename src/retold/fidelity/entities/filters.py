"""What looks like a name but is none: codes, amounts, company forms, emphasis, sentence starts, German nouns.

Each test is a named rule (``retold.fidelity.rules``): the extractor drops a candidate any of them claims.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from retold.fidelity._hanta import german_class, is_name_word
from retold.fidelity._lexicon import GENERIC_ACRONYMS, PLACES, STOP
from retold.fidelity._shared import Doc, SentView, Token
from retold.fidelity._stems import ALIASES, fold
from retold.fidelity.entities.lexicon import (
    _CONNECT,
    _DE_NAME_HEADS,
    _DE_TIME_NEXT,
    _DE_TIME_NOUNS,
    _GENERIC_MORE,
    _NAME_MARGIN,
    _ORG_SUFFIXES,
    _TITLES_DESCRIPTORS,
)
from retold.fidelity.entities.tokens import _CAMEL_INSIDE, is_acronym
from retold.fidelity.numbers import quantities
from retold.fidelity.rules import Example, never, rule
from retold.model import Span
from retold.text.months import NAMES, months


def _has_title_before(sv: SentView, run: list[int], seg: list[int]) -> bool:
    toks = sv.tokens
    k = seg[0] - 1
    return k >= 0 and k >= run[0] - 1 and toks[k].text.lower().rstrip(".") in _TITLES_DESCRIPTORS


@rule(
    "entities.shouted_run",
    purpose='Two or more words of four letters or more in capitals ("DASS DU DER MEUTE") are emphasis, not a name.',
    examples=[
        Example("He wrote: WE WILL NOT YIELD, said Smith.", "He wrote it, said Smith."),
        Example(
            "Fans chanted at the match with NATO.", "Fans chanted at the match.", ("entity_dropped/info: NATO -> -",)
        ),
    ],
    off=never,
)
def _shouted_run(words: Sequence[str]) -> bool:
    return sum(1 for w in words if len(w) >= 4 and w.isupper()) >= 2


@rule(
    "entities.cut_at_dot",
    purpose='A word right after a full stop inside a token is a ticker or code cut there (".SPX", "WCOEQ.PK").',
    examples=[
        Example("Shares of WCOEQ.PK fell.", "Shares fell."),
        Example("The index .SPX fell.", "The index fell."),
        Example("The index SPX fell.", "The index fell.", ("entity_dropped/info: SPX -> -",)),
        Example(
            "The broader Standard & Poor's 500 Index .SPX edged down.",
            "The broader index edged down.",
            ("entity_dropped/info: Standard & Poor -> -",),
        ),
    ],
    off=never,
)
def _cut_at_dot(doc: Doc, sv: SentView, tok: Token) -> bool:
    o = sv.offsets[tok.start]
    return o > 0 and doc.article.text[o - 1] == "."


@rule(
    "entities.company_form",
    purpose='A company form on its own ("Corp.", "Ltd", "AG") is no name.',
    examples=[
        Example("McDonald's Corp. said sales rose.", "McDonald's said sales rose."),
        Example(
            "McDonald's Corp. said sales rose.", "Wendy's said sales rose.", ("entity_dropped/info: McDonald -> -",)
        ),
    ],
    off=never,
)
def _company_form(word: str) -> bool:
    return fold(word).rstrip(".") in _ORG_SUFFIXES


@rule(
    "entities.amount_or_code",
    purpose='A capitalised word made mostly of digits or holding a point is an amount or a code ("US3.95", '
    '"$US51", "1990s"); "G7" stays a name.',
    examples=[
        Example("The shares cost US3.95 in Sydney.", "The shares cost little in Sydney."),
        Example("The G7 met in Sydney.", "Ministers met in Sydney.", ("entity_dropped/info: G7 -> -",)),
    ],
    off=never,
)
def _amount_or_code(w: str, sv: SentView, s_norm: int) -> bool:
    return any(c.isdigit() for c in w) and (
        "." in w or sum(c.isdigit() for c in w) > len(w) / 2 or sv.norm[max(0, s_norm - 1) : s_norm] == "$"
    )


@rule(
    "entities.part_of_an_amount",
    purpose='The letters or the country of a currency inside an amount the number check reads ("$US1.06", '
    '"MX$40", "500 Australian dollars", "500 US-Dollar") say which currency, not who: the number check compares '
    'them, as it knows the currencies. A currency\'s country with no figure ("the Australian dollar") stays a name.',
    examples=[
        Example("The shares closed at $US1.06 in Sydney.", "The shares closed at $1.06 in Sydney."),
        Example(
            "The deal is worth $A500 million, Smith said.", "It is worth 500 million Australian dollars, Smith said."
        ),
        Example(
            "The Australian dollar rose to US$0.75.",
            "The dollar rose to 0.75 US dollars.",
            ("entity_dropped/info: Australian -> -",),
        ),
    ],
    off=never,
)
def _part_of_an_amount(doc: Doc, sv: SentView, span: Span) -> bool:
    return any(q.kind == "money" and q.start <= span.start and span.end <= q.end for q in quantities(doc, [sv.i]))


@rule(
    "entities.fiscal_period",
    purpose='A quarter, a half or a fiscal year ("Q3", "H1", "FY2003") is a period, not a name.',
    examples=[
        Example("Profit rose in Q3 at Siemens.", "Profit rose at Siemens."),
        Example("Profit rose at Siemens.", "Profit rose at Bosch.", ("entity_changed/high: Siemens -> Bosch",)),
    ],
    off=never,
)
def _fiscal_period(w: str) -> bool:
    return re.fullmatch(r"[QH][1-4]|FY\d*", w) is not None


@rule(
    "entities.party_and_state",
    purpose='A one-letter prefix and a hyphen ("D-Ore", "R-Texas") give a party and a state, not a name.',
    examples=[
        Example("Senator Ron Wyden, D-Ore, objected.", "Senator Ron Wyden objected."),
        Example(
            "Senator Ron Wyden of Oregon objected.",
            "Senator Ron Wyden objected.",
            ("entity_dropped/info: Oregon -> -",),
        ),
    ],
    off=never,
)
def _party_and_state(w: str) -> bool:
    return "-" in w and len(w.split("-")[0]) == 1


@rule(
    "entities.shouted_word",
    purpose="A word in capitals of five letters or more beside another long one in capitals is emphasis "
    '("DANKE DAFÜR").',
    lang="de",
    examples=[
        Example("Die Fans riefen DANKE, JUNGS im Stadion.", "Die Fans riefen im Stadion.", (), "de"),
        Example(
            "Die Fans riefen DANKE, FIFA im Stadion.",
            "Die Fans riefen im Stadion.",
            ("entity_dropped/info: FIFA -> -",),
            "de",
        ),
    ],
    off=never,
)
def _shouting(toks: Sequence[Token], k: int) -> bool:
    """Whether a word in capitals stands next to another long one: emphasis, not acronyms."""
    near = [toks[j].text for j in (k - 1, k + 1) if 0 <= j < len(toks)]
    return any(len(n) >= 4 and n.isupper() for n in near)


@rule(
    "entities.capitalised_first_word",
    purpose='A stopword set in capitals at a sentence start ("AN inquest") is no acronym; "US" stays one.',
    examples=[
        Example("AN inquest heard the case.", "The inquest heard the case."),
        Example("US officials heard the case.", "Officials heard the case.", ("entity_dropped/info: US -> -",)),
    ],
    off=never,
)
def _capitalised_first_word(low: str, initial: bool) -> bool:
    return initial and low in STOP and low != "us"


@rule(
    "entities.generic_acronym",
    purpose='Acronyms of common nouns ("CEO", "CPUs", "DVD") and the "US" of "US$" are no names.',
    examples=[
        Example("Officials said the CEO resigned.", "Officials said the boss resigned."),
        Example(
            "The CEO of Siemens resigned.", "The CEO of Bosch resigned.", ("entity_changed/high: Siemens -> Bosch",)
        ),
    ],
    off=never,
)
def _generic_acronym(low: str, sv: SentView, e_norm: int) -> bool:
    return (
        low.rstrip("s") in GENERIC_ACRONYMS
        or low.rstrip("s") in _GENERIC_MORE
        or low in GENERIC_ACRONYMS
        or sv.norm[e_norm : e_norm + 1] == "$"
    )


@rule(
    "entities.sentence_start",
    lang="en",
    purpose="A single capitalised word that opens a sentence or a quote is a name only when the article shows it "
    'capitalised elsewhere, it is a place, a title stands before it, or an inner capital says so ("AutoAdvice").',
    examples=[
        Example("Residents fled the town.", "People fled the town."),
        Example("Mexico sent help.", "Canada sent help.", ("entity_changed/warning: Mexico -> Canada",)),
    ],
    off=never,
)
def _unproven_start(w: str, low: str, known: frozenset[str], sv: SentView, run: list[int], seg: list[int]) -> bool:
    return (
        low not in known
        and low not in PLACES
        and not _has_title_before(sv, run, seg)
        and not _CAMEL_INSIDE.search(w)  # "AutoAdvice": the inner capital says name
    )


@rule(
    "entities.german_common_noun",
    lang="de",
    purpose="German capitalises every noun: a single capitalised word is a name only when something says so (a "
    "place, a name the article shows, a possessive, a title before it, an inner capital, a known alias).",
    examples=[
        Example("Er sprach lange mit Kollegen über Steuern.", "Er sprach lange mit Freunden über Steuern.", (), "de"),
        Example(
            "Die Regierung in Polen plant Steuern.",
            "Die Regierung plant Steuern.",
            ("entity_dropped/info: Polen -> -",),
            "de",
        ),
    ],
    off=never,
)
def _german_common_noun(
    w: str, low: str, known: frozenset[str], poss: bool, sv: SentView, run: list[int], seg: list[int]
) -> bool:
    return not (
        low in PLACES
        or low in known
        or poss
        or _has_title_before(sv, run, seg)
        or any(c.isupper() for c in w[1:])
        or low in ALIASES
    )


@rule(
    "entities.german_noun_pair",
    lang="de",
    purpose='German nouns side by side ("Mengen Lebensmittel") are no name unless one word is a place, an acronym '
    "or reads as a name to the tagger.",
    examples=[
        Example("Sie kauften Mengen Lebensmittel ein.", "Sie kauften viel ein.", (), "de"),
        Example(
            "Sie trafen Angela Merkel in Berlin.",
            "Sie trafen sie in Berlin.",
            ("entity_dropped/info: Angela Merkel -> -",),
            "de",
        ),
    ],
    off=never,
)
def _german_noun_pair(words: Sequence[str]) -> bool:
    return not any(
        fold(w) in PLACES or is_acronym(w) or is_name_word(w, _NAME_MARGIN) for w in words if fold(w) not in _CONNECT
    )


_DE_MONTHS = months([NAMES["de"]])


@rule(
    "entities.german_noun_before_place_genitive",
    lang="de",
    purpose='A German common noun before a place in the genitive ("Kulturgütern Englands", "Teilen Mexikos": '
    "England's treasures, parts of Mexico) is what the place has, no word of its name: read as one name, a "
    'retelling that says "britischen Kulturgütern" left a name out.',
    examples=[
        Example(
            "Die Zerstörung von Kulturgütern Englands begann früh.",
            "Die Zerstörung englischer Kulturgüter in England begann früh.",
            (),
            "de",
        ),
        Example(  # the place itself is still a name
            "Die Zerstörung von Kulturgütern Englands begann früh.",
            "Die Zerstörung von Kulturgütern begann früh.",
            ("entity_dropped/info: Englands -> -",),
            "de",
        ),
    ],
    off=lambda toks, seg: seg,
)
def _before_place_genitive(toks: Sequence[Token], seg: list[int]) -> list[int]:
    """``seg`` without a first word that the tagger reads only as a common noun (no name reading, no
    institution's head) when the one word after it is a place in the genitive ("Englands", "Mexikos")."""
    if len(seg) != 2:
        return seg
    first, place = toks[seg[0]].text, toks[seg[1]].text
    if not place.endswith("s") or fold(place[:-1]) not in PLACES or fold(first) in _DE_NAME_HEADS:
        return seg
    tag, behind = german_class(first)
    return seg[1:] if tag == "NN" and behind == float("-inf") else seg


@rule(
    "entities.german_time_noun_after_name",
    purpose='A German noun that opens a time phrase ("Anfang des Jahres", "Ende Mai", "Mitte 2019") is no word '
    'of the name before it ("sagte West Anfang des Jahres", "traf Merkel Ende Mai"): read as one name, "West '
    'Anfang" was a name left out of "erklärte West zu Beginn des Jahres".',
    examples=[
        Example("Das sagte Kanye West Anfang des Jahres.", "Das erklärte Kanye West zu Beginn des Jahres.", lang="de"),
        Example("Sie traf Angela Merkel Ende Mai in Berlin.", "Sie traf Angela Merkel im Mai in Berlin.", lang="de"),
        Example(  # the name before it is still one
            "Das sagte Kanye West Anfang des Jahres.",
            "Das sagte Taylor Swift zu Beginn des Jahres.",
            ("entity_changed/warning: Kanye West -> Taylor Swift",),
            lang="de",
        ),
    ],
    lang="de",
    off=lambda toks, seg: seg,
)
def _before_time_noun(toks: Sequence[Token], seg: list[int]) -> list[int]:
    """``seg`` without a last word that opens a time phrase: a time noun followed by an article or adjective of
    time, a month or a year ("Anfang des Jahres", "Ende Mai", "Mitte 2019")."""
    k = seg[-1]
    if len(seg) < 2 or fold(toks[k].text) not in _DE_TIME_NOUNS or k + 1 >= len(toks):
        return seg
    nxt = toks[k + 1].text
    low = nxt.lower()
    if low in _DE_TIME_NEXT or low in _DE_MONTHS or (nxt.isdigit() and len(nxt) == 4):
        return seg[:-1]
    return seg
