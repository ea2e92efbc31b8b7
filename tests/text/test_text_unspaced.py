"""Runs of scripts written without spaces read as character bigrams, and every other text read as before."""

from __future__ import annotations

import re

import pytest

from retold.fingerprint.shingles import joined_tokens, read_batch, read_tokens
from retold.text.normalise import joined_words, words, written_words
from retold.text.unspaced import bigrams, has_unspaced

# the patterns the tokenisers used before runs were read: a text without these scripts must read the same
_PLAIN_WORDS = re.compile(r"\w+(?:[-'.]\w+)*")
_PLAIN_TOKENS = re.compile(r"\w+")
SPACED = [
    "The mayor's office said on Tuesday that 4,200 dock-workers walked off the job.",
    "Über 1.200 Beschäftigte streikten am Dienstag in Hamburg – laut Verdi.",
    "Le maire a déclaré qu'il «regrettait» la décision, selon l'AFP.",
    "Более 4 200 докеров вышли на забастовку во вторник.",
    "서울시는 화요일 새 다리를 개통했다고 밝혔다.",  # Hangul is spaced: read as before
    "Ο δήμαρχος είπε ότι η γέφυρα άνοιξε.",
    "ﬁnance ｆｕｌｌ ｗｉｄｔｈ and 𝐁𝐨𝐥𝐝",
]


@pytest.mark.parametrize("text", SPACED)
def test_a_spaced_text_reads_as_before(text: str) -> None:
    assert not has_unspaced(text)
    assert written_words(text) == _PLAIN_WORDS.findall(text)
    assert read_tokens(text.lower()) == tuple(_PLAIN_TOKENS.findall(text.lower()))
    assert joined_words([text, text]) == [*words(text), "\x00", *words(text)]


def test_chinese_runs_are_bigrams_cut_at_punctuation() -> None:
    assert words("大桥通车，市民拍照。") == ["大桥", "桥通", "通车", "市民", "民拍", "拍照"]
    assert bigrams("桥") == ["桥"]


def test_japanese_kana_and_kanji_run_together_latin_and_digits_stay_words() -> None:
    assert words("新しいiPhone 15を買った") == ["新し", "しい", "iphone", "15", "を買", "買っ", "った"]


def test_thai_marks_stay_in_their_run() -> None:
    # the vowel and tone marks are no word characters to ``\w``, which cut "ที่นี่" into "ท", "น"
    assert words("ที่นี่") == ["ที", "ี่", "่น", "นี", "ี่"]


def test_the_batch_reader_and_the_joined_reader_agree_with_the_sentence_reader() -> None:
    norms = ["河阳市今天举行仪式。", "The bridge opened on Monday.", "北浜市の図書館が開館した。"]
    read = read_batch([norms])
    assert read.counts.tolist() == [len(read_tokens(n.lower())) for n in norms]
    got = joined_tokens(norms)
    assert got is not None
    each: list[list[str]] = [[]]
    for t in got:
        if t == "\x00":
            each.append([])
        else:
            each[-1].append(t)
    assert each == [list(read_tokens(n.lower())) for n in norms]
