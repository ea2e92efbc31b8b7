"""The report and the pages in real headless Chromium (Debian's, through its chromedriver, via Selenium).

Screenshots go to ``build/screenshots/``. Skips with a reason when Chromium, its driver or Selenium
is missing (``.ci/run`` installs the first two, the ``dev`` extra the third).
"""

from __future__ import annotations

import html
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _server import TOKEN, Server

import retold
from retold.report.groups import match_groups
from retold.report.html import comparison_html
from retold.report.json import comparison_dict

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "build" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
HOSTILE = (
    "Harbour strike <script>window.pwned = 'script'</script> ends\n\n"
    'Dock workers "><img src=x onerror="window.pwned=\'img\'"> in Calden voted on Tuesday to end a strike.\n'
    "Cargo </textarea><svg onload=\"window.pwned='svg'\"></svg> will move again from Wednesday, the port said.\n"
    "The union \u202eenod lla\u202c thanked the workers for their patience during the long dispute.\n"
)
PLAIN = (
    "Harbour strike ends\n\n"
    "Dock workers in Calden voted on Tuesday to end a strike.\n"
    "Cargo will move again from Wednesday, the port said.\n"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    webdriver = pytest.importorskip("selenium.webdriver", reason="browser tests need selenium (the dev extra)")
    from selenium.webdriver.chrome.service import Service

    if not (Path(CHROMIUM).exists() and Path(DRIVER).exists()):
        pytest.skip("browser tests need Debian's chromium and chromium-driver (apt-get install; .ci/run does)")
    opts = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000"):
        opts.add_argument(arg)
    opts.binary_location = CHROMIUM
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=opts)
    driver.set_page_load_timeout(120)
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


def console_errors(driver: Any) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]


def requested(driver: Any) -> list[str]:
    """Every URL the page asked for since the last call (from Chromium's performance log)."""
    msgs = [json.loads(e["message"])["message"] for e in driver.get_log("performance")]
    return [m["params"]["request"]["url"] for m in msgs if m["method"] == "Network.requestWillBeSent"]


def highlighted(driver: Any) -> set[str]:
    return set(
        driver.execute_script("return Array.from(document.querySelectorAll('.s.hl, .s.hl-self')).map(e => e.id)")
    )


def paste(driver: Any, field: str, text: str) -> None:
    """Put text in a form field as a paste would (typing thousands of characters takes minutes)."""
    el = driver.find_element("id", field)
    driver.execute_script("arguments[0].value = arguments[1];", el, text)


def submit_and_wait(driver: Any) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    page = driver.find_element("tag name", "html")
    driver.find_element("id", "submit").click()
    WebDriverWait(driver, 120).until(lambda d: page.id != d.find_element("tag name", "html").id)


def test_report_file_opens_clean_and_offline(browser: Any, seeds: tuple[Path, Path], tmp_path: Path) -> None:
    path = tmp_path / "seeds.html"
    path.write_text(comparison_html(retold.compare(seeds[0], seeds[1])), encoding="utf-8")
    browser.get_log("browser"), browser.get_log("performance")
    browser.get(path.as_uri())
    assert browser.find_element("id", "retold-data")
    assert console_errors(browser) == []  # a CSP hash that did not match the script would show here
    assert requested(browser) == [path.as_uri()]  # the file itself and nothing else
    browser.save_screenshot(str(SHOTS / "report_top.png"))
    browser.find_element("id", "next").click()
    assert browser.find_element("id", "pos").text.startswith("match 1 of")
    assert highlighted(browser)  # the script ran under the CSP
    browser.save_screenshot(str(SHOTS / "report_seeds.png"))
    # the quote filter hides the rows tagged as quotes, and next/previous then skip them
    quoted = browser.find_elements("css selector", "tr.row.t-quote")
    assert quoted and all(r.is_displayed() for r in quoted)
    browser.execute_script("window.scrollTo(0, 0)")
    browser.find_element("id", "hide-quotes").click()
    assert not any(r.is_displayed() for r in quoted)
    assert browser.find_elements("css selector", "tr.row:not(.t-quote)")[0].is_displayed()
    hidden = {r.get_attribute("id") for r in quoted}
    for _ in range(4):
        browser.find_element("id", "next").click()
        lit_rows = browser.execute_script(
            "return Array.from(document.querySelectorAll('.s.hl-self')).map(e => e.closest('tr').id)"
        )
        assert lit_rows and not set(lit_rows) & hidden


