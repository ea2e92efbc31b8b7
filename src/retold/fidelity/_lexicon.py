"""Word lists every fidelity check shares: stopwords (from ``retold.text.stopwords``), titles, places, news outlets,
generic acronyms.

Kept short on purpose: the checks are conservative and only need to recognise names a sentence
start would otherwise hide ("Hungary's final position...") and outlets a credit names.
"""

from __future__ import annotations

import re

from retold.fidelity._stems import STATE_ABBREVIATIONS, fold
from retold.text.stopwords import STOP_DE, STOP_EN


def words_of(text: str) -> list[str]:
    """The words of a whitespace-separated list: long word lists read better as prose blocks."""
    return text.split()


# the US states ("Under Kansas law"), the distinctive words of those of two, and their wire abbreviations
US_STATES = frozenset(
    words_of(
        """alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho
        illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi
        missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia
        washington wisconsin wyoming jersey hampshire carolina dakota"""
    )
    + [a for a in STATE_ABBREVIATIONS if " " not in a]
)

PLACES = frozenset(
    words_of(
        """afghanistan albania algeria argentina armenia australia austria azerbaijan bahrain bangladesh belarus
        belgium bolivia bosnia brazil britain bulgaria cambodia cameroon canada chile china colombia congo croatia
        cuba cyprus czechia denmark ecuador egypt england estonia ethiopia europe finland france georgia germany
        ghana greece guatemala haiti honduras hungary iceland india indonesia iran iraq ireland israel italy
        jamaica japan jordan kazakhstan kenya korea kosovo kuwait kyrgyzstan laos latvia lebanon libya lithuania
        luxembourg macedonia malaysia mali malta mexico moldova mongolia montenegro morocco mozambique myanmar
        namibia nepal netherlands nicaragua niger nigeria norway oman pakistan palestine panama paraguay peru
        philippines poland portugal qatar romania russia rwanda scotland senegal serbia singapore slovakia
        slovenia somalia spain sudan sweden switzerland syria taiwan tajikistan tanzania thailand tunisia turkey
        turkmenistan uganda ukraine uruguay uzbekistan venezuela vietnam wales yemen zambia zimbabwe africa asia
        america antarctica australia gaza crimea kyiv kiev moscow london paris berlin brussels washington beijing
        tokyo rome madrid warsaw vienna budapest prague bucharest sofia athens ankara istanbul tehran baghdad
        damascus cairo jerusalem delhi mumbai kabul islamabad seoul pyongyang taipei manila jakarta bangkok hanoi
        sydney canberra ottawa toronto mexico havana caracas bogota lima santiago brasilia lagos nairobi
        johannesburg geneva zurich amsterdam stockholm oslo copenhagen helsinki dublin lisbon edinburgh cardiff
        belfast minsk vilnius riga tallinn kaliningrad odesa odessa kharkiv donetsk luhansk mariupol wiesbaden
        munich frankfurt hamburg cologne new york chicago boston texas california florida deutschland frankreich
        russland spanien italien polen österreich schweiz belgien niederlande dänemark schweden norwegen finnland
        griechenland türkei ungarn rumänien bulgarien tschechien slowakei kroatien serbien ukraine weißrussland
        großbritannien irland schottland england amerika kanada mexiko brasilien argentinien china japan indien
        indonesien australien ägypten israel iran irak syrien libanon jordanien afghanistan pakistan europa afrika
        asien russland moskau london paris berlin brüssel wien rom warschau peking tokio kiew"""
    )
    + list(US_STATES)
)

# (in Latin letters as ``latin`` reads a name in another script: "Интерфакс" is "interfaks")
OUTLETS = frozenset(
    words_of(
        """reuters ap afp dpa bloomberg bbc cnn nbc cbs abc fox sky msnbc npr pbs politico axios interfax tass ria
        xinhua kyodo yonhap ansa efe anadolu pap ctk mti bta agerpres hina tanjug ukrinform unian itar-tass
        guardian times telegraph independent observer mail express mirror sun economist ft spiegel bild faz zeit
        welt taz handelsblatt stern focus ard zdf ndr wdr mdr swr rbb orf srf dw le monde figaro liberation
        aljazeera euronews rferl rfe/rl voa cbc ctv rte nhk haaretz kommersant vedomosti izvestia novaya gazeta
        interfaks"""
    )
)

