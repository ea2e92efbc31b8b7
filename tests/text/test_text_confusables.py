"""Disguise seen through: look-alike letters, invisible and wide characters, with offsets into the original."""

from __future__ import annotations

import pytest

from retold.align.diff import word_diff
from retold.text.confusables import DISGUISES, LOOKALIKES, _hinted, disguise, lookalikes, scan
from retold.text.normalise import normal_text, normalise

PLAIN = "The Kremlin said on Tuesday that the pipeline would reopen, a spokesman told reporters."


def _back(text: str) -> list[str]:
    """Each normal character's original character (to show every offset finds its source)."""
    n = normalise(text)
    return [text[n.offsets[k] : n.ends[k]] for k in range(len(n.text))]


@pytest.mark.parametrize("how", DISGUISES)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_every_disguise_normalises_to_the_plain_text(how: str, seed: int) -> None:
    hidden = disguise(PLAIN, how, share=0.5, seed=seed)
    assert hidden != PLAIN
    assert normalise(hidden).text == normalise(PLAIN).text


@pytest.mark.parametrize(
    "text",
    [
        "The \u041aremlin s\u0430id",  # Cyrillic K, a
        "The \u039aremlin s\u03b1id",  # Greek Kappa, alpha
        "The Kre\u200bmlin sa\u200did",  # zero-width space and joiner
        "The Kre\u00admlin sa\u2060id",  # soft hyphen, word joiner
        "\ufeffThe Kremlin \u202esaid\u202c",  # BOM, right-to-left override and pop
        "The\u00a0Kremlin\u2009said",  # no-break and thin space
        "The\u3000Kremlin\u202fsaid",  # ideographic and narrow no-break space
        "\uff34\uff48\uff45 \uff2b\uff52\uff45\uff4d\uff4c\uff49\uff4e said",  # full-width
        "The \U0001d40a\U0001d42b\U0001d41e\U0001d426\U0001d425\U0001d422\U0001d427 said",  # mathematical bold
        "The K\u200dr\u200de\u200dm\u200dl\u200di\u200dn said",
    ],
)
def test_disguised_forms_read_as_the_plain_words(text: str) -> None:
    assert normalise(text).text == "The Kremlin said"


def test_offsets_point_at_the_disguised_original_characters() -> None:
    text = "The \u041are\u200bmlin \uff53aid"
    n = normalise(text)
    assert n.text == "The Kremlin said"
    back = _back(text)
    assert back[4] == "\u041a"  # the Cyrillic K stands behind the Latin K
    assert back[6] == "e" and back[7] == "m"  # the zero-width space is skipped, not mapped to
    assert back[12] == "\uff53"  # the full-width s
    start, end = n.span(4, 11)
    assert text[start:end] == "\u041are\u200bmlin"


def test_real_russian_and_greek_are_left_as_they_are() -> None:
    ru = (
        "\u041c\u043e\u0441\u043a\u0432\u0430 \u0441\u043e\u043e\u0431\u0449\u0438\u043b\u0430 "
        "\u043e \u0441\u043e\u0440\u0435, \u0430 \u0422\u041e\u0420 \u0441\u043a\u0430\u0437\u0430\u043b."
    )
    el = (
        "\u039f \u03c0\u03c1\u03c9\u03b8\u03c5\u03c0\u03bf\u03c5\u03c1\u03b3\u03cc\u03c2 "
        "\u03b5\u03af\u03c0\u03b5 \u03cc\u03c4\u03b9 \u03bf \u039a\u0391\u0399\u03a1\u039f\u03a3 "
        "\u03b1\u03bb\u03bb\u03ac\u03b6\u03b5\u03b9."
    )
    for text in (ru, el):
        assert normalise(text).text == text
        assert lookalikes(text) == {}
        assert scan(text).total == 0


