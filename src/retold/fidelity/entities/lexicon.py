"""Word lists of the name check: what joins, heads, precedes or never is a name (one home for each list)."""

from __future__ import annotations

import re

from retold.fidelity._lexicon import PLACES, TITLES, words_of
from retold.fidelity._stems import ALIASES, fold
from retold.fidelity.numbers import MONTHS, WEEKDAYS
from retold.text.sentences import ABBREVIATIONS

_CONNECT_EN = frozenset(
    {"of", "for", "de", "da", "van", "von", "der", "al", "bin", "la", "le", "du", "del", "di", "dos"}
)


_CONNECT_DE = frozenset({"of", "for", "de", "da", "van", "al", "bin", "la", "le", "du", "del", "di", "dos"})


_CONNECT = _CONNECT_EN


_NOT_NAMES = frozenset(list(MONTHS) + list(WEEKDAYS)) | frozenset(
    words_of(
        """i i'm i've i'd i'll mr mrs ms dr god however meanwhile additionally also later earlier yesterday today
        tomorrow according speaking despite although though while whereas moreover furthermore but and or so yet
        celsius fahrenheit
        sie ihr ihnen ihre ihrem ihren ihrer ihres man herr frau jr sr web internet"""
    )
)


_NATIONAL = (
    PLACES
    | frozenset(ALIASES)
    | frozenset(
        words_of(
            """american british russian ukrainian german french chinese japanese israeli palestinian iranian iraqi
        syrian turkish polish italian spanish indian pakistani afghan saudi egyptian canadian australian mexican
        european african asian arab english scottish welsh irish dutch swiss swedish norwegian danish finnish greek
        portuguese belgian austrian hungarian czech korean vietnamese thai brazilian cuban nigerian kenyan"""
        )
    )
)


_NOT_IN_NAMES = (_NOT_NAMES - frozenset(MONTHS)) | frozenset(
    words_of(
        """millionen milliarden million milliarde hunderte tausende dutzende uhr prozent zoll grad meter kilometer
        euro dollar pfund jahre jahren tage tagen wochen monate monaten stunden minuten sekunden"""
    )
)


# common nouns that introduce a name ("Hurricane Rosa", "Provinz Yunnan"): split there, like titles
DESCRIPTORS = frozenset(
    words_of(
        """hurricane typhoon storm cyclone province city county island river company firm brand party hurrikan taifun
        taifuns orkan zyklon sturm tropensturm provinz nachbarprovinz stadt hauptstadt region bundesstaat insel
        fluss firma unternehmen konzern marke partei verein klub mannschaft nachbar nachbarland"""
    )
)


# the abbreviations of the sentence splitter: the word after one and its full stop starts no sentence, where a
# capital would say nothing of a name ("Ms. Novikova"); but for the wires' "pct.", which often ends a sentence
# ("rose 6-1/8 pct. | Year bills ...": "Year" is no name)
_ABBREV = ABBREVIATIONS - {"pct"}


# English articles, and the determiners a description of a known referent opens with ("the company", "his son")
_EN_ARTICLES = frozenset(words_of("the a an"))
_EN_DETERMINERS = _EN_ARTICLES | frozenset(words_of("his her its their"))


_DE_DETERMINERS = frozenset(
    words_of(
        """der die das den dem des ein eine einer einen einem eines kein keine keiner keinen keinem keines mein meine
        meinen meinem meiner sein seine seinen seinem seiner seines ihr ihre ihren ihrem ihrer ihres unser unsere
        unseren unserem unserer euer eure dies diese dieser diesen diesem dieses jede jeder jeden jedem jedes
        manche mancher manchen welche welcher welchen im am zum zur vom beim ins ans aufs alle allen aller viele
        vielen einige einigen mehrere mehreren"""
    )
)


_DE_NOUN_SUFFIXES = (
    "ung",
    "ungen",
    "heit",
    "heiten",
    "keit",
    "keiten",
    "schaft",
    "schaften",
    "tion",
    "tionen",
    "tät",
    "täten",
    "ismus",
    "nis",
    "nisse",
    "chen",
    "lein",
    "ling",
    "linge",
)


_MULTIWORD_ALIASES = tuple((p, c) for p, c in ALIASES.items() if " " in p)


# German titles that are English surnames ("Judge Richter" is German for "Richter", not the name)
_DE_ONLY_TITLES = frozenset(words_of("richter richterin herr frau chef chefin kanzler sprecher trainer"))


# German nouns that head an institution's or a place's name: "Universität Hamburg", "Flughafen Tegel"
_DE_NAME_HEADS = frozenset(
    fold(w)
    for w in words_of(
        """universität hochschule klinikum krankenhaus stiftung bank museum theater verein partei ministerium gericht
        flughafen bahnhof stadion schloss burg kloster kirche dom hotel institut akademie schule gymnasium verband
        klub club gruppe kreis landkreis stadt insel kap"""
    )
)