# Names another language gives with other words, not by spelling the name in its letters (which
# fidelity.crosslingual reads: "ТАСС" ~ "TASS", "Київ" ~ "Kyiv", "Wien" ~ "Vienna"): "Reuters: рейтер" (Russian
# writes the agency after the German "Reuter"), "Germany: deutschland", "Moscow: москва". Only the words
# that no spelling fold joins to the English one are listed (a test checks each is needed). ``EXONYMS``: the
# word as ``fold`` reads it -> the English name's word.
_EXONYMS = """
        reuters: рейтер ройтерс
        afp: франс
        germany: deutschland allemagne alemania німеччина
        moscow: moskau moscú москва
        munich: münchen мюнхен
        cologne: köln colonia кёльн
        warsaw: warschau varsovie varsovia
        vienna: vienne вена відень
        russia: russland
        poland: polen pologne polonia польша польща
        hungary: ungarn hongrie венгрия угорщина
        greece: griechenland grecia греция греція
        netherlands: niederlande нидерланды нідерланди
        switzerland: schweiz suisse suiza швейцария швейцарія
        austria: österreich autriche
        spain: espagne españa испания іспанія
        turkey: turquie turquía турция туреччина
        britain: großbritannien bretaña великобритания великобританія
        belgium: belgien bélgica бельгия бельгія
        sweden: suède suecia швеция швеція
        china: китай
        japan: япония японія
        beijing: peking pékin pekín пекин пекін
        prague: praga прага
        athens: афины афіни
        london: londres
        rome: roma рим
        france: frankreich francia франция франція
        ukraine: ucrania
        denmark: dinamarca дания данія
        norway: norwegen norvège noruega норвегия норвегія
        finland: финляндия фінляндія
        scotland: écosse escocia шотландия шотландія
        england: angleterre inglaterra англия англія
        mexico: mexique мексика
        egypt: ägypten
        india: inde
        belarus: weißrussland biélorussie bielorrusia білорусь
        lithuania: litauen литва
        latvia: lettland lettonie letonia
        estonia: estland
        romania: rumänien румыния румунія
        croatia: kroatien хорватия хорватія
        czech: tschechien tchéquie chequia чехия чехія
        georgia: грузия грузія
        crimea: krim крым крим
        geneva: genf ginebra женева
        venice: venedig venecia венеция
        naples: neapel неаполь
"""
EXONYMS = {
    fold(word): line.split(":")[0].strip()
    for line in _EXONYMS.strip().splitlines()
    for word in line.split(":")[1].split()
}
_EXONYM_STEMS = {k.rstrip("aeiouyаеиоуыяюэёіїє"): v for k, v in EXONYMS.items() if len(k) >= 4}


def exonym(word: str) -> str | None:
    """The English name a foreign word stands for, inflected too ("Мюнхеном", "Москве", "Deutschlands"): the
    table's word, or its stem (a final vowel off) and up to three more letters."""
    low = fold(word)
    if low in EXONYMS:
        return EXONYMS[low]
    for cut in range(1, 4):
        if len(low) - cut >= 4 and low[:-cut] in _EXONYM_STEMS:
            return _EXONYM_STEMS[low[:-cut]]
    return None


OUTLET_PHRASES = (
    "associated press",
    "agence france-presse",
    "agence france presse",
    "new york times",
    "washington post",
    "wall street journal",
    "financial times",
    "los angeles times",
    "usa today",
    "deutsche welle",
    "al jazeera",
    "sky news",
    "fox news",
    "der spiegel",
    "süddeutsche zeitung",
    "frankfurter allgemeine",
    "radio free europe",
    "voice of america",
    "ria novosti",
    "the guardian",
    "the times",
    "the economist",
)
# The common nouns of the press: an outlet's shape in a name ("Radio Nordwest", "Süddeutsche Zeitung"), but alone
# ("die Zeitung", "der Sender": German writes every noun with a capital) they name no outlet, "the newspaper" does not.
PRESS_NOUNS = frozenset(
    words_of(
        """network channel broadcasting broadcaster radio television tv magazine newspaper zeitung rundfunk sender
        fernsehen nachrichten nachrichtenagentur presseagentur blatt kanal presse magazin nachrichtenmagazin"""
    )
)
# German nouns of what was said or counted, whose owner a credit names ("nach Angaben der Polizei"): alone ("Berichten
# zufolge", "Seiner Aussage zufolge") they credit no one
SAYING_NOUNS = (
    "Angaben Informationen Aussage Aussagen Berichten Bericht Berichte Darstellung Schätzungen Schätzung Auskunft "
    "Worten Recherchen Einschätzung Behauptungen Behauptung Meldungen Meldung"
).split()
# "agency" alone is not here: the Environment Protection Agency is a source, not an outlet (two texts quoting it
# read as sharing a wire); a news or press agency is one by those words
OUTLET_WORDS = PRESS_NOUNS | frozenset(
    words_of(
        """news times post journal herald gazette tribune telegraph guardian daily chronicle mail express today
        press wire observer review monitor standard courier reporter dispatch bulletin presse tagesschau
        tagesspiegel kurier rundschau anzeiger"""
    )
)

