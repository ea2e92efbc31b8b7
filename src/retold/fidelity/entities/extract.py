"""Names of a sentence: the segments that pass the checks for sentence starts, German nouns, codes and emphasis."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from retold.fidelity._hanta import german_class, is_name_word
from retold.fidelity._lexicon import PLACES, STOP, TITLES
from retold.fidelity._shared import Doc, SentView, Token
from retold.fidelity._stems import fold
from retold.fidelity.entities.filters import (
    _amount_or_code,
    _before_place_genitive,
    _before_time_noun,
    _capitalised_first_word,
    _company_form,
    _cut_at_dot,
    _fiscal_period,
    _generic_acronym,
    _german_common_noun,
    _german_noun_pair,
    _part_of_an_amount,
    _party_and_state,
    _shouted_run,
    _shouting,
    _unproven_start,
)
from retold.fidelity.entities.lexicon import (
    _CONNECT,
    _DE_DETERMINERS,
    _DE_NAME_HEADS,
    _LAST_HEADS,
    _NAME_MARGIN,
    _NATIONAL,
    _NOT_NAMES,
    _ORG_HEADS,
    _ORG_SUFFIXES,
)
from retold.fidelity.entities.tokens import (
    Entity,
    _initials_of,
    _is_cap,
    _runs,
    _segments,
    _strip_possessive,
    is_acronym,
    ticker_symbol,
)
from retold.fidelity.numbers import WEEKDAYS, WORD_VALUES
from retold.fidelity.rules import Example, never, rule


@rule(
    "entities.german_lead",
    lang="de",
    purpose='A German noun that says who someone is, before the name ("Starspieler Eden Hazard", "Torwart Liam '
    'Kelly"), is no part of it: another such noun is no changed name.',
    examples=[
        Example(
            "Am Sonntag traf Starspieler Eden Hazard zweimal.",
            "Am Sonntag traf Spitzenspieler Eden Hazard zweimal.",
            (),
            "de",
        ),
        Example(
            "Am Sonntag traf Starspieler Eden Hazard zweimal.",
            "Am Sonntag traf Starspieler Mason Mount zweimal.",
            ("entity_changed/warning: Eden Hazard -> Mason Mount",),
            "de",
        ),
    ],
    off=lambda toks, seg, known=None: seg,
)
def _german_lead(toks: Sequence[Token], seg: list[int], known: frozenset[str] | None = None) -> list[int]:
    """A German noun that says who someone is often stands before the name ("Starspieler Eden Hazard",
    "Top-Diplomat Ri Yong Ho", "Torwart Liam Kelly", "das Duo Tommy Fleetwood"); it is no part of the name,
    and a rewrite that puts another such noun ("Spitzendiplomat") has not changed it. With ``known`` (the
    article's name words), a first word the article never shows as a name goes; then a noun with no name
    reading at all goes, but only before two or more words of which one reads as a name; an adjective or an
    institution's head word ("Vereinte Nationen", "Universität Hamburg") stays."""
    if known is not None and len(seg) >= 3:
        first = toks[seg[0]].text
        if not (fold(first) in known or fold(first) in PLACES or is_acronym(first)):
            seg = seg[1:]
    if len(seg) < 3:
        return seg
    w = _strip_possessive(toks[seg[0]].text)[0]
    low = fold(w)
    if is_acronym(w) or low in PLACES or low in _NATIONAL or low in _DE_NAME_HEADS:
        return seg
    tag, behind = german_class(w)
    if tag != "NN" or behind != float("-inf") or german_class(w.lower())[0].startswith("ADJ"):
        return seg
    if any(is_name_word(_strip_possessive(toks[k].text)[0], _NAME_MARGIN) for k in seg[1:]):
        return seg[1:]
    return seg


@rule(
    "entities.german_common_noun_beside_name",
    lang="de",
    purpose='A German word the tagger reads only as a common noun, with no name reading at all ("Seiten" of "auf '
    'Seiten Nordkoreas", "L\u00e4den" of "Sainsbury\'s L\u00e4den"), is not shown to be a name by standing beside '
    'one (an institution\'s head word, "Flughafen Franz Josef Strauß", excepted): read so, the same noun elsewhere '
    'in the article ("von Seiten der USA") was a name added.',
    examples=[
        Example(
            "\u201eWir sehen keine Reaktion von den USA\u201c, sagte er. Die USA verlangten, dass Nordkorea abrüstet.",
            "\u201eWir sehen keine Reaktion von Seiten der USA\u201c, sagte er. Die USA verlangten eine Abrüstung "
            "auf Seiten Nordkoreas.",
            (),
            lang="de",
            matched=(((0,), (0,)), ((1,), (1,))),
        ),
        Example(  # a name beside such a noun is still one
            "\u201eWir sehen keine Reaktion von den USA\u201c, sagte er. Die USA verlangten, dass Nordkorea abrüstet.",
            "\u201eWir sehen keine Reaktion von Merkel\u201c, sagte er. Die USA verlangten eine Abrüstung auf Seiten "
            "Nordkoreas und Kanzlerin Angela Merkel stimmte zu.",
            ("entity_added/warning: - -> Merkel", "entity_added/warning: - -> Angela Merkel"),
            lang="de",
            matched=(((0,), (0,)), ((1,), (1,))),
        ),
    ],
    off=never,
)
def _common_noun_beside(word: str) -> bool:
    """Whether a German word has no name reading at all to the tagger (a common noun) and heads no institution's
    name ("Flughafen Franz Josef Strauß")."""
    tag, behind = german_class(word)
    return tag == "NN" and behind == float("-inf") and fold(word) not in _DE_NAME_HEADS


def _known(doc: Doc) -> frozenset[str]:
    """Words the article itself shows to be names: capitalised mid-sentence (English), in multi-word names (German)."""
    key = "entities:known"
    if key not in doc.cache:
        known: set[str] = set()
        for sv in doc.sents:
            initial = _initials_of(doc, sv)
            for run in _runs(sv, doc.lang):
                for seg in _segments(sv, run, doc.lang):
                    if doc.lang == "de" and seg[0] > 0:
                        prev = sv.tokens[seg[0] - 1].text.lower()
                        if prev in _DE_DETERMINERS or prev[:1].isdigit():
                            seg = seg[1:]  # "der Stürmer Eden Hazard": the noun after the article is no name
                    if doc.lang == "de":
                        seg = _german_lead(sv.tokens, seg)
                    words = [_strip_possessive(sv.tokens[k].text)[0] for k in seg]
                    if doc.lang == "de":
                        if len(seg) >= 2 and not initial[seg[0]]:
                            # not the noun after a genitive ("Gary Holts Team"): that one is no name
                            known.update(
                                fold(w)
                                for n, w in enumerate(words)
                                if (n == 0 or not words[n - 1].endswith("s")) and not _common_noun_beside(w)
                            )
                    elif not sv.is_title and not initial[seg[0]]:
                        known.update(fold(w) for w in words)
        doc.cache[key] = frozenset(known)
    result: frozenset[str] = doc.cache[key]
    return result


def _keys(words: Iterable[str]) -> tuple[str, ...]:
    """The words that identify a name: no particles, titles, initials or company-form suffixes."""
    ws = [fold(w) for w in words]
    out = tuple(
        w
        for k, w in enumerate(ws)
        if w not in _CONNECT
        and (w not in TITLES or _heads_org(ws, k))
        and len(w) > 1
        and w.rstrip(".") not in _ORG_SUFFIXES
    )
    return out or tuple(w for w in ws if len(w) > 1)


def _heads_org(words: Sequence[str], k: int) -> bool:
    """Whether the (folded) word after position k names an institution: "Justice" of "Justice Department"
    is part of the name, not a title."""
    return k + 1 < len(words) and words[k + 1] in _ORG_HEADS


def _unknown(low: str, known: frozenset[str]) -> bool:
    """Neither a word the article shows to be a name nor a place (``low not in known | PLACES``)."""
    return low not in known and low not in PLACES


def _sentence_entities(doc: Doc, sv: SentView) -> list[Entity]:
    toks = sv.tokens
    if not toks:
        return []
    known = _known(doc)
    german = doc.lang == "de"
    initial = _initials_of(doc, sv)
    alpha = [t for t in toks if t.text[0].isalpha()]
    title_case = sv.is_title and alpha and sum(1 for t in alpha if t.text[0].isupper()) / len(alpha) >= 0.6
    out: list[Entity] = []
    for run in _runs(sv, doc.lang):
        for seg in _segments(sv, run, doc.lang):
            if german:
                prev = toks[seg[0] - 1].text.lower() if seg[0] > 0 else ""
                if (prev in _DE_DETERMINERS or prev[:1].isdigit()) and _unknown(fold(toks[seg[0]].text), known):
                    seg = seg[1:]  # "die Gruppe Sorgen", "10 Zoll Regen": a common noun leads
                    if not seg:
                        continue
            if german:
                seg = _before_time_noun(toks, _before_place_genitive(toks, _german_lead(toks, seg, known)))
            words = [ticker_symbol(_strip_possessive(toks[k].text)[0]) for k in seg]
            if _shouted_run(words):
                continue  # "DASS DU DER MEUTE": capitals for emphasis, not names
            if _cut_at_dot(doc, sv, toks[seg[0]]):
                continue  # a ticker or code cut at its dot: ".SPX", "WCOEQ.PK"
            if len(seg) == 1 and _company_form(words[0]):
                continue  # the "Corp." of "McDonald's Corp.": a company form, not a name
            if len(seg) >= 2 and "-" in words[-1] and not all(_is_cap(p) for p in words[-1].split("-") if p):
                words[-1] = words[-1].split("-")[0]  # "Golden Globe Award-winners" -> "Golden Globe Award"
            poss = _strip_possessive(toks[seg[-1]].text)[1] and (not german or toks[seg[-1]].text.endswith("s"))
            s_norm = toks[seg[0]].start
            e_norm = toks[seg[-1]].start + len(words[-1])
            if len(seg) == 1:
                w = words[0]
                low = fold(w)
                acr = is_acronym(w)
                if _amount_or_code(w, sv, s_norm):
                    continue  # "US3.95", "$US51" (prices), "1990s"; "G7" stays
                if _fiscal_period(w):
                    continue  # a quarter, a half or a fiscal year: "Q3", "H1", "FY2003"
                if _party_and_state(w):
                    continue  # "D-N" of "D-N.Y.", "D-Ore": a party and a state
                if acr and len(w) >= 5 and _shouting(toks, seg[0]):
                    continue  # "DANKE DAFÜR": capitals for emphasis
                if "-" in w and not acr:
                    parts = w.split("-")
                    if any(c.isdigit() for c in parts[0]):
                        continue  # "R300-million": an amount
                    if is_acronym(parts[0]):
                        w, acr = parts[0], True
                        e_norm = s_norm + len(w)
                    elif german or not all(p[:1].isupper() for p in parts):
                        # "Kremlin-backed", "Tampa-area": the capitalised part is the name
                        if (
                            not german
                            and parts[0][:1].isupper()
                            and (not _unknown(fold(parts[0]), known) or not initial[seg[0]])
                        ):
                            w = parts[0]
                            e_norm = s_norm + len(w)
                        else:
                            continue
                    low = fold(w)
                if acr:
                    if _capitalised_first_word(low, initial[seg[0]]):
                        continue  # "AN inquest": a first word set in capitals
                    if _generic_acronym(low, sv, e_norm):
                        continue  # "CEO", "CPUs", the "US" of "US$"
                elif (
                    low in _NOT_NAMES
                    or low[:-1] in WEEKDAYS  # "Thursdays announcement"
                    or low in STOP
                    or len(w) < 2
                    or (title_case and low not in known and low not in PLACES)
                    or (initial[seg[0]] and _unproven_start(w, low, known, sv, run, seg))
                    or (german and _german_common_noun(w, low, known, poss, sv, run, seg))
                ):
                    continue
                words = [w]
            else:
                if title_case and not all(not _unknown(fold(w), known) or is_acronym(w) for w in words):
                    seg_words = [(k, w) for k, w in zip(seg, words, strict=True) if fold(w) in known or is_acronym(w)]
                    if not seg_words:
                        continue
                    # keep the known part only
                    seg = [seg_words[0][0]]
                    words = [seg_words[0][1]]
                    e_norm = toks[seg[0]].start + len(words[0])
                elif (
                    initial[seg[0]]
                    and german
                    and _unknown(fold(words[0]), known)
                    and (fold(words[0]) in WORD_VALUES or words[0].lower().endswith(("e", "en", "es", "em")))
                ):
                    # "Walisische Abgeordnete befürchten": an adjective capitalised by the sentence start
                    seg, words = seg[1:], words[1:]
                    while seg and words[0].lower() in _CONNECT:
                        seg, words = seg[1:], words[1:]
                    if not seg:
                        continue
                    s_norm = toks[seg[0]].start
                    if len(seg) == 1 and _unknown(fold(words[0]), known) and not is_acronym(words[0]):
                        continue
            if german and len(words) >= 2 and _german_noun_pair(words):
                continue  # "Mengen Lebensmittel", "Löchern Niederlagen": nouns side by side, no name among them
            if e_norm < len(sv.norm) and sv.norm[e_norm] == "." and re.fullmatch(r"(?:[A-Z]\.)+[A-Z]", words[-1]):
                e_norm += 1  # "U.S." keeps its last full stop
            sp = sv.span(s_norm, e_norm)
            keys = _keys(words)
            if not keys or _part_of_an_amount(doc, sv, sp):
                continue  # "$US1.06", "500 Australian dollars": a currency, which the number check compares
            out.append(
                Entity(
                    sp.start,
                    sp.end,
                    doc.article.text[sp.start : sp.end],
                    keys,
                    len(words) == 1 and is_acronym(words[0]),
                    sv.i,
                )
            )
    return _and_joined(doc, out)


_AND_ONLY = re.compile(r"^\s+(?:and|&)\s+$")


@rule(
    "entities.and_joined",
    purpose='One word, "and", then a name an institution word ends are one name ("Securities and Exchange '
    'Commission", "Food and Drug Administration"), not a word and a fragment.',
    examples=[
        Example(
            "The Food and Drug Administration approved it.",
            "Regulators approved it.",
            ("entity_dropped/info: Food and Drug Administration -> -",),
        ),
        Example("The Food and Drug Administration approved it.", "The FDA approved it.", ()),
    ],
    off=lambda doc, es: es,
)
def _and_joined(doc: Doc, es: list[Entity]) -> list[Entity]:
    """One word, "and", then a name an institution word ends: one name ("Securities and Exchange Commission",
    "Food and Drug Administration"), not a word and a fragment."""
    t = doc.article.text
    out: list[Entity] = []
    for e in es:
        prev = out[-1] if out else None
        if (
            prev is not None
            and len(prev.keys) == 1
            and not prev.acronym
            and prev.keys[0] not in PLACES
            and prev.keys[0] not in _NATIONAL
            and len(e.keys) >= 2
            and e.keys[-1] in _LAST_HEADS
            and _AND_ONLY.match(t[prev.end : e.start])
        ):
            out[-1] = Entity(prev.start, e.end, t[prev.start : e.end], prev.keys + e.keys, False, e.sentence)
        else:
            out.append(e)
    return out


def entities(doc: Doc, idx: Sequence[int] | None = None) -> list[Entity]:
    """Names in some sentences of a document (all when ``idx`` is None), cached per sentence."""
    return doc.per_sentence("entities", _sentence_entities, idx)
