"""Credit flags: a credit of one text that its retelling drops, adds or changes, within matched sentences.

Credits are read by ``attribution`` (``credits``); what counts as the same credit, and what is no flag, lives here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from retold.fidelity._lexicon import LEADING_ARTICLE, PERSON_PRONOUNS, SPEAKING_PRONOUNS, STOP
from retold.fidelity._shared import Doc
from retold.fidelity._stems import stem
from retold.fidelity.attribution import Credit, credits
from retold.fidelity.credit_same import in_parts, same_credit
from retold.fidelity.outlet_names import names_outlet, own_outlet_named
from retold.fidelity.rules import Example, never, rule
from retold.model import Flag, Match, Severity, Span
from retold.text.alternation import alternatives
from retold.text.speech import SPEECH, SPEECH_ALTERNATION


@rule(
    "attribution.named_elsewhere",
    purpose="A credit whose source the other text names anywhere (moved or reworded) is neither dropped nor added. "
    'A name joined by a hyphen in one text and apart in the other ("Post-Gazette", "Post Gazette") is one name.',
    examples=[
        Example(
            "The port will close, Reuters reported. Ships wait.",
            "The port will close. Ships wait, Reuters said.",
            (),
            matched=(((0,), (0,)), ((1,), (1,))),
        ),
        Example(
            "The port will close, Reuters reported. Ships wait.",
            "The port will close. Ships wait.",
            ("attribution_dropped/warning: Reuters reported -> -",),
            matched=(((0,), (0,)), ((1,), (1,))),
        ),
        Example(
            "The port will close, the Pittsburgh Post-Gazette reported.",
            "The port will close, the Pittsburgh Post Gazette reported.",
            (),
        ),
    ],
    off=never,
)
def _mentions(doc: Doc, c: Credit) -> bool:
    """Whether a text names the credited source at all (a credit moved or reworded is still a credit)."""
    ws = _parts(c.key.split())
    have = doc.stems | _parts(s for s in doc.stems if "-" in s)
    return bool(ws) and all(w in have or in_parts(w, have) for w in ws)


def _parts(stems: Iterable[str]) -> set[str]:
    """Stems with a hyphen as the stems of their parts ("post-gazette" as "post", "gazett")."""
    return {stem(p) if "-" in s else s for s in stems for p in s.split("-") if p}


@rule(
    "attribution.outlet_other_name",
    purpose='A credit to an outlet by another of its names ("AP" for "the Associated Press", "AFP" for "Agence '
    'France-Presse", "dpa" for "Deutsche Presse-Agentur", "Reuters" for "Thomson Reuters") is the same credit, as '
    "the direction and the report's credit check read it (fidelity.outlet_names): neither changed nor dropped.",
    examples=[
        Example("The port will close, the Associated Press reported.", "The port will close, AP reported.", ()),
        Example(
            "The port will close, Deutsche Presse-Agentur reported.",
            "The port will close. The dpa has more.",
            (),
        ),
        Example(
            "The port will close, Reuters reported.",
            "The port will close, the Associated Press reported.",
            ("attribution_changed/high: Reuters reported -> the Associated Press reported",),
        ),
        Example(  # capitalised words with the initials' letters are no outlet's name unless of an outlet's shape
            "LONDON (AP) - Although Prempro pills were used, the study found no risk.",
            "Although Prempro pills were used, the study found no risk.",
            ("attribution_dropped/warning: LONDON (AP) -  -> -",),
        ),
    ],
    off=never,
)
def _other_name(doc: Doc, c: Credit) -> bool:
    """Whether a text names a credited outlet by any of its names (``outlet_names.names_outlet``)."""
    return c.kind in ("outlet", "dateline") and names_outlet(doc.article.text, [LEADING_ARTICLE.sub("", c.name)])


def _same(x: Credit, y: Credit) -> bool:
    return same_credit(x.key, y.key)


_SPEAKER = re.compile(r"([\w'’-]+)\s*$")


@rule(
    "attribution.channel_only",
    purpose='A credit to a statement ("Reinholt said in a statement") whose retelling still says the same speaker '
    'said it ("Reinholt said") lost only the channel, not the credit: no flag. Without the speaker, or with '
    "another one, it is dropped.",
    examples=[
        Example("The port will close, Reinholt said in a statement.", "The port will close, Reinholt said.", ()),
        Example("The port will close, it said in a statement.", "The port will close, it said.", ()),
        Example("The port will close, Reinholt said in a statement.", "The port will close, Reinholt explained.", ()),
        Example(
            "The port will close, Reinholt said in a statement.",
            "The port will close, the mayor said.",
            ("attribution_dropped/info: said in a statement -> -",),
        ),
        Example(
            "The port will close, Reinholt said in a statement.",
            "The port will close.",
            ("attribution_dropped/info: said in a statement -> -",),
        ),
    ],
    off=never,
)
def _channel_only(da: Doc, x: Credit, db: Doc, idx: Sequence[int]) -> bool:
    return x.kind == "statement" and _speaker_says(da, x, db, idx)


def _speaker_says(da: Doc, x: Credit, db: Doc, idx: Sequence[int]) -> bool:
    """Whether the speaker just before credit ``x`` ("Reinholt" of "Reinholt said in a statement") is a pronoun or
    a word of ``db``'s sentences ``idx``, and those sentences have someone say something."""
    retold = " ".join(db.article.sentences[i].text for i in idx)
    if not SPEECH.search(retold):
        return False
    before = _SPEAKER.search(da.article.text[max(0, x.start - 60) : x.start])
    if before is None:
        return False
    speaker = before.group(1)
    return speaker.lower() in SPEAKING_PRONOUNS or re.search(rf"\b{re.escape(speaker)}\b", retold) is not None


