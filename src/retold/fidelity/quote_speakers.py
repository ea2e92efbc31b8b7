"""Who said a quote: the name beside its marks, and clauses that only say who spoke.

A quote's speaker is read from the words around its marks ("..., Mr. Booher said", "She told reporters: ...");
the quote comparison pairs quotes of the same speaker, and the claim check skips a clause that only names who
spoke. Reading speakers is a concept of its own beside finding the marks (:mod:`retold.fidelity.quotes`).
"""

from __future__ import annotations

import re

from retold.fidelity._lexicon import SPEAKING_PRONOUNS, STOP, TITLES, words_of
from retold.fidelity.quote_marks import _PRON, _SPEECH

# a name is whole words: "McDonald said" names no "Donald"
_NAME = r"(?:(?<![\w'’-])[A-Z][\w'’-]*(?:\s+(?:de|van|von|der|al|bin|da|di|du|del|la|le)\b)?(?:\s+[A-Z][\w'’-]*){0,3})"
_AFTER_NAME = re.compile(rf"^\s*[,.!?]?\s*(?P<who>{_PRON}|the\s+\w+|{_NAME})\s+(?:{_SPEECH})\b")
_AFTER_VERB = re.compile(rf"^\s*[,.!?]?\s*(?:{_SPEECH})\s+(?P<who>{_PRON}|{_NAME})")
_BEFORE = re.compile(rf"(?P<who>{_PRON}|{_NAME})\s+(?:{_SPEECH})(?:\s+[\w\s'’-]{{0,40}}?)?\s*[,:]\s*$")
_SUBJECT = re.compile(rf"(?:^|[,;]\s+)(?P<who>{_NAME})\s+[a-zäöü]")
# German adverbs that open a sentence, capitalised there ("Danach kam eine Frau und fragte: ..." names no one);
# those already in STOP ("dann", "doch") are not repeated
_DE_ADVERBS = frozenset(
    words_of(
        """danach daraufhin später zuvor vorher anschließend außerdem zudem trotzdem dennoch jedoch allerdings
        damals heute gestern morgen bereits schließlich daher deswegen somit inzwischen mittlerweile plötzlich
        zunächst erst kürzlich neulich einst"""
    )
)
# A clause that only says who spoke: '" Mr. Booher told a reporter.', '" Trump tweeted Wednesday.', 'said the
# mayor': a name, title or pronoun and a speech verb, then at most where, when or to whom ("in a statement",
# "on Monday", "reporters"; after "told" a name too: "told CNN"), never what was said ("said taxes would rise").
_TITLE = r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Prof)\.?\s+)?"
_WHO = rf"(?:{_PRON}|[Tt]he\s+\w+|{_TITLE}{_NAME})"
_SAYS = rf"(?:{_SPEECH}|tweeted|posted)"
_WHERE = (
    r"(?:in|on|at|to|of|during|via|from|through|over|reporters|a\s+reporter|journalists|yesterday|today|tonight|"
    r"earlier|later|again|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
_TAG = re.compile(
    rf"[\s\"'“”‘’„«»,.!?]*(?:{_WHO}\s+{_SAYS}|{_SAYS}\s+{_WHO}|{_WHO}\s+(?P<told>told|tells))\b"
    rf"(?P<rest>(?:\s+{_WHERE}|(?(told)\s+[A-Z]|(?!)))[^.!?;:]*)?[.!?]?[\s\"'“”‘’„«»]*"
)
TAG_REST_WORDS = 4  # "a reporter on Monday", "in a statement", "on Twitter"


def speech_tag(clause: str) -> bool:
    """Whether a clause only says who spoke (see ``_TAG``)."""
    m = _TAG.fullmatch(clause)
    return m is not None and len((m.group("rest") or "").split()) <= TAG_REST_WORDS


_SPEECH_SUBJ = re.compile(rf"(?P<who>{_NAME})\s+(?:has\s+|had\s+|was\s+|is\s+)?(?:{_SPEECH}|speaking|spoke|conveyed)\b")


def _resolve(text: str, before: int) -> str | None:
    """A pronoun's speaker: the last named subject of a speech verb before the quote."""
    window = text[max(0, before - 1500) : before]
    last = None
    for m in _SPEECH_SUBJ.finditer(window):
        last = m.group("who")
    return last


def _clean(who: str) -> str:
    """The name without possessive or leading titles: "Secretary General Mark Rutte" -> "Mark Rutte"."""
    toks = re.sub(r"['’]s$", "", who.strip()).split()
    title = False  # "General" is a title after another one ("Secretary General"), a name word otherwise
    while len(toks) > 1 and (
        toks[0].lower() in TITLES or toks[0].lower() in STOP or (title and toks[0].lower() == "general")
    ):
        title = toks.pop(0).lower() in TITLES
    return " ".join(toks)


def speaker(text: str, start: int, end: int) -> str | None:
    """Who said the quote at ``start:end`` of ``text`` (None: no one named): a name and a speech verb after its
    closing mark or before it, a named subject before a colon; a pronoun or "the mayor" resolved to the last name
    said to speak before it."""
    close = end
    while close < len(text) and text[close] in "\"'\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019\u2039\u203a":
        close += 1
    after = text[close : close + 80].split("\n", 1)[0]
    sent_start = max(text.rfind("\n", 0, start), max(text.rfind(". ", 0, start), text.rfind("? ", 0, start)))
    before = text[sent_start + 1 : max(sent_start + 1, start - 1)]
    who: str | None = None
    for rx, src in ((_AFTER_NAME, after), (_AFTER_VERB, after), (_BEFORE, before)):
        m = rx.search(src)
        if m:
            who = m.group("who")
            break
    if who is None and before.rstrip().endswith(":"):
        for m in _SUBJECT.finditer(before):
            first = m.group("who").split()[0].lower()
            if not first.endswith("ing") and first not in STOP and first not in _DE_ADVERBS:
                who = m.group("who")
                break
    if who is None:
        return None
    who = _clean(who)
    if who.lower() in SPEAKING_PRONOUNS or who.lower().startswith("the "):
        resolved = _resolve(text, start)
        if resolved:
            who = _clean(resolved)
    return who
