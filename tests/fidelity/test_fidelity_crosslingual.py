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


EN_BUDGET = """City council approves new budget

The city council approved the new budget on Tuesday after a long debate.
The vote will be repeated on June 12 because of a procedural error, the mayor said.
The first payments to schools will arrive on April 1.
The session began at 3:30 p.m. and ended shortly before midnight.
About 12,500 residents had signed a petition against the cuts.
The budget foresees spending of 1.2 billion euros next year.
"""
FR_BUDGET = """Le conseil municipal adopte un nouveau budget

Le conseil municipal a adopté mardi le nouveau budget après un long débat.
Le vote sera répété le 12 juin en raison d'une erreur de procédure, a indiqué le maire.
Les premiers versements aux écoles arriveront le 1er avril.
La séance a commencé à 15h30 et s'est terminée peu avant minuit.
Environ 12 500 habitants avaient signé une pétition contre les coupes.
Le budget prévoit des dépenses de 1,2 milliard d'euros l'an prochain.
"""
EN_PUTIN = """Putin hails referendum result

Russian President Vladimir Putin on Thursday thanked Russians for their support.
Kremlin spokesman Dmitry Peskov welcomed a "triumphant referendum of confidence in President Putin".
Opposition politician Alexei Navalny called the vote an "enormous lie".
The final results were published on Thursday by the Electoral Commission.
"""
FR_PUTIN = """Poutine salue le résultat du référendum

Le président russe Vladimir Poutine a remercié jeudi les Russes pour leur soutien.
Le porte-parole du Kremlin, Dmitri Peskov, s'est félicité d'un "référendum triomphal de confiance envers le \
président Poutine" et d'un "niveau de participation extrêmement élevé".
L'opposant Alexeï Navalny a qualifié le vote d'"énorme mensonge".
Les résultats définitifs ont été publiés jeudi par la Commission électorale.
"""


def test_a_french_translation_of_dates_times_and_quotes_raises_no_flag() -> None:
    """'le 12 juin', 'le 1er avril', '15h30' were counts (number flags against June 12); a quote whose sentence
    fell just under the translation bound was 'possibly invented' and Putin 'became' Poutine; and French,
    denser in content words, read as the source of an undated translation at 0.8 ('reads plainer')."""
    import retold

    for en, fr in ((EN_BUDGET, FR_BUDGET), (EN_PUTIN, FR_PUTIN)):
        c = retold.compare(retold.article_from_text(en, id="en"), retold.article_from_text(fr, id="fr"))
        assert (c.a.language, c.b.language) == ("en", "fr")
        assert not [f for f in c.flags if f.kind.startswith(("number_", "quote_", "entity_"))], c.flags
        assert not any("plainer" in r for r in c.verdict.reasons)
