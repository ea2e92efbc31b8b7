"""An uploaded article's bytes are read as a file of that name would be, and its name never becomes a path."""

from __future__ import annotations

from pathlib import Path

import pytest

from retold.errors import InputError
from retold.ingest import article_from_bytes, read_article

PAGE = (
    "<!doctype html><html><head><title>Harbour strike ends</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/sport'>Sport</a></nav>"
    "<script>window.tracker = 1</script>"
    "<article><h1>Harbour strike ends</h1>"
    "<p>Dock workers in Calden voted on Tuesday to end a strike that had closed the port for nine days.</p>"
    "<p>Cargo will move again from Wednesday, the port authority said in a statement on its website.</p>"
    "</article><footer>Copyright 2026 Example News</footer></body></html>"
)


@pytest.mark.parametrize("name", ["page.html", "page.htm", "page.php"])
def test_html_upload_is_read_like_an_html_file(name: str, tmp_path: Path) -> None:
    art = article_from_bytes(PAGE.encode(), name, id="up-1")
    on_disk = tmp_path / "page.html"
    on_disk.write_text(PAGE, encoding="utf-8")
    assert art.id == "up-1" and art.path is None
    assert art.text == read_article(str(on_disk)).text
    assert art.title == "Harbour strike ends"
    assert "tracker" not in art.text and "Sport" not in art.text and "Dock workers in Calden" in art.text


def test_text_and_markdown_uploads(tmp_path: Path) -> None:
    md = b"# Harbour strike ends\n\nDock workers in **Calden** voted on Tuesday to end the strike.\n"
    art = article_from_bytes(md, "story.md", id="m")
    (tmp_path / "story.md").write_bytes(md)
    assert [s.text for s in art.sentences] == [s.text for s in read_article(str(tmp_path / "story.md")).sentences]
    assert "**" not in art.text.replace(md.decode(), "") and "Calden" in art.sentences[1].text
    txt = article_from_bytes("<p>Not a page</p> but text, sent as UTF-16.\n".encode("utf-16"), "a.txt", id="t")
    assert txt.text.startswith("<p>Not a page</p>")  # a .txt is text whatever it holds, in any encoding


def test_upload_names_are_labels_not_paths(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("The secret text that must never be read by an upload.\n", encoding="utf-8")
    art = article_from_bytes(b"Uploaded words about the harbour strike.\n", str(secret), id="u")
    assert "Uploaded words" in art.text and "secret" not in art.text and art.path is None
    with pytest.raises(InputError, match="records file"):
        article_from_bytes(b'{"text": "x"}\n', "many.jsonl", id="r")
    with pytest.raises(InputError, match="empty"):
        article_from_bytes(b"   \n", "blank.txt", id="e")
    with pytest.raises(InputError, match="no article text"):
        article_from_bytes(b"<!doctype html><html><body><script>x = 1</script></body></html>", "x.html", id="h")
