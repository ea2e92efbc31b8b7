"""How the words of two quotes compare: alike enough to be one quote, trimmed, too short or a name in marks."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from retold.fidelity._lexicon import STOP, uncontracted
from retold.fidelity._stems import fold, stem
from retold.fidelity.rules import Example, never, rule
from retold.text.normalise import normalise, words

if TYPE_CHECKING:
    from retold.fidelity.quotes import Quote


def _content(ws: list[str]) -> list[str]:
    return [w for w in ws if w not in STOP]


def similarity(x: Sequence[str], y: Sequence[str]) -> float:
    """Word-sequence similarity of two quotes, 0..1."""
    if not x or not y:
        return 0.0
    return SequenceMatcher(None, list(x), list(y), autojunk=False).ratio()


def _contains(big: Sequence[str], pieces: Sequence[Sequence[str]]) -> bool:
    """Whether the word pieces occur in ``big`` in order (pieces are what "..." elisions separate)."""
    b = " " + " ".join(big) + " "
    pos = 0
    for piece in pieces:
        if not piece:
            continue
        needle = " " + " ".join(piece) + " "
        k = b.find(needle, pos)
        if k < 0:
            return False
        pos = k + len(needle) - 1
    return True


# an editor's words inside a quote: "[Mr. Cheney]", "(Harold)", "(God is greatest)"; not a "[...]" elision
_INSERTION = re.compile(r"\s*(?:\[(?!\s*(?:\.\.\.|…)\s*\])[^\[\]]{1,60}\]|\([^()]{1,60}\))")


@rule(
    "quotes.editor_insertion",
    purpose='Words an editor put in brackets inside a quote ("He [Mr. Cheney] will never ...", "(Harold)", a '
    "translation in parentheses) are not the speaker's: a retelling that leaves them out or adds them has not "
    "altered the quote.",
    examples=[
        Example(
            'Smith said: "He [Mr. Cheney] will never give up the port."',
            'Smith said: "He will never give up the port."',
            (),
        ),
        Example(
            'Smith said: "He will never give up the port."',
            'Smith said: "He (Harold) will never give up the port."',
            (),
        ),
        Example(
            'Smith said: "He [Mr. Cheney] will never give up the port."',
            'Smith said: "He [Mr. Cheney] will give up the port."',
            (
                "quote_altered/info: He [Mr. Cheney] will never give up the port. -> He [Mr. Cheney] will give up "
                "the port.",
            ),
        ),
    ],
    off=lambda text: text,
)
def spoken(text: str) -> str:
    """A quote's text without an editor's bracketed insertions: the words the speaker said."""
    return _INSERTION.sub("", text)


def _pieces(text: str) -> list[list[str]]:
    """A quote's words between its "..." elisions, read as ``Quote.words`` reads them: normalised first, so
    "it’d" is "it'd", one word."""
    parts = re.split(r"\s*\[?\s*(?:\.\.\.|…)\s*\]?\s*", normalise(text).text)
    return [[fold(w) for w in words(p)] for p in parts]


Pool = tuple[frozenset[str], frozenset[str]]  # folded words and their stems


def pool(ws: Iterable[str]) -> Pool:
    """Words to look a quote's words up in, with their stems: made once for each text or quote looked in."""
    folded = frozenset(ws)
    return folded, frozenset(stem(w) for w in folded)


def _coverage(q_words: Sequence[str], where: Pool) -> float:
    """The share of a quote's content words whose stem ``where`` holds: "ein unersetzliches Instrument" is
    "einem unersetzlichen Instrument" inflected, not other words."""
    c = _content(list(q_words))
    if not c:
        return 1.0
    folded, stems = where
    return sum(1 for w in c if w in folded or stem(w) in stems) / len(c)


@rule(
    "quotes.pairing",
    purpose="Two quotes of matched sentences are one quote retold when their words are 30% alike, 12% alike with "
    "the same speaker or as the only quote on each side, or when one holds the other whole.",
    examples=[  # two quotes a side: the only quote on each side is quotes.only_pair's
        Example(
            'Smith said: "We will never give up the port." Jones said: "Taxes must fall this winter."',
            'Smith said: "We will not give up the harbour." Jones said: "Taxes must come down this winter."',
            (
                "quote_altered/warning: We will never give up the port. -> We will not give up the harbour.",
                "quote_altered/warning: Taxes must fall this winter. -> Taxes must come down this winter.",
            ),
        ),
        Example(
            'Smith said: "We will never give up the port." Jones said: "Taxes must fall this winter."',
            'Smith said: "Harbour belongs to everyone." Jones said: "Nobody voted for any levy."',
            (
                "quote_dropped/info: We will never give up the port. -> -",
                "quote_dropped/info: Taxes must fall this winter. -> -",
                "quote_added/high: - -> Harbour belongs to everyone.",
                "quote_added/high: - -> Nobody voted for any levy.",
            ),
        ),
    ],
    off=never,
)
def _same_quote(sim: float, same_speaker_or_alone: bool, x: Sequence[str], y: Sequence[str]) -> bool:
    return sim >= 0.3 or (sim >= 0.12 and same_speaker_or_alone) or (bool(y) and _contains(x, [y]))


