"""Quote marks a writer or a converter got wrong: an opening mark lost, typeset pairs of marks.

Read literally, such a mark hides a quote (the other text's quote of the same words is dropped); each rule here
reads the mark as the writer meant it. (An opening mark left stray is not read so: an unclosed mark with quotes of
its own marks inside is as often a real quote, "said: \"There is evidence ... But he added De Niro is \"a private
person.\"", as a stray one, and reading it stray lost right flags in the audits.)
"""

from __future__ import annotations

import re

from retold.fidelity.rules import Example, never, rule


@rule(
    "quotes.unopened_paragraph_end",
    purpose="A closing mark with nothing open that ends its paragraph after a sentence's end ('I mean, these are "
    "violent surgeries, and I wanted to convey that.\"' and a new paragraph) closes a quote opened in a paragraph "
    "before or lost on the way: it quotes its sentence (as ``quotes.unopened`` does where who said it follows). "
    "Read as no quote, the other text's quote of the same words was dropped.",
    examples=[
        Example(
            '"These are violent surgeries and I wanted to convey that," Murphy says.',
            'I mean, these are violent surgeries, and I wanted to properly convey that."\n\nThe show goes on.',
            (
                "quote_altered/warning: These are violent surgeries and I wanted to convey that, -> I mean, these are "
                "violent surgeries, and I wanted to properly convey that.",
            ),
        ),
        Example(  # inside a paragraph and with no speaker after, the mark quotes nothing
            '"These are violent surgeries and I wanted to convey that," Murphy says.',
            'I mean, these are violent surgeries, and I wanted to properly convey that." The show goes on.',
            ("quote_dropped/warning: These are violent surgeries and I wanted to convey that, -> -",),
        ),
    ],
    off=never,
)
def closes_paragraph(text: str, i: int) -> bool:
    """Whether the mark at ``i`` follows a full stop, question or exclamation mark and ends its paragraph."""
    return text[i - 1 : i] in (".", "!", "?") and not text[i + 1 :].split("\n", 1)[0].strip()


_TEX = re.compile(r"``|''")


@rule(
    "quotes.tex_marks",
    purpose="Two grave accents or two straight apostrophes stand for a double mark in typeset and tokenised text "
    "(MRPC: \"``He did a bad job,'' he said\", \"Bush wanted ''to see an end''\"): `` opens, '' opens before a word "
    "and closes after one. Read as apostrophes, such a quote went unread and the other text's quote was dropped.",
    examples=[
        Example(
            '"He did a bad job going up there," Mr. Villalona said.',
            "Villalona put it more bluntly: ``He did a poor job up there,'' he said.",
            ("quote_altered/warning: He did a bad job going up there, -> He did a poor job up there,",),
        ),
        Example(  # '' before a word opens the quote
            '"He did a bad job going up there," Mr. Villalona said.',
            "Villalona said ''He did a bad job going up there.''",
            (),
        ),
    ],
    off=lambda text: text,
)
def tex_marks(text: str) -> str:
    """``text`` with each such pair made a double mark beside a space, so offsets stay those of ``text``."""
    if "``" not in text and "''" not in text:
        return text

    def one(m: re.Match[str]) -> str:
        i, j = m.start(), m.end()
        opens = m.group() == "``" or ((i == 0 or not text[i - 1].isalnum()) and text[j : j + 1].isalnum())
        return ' "' if opens else '" '

    return _TEX.sub(one, text)
