"""Word lists of the number check: weekdays, number words, scales, units, hedges; months (as the number check reads
them) from the one list in ``retold.text.months``; the currencies are in ``currencies``."""

from __future__ import annotations

from retold.text.months import NAMES, SHORT, months

MONTHS = months((NAMES["en"], SHORT["en"], NAMES["de"], SHORT["de"]))
# French and Spanish month names, read only in texts of those languages ("le 12 juin", "el 3 de marzo"): in
# English "Mars" and "mayo" are something else
ROMANCE_MONTHS = months((NAMES["fr"], NAMES["es"]))
ROMANCE = frozenset({"fr", "es"})

WEEKDAYS: dict[str, int] = {}

# days a people names by their month and day in figures, as a date (month * 100 + day): the attacks of "9/11"
# ("9-11", September 11, 2001), the London bombings of "7/7" (July 7, 2005)
NAMED_DATES = {"9/11": 911.0, "9-11": 911.0, "7/7": 707.0}


for _k, _names in enumerate(
    [
        "monday montag",
        "tuesday dienstag",
        "wednesday mittwoch",
        "thursday donnerstag",
        "friday freitag",
        "saturday samstag sonnabend",
        "sunday sonntag",
    ]
):
    for _n in _names.split():
        WEEKDAYS[_n] = _k


_UNITS_EN = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]


_TENS_EN = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


_UNITS_DE = [
    "null",
    "eins",
    "zwei",
    "drei",
    "vier",
    "fünf",
    "sechs",
    "sieben",
    "acht",
    "neun",
    "zehn",
    "elf",
    "zwölf",
    "dreizehn",
    "vierzehn",
    "fünfzehn",
    "sechzehn",
    "siebzehn",
    "achtzehn",
    "neunzehn",
]


_TENS_DE = ["zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig"]


# the English number words, read in any text but a French or Spanish one; the German ones (and "ein", "eine",
# "einer" before a scale) only in German text, where they are numbers: in English "elf" and "acht" are other words
WORDS_EN: dict[str, int] = {w: k for k, w in enumerate(_UNITS_EN)} | {w: 20 + 10 * k for k, w in enumerate(_TENS_EN)}
WORDS_EN["dozen"] = 12
WORDS_DE: dict[str, int] = {w: k for k, w in enumerate(_UNITS_DE)} | {w: 20 + 10 * k for k, w in enumerate(_TENS_DE)}
WORDS_DE |= {"dreissig": 30, "dutzend": 12}
WORD_VALUES: dict[str, int] = WORDS_EN | WORDS_DE


# the ones of a German compound: "ein" of "einundzwanzig", "zwei" to "neun"
_DE_ONES = {"ein": 1} | {w: k for k, w in enumerate(_UNITS_DE) if 2 <= k <= 9}
# what a German compound may end in or count thousands by: "ein", "eins" to "neunzehn" ("hunderteins",
# "zwölftausend")
_DE_SMALL = _DE_ONES | {w: k for k, w in enumerate(_UNITS_DE) if k >= 1}
# the German tens: "zwanzig" to "neunzig", "dreißig" also as the Swiss write it, "dreissig"
_DE_TENS = {w: v for w, v in WORD_VALUES.items() if v >= 20 and w.endswith("ig")}


