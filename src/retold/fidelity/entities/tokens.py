"""Capitalised runs of a sentence and their split into name segments: where a name may start and stop."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from retold.fidelity._hanta import english_name_only
from retold.fidelity._lexicon import GENERIC_ACRONYMS, PORTFOLIO_TITLES, STOP, TITLES
from retold.fidelity._shared import Doc, SentView, Token
from retold.fidelity._stems import fold
from retold.fidelity.entities.lexicon import (
    _ABBREV,
    _CONNECT,
    _CONNECT_DE,
    _CONNECT_EN,
    _DE_NOUN_SUFFIXES,
    _DE_ONLY_TITLES,
    _NATIONAL,
    _NOT_IN_NAMES,
    _ORG_HEADS,
    DESCRIPTORS,
    EXCHANGE_CODES,
)
from retold.fidelity.numbers import MONTHS, WORDS_EN
from retold.fidelity.rules import Example, never, rule

_CAMEL = re.compile(r"^[a-z]+[A-Z]")


_CAMEL_INSIDE = re.compile(r"^[A-Za-z][a-z]+[A-Z]")


_ACRONYM = re.compile(r"^(?:[A-Z]\.)+[A-Z]\.?$|^(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Z0-9&]*[A-Z0-9]s?$")


_INITIAL_GAP = re.compile(r"[:;.!?(\[]")


_CODE = r"\.([A-Z]{1,2})"  # an exchange code after a ticker's dot: "SUNW.O"
_TICKER = re.compile(rf"^([A-Z][A-Z0-9&]{{1,5}}){_CODE}$")
_CODE_AFTER = re.compile(rf"^{_CODE}\b")


@dataclass(frozen=True)
class Entity:
    """A name mention: original span, the words as written, and its comparison keys."""

    start: int
    end: int
    text: str
    keys: tuple[str, ...]
    acronym: bool
    sentence: int


def is_acronym(tok: str) -> bool:
    """SHAPE, NSATU, U.S., G7, AMs: two or more capitals and no lower-case letter but a plural s."""
    return bool(_ACRONYM.match(tok))


def _strip_possessive(tok: str) -> tuple[str, bool]:
    if "'" not in tok:
        return tok, False
    if tok.endswith(("'s", "'S")):
        return tok[:-2], True
    if tok.endswith("'") and len(tok) > 2:
        return tok[:-1], True
    return tok, False


@rule(
    "entities.ticker_symbol",
    purpose='A ticker with its exchange code (a Reuters instrument code: "AA.N", "JCP.N", "SUNW.O", "VOD.L") is read '
    'as its symbol, so the name check meets "(JCP)" or "Alcoa (AA)" in the other text; a symbol changed beside one '
    "is a change.",
    examples=[
        Example("Alcoa Inc. AA.N fell.", "Alcoa (PEP) fell.", ("entity_changed/warning: AA -> PEP",)),
        Example("Shares of J.C. Penney (JCP.N) fell.", "Shares of J.C. Penney (JCP) fell."),
        Example("Alcoa Inc. AA.N fell and Sun Microsystems SUNW.O rose.", "Alcoa (AA) fell and Sun (SUNW) rose."),
    ],
    off=lambda tok: tok,
)
def ticker_symbol(tok: str) -> str:
    m = _TICKER.match(tok)
    return m.group(1) if m and m.group(2) in EXCHANGE_CODES else tok


def exchange_code_after(text: str) -> bool:
    """Whether ``text`` (what follows a name) opens with a ticker's exchange code: ".O" after "SUNW"."""
    m = _CODE_AFTER.match(text)
    return m is not None and m.group(1) in EXCHANGE_CODES


def _is_cap(tok: str) -> bool:
    """Capitalised, or camel-cased like "iPhone"."""
    return tok[0].isupper() or (not tok.islower() and bool(_CAMEL.match(tok)))


def _initials_of(doc: Doc, sv: SentView) -> list[bool]:
    key = f"entities:initial:{sv.i}"
    if key not in doc.cache:
        doc.cache[key] = _initial_flags(sv, doc.sents[sv.i - 1] if sv.i > 0 else None)
    result: list[bool] = doc.cache[key]
    return result


def _abbrev(tok: str) -> bool:
    """A word a full stop follows without ending the sentence: titles, "St", middle initials."""
    return tok.lower() in _ABBREV or (len(tok) == 1 and tok.isupper())


_ENDS_ABBREV = re.compile(r"(?:^|\s)(\w+)\.$")


