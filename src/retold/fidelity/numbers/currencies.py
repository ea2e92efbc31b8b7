"""The currencies of the number check: signs, ISO codes and words, one list, read through ``currency``."""

from __future__ import annotations

# the signs, read before a figure or after it; a bare "$" is the US dollar (as "dollars" are), a "$" with letters
# its own dollar ("A$500" is 500 Australian dollars)
CURRENCY_SYMBOLS = {
    "$": "USD", "us$": "USD", "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD", "hk$": "HKD", "nz$": "NZD",
    "s$": "SGD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₽": "RUB", "₴": "UAH", "₺": "TRY",
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


# the hryvnia and the Turkish lira by name, as their signs "₴" and "₺": English, German, Russian and Ukrainian
for _code, _words in {
    "UAH": "uah, hryvnia, hryvnias, hryvnya, hryvnyas, hrywnja, hrywnjas, griwna, griwen, гривна, гривны, гривен, "
    "гривня, гривні, гривень",
    "TRY": "lira, liras, turkish lira, turkish liras, türkische lira, türkischen lira, лира, лиры, лир",
}.items():
    CURRENCY_WORDS.update(dict.fromkeys(_words.split(", "), _code))


# the dollars named by their country, after a figure as the sign's dollar: English and German adjectives ("500
# Australian dollars", "500 australische Dollar") and German compounds ("500 US-Dollar", "500 Hongkong-Dollar"), and
# by the ISO code that also stands before a figure ("AUD 500")
_NAMED_DOLLARS = {
    "USD": "us, u.s., american, amerikanische, amerikanischen, us-",
    "AUD": "australian, australische, australischen",
    "CAD": "canadian, kanadische, kanadischen",
    "HKD": "hong kong, hongkong-",
    "NZD": "new zealand, neuseeländische, neuseeländischen, neuseeland-",
    "SGD": "singapore, singapur-",
}
for _code, _names in _NAMED_DOLLARS.items():
    CURRENCY_WORDS[_code.lower()] = _code
    for _name in _names.split(", "):
        for _dollar in ("dollar", "dollars"):
            CURRENCY_WORDS[_name + _dollar if _name.endswith("-") else f"{_name} {_dollar}"] = _code


def currency(sign_or_word: str) -> str:
    """The currency a sign or word of the two lists names ("₹" or "rupees": INR), wherever it stands."""
    low = sign_or_word.lower()
    return CURRENCY_SYMBOLS.get(low) or CURRENCY_WORDS[low]
