"""Article text made inert for a terminal: what a crawler brought home may carry escape sequences.

An ESC starts sequences that set the window title, clear the screen or move the cursor; a BEL rings;
a right-to-left override turns the rest of a line round. Each control character is shown as its
visible Unicode picture ("\u241b" for ESC), so the reader sees that it was there and the terminal
does nothing; bidi overrides and isolates are dropped. Rich markup is no concern here: the views
build ``rich.text.Text`` objects or print with ``markup=False``.
"""

from __future__ import annotations

import re

_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_PICTURES = {chr(c): chr(0x2400 + c) for c in range(0x20) if chr(c) not in "\n\t"}
_PICTURES["\x7f"] = "\u2421"
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + _BIDI + "]")


def _picture(m: re.Match[str]) -> str:
    c = m.group()
    if c in _BIDI:
        return ""
    return _PICTURES.get(c, "\ufffd")  # C1 controls (U+0080-U+009F, 8-bit CSI among them)


def printable(text: str, *, one_line: bool = False) -> str:
    """``text`` with control characters shown, not obeyed (``one_line``: line breaks and tabs as spaces)."""
    out = _CONTROL.sub(_picture, text) if _CONTROL.search(text) else text
    if one_line and ("\n" in out or "\t" in out):
        out = out.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    return out