def _initial_flags(sv: SentView, prev: SentView | None = None) -> list[bool]:
    """Which tokens start a sentence or a quotation, where capitals say nothing about names."""
    toks = sv.tokens
    out = []
    for k, t in enumerate(toks):
        if k == 0:
            # a sentence the splitter cut after "Ms." or an initial does not really start here
            m = _ENDS_ABBREV.search(prev.norm) if prev is not None and t.start == 0 else None
            out.append(not (m and _abbrev(m.group(1))))
            continue
        gap = sv.norm[toks[k - 1].end : t.start]
        g = gap.strip()
        if not g:
            out.append(False)
        elif g == "." and _abbrev(toks[k - 1].text):
            out.append(False)  # "Ms. Novikova", "Donald H. Rumsfeld"
        elif g[-1] in "\"'" and not gap.endswith((" ", "\n")):
            out.append(True)  # an opening quote mark
        else:
            out.append(bool(_INITIAL_GAP.search(g.rstrip("\"'"))))
    return out


_RUNS_CACHE: dict[tuple[str, str], list[list[int]]] = {}
# sentences whose name runs and their segments are kept (emptied past these): a scan's verifying worker keeps fewer
# (``keep_runs``)
RUNS_KEPT = 4096
SEGMENTS_KEPT = 8192


def keep_runs(runs: int, segments: int) -> None:
    """Keep at most ``runs`` sentences' name runs and ``segments`` runs' segments, not 4,096 and 8,192. A scan's
    verifying worker keeps 1,024 and 2,048 (``jobs.bound_caches``): the 10,000-article scan's worker held 618 and
    3,123, the 100,000 one's filled both (1.6 and 3.8 MiB in half its pairs). Those kept now are let go when more."""
    global RUNS_KEPT, SEGMENTS_KEPT
    RUNS_KEPT, SEGMENTS_KEPT = runs, segments
    for cache, kept in ((_RUNS_CACHE, runs), (_SEG_CACHE, segments)):
        if len(cache) > kept:
            cache.clear()


def _runs(sv: SentView, lang: str = "en") -> list[list[int]]:
    """Consecutive capitalised tokens (name particles may sit inside), broken by punctuation or a possessive."""
    key = (sv.norm, lang)
    hit = _RUNS_CACHE.get(key)
    if hit is None:
        if len(_RUNS_CACHE) > RUNS_KEPT:
            _RUNS_CACHE.clear()
        hit = _RUNS_CACHE[key] = _compute_runs(sv, lang)
    return hit


def _compute_runs(sv: SentView, lang: str) -> list[list[int]]:
    toks = sv.tokens
    connect = _CONNECT_DE if lang == "de" else _CONNECT_EN
    runs: list[list[int]] = []
    cur: list[int] = []
    for k, t in enumerate(toks):
        if not cur and t.text.islower():
            continue  # no name runs on from here and a word in lower case starts none
        word, poss = _strip_possessive(t.text)
        poss = poss and (lang != "de" or t.text.endswith("s"))
        if lang == "de" and not poss and len(word) > 3 and word.endswith("s") and k + 1 < len(toks):
            # a German genitive ends a name: "Gerrards Team", "Nordkoreas Ziel"
            nxt = toks[k + 1].text
            poss = _is_cap(nxt) and sv.norm[t.end : toks[k + 1].start].strip() == "" and not nxt.isupper()
        gap = sv.norm[toks[k - 1].end : t.start] if k else ""
        g = gap.strip()
        # "Standard & Poor's", "Marks & Spencer": one name
        joined = bool(cur) and (g in ("", "&") or (g == "." and _abbrev(toks[k - 1].text)))
        if "-" in word and _is_cap(word) and not all(_is_cap(p) for p in word.split("-") if p):
            if cur and joined and g == "" and lang != "de":
                # "Golden Globe Award-winners", "Fort Carson-based": the capitalised part ends the name
                cur.append(k)
                runs.append(cur)
                cur = []
                continue
            # "NATO-sceptic", "Kremlin-backed": a word of its own, never part of a longer name
            if cur:
                runs.append(cur)
                cur = []
            runs.append([k])
            continue
        if _is_cap(word):
            if cur and not joined:
                runs.append(cur)
                cur = []
            cur.append(k)
            if poss:
                runs.append(cur)
                cur = []
            continue
        if (
            (
                cur
                and joined
                and word.lower() in connect
                and k + 1 < len(toks)
                and _is_cap(toks[k + 1].text)
                and sv.norm[t.end : toks[k + 1].start].strip() == ""
                and (word.lower() != "for" or len(cur) >= 2)
                and not (word.lower() == "of" and lang != "de" and _person_of(toks[cur[-1]].text))
            )
            or (
                cur
                and joined
                and word.lower() == "on"
                and lang != "de"
                and fold(toks[cur[-1]].text) in _ORG_HEADS  # "Council on Foreign Relations"
                and k + 1 < len(toks)
                and _is_cap(toks[k + 1].text)
                and sv.norm[t.end : toks[k + 1].start].strip() == ""
            )
        ):
            cur.append(k)
            continue
        if cur:
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return runs


