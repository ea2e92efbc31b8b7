"""Small word lists the rule-based checks rely on: places, news outlets, generic acronyms.

Kept short on purpose: the checks are conservative and only need to recognise names a sentence
start would otherwise hide ("Hungary's final position...") and outlets a credit names.
"""

from __future__ import annotations


def words_of(text: str) -> list[str]:
    """The words of a whitespace-separated list: long word lists read better as prose blocks."""
    return text.split()


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
)

OUTLETS = frozenset(
    words_of(
        """reuters ap afp dpa bloomberg bbc cnn nbc cbs abc fox sky msnbc npr pbs politico axios interfax tass ria
        xinhua kyodo yonhap ansa efe anadolu pap ctk mti bta agerpres hina tanjug ukrinform unian itar-tass
        guardian times telegraph independent observer mail express mirror sun economist ft spiegel bild faz zeit
        welt taz handelsblatt stern focus ard zdf ndr wdr mdr swr rbb orf srf dw le monde figaro liberation
        aljazeera euronews rferl rfe/rl voa cbc ctv rte nhk haaretz kommersant vedomosti izvestia novaya gazeta"""
    )
)
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
OUTLET_WORDS = frozenset(
    words_of(
        """news times post journal herald gazette tribune telegraph guardian daily chronicle mail express today
        network channel broadcasting broadcaster radio television tv agency press wire magazine newspaper observer
        review monitor standard courier reporter dispatch bulletin zeitung rundfunk sender fernsehen nachrichten
        nachrichtenagentur agentur presse blatt kanal tagesschau tagesspiegel kurier rundschau anzeiger"""
    )
)

GENERIC_ACRONYMS = frozenset(
    words_of(
        """hq ceo cfo coo cto tv pr pm am fm gmt utc cet id ok vip dna gdp phd mp mps mep meps ai it cctv suv ufo usb
        pdf url faq rip etc vs mph kmh km kg mw gw kwh co2 cpu gpu pc usd eur gbp chf jpy cny
        ki pkw pkws lkw lkws kfz"""
    )
)
