"""The one home of word-list alternations (``retold.text.alternation``), which the text layer (page furniture's
month names) and the fidelity checks (number words, currency signs, speech verbs) both build their patterns with."""

from __future__ import annotations

import re

from retold.text.alternation import alternatives, longest_first
from retold.text.months import NAMES, SHORT, months


def test_longest_first_never_cuts_a_word_at_a_shorter_ones_end() -> None:
    """ "sept" must win over "sep" and "km/h" over "km": a regex alternation takes the first that matches."""
    month = re.compile(rf"(?:{longest_first(months([NAMES['en'], SHORT['en']]))})", re.IGNORECASE)
    assert [m.group() for m in month.finditer("Sept 3, September 4, Sep 5, May 6")] == [
        "Sept",
        "September",
        "Sep",
        "May",
    ]
    unit = re.compile(longest_first(["km", "km/h", "$", "US$"]))
    assert [m.group() for m in unit.finditer("90 km/h, 3 km, US$5, $4")] == ["km/h", "km", "US$", "$"]


def test_alternatives_keeps_the_list_order_and_lets_a_space_match_any_blanks() -> None:
    said = re.compile(rf"\b(?:{alternatives(['said', 'a déclaré'])})\b")
    assert [m.group() for m in said.finditer("il a  déclaré, she said, a déclarée")] == ["a  déclaré", "said"]
