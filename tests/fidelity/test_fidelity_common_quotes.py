"""Two outlets quoting the same statement took it from the speaker, not from each other: no source is named."""

from __future__ import annotations

from dataclasses import replace

import pytest

from retold import compare
from retold.fidelity._shared import doc_for
from retold.fidelity.common_quotes import quoted_share, third_party_spans
from retold.fidelity.direction import COMMON_CONFIDENCE, QUOTED_MOST
from retold.ingest import article_from_text
from retold.model import Match

STATEMENT = (
    '"The Harbour Bridge has carried forty thousand cars a day for sixty years and its steel is worn out. '
    "We will close it on the third of March for six weeks of repairs, and buses will use the Kirkstall crossing "
    'until it reopens. Nobody will lose a bus route, and the council will pay for every extra mile."'
)
HERALD = (
    "Leeds drivers face six weeks of detours\n\n"
    "Commuters who cross the river each morning were told on Monday to plan new routes. "
    "Shop owners near the bridge fear that fewer customers will reach them during the spring. "
    f"{STATEMENT} said council engineer Anna Berg in a written statement. "
    "The Herald asked the council how much the repairs would cost but received no answer. "
    "Taxi drivers said they would raise their fares while the detour lasts. "
    "Residents of Kirkstall worry about the extra traffic past the primary school on their street."
)
COURIER = (
    "Bridge closure: what we know\n\n"
    "The city's oldest river crossing is about to shut, and cyclists are asking where they should go. "
    f"Berg said: {STATEMENT} "
    "A petition against the closure has gathered two thousand names in three days. "
    "Opposition councillors called the timing careless, since the marathon runs over the bridge in April. "
    "The rowing club downstream expects scaffolding to block its training course for a month. "
    "Engineers inspected the bridge twice last year and found rust on the main girders."
)
POST = (
    "The bridge closes on Monday for six weeks of repairs. Buses will use the Kirkstall crossing until it "
    "reopens. \u2014 Leeds Council (@LeedsCouncil) March 1, 2024"
)
# the Courier's prose, not a statement, in the Herald: one outlet took its words from the other
COURIER_PROSE = (
    "The city's oldest river crossing is about to shut, and cyclists are asking where they should go. "
    "A petition against the closure has gathered two thousand names in three days. "
    "Opposition councillors called the timing careless, since the marathon runs over the bridge in April. "
    "The rowing club downstream expects scaffolding to block its training course for a month. "
)


def test_a_statement_both_outlets_quote_names_no_source() -> None:
    a = article_from_text(HERALD, id="herald", source="Leeds Herald")
    b = article_from_text(COURIER, id="courier", source="City Courier")
    for x, y in ((a, b), (b, a)):
        v = compare(x, y, lexical=True).verdict
        assert v.direction == "common_source" and v.direction_confidence == COMMON_CONFIDENCE, v
        assert any("quoted in both articles" in r for r in v.reasons), v.reasons


def test_dates_name_no_source_either_when_the_shared_words_are_a_common_quote() -> None:
    a = replace(article_from_text(HERALD, id="herald"), published="2024-03-01T10:00:00+00:00")
    b = replace(article_from_text(COURIER, id="courier"), published="2024-03-01T12:00:00+00:00")
    v = compare(a, b, lexical=True).verdict
    assert v.direction == "common_source", v
    assert v.reasons[0] == "A was published first" and any("quoted in both" in r for r in v.reasons)


def test_an_outlets_own_prose_still_names_a_source() -> None:
    a = article_from_text(COURIER, id="courier", source="City Courier")
    b = article_from_text(HERALD.replace("Taxi drivers", COURIER_PROSE + "Taxi drivers"), id="herald")
    c = compare(a, b, lexical=True)
    share = quoted_share(doc_for(c.a), doc_for(c.b), c.matches)
    assert 0.3 < share < 0.9, share
    assert c.verdict.direction in ("a_to_b", "b_to_a") and c.verdict.direction_confidence > 0.5, c.verdict
    assert not any("quoted in both" in r for r in c.verdict.reasons)


