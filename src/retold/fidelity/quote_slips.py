"""Quote marks a writer or a converter got wrong: an opening mark lost, typeset pairs of marks.

Read literally, such a mark hides a quote (the other text's quote of the same words is dropped); each rule here
reads the mark as the writer meant it. (An opening mark left stray is not read so: an unclosed mark with quotes of
its own marks inside is as often a real quote, "said: \"There is evidence ... But he added De Niro is \"a private
person.\"", as a stray one, and reading it stray lost right flags in the audits.)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from retold.fidelity.quote_words import _contains, similarity
from retold.fidelity.rules import Example, never, rule


@rule(
    "quotes.unopened_paragraph_end",
    purpose="A closing mark with nothing open that ends its paragraph after a sentence's end ('I mean, these are "
    "hard scenes to film, and I wanted to show that.\"' and a new paragraph) closes a quote opened in a paragraph "
    "before or lost on the way: it quotes its sentence (as ``quotes.unopened`` does where who said it follows). "
    "Read as no quote, the other text's quote of the same words was dropped.",
    examples=[
        Example(
            '"These are hard scenes to film and I wanted to show that," Okoro says.',
            'I mean, these are hard scenes to film, and I wanted to really show that."\n\nThe series goes on.',
            (
                "quote_altered/warning: These are hard scenes to film and I wanted to show that, -> I mean, these are "
                "hard scenes to film, and I wanted to really show that.",
            ),
        ),
        Example(  # inside a paragraph and with no speaker after, the mark quotes nothing
            '"These are hard scenes to film and I wanted to show that," Okoro says.',
            'I mean, these are hard scenes to film, and I wanted to really show that." The series goes on.',
            ("quote_dropped/warning: These are hard scenes to film and I wanted to show that, -> -",),
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
            '"He made a mess of it out there," Mr. Arnaud said.',
            "Arnaud was blunter still: ``He made a hash of it out there,'' he said.",
            ("quote_altered/warning: He made a mess of it out there, -> He made a hash of it out there,",),
        ),
        Example(  # '' before a word opens the quote
            '"He made a mess of it out there," Mr. Arnaud said.',
            "Arnaud said ''He made a mess of it out there.''",
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


@rule(
    "quotes.nested_partner",
    purpose="A quote of the source left without a partner pairs with a quote nested in one of the retelling's "
    'matched quotes when their words are 30% alike or one holds the other ("sagte er: \u201e Und sie teilen mir '
    'mit, dass ich \u201eim versunkenen Ort\u201c bin." for "dass ich mich \u201eim versunkenen Bereich\u201c '
    'befinde"): quoted words inside a quote are still quoted, so they were altered (or kept), not dropped.',
    lang="de",
    examples=[
        Example(
            "Er sagte, dass er sich \u201eim versunkenen und dunklen Bereich\u201c befinde.",
            "Er sagte: \u201e Sie teilen mir mit, dass ich \u201eim versunkenen und dunklen Ort\u201c bin.",
            ("quote_altered/warning: im versunkenen und dunklen Bereich -> im versunkenen und dunklen Ort",),
            lang="de",
        ),
        Example(  # words that are not alike stay dropped
            "Er sagte, dass er sich \u201eim versunkenen und dunklen Bereich\u201c befinde.",
            "Er sagte: \u201e Sie teilen mir mit, dass ich \u201ezu Hause und ganz froh\u201c bin.",
            ("quote_dropped/info: im versunkenen und dunklen Bereich -> -",),
            lang="de",
        ),
    ],
    off=lambda x, nested: None,
)
def nested_partner(x: Sequence[str], nested: Sequence[Sequence[str]]) -> int | None:
    """The index of the nested quote (by its folded words) most alike to ``x`` that is the same quote, if any."""
    best = max(range(len(nested)), key=lambda k: similarity(x, nested[k]), default=None)
    if best is None:
        return None
    y = nested[best]
    return best if similarity(x, y) >= 0.3 or _contains(x, [y]) or _contains(y, [x]) else None


@rule(
    "quotes.unclosed_around_pairs",
    lang="any",
    purpose="A quote no mark closes (its end a guess: ``quotes.unclosed``, or a paragraph's end where the next "
    "paragraph opens with a mark) that holds nested quotes paired "
    "with the other text's quotes is not reported added: the words quoted for certain, between marks that close, "
    "are the other text's quotes retold, and the mark around them is as likely a stray as a quote the other text "
    'lacks ("Sie erklärte: \u201eAm Dienstag bekommt Norwegen \u201eeine besondere Möglichkeit ...\u201c und die '
    'Chance, \u201e80 Jahre ...\u201c." for the source\'s "Am Dienstag erhält Norwegen \u201eeine seltene '
    'Gelegenheit ...\u201c": five flag audits, 16 to 23, judged its quote_added wrong). A mark never closed around '
    "nothing paired is still a quote added.",
    examples=[
        Example(
            "Am Dienstag erhält Norwegen \u201eeine seltene Gelegenheit für den Start einer engeren Zusammenarbeit "
            "mit Schweden\u201c sowie die Chance, \u201e80 Jahren des Misstrauens zum Vorteil beider Länder ein "
            "Ende zu setzen,\u201c sagte sie.",
            "Sie erklärte: \u201eAm Dienstag bekommt Norwegen \u201eeine besondere Möglichkeit, eine engere Phase der "
            "Zusammenarbeit mit Schweden einzuleiten\u201c und die Chance, \u201e80 Jahre Misstrauen so zu beenden, "
            "dass beide Länder gewinnen\u201c.",
            (
                "quote_altered/warning: eine seltene Gelegenheit für den Start einer engeren Zusammenarbeit mit "
                "Schweden -> eine besondere Möglichkeit, eine engere Phase der Zusammenarbeit mit Schweden einzuleiten",
            ),
            lang="de",
        ),
        Example(  # nothing paired inside: the quote is added
            "Am Dienstag erhält Norwegen \u201eeine seltene Chance auf einen Neubeginn mit Schweden\u201c sowie "
            "die Chance, \u201e80 Jahren Misstrauen ein Ende zu setzen\u201c, sagte sie.",
            "Sie erklärte: \u201eAm Dienstag bekommt Norwegen die Gelegenheit für einen neuen Anfang mit Schweden und "
            "die Chance, 80 Jahre Misstrauen zu beenden.",
            (
                "quote_added/high: - -> Am Dienstag bekommt Norwegen die Gelegenheit für einen neuen Anfang mit "
                "Schweden und die Chance, 80 Jahre Misstrauen zu beenden.",
            ),
            lang="de",
        ),
    ],
    off=never,
)
def around_pairs(unclosed: bool, start: int, end: int, paired: Sequence[tuple[int, int]]) -> bool:
    """Whether a quote from ``start`` to ``end``, ``unclosed``, holds one of the ``paired`` quotes' spans."""
    return unclosed and any(start <= s and e <= end for s, e in paired)