_SPEAKER_PHRASE = re.compile(r"([^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){0,3})\s*$")


@rule(
    "attribution.audience_only",
    purpose="A speaker who 'told' an outlet ('prosecutor Wolfgang Schweer told The Associated Press') is the credit; "
    "the outlet is who heard it. A retelling whose matched sentences have a word of that speaker say it ('A "
    "prosecutor said') lost only the audience, as attribution.speaker_credited reads one added: no flag. Without "
    "the speaker, or with another one, the credit is dropped.",
    examples=[
        Example(
            "The case goes to trial, prosecutor Wolfgang Schweer told The Associated Press.",
            "The case goes to trial, a prosecutor said.",
        ),
        Example(
            "The case goes to trial, prosecutor Wolfgang Schweer told The Associated Press.",
            "The case goes to trial, the mayor said.",
            ("attribution_dropped/warning: told The Associated Press -> -",),
        ),
        Example(
            "The case goes to trial, prosecutor Wolfgang Schweer told The Associated Press.",
            "The case goes to trial.",
            ("attribution_dropped/warning: told The Associated Press -> -",),
        ),
    ],
    off=never,
)
def _audience_only(da: Doc, x: Credit, db: Doc, idx: Sequence[int]) -> bool:
    """Whether dropped credit ``x`` is an outlet a speaker told and ``db``'s sentences ``idx`` have a word of that
    speaker (the words just before "told", back to a mark) say something."""
    if x.kind != "outlet" or not x.text.lower().startswith("told"):
        return False
    retold = " ".join(db.article.sentences[i].text for i in idx)
    before = _SPEAKER_PHRASE.search(da.article.text[max(0, x.start - 60) : x.start])
    if before is None or not SPEECH.search(retold):
        return False
    words = [w for w in before.group(1).split() if w.lower() in SPEAKING_PRONOUNS or w.lower() not in STOP]
    verb = SPEECH.pattern

    def says(w: str) -> bool:  # the word within two words of a speech verb: "a prosecutor said", "said Schweer"
        word = re.escape(w)
        near = rf"\b{word}\b(?:\W+\w+){{0,2}}\W+{verb}|{verb}(?:\W+\w+){{0,2}}\W+{word}\b"
        return re.search(near, retold, re.IGNORECASE) is not None

    return any(w.lower() in SPEAKING_PRONOUNS or says(w) for w in words)


