"""What a credit looks like: the patterns of credit phrases ("reports Reuters", "according to AP", "laut dpa",
"сообщает ТАСС", "selon l'AFP", "..., said Reuters"), each with the kind of name it credits. ``attribution`` reads
sentences with them.
"""

from __future__ import annotations

import re

from retold.fidelity._lexicon import SAYING_NOUNS
from retold.fidelity.numbers import MONTHS, WEEKDAYS
from retold.fidelity.rules import Example, nothing, rule
from retold.text.alternation import alternatives, longest_first
from retold.text.speech import SPEECH_ALTERNATION, SPEECH_VERBS

_CAP = r"(?:[A-Z][\w&'.-]*[\w](?:\.(?=\s+[A-Z]))?|[A-Z]\.?|dpa|afp|ap)"
_NAME = rf"(?P<name>(?:(?:the|The|die|der|das|den|dem|des)\s+)?{_CAP}(?:\s+(?:{_CAP}|(?:of|for|de)(?!\w))){{0,4}})"
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
            rf"\b(?:{SPEECH_ALTERNATION})\s+in\s+(?:a|an|its|his|her|their)\s+"
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
_SPEECH_VERB = rf"(?:{SPEECH_ALTERNATION})"
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


# "first" between a name and its credit verb ("the AP first reported", "the Journal, which first reported"), and
# "also", "later" or an adverb in -ly there for an outlet's name ("CNN previously reported"; "Norcen previously
# reported 1986 earnings" is a company's own figure); "as first reported by the AP", "also reported by"
_ADVERB = r"(?:first|also|later|earlier|again|[a-z]{3,}ly)"
_CREDIT_VERB = r"(?:reported|reports|wrote|writes|cited)\b"
# when, between "reported" and "by" ("first reported Friday by MSNBC", "on March 3", "earlier this week")
_WHEN = (
    rf"(?:(?:on|last|this)\s+)?(?i:{alternatives(sorted(WEEKDAYS))})|yesterday|today|"
    r"(?:earlier\s+|late\s+)?(?:last|this)\s+(?:week|month|year|night|morning)|"
    rf"(?:in\s+|(?:on\s+)?(?=\w+\.?\s+\d))(?i:{alternatives(sorted(MONTHS))})\.?(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?"
)
_FIRST_TO_REPORT: list[tuple[str, re.Pattern[str], tuple[str, ...]]] = [
    ("outlet?", re.compile(rf"{_NAME}(?:,\s+which)?\s+(?:(?:has|had)\s+)?first\s+{_CREDIT_VERB}"), ("first",)),
    (
        "outlet!",
        re.compile(rf"{_NAME}(?:,\s+which)?\s+(?:(?:has|had)\s+)?{_ADVERB}\s+{_CREDIT_VERB}"),
        ("report", "wrote", "writes", "cited"),
    ),
    (  # "as first reported by", and the passive with or without an adverb: "was reported by", "has been reported by"
        "outlet?",
        re.compile(
            rf"(?:(?:(?<=\bwas\s)|(?<=\bwere\s)|(?<=\bbeen\s))(?:{_ADVERB}\s+)?|\b(?:as\s+)?{_ADVERB}\s+)"
            rf"reported\s+(?:(?:{_WHEN})\s+)?by\s+{_NAME}"
        ),
        ("report",),
    ),
    (
        "outlet?",
        re.compile(rf"{_NAME}\s+(?:was|were)\s+(?:the\s+)?first\s+to\s+(?:report|break|reveal|publish)\b"),
        ("first",),
    ),
]


@rule(
    "attribution.first_to_report",
    purpose='A credit saying who reported first or earlier ("The AP first reported the deal", "as first reported by '
    'the AP", "Reuters was first to report", "the Journal, which first reported") credits the outlet as "Reuters '
    'reported" does: an adverb may stand between the name and its credit verb, another than "first" only after an '
    'outlet\'s name ("CNN previously reported"; a company "previously reported" its own figures). A lower-case '
    'subject names no one. When it was reported may stand before "by" ("first reported Friday by MSNBC"); the '
    'passive credits by whom it was reported, with or without an adverb ("The deal was reported by the AP").',
    examples=[
        Example(
            "The story was first reported Friday by MSNBC.",
            "The story broke on Friday.",
            ("attribution_dropped/warning: first reported Friday by MSNBC -> -",),
        ),
        Example(
            "The AP first reported the deal on Monday.",
            "The deal was made on Monday.",
            ("attribution_dropped/warning: The AP first reported -> -",),
        ),
        Example(
            "The firm bought the port, as first reported by the AP.",
            "The firm bought the port.",
            ("attribution_dropped/warning: as first reported by the AP -> -",),
        ),
        Example(
            "Reuters was first to report the deal.",
            "The deal was made.",
            ("attribution_dropped/warning: Reuters was first to report -> -",),
        ),
        Example(
            "The closure was reported by Reuters on Friday.",
            "The port closed on Friday.",
            ("attribution_dropped/warning: reported by Reuters -> -",),
        ),
        Example("The fire was reported by a neighbour on Monday.", "The fire broke out on Monday.", ()),
        Example("The police first reported the fire on Monday.", "The fire broke out on Monday.", ()),
        Example("Norcen previously reported 1986 earnings of 12 mln dlrs.", "The company earned 12 mln dlrs.", ()),
        Example(
            "CNN previously reported the talks.",
            "The talks were held.",
            ("attribution_dropped/warning: CNN previously reported -> -",),
        ),
    ],
    off=nothing,
)
def _first_to_report() -> list[tuple[str, re.Pattern[str], tuple[str, ...]]]:
    """The patterns of credits with an adverb of time or order before or in their verb (besides ``_PATTERNS``)."""
    return _FIRST_TO_REPORT


