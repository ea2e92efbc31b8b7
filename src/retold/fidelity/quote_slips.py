"""Quote marks a writer or a converter got wrong: an opening mark lost or left stray, typeset pairs of marks.

Read literally, such a mark hides a quote (the other text's quote of the same words is dropped) or makes one of a
whole sentence (a quote added); each rule here reads the mark as the writer meant it.
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


Found = tuple[int, int, bool, bool]  # a quote found: start, end, nested, inside an open mark of its own family


@rule(
    "quotes.stray_opening",
    purpose='An opening mark never closed, after which marks of its own family open and close quotes ("Er '
    "bemerkte: \u201eAm Montag bekommt Bolivien \u201eeine einzigartige Gelegenheit\u201c und die Chance, "
    "\u201e139 Jahre ... zu beenden\u201c.\"), is a stray mark: the closed quotes are the speaker's words, not "
    "quotes nested in one that runs to the sentence's end (``quotes.unclosed``). Read so, the sentence was one "
    "quote no other matched and was added.",
    lang="de",
    examples=[
        Example(
            "Bolivien erhalte \u201eeine au\u00dferordentliche Chance auf eine neue \u00c4ra\u201c und die "
            "M\u00f6glichkeit, \u201e139 Jahren der Uneinigkeit ein Ende zu bereiten\u201c, sagte er.",
            "Er bemerkte: \u201eAm Montag bekommt Bolivien \u201eeine au\u00dferordentliche Chance auf eine neue "
            "\u00c4ra\u201c und die Chance, \u201e139 Jahren der Uneinigkeit ein Ende zu bereiten\u201c.",
            (),
            lang="de",
        ),
        Example(  # an unclosed quote with a nested quote in other marks stays one quote
            "Er sagte, man habe den Plan \u201aeine neue \u00c4ra\u2018 genannt und werde nun handeln.",
            "Er bemerkte: \u201eAm Montag bekommt Bolivien \u201aeine neue \u00c4ra\u2018 und wird nun handeln.",
            (
                "quote_altered/warning: eine neue \u00c4ra -> Am Montag bekommt Bolivien \u201aeine neue "
                "\u00c4ra\u2018 und wird nun handeln.",
            ),
            lang="de",
        ),
    ],
    off=never,
)
def stray_opening(found: list[Found], start: int) -> bool:
    """Whether quotes of its own family were found inside the unclosed quote opened at ``start``; if so they are
    made outer quotes, and the unclosed one is none."""
    inner = [k for k, f in enumerate(found) if f[3] and f[0] > start]
    for k in inner:
        found[k] = (found[k][0], found[k][1], False, False)
    return bool(inner)


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
