"""Sentence splitting and the title rule, through ``article_from_text`` as every reader uses it."""

from __future__ import annotations

import pytest

from retold.ingest import article_from_text
from retold.model import Article
from retold.text.normalise import normalise
from retold.text.sentences import MAX_TITLE_CHARS, looks_like_title, split_sentences


def _texts(article: Article) -> list[str]:
    return [s.text for s in article.sentences]


def _check_offsets(article: Article) -> None:
    for s in article.sentences:
        assert article.text[s.start : s.end] == s.text


# --- the title rule -------------------------------------------------------------------------


def test_short_first_line_without_full_stop_is_the_title() -> None:
    a = article_from_text("Port strike halts grain exports\n\nDockworkers walked out on Tuesday.", id="t")
    assert a.title == "Port strike halts grain exports"
    assert a.sentences[0].is_title
    assert a.sentences[0].i == 0
    assert a.sentences[0].text == "Port strike halts grain exports"
    assert [s.is_title for s in a.sentences[1:]] == [False]
    _check_offsets(a)


def test_first_line_ending_with_a_full_stop_is_not_a_title() -> None:
    a = article_from_text("Dockworkers walked out on Tuesday.\n\nThe strike will last three days.", id="t")
    assert a.title is None
    assert not any(s.is_title for s in a.sentences)
    assert _texts(a) == ["Dockworkers walked out on Tuesday.", "The strike will last three days."]


def test_single_line_has_no_title() -> None:
    a = article_from_text("Port strike halts grain exports", id="t")
    assert a.title is None
    assert len(a.sentences) == 1
    assert not a.sentences[0].is_title


def test_first_line_followed_only_by_blank_lines_is_not_a_title() -> None:
    a = article_from_text("Port strike halts grain exports\n\n   \n", id="t")
    assert a.title is None
    assert not a.sentences[0].is_title


def test_long_first_line_is_not_a_title() -> None:
    long_line = " ".join(["word"] * 40)  # more than MAX_TITLE_WORDS words, no full stop
    a = article_from_text(f"{long_line}\n\nThe body follows here.", id="t")
    assert a.title is None
    assert not looks_like_title("x" * (MAX_TITLE_CHARS + 1), True)
    assert looks_like_title("x" * MAX_TITLE_CHARS, True)


def test_title_is_not_split_even_with_inner_full_stops() -> None:
    a = article_from_text("U.S. envoy visits Harben. Talks go on\n\nThe envoy arrived on Monday.", id="t")
    assert a.sentences[0].is_title
    assert a.sentences[0].text == "U.S. envoy visits Harben. Talks go on"
    assert len(a.sentences) == 2


def test_given_title_is_put_first_and_marked() -> None:
    a = article_from_text("The strike began on Tuesday. It goes on.", id="t", title="  Port   strike  ")
    assert a.text.startswith("Port strike\n\n")
    assert a.title == "Port strike"
    assert a.sentences[0].is_title
    assert _texts(a) == ["Port strike", "The strike began on Tuesday.", "It goes on."]
    _check_offsets(a)


def test_title_rule_survives_leading_blank_lines_and_crlf() -> None:
    a = article_from_text("\r\n\r\n  Port strike halts exports  \r\n\r\nThe strike began.\r\n", id="t")
    assert a.sentences[0].is_title
    assert a.sentences[0].text == "Port strike halts exports"
    assert a.sentences[1].text == "The strike began."
    _check_offsets(a)


# --- splitting ------------------------------------------------------------------------------


def test_abbreviations_do_not_end_sentences() -> None:
    a = article_from_text("Mr. Reinholt flew to the U.S. on Monday. He returned on Friday.", id="t")
    assert _texts(a) == ["Mr. Reinholt flew to the U.S. on Monday.", "He returned on Friday."]


def test_title_abbreviation_and_decimal_number() -> None:
    a = article_from_text("Dr. Nadia Sorel said the shell is 2.3 metres long. It is rare.", id="t")
    assert _texts(a) == ["Dr. Nadia Sorel said the shell is 2.3 metres long.", "It is rare."]


