"""Match groups: each reuse match in one group by quotation marks and by whether the source is credited."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import retold
from retold.fidelity.outlet_names import names_outlet
from retold.report.groups import GROUPS, credited, match_groups, outlet_names
from retold.report.html import comparison_html
from retold.report.json import comparison_dict


@pytest.fixture(scope="module")
def texts(seeds: tuple[Path, Path]) -> tuple[str, str]:
    return seeds[0].read_text(encoding="utf-8"), seeds[1].read_text(encoding="utf-8")


def doc(a: str, b: str, **meta: str) -> dict:
    art_a = retold.article_from_text(a, id="A", source=meta.get("a_source"), url=meta.get("a_url"))
    art_b = retold.article_from_text(b, id="B", source=meta.get("b_source"))
    return comparison_dict(retold.compare(art_a, art_b, lexical=True))


def test_an_uncredited_retelling_is_missing_citation(texts: tuple[str, str]) -> None:
    d = doc(*texts, a_source="Euractiv")
    assert d["flags_source"] == "a" and d["verdict"]["direction"] == "a_to_b"
    g = match_groups(d)
    assert g["credited"] is False and g["outlet"] == "Euractiv"
    got = {x["key"]: x["matches"] for x in g["groups"]}
    # every match in exactly one group, groups in the order of concern
    assert sorted(k for ks in got.values() for k in ks) == list(range(len(d["matches"])))
    assert list(got) == [k for k in GROUPS if k in got]
    for k, m in enumerate(d["matches"]):
        quoted = any('"' in d["b"]["sentences"][j]["text"] or "“" in d["b"]["sentences"][j]["text"] for j in m["b"])
        want = "related" if m["label"] == "related" else "quoted" if quoted else "missing_citation"
        assert g["of_match"][k] == want
    assert got["missing_citation"] and got["quoted"]
    page = comparison_html(
        retold.compare(*(retold.article_from_text(t, id=i) for t, i in zip(texts, "AB", strict=True)), lexical=True)
    )
    assert "credit not checked" in page or "outlet is not known" in page  # no outlet given: not checked


def test_a_credited_retelling_is_cited_or_missing_quotation_marks(texts: tuple[str, str]) -> None:
    a, b = texts
    d = doc(a, b + "\nEURACTIV first reported the visit.", a_url="https://www.euractiv.com/section/nato/")
    assert outlet_names(d["a"]) == ["euractiv.com", "euractiv"] and credited(d) is True
    g = match_groups(d)
    for k, m in enumerate(d["matches"]):
        if g["of_match"][k] not in ("quoted", "related"):
            assert g["of_match"][k] == ("missing_quotation" if m["label"] in ("verbatim", "edited") else "cited")
    assert "missing_citation" not in g["of_match"] and "missing_quotation" in g["of_match"]


def test_a_hosts_outlet_is_its_last_label_that_is_not_generic() -> None:
    """One reading of a URL's outlet (``ingest.outlets``) for the report and the direction: the report took the
    host's first label, "video" of video.foxnews.com."""
    assert outlet_names({"url": "https://video.foxnews.com/v/6301"}) == ["video.foxnews.com", "foxnews"]
    assert outlet_names({"url": "https://www.euractiv.com/x", "source": " Euractiv "}) == ["Euractiv"]
    assert outlet_names({"url": "https://ft.com/content/1"}) == ["ft.com"]  # "ft" as a word is feet too
    assert outlet_names({}) == []


def test_credit_is_read_from_the_side_the_flags_call_the_source(texts: tuple[str, str]) -> None:
    a, b = texts
    d = doc(b, a, b_source="Euractiv", a_source="Other Outlet")  # the original is now B
    assert d["flags_source"] == "b" and match_groups(d)["outlet"] == "Euractiv"
    assert credited(d) is False  # the retelling (A) never names Euractiv
    d = doc(b + "\nAs Euractiv reported.", a, b_source="Euractiv")
    assert credited(d) is True
    assert credited(doc(a, b)) is None and set(match_groups(doc(a, b))["of_match"]) <= {
        "unchecked",
        "quoted",
        "related",
    }


@pytest.mark.parametrize(
    ("outlet", "credit"),
    [
        ("Associated Press", "WASHINGTON (AP) - The AP first reported the visit."),
        ("AP", "The Associated Press first reported the visit."),
        ("Thomson Reuters", "Reuters first reported the visit."),
        ("Deutsche Presse-Agentur", "Die Nachricht meldete zuerst dpa."),
        ("dpa", "The visit was first reported by Deutsche Presse-Agentur."),
    ],
)
def test_the_html_report_reads_an_outlet_by_any_name_the_fidelity_stage_does(
    texts: tuple[str, str], tmp_path: Path, outlet: str, credit: str
) -> None:
    """The report matched names literally: "AP" for "Associated Press", "Reuters" for "Thomson Reuters", "dpa" for
    "Deutsche Presse-Agentur" were "never names", and every reused passage a missing citation."""
    a, b = texts
    feed = tmp_path / "feed.jsonl"
    rows = [{"id": "A", "text": a, "source": outlet}, {"id": "B", "text": b + "\n" + credit, "source": "Other Outlet"}]
    feed.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    out = tmp_path / "report.html"
    r = subprocess.run(
        [sys.executable, "-m", "retold", "compare", f"{feed}#A", f"{feed}#B", "--lexical", "--html", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    page = out.read_text(encoding="utf-8")
    said = re.search(r'<p class="credit" id="credit">([^<]*)</p>', page)
    assert said is not None and html.unescape(said.group(1)) == f"The retelling names the source's outlet ({outlet})."
    assert "missing citation" not in page.split('id="credit"', 1)[1]


def test_an_outlet_is_not_credited_by_a_name_it_only_shares_a_word_or_letters_with() -> None:
    """Short names stop at what names one outlet: "Times" of "New York Times" is no credit to The Times, nor "We"
    to the Washington Examiner, nor "fox" to Fox News, nor "Le" to Le Monde."""
    for outlet, text in [
        ("The Times", "The New York Times first reported the visit."),
        ("Washington Examiner", "We first reported the visit."),
        ("Fox News", "A fox ran across the runway."),
        ("Le Monde", "Le président a parlé."),
    ]:
        assert not names_outlet(text, [outlet]), outlet
    assert names_outlet("The New York Times first reported the visit.", ["NYT"])


def test_initials_are_spelt_out_by_an_outlets_name_only() -> None:
    """Any capitalised words with the initials' letters read as the outlet spelt out: "Although Pelmax pills" named
    AP, so a retelling that dropped a "(AP)" dateline kept its credit, and the report's credit check passed it."""
    assert not names_outlet("Although Pelmax pills were given in the trial, none worked better.", ["AP"])
    assert not names_outlet("Anna Petrova said the port would close.", ["AP"])
    assert names_outlet("The Associated Press said the port would close.", ["AP"])
    assert names_outlet("Laut Deutscher Presse-Agentur schließt der Hafen.", ["dpa"])
    assert names_outlet(
        "Aides to Prime Minister Ali Pasha said so, the British Broadcasting Corporation said.", ["BBC"]
    )


def test_the_direction_reads_a_credit_to_the_other_outlet_by_its_short_name(texts: tuple[str, str]) -> None:
    """The direction's credit to the other article's outlet is the report's (``fidelity.outlet_names``)."""
    a, b = texts
    c = retold.compare(
        retold.article_from_text(a, id="A", source="Associated Press"),
        retold.article_from_text(b + "\nThe visit was reported first, AP said.", id="B", source="Other Outlet"),
        lexical=True,
    )
    assert "B credits A's outlet (AP)" in c.verdict.reasons
