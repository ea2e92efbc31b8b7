"""The one list of month names (``retold.text.months``), as the sentence splitter, the date reader and the number
check read it: a name one of them knows, the others know too."""

from __future__ import annotations

import pytest

from retold.fidelity.numbers import extract
from retold.ingest import article_from_text
from retold.ingest.dates import read_date
from retold.text.months import NAMES, SHORT, months


@pytest.mark.parametrize(("name", "month"), sorted(months((NAMES["de"],)).items()))
def test_every_german_month_joins_its_ordinal_and_is_a_date(name: str, month: int) -> None:
    """ "am 3. Maerz" was cut after "3." (the splitter's list lacked the spelling without the umlaut), and "3. Feber"
    was the count 3 (the number check's list lacked the Austrian February)."""
    first = f"Der Streik begann am 3. {name.capitalize()} in Harben."
    article = article_from_text(f"{first} Er dauerte lange.", id="x", language="de")
    assert [s.text for s in article.sentences] == [first, "Er dauerte lange."]
    assert [(q.kind, q.value) for q in extract(f"am 3. {name.capitalize()} 2024", "de")] == [
        ("date", month * 100 + 3),
        ("year", 2024),
    ]


@pytest.mark.parametrize(("name", "month"), sorted(months((NAMES["en"], SHORT["en"])).items()))
def test_every_english_month_is_read_by_the_date_reader_and_the_number_check(name: str, month: int) -> None:
    reading = read_date(f"3 {name.capitalize()} 2019")
    assert reading is not None and (reading.at.month, reading.at.day) == (month, 3)
    assert [(q.kind, q.value) for q in extract(f"on 3 {name.capitalize()} 2019", "en")] == [
        ("date", month * 100 + 3),
        ("year", 2019),
    ]


@pytest.mark.parametrize(("short", "month"), sorted(months((SHORT["de"],)).items()))
def test_a_short_german_month_joins_its_ordinal(short: str, month: int) -> None:
    """ "am 3. Okt. in Harben" was cut after "3.": the splitter wanted a word to go on right after "Okt."."""
    first = f"Der Streik begann am 3. {short.capitalize()}. in Harben."
    article = article_from_text(f"{first} Er dauerte lange.", id="x", language="de")
    assert [s.text for s in article.sentences] == [first, "Er dauerte lange."]
    assert [(q.kind, q.value) for q in extract(f"am 3. {short.capitalize()}. 2024", "de")][:1] == [
        ("date", month * 100 + 3)
    ]