@pytest.mark.parametrize(("open_q", "close_q"), [('"', '"'), ("\u201c", "\u201d")])
def test_full_stop_inside_closing_quote_stays_with_its_sentence(open_q: str, close_q: str) -> None:
    text = f"Velescu said {open_q}we will not be replaced.{close_q} Reinholt disagreed."
    a = article_from_text(text, id="t")
    assert _texts(a) == [f"Velescu said {open_q}we will not be replaced.{close_q}", "Reinholt disagreed."]
    assert a.sentences[0].norm == 'Velescu said "we will not be replaced."'
    _check_offsets(a)


def test_line_break_splits_headline_from_body() -> None:
    a = article_from_text("Port strike halts exports\nThe strike began on Tuesday. It goes on.", id="t")
    assert _texts(a) == ["Port strike halts exports", "The strike began on Tuesday.", "It goes on."]
    assert [s.is_title for s in a.sentences] == [True, False, False]


def test_line_break_ends_a_sentence_without_punctuation() -> None:
    a = article_from_text("The port closed.\nWorkers gathered at the gate\nThe minister spoke.", id="t")
    assert _texts(a) == ["The port closed.", "Workers gathered at the gate", "The minister spoke."]


def test_sentences_are_numbered_in_order_and_do_not_overlap() -> None:
    text = "Headline here\n\nOne. Two is here. Three!\n\nFour? Five.\n"
    a = article_from_text(text, id="t")
    assert [s.i for s in a.sentences] == list(range(len(a.sentences)))
    ends = [0] + [s.end for s in a.sentences]
    starts = [s.start for s in a.sentences]
    assert all(e <= s for e, s in zip(ends, starts, strict=False))
    assert _texts(a) == ["Headline here", "One.", "Two is here.", "Three!", "Four?", "Five."]
    assert a.n_chars == sum(len(t) for t in _texts(a))


def test_split_sentences_maps_normal_offsets_to_the_original() -> None:
    original = "\u201cSail past us,\u201d he said.\u00a0\u00a0Then\u200b he left\u2026 Later \u2014 nothing."
    norm = normalise(original)
    sentences = split_sentences(original, norm, title_first_line=False)
    assert sentences
    for s in sentences:
        assert original[s.start : s.end] == s.text
        assert normalise(s.text).text == s.norm
    assert sentences[0].text == "\u201cSail past us,\u201d he said."
    assert sentences[0].norm == '"Sail past us," he said.'


def test_titles_and_german_dates_do_not_end_sentences() -> None:
    from retold import article_from_text

    def split(t: str) -> list[str]:
        return [s.text for s in article_from_text(t, id="x").sentences]

    assert split("The deal was signed by Ms. Novikova and Mr. Park on Monday. It passed.") == [
        "The deal was signed by Ms. Novikova and Mr. Park on Monday.",
        "It passed.",
    ]
    assert split("Das Treffen fand am 12. Juni in Berlin statt. Danach ging es weiter.") == [
        "Das Treffen fand am 12. Juni in Berlin statt.",
        "Danach ging es weiter.",
    ]
    assert split("The answer was no. It failed.") == ["The answer was no.", "It failed."]
    assert article_from_text("Der Bund hat das Gesetz nicht beschlossen, sagte sie.", id="d").language == "de"
    assert article_from_text("The council has not passed the law, she said.", id="e").language == "en"


def test_place_abbreviations_the_name_check_knows_end_no_sentence() -> None:
    """One abbreviation list for the splitter and the name check (``ABBREVIATIONS``): "Ft." was the name check's
    only, and the splitter cut "Ft. | Worth" into two sentences."""
    article = article_from_text("They drove to Ft. Worth on Monday. Mt. Hood was next. It rained.", id="x")
    assert _texts(article) == ["They drove to Ft. Worth on Monday.", "Mt. Hood was next.", "It rained."]
    _check_offsets(article)