@rule(
    "quotes.only_pair",
    purpose="The only quote on each side of two sentences that retell each other (matched as anything but "
    "`related`) is one quote, however far its words were reworded: the retelling altered it, it did not drop one "
    "quote and invent another (the second flag audit judged such dropped + added pairs wrong: 4 of its 27 "
    "quote_dropped and quote_added flags).",
    examples=[
        Example(
            'The mayor warned that the town would "sooner or later be back where it began".',
            'The mayor warned that "it is only a matter of time until we start again from nothing".',
            (
                "quote_altered/warning: sooner or later be back where it began -> it is only a matter of time until "
                "we start again from nothing",
            ),
        ),
        Example(
            'The mayor said the harbour "will reopen in spring" and that "taxes will not rise this year".',
            'The mayor said "we start again from nothing after the storm".',
            (
                "quote_dropped/info: will reopen in spring -> -",
                "quote_dropped/info: taxes will not rise this year -> -",
                "quote_added/high: - -> we start again from nothing after the storm",
            ),
        ),
    ],
    off=never,
)
def _only_pair(label: str) -> bool:
    return label != "related"


@rule(
    "quotes.unclosed",
    purpose="A double quote mark (or guillemet) opened and never closed before the paragraph ends quotes the rest "
    "of its sentence: a closing mark left out by the writer (or a quote run on into the next paragraph without the "
    "reopening mark) still marks the speaker's words; how far they run is not known, so the sentence is the "
    "least they hold. Single marks are not read so (they are also apostrophes), nor a mark that no word follows "
    "(a stray '\"><').",
    examples=[
        Example(
            'The mayor said: "We will rebuild the harbour within a year."\n\nThe council agreed.',
            'The mayor said: "We will rebuild the harbour within a year.\n\nThe council agreed.',
            (),
        ),
        Example(
            "The mayor said: 'We will rebuild the harbour within a year.'\n\nThe council agreed.",
            "The mayor said: 'We will rebuild the harbour within a year.\n\nThe council agreed.",
            ("quote_dropped/warning: We will rebuild the harbour within a year. -> -",),
        ),
    ],
    off=never,
)
def _unclosed(family: str, first: str) -> bool:
    return family in ("dq", "gu") and first.isalnum()


@rule(
    "quotes.unopened",
    purpose='A double quote mark (or guillemet) that closes with nothing open, followed by who said it (", he '
    'said", "" McKechnie said"), quotes its sentence up to the mark: the opening mark was lost on the way (scraped '
    "or pasted text), the speaker's words are still marked.",
    examples=[
        Example(
            '"We will rebuild the harbour within a year," the mayor said.',
            'We will rebuild the harbour within a year," the mayor said.',
            (),
        ),
        Example(
            '"We will rebuild the harbour within a year," the mayor said.',
            "We will rebuild the harbour within a year, the mayor said.",
            ("quote_dropped/warning: We will rebuild the harbour within a year, -> -",),
        ),
    ],
    off=never,
)
def _unopened(family: str, tagged: bool) -> bool:
    return family in ("dq", "gu") and tagged


@rule(
    "quotes.quoted_elsewhere",
    purpose="A quote the other article also quotes (80% of its content words, by their stems, inside one of the "
    "other's quotes, wherever that stands) is neither dropped nor added: two quotes run together around "
    '"he said", one split '
    "in two, or a tweet quoted in another paragraph are the same quoted words.",
    examples=[
        Example(
            '"No one saw what went on except me and the driver," Pereira said, "and it never took place."',
            '"No one really saw what went on that night except for me and the driver, and it never took place," '
            "Pereira said.",
            (
                "quote_altered/warning: No one saw what went on except me and the driver, -> No one really saw what "
                "went on that night except for me and the driver, and it never took place,",
            ),
        ),
        Example(
            '"No one saw what went on except me and the driver," Pereira said, "and it never took place."',
            '"It never took place," Pereira said.',
            ("quote_dropped/info: No one saw what went on except me and the driver, -> -",),
        ),
    ],
    off=never,
)
def _quoted_elsewhere(ws: Sequence[str], others: Sequence[Pool]) -> bool:
    return bool(_content(list(ws))) and any(_coverage(ws, o) >= 0.8 for o in others)


