"""Names across scripts and spellings (``retold.fidelity.crosslingual``): each spelling fold joins the two
spellings it names, which nothing else joins; different names stay apart."""

from __future__ import annotations

import pytest

from retold.fidelity._lexicon import EXONYMS, exonym
from retold.fidelity.crosslingual import FOLDS, _latin, same_name


@pytest.mark.parametrize("fold", FOLDS, ids=[f.name for f in FOLDS])
def test_each_fold_joins_its_spellings_and_is_needed_for_them(fold) -> None:  # type: ignore[no-untyped-def]
    x, y = fold.joins
    assert same_name(x, y)
    assert not same_name(x, y, [f for f in FOLDS if f is not fold])  # deleting the fold fails here


@pytest.mark.parametrize(
    ("x", "y"),
    [
        ("Kyiv", "Kiew"), ("Kyiv", "Kiev"), ("Kyiv", "Київ"), ("Kyiv", "Києві"), ("Kyiv", "Киеве"),
        ("Kyiv", "Kyjiw"), ("Rutte", "Рютте"), ("Zelensky", "Зеленский"), ("Selenskyj", "Зеленський"),
        ("Volodymyr", "Володимир"), ("Europe", "Європа"), ("Hamburg", "Гамбург"), ("Gorbachev", "Горбачёв"),
        ("Khrushchev", "Хрущёв"), ("Harbin", "Харбин"),
    ],
)  # fmt: skip
def test_one_name_in_several_spellings(x: str, y: str) -> None:
    assert same_name(x, y) and same_name(y, x)


@pytest.mark.parametrize(
    ("x", "y"),
    [("Kyiv", "Kiel"), ("Kyiv", "Харьков"), ("Merkel", "Merz"), ("Rutte", "Rubio"), ("Hill", "Gill"), ("Hahn", "Khan")],
)
def test_different_names_stay_apart(x: str, y: str) -> None:
    assert not same_name(x, y)


@pytest.mark.parametrize(("word", "name"), sorted(EXONYMS.items()))
def test_each_exonym_joins_its_name_and_is_needed_for_it(word: str, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """``EXONYMS``: Reuters is "Рейтер" in Russian, Germany "Deutschland": other words, which no fold reaches."""
    assert same_name(name, word) and same_name(word, name)
    monkeypatch.setattr("retold.fidelity.crosslingual.exonym", lambda word: None)
    _latin.cache_clear()  # readings are cached: read again without the table, then forget those readings
    try:
        assert not same_name(name, word)
    finally:
        _latin.cache_clear()


def test_foreign_names_of_one_place_meet_through_english() -> None:
    assert same_name("München", "Мюнхен") and same_name("Deutschland", "Allemagne") and not same_name("Polen", "Praga")


@pytest.mark.parametrize(
    ("word", "name"),
    [("Мюнхеном", "munich"), ("Москве", "moscow"), ("Польши", "poland"), ("Deutschlands", "germany"), ("Римма", None)],
)
def test_an_inflected_exonym_is_read_by_its_stem(word: str, name: str | None) -> None:
    assert exonym(word) == name
