"""Numbers, dates, money and units, normalised so a retelling's rewording is not a change.

"700" and "seven hundred", "€35 billion" and "35bn euros", "14th of October" and "Oct. 14",
"500 kilometres" and "approximately 500 km" are the same fact; a reader needs to hear only when
the value itself moved, appeared or vanished.
"""

from __future__ import annotations

from retold.fidelity.numbers.facts import same
from retold.fidelity.numbers.flags import compare, other_reports, quantities, reading_spans, two_readings
from retold.fidelity.numbers.lexicon import MONTHS, WEEKDAYS, WORD_VALUES, WORDS_EN
from retold.fidelity.numbers.parse import Quantity, extract
from retold.fidelity.numbers.values import parse_digits, parse_words

__all__ = [
    "MONTHS",
    "WEEKDAYS",
    "WORDS_EN",
    "WORD_VALUES",
    "Quantity",
    "compare",
    "extract",
    "other_reports",
    "parse_digits",
    "parse_words",
    "quantities",
    "reading_spans",
    "same",
    "two_readings",
]