def _pronoun_says(pronouns: Iterable[str]) -> re.Pattern[str]:
    """A pronoun of ``pronouns`` next to a speech verb, either way round ("he said", "sagte er")."""
    p, v = alternatives(pronouns), SPEECH_ALTERNATION
    return re.compile(rf"\b(?:{p})\s+(?:{v})\b|\b(?:{v})\s+(?:{p})\b", re.IGNORECASE)


_PRONOUN_SAYS = _pronoun_says(SPEAKING_PRONOUNS)


@rule(
    "attribution.pronoun_for_source",
    purpose="A credit to a source by its name ('according to Weinshall', 'according to the Palo Alto company') "
    "whose retelling has a pronoun say it ('she added', 'it said') is kept, the pronoun standing for the name, as "
    "attribution.speaker_credited reads the name added for a pronoun. An outlet's credit is not a speaker's and "
    "stays dropped, and so does a credit whose retelling has no one say it.",
    examples=[
        Example("The port will close, according to Weinshall.", "The port will close, she added."),
        Example(
            "The port will close, according to Weinshall.",
            "The port will close.",
            ("attribution_dropped/info: according to Weinshall -> -",),
        ),
        Example(
            "The port will close, according to Reuters.",
            "The port will close, she added.",
            ("attribution_dropped/warning: according to Reuters -> -",),
        ),
        Example(  # a pronoun the source has say something too stands for no one new
            "He said police questioned the suspect cited by Bitdefender.",
            "He said police questioned Ciobanu.",
            ("attribution_dropped/info: cited by Bitdefender -> -",),
        ),
        Example(  # another credit in its place is a change, whoever says it
            "The port will close, according to Weinshall.",
            "The port will close, according to Smith, she added.",
            ("attribution_changed/high: according to Weinshall -> according to Smith",),
        ),
    ],
    off=never,
)
def _pronoun_for_source(da: Doc, x: Credit, ia: Sequence[int], db: Doc, ib: Sequence[int]) -> bool:
    """Whether dropped credit ``x`` names a source (no outlet) and ``db``'s sentences ``ib`` have a pronoun say
    something more often than ``da``'s sentences ``ia`` do (a pronoun both have is no stand-in for the name)."""
    if x.kind != "source" or not LEADING_ARTICLE.sub("", x.name)[:1].isupper():
        return False

    def says(doc: Doc, idx: Sequence[int]) -> int:
        return len(_PRONOUN_SAYS.findall(" ".join(doc.article.sentences[i].text for i in idx)))

    return says(db, ib) > says(da, ia)


_PERSON_SAYS = _pronoun_says(PERSON_PRONOUNS)


@rule(
    "attribution.speaker_credited",
    purpose="A credit the retelling adds to a speaker its source's matched sentences already have say it is no new "
    "credit: the medium or audience named after that speaker ('said Maria T. Quell' -> 'Maria Quell said in a "
    "statement', 'Pompeo said' -> 'Pompeo told Fox Business Network'), or the speaker named where the source has "
    "a pronoun ('She said' -> 'Mrs Harrow writes'). A speaker the source does not have say it ('He added' -> "
    "'Delacroix said in a statement') or an outlet's own credit is still added.",
    examples=[
        Example(
            '"Orders were slow," said Maria T. Quell, chief executive.',
            '"Orders were slow," Chief Executive Maria Quell said in a statement.',
            (),
        ),
        Example(
            "In a television interview Wednesday, Pompeo said military action was possible.",
            '"Military action is possible," Mike Pompeo told Fox Business Network.',
            (),
        ),
        Example(
            "She said his voice shook when she gave him the news.",
            "Mrs Harrow writes her husband's voice shook when she gave him the news.",
            (),
        ),
        Example(
            'He added, "I have no plans at all to step down."',
            '"I have no plans at all to step down," Delacroix said in a statement.',
            ("attribution_added/info: - -> said in a statement",),
        ),
        Example(
            "Pompeo said military action was possible.",
            "Military action was possible, Reuters reported.",
            ("attribution_added/warning: - -> Reuters reported",),
        ),
    ],
    off=never,
)
def _speaker_credited(da: Doc, idx: Sequence[int], db: Doc, y: Credit) -> bool:
    """Whether added credit ``y`` of ``db`` names what ``da``'s sentences ``idx`` credit already (see the rule)."""
    if y.kind == "statement" or (y.kind == "outlet" and y.text.lower().startswith("told")):
        return _speaker_says(db, y, da, idx)
    said = " ".join(da.article.sentences[i].text for i in idx)
    return y.kind == "source" and y.name_span.start == y.start and _PERSON_SAYS.search(said) is not None


