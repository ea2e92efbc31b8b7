"""Normalisation: one spelling for quotes, dashes and spaces, with offsets that still find the original."""

from __future__ import annotations

import unicodedata

import pytest

from retold.ingest import article_from_text
from retold.text.normalise import comparable, normalise, words

# Strings that have broken offset maps before: combining marks (also at a line end), expansions
# ("…" -> "..."), dropped characters, runs of exotic spaces, CRLF, and line/paragraph separators.
TRICKY = [
    "Cafe\u0301 owners \u201cwelcomed\u201d the plan \u2014 mostly.\nThe mayor said so.",
    "Un cafe\u0301\n\nLe cafe\u0301 est ouvert. Il ferme a\u0300 minuit.",
    "Zero\u200bwidth\u200c and soft\u00adhyphen words.\u200b Next\u2060 sentence here.",
    "Headline with nbsp\u00a0and\u202fthin\u2009space\r\n\r\nBody one\u2026 Body two. Body three.",
    "  Leading blanks\t\tand tabs.   \n\n\n  Trailing blanks too.   ",
    "He said \u2018no\u2019 \u2013 twice \u2015 and left\u2026\u2028New line. \u00abGuillemets\u00bb here.",
    "\ufeffBOM inside text. e\u0301\u0301 twice-marked. Last one\u2019s end.",
    "Dashes\u2010everywhere\u2011now\u2012and\u2212then\uff0dok. \u201eLow quote\u201f here.",
    "\u212bngstro\u0308m units (\u212b) are tiny. Caf\u00e9 and cafe\u0301 are the same word.",
]

_NOT_NORMAL = set("\u2018\u2019\u201c\u201d\u201e\u201f\u00ab\u00bb\u2013\u2014\u2015\u2010\u2011\u2212\u2026")
_NOT_NORMAL |= set("\u00a0\u202f\u2009\u200b\u200c\u200d\u2060\u00ad\ufeff\t\r")


def test_curly_quotes_dashes_and_ellipsis_become_ascii() -> None:
    n = normalise("\u201cYes,\u201d she said \u2014 it\u2019s 9\u201310\u2026")
    assert n.text == '"Yes," she said - it\'s 9-10...'


def test_spaces_collapse_and_invisible_characters_vanish() -> None:
    n = normalise("a\u00a0\u00a0b\u202fc\u2009d  \t e\u200bf\u00adg\u2060h\ufeffi")
    assert n.text == "a b c d efghi"


def test_nfc_composes_combining_marks() -> None:
    n = normalise("cafe\u0301")
    assert n.text == "caf\u00e9"
    assert unicodedata.is_normalized("NFC", n.text)
    # The composed letter points at the base letter, and its span covers the combining mark too.
    assert n.offsets[3] == 3
    assert n.span(0, 4) == (0, 5)


def test_newlines_are_kept_and_crlf_counts_once() -> None:
    n = normalise("one  \r\ntwo\n\nthree\u2028four")
    assert n.text == "one\ntwo\n\nthree\nfour"
    k = n.text.index("two")
    assert n.offsets[k] == 7  # "one  \r\n" is 7 original characters


def test_drop_ranges_are_left_out_but_offsets_still_count_them() -> None:
    text = "The **union** said no."
    drops = [(4, 6), (11, 13)]
    n = normalise(text, drops)
    assert n.text == "The union said no."
    k = n.text.index("union")
    assert text[n.offsets[k] : n.offsets[k] + 5] == "union"


@pytest.mark.parametrize("text", TRICKY, ids=[f"tricky{i}" for i in range(len(TRICKY))])
def test_offset_map_points_back_to_the_original_character(text: str) -> None:
    n = normalise(text)
    assert len(n.offsets) == len(n.text) + 1
    assert len(n.ends) == len(n.text)
    assert n.offsets[-1] == len(text)
    assert list(n.offsets) == sorted(n.offsets)
    for k, ch in enumerate(n.text):
        start, end = n.offsets[k], n.ends[k]
        assert 0 <= start < end <= len(text)
        source = unicodedata.normalize("NFC", text[start:end])
        if ch.isalnum():
            assert ch in source, (k, ch, source)
        elif ch == "\n":
            assert source[0] in "\r\n\u2028\u2029"
        elif ch == " ":
            assert source.isspace()


@pytest.mark.parametrize("text", TRICKY, ids=[f"tricky{i}" for i in range(len(TRICKY))])
def test_normal_text_has_no_exotic_characters_and_is_stable(text: str) -> None:
    n = normalise(text)
    assert not (_NOT_NORMAL & set(n.text))
    assert unicodedata.is_normalized("NFC", n.text)
    assert "  " not in n.text
    assert normalise(n.text).text == n.text  # normalising twice changes nothing


@pytest.mark.parametrize("text", TRICKY, ids=[f"tricky{i}" for i in range(len(TRICKY))])
def test_every_sentence_slices_the_original_and_normalises_to_its_norm(text: str) -> None:
    article = article_from_text(text, id="tricky")
    assert article.sentences
    previous_end = 0
    for i, s in enumerate(article.sentences):
        assert s.i == i
        assert previous_end <= s.start < s.end <= len(article.text)
        assert article.text[s.start : s.end] == s.text
        assert s.text == s.text.strip()
        # The slice is the whole original sentence: combining marks at its end included.
        assert normalise(s.text).text == s.norm
        previous_end = s.end


def test_sentence_ending_in_a_combining_mark_keeps_it() -> None:
    text = "Un cafe\u0301\n\nLe patron a dit oui\u0301."
    article = article_from_text(text, id="fr")
    title = article.sentences[0]
    assert title.is_title
    assert title.text == "Un cafe\u0301"
    assert title.norm == "Un caf\u00e9"
    assert article.sentences[1].text.endswith("oui\u0301.")


def test_words_and_comparable_ignore_case_and_punctuation() -> None:
    assert words("The U.S. port's well-known Chief, 14.5 metres!") == [
        "the",
        "u.s",
        "port's",
        "well-known",
        "chief",
        "14.5",
        "metres",
    ]
    assert comparable('"Sail past us," he said.') == comparable("sail PAST us -- he said")
