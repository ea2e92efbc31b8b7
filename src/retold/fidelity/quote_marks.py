"""Which quote marks open or close a quote, and which are apostrophes.

Single marks are also apostrophes ("don't", "NATO's", "the nurses' pay"); reading one as a closing mark
cuts a quote short, so a faithful copy looks altered and an altered one looks kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from retold.fidelity._lexicon import SPEAKING_PRONOUNS, words_of
from retold.fidelity.rules import Example, never, rule
from retold.text.alternation import alternatives
from retold.text.speech import SPEECH_VERBS

_FAMILY = {
    '"': "dq",
    "\u201c": "dq",
    "\u201d": "dq",
    "\u201e": "dq",
    "\u201f": "dq",
    "\u2033": "dq",
    "\u00ab": "gu",
    "\u00bb": "gu",
    "'": "sq",
    "\u2018": "sq",
    "\u2019": "sq",
    "\u201a": "sq",
    "\u201b": "sq",
    "\u2039": "sg",
    "\u203a": "sg",
}
_MARKS = re.compile("[\n" + re.escape("".join(_FAMILY)) + "]")
_SINGLE = re.compile("[\n" + re.escape("".join(c for c, f in _FAMILY.items() if f == "sq")) + "]")
_OPEN_ONLY = {"\u201e", "\u201a"}
_CLOSE_PUNCT = set(".,;:!?)]}-\u2013\u2014\u2026")
_OPEN_PUNCT = set("([{-\u2013\u2014/")
_QUOTE_START = set("\n.!?:;([{\u2013\u2014") | {c for c, f in _FAMILY.items() if f != "sq"}  # what a quote follows
_END_PUNCT = set(".,;:!?)\u2026")  # a closing mark beside these ends a quote ("claim,' she said", "claim', she")
MAX_QUOTE_CHARS = 3000


# German "so" tags a quote ("..., so Müller") but says nothing on its own, so only the quote patterns take it
_SPEECH = alternatives((*SPEECH_VERBS, "so"))
# a pronoun is a whole word: "officer said" names no "er"
_PRON = rf"(?:\b(?:{alternatives(sorted(SPEAKING_PRONOUNS - {'i'} | {'I'}))})\b)"  # the English one upper-case
_TAGGED = re.compile(rf"^\s*[,.!?]?\s*(?:[\w'’.-]+\s+){{0,5}}?(?:{_SPEECH})\b")
_TAGGED_LOWER = re.compile(rf"^\s*(?:{_PRON}|{_SPEECH})\b")


def _tagged(text: str, pos: int) -> bool:
    """Whether who said it follows the mark before ``pos``: a speech verb within six words (", he said",
    "\" McKechnie said", ", VeriSign spokesman Tom Galvin told Reuters"); after a full stop only a pronoun or
    the verb itself ('." he said'): 'December." AAA spokesman Jerry Cheske said ...' opens the next sentence."""
    after = text[pos : pos + 80].split("\n", 1)[0]
    if text[pos - 2 : pos - 1] in (".", "!", "?"):
        return _TAGGED_LOWER.match(after) is not None
    return _TAGGED.match(after) is not None


@rule(
    "quotes.low_mark_spaced",
    purpose='The German low opening mark \u201e opens a quote with a space after it too ("erl\u00e4uterte: \u201e '
    'verschiedene Krebsarten ... werden.\u201c"): it never closes a quote nor stands for an apostrophe, so the '
    "space is a typing slip; read as no mark, the quote went unread and the source's quote was dropped.",
    lang="de",
    examples=[
        Example(
            "Der B\u00fcrgermeister sagte: \u201ewir werden den Hafen nie aufgeben, auch nicht f\u00fcr Geld.\u201c",
            "Der B\u00fcrgermeister sagte: \u201e wir werden den Hafen nie aufgeben, auch nicht f\u00fcr Geld.\u201c",
            (),
            lang="de",
        ),
        Example(
            "Der B\u00fcrgermeister sagte: \u201ewir werden den Hafen nie aufgeben, auch nicht f\u00fcr Geld.\u201c",
            "Der B\u00fcrgermeister sagte: \u201e wir werden den Hafen bald aufgeben, auch f\u00fcr Geld.\u201c",
            (
                "quote_altered/warning: wir werden den Hafen nie aufgeben, auch nicht f\u00fcr Geld. -> wir werden den "
                "Hafen bald aufgeben, auch f\u00fcr Geld.",
            ),
            lang="de",
        ),
    ],
    off=never,
)
def _low_opens_spaced(c: str) -> bool:
    return c == "\u201e"


@rule(
    "quotes.spaced_mark",
    purpose="A straight double mark with a space on both sides (tokenised text: '\"neither I nor my book is a "
    'hoax. " Here\'s what happened ...," he said\'; ",\' " said Strain") closes the quote of its '
    "family that is open, else opens one: read as neither, two quotes ran together as one (or one never closed).",
    examples=[
        Example(
            '"We will stay. " Here is what happened: they left the town," he said.',
            '"We will go," he said. "Here is what happened: they left the town," he added.',
            ("quote_altered/warning: We will stay. -> We will go,",),
        ),
        Example(  # each quote kept
            '"We will stay. " Here is what happened: they left the town," he said.',
            '"We will stay," he said. "Here is what happened: they left the town," he added.',
            (),
        ),
    ],
    off=never,
)
def _spaced(text: str, i: int) -> bool:
    """Whether the mark at ``i`` is a straight double mark between spaces (or a text's ends)."""
    return text[i] == '"' and (i == 0 or text[i - 1].isspace()) and (i + 1 == len(text) or text[i + 1].isspace())


def _flanks(text: str, i: int) -> tuple[bool, bool]:
    """Whether the mark at ``i`` can open and/or close a quote, by the characters on either side."""
    c = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    left_ok = prev.isspace() or prev in _OPEN_PUNCT or prev in _FAMILY
    right_ok = nxt.isspace() or nxt in _CLOSE_PUNCT or nxt in _FAMILY
    can_open = not nxt.isspace() and left_ok
    can_close = not prev.isspace() and right_ok
    if _spaced(text, i):
        return True, True
    if c in _OPEN_ONLY:
        return (not nxt.isspace() or _low_opens_spaced(c), False)
    if _FAMILY[c] in ("sq",) and prev.isalnum() and nxt.isalnum():
        return (False, False)  # an apostrophe: don't, NATO's
    if c == "\u00ab" and not can_close:
        return (True, False)
    if c == "\u00bb" and (not can_open or nxt.isspace() or nxt in _CLOSE_PUNCT):
        return (False, True)  # French sets » apart with a space ("pas »,"): still a closing mark
    return can_open, can_close


# words whose first letters an apostrophe stands for ("rock 'n' roll", "'til", "'em"), lower-case or capitalised
# ("Rock 'Em Sock 'Em"); those that are words too ("cause", "round") only in lower case ("'Cause for concern,'")
_ELIDED = frozenset(words_of("n til em tis twas cos cuz nuff"))
_ELIDED_LOWER = frozenset(words_of("cause bout round"))
_ELIDED_WORD = re.compile(r"([^\W\d_]+)(?![\w-])|\d\d(?:['\u2019]?s)?(?!\w)")  # a word, a decade or year


def _starts_elision(text: str, i: int) -> bool:
    """A word-initial single mark before an elided word ("'til", "'n'") or a decade or year ("the '90s", "'08")."""
    if _FAMILY.get(text[i]) != "sq" or (i > 0 and text[i - 1].isalnum()):
        return False
    m = _ELIDED_WORD.match(text, i + 1)
    if m is None:
        return False
    w = m.group(1)
    return w is None or w in _ELIDED_LOWER or ((w.islower() or w.istitle()) and w.lower() in _ELIDED)


@rule(
    "quotes.elision",
    purpose='A single mark that starts an elided word ("rock \'n\' roll", "\'til", "Rock \'Em Sock \'Em"; one that '
    'is a word too only in lower case: "\'cause", "\'round") or a decade or year ("the \'90s", "\'08") is an '
    'apostrophe, not an opening mark (nor is the one closing "\'n\'"): read as one, a later apostrophe ("the '
    "Smiths' records\") closed it and the words between read as quoted. \"'Cause for concern,' he said\" opens, "
    "and so does a capitalised elided word that starts a sentence when the next single mark that can close a "
    "quote ends one and a speech verb follows (\"'Til death,' she said\", \"'Tis the season,' he said\"): read as "
    "an apostrophe, the quote lost its opening mark and went unread.",
    examples=[
        Example(  # the quote opens at the elision: a reworded one is altered
            "'Til death do us part,' she said.",
            "'Til death us do part,' she said.",
            ("quote_altered/warning: Til death do us part, -> Til death us do part,",),
        ),
        Example(  # and one given without its marks is dropped
            "'Tis the season to be jolly,' he said.",
            "Tis the season to be jolly, he said.",
            ("quote_dropped/warning: Tis the season to be jolly, -> -",),
        ),
        Example(  # inside a sentence an elided word opens nothing, a speech verb after or not
            "Wait 'til the bosses' meeting ends,' he said.",
            "Wait 'til the workers' meeting ends,' he said.",
            (),
        ),
        Example(  # no quote: "n roll with the Smiths" was read as one, and as altered
            "He played rock 'n roll with the Smiths' old band for years.",
            "He played rock 'n roll with the Jones' old band for years.",
            (),
        ),
        Example(  # the decade neither opens nor stops the quote before a plural possessive
            "'We loved the Smiths' songs of the '80s,' she said.",
            "'We loved the Smiths' songs of the '90s,' she said.",
            (
                "quote_altered/warning: We loved the Smiths' songs of the '80s, -> We loved the Smiths' songs of the "
                "'90s,",
            ),
        ),
    ],
    off=never,
)
def _elision(text: str, i: int) -> bool:
    """Whether the mark at ``i`` is an elision's apostrophe (it starts one, or it closes "'n'") and opens no
    quote."""
    return _elided(text, i) and not _opens_tagged_quote(text, i)


def _elided(text: str, i: int) -> bool:
    """Whether the mark at ``i`` has the shape of an elision's apostrophe: it starts one, or it closes "'n'"."""
    if i >= 2 and text[i - 1] in "nN" and _starts_elision(text, i - 2):
        return _FAMILY.get(text[i]) == "sq"
    return _starts_elision(text, i)


def _quote_start(text: str, i: int) -> bool:
    """Whether a capitalised word follows the mark at ``i`` and the mark starts a sentence, a clause after a colon or
    a bracket, or the paragraph: where a quote's first word stands, not an elided word inside a sentence ("wait
    'til", "Rock 'Em Sock 'Em")."""
    before = text[:i].rstrip(" \t")
    return i + 1 < len(text) and text[i + 1].isupper() and (not before or before[-1] in _QUOTE_START)


def _opens_tagged_quote(text: str, i: int) -> bool:
    """Whether the mark at ``i``, before a capitalised elided word at a quote's start, opens a quote ("'Tis the
    season,' he said"): the next single mark of the paragraph that can close one ends a quote and who said it
    follows; with no speaker after, the mark stays an apostrophe."""
    if not _quote_start(text, i):
        return False
    j = _next_closer(text, i, lambda t, k: _elided(t, k) and not _quote_start(t, k))
    return j is not None and _ends_quote(text, j) and _tagged(text, j + 1)


def _possessive_shape(text: str, i: int) -> bool:
    """A single mark after a word ending in "s" and before a word: "the nurses' pay", "the Smiths' Ford"."""
    return (
        _FAMILY.get(text[i]) == "sq"
        and i >= 2
        and text[i - 1] in "sS"
        and text[i - 2].isalpha()
        and text[i + 1 : i + 2] == " "
        and text[i + 2 : i + 3].isalpha()
    )


@rule(
    "quotes.plural_possessive",
    purpose="In a quote in single marks, the apostrophe of a plural possessive (\"'We back the nurses' pay "
    "claim,' she said\", \"'the Smiths' Ford deal'\": a word ending in s, the mark, a word) closes no quote when the "
    "next single "
    "mark in the paragraph that can close one (past other such apostrophes, before any that only opens) stands "
    "beside a full stop, comma, dash or other punctuation, or at the paragraph's end: the quote ends there. Else "
    "(\"'a gift to the bankers' and voted\", \"'The Invincibles' after ... the All Blacks' 2-3-2\") it ends at "
    "the first mark.",
    examples=[
        Example(
            "'We will not abandon the nurses' pay claim,' she said.",
            "'We will not abandon the nurses' pay demands,' she said.",
            (
                "quote_altered/warning: We will not abandon the nurses' pay claim, -> We will not abandon the "
                "nurses' pay demands,",
            ),
        ),
        Example(
            "'We will not abandon the nurses' pay claim,' she said.",
            "We will not abandon the nurses' pay claim, she said.",
            ("quote_dropped/warning: We will not abandon the nurses' pay claim, -> -",),
        ),
        Example(  # a name after the possessive: the same
            "'We will not abandon the Smiths' Ford deal,' she said.",
            "'We will not abandon the Smiths' Ford contract,' she said.",
            (
                "quote_altered/warning: We will not abandon the Smiths' Ford deal, -> We will not abandon the "
                "Smiths' Ford contract,",
            ),
        ),
        Example(  # no later mark closes: the quote ends at the mark
            "Critics called the plan 'a gift to the bankers' and voted against it.",
            "Critics called the plan 'a present to the bankers' and voted against it.",
            ("quote_altered/warning: a gift to the bankers -> a present to the bankers",),
        ),
    ],
    off=never,
)
def _ends_quote(text: str, j: int) -> bool:
    """Whether the closing mark at ``j`` stands where a quote ends: beside punctuation ("claim,' she said",
    "claim', she", "claim' \u2013 Smith") or at the end of its paragraph."""
    after = text[j + 1 : j + 3]
    return text[j - 1] in _END_PUNCT or after[:1] in _END_PUNCT | {"", "\n"} or after in (" -", " \u2013", " \u2014")


def _plural_possessive(text: str, i: int) -> bool:
    """Whether the single mark at ``i`` is a plural possessive's apostrophe inside a quote a later mark closes."""
    if not _possessive_shape(text, i):
        return False
    j = _next_closer(text, i, _elision)
    return j is not None and _ends_quote(text, j)


def _next_closer(text: str, i: int, apostrophe: Callable[[str, int], bool]) -> int | None:
    """The next single mark after ``i`` in its paragraph that can close a quote, past elisions (``apostrophe`` says
    which marks are theirs) and plural possessives; None where a mark that only opens or the paragraph's end
    comes first."""
    for m in _SINGLE.finditer(text, i + 1, min(len(text), i + MAX_QUOTE_CHARS)):
        j = m.start()
        if text[j] == "\n":
            return None
        if apostrophe(text, j):
            continue
        can_open, can_close = _flanks(text, j)
        if can_close and not _possessive_shape(text, j):
            return j
        if can_open and not can_close:
            return None
    return None


def _role(text: str, i: int) -> tuple[bool, bool]:
    """Whether the mark at ``i`` can open and/or close a quote: by what flanks it, a plural possessive's
    apostrophe and an elision's excepted."""
    if _elision(text, i):
        return False, False
    can_open, can_close = _flanks(text, i)
    if can_close and _plural_possessive(text, i):
        return can_open, False
    return can_open, can_close


def _continues(text: str, pos: int, family: str) -> bool:
    """A paragraph that opens with a quote mark continues an unclosed quote (newspaper convention)."""
    j = pos
    while j < len(text) and text[j].isspace():
        j += 1
    return j < len(text) and _FAMILY.get(text[j]) == family