def test_examples_report_opens_clean(browser: Any, examples_dir: Path, tmp_path: Path) -> None:
    """The project's own example pair (the README's screenshot: no third-party text in the repo)."""
    c = retold.compare(examples_dir / "01_wire_original.txt", examples_dir / "03_heavy_rewrite.txt")
    path = tmp_path / "examples.html"
    path.write_text(comparison_html(c), encoding="utf-8")
    browser.get_log("browser"), browser.get_log("performance")
    browser.get(path.as_uri())
    assert console_errors(browser) == [] and requested(browser) == [path.as_uri()]
    rows = browser.find_elements("css selector", "tr.row")
    assert len(rows) == len(c.matches) + len(c.only_in_a) + len(c.only_in_b)
    browser.save_screenshot(str(SHOTS / "report_examples.png"))


def test_compare_page_shows_the_aligned_seeds(browser: Any, server: Server, seeds: tuple[Path, Path]) -> None:
    a, b = (p.read_text(encoding="utf-8") for p in seeds)
    browser.get(server.url + "/")
    paste(browser, "a_text", a)
    paste(browser, "b_text", b)
    submit_and_wait(browser)
    assert "retold:" in browser.title
    for j in (10, 11, 12):  # the EU-loan sentences stand alone, as only in B
        row = browser.find_element("id", f"b-{j}").find_element("xpath", "./ancestor::tr")
        assert "k-only_b" in row.get_attribute("class")
    flags = browser.find_element("id", "flags").text
    assert "quote altered" in flags
    # click a word of a matched A sentence: it and its partner(s) in B light up
    word = browser.find_element("css selector", "tr.row[id^='m-'] td.a .s span.w")
    sentence = word.find_element("xpath", "./ancestor::span[contains(concat(' ', @class, ' '), ' s ')][1]")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", word)
    word.click()
    lit = highlighted(browser)
    assert sentence.get_attribute("id") in lit and any(x.startswith("b-") for x in lit)
    assert console_errors(browser) == []
    browser.save_screenshot(str(SHOTS / "compare_seeds.png"))


def test_hostile_article_renders_as_text_and_runs_nothing(browser: Any, server: Server) -> None:
    browser.get(server.url + "/")
    paste(browser, "a_text", PLAIN)
    paste(browser, "b_text", HOSTILE)
    browser.find_element("name", "lexical").click()
    submit_and_wait(browser)
    assert browser.execute_script("return window.pwned === undefined")
    assert browser.find_elements("css selector", "img, svg, td script") == []
    text = browser.find_element("id", "alignment").text
    assert "<script>window.pwned = 'script'</script>" in text and "</textarea><svg" in text
    assert "[U+202E]enod lla[U+202C]" in text
    browser.save_screenshot(str(SHOTS / "hostile.png"))


def test_sources_page_finds_the_seed_original(browser: Any, server: Server, seeds: tuple[Path, Path]) -> None:
    a, b = (p.read_text(encoding="utf-8") for p in seeds)
    assert server.call("POST", "/api/articles", {"text": a, "id": "seed-000"}, token=TOKEN).status in (200, 201)
    browser.get(server.url + "/sources")
    paste(browser, "text", b)
    submit_and_wait(browser)
    row = browser.find_element("css selector", "tr.source[data-id='seed-000']")
    assert "partial reuse" in row.text or "rewrite" in row.text
    browser.save_screenshot(str(SHOTS / "sources.png"))
    page = browser.find_element("tag name", "html")
    row.find_element("tag name", "button").click()
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 120).until(lambda d: page.id != d.find_element("tag name", "html").id)
    assert browser.find_element("id", "verdict") and browser.find_element("id", "b-12")
    assert console_errors(browser) == []


def test_compare_page_reads_uploaded_files(
    browser: Any, server: Server, seeds: tuple[Path, Path], tmp_path: Path
) -> None:
    """A .txt and an .html file chosen in the form are read on the server by the library's readers."""
    b = seeds[1].read_text(encoding="utf-8")
    body = "".join(f"<p>{html.escape(line)}</p>" for line in b.splitlines()[1:] if line.strip())
    page_file = tmp_path / "retelling.html"
    page_file.write_text(
        "<!doctype html><html><head><title>Rutte in Wiesbaden</title><script>track()</script></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/sport'>Sport pages</a></nav><article>{body}</article></body></html>",
        encoding="utf-8",
    )
    browser.get(server.url + "/")
    browser.find_element("id", "a_file").send_keys(str(seeds[0]))
    browser.find_element("id", "b_file").send_keys(str(page_file))
    browser.find_element("name", "lexical").click()
    submit_and_wait(browser)
    verdict = browser.find_element("id", "verdict").text
    assert "partial reuse" in verdict and "Rutte in Wiesbaden" in verdict
    shown = browser.find_element("id", "alignment").text
    assert "Sport pages" not in shown and "track()" not in shown and "Clay Barracks" in shown
    assert console_errors(browser) == []


