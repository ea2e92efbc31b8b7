"""The currencies of the number check: signs, ISO codes and words, one list, read through ``currency``."""

from __future__ import annotations

import itertools
import re

# the signs, read before a figure or after it; a bare "$" is the US dollar (as "dollars" are), a "$" with letters
# its own dollar ("A$500" is 500 Australian dollars, and so is "$A500", as Australian papers write it: "$US3.95"),
# or its own currency: "R$" the Brazilian real, "MX$" the Mexican peso
CURRENCY_SYMBOLS = {
    "$": "USD", "us$": "USD", "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD", "hk$": "HKD", "nz$": "NZD",
    "s$": "SGD", "$us": "USD", "$a": "AUD", "$nz": "NZD", "$hk": "HKD", "r$": "BRL", "mx$": "MXN",
    "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₽": "RUB", "₴": "UAH", "₺": "TRY",
}  # fmt: skip


CURRENCY_WORDS = {
    "dollar": "USD",
    "dollars": "USD",
    "usd": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "евро": "EUR",
    "доллар": "USD",
    "доллара": "USD",
    "долларов": "USD",
    "eur": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
    "gbp": "GBP",
    "pfund": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rupees": "INR",
    "rupee": "INR",
    "roubles": "RUB",
    "rubles": "RUB",
    "rubel": "RUB",
    "francs": "CHF",
    "franken": "CHF",
    "chf": "CHF",
    "cents": "cent",
    "cent": "cent",
    "pence": "pence",
}


# the hryvnia and the Turkish lira by name, as their signs "₴" and "₺": English, German, Russian and Ukrainian;
# the real and the Mexican peso as their signs "R$" and "MX$" (a bare "real" is an English word, "pesos" many pesos)
for _code, _words in {
    "UAH": "uah, hryvnia, hryvnias, hryvnya, hryvnyas, hrywnja, hrywnjas, griwna, griwen, гривна, гривны, гривен, "
    "гривня, гривні, гривень",
    "TRY": "lira, liras, turkish lira, turkish liras, türkische lira, türkischen lira, лира, лиры, лир",
    "BRL": "brl, reais, brazilian real, brazilian reals, brazilian reais, brasilianische real, brasilianischen real, "
    "reales brasileños, real brasileño",
    "MXN": "mxn, mexican peso, mexican pesos, mexikanische peso, mexikanischen peso, mexikanische pesos, "
    "mexikanischen pesos, pesos mexicanos, peso mexicano",
}.items():
    CURRENCY_WORDS.update(dict.fromkeys(_words.split(", "), _code))


# the dollars named by their country, after a figure as the sign's dollar, each ending in brackets written with it
# and without: English and German adjectives before it ("500 Australian dollars", "500 australische Dollar"), German
# compounds ("500 US-Dollar"), French and Spanish adjectives after it ("500 dollars australiens", "500 dólares
# australianos"); and the ISO code that also stands before a figure ("AUD 500")
_NAMED_DOLLARS = {
    "USD": "us dollar(s), u.s. dollar(s), american dollar(s), amerikanische(n) dollar(s), us-dollar(s), "
    "dollar(s) américain(s), dólar(es) estadounidense(s)",
    "AUD": "australian dollar(s), australische(n) dollar(s), dollar(s) australien(s), dólar(es) australiano(s)",
    "CAD": "canadian dollar(s), kanadische(n) dollar(s), dollar(s) canadien(s), dólar(es) canadiense(s)",
    "HKD": "hong kong dollar(s), hongkong-dollar(s), dollar(s) de hong kong, dólar(es) de hong kong",
    "NZD": "new zealand dollar(s), neuseeländische(n) dollar(s), neuseeland-dollar(s), dollar(s) néo-zélandais, "
    "dólar(es) neozelandés, dólares neozelandeses",
    "SGD": "singapore dollar(s), singapur-dollar(s), dollar(s) de singapour, dólar(es) de singapur",
}
CURRENCY_WORDS |= {"dólar": "USD", "dólares": "USD"}
for _code, _names in _NAMED_DOLLARS.items():
    CURRENCY_WORDS[_code.lower()] = _code
    for _name in _names.split(", "):
        _parts = re.split(r"\((\w+)\)", _name)  # the text, then each ending and the text after it
        for _with in itertools.product((False, True), repeat=len(_parts) // 2):
            _form = _parts[0] + "".join(e * w + t for w, e, t in zip(_with, _parts[1::2], _parts[2::2], strict=True))
            CURRENCY_WORDS[_form] = _code
# a cent of a dollar named by its country is a cent ("63 Canadian cents", "50 U.S. cents")
for _form in [f for f in CURRENCY_WORDS if re.fullmatch(r"[a-z. ]+ dollar", f)]:
    CURRENCY_WORDS[_form[: -len("dollar")] + "cent"] = CURRENCY_WORDS[_form[: -len("dollar")] + "cents"] = "cent"


def currency(sign_or_word: str) -> str:
    """The currency a sign or word of the two lists names ("₹" or "rupees": INR), wherever it stands."""
    low = sign_or_word.lower()
    return CURRENCY_SYMBOLS.get(low) or CURRENCY_WORDS[low]
