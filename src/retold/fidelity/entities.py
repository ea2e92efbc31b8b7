"""Names of people, organisations and places, and whether a retelling kept, swapped or lost them.

A careful rule-based extractor: capitalised runs (not at a sentence start unless the name is
known), acronyms, with titles and function words stripped. In German every noun is capitalised,
so there a single capitalised word counts only when something else says it is a name (an acronym,
a multi-word name, a title before it, a known place); within a matched pair, a single word that
the Hannover Tagger reads as a name (see _hanta) and the other side lacks, facing such a word
there, is taken for a name replaced by another. Comparison is conservative: a name that
occurs anywhere in the other article, by a variant, acronym or expansion, is neither added nor
dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from retold.fidelity._hanta import NAME_TAGS, english_name_only, german_class, is_name_word
from retold.fidelity._lexicon import GENERIC_ACRONYMS, PLACES, words_of
from retold.fidelity._shared import (
    ALIASES,
    PORTFOLIO_TITLES,
    STOP,
    TITLES,
    Doc,
    SentView,
    Token,
    fold,
    prefix_key,
    stem,
)
from retold.fidelity.numbers import MONTHS, WEEKDAYS, WORD_VALUES
from retold.model import Flag, Match, Severity, Span
from retold.text.normalise import normalise

_CONNECT_EN = frozenset(
    {"of", "for", "de", "da", "van", "von", "der", "al", "bin", "la", "le", "du", "del", "di", "dos"}
)
_CONNECT_DE = frozenset({"of", "for", "de", "da", "van", "al", "bin", "la", "le", "du", "del", "di", "dos"})
_CONNECT = _CONNECT_EN
_NOT_NAMES = frozenset(list(MONTHS) + list(WEEKDAYS)) | frozenset(
    words_of(
        """i i'm i've i'd i'll mr mrs ms dr god however meanwhile additionally also later earlier yesterday today
        tomorrow according speaking despite although though while whereas moreover furthermore but and or so yet
        celsius fahrenheit
        sie ihr ihnen ihre ihrem ihren ihrer ihres man herr frau jr sr web internet"""
    )
)
_NATIONAL = (
    PLACES
    | frozenset(ALIASES)
    | frozenset(
        words_of(
            """american british russian ukrainian german french chinese japanese israeli palestinian iranian iraqi
        syrian turkish polish italian spanish indian pakistani afghan saudi egyptian canadian australian mexican
        european african asian arab english scottish welsh irish dutch swiss swedish norwegian danish finnish greek
        portuguese belgian austrian hungarian czech korean vietnamese thai brazilian cuban nigerian kenyan"""
        )
    )
)
_NOT_IN_NAMES = (_NOT_NAMES - frozenset(MONTHS)) | frozenset(
    words_of(
        """millionen milliarden million milliarde hunderte tausende dutzende uhr prozent zoll grad meter kilometer
        euro dollar pfund jahre jahren tage tagen wochen monate monaten stunden minuten sekunden"""
    )
)
# common nouns that introduce a name ("Hurricane Rosa", "Provinz Yunnan"): split there, like titles
DESCRIPTORS = frozenset(
    words_of(
        """hurricane typhoon storm cyclone province city county island river company firm brand party hurrikan taifun
        taifuns orkan zyklon sturm tropensturm provinz nachbarprovinz stadt hauptstadt region bundesstaat insel
        fluss firma unternehmen konzern marke partei verein klub mannschaft nachbar nachbarland"""
    )
)
_ABBREV = frozenset(
    [
        "st",
        "mt",
        "ft",
        "jr",
        "sr",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "gov",
        "sen",
        "rep",
        "rev",
        "lt",
        "col",
        "sgt",
        "capt",
        "adm",
        "no",
    ]
)
_DE_DETERMINERS = frozenset(
    words_of(
        """der die das den dem des ein eine einer einen einem eines kein keine keiner keinen keinem keines mein meine
        meinen meinem meiner sein seine seinen seinem seiner seines ihr ihre ihren ihrem ihrer ihres unser unsere
        unseren unserem unserer euer eure dies diese dieser diesen diesem dieses jede jeder jeden jedem jedes
        manche mancher manchen welche welcher welchen im am zum zur vom beim ins ans aufs alle allen aller viele
        vielen einige einigen mehrere mehreren"""
    )
)
_DE_NOUN_SUFFIXES = (
    "ung",
    "ungen",
    "heit",
    "heiten",
    "keit",
    "keiten",
    "schaft",
    "schaften",
    "tion",
    "tionen",
    "tät",
    "täten",
    "ismus",
    "nis",
    "nisse",
    "chen",
    "lein",
    "ling",
    "linge",
)
_MULTIWORD_ALIASES = tuple((p, c) for p, c in ALIASES.items() if " " in p)
_CAMEL = re.compile(r"^[a-z]+[A-Z]")
_CAMEL_INSIDE = re.compile(r"^[A-Za-z][a-z]+[A-Z]")
_ACRONYM = re.compile(r"^(?:[A-Z]\.)+[A-Z]\.?$|^(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Z0-9&]*[A-Z0-9]s?$")
_INITIAL_GAP = re.compile(r"[:;.!?(\[]")


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


def _is_cap(tok: str) -> bool:
    """Capitalised, or camel-cased like "iPhone"."""
    return tok[0].isupper() or (not tok.islower() and bool(_CAMEL.match(tok)))


def _initials_of(doc: Doc, sv: SentView) -> list[bool]:
    key = f"entities:initial:{sv.i}"
    if key not in doc.cache:
        doc.cache[key] = _initial_flags(sv, doc.sents[sv.i - 1] if sv.i > 0 else None)
    result: list[bool] = doc.cache[key]
    return result


def _shouting(toks: Sequence[Token], k: int) -> bool:
    """Whether a word in capitals stands next to another long one: emphasis, not acronyms."""
    near = [toks[j].text for j in (k - 1, k + 1) if 0 <= j < len(toks)]
    return any(len(n) >= 4 and n.isupper() for n in near)


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


def _runs(sv: SentView, lang: str = "en") -> list[list[int]]:
    """Consecutive capitalised tokens (name particles may sit inside), broken by punctuation or a possessive."""
    key = (sv.norm, lang)
    hit = _RUNS_CACHE.get(key)
    if hit is None:
        if len(_RUNS_CACHE) > 4096:
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


def _person_of(word: str) -> bool:
    """Whether "<word> of ..." is a person and where they work or live ("Sean Harrigan of Calpers", "Daschle
    of South Dakota"), not one name ("Bank of England", "Gulf of Aden", "Joint Chiefs of Staff"): the word
    before "of" is only ever a name."""
    w = _strip_possessive(word)[0]
    return w.isalpha() and not w.isupper() and english_name_only(w)


# German titles that are English surnames ("Judge Richter" is German for "Richter", not the name)
_DE_ONLY_TITLES = frozenset(words_of("richter richterin herr frau chef chefin kanzler sprecher trainer"))


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
        if len(_SEG_CACHE) > 8192:
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
        # "Two Americans", "the Star April 20": a number word or a date is no part of a name
        dated = low in MONTHS and k + 1 < len(toks) and toks[k + 1].text[:1].isdigit()
        split = title or descriptor or (low in STOP and low not in _CONNECT) or low in _NOT_IN_NAMES
        split = split or (lang != "de" and (low in WORD_VALUES or dated))
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


# German nouns that head an institution's or a place's name: "Universität Hamburg", "Flughafen Tegel"
_DE_NAME_HEADS = frozenset(
    fold(w)
    for w in words_of(
        """universität hochschule klinikum krankenhaus stiftung bank museum theater verein partei ministerium gericht
        flughafen bahnhof stadion schloss burg kloster kirche dom hotel institut akademie schule gymnasium verband
        klub club gruppe kreis landkreis stadt insel kap"""
    )
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


_TITLES_DESCRIPTORS = TITLES | DESCRIPTORS


def _has_title_before(sv: SentView, run: list[int], seg: list[int]) -> bool:
    toks = sv.tokens
    k = seg[0] - 1
    return k >= 0 and k >= run[0] - 1 and toks[k].text.lower().rstrip(".") in _TITLES_DESCRIPTORS


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
                                fold(w) for n, w in enumerate(words) if n == 0 or not words[n - 1].endswith("s")
                            )
                    elif not sv.is_title and not initial[seg[0]]:
                        known.update(fold(w) for w in words)
        doc.cache[key] = frozenset(known)
    result: frozenset[str] = doc.cache[key]
    return result


_GENERIC_MORE = frozenset(words_of("atm dvd cd lcd gps sms"))
_ORG_SUFFIXES = frozenset(["inc", "corp", "co", "ltd", "llp", "llc", "plc", "ag", "gmbh", "sa", "nv", "se"])


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
                seg = _german_lead(toks, seg, known)
            words = [_strip_possessive(toks[k].text)[0] for k in seg]
            if sum(1 for w in words if len(w) >= 4 and w.isupper()) >= 2:
                continue  # "DASS DU DER MEUTE": capitals for emphasis, not names
            o = sv.offsets[toks[seg[0]].start]
            if o > 0 and doc.article.text[o - 1] == ".":
                continue  # a ticker or code cut at its dot: ".SPX", "WCOEQ.PK"
            if len(seg) == 1 and fold(words[0]).rstrip(".") in _ORG_SUFFIXES:
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
                if any(c.isdigit() for c in w) and (
                    "." in w or sum(c.isdigit() for c in w) > len(w) / 2 or sv.norm[max(0, s_norm - 1) : s_norm] == "$"
                ):
                    continue  # "US3.95", "$US51" (prices), "1990s"; "G7" stays
                if re.fullmatch(r"[QH][1-4]|FY\d*", w):
                    continue  # a quarter, a half or a fiscal year: "Q3", "H1", "FY2003"
                if "-" in w and len(w.split("-")[0]) == 1:
                    continue  # "D-N" of "D-N.Y.", "D-Ore": a party and a state
                if sv.norm[max(0, s_norm - 1) : s_norm] == "." and acr:
                    continue  # a ticker: ".SPX"
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
                    if initial[seg[0]] and low in STOP and low != "us":
                        continue  # "AN inquest": a first word set in capitals
                    if (
                        low.rstrip("s") in GENERIC_ACRONYMS
                        or low.rstrip("s") in _GENERIC_MORE
                        or low in GENERIC_ACRONYMS
                        or sv.norm[e_norm : e_norm + 1] == "$"
                    ):
                        continue  # "CEO", "CPUs", the "US" of "US$"
                elif (
                    low in _NOT_NAMES
                    or low[:-1] in WEEKDAYS  # "Thursdays announcement"
                    or low in STOP
                    or len(w) < 2
                    or (title_case and low not in known and low not in PLACES)
                    or (
                        initial[seg[0]]
                        and low not in known
                        and low not in PLACES
                        and not _has_title_before(sv, run, seg)
                        and not _CAMEL_INSIDE.search(w)  # "AutoAdvice": the inner capital says name
                    )
                    or (
                        german
                        and not (
                            low in PLACES
                            or low in known
                            or poss
                            or _has_title_before(sv, run, seg)
                            or any(c.isupper() for c in w[1:])
                            or low in ALIASES
                        )
                    )
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
            if (
                german
                and len(words) >= 2
                and not any(
                    fold(w) in PLACES or is_acronym(w) or is_name_word(w, _NAME_MARGIN)
                    for w in words
                    if fold(w) not in _CONNECT
                )
            ):
                continue  # "Mengen Lebensmittel", "Löchern Niederlagen": nouns side by side, no name among them
            if e_norm < len(sv.norm) and sv.norm[e_norm] == "." and re.fullmatch(r"(?:[A-Z]\.)+[A-Z]", words[-1]):
                e_norm += 1  # "U.S." keeps its last full stop
            sp = sv.span(s_norm, e_norm)
            keys = _keys(words)
            if not keys:
                continue
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


class _Index:
    """What a stretch of text offers for recognising a name: stems, five-letter starts, acronyms, and
    (computed only when an acronym needs them) the initials of its capitalised stretches.

    An index answers the same questions many times in one comparison (every name of every matched and
    unmatched sentence asks the other article's), so it keeps its answers and sorts its stems by first
    letter for the look-ups that would otherwise scan them all."""

    def __init__(self, doc: Doc, idx: Sequence[int], stems: set[str], acronyms: set[str]) -> None:
        self.doc = doc
        self.idx = idx
        self.stems = stems
        self.prefixes = {x[:5] if len(x) >= 6 else x for x in stems}  # prefix_key of each
        self.acronyms = acronyms
        self._initials: set[str] | None = None
        self._by_first: dict[tuple[str, int], list[str]] | None = None
        self._names_by_first: dict[tuple[str, int], list[str]] | None = None
        self._long: frozenset[str] | None = None
        self.names: dict[str, bool] = {}  # _has_name's answers
        self.spelled: dict[str, bool] = {}  # spelled_out's answers

    def by_first(self) -> dict[tuple[str, int], list[str]]:
        """Every stem under its first letter and length."""
        if self._by_first is None:
            self._by_first = {}
            for x in self.stems:
                self._by_first.setdefault((x[:1], len(x)), []).append(x)
        return self._by_first

    def names_by_first(self) -> dict[tuple[str, int], list[str]]:
        """The stems that may be names (three letters or more, no stopword) under their first letter and length."""
        if self._names_by_first is None:
            self._names_by_first = {}
            for x in self.stems:
                if len(x) >= 3 and x not in STOP:
                    self._names_by_first.setdefault((x[:1], len(x)), []).append(x)
        return self._names_by_first

    def has_part(self, low: str) -> bool:
        """Whether a stem of four letters or more (no stopword) occurs inside ``low``: each substring of
        ``low`` of that length looked up, instead of each stem searched for in ``low``."""
        if self._long is None:
            self._long = frozenset(x for x in self.stems if len(x) >= 4 and x not in STOP)
        n = len(low)
        return any(low[i:j] in self._long for i in range(n - 3) for j in range(i + 4, n + 1))

    def spelled_out(self, acr: str) -> bool:
        """Whether consecutive words, in any case, spell the acronym ("severe acute respiratory syndrome")."""
        if len(acr) < 3:
            return False  # two letters turn up by chance
        hit = self.spelled.get(acr)
        if hit is None:
            hit = self.spelled[acr] = any(
                acr in heads or acr in with_of for heads, with_of in (_spellings(self.doc, i) for i in self.idx)
            )
        return hit

    @property
    def initials(self) -> set[str]:
        if self._initials is None:
            out: set[str] = set()
            for i in self.idx:
                key = f"entities:initials:{i}"
                if key not in self.doc.cache:
                    self.doc.cache[key] = _initials(self.doc.sents[i].tokens)
                out |= self.doc.cache[key]
            self._initials = out
        return self._initials


def _spellings(doc: Doc, i: int) -> tuple[str, str]:
    """A sentence's word initials in capitals, without joiners and with "of" (cached on the document)."""
    key = f"entities:spellings:{i}"
    hit: tuple[str, str] | None = doc.cache.get(key)
    if hit is None:
        toks = doc.sents[i].tokens
        # "CHOGM" keeps the "of" of "Commonwealth Heads of Government Meeting", "SARS" drops it
        with_of = "".join(t.text[0].upper() for t in toks if t.text.lower() not in ("and", "for", "the", "&"))
        ws = [t.text for t in toks if t.text.lower() not in ("and", "of", "for", "the", "&")]
        hit = doc.cache[key] = ("".join(w[0].upper() for w in ws), with_of)
    return hit


def _index(doc: Doc, idx: Sequence[int]) -> _Index:
    """The index of some sentences, built once per document and set of sentences (the direction asks the
    same set for every sentence of a run of unmatched ones)."""
    built: dict[tuple[int, ...], _Index] = doc.cache.setdefault("entities:indexes", {})
    key_idx = tuple(idx)
    hit = built.get(key_idx)
    if hit is not None:
        return hit
    stems: set[str] = set()
    acronyms: set[str] = set()
    german = doc.lang == "de"
    for i in idx:
        key = f"entities:index:{i}"
        if key not in doc.cache:
            sv = doc.sents[i]
            st: set[str] = set()
            acr: set[str] = set()
            for t in sv.tokens:
                w = _strip_possessive(t.text)[0]
                st.add(stem(w))
                if "-" in w:
                    st.update(stem(part) for part in w.split("-"))
                compass = _DE_COMPASS.match(fold(w)) if german else None
                if compass and len(w) - compass.end() >= 4:
                    st.add(stem(w[compass.end() :]))  # "Nordmexiko" names Mexiko, "Südeuropa" Europa
                if not w.islower():
                    for part in w.split("-"):
                        if is_acronym(part):
                            acr.add(_bare(part))
            low = fold(sv.norm)
            for phrase, canon in _MULTIWORD_ALIASES:
                if phrase in low:
                    st.add(canon)
            doc.cache[key] = (st, acr)
        st, acr = doc.cache[key]
        stems |= st
        acronyms |= acr
    hit = built[key_idx] = _Index(doc, idx, stems, acronyms)
    return hit


def _whole_index(doc: Doc) -> _Index:
    """The index of every sentence of a document: both the comparison and the direction's count of
    unfamiliar names (once per unmatched sentence) ask it."""
    return _index(doc, range(len(doc.sents)))


_DE_COMPASS = re.compile(r"^(?:nord|sud|ost|west|zentral|mittel)(?:ost|west)?")
_JOINERS = frozenset({"and", "&", "of", "for", "the", "de", "und", "für", "der", "des"})


def _initials(toks: Sequence[Token]) -> set[str]:
    """Initials of capitalised stretches, joiners allowed ("NATO's Security Assistance and Training Mission")."""
    out: set[str] = set()
    cur: list[str] = []
    starts: list[int] = []  # where a stretch after "and"/"&" begins: "EPI and Pratt & Whitney" is also PW
    for t in (*toks, Token("", 0, 0)):
        if not cur and t.text.islower():
            continue  # no stretch is open and a word in lower case opens none
        w = _strip_possessive(t.text)[0]
        if w and _is_cap(w) and w.lower() not in STOP:
            cur.append(w[0].upper())
        elif w and w.lower() in _JOINERS and cur:
            if w.lower() in ("and", "&", "und"):
                starts.append(len(cur))
            continue
        else:
            out.update("".join(cur[p:]) for p in [0, *starts] if len(cur) - p >= 2)
            cur = []
            starts = []
    return out


def _subsequence(short: str, long: str) -> bool:
    if not short or not long or short[0] != long[0]:
        return False
    it = iter(long)
    return all(c in it for c in short) and len(short) >= 0.6 * len(long)


def _bare(acr: str) -> str:
    """An acronym's letters: "U.S." -> "US", "P&W" -> "PW", "AMs" -> "AM"."""
    a = acr.replace(".", "").replace("&", "")
    return (a[:-1] if a.endswith("s") and a[:-1].isupper() else a).upper()


def present(e: Entity, ix: _Index) -> bool:
    """Whether a name is in a text by any variant: itself, its last word, most of its words, acronym or expansion."""
    if not e.text.isascii():  # read as the comparison reads it: "U.\u0405." (a Cyrillic S) is "U.S."
        e = Entity(e.start, e.end, normalise(e.text).text, e.keys, e.acronym, e.sentence)
    if e.acronym:
        a = _bare(e.text)
        if stem(e.text) in ix.stems or fold(a) in ix.stems or a in ix.acronyms:
            return True
        return any(_subsequence(a, ini) for ini in ix.initials) or ix.spelled_out(a)
    keys = e.keys
    hits = [_has_name(ix, k) for k in keys]
    # the last word stands for the name ("Obama"), unless it is an institution word: "the department" is no name
    if hits and ((hits[-1] and (len(keys) == 1 or keys[-1] not in _LAST_HEADS)) or sum(hits) >= 0.6 * len(hits)):
        return True
    if (
        len(keys) >= 2
        and hits[0]
        and not _AND_INSIDE.search(e.text)  # "securities" is no short form of "Securities and Exchange Commission"
        and ix.doc.lang != "de"  # a German name's first word is often a noun: "Montagmorgen Arizona"
        and len(keys[0]) >= 5
        and keys[0] not in _GENERIC_FIRST
        and keys[0] not in _NATIONAL
    ):
        return True  # a shorter form: "Netscape" for "Netscape Communications", "FirstEnergy" for "FirstEnergy Nuclear"
    if len(keys) >= 2:
        ini = "".join(k[0].upper() for k in keys)
        # "Commonwealth Heads of Government" is CHOG(M) with its "of", "Security Council" SC without
        ini_of = "".join(w[0].upper() for w in e.text.split() if w.lower() not in ("and", "the", "&"))
        if any(ini in a or ini_of in a for a in ix.acronyms if len(a) >= 3 or a == ini):
            return True  # the expansion of an acronym the other text uses (or part of it)
    full = " ".join(keys)
    return full in ALIASES and ALIASES[full] in ix.stems


_AND_INSIDE = re.compile(r"\s(?:and|&)\s")

# first words many different names share: "New York" is not "New Jersey"
_GENERIC_FIRST = frozenset(
    words_of(
        """north south east west northern southern eastern western central united new great upper lower saint santa
        san los las fort port mount lake"""
    )
)


def _missing(e: Entity, ix: _Index) -> dict[int, str]:
    return {k: w for k, w in enumerate(e.keys) if len(w) >= 2 and not _has_name(ix, w)}


_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|an|ar|as|at|az)-")


def _has_name(ix: _Index, w: str) -> bool:
    """A name word in a text, allowing spelling variants ("Ahmad"/"Ahmed", "Tim"/"Timothy")."""
    hit = ix.names.get(w)
    if hit is None:
        hit = ix.names[w] = _find_name(ix, w)
    return hit


def _find_name(ix: _Index, w: str) -> bool:
    s = stem(w)
    if s in ix.stems or (len(s) >= 6 and prefix_key(s) in ix.prefixes):
        return True  # has(ix.stems, ix.prefixes, w, short=True), its stems looked up by first letter
    if 4 <= len(s) <= 5 and s.isalpha():
        # a stem that starts with s and is at most 3 longer, or one of 4 letters or more, at most 2 shorter, that s
        # starts with: only stems of those lengths are looked at
        by_first = ix.by_first()
        for n in range(max(4, len(s) - 2), len(s) + 4):
            for x in by_first.get((s[:1], n), ()):
                if (x.startswith(s) and len(x) - len(s) <= 3) or (
                    s.startswith(x) and len(s) - len(x) <= 2 and len(x) >= 4
                ):
                    return True
    article = _ARTICLE_PREFIX.match(w)
    if article and len(w) - article.end() >= 4:
        return _has_name(ix, w[article.end() :])  # "Al-Fallujah" / "Falluja"
    if len(w) < 3 or not w.isalpha():
        return False
    # only stems of the same first letter and a length at most 4 apart, three letters or more and no stopword
    # ("die" and "has" start "Diego" and "Hasbro" but are no names)
    names = ix.names_by_first()
    for n in range(max(3, len(w) - 4), len(w) + 5):
        for x in names.get((w[:1], n), ()):
            if x.startswith(w) or w.startswith(x):
                return True
            if len(w) >= 5 and abs(len(x) - len(w)) <= 2 and (x[:2] == w[:2] or min(len(w), len(x)) >= 6):
                # SequenceMatcher's quick_ratio (the letters both share, as 2 * shared / total) first, without one
                shared = sum(min(w.count(c), x.count(c)) for c in set(w))
                if 2.0 * shared / (len(w) + len(x)) >= 0.8 and SequenceMatcher(None, w, x).ratio() >= 0.8:
                    return True
    return False


def _partial_swaps(ea: list[Entity], eb: list[Entity], all_a: _Index, all_b: _Index) -> list[tuple[Entity, Entity]]:
    """Multi-word names that share words but had one replaced: "New York Stock Exchange" -> "New Jersey Stock Exchange".

    Only a word missing on each side at the same place relative to a shared word counts, so a
    first name added ("Amrozi" -> "Ali Amrozi") or a fuller form is not a change.
    """
    out: list[tuple[Entity, Entity]] = []
    used: set[int] = set()
    for x in ea:
        if len(x.keys) < 2:
            continue
        mx = _missing(x, all_b)
        if not mx:
            continue
        for j, y in enumerate(eb):
            if j in used or len(y.keys) < 2:
                continue
            my = _missing(y, all_a)
            if not my:
                continue
            shared = [(p, q) for p, kx in enumerate(x.keys) for q, ky in enumerate(y.keys) if _same_word(kx, ky)]
            if any(p - i == q - k and not _same_word(mx[i], my[k]) for p, q in shared for i in mx for k in my):
                out.append((x, y))
                used.add(j)
                break
    return out


# English first names and the pet forms that do not start like them ("Greg" / "Gregory" need no entry)
_PET_NAMES = {
    p: full
    for full, pets in (
        ("william", "bill billy will"),
        ("robert", "bob bobby"),
        ("richard", "dick rick"),
        ("harold", "hal harry"),
        ("edward", "ted ed eddie"),
        ("charles", "chuck charlie"),
        ("john", "jack"),
        ("james", "jim jimmy"),
        ("elizabeth", "liz beth betty"),
        ("margaret", "peggy meg maggie"),
        ("gerald", "jerry"),
        ("lawrence", "larry"),
        ("anthony", "tony"),
        ("michael", "mike"),
        ("stephen", "steve"),
        ("steven", "steve"),
        ("theodore", "ted"),
        ("katherine", "kate kathy"),
        ("catherine", "kate cathy"),
    )
    for p in pets.split()
}


def _same_word(x: str, y: str) -> bool:
    """One name word in two forms: a stem, a short form of the other ("Greg" / "Gregory"), a pet name
    ("Hal" / "Harold")."""
    short, long = sorted((x, y), key=len)
    if _PET_NAMES.get(short) == long:
        return True
    return stem(x) == stem(y) or (len(short) >= 3 and long.startswith(short) and short not in STOP)


def _context(doc: Doc, e: Entity) -> set[str]:
    """The words around a name (three each side): a swapped name keeps its neighbours."""
    t = doc.article.text
    left = t[max(0, e.start - 50) : e.start].lower().split()[-3:]
    right = t[e.end : e.end + 50].lower().split()[:3]
    words = {w.strip(_PUNCT) for w in left + right}
    return words - {"", "the", "a", "an", "and", "of"}


# how far behind its best reading a name reading may stand for a word the tagger cannot place ("Norton")
_NAME_MARGIN = 1.5


def _lacking_caps(
    doc: Doc, idx: Sequence[int], other: _Index, skip: frozenset[str] = frozenset()
) -> Iterator[tuple[SentView, int, str]]:
    """Capitalised words (not all capitals, not stop words, titles or ``skip``) of some sentences that the
    other side lacks, whole or as a part: (sentence, token index, folded word). A word that starts a sentence,
    a quotation or a bracket is kept only when the German tagger has a name reading for it ("„Chemins möchte
    ..."); in English never."""
    for i in idx:
        sv = doc.sents[i]
        initial = _initials_of(doc, sv)
        for k, t in enumerate(sv.tokens):
            w = t.text
            if not w[:1].isupper() or w.isupper() or not w.isalpha() or len(w) < 3:
                continue
            low = fold(w)
            if low in STOP or low in _NOT_IN_NAMES or low in TITLES or low in skip:
                continue
            if initial[k] and (doc.lang != "de" or german_class(w)[1] < -_NAME_MARGIN):
                continue  # the tagger is asked only about words that pass the cheap checks
            if _has_name(other, low) or other.has_part(low):
                continue  # the other side has it, or a part of it ("Stall" in "Schweinestall")
            yield sv, k, low


def _stand_ins(
    doc: Doc, idx: Sequence[int], other: _Index, ents: Sequence[Entity], skip_ents: bool = True
) -> list[tuple[Entity, bool]]:
    """Single capitalised words of some sentences that could be a name standing in for one the other text lost.

    German capitalises every noun, so on its own such a word is no name; but a capitalised word the other
    side lacks, that the tagger reads as a name, with no article or adjective before it, is most likely
    a name that replaced one ("mit Kim" -> "zu Frederick"). Each comes with whether the tagger is sure.
    """
    out: list[tuple[Entity, bool]] = []
    for sv, k, low in _lacking_caps(doc, idx, other, DESCRIPTORS):
        toks = sv.tokens
        t = toks[k]
        w = t.text
        if skip_ents and any(e.start <= sv.offsets[t.start] < e.end for e in ents):
            continue
        tag, m = german_class(w)
        sure = tag in NAME_TAGS
        if not sure and m < -_NAME_MARGIN:
            continue  # a German noun by its form ("Schweinestall", "Herangehen")
        prev = toks[k - 1].text if k else ""
        pl = prev.lower()
        if (pl in _DE_DETERMINERS or prev[:1].isdigit()) and not sure:
            continue  # "die Gruppe": a noun after an article, unless the tagger knows a name ("den Iran")
        if prev[:1].islower() and pl not in STOP and german_class(pl)[0].startswith("ADJ") and not sure:
            continue  # "einen großen Erfolg": an adjective before a noun, unless a name ("der flinke Kelly")
        sp = sv.span(t.start, t.end)
        out.append((Entity(sp.start, sp.end, doc.article.text[sp.start : sp.end], (low,), False, sv.i), sure))
    return out


def _german_stand_ins(
    da: Doc,
    db: Doc,
    m: Match,
    dropped: list[Entity],
    added: list[Entity],
    ea: Sequence[Entity],
    eb: Sequence[Entity],
    all_a: _Index,
    all_b: _Index,
) -> list[tuple[Entity, Entity]]:
    """A German name lost on one side paired with the one capitalised stand-in on the other (see _stand_ins)."""
    out: list[tuple[Entity, Entity]] = []
    for d in [e for e in dropped if not e.acronym]:
        got = _stand_ins(db, m.b, all_a, eb)
        if len(got) == 1:
            out.append((d, got[0][0]))
            dropped.remove(d)
            break
    for x in [e for e in added if not e.acronym]:
        got = _stand_ins(da, m.a, all_b, ea)
        if len(got) == 1:
            out.append((got[0][0], x))
            added.remove(x)
            break
    return out


def _german_name_swaps(
    da: Doc,
    db: Doc,
    m: Match,
    ea: Sequence[Entity],
    eb: Sequence[Entity],
    all_a: _Index,
    all_b: _Index,
    done: Sequence[tuple[Entity, Entity]],
) -> list[tuple[Entity, Entity]]:
    """Single words the tagger takes for names, each side one the other lacks: a name replaced by another."""
    taken = [p[0] for p in done], [p[1] for p in done]
    got_a = [g for g in _stand_ins(da, m.a, all_b, ea, False) if not any(_overlaps(g[0], e) for e in taken[0])]
    if not got_a:
        return []
    got_b = [g for g in _stand_ins(db, m.b, all_a, eb, False) if not any(_overlaps(g[0], e) for e in taken[1])]
    if not got_b:
        return []
    if not any(s for _, s in [*got_a, *got_b]):
        return []  # neither side has a word the tagger is sure is a name
    return [(got_a[min(k, len(got_a) - 1)][0], x) for k, (x, _) in enumerate(got_b)]


def _frame(sv: SentView, k: int, step: int) -> tuple[str, str] | None:
    """The word ``step`` places from token k (-2, -1, 1, 2), folded, with the marks between it and the next
    word towards k: what frames a word's place in its sentence."""
    toks = sv.tokens
    j = k + step
    if not 0 <= j < len(toks):
        return None
    lo, hi = (j, j + 1) if step < 0 else (j - 1, j)
    return sv.norm[toks[lo].end : toks[hi].start].strip(), fold(toks[j].text)


def _slot_words(doc: Doc, idx: Sequence[int], other: _Index) -> list[tuple[Entity, SentView, int]]:
    """Capitalised words of some sentences that the other side lacks (in English not one that starts a
    sentence), with where they stand."""
    out: list[tuple[Entity, SentView, int]] = []
    for sv, k, low in _lacking_caps(doc, idx, other):
        t = sv.tokens[k]
        sp = sv.span(t.start, t.end)
        out.append((Entity(sp.start, sp.end, doc.article.text[sp.start : sp.end], (low,), False, sv.i), sv, k))
    return out


_ALIAS_TARGETS = frozenset(ALIASES.values())


def _slot_takers(doc: Doc, idx: Sequence[int], other: Doc, other_ix: _Index) -> list[tuple[Entity, SentView, int]]:
    """Capitalised words of some sentences that the other text lacks, with where they stand: not acronyms,
    titles or dates, and not a word the other text has in another spelling ("Fallujah" / "Falluja"); a
    place it names by an adjective ("Canadian" / "Canada") still counts, the adjective may be all that is
    left of it."""
    key = "entities:words"
    if key not in other.cache:
        other.cache[key] = frozenset(fold(_strip_possessive(t.text)[0]) for sv in other.sents for t in sv.tokens)
    there: frozenset[str] = other.cache[key]
    out: list[tuple[Entity, SentView, int]] = []
    for i in idx:
        sv = doc.sents[i]
        for k, t in enumerate(sv.tokens):
            w = _strip_possessive(t.text)[0]
            low = fold(w)
            if not w[:1].isupper() or not w.isalpha() or w.isupper() or low in there or len(w) < 2:
                continue
            if low in STOP or low in _NOT_NAMES or low in _NOT_IN_NAMES or low in TITLES or low == "general":
                continue
            if _has_name(other_ix, low) and stem(low) not in _ALIAS_TARGETS and low not in _NATIONAL:
                continue
            sp = sv.span(t.start, t.start + len(w))
            out.append((Entity(sp.start, sp.end, doc.article.text[sp.start : sp.end], (low,), False, sv.i), sv, k))
    return out


def _same_slot(sa: SentView, ka: int, sb: SentView, kb: int) -> tuple[int, bool]:
    """How well two words share a place: 2 between the same two words or after (before) the same two words,
    1 beside the same content word, 0 neither; and whether a capitalised word (not one starting the
    sentence) stands beside both."""
    f = {s: (_frame(sa, ka, s), _frame(sb, kb, s)) for s in (-2, -1, 1, 2)}
    same = {s: x is not None and x == y for s, (x, y) in f.items()}
    words = {s: sb.tokens[kb + s].text for s in (-1, 1) if same[s]}
    # "Ryder Cup" -> "Ryder Okonjo", "North America" -> "North Calverton", "coach Will Hale" -> "coach Will Ross"
    cap = any(w[:1].isupper() and (kb + s > 0 or fold(w) not in STOP) for s, w in words.items())
    if (same[-1] and same[1]) or (same[-1] and same[-2]) or (same[1] and same[2]):
        return 2, cap
    return (1 if cap or any(fold(w) not in STOP for w in words.values()) else 0), cap


def _before_full_name(sv: SentView, k: int) -> bool:
    """Whether token k opens a run of capitalised words and two that are no titles follow it (a first name and
    a surname): where a noun saying who someone is stands, not a middle name ("Andres Manuel Lopez Obrador")."""
    toks = sv.tokens
    prev = fold(toks[k - 1].text) if k > 0 else ""
    if prev and _is_cap(toks[k - 1].text) and prev not in STOP and prev not in TITLES:
        return False
    nxt = toks[k + 1 : k + 3]
    return len(nxt) == 2 and all(_is_cap(t.text) and fold(t.text) not in TITLES for t in nxt)


def _slot_swaps(
    da: Doc,
    db: Doc,
    m: Match,
    ents: tuple[Sequence[Entity], Sequence[Entity]],
    all_a: _Index,
    all_b: _Index,
    done: Sequence[tuple[Entity, Entity]],
) -> list[tuple[Entity, Entity]]:
    """A capitalised word replaced by a new one in the same place: "Canadian pharmacies" -> "Norwegian
    pharmacies", "Ryder Cup" -> "Ryder Okonjo", "pünktlich zu Halloween" -> "pünktlich zu Lakeside".
    Each word stands for the name it is part of; a name the other side has anyway takes no part.

    German capitalises every noun, and a rewrite often puts one noun for another; so there both words
    must have a name reading ("Halloween" -> "Lakeside"), or one must be a name beside a capitalised word
    the two share."""
    german = da.lang == "de"
    got_b = _slot_words(db, m.b, all_a)
    if not got_b:
        return []
    got_a = _slot_takers(da, m.a, db, all_b)
    if not got_a:
        return []

    def whole(e: Entity, side: Sequence[Entity], other: _Index) -> Entity | None:
        host = next((h for h in side if h.start <= e.start and e.end <= h.end), None)
        if host is None:
            return None if side is ents[1] and not german else e  # English: not a name to the extractor
        if len(host.keys) > 1 and present(host, other):
            w = e.keys[0]
            if w == host.keys[-1] or len(w) <= 2 or _has_name(other, w):
                return None  # "Press" of "Baptist Press", "Al" of "Al Qaeda": the other side has the name
            return e  # the rest of the name is there: "Cup" of "Ryder Cup" -> "Ryder Okonjo"
        return host

    got_a = [g for g in got_a if not any(_overlaps(g[0], p[0]) for p in done)]
    cands: list[tuple[int, int, int, Entity, Entity]] = []
    for j, (y, sb, kb) in enumerate(got_b):
        y_name = None if any(_overlaps(y, p[1]) for p in done) else whole(y, ents[1], all_a)
        if y_name is None:
            continue
        for n, (x, sa, ka) in enumerate(got_a):
            if _same_word(x.keys[0], y.keys[0]):
                continue
            score, cap = _same_slot(sa, ka, sb, kb)
            x_name = whole(x, ents[0], all_b) if score else None
            if x_name is None:
                continue
            if german:
                if score == 2 and _before_full_name(sa, ka) and _before_full_name(sb, kb):
                    continue  # "Torwart Liam Kelly" -> "Schlussmann Liam Kelly": a noun before a whole name says who
                both = is_name_word(x.text, _NAME_MARGIN) and is_name_word(y.text, _NAME_MARGIN)
                if not both and not (cap and (is_name_word(x.text) or is_name_word(y.text))):
                    continue
            cands.append((score, j, n, x_name, y_name))
    out: list[tuple[Entity, Entity]] = []
    taken_a: set[int] = set()
    taken_b: set[int] = set()
    for _, j, n, x_name, y_name in sorted(cands, key=lambda c: (-c[0], c[1], c[2])):
        if j in taken_b or n in taken_a:
            continue
        taken_a.add(n)
        taken_b.add(j)
        if not any(_overlaps(x_name, p[0]) or _overlaps(y_name, p[1]) for p in out):
            out.append((x_name, y_name))
    return out


def _alike(x: Entity, y: Entity) -> bool:
    """Whether one name could have replaced the other: both acronyms or neither, and not a country or city
    for something else ("Ghulam Mahaiuddin" and "Helmand" are not one put for the other)."""
    place = [len(e.keys) == 1 and e.keys[0] in _NATIONAL for e in (x, y)]
    return x.acronym == y.acronym and place[0] == place[1]


def _overlaps(x: Entity, y: Entity) -> bool:
    return x.start < y.end and y.start < x.end


_PUNCT = ".,;:()\"'\u201c\u201d\u2019\u2018"


def _inside(e: Entity, spans: Sequence[Span]) -> bool:
    return any(s.start <= e.start and e.end <= s.end for s in spans)


def compare(
    da: Doc, db: Doc, matches: Sequence[Match], skip_a: Sequence[Span] = (), skip_b: Sequence[Span] = ()
) -> list[Flag]:
    """entity_changed / entity_added / entity_dropped within matched sentences.

    ``skip_a``/``skip_b`` are spans already reported by another check (an outlet in a credit).
    """
    flags: list[Flag] = []
    all_a = _whole_index(da)
    all_b = _whole_index(db)
    for m in matches:
        ea = [e for e in entities(da, m.a) if not _inside(e, skip_a)]
        eb = [e for e in entities(db, m.b) if not _inside(e, skip_b)]
        ix_a = _index(da, m.a)
        ix_b = _index(db, m.b)
        dropped = _dedupe([e for e in ea if not present(e, ix_b) and not present(e, all_b)])
        added = _dedupe([e for e in eb if not present(e, ix_a) and not present(e, all_a)])
        dropped = [e for e in dropped if not _fragment(e, da, ea, (ix_b, all_b))]
        added = [e for e in added if not _fragment(e, db, eb, (ix_a, all_a))]
        pairs: list[tuple[Entity, Entity]] = _partial_swaps(ea, eb, all_a, all_b)
        dropped = [e for e in dropped if all(e.keys != p[0].keys for p in pairs)]
        added = [e for e in added if all(e.keys != p[1].keys for p in pairs)]
        slots = _slot_swaps(da, db, m, (ea, eb), all_a, all_b, pairs)
        # the swap tells the change; the names the two words belong to are then neither lost nor new
        dropped = [e for e in dropped if not any(_overlaps(e, p[0]) for p in slots)]
        added = [e for e in added if not any(_overlaps(e, p[1]) for p in slots)]
        # German: one noun put for another looks the same, so the swap is a warning there
        loose: list[tuple[Entity, Entity]] = slots if da.lang == "de" else []
        pairs += [] if da.lang == "de" else slots
        for d in list(dropped):
            cands = [x for x in added if x.acronym == d.acronym]
            if not cands:
                continue
            cd = _context(da, d)
            best = max(cands, key=lambda x: len(cd & _context(db, x)))
            if not cd & _context(db, best):
                continue
            # a shared neighbour word is weaker evidence than the same place: on faithful paraphrases such a
            # pair is most often two names that both stand near "said" or "in" (so a warning, not high)
            loose.append((d, best))
            dropped.remove(d)
            added.remove(best)
        if len(dropped) == 1 and len(added) == 1 and _alike(dropped[0], added[0]):
            # the statement lost one name and gained one of its shape: most likely the one replaced the other
            loose.append((dropped.pop(), added.pop()))
        if da.lang == "de":
            loose += _german_stand_ins(da, db, m, dropped, added, ea, eb, all_a, all_b)
            swaps = _german_name_swaps(da, db, m, ea, eb, all_a, all_b, pairs + loose)
            # a name that lost or gained a word ("Jon Rahm" -> "Admiral Rahm") is told by the swap alone
            dropped = [e for e in dropped if not any(_overlaps(e, p[0]) for p in swaps)]
            added = [e for e in added if not any(_overlaps(e, p[1]) for p in swaps)]
            loose += swaps
        for d, x, sure in [(d, x, True) for d, x in pairs] + [(d, x, False) for d, x in loose]:
            note = (
                f"{d.text!r} became {x.text!r}"
                if sure
                else f"{d.text!r} is gone and {x.text!r} stands in the same statement"
            )
            severity: Severity = "high" if sure else "warning"
            flags.append(
                Flag("entity_changed", Span(d.start, d.end), Span(x.start, x.end), d.text, x.text, severity, note)
            )
        dropped = _joined(da, dropped)
        added = _joined(db, added)
        for d in dropped:
            flags.append(
                Flag("entity_dropped", Span(d.start, d.end), None, d.text, None, "info", f"{d.text!r} left out")
            )
        for x in added:
            flags.append(
                Flag(
                    "entity_added",
                    None,
                    Span(x.start, x.end),
                    None,
                    x.text,
                    "warning",
                    f"{x.text!r} is not in the other text",
                )
            )
    return flags


# words that head the name of an institution: "Kennedy Library and Museum", "Bureau of Alcohol, Tobacco, ..."
_ORG_HEADS = frozenset(
    words_of(
        """library museum bureau department institute council committee administration commission center centre
        university college foundation association society agency office ministry board court hospital school"""
    )
)
_AND_GAP = re.compile(r"^\s*(?:,|,?\s*(?:and|&))\s*$")
_POSS_GAP = re.compile(r"^'s?\s+(?:[A-Z][\w-]*\s+)+$")  # "Council's Finance Committee": words between
_PAREN_GAP = re.compile(r"^\s*\)\s*$")


def _fragment(e: Entity, doc: Doc, ents: Sequence[Entity], other: Sequence[_Index]) -> bool:
    """A single word split off a longer name the other text has: "Museum" of "Kennedy Library and Museum",
    "Tobacco" of "Bureau of Alcohol, Tobacco, Firearms and Explosives" (ATF), "Children" of "Children's
    Hospital", "Committee" of "Council's Finance Committee", the "(Harold)" of "Admiral (Harold) Gehman"."""
    if len(e.keys) != 1 or e.acronym:
        return False
    t = doc.article.text
    same = [x for x in ents if x.sentence == e.sentence]
    same.sort(key=lambda x: x.start)
    k = next((n for n, x in enumerate(same) if x.start == e.start), None)
    if k is None:
        return False

    def there(x: Entity) -> bool:
        return any(present(x, ix) for ix in other)

    # a chain joined by commas and "and" that an institution word heads, read back from e
    chain = [e]
    j = k
    while j > 0 and _AND_GAP.match(t[same[j - 1].end : same[j].start]):
        j -= 1
        chain.insert(0, same[j])
    head = chain[0]
    if len(chain) >= 2 and len(head.keys) >= 2 and any(w in _ORG_HEADS for w in head.keys):
        while j + len(chain) < len(same) and _AND_GAP.match(t[chain[-1].end : same[j + len(chain)].start]):
            chain.append(same[j + len(chain)])
        if there(head):
            return True
        initials = "".join(w[0].upper() for x in chain for w in x.text.split() if _is_cap(w))
        if any(len(a) >= 3 and a in initials for ix in other for a in ix.acronyms):
            return True
    if k + 1 < len(same):
        nxt = same[k + 1]
        gap = t[e.end : nxt.start]
        # "Children's Hospital" (an institution word follows, no place before), "(Harold) Gehman"
        poss = gap in ("'s ", "' ") and nxt.keys[-1] in _ORG_HEADS and e.keys[0] not in PLACES
        if (poss or _PAREN_GAP.match(gap)) and there(nxt):
            return True
    if k > 0:
        prev = same[k - 1]
        if _POSS_GAP.match(t[prev.end : e.start]) and there(prev):
            return True
    return False


_LAST_HEADS = _ORG_HEADS | frozenset(["act", "services"])


def _joined(doc: Doc, es: list[Entity]) -> list[Entity]:
    """Names flagged side by side that an institution's name joins, as one: "Anti-Terrorism" and "Crime and
    Security Act" are one act. Only names both lost (or both new) are joined here, so a list of them may be;
    ``_and_joined`` has already made one name of a single word and "and" before one ("Food and Drug
    Administration") wherever it stands."""
    t = doc.article.text
    out: list[Entity] = []
    for e in sorted(es, key=lambda x: x.start, reverse=True):
        nxt = out[-1] if out else None
        if (
            nxt is not None
            and nxt.sentence == e.sentence
            and nxt.keys[-1] in _LAST_HEADS
            and _AND_GAP.match(t[e.end : nxt.start])
            and (len(e.keys) == 1 or "," not in t[e.end : nxt.start])  # "Barbara Comstock, Justice Department"
            and not (len(e.keys) == 1 and e.keys[0] in _NATIONAL)
        ):
            out[-1] = Entity(e.start, nxt.end, t[e.start : nxt.end], e.keys + nxt.keys, False, e.sentence)
        else:
            out.append(e)
    return sorted(out, key=lambda x: x.start)


def unfamiliar_names(doc: Doc, i: int, other: Doc, known: Sequence[int]) -> int:
    """How many names of sentence ``i`` neither the other article nor the ``known`` sentences of its own
    have: a passage brought in from another story brings its own people and places. In German a single
    capitalised word the tagger reads as a name counts too ("Liverpool", "Neapel"): the extractor leaves such
    words out of flags, but here a stray noun costs little."""
    ix_other = _whole_index(other)
    ents = _dedupe(entities(doc, [i]))
    strange = [e for e in ents if not present(e, ix_other)]
    lacking: dict[str, str] = {}
    if doc.lang == "de":
        inside = {fold(w) for e in ents for w in e.text.split()}
        lacking = {low: sv.tokens[k].text for sv, k, low in _lacking_caps(doc, [i], ix_other) if low not in inside}
    if not strange and not lacking:
        return 0  # the index of the rest of the article is not needed
    ix_own = _index(doc, known)
    n = sum(1 for e in strange if not present(e, ix_own))
    n += sum(1 for low, w in lacking.items() if not _has_name(ix_own, low) and is_name_word(w, _NAME_MARGIN))
    return n


def _dedupe(es: list[Entity]) -> list[Entity]:
    seen: set[tuple[str, ...]] = set()
    out = []
    for e in es:
        if e.keys in seen:
            continue
        seen.add(e.keys)
        out.append(e)
    return out


__all__ = ["Entity", "Token", "compare", "entities", "is_acronym", "present"]