_AFTER_STOP = re.compile(r"[.!?][ \t]+$")


@rule(
    "quotes.reopened_after_stop",
    purpose="A double mark that can only open, standing after a sentence's end while a quote of its family is "
    'still open (\'said: "There is evidence of a body in this area. "I still want to be the candidate," he told '
    "the Register'), opens a new quote: the open one lost its closing mark and ends with its sentence. Read as a "
    "quote nested in it, the first quote ran on across the second and its speaker's words (a quote the other "
    "text kept word for word) read as altered.",
    examples=[
        Example(
            'The inspector said: "There is evidence of a body in this area." "We will dig on Monday," he added.',
            'The inspector said: "There is evidence of a body in this area. "We will dig on Monday," he added.',
            (),
        ),
        Example(  # the second quote, reworded, is altered on its own
            'The inspector said: "There is evidence of a body in this area." "We will dig on Monday," he added.',
            'The inspector said: "There is evidence of a body in this area. "We dig on Tuesday," he added.',
            ("quote_altered/warning: We will dig on Monday, -> We dig on Tuesday,",),
        ),
    ],
    off=never,
)
def reopens_after_stop(text: str, i: int, family: str) -> bool:
    """Whether the mark at ``i`` (of ``family``, one that can only open) follows a sentence's end."""
    return family in ("dq", "gu") and _AFTER_STOP.search(text[max(0, i - 8) : i]) is not None
