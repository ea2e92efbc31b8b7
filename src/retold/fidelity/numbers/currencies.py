"""The currencies of the number check: signs, ISO codes and words, one list, read through ``currency``."""

from __future__ import annotations

# the signs, read before a figure or after it; any dollar is "USD", as "Australian dollars" reads "dollars"
CURRENCY_SYMBOLS = {
    "$": "USD", "us$": "USD", "a$": "USD", "c$": "USD", "hk$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR",
    "₽": "RUB", "₴": "UAH", "₺": "TRY",
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


def currency(sign_or_word: str) -> str:
    """The currency a sign or word of the two lists names ("₹" or "rupees": INR), wherever it stands."""
    low = sign_or_word.lower()
    return CURRENCY_SYMBOLS.get(low) or CURRENCY_WORDS[low]
