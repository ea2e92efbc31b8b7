"""Reading HTML pages: the article body without the boilerplate, the time of publication, deep nesting."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import pytest
from _ingest import BODY, check_offsets, one_line, raises_input_error, read_all

from retold.errors import InputError
from retold.ingest import read_article
from retold.ingest.dates import read_date

# --- HTML -----------------------------------------------------------------------------------

HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Harben port strike enters second day</title>
<meta property="article:published_time" content="2026-03-04T07:30:00Z">
</head>
<body>
<nav><ul>
<li><a href="/">Home page</a></li><li><a href="/world">World news menu</a></li>
<li><a href="/sport">Sport section</a></li><li><a href="/subscribe">Subscribe today</a></li>
</ul></nav>
<article>
<h1>Harben port strike enters second day</h1>
<p>Dockworkers at the port of Harben stayed off the job for a second day on Wednesday, leaving at
least sixteen grain ships waiting at anchor outside the harbour.</p>
<p>Union leader Marta Velescu said the walkout would continue until the port authority agreed to
discuss its plan to automate the Eastmole container terminal.</p>
<p>The Calder Bay Port Authority said it remained open to talks but would not abandon the
investment, which it says is needed to keep the port competitive.</p>
</article>
<footer><p>Copyright 2026 Calder Bay Herald. All rights reserved.</p>
<p>Privacy policy and cookie settings for every reader.</p></footer>
</body>
</html>
"""


def test_html_body_is_found_and_boilerplate_is_not(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text(HTML, encoding="utf-8")
    a = read_article(str(p))
    assert a.id == "page"
    assert a.title == "Harben port strike enters second day"
    assert a.sentences[0].is_title
    joined = " ".join(s.norm for s in a.sentences)
    assert "Dockworkers at the port of Harben stayed off the job" in joined
    assert "Velescu" in joined
    assert "keep the port competitive." in joined
    for boilerplate in ("Home page", "World news menu", "Subscribe today", "Copyright", "Privacy policy"):
        assert boilerplate not in a.text
    # The <h1> repeats the <title>: the headline is there once, not twice.
    assert [s.norm for s in a.sentences].count("Harben port strike enters second day") == 1
    assert len(a.sentences) == 4
    assert a.published is not None and a.published.startswith("2026-03-04")
    check_offsets(a)


@pytest.mark.parametrize(
    ("given", "read"),
    [("2026-03-04T07:30:00Z", "2026-03-04T07:30:00+00:00"), ("2026-03-04T23:30:00-05:00", "2026-03-05T04:30:00+00:00"),
     ("2026-03-04", "2026-03-04")],
)  # fmt: skip
def test_an_html_page_keeps_its_time_of_publication(tmp_path: Path, given: str, read: str) -> None:
    """The page's time and zone are kept (it was cut to the day, so a page of 23:30 came before one of 08:00
    that day); a page giving the day alone stays a day."""
    p = tmp_path / "page.html"
    p.write_text(HTML.replace("2026-03-04T07:30:00Z", given), encoding="utf-8")
    r = read_date(read_article(str(p)).published)
    assert r is not None and r.timed == ("T" in read)
    assert (r.at.astimezone(UTC).isoformat() if r.timed else r.at.date().isoformat()) == read


def test_html_without_a_date_gets_none_not_the_copyright_year(tmp_path: Path) -> None:
    p = tmp_path / "undated.html"
    p.write_text(HTML.replace('<meta property="article:published_time" content="2026-03-04T07:30:00Z">', ""))
    a = read_article(str(p))
    assert a.published is None


def test_html_content_in_a_txt_file_is_read_as_text_but_unknown_suffix_sniffs_html(tmp_path: Path) -> None:
    for name in ("page.download", "page_saved"):  # an unknown suffix, or none (as crawlers save pages)
        sniffed = tmp_path / name
        sniffed.write_text(HTML, encoding="utf-8")
        a = read_article(str(sniffed))
        assert a.title == "Harben port strike enters second day"
        assert "Subscribe today" not in a.text


def test_html_without_article_text_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "empty.html"
    p.write_text("<html><head><title>Only a title</title></head><body><div></div></body></html>")
    raises_input_error(p, "no article text")


# --- HTML ---


def test_html_nested_ten_thousand_levels_fails_with_a_clear_message(tmp_path: Path) -> None:
    p = tmp_path / "deep.html"
    p.write_text(
        "<html><head><title>Deep</title></head><body>"
        + "<div>" * 10_000
        + "<p>"
        + BODY.format(i=1, j=2) * 5
        + "</p>"
        + "</div>" * 10_000
        + "</body></html>",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        read_all(p)
    one_line(info.value, p)
    assert "nested 10,00" in info.value.reason and "parsers stop at 255" in info.value.reason


def test_html_nested_a_hundred_levels_is_read(tmp_path: Path) -> None:
    p = tmp_path / "nested.html"
    p.write_text(
        "<html><head><title>Nested page title</title></head><body>"
        + "<div>" * 100
        + "<article><p>"
        + BODY.format(i=1, j=2) * 3
        + "</p></article>"
        + "</div>" * 100
        + "</body></html>",
        encoding="utf-8",
    )
    a = read_article(str(p))
    assert a.title == "Nested page title" and "council of Harben" in a.text
