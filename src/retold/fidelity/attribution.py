"""Credits to outlets and sources ("reports Reuters", "according to AP", "(AP) --", datelines).

A credit tells the reader where a fact came from; a retelling that drops it presents the work
of others as its own, and one that changes it misleads. Credits are also the strongest textual
evidence of who took from whom (see :mod:`retold.fidelity.direction`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from retold.fidelity._lexicon import LEADING_ARTICLE, SPEECH_VERBS, alternatives
from retold.fidelity._shared import Doc, SentView
from retold.fidelity._stems import fold, stem
from retold.fidelity.datelines import _DATELINE
from retold.fidelity.outlet_names import outlet_like
from retold.fidelity.rules import Example, nothing, rule
from retold.model import Span

_CAP = r"(?:[A-Z][\w&'.-]*[\w](?:\.(?=\s+[A-Z]))?|[A-Z]\.?|dpa|afp|ap)"
_NAME = rf"(?P<name>(?:(?:the|The|die|der|das|den|dem|des)\s+)?{_CAP}(?:\s+(?:{_CAP}|of|for|de)){{0,4}})"
# A name after a French or Spanish credit verb: the article and the generic noun ("l'agence", "la agencia",
# "le journal") are left out of the name, so "l'agence Northwire" credits the same "Northwire" as English.
_ROMANCE_NAME = (
    r"(?:(?:l['’]|la\s+|le\s+|les\s+|el\s+|los\s+|las\s+)?(?:agence|agencia|journal|quotidien|diario|periódico|"
    r"cadena|chaîne|radio|télévision|televisión)\s+(?:de\s+presse\s+|de\s+noticias\s+)?|l['’]|la\s+|le\s+|el\s+)?"
    rf"(?P<name>{_CAP}(?:\s+(?:{_CAP}|de|del|du|des)){{0,4}})"
)
# A name after a Russian or Ukrainian credit verb, Latin ("сообщает Reuters") or Cyrillic ("агентство Рейтер"),
# the generic noun before it ("агентство", "издание", "видання") left out of the name.
_CYR_CAP = r"(?:[A-ZА-ЯЁЄІЇҐ][\w&'.-]*\w|[A-ZА-ЯЁЄІЇҐ]|dpa|afp)"
_CYR_NAME = (
    r"(?:(?:агентств[оа]|информагентств[оа]|издани[ея]|газет[аы]|телеканал[а]?|радиостанци[ия]|агенці[яії]|"
    r"видання|телеканалу)\s+)?"
    rf"(?P<name>{_CYR_CAP}(?:\s+{_CYR_CAP}){{0,3}})"
)
# A credit whose name comes before its verb ("ТАСС сообщает", "L'AFP rapporte", "Reuters informó") starts a
# clause: at the sentence's start or after a comma, colon, dash or an opening mark, so that the words before
# it ("В Москве ТАСС") are not read as part of the name. Names of one to three words; only outlets count, as a
# person who "сообщил" something is a speaker, not a credit. A clause that opens with a preposition ("В Москве
# ТАСС сообщает", "En París Reuters informó") is read from after it: the credit is the ``credit`` group.
_CLAUSE_START = (
    r"(?:^|(?<=[,;:\u2013\u2014(«\"\u201c\u201e]\s)|(?<=[(«\"\u201c\u201e]))"
    r"(?:(?:В|Во|На|По|С|Со|О|Об|У|К|Из|От|До|За|Для|Під|Із|Після|En|Dans|Pour|Par|Après|Con|Para|Por|Tras)\s+"
    r"[\w'’-]+\s+)?"
)
_CYR_FIRST_NAME = (
    r"(?:(?i:агентств[оа]|информагентств[оа]|издани[ея]|газет[аы]|телеканал|радиостанци[ия]|агенці[яі]|видання)\s+)?"
    rf"(?P<name>{_CYR_CAP}(?:\s+{_CYR_CAP}){{0,2}})"
)
_ROMANCE_FIRST_NAME = (
    r"(?:(?i:l['’]agence|la\s+agencia|le\s+journal|el\s+diario|le\s+quotidien|el\s+periódico)\s+|(?i:l['’]|la\s+|le\s+|el\s+))?"
    rf"(?P<name>{_CAP}(?:\s+{_CAP}){{0,2}})"
)
_SOURCE_NOUNS = (
    r"police|officials?|sources?|authorities|witnesses|prosecutors|investigators|diplomats|analysts|"
    r"spokes(?:man|woman|person)|a\s+spokes(?:man|woman|person)|(?:a|an|the)\s+(?:statement|report)|data|"
    r"figures|estimates|polizei|behörden|ermittler|angaben|quellen|kreisen|informationen"
)
# Each pattern with the words (as written) of which a sentence must hold one for it to match at all (none:
# always tried): most sentences are spared the patterns that start with a name, tried at every capital.
_PATTERNS: list[tuple[str, re.Pattern[str], tuple[str, ...]]] = [
    (
        "outlet?",
        re.compile(
            rf"\b(?:reports?|reported|writes|wrote|according\s+to|citing|cited\s+by|quoted\s+by|"
            rf"as\s+reported\s+by|reporting\s+by|via)\s+{_NAME}"
        ),
        ("report", "writes", "wrote", "according", "citing", "cited", "quoted", "via"),
    ),
    (
        "outlet?",
        re.compile(rf"{_NAME}\s+(?:reported|reports|has\s+reported|wrote|writes|cited)\b"),
        ("report", "wrote", "writes", "cited"),
    ),
    ("outlet!", re.compile(rf"{_NAME}\s+(?:said|says|quoted)\b"), ("said", "says", "quoted")),
    (  # the credit says itself that the name is an outlet's: "the Northwire news agency reported"
        "outlet=",
        re.compile(
            rf"{_NAME}\s+(?:news\s+agency|news\s+service|wire\s+service|newspaper|broadcaster)\s+"
            r"(?:reported|reports|said|says|wrote|writes)\b"
        ),
        ("agency", "service", "newspaper", "broadcaster"),
    ),
    (
        "outlet!",
        re.compile(
            rf"\b(?:told|said\s+to|speaking\s+to|in\s+an\s+interview\s+with|interviewed\s+by|"
            rf"in\s+comments\s+to|gegenüber)\s+{_NAME}"
        ),
        ("told", "said", "speaking", "interview", "comments", "gegenüber"),
    ),
    (
        "source",
        re.compile(
            rf"\b(?:according\s+to|laut)\s+(?P<name>(?:(?:the|a|an|dem|der|den)\s+)?(?:[a-z]+\s+)?(?:{_SOURCE_NOUNS}))\b",
            re.IGNORECASE,
        ),
        (),
    ),
    (
        "source",
        re.compile(
            r"\b(?P<name>(?:[a-z]+\s+)?(?:sources|officials|police|authorities|witnesses|prosecutors))\s+(?:said|say|told|confirmed)\b"
        ),
        ("sources", "officials", "police", "authorities", "witnesses", "prosecutors"),
    ),
    (
        "statement",
        re.compile(  # any verb that reports speech: "warned in a statement" says where as "said" does
            rf"\b(?:{alternatives(SPEECH_VERBS)})\s+in\s+(?:a|an|its|his|her|their)\s+"
            r"(?P<name>statement|press\s+release|news\s+release|written\s+statement|interview|post|"
            r"tweet|email|e-mail|letter|blog\s+post)\b"
        ),
        SPEECH_VERBS,
    ),
    (
        "statement",
        re.compile(
            r"\bin\s+(?:einer|seiner|ihrer)\s+(?P<name>Erklärung|Mitteilung|Stellungnahme|"
            r"Pressemitteilung|Pressemeldung)\b"
        ),
        ("einer", "ihrer"),
    ),
    (
        "outlet?",
        re.compile(rf"\b(?:berichtet(?:e|en)?|meldet(?:e|en)?|schreibt|schrieb|zitiert(?:e)?|laut)\s+{_NAME}"),
        ("berichtet", "meldet", "schreibt", "schrieb", "zitiert", "laut"),
    ),
    (
        "outlet?",
        re.compile(rf"\b(?:wie|so)\s+{_NAME}\s+(?:berichtet(?:e)?|meldet(?:e)?|schreibt|schrieb|mitteilte|mitteilt)\b"),
        ("berichtet", "meldet", "schreibt", "schrieb", "mitteilt"),
    ),
    ("outlet?", re.compile(rf",\s+so\s+{_NAME}\s*[.;]"), (",",)),
    ("outlet?", re.compile(rf"{_NAME}\s+zufolge\b"), ("zufolge",)),
    # Russian and Ukrainian: "сообщает Reuters", "по данным агентства Рейтер", "передає Укрінформ"
    (
        "outlet?",
        re.compile(
            r"(?i:сообща(?:ет|ют|ло|ла|л|ли)|сообщил[аои]?|пиш(?:ет|ут)|написал[аои]?|переда(?:ет|ёт|ют|ло|ла|л)|по\s+данным|"
            r"по\s+сообщению|по\s+информации|со\s+ссылкой\s+на|повідомля(?:є|ють)|повідоми(?:в|ла|ло|ли)|пише|"
            rf"переда(?:є|ють)|за\s+даними|за\s+інформацією|з\s+посиланням\s+на)\s+{_CYR_NAME}"
        ),
        ("сообщ", "пиш", "писал", "переда", "данным", "информац", "ссылк", "повідом", "пише", "даними", "посилан"),
    ),
    # ... and with the name first: "ТАСС сообщает", "Агентство Рейтер передает", "Укрінформ повідомляє"
    (
        "outlet!",
        re.compile(
            rf"{_CLAUSE_START}(?P<credit>{_CYR_FIRST_NAME}\s+(?:сообща(?:ет|ют|ло|ла|л|ли)|сообщил[аои]?|пиш(?:ет|ут)|написал[аои]?|"
            r"переда(?:ет|ёт|ют|ло|ла|л)|повідомля(?:є|ють)|повідоми(?:в|ла|ло|ли)|пише|переда(?:є|ють))(?!\w))"
        ),
        ("сообщ", "пиш", "писал", "переда", "повідом", "пише"),
    ),
    # French and Spanish: "selon l'AFP", "a rapporté l'agence X", "según Reuters", "informó la agencia X"
    (
        "outlet?",
        re.compile(
            rf"\b(?:selon|d['’]après|según|de\s+acuerdo\s+con|a\s+rapporté|rapporte|a\s+indiqué|a\s+annoncé|"
            rf"informó|informa|ha\s+informado|reportó|publicó|señaló)\s+{_ROMANCE_NAME}"
        ),
        ("selon", "après", "según", "acuerdo", "rapport", "indiqué", "annoncé", "inform", "report", "public", "señal"),
    ),
    # ... and with the name first: "L'AFP rapporte", "Reuters a rapporté", "La agencia EFE informó"
    (
        "outlet!",
        re.compile(
            rf"{_CLAUSE_START}(?P<credit>{_ROMANCE_FIRST_NAME}\s+(?:a\s+rapporté|rapporte|rapportait|a\s+indiqué|indique|a\s+écrit|"
            r"écrit|informó|informa|ha\s+informado|reportó|publicó|señaló|escribió|escribe)(?!\w))"
        ),
        ("rapport", "indiqu", "écrit", "inform", "report", "public", "señal", "escrib"),
    ),
]
# A speech verb before its outlet, starting a clause: "..., said Reuters", '"...," added the BBC'
# (the mark that starts the clause is matched, not looked behind at: a scan for a few marks is the faster)
_CLAUSE_MARK = r"(?:^|[,;:\u2013\u2014]\s|[(«\"\u201c\u201e]\s?)"
_SPEECH_VERB = rf"(?:{alternatives(SPEECH_VERBS)})"
_SPEECH_FIRST: list[tuple[str, re.Pattern[str], tuple[str, ...]]] = [
    ("outlet!", re.compile(rf"{_CLAUSE_MARK}(?P<credit>{_SPEECH_VERB}\s+{_NAME})"), ())
]


@rule(
    "attribution.speech_verb_first",
    purpose='A speech verb before an outlet\'s name at the start of a clause ("..., said Reuters", \'"...," added the '
    'BBC\', "erklärte die dpa") credits the outlet as the name before the verb does ("Reuters said"): any verb of '
    'the speech-verb list. A person after it is a speaker, not a credit, and the verb inside a clause ("the minister '
    'said Reuters had erred") names who is spoken of.',
    examples=[
        Example(
            "The port will close, said Reuters.",
            "The port will close.",
            ("attribution_dropped/warning: said Reuters -> -",),
        ),
        Example(
            '"The port will close," added the Daily Herald.',
            '"The port will close," the Daily Herald added.',
            (),
        ),
        Example("The port will close, said the harbour master.", "The port will close.", ()),
        Example("The minister said Reuters had erred.", "The minister spoke.", ()),
    ],
    off=nothing,
)
def _speech_first() -> list[tuple[str, re.Pattern[str], tuple[str, ...]]]:
    """The patterns of credits a speech verb opens (besides ``_PATTERNS``' own credit verbs)."""
    return _SPEECH_FIRST


@rule(
    "attribution.sentence_start",
    purpose='A credit to an outlet that opens its sentence has a capital on its first word ("Reports Reuters.", '
    '"According to AP, ...", "Told CNN on Sunday, ...", "Berichtet die dpa"): it is read as the same word in lower '
    'case. Only an outlet\'s: credits to other sources read so ("Prosecutors said", "According to the Census Bureau", '
    '"Laut Aussage") added 20 flags on the paraphrase pairs of benchmarks/fidelity_eval.py (MRPC, WMT19).',
    examples=[
        Example(
            "The port will close. According to AP, ships already wait.",
            "The port will close. Ships already wait.",
            ("attribution_dropped/warning: According to AP -> -",),
        ),
        Example(
            "Told CNN on Sunday, the port closed.", "The port closed.", ("attribution_dropped/warning: Told CNN -> -",)
        ),
        Example("Reporters waited at the port.", "Reporters stood at the port.", ()),
        Example("Prosecutors said the port would close.", "The port would close.", ()),
    ],
    off=nothing,
)
def _lowered_start(text: str) -> list[tuple[str, int]]:
    """The sentence with its first letter in lower case, and where that letter is, when it is a capital and a
    word a credit holds (``_MAYBE``'s) is among the first few: "In an interview with CNN"."""
    k = next((i for i, ch in enumerate(text) if ch.isalpha()), None)
    if k is None or not text[k].isupper():
        return []
    low = text[:k] + text[k].lower() + text[k + 1 :]
    return [(low, k)] if _maybe(low[k : k + 24]) else []


@dataclass(frozen=True)
class Credit:
    """A credit: the whole phrase, the name it credits, and what kind of name that is."""

    start: int
    end: int
    text: str
    name: str
    key: str
    kind: str  # outlet | source | statement | dateline
    name_span: Span


def _key(name: str) -> str:
    low = fold(LEADING_ARTICLE.sub("", name.strip())).rstrip(".")
    low = re.sub(r"['’]s$", "", low)
    return " ".join(stem(w) for w in low.split())


_MAYBE = re.compile(
    r"\(|report|accord|cit(?:ing|ed)|quot|\bvia\b|told|said|says|interview|speaking|comments|laut|zufolge|bericht|"
    r"meld|schreib|schrieb|zitier|\bwie\b|\bso\b|gegenüber|statement|release|sources|officials|police|authorities|"
    r"witnesses|prosecutors|erklärung|mitteilung|stellungnahme|wrote|writes|selon|après|según|acuerdo|rapport|"
    r"indiqu|annoncé|écrit|escrib|inform|reportó|publicó|señaló|сообщ|пиш|писал|переда|данным|ссылк|повідом|пише|даними|"
    rf"інформац|посилан|{_CLAUSE_MARK}{_SPEECH_VERB}\b",  # the last: a clause a speech verb opens (_speech_first)
    re.IGNORECASE,
)


_MAYBE_LOWER = re.compile(_MAYBE.pattern)  # the pattern is in lower case


def _maybe(text: str) -> bool:
    """``_MAYBE.search(text)``; in ASCII text (where ignoring case is lower-casing) the faster search of the
    lower-cased text."""
    if text.isascii():
        return _MAYBE_LOWER.search(text.lower()) is not None
    return _MAYBE.search(text) is not None


def _found(kind: str, m: re.Match[str]) -> tuple[int, int, str, str, int] | None:
    """A pattern's match as a credit (start, end, name, kind, name start); None where the name is not one the
    pattern credits (a person after "said")."""
    name = re.sub(r"\s+(?:of|for|de)$", "", m.group("name").strip())
    if kind in ("outlet?", "outlet!", "outlet="):
        if outlet_like(name) or kind == "outlet=":
            kind = "outlet"
        elif kind == "outlet?" and LEADING_ARTICLE.sub("", name)[:1].isupper():
            kind = "source"
        else:
            return None
    start = m.start("credit") if "credit" in m.re.groupindex else m.start()  # a name-first credit's own words
    return start, m.end(), name, kind, m.start("name")


def extract(text: str) -> list[tuple[int, int, str, str, int]]:
    """Credits in one normal sentence: (start, end, name, kind, name start), earliest first, no overlaps."""
    found: list[tuple[int, int, str, str, int]] = []
    if not _maybe(text):
        return found
    m = _DATELINE.search(text[:160])
    if m:
        found.append((m.start(), m.end(), m.group("name"), "dateline", m.start("name")))
        if m.group("city"):
            found.append((m.start("city"), m.end("city"), m.group("city"), "city", m.start("city")))
    patterns = [*_PATTERNS, *_speech_first()]
    for kind, rx, need in patterns:
        if need and not any(w in text for w in need):
            continue
        found += filter(None, (_found(kind, m) for m in rx.finditer(text)))
    for low, k in _lowered_start(text):  # a credit opening the sentence: to an outlet (attribution.sentence_start)
        hits = [(kind, m) for kind, rx, _need in patterns if (m := rx.match(low, k))]
        found += [f for kind, m in hits if (f := _found(kind, m)) and f[3] == "outlet"]
    found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    out: list[tuple[int, int, str, str, int]] = []
    for f in found:
        if any(f[0] < o[1] and f[1] > o[0] for o in out) and f[3] != "city":
            continue
        out.append(f)
    return out


def credits(doc: Doc, idx: Sequence[int] | None = None) -> list[Credit]:
    """Credits in some sentences of a document (all when ``idx`` is None), spans in original text."""
    return doc.per_sentence("credits", _sentence_credits, idx)


def _extract_cached(doc: Doc, sv: SentView) -> list[tuple[int, int, str, str, int]]:
    key = f"credits:raw:{sv.i}"
    if key not in doc.cache:
        doc.cache[key] = extract(sv.norm)
    result: list[tuple[int, int, str, str, int]] = doc.cache[key]
    return result


def _sentence_credits(doc: Doc, sv: SentView) -> list[Credit]:
    out = []
    for s, e, name, kind, ns in _extract_cached(doc, sv):
        if kind == "city":
            continue
        sp = sv.span(s, e)
        out.append(
            Credit(
                sp.start,
                sp.end,
                doc.article.text[sp.start : sp.end],
                name,
                _key(name),
                kind,
                sv.span(ns, ns + len(name)),
            )
        )
    return out


def name_spans(doc: Doc) -> list[Span]:
    """Where credited names sit, so the name check does not report an outlet twice."""
    spans = [c.name_span for c in credits(doc) if c.kind in ("outlet", "dateline")]
    for sv in doc.sents:
        for s, e, _name, kind, _ns in _extract_cached(doc, sv):
            if kind == "city":
                spans.append(sv.span(s, e))
    return spans