def test_an_embedded_post_counts_as_quoted_and_the_share_is_symmetric() -> None:
    post = POST
    a = article_from_text(f"Drivers are angry about the closure.\n\n{post}\n\nThe council did not say more.", id="a")
    b = article_from_text(f"Cyclists ask where to ride.\n\n{post}\n\nShops expect fewer customers.", id="b")
    spans = third_party_spans(doc_for(a))
    assert [a.text[s:e] for s, e in spans] == [post]
    c = compare(a, b, lexical=True)
    back = compare(b, a, lexical=True)
    assert quoted_share(doc_for(c.a), doc_for(c.b), c.matches) == 1.0
    assert quoted_share(doc_for(back.a), doc_for(back.b), back.matches) == 1.0
    assert c.verdict.direction == back.verdict.direction == "common_source"


def test_a_paraphrase_of_the_outlets_own_sentences_counts_little() -> None:
    """The default model pairs the two outlets' own sentences on the story as paraphrase: their words are their
    own, unquoted, and counting them in full held the share of a post both embed under the threshold (a source
    named for 6 of 25 tweet pairs of news_allsides with the default model). They count a tenth (not nothing:
    a WMT19 retelling that rewords its source's prose and copies only its quotes would then look alike)."""
    a = article_from_text(
        f"Drivers are angry.\n\n{POST}\n\nTaxi drivers said they would raise their fares while the detour lasts.",
        id="a",
    )
    own_b = "Drivers of taxis plan higher fares for as long as the detour goes on."
    b = article_from_text(f"Cyclists ask where to ride.\n\n{POST}\n\n{own_b}", id="b")
    c = compare(a, b, lexical=True)
    da, db = doc_for(c.a), doc_for(c.b)
    post = [m for m in c.matches if m.label in ("verbatim", "edited")]
    assert post and quoted_share(da, db, post) == 1.0
    own = Match(a=(len(c.a.sentences) - 1,), b=(len(c.b.sentences) - 1,), label="paraphrase", score=0.8)
    assert QUOTED_MOST < quoted_share(da, db, [*post, own]) < 1.0
    assert compare(a, b, lexical=True).verdict.direction == "common_source"


def test_a_text_with_no_signed_post_is_not_searched_for_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """The post pattern tries every split of each line into words and a signature: tens of milliseconds for a news
    article, 9% of a scan worker's CPU (10,000 real articles), though only texts with a handle and a date can hold a
    post. Those alone are searched, and find the same posts."""
    from retold.fidelity import quote_forms

    long_line = " - ".join(["The council said the bridge would reopen in the spring, after the repairs"] * 40)
    assert quote_forms.embedded_posts(f"Drivers are angry.\n\n{POST}\n\nThe council did not say more.") == [
        POST.split(" \u2014 ")[0]
    ]

    class Unsearched:
        def finditer(self, text: str) -> None:
            raise AssertionError("searched a text with no signed post")

    monkeypatch.setattr(quote_forms, "_EMBED", Unsearched())
    for text in (long_line, f"{long_line} (@LeedsCouncil) wrote", "Drivers are angry.\n\nMarch 1, 2024"):
        assert quote_forms.embedded_posts(text) == []


def test_quoted_words_as_looked_up_word_by_word() -> None:
    """A sentence no quote or post reaches is not looked up word by word (its words are outside all of them); every
    sentence, inside a quote, around one or far from any, reads as the word-by-word look-up reads it."""
    from retold.fidelity._shared import content_words, stem
    from retold.fidelity.common_quotes import _inside, _quoted_words

    for text in (HERALD, COURIER, POST, "No quote here. Nor here, said nobody."):
        doc = doc_for(article_from_text(text, id="x"))
        spans = third_party_spans(doc)
        starts = [s for s, _ in spans]
        for sv in doc.sents:
            words = content_words(sv.tokens)
            plain = [(stem(t.text), _inside(spans, starts, sv.span(t.start, t.end).start)) for t in words]
            assert _quoted_words(doc, sv) == plain
        assert any(q for sv in doc.sents for _, q in _quoted_words(doc, sv)) == bool(spans)