@rule(
    "quotes.trimmed",
    purpose='A retold quote that gives fewer of the same words, in order, with or without "..." between them, is '
    "trimmed, not altered.",
    examples=[
        Example(
            'Smith said: "We will never give up the port, not for any price."',
            'Smith said: "We will never give up the port."',
            (),
        ),
        Example(
            'Smith said: "We will never give up the port, not for any price."',
            'Smith said: "We will give up the port."',
            ("quote_altered/warning: We will never give up the port, not for any price. -> We will give up the port.",),
        ),
        Example(  # the retelling's curly apostrophe is the source's straight one: "it’d" is "it'd", one word
            "Smith said: \"We'll meet again tomorrow. I think it'd make a fine start.\"",
            "Smith said: \u201cI think it\u2019d make a fine start.\u201d",
            (),
        ),
    ],
    off=never,
)
def _trimmed(x: Sequence[str], b_text: str) -> bool:
    return _contains(x, _pieces(spoken(b_text)))


@rule(
    "quotes.continued",
    purpose="A retold quote that is the source's quote with words before or after it that the source quotes too, "
    'in another quote (\'"We need the council to give us back our harbour," she said. "We need the ferry."\' '
    "given as one quote), adds no words to it: one quote split around who said it and given whole.",
    examples=[
        Example(
            '"Go ahead, Madam Mayor," Lindqvist wrote. "I live two doors down and will lend you a ladder."',
            '"Go ahead, Madam Mayor. I live two doors down and will lend you a ladder," Lindqvist tweeted.',
            (),
        ),
        Example(  # words the source never quoted are added
            '"Go ahead, Madam Mayor," Lindqvist wrote. "I live two doors down and will lend you a ladder."',
            '"I mean it. I live two doors down and will lend you a ladder," Lindqvist tweeted.',
            (
                "quote_dropped/info: Go ahead, Madam Mayor, -> -",
                "quote_altered/warning: I live two doors down and will lend you a ladder. -> I mean it. I live two "
                "doors down and will lend you a ladder,",
            ),
        ),
    ],
    off=never,
)
def _continued(x: Sequence[str], y: Sequence[str], others: Sequence[Sequence[str]]) -> bool:
    """Whether ``y`` is ``x`` with words before and/or after it that each lie whole in one of ``others``."""
    n = len(x)
    for k in range(len(y) - n + 1):
        if list(y[k : k + n]) == list(x):
            extra = [p for p in (y[:k], y[k + n :]) if p]
            return bool(extra) and all(any(_contains(o, [p]) for o in others) for p in extra)
    return False


@rule(
    "quotes.contraction",
    purpose="A quote that gives the same words with a contraction written out or made (\"The council's going to "
    'ruin us" and "the council is going to ruin us", "won\'t" and "will not") has not altered them.',
    examples=[
        Example(
            '"The council\'s going to ruin us," Okafor said.',
            'Okafor said "the council is going to ruin us."',
            (),
        ),
        Example(
            '"The council won\'t last," Okafor said.',
            'Okafor said "the council will last."',
            ("quote_altered/warning: The council won't last, -> the council will last.",),
        ),
    ],
    off=lambda x, y: x == y,
)
def same_words(x: list[str], y: list[str]) -> bool:
    """Whether two quotes' folded words are the same, contractions written out."""
    return x == y or uncontracted(x) == uncontracted(y)


@rule(
    "quotes.short_unflagged",
    purpose="A quote of one or two words (a term in quote marks) is never reported as dropped or added.",
    examples=[
        Example('The plan was called "reckless" by critics.', "Critics opposed the plan.", ()),
        Example(
            'The plan "will ruin the harbour" critics said.',
            "Critics opposed the plan.",
            ("quote_dropped/info: will ruin the harbour -> -",),
        ),
    ],
    off=never,
)
def _too_short(ws: Sequence[str]) -> bool:
    return len(ws) < TERM_WORDS


TERM_WORDS = 3  # a quote of fewer words is a term in marks ("reckless", "serious but steady")


@rule(
    "quotes.name_in_marks",
    purpose='Titles and names in quote marks ("the Security Assistance Mission", a title and its subtitle: "Austin '
    'Powers: The Spy Who Shagged Me") are not speech: never dropped or added.',
    examples=[
        Example('He joined the "Security Assistance and Training Mission" last year.', "He joined last year.", ()),
        Example(
            "It beat the record of Austin Powers: The Spy Who Shagged Me.",
            'It beat the record set by "Austin Powers: The Spy Who Shagged Me."',
            (),
        ),
        Example(
            'He said "security will improve next year" at the base.',
            "He spoke at the base.",
            ("quote_dropped/info: security will improve next year -> -",),
        ),
    ],
    off=never,
)
def _is_name_like(q: Quote) -> bool:
    """Titles and names in quote marks ("the Security Assistance Mission") are not speech."""
    toks = re.findall(r"[^\W\d_][\w'’-]*", q.text)
    content = [t for t in toks if t.lower() not in STOP]
    if not content:
        return True
    caps = sum(1 for t in content if t[0].isupper())
    breaks = re.finditer(r"([.!?,;:])\s+(\S)", q.text)  # a clause goes on after it; a subtitle is capitalised
    return caps / len(content) >= 0.6 and all(m.group(1) == ":" and m.group(2).isupper() for m in breaks)