def wait_for_file(folder: Path, name: str) -> Path:
    from selenium.webdriver.support.ui import WebDriverWait

    path = folder / name
    WebDriverWait(None, 30).until(lambda _: path.exists() and path.stat().st_size > 0)  # type: ignore[arg-type]
    return path


def test_report_exports_the_view_it_shows(browser: Any, seeds: tuple[Path, Path], tmp_path: Path) -> None:
    """Filters and a group chosen, then "download JSON" and "download HTML": the JSON is the library's
    comparison with the view's state; the HTML opens as shown, offline, with no console error."""
    c = retold.compare(seeds[0], seeds[1], lexical=True)
    doc = comparison_dict(c)
    path = tmp_path / "seeds.html"
    path.write_text(comparison_html(c), encoding="utf-8")
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    browser.get(path.as_uri())
    browser.find_element("id", "hide-short").click()
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element("id", "group")).select_by_value("related")
    rows = browser.find_elements("css selector", "tr.row")
    visible = {r.get_attribute("id") for r in rows if r.is_displayed()}
    groups = match_groups(doc)
    tags = {k: "t-short" in browser.find_element("id", f"m-{k}").get_attribute("class") for k in range(len(c.matches))}
    want = [k for k, g in enumerate(groups["of_match"]) if g == "related" and not tags[k]]
    assert visible == {f"m-{k}" for k in want} and want  # only the chosen group's long matches stay
    browser.save_screenshot(str(SHOTS / "report_group_related.png"))
    browser.get_log("browser"), browser.get_log("performance")
    browser.find_element("id", "export-json").click()
    saved = json.loads(wait_for_file(downloads, "retold-comparison.json").read_text(encoding="utf-8"))
    assert saved["comparison"] == json.loads(json.dumps(doc)) and saved["groups"] == groups
    assert saved["view"] == {"hide_short": True, "hide_quotes": False, "group": "related", "shown_matches": want}
    browser.find_element("id", "export-html").click()
    copy = wait_for_file(downloads, "retold-report.html")
    assert requested(browser) == [] and console_errors(browser) == []  # the export asked nothing of any server
    browser.get(copy.as_uri())
    assert console_errors(browser) == [] and requested(browser) == [copy.as_uri()]
    again = {r.get_attribute("id") for r in browser.find_elements("css selector", "tr.row") if r.is_displayed()}
    assert again == visible and browser.find_element("id", "hide-short").is_selected()
    assert browser.find_element("id", "group").get_attribute("value") == "related"
    browser.find_element("id", "next").click()  # the saved copy's script runs under its CSP
    assert browser.find_element("id", "pos").text.startswith("match ") and highlighted(browser)


def test_sources_page_unticking_a_source_recomputes(browser: Any, server: Server, seeds: tuple[Path, Path]) -> None:
    """Two stored sources share sentences; unticking the first passes them to the second: the server's
    library recomputes what each is counted for and the article's reused share."""
    a, b = (p.read_text(encoding="utf-8") for p in seeds)
    for text, aid in ((a, "seed-000"), (b, "seed-003")):
        assert server.call("POST", "/api/articles", {"text": text, "id": aid}, token=TOKEN).status in (200, 201)
    browser.get(server.url + "/sources")
    paste(browser, "text", b + "\nA closing line of this page's own, about the weather in Wiesbaden on Monday.")
    submit_and_wait(browser)

    def cells(aid: str) -> tuple[str, str]:
        row = browser.find_element("css selector", f"tr.source[data-id='{aid}']")
        return row.find_element("class name", "share").text, row.find_element("class name", "own").text

    before, (share_000, own_000) = browser.find_element("id", "shares").text, cells("seed-000")
    assert int(own_000.rstrip("%")) < int(share_000.rstrip("%"))  # the retelling, ranked first, holds them
    box = browser.find_element("css selector", "tr.source[data-id='seed-003'] input[name=keep]")
    assert box.is_selected()
    page = browser.find_element("tag name", "html")
    box.click()  # the script re-posts the form; the server recomputes
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 120).until(lambda d: page.id != d.find_element("tag name", "html").id)
    row = browser.find_element("css selector", "tr.source[data-id='seed-003']")
    assert "excluded" in row.get_attribute("class") and not row.find_element("name", "keep").is_selected()
    assert cells("seed-003")[1] == "excluded" and cells("seed-000") == (share_000, share_000)
    after = browser.find_element("id", "shares").text
    assert after != before and after.startswith(share_000) and "excluded: seed-003" in after
    assert console_errors(browser) == []
    browser.save_screenshot(str(SHOTS / "sources_excluded.png"))