@rule(
    "attribution.own_outlet",
    purpose="A credit the retelling adds to its own outlet (its source or web address) is its byline or its own "
    "reporting, no credit given to a source: Reuters' dateline 'CARACAS (Reuters) -' in a Reuters story, 'The "
    "Hill reported' in The Hill's. A credit to another outlet is still added, and a credit "
    "the source has to its own outlet, dropped by the retelling, is still dropped.",
    examples=[
        Example(
            "Crowds marched through the capital on Wednesday.",
            "CARACAS (Reuters) - Crowds marched through the capital on Wednesday.",
            outlets=("Newsmax", "Reuters"),
        ),
        Example(
            "The president backs both immigration bills.",
            "The president backs both immigration bills, The Hill reported on Friday.",
            outlets=("Politico", "The Hill"),
        ),
        Example(
            "Crowds marched through the capital on Wednesday.",
            "Crowds marched through the capital on Wednesday, Reuters reported.",
            ("attribution_added/warning: - -> Reuters reported",),
            outlets=("Reuters", "Newsmax"),
        ),
    ],
    off=never,
)
def _own_outlet(doc: Doc, c: Credit) -> bool:
    """Whether credit ``c`` of ``doc`` names the outlet ``doc``'s article comes from."""
    return own_outlet_named(doc.article, c.name)


def compare(da: Doc, db: Doc, matches: Sequence[Match]) -> list[Flag]:
    """attribution_dropped / attribution_added / attribution_changed within matched sentences."""
    flags: list[Flag] = []
    for m in matches:
        ca, cb = credits(da, m.a), credits(db, m.b)
        if not ca and not cb:
            continue
        # named anywhere in the other text (its matched sentences or elsewhere) is neither dropped nor added
        lost = [x for x in ca if not any(_same(x, y) for y in cb) and not _mentions(db, x) and not _other_name(db, x)]
        new = [y for y in cb if not any(_same(x, y) for x in ca) and not _mentions(da, y) and not _other_name(da, y)]
        lost = [x for x in lost if not _channel_only(da, x, db, m.b)]
        for x in list(lost):
            y = next((y for y in new if (y.kind == "statement") == (x.kind == "statement")), None)
            if y is None:
                continue
            lost.remove(x)
            new.remove(y)
            flags.append(
                Flag(
                    "attribution_changed",
                    Span(x.start, x.end),
                    Span(y.start, y.end),
                    x.text,
                    y.text,
                    "high",
                    f"credit to {x.name} became credit to {y.name}",
                )
            )
        # a speaker's or source's credit the retelling's speaker still gives, unless another credit took its place
        lost = [x for x in lost if not _audience_only(da, x, db, m.b) and not _pronoun_for_source(da, x, m.a, db, m.b)]
        for x in lost:
            sev: Severity = "warning" if x.kind in ("outlet", "dateline") else "info"
            what = "wire credit" if x.kind == "dateline" else "credit"
            flags.append(
                Flag(
                    "attribution_dropped", Span(x.start, x.end), None, x.text, None, sev, f"{what} to {x.name} left out"
                )
            )
        for y in (y for y in new if not _speaker_credited(da, m.a, db, y) and not _own_outlet(db, y)):
            sev = "warning" if y.kind in ("outlet", "dateline") else "info"
            flags.append(
                Flag(
                    "attribution_added",
                    None,
                    Span(y.start, y.end),
                    None,
                    y.text,
                    sev,
                    f"credit to {y.name} not in the other text",
                )
            )
    return flags
