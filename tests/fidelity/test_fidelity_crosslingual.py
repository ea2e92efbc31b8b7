"""Names across scripts and spellings (``retold.fidelity.crosslingual``): each spelling fold joins the two
spellings it names, which nothing else joins; different names stay apart."""

from __future__ import annotations

import pytest

from retold.fidelity.crosslingual import FOLDS, same_name


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