# "laut Angaben der Polizei", "laut einem Bericht des Spiegel", "nach Recherchen des NDR": the noun after "laut"
# (after "nach" one of saying or data: "nach Berlin" is a journey) says what was said or counted, the name after the
# genitive article (or "von", an adjective between: "der steirischen Polizei") says whose it is
_WHOSE = (
    r"\s+(?:des|der|von)\s+(?:[a-zäöü][\w-]*(?:e|en|er|es)\s+)?"
    rf"{_NAME}"
)
_WHOSE_WORDS: list[tuple[str, re.Pattern[str], tuple[str, ...]]] = [
    (
        "outlet?",
        re.compile(rf"\blaut\s+(?:(?:einem|einer|eines|dem|der|den)\s+)?[A-ZÄÖÜ][\w-]*{_WHOSE}"),
        ("laut",),
    ),
    (
        "outlet?",
        re.compile(rf"\bnach\s+(?:{longest_first(SAYING_NOUNS)}){_WHOSE}"),
        ("nach",),
    ),
]


@rule(
    "attribution.whose_words",
    lang="de",
    purpose='"laut" with a noun, or "nach" with a noun of saying or data, and whose it is ("laut Angaben der '
    'Polizei", "laut Aussage des Ministers", "nach Recherchen des Spiegel") credits the owner, not the noun '
    '("Angaben", "Aussage"): a retelling saying "laut Polizei" keeps the credit, and one changing the owner changes '
    'it. "nach" with another noun is no credit ("nach Angaben" names what, "nach Berlin" where). A credit opening a '
    'sentence ("Laut Angaben des Ministers ...") credits the owner too, not "Angaben"; there whose words they are '
    'names the owner of a credit the sentence start gives ("Laut Angaben"), as attribution.sentence_start reads '
    'only outlets\' credits: it adds none (read as credits, "Nach Aussage der Firma ..." and two others gave 3 '
    "false flags on WMT19's faithful rewrites).",
    examples=[
        Example(
            "Laut Angaben des Ministers schließt der Hafen.",
            "Laut Angaben des Bürgermeisters schließt der Hafen.",
            ("attribution_changed/high: Laut Angaben des Ministers -> Laut Angaben des Bürgermeisters",),
            lang="de",
        ),
        Example("Nach Aussage der Firma schließt der Hafen.", "Der Hafen schließt.", (), lang="de"),
        Example("Der Hafen schließt laut Angaben der Polizei.", "Der Hafen schließt laut Polizei.", (), lang="de"),
        Example(
            "Der Hafen schließt laut Aussage des Ministers.",
            "Der Hafen schließt laut Aussage des Bürgermeisters.",
            ("attribution_changed/high: laut Aussage des Ministers -> laut Aussage des Bürgermeisters",),
            lang="de",
        ),
        Example(
            "Der Hafen schließt laut einem Bericht des Spiegel.",
            "Der Hafen schließt.",
            ("attribution_dropped/warning: laut einem Bericht des Spiegel -> -",),
            lang="de",
        ),
        Example(
            "Der Hafen schließt nach Recherchen des Spiegel.",
            "Der Hafen schließt.",
            ("attribution_dropped/warning: nach Recherchen des Spiegel -> -",),
            lang="de",
        ),
        Example("Der Minister reist nach Ende der Sitzung ab.", "Der Minister reist ab.", (), lang="de"),
    ],
    off=nothing,
)
def _whose_words() -> list[tuple[str, re.Pattern[str], tuple[str, ...]]]:
    """The patterns of German credits to whose words or figures they are (besides ``_PATTERNS``' "laut dpa")."""
    return _WHOSE_WORDS


# A German credit with the outlet first, as "Reuters reported" ("Der Spiegel berichtete, ...", "Die dpa meldete"):
# the subject before its verb starts a clause (German puts the verb second), and only an outlet counts, as with
# the name-first credits of other languages: a minister who "berichtete" is a speaker
_DE_NAME_FIRST: list[tuple[str, re.Pattern[str], tuple[str, ...]]] = [
    (
        "outlet!",
        re.compile(
            rf"{_CLAUSE_START}(?P<credit>{_NAME}\s+(?:(?:hat|hatte)\s+)?(?:berichtet(?:e|en)?|meldet(?:e|en)?|"
            r"schreibt|schrieb|zitiert(?:e|en)?)(?!\w))"
        ),
        ("berichtet", "meldet", "schreibt", "schrieb", "zitiert"),
    )
]


@rule(
    "attribution.german_name_first",
    lang="de",
    purpose="A German credit with the outlet's name before its verb at the start of a clause (\"Der Spiegel "
    'berichtete, ...", "Die West Virginia News meldete") credits the outlet as "Reuters reported" does, and as '
    '"berichtete der Spiegel" did. A person before the verb is a speaker, not a credit.',
    examples=[
        Example(
            "Der Spiegel berichtete, der Hafen werde schließen.",
            "Der Hafen wird schließen.",
            ("attribution_dropped/warning: Der Spiegel berichtete -> -",),
            lang="de",
        ),
        Example(
            "Die West Virginia News berichtete, der Hafen werde schließen.",
            "Der Hafen werde schließen, berichtete die West Virginia News.",
            (),
            lang="de",
        ),
        Example("Der Minister berichtete, der Hafen werde schließen.", "Der Hafen wird schließen.", (), lang="de"),
    ],
    off=nothing,
)
def _german_name_first() -> list[tuple[str, re.Pattern[str], tuple[str, ...]]]:
    """The patterns of German credits with the outlet's name first (besides ``_PATTERNS``' "berichtete dpa")."""
    return _DE_NAME_FIRST