GENERIC_ACRONYMS = frozenset(
    words_of(
        """hq ceo cfo coo cto tv pr pm am fm gmt utc cet id ok vip dna gdp phd mp mps mep meps ai it cctv suv ufo usb
        pdf url faq rip etc vs mph kmh km kg mw gw kwh co2 cpu gpu pc usd eur gbp chf jpy cny
        ki pkw pkws lkw lkws kfz"""
    )
)


# titles whose capitalised words before them name a portfolio or rank, not a person ("Health Minister")
PORTFOLIO_TITLES = frozenset(
    [
        "minister",
        "secretary",
        "officer",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "commissioner",
        "councilman",
        "councilwoman",
        "councillor",
        "director",
        "chief",
    ]
)


# the stopwords of both languages, and German "laut" ("according to"), which starts a credit, not a name
STOP = STOP_EN | STOP_DE | {"laut"}

# An article before an outlet's or a source's name ("the Associated Press", "die dpa"), left out to compare names.
LEADING_ARTICLE = re.compile(r"^(?:the|die|der|das|den|dem|des|a|an)\s+", re.IGNORECASE)
# Personal pronouns that can say something ("he said", "sagte er", "a-t-il déclaré"), lower-case.
SPEAKING_PRONOUNS = frozenset(words_of("he she they it we i er sie es wir ich il elle ils elles"))
# The pronouns that stand for one person named elsewhere ("he said" for "Mr. Kuo said", "his arrest" for
# "Taylor's arrest"), lower-case; not "sie" or "ihr" (also "they", "their") nor "sein" (also "to be").
PERSON_PRONOUNS = frozenset(
    words_of("he him his himself she her hers herself er ihm ihn seine seiner seinem seinen seines")
)
# The first words of an English sentence that goes on from the one before it, lower-case: a pronoun for someone
# named there ("He reiterated ...", "Their plan ...") or a contrast with it ("But ...", "However, ..."); not
# "Meanwhile", which often turns to another thread ("Meanwhile, in the town of Kessin, ...").
FOLLOW_ON_OPENERS = frozenset(words_of("he she they his her their but however"))


TITLES = frozenset(
    words_of(
        """mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir lord lady president vice prime minister secretary
        chancellor councilman councilwoman councillor chief executive director chairman chairwoman chair
        governor senator sen. rep. representative mayor king queen prince princess pope judge justice officer
        spokesman spokeswoman spokesperson commissioner ambassador lt. col. gen. sgt. captain detective sheriff
        inspector superintendent coach manager deputy attorney foreign defence defense interior finance state
        premier leader head commander admiral colonel lieutenant sergeant professor doctor bishop cardinal
        father herr frau präsident präsidentin minister ministerin premierminister premierministerin
        bundeskanzler bundeskanzlerin kanzler kanzlerin richter richterin bürgermeister bürgermeisterin sprecher
        sprecherin chef chefin trainer abgeordneter abgeordnete senatorin gouverneur botschafter capt adm gen
        col lt sgt gov sen rep rev cmdr maj cpl pvt supt insp"""
    )
)


# What a subject written inside a quote's marks is made of when it says nothing of its own ("these are", "it is",
# "a", "both are"): pronouns, demonstratives, articles and the forms of "be" and "have" after them.
DETERMINERS = frozenset(words_of("this that these those a an the"))
SUBJECT_HEADS = DETERMINERS | frozenset(words_of("i we you he she it they there both am is are was were has have had"))
# the auxiliary inside a contraction whose stem is not the word before "n't" ("won't" is "will not")
CONTRACTED_AUX = {"wo": "will", "ca": "can", "sha": "shall", "cannot": "can"}
# what a clitic stands for; "'s" and "'d" say "is" and "would" (also "has", "had" and a possessive's "'s")
_CLITICS = (
    ("n't", "not"),
    ("'re", "are"),
    ("'m", "am"),
    ("'ll", "will"),
    ("'ve", "have"),
    ("'d", "would"),
    ("'s", "is"),
)


def uncontracted(ws: list[str]) -> list[str]:
    """Lower-case words with each contraction written out: "the newspaper's going" -> "the newspaper is going",
    "won't" -> "will not"."""
    out: list[str] = []
    for w in ws:
        if w == "cannot":
            out += ["can", "not"]
            continue
        end = next(((c, full) for c, full in _CLITICS if w.endswith(c) and len(w) > len(c)), None)
        if end is None:
            out.append(w)
        else:
            base = w[: -len(end[0])]
            out += [CONTRACTED_AUX.get(base, base) if end[0] == "n't" else base, end[1]]
    return out