# French and Spanish number words, read only in texts of their language (as their months are): in English "un",
# "once", "seize" and "sept" are other words, in French "dos" is a back. French says 70 and 80 as "soixante-dix" and
# "quatre-vingts" (Belgian and Swiss French "septante", "huitante", "octante", "nonante"), Spanish its hundreds and
# the numbers to 29 as one word ("doscientos", "veinticinco"), written also without their accents
_UNITS_FR = "zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize".split()
_TENS_FR = "vingt trente quarante cinquante soixante septante huitante nonante".split()
_UNITS_ES = (
    "cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciséis diecisiete "
    "dieciocho diecinueve veinte veintiuno veintidós veintitrés veinticuatro veinticinco veintiséis veintisiete "
    "veintiocho veintinueve"
).split()
_TENS_ES = "treinta cuarenta cincuenta sesenta setenta ochenta noventa".split()
_HUNDREDS_ES = "cien doscientos trescientos cuatrocientos quinientos seiscientos setecientos ochocientos novecientos"
_ES = (
    {w: k for k, w in enumerate(_UNITS_ES)}
    | {w: 30 + 10 * k for k, w in enumerate(_TENS_ES)}
    | {w: 100 * (k + 1) for k, w in enumerate(_HUNDREDS_ES.split())}
    | {w[:-2] + "as": 100 * (k + 2) for k, w in enumerate(_HUNDREDS_ES.split()[1:])}  # "doscientas"
    | {"un": 1, "una": 1, "veintiún": 21, "ciento": 100}
)
ROMANCE_WORDS: dict[str, dict[str, int]] = {
    "fr": {w: k for k, w in enumerate(_UNITS_FR)}
    | {w: 20 + 10 * k for k, w in enumerate(_TENS_FR)}
    | {"une": 1, "vingts": 20, "octante": 80, "quatre-vingt": 80, "quatre-vingts": 80},
    "es": _ES | {w.translate(str.maketrans("áéíóú", "aeiou")): v for w, v in _ES.items()},
}
# their scale words: a French hundred multiplies ("deux cents"), a Spanish one is a number ("doscientos"); "billion"
# is 10^12 in both ("mil millones" is 10^9)
ROMANCE_SCALES: dict[str, dict[str, float]] = {
    "fr": {"cent": 1e2, "cents": 1e2, "mille": 1e3, "million": 1e6, "millions": 1e6, "milliard": 1e9,
           "milliards": 1e9, "billion": 1e12, "billions": 1e12},
    "es": {"mil": 1e3, "millón": 1e6, "millon": 1e6, "millones": 1e6, "billón": 1e12, "billon": 1e12,
           "billones": 1e12},
}  # fmt: skip
# the tens and ones they join by a word ("vingt et un", "soixante et onze", "treinta y cinco"), the word
ROMANCE_AND = {
    "fr": ("et", _TENS_FR[:5], ("un", "une", "onze")),
    "es": ("y", _TENS_ES, (*_UNITS_ES[1:10], "un", "una")),
}


# the English scale words a spelled number ends in ("two hundred", "a billion")
SCALES_EN = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


SCALES: dict[str, float] = {
    **SCALES_EN,
    "millions": 1e6,
    "hundert": 1e2,
    "tausend": 1e3,
    "mn": 1e6,
    "mln": 1e6,
    "bn": 1e9,
    "tn": 1e12,
    "bln": 1e9,
    "trn": 1e12,
    "k": 1e3,
    "mio": 1e6,
    "mrd": 1e9,
    "millionen": 1e6,
    "milliarde": 1e9,
    "milliarden": 1e9,
    "billionen": 1e12,
    "milliard": 1e9,
    "milliards": 1e9,
    "millón": 1e6,
    "millones": 1e6,
    "mil millones": 1e9,
    "billón": 1e12,
    "billones": 1e12,
    "тысяча": 1e3,
    "тысячи": 1e3,
    "тысяч": 1e3,
    "тыс": 1e3,
    "миллион": 1e6,
    "миллиона": 1e6,
    "миллионов": 1e6,
    "млн": 1e6,
    "миллиард": 1e9,
    "миллиарда": 1e9,
    "миллиардов": 1e9,
    "млрд": 1e9,
}


# Languages that write a decimal comma and group thousands with a point ("1.500", "2,5"): a lone point
# followed by three digits is thousands there, a lone comma the decimal mark.
COMMA_DECIMAL = frozenset(
    {"de", "fr", "es", "it", "pt", "nl", "pl", "da", "sv", "no", "fi", "cs", "ro", "tr", "ru", "uk"}
)


# Languages that group thousands with a plain space ("1 500"; a no-break space groups them in any language).
SPACE_THOUSANDS = frozenset({"de", "fr", "es", "pt", "pl", "sv", "no", "fi", "cs", "ru", "uk"})


# "billion" is 10^12 where the long scale is used (German Billion, French billion).
LONG_SCALE = frozenset({"de", "fr", "es", "it", "pt", "nl", "pl"})