@pytest.mark.parametrize(
    ("text", "language", "sentences"),
    [
        (  # German ordinals before an Austrian month and before nouns counted in order
            "Der Streik begann am 3. Jänner in Harben. In der 56. Minute fiel das Tor. Im 4. Quartal stieg er.",
            "de",
            ["Der Streik begann am 3. Jänner in Harben.", "In der 56. Minute fiel das Tor.", "Im 4. Quartal stieg er."],
        ),
        ("Er wurde 56. Dann starb er in Wien.", "de", ["Er wurde 56.", "Dann starb er in Wien."]),  # an age ends it
        (  # a month in the genitive after its ordinal (flag audits 20, 21: "29" read as a number added)
            "Sie trafen sich am Sonnabend des 29. Septembers in Berlin. Es war warm.",
            "de",
            ["Sie trafen sich am Sonnabend des 29. Septembers in Berlin.", "Es war warm."],
        ),
        (  # French honorifics
            "« Nous restons », a déclaré M. Dupont devant le port. Mme Martin a répondu.",
            "fr",
            ["« Nous restons », a déclaré M. Dupont devant le port.", "Mme Martin a répondu."],
        ),
        (  # list marks, at a line's start or after a colon, are no sentences of their own
            "The vote is on Tuesday.\n1. Taxes would rise.\n2. Roads would fall.",
            "en",
            ["The vote is on Tuesday.", "1. Taxes would rise.", "2. Roads would fall."],
        ),
        ("Key points: 1. Pensions rise. He was born in 1990. Then he left.", "en",
         ["Key points: 1. Pensions rise.", "He was born in 1990.", "Then he left."]),
    ],
)  # fmt: skip
def test_ordinals_honorifics_and_list_marks_do_not_end_sentences(
    text: str, language: str, sentences: list[str]
) -> None:
    article = article_from_text(text, id="x", language=language)
    assert _texts(article) == sentences
    _check_offsets(article)


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("The index rose 3.5 pct. to 1,200 points. Traders were calm.",
         ["The index rose 3.5 pct. to 1,200 points.", "Traders were calm."]),
        ("Sales were up 2 pct. from a year earlier. Profit fell.",
         ["Sales were up 2 pct. from a year earlier.", "Profit fell."]),
        ("Inflation hit 4.1 pct. 12 months on it is lower.", ["Inflation hit 4.1 pct. 12 months on it is lower."]),
        ("Profit rose 2 pct. The shares fell.", ["Profit rose 2 pct.", "The shares fell."]),  # a capital: a new one
    ],
)  # fmt: skip
def test_pct_before_a_lower_case_word_or_a_figure_does_not_end_a_sentence(text: str, sentences: list[str]) -> None:
    article = article_from_text(text, id="x")
    assert _texts(article) == sentences
    _check_offsets(article)


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Sun Microsystems Inc. SUNW.O put more pressure on Wall Street. Traders were calm.",
         ["Sun Microsystems Inc. SUNW.O put more pressure on Wall Street.", "Traders were calm."]),
        ("Shares of Microsoft MSFT.O rose. IBM.N fell.", ["Shares of Microsoft MSFT.O rose.", "IBM.N fell."]),
        ("The broad Standard & Poor's 500 Index .SPX lost 6.77 points. Bonds rose.",
         ["The broad Standard & Poor's 500 Index .SPX lost 6.77 points.", "Bonds rose."]),
        ("Profit rose. The shares fell.", ["Profit rose.", "The shares fell."]),  # a space after it: a new one
        ("Profit rose.The shares fell.", ["Profit rose.", "The shares fell."]),  # a capitalised word: a lost space
    ],
)  # fmt: skip
def test_a_full_stop_inside_a_token_does_not_end_a_sentence(text: str, sentences: list[str]) -> None:
    """A ticker's dot ("SUNW.O", "IBM.N") has no space after it: the sentence goes on (seed 27's n=98 read
    "O put more pressure ..." as a claim of its own)."""
    article = article_from_text(text, id="x")
    assert _texts(article) == sentences
    _check_offsets(article)


# --- where the pieces are -------------------------------------------------------------------

_LINES = [
    "Signed by Ms. Novikova on Monday. The deal stands.",
    "It rose 3.5 pct. to 1,200 and fell 2 pct. from there. Then it stopped.",
    "Am 12. Juni wurde er 56. Danach nicht mehr.",
    "Key points: 1. Taxes would rise. 2. Spending would fall.",
    "Shares of SUNW.O put on 4%. The end.The next one began.",
    "Why?  Because.   It said so!  Fine...",
]