def test_a_russian_quote_inside_english_keeps_its_letters() -> None:
    # "\u0441\u043e\u0440" (all look-alikes) sits between real Russian words: Russian, not a disguised "cop"
    text = (
        "He said: \u00ab\u0412\u0435\u0441\u044c \u0441\u043e\u0440 "
        "\u0443\u0431\u0440\u0430\u043b\u0438\u00bb, then left."
    )
    assert lookalikes(text) == {}


def test_a_whole_word_of_look_alikes_between_latin_words_is_latin() -> None:
    # "\u0410" and "\u0441\u043e\u0440\u0435" are made only of look-alikes; their neighbours are English
    text = "It was \u0430 big \u0441\u043e\u0440\u0435 of work."
    assert normalise(text).text == "It was a big cope of work."


def test_a_lone_greek_letter_is_a_symbol_not_a_disguise() -> None:
    text = "The variables \u03c1 and (\u03b3) represent the correlation."
    assert normalise(text).text == text
    # ... unless it is an English one-letter word or part of a token ("T.J.", "D.C.", "S&P")
    hidden = "It was \u03b1 deal for T.\u037f. Ellis in D.\u03f9. and S&\u03a1 traders."
    assert normalise(hidden).text == "It was a deal for T.J. Ellis in D.C. and S&P traders."


def test_the_lookalike_table_maps_to_latin_letters_only() -> None:
    for c, r in LOOKALIKES.items():
        assert 0x370 <= ord(c) <= 0x52F, hex(ord(c))
        assert len(r) == 1 and r.isalpha() and ord(r) < 0x250


def test_scan_counts_what_was_hidden() -> None:
    text = "The \u041aremlin s\u0430id it would re\u200bopen the pipe\u00adline soon."
    d = scan(text)
    assert d.lookalike == 2
    assert d.invisible == 1
    assert d.soft_hyphens == 1
    # a soft hyphen is counted but does not make a word disguised: publishers hyphenate with them
    assert [text[s:e] for s, e in d.words] == ["\u041aremlin", "s\u0430id", "re\u200bopen"]
    assert scan(PLAIN).total == 0 and scan(PLAIN).words == ()


def test_word_diff_sees_through_disguise() -> None:
    hidden = "The \u041aremlin s\u0430id on Tues\u200dday"
    ops = word_diff("The Kremlin said on Tuesday", hidden)
    assert [o.op for o in ops] == ["equal"]


def test_unknown_disguise_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown disguise"):
        disguise(PLAIN, "klingon")


def test_a_ligature_beside_greek_or_cyrillic_letters_is_read_as_its_letters() -> None:
    """A ligature ("ﬁ", "ﬀ", common in text taken from PDFs) in a text that also has Greek or Cyrillic letters
    once stopped normalisation with a TypeError; it reads as its letters, and the foreign words stay foreign."""
    assert normal_text("the eﬀect of Ω on the ﬁeld") == "the effect of Ω on the field"
    assert normal_text("Москва ﬁnal") == "Москва final"
    assert normal_text("Ͱﬀ") == normal_text(normal_text("Ͱﬀ"))


def test_a_disguised_letter_deep_in_a_long_article_is_seen() -> None:
    """A whole article is searched for Greek and Cyrillic letters as code points (numpy), a sentence by a pattern:
    both see a look-alike at either edge of each range, behind curly quotes, far into a long text."""
    from retold.text.confusables import _HINT_RANGES

    filler = "\u201cThe port\u201d said work went on. " * 20  # not ASCII, longer than a sentence
    for lo, hi in _HINT_RANGES:
        for point in (lo - 1, lo, hi, hi + 1):
            for text in (f"The Kremlin said{chr(point)}", filler + f"The Kremlin said{chr(point)}"):
                hinted = lo <= point <= hi or any(a <= point <= b for a, b in _HINT_RANGES)
                assert _hinted(text) is hinted, (hex(point), len(text))
    disguised = filler + PLAIN.replace("o", "\u043e")  # Cyrillic o
    assert normalise(disguised).text == normalise(filler + PLAIN).text