UNITS = {
    "km": "km",
    "kilometre": "km",
    "kilometres": "km",
    "kilometer": "km",
    "kilometers": "km",
    "kilometern": "km",
    "mile": "mi",
    "miles": "mi",
    "meile": "mi",
    "meilen": "mi",
    "metre": "m",
    "metres": "m",
    "meter": "m",
    "meters": "m",
    "metern": "m",
    "cm": "cm",
    "mm": "mm",
    "kg": "kg",
    "kilogram": "kg",
    "kilograms": "kg",
    "kilogramme": "kg",
    "kilogrammes": "kg",
    "kilogramm": "kg",
    "tonne": "t",
    "tonnes": "t",
    "ton": "t",
    "tons": "t",
    "tonnen": "t",
    "lb": "lb",
    "lbs": "lb",
    "feet": "ft",
    "foot": "ft",
    "ft": "ft",
    "inch": "in",
    "inches": "in",
    "litre": "l",
    "litres": "l",
    "liter": "l",
    "liters": "l",
    "litern": "l",
    "mph": "mph",
    "km/h": "km/h",
    "hectares": "ha",
    "hectare": "ha",
    "hektar": "ha",
    "acres": "acre",
    "acre": "acre",
    "mw": "MW",
    "gw": "GW",
    "kwh": "kWh",
    "degrees": "deg",
    "grad": "deg",
    "°c": "deg",
    "°f": "degF",
    "hours": "h",
    "hour": "h",
    "stunden": "h",
    "stunde": "h",
    "days": "d",
    "day": "d",
    "tage": "d",
    "tagen": "d",
    "tag": "d",
    "weeks": "wk",
    "week": "wk",
    "wochen": "wk",
    "woche": "wk",
    "months": "mo",
    "month": "mo",
    "monate": "mo",
    "monaten": "mo",
    "monat": "mo",
    "years": "yr",
    "year": "yr",
    "jahre": "yr",
    "jahren": "yr",
    "jahr": "yr",
    "minutes": "min",
    "minute": "min",
    "minuten": "min",
    "seconds": "s",
    "second": "s",
    "sekunden": "s",
    "percent": "%",
    "per cent": "%",
    "prozent": "%",
    "percentage points": "pp",
    "percentage point": "pp",
    "prozentpunkte": "pp",
    "prozentpunkten": "pp",
}


# each unit's size in the first unit of its dimension (metres, kilograms, km/h, hectares): any two of one dimension
# convert ("198 cm" is "fast zwei Meter", "310 miles" 500 km); none across dimensions, and no temperatures
_DIMENSIONS = (
    {"m": 1.0, "mm": 0.001, "cm": 0.01, "km": 1000.0, "mi": 1609.344, "ft": 0.3048, "in": 0.0254},
    {"kg": 1.0, "t": 1000.0, "lb": 0.45359237},
    {"km/h": 1.0, "mph": 1.609344},
    {"ha": 1.0, "acre": 0.40468564224},
)
_CONVERT = {(u, v): fu / fv for dim in _DIMENSIONS for u, fu in dim.items() for v, fv in dim.items() if u != v}


# the words that make the figure after them approximate, English, German and French: a number check's tolerance, and the
# meaning check's class of "about 40" (against "at least 40" or "up to 40")
APPROX_EN = (
    "about", "around", "approximately", "roughly", "some", "nearly", "almost", "an estimated", "estimated", "circa",
    "ca.",
)  # fmt: skip
APPROX_DE = ("etwa", "rund", "ungefähr", "knapp", "fast", "gut", "zirka", "beinahe", "circa", "ca.")
APPROX_FR = ("environ", "près de", "presque", "quelque", "autour de", "aux alentours de")
APPROX = tuple(dict.fromkeys((*APPROX_EN, *APPROX_DE, *APPROX_FR)))
# the words that make a figure a bound, lower ("more than 144,000") or upper ("up to 300"); a negated comparative
# means its opposite bound: "no fewer than 16" is "at least 16"
LOWER_BOUNDS = {
    "en": (
        "at least", "more than", "over", "upwards of", "in excess of", "no fewer than", "not fewer than",
        "no less than", "not less than",
    ),
    "de": ("mindestens", "mehr als", "über", "wenigstens", "nicht weniger als"),
}  # fmt: skip
UPPER_BOUNDS = {
    "en": (
        "up to", "as many as", "as much as", "at most", "less than", "fewer than", "under", "no more than",
        "not more than",
    ),
    "de": ("bis zu", "höchstens", "weniger als", "unter", "maximal", "nicht mehr als"),
}  # fmt: skip


# the denominators of fractions written out ("two thirds", "a quarter of"), singular; a plural adds "s"
FRACTIONS = {
    "half": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10,
}  # fmt: skip


# the words of a spelled number of each language (English in all but German; "dozen" is a word value)
_NUMBER_WORDS = {"de": frozenset(WORD_VALUES) | frozenset(SCALES_EN), "en": frozenset(WORDS_EN) | frozenset(SCALES_EN)}


_ASCII_MONTHS = tuple(k for k in MONTHS if k.isascii())


_TRIGGERS = (
    frozenset(WORD_VALUES)
    | frozenset(MONTHS)
    | frozenset(WEEKDAYS)
    | frozenset(SCALES)
    | frozenset(FRACTIONS)
    | frozenset[str]().union(*ROMANCE_WORDS.values(), *ROMANCE_SCALES.values())
)