@pytest.mark.parametrize("line", _LINES)
def test_pieces_placed_by_length_are_the_pieces_looked_for(line: str) -> None:
    """The segmenter cuts a line whole (its pieces joined give it back), so each piece is where the lengths of those
    before it put it: the same pieces as looking each one up, the way taken when a segmenter changes the text."""
    from sentencex import segment

    from retold.text.sentences import _found_segments, _segments

    text = f"Head line\n{line}\n"
    s, e = 10, 10 + len(line)
    assert "".join(segment("en", line)) == line
    placed = _segments(text, s, e, "en")
    assert placed == _found_segments(text, s, e, segment("en", line))
    assert len(placed) >= 2


def test_a_segmenter_that_changes_the_text_leaves_the_rest_of_the_line_one_piece() -> None:
    from retold.text.sentences import _found_segments

    text = "One here. Two there. Three."
    assert _found_segments(text, 0, len(text), ["One here. ", "Tw0 there. ", "Three."]) == [(0, 9), (9, len(text))]


@pytest.mark.parametrize(
    "text",
    [
        "Rates Rise Again\n\nThe bank raised rates by 0.5 pct. to 4 percent. Mr. Lee said so.\nNext line, no stop",
        "One line. Two: 1. Three items.\n\n\u201cQuoted,\u201d she said \u2013 and left.",
        "",
    ],
)
@pytest.mark.parametrize("titled", [True, False])
def test_offsets_given_as_ranges_split_as_the_same_offsets_as_tuples(text: str, titled: bool) -> None:
    # ``normalise`` gives ranges where every character maps to itself: the splitter reads them as it reads tuples
    n = normalise(text)
    assert isinstance(n.offsets, range)
    as_tuples = type(n)(n.text, tuple(n.offsets), tuple(n.ends))
    got = split_sentences(text, n, title_first_line=titled)
    assert got == split_sentences(text, as_tuples, title_first_line=titled)
    assert (len(got) > 0) == bool(text) and all(text[s.start : s.end] == s.text for s in got)


# --- Chinese and Japanese -----------------------------------------------------------------------


def test_a_first_line_ending_in_an_ideographic_full_stop_is_a_sentence_not_a_title() -> None:
    a = article_from_text("大桥今天正式通车，市民纷纷前来拍照。\n交通部门提醒司机注意安全。", id="t", language="zh")
    assert a.title is None
    assert _texts(a) == ["大桥今天正式通车，市民纷纷前来拍照。", "交通部门提醒司机注意安全。"]


def test_a_japanese_quotation_and_its_reporting_verb_are_one_sentence() -> None:
    text = "市長は「本当に嬉しい。」と述べた。図書館は九時に開く。「どう？」って聞いた。"
    a = article_from_text(text, id="t", language="ja")
    assert _texts(a) == ["市長は「本当に嬉しい。」と述べた。", "図書館は九時に開く。", "「どう？」って聞いた。"]
    _check_offsets(a)


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("“这是好事。”他说。大桥明天开放。", ["“这是好事。”他说。", "大桥明天开放。"]),
        ("“好事！”交通局局长王立新表示。大桥明天开放。", ["“好事！”交通局局长王立新表示。", "大桥明天开放。"]),
        ("“好。”他说，大桥明天开放。", ["“好。”他说，大桥明天开放。"]),
        # what follows the quotation is no clause reporting it: two sentences
        ("市长表示：“我们会努力。”记者了解到，大桥将扩建。", ["市长表示：“我们会努力。”", "记者了解到，大桥将扩建。"]),
        ("“好。”记者了解到的情况说明，大桥明天开放。", ["“好。”", "记者了解到的情况说明，大桥明天开放。"]),
    ],
)
def test_a_chinese_quotation_keeps_the_short_clause_that_reports_it(text: str, sentences: list[str]) -> None:
    a = article_from_text(text, id="t", language="zh")
    assert _texts(a) == sentences
    _check_offsets(a)
