"""Language identification on real articles and sentences from the shared data, and on edge cases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from retold.ingest.read import article_from_text
from retold.text.language import detect_language, sentence_languages


def _rows(path: Path, n: int) -> list[dict[str, str]]:
    if not path.is_file():
        pytest.skip(f"{path} is absent (shared data)")
    out = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            out.append(json.loads(line))
            if len(out) == n:
                break
    return out


@pytest.mark.parametrize(
    ("folder", "file", "lang"),
    [
        ("news_10kgnad_de", "10kgnad_de.jsonl", "de"),
        ("news_orangesum_fr", "orangesum_fr.jsonl", "fr"),
        ("news_bbc", "bbc.jsonl", "en"),
    ],
)
def test_real_articles_get_their_language(shared: Path, folder: str, file: str, lang: str) -> None:
    rows = _rows(shared / "data" / folder / file, 40)
    got = [detect_language(r["text"]) for r in rows]
    assert sum(g == lang for g in got) >= 39, got


@pytest.mark.parametrize(("track", "lang"), [("track3.es-es", "es"), ("track1.ar-ar", "ar")])
def test_real_spanish_and_arabic_sentences(shared: Path, track: str, lang: str) -> None:
    rows = _rows(shared / "data" / "sts2017" / f"sts2017.{track}.jsonl", 50)
    got = [detect_language(r["a"]) for r in rows]
    assert sum(g == lang for g in got) >= 45, got


def test_sentence_keeps_article_language_unless_clearly_other() -> None:
    sents = [
        "Die Bank sagte am Donnerstag, die Zinsen würden im Frühjahr weiter steigen.",
        "The central bank said on Thursday that interest rates would keep rising.",
        "Reuters",  # too short to say: the article's language
        "12.5 %",
    ]
    assert sentence_languages(sents, "de") == ["de", "en", "de", "de"]


def test_no_letters_is_english_not_an_error() -> None:
    assert detect_language("") == "en"
    assert detect_language("12 345 678 -- 9") == "en"


def test_article_carries_detected_language() -> None:
    fr = article_from_text(
        "La banque centrale a relevé ses taux d'intérêt jeudi. Elle prévoit une nouvelle hausse au printemps.",
        id="fr",
    )
    de = article_from_text("Die Zentralbank hat am Donnerstag die Zinsen angehoben. Weitere Schritte folgen.", id="de")
    assert (fr.language, de.language) == ("fr", "de")


def test_english_markers_read_ascii_as_the_word_pattern_does() -> None:
    """An ASCII sample's words are split from its bytes, others found by the pattern: the same counts either way."""
    import re

    from retold.text.language import _EN_MARKERS, english_markers

    def oracle(sample: str) -> tuple[int, int]:
        ws = re.findall(r"\w+", sample.lower())
        return len(ws), sum(w in _EN_MARKERS for w in ws)

    samples = [
        "The port said it would reopen; THE_port's (and) it-was 3,5 of\tthe\x00 and\x1f_ __ For",
        "Der Hafen und die Stadt, the port and the city, sagte er.",
        "It's the end...and-then THE. of,of;OF! x_the the_x 1the",
        "",
        "café and the naïve résumé of the day",
    ]
    for sample in samples:
        assert english_markers(sample) == oracle(sample), sample
    assert english_markers(samples[0])[1] >= 8