@rule(
    "entities.person_of",
    lang="en",
    purpose='"<name> of <place or body>" is a person and where they work or live ("Sean Harrigan of Calpers"), '
    'when the word before "of" is only ever a name; "Bank of England" stays one name.',
    examples=[
        Example("Sean Harrigan of Calpers said no.", "Harrigan said no.", ("entity_dropped/info: Calpers -> -",)),
        Example("The Bank of England said no.", "The bank refused.", ("entity_dropped/info: Bank of England -> -",)),
    ],
    off=never,
)
def _person_of(word: str) -> bool:
    """Whether "<word> of ..." is a person and where they work or live ("Sean Harrigan of Calpers", "Daschle
    of South Dakota"), not one name ("Bank of England", "Gulf of Aden", "Joint Chiefs of Staff"): the word
    before "of" is only ever a name."""
    w = _strip_possessive(word)[0]
    return w.isalpha() and not w.isupper() and english_name_only(w)


def _is_title(toks: Sequence[Token], k: int, lang: str = "en") -> bool:
    low = _strip_possessive(toks[k].text)[0].lower()
    if lang != "de" and low in _DE_ONLY_TITLES:
        return False
    # "General" is a title after another ("Secretary General"), a name word otherwise ("General Electric")
    return low in TITLES or (low == "general" and k > 0 and toks[k - 1].text.lower() in TITLES)


_SEG_CACHE: dict[tuple[str, str, tuple[int, ...]], list[list[int]]] = {}


def _segments(sv: SentView, run: list[int], lang: str = "en") -> list[list[int]]:
    """A run split at titles and stripped of function words: "NATO Secretary General Mark Rutte" -> NATO, Mark Rutte."""
    key = (sv.norm, lang, tuple(run))
    hit = _SEG_CACHE.get(key)
    if hit is None:
        if len(_SEG_CACHE) > SEGMENTS_KEPT:
            _SEG_CACHE.clear()
        hit = _SEG_CACHE[key] = _compute_segments(sv, run, lang)
    return [list(seg) for seg in hit]


def _compute_segments(sv: SentView, run: list[int], lang: str) -> list[list[int]]:
    toks = sv.tokens
    out: list[list[int]] = []
    cur: list[int] = []
    for k in run:
        word = _strip_possessive(toks[k].text)[0]
        low = word.lower()
        if is_acronym(word):
            cur.append(k)  # "US", "IT": capitals make it a name, whatever the lower-case word means
            continue
        # a descriptor leads a name ("Hurricane Rosa") but belongs to one it ends ("Kings County Hospital")
        descriptor = low in DESCRIPTORS and not cur and k + 1 < len(toks) and k + 1 in run
        # "Justice" heads "Justice Department": part of the name, not a title
        title = _is_title(toks, k, lang) and not (not cur and k + 1 in run and fold(toks[k + 1].text) in _ORG_HEADS)
        if len(word) == 1 and word.isupper() and cur and sv.norm[toks[k].end : toks[k].end + 1] == ".":
            cur.append(k)  # a middle initial: "Michael A. Cardozo"
            continue
        post = low in PORTFOLIO_TITLES or (bool(cur) and fold(toks[cur[-1]].text) in ("majority", "minority"))
        if title and post and cur:
            # "Health Minister", "Chief Warrant Officer": the words before name the post, unless a place says whose
            cur = [c for c in cur if is_acronym(toks[c].text) or fold(_strip_possessive(toks[c].text)[0]) in _NATIONAL]
        # "Two Americans", "the Star April 20": a number word or a date is no part of a name; an English number word
        # (the German "Elf" of "Elf Aquitaine" is a name's word in English text)
        dated = low in MONTHS and k + 1 < len(toks) and toks[k + 1].text[:1].isdigit()
        split = title or descriptor or (low in STOP and low not in _CONNECT) or low in _NOT_IN_NAMES
        split = split or (lang != "de" and (low in WORDS_EN or dated))
        if lang == "de" and low.endswith(_DE_NOUN_SUFFIXES) and not toks[k].text.isupper():
            split = True
        if split:
            if cur:
                out.append(cur)
            cur = []
            continue
        cur.append(k)
    if cur:
        out.append(cur)
    cleaned = []
    for seg in out:
        if len(seg) >= 3 and _strip_possessive(toks[seg[0]].text)[0].lower() in GENERIC_ACRONYMS:
            seg = seg[1:]  # "CEO of BT": a post, then whose
        while seg and toks[seg[0]].text.lower() in _CONNECT:
            seg = seg[1:]
        while seg and toks[seg[-1]].text.lower() in _CONNECT:
            seg = seg[:-1]
        if seg:
            cleaned.append(seg)
    return cleaned