# German nouns that open a time phrase ("Anfang des Jahres", "Ende Mai", "Mitte 2019"): no word of a name before
_DE_TIME_NOUNS = frozenset(words_of("anfang ende mitte beginn"))
# and what such a phrase goes on with, besides a month or a year: an article or an adjective of time
_DE_TIME_NEXT = frozenset(
    words_of("""des der dieses dieser diesen nächsten kommenden vergangenen letzten vorigen jenes""")
)


_TITLES_DESCRIPTORS = TITLES | DESCRIPTORS


_GENERIC_MORE = frozenset(words_of("atm dvd cd lcd gps sms"))


_ORG_SUFFIXES = frozenset(["inc", "corp", "co", "ltd", "llp", "llc", "plc", "ag", "gmbh", "sa", "nv", "se"])

# the exchange code after a ticker's dot (Reuters instrument codes: "AA.N" New York, "SUNW.O" Nasdaq, "VOD.L" London)
EXCHANGE_CODES = frozenset(
    (
        "N O OQ K A P L T PA DE F TO V HK SS SZ AX NZ BO NS SI KS KQ TW "
        "AS BR MI MC SW ST CO OL HE VI LS JK BK MX SA PK OB"
    ).split()
)


_DE_COMPASS = re.compile(r"^(?:nord|sud|ost|west|zentral|mittel)(?:ost|west)?")


# small words inside a capitalised name that its initials skip ("University of California at Los Angeles": UCLA)
_JOINERS = frozenset({"and", "&", "of", "for", "the", "de", "und", "für", "der", "des", "at"})


# first words many different names share: "New York" is not "New Jersey"
_GENERIC_FIRST = frozenset(
    words_of(
        """north south east west northern southern eastern western central united new great upper lower saint santa
        san los las fort port mount lake"""
    )
)


# English first names and the pet forms that do not start like them ("Greg" / "Gregory" need no entry)
_PET_NAMES = {
    p: full
    for full, pets in (
        ("william", "bill billy will"),
        ("robert", "bob bobby"),
        ("richard", "dick rick"),
        ("harold", "hal harry"),
        ("edward", "ted ed eddie"),
        ("charles", "chuck charlie"),
        ("john", "jack"),
        ("james", "jim jimmy"),
        ("elizabeth", "liz beth betty"),
        ("margaret", "peggy meg maggie"),
        ("gerald", "jerry"),
        ("lawrence", "larry"),
        ("anthony", "tony"),
        ("michael", "mike"),
        ("stephen", "steve"),
        ("steven", "steve"),
        ("theodore", "ted"),
        ("katherine", "kate kathy"),
        ("catherine", "kate cathy"),
    )
    for p in pets.split()
}


# how far behind its best reading a name reading may stand for a word the tagger cannot place ("Norton")
_NAME_MARGIN = 1.5


_ALIAS_TARGETS = frozenset(ALIASES.values())


_PUNCT = ".,;:()\"'\u201c\u201d\u2019\u2018"


# words that head the name of an institution: "Kennedy Library and Museum", "Bureau of Alcohol, Tobacco, ..."
_ORG_HEADS = frozenset(
    words_of(
        """library museum bureau department institute council committee administration commission center centre
        university college foundation association society agency office ministry board court hospital school"""
    )
)


_LAST_HEADS = _ORG_HEADS | frozenset(["act", "services"])


# the seat of a country's government, or its capital, and the country its name stands for in the news ("the Kremlin
# has denied" for "Russia denied", "Tehran's programme" for "Iran's programme"): the seat's words -> the country
_SEATS: dict[str, str] = dict(
    pair.strip().split(":")
    for pair in """kremlin:russia, moscow:russia, white house:us, washington:us, pentagon:us, downing street:uk,
    whitehall:uk, london:uk, elysee:france, paris:france, berlin:germany, beijing:china, tokyo:japan, tehran:iran,
    baghdad:iraq, damascus:syria, kabul:afghanistan, islamabad:pakistan, new delhi:india, jerusalem:israel,
    kyiv:ukraine, kiev:ukraine, ankara:turkey, cairo:egypt, riyadh:saudi, seoul:korea, pyongyang:korea,
    havana:cuba, caracas:venezuela, rome:italy, madrid:spain, ottawa:canada, canberra:australia, taipei:taiwan,
    manila:philippines, jakarta:indonesia, bangkok:thailand, hanoi:vietnam, warsaw:poland, vienna:austria,
    athens:greece, brasilia:brazil""".split(",")
)
