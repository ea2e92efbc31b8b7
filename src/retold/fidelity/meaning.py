"""Small word changes that change what a sentence claims: negation, modality, hedges, extent.

"may" -> "will", "not" added, "allegedly" dropped, "as far as" -> "near": the sentence still
matches its source, yet says something else. Kept conservative: only changes inside short
differing stretches of a word diff (or a negation or hedge present on one side only) are reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from retold.align.diff import opcodes
from retold.fidelity._lexicon import CONTRACTED_AUX, words_of
from retold.fidelity._shared import Doc, SentView
from retold.fidelity._stems import stem
from retold.fidelity.numbers import WORD_VALUES
from retold.fidelity.numbers.lexicon import APPROX_DE, APPROX_EN, LOWER_BOUNDS, UPPER_BOUNDS
from retold.fidelity.rules import Example, never, rule
from retold.model import Flag, Match, Span

# the words that negate a statement: one added around the same words turns it round
NEGATION = frozenset(
    words_of(
        """not never cannot nobody nothing none neither nor nicht nie niemals niemand nichts kein keine keinen keinem
        keiner keines weder"""
    )
)
# words that make a statement negative without negating its verb, or not only that ("without paying", "statt zwei",
# the "no" that is also "No. 1"): a side holding one already says what is not so, yet none counts as a negation
# added on its own
NEGATIVE = NEGATION | frozenset(words_of("no without ohne statt anstatt"))
_CLASSES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "possibility": ("may", "might", "could", "possibly", "perhaps", "maybe", "likely", "probably", "potentially"),
        "certainty": ("will", "shall", "must", "definitely", "certainly", "surely", "undoubtedly"),
        "extent": ("as far as", "as far away as", "as far afield as"),
        "proximity": ("near", "close to", "nearby", "next to", "close by"),
        "approx#": tuple(w.rstrip(".") for w in APPROX_EN),  # words: "ca." is the word "ca" here
        "lower#": LOWER_BOUNDS["en"],  # a negated comparative means its opposite bound
        "upper#": UPPER_BOUNDS["en"],
    },
    "de": {
        "possibility": ("könnte", "könnten", "möglicherweise", "vielleicht", "wahrscheinlich", "eventuell", "dürfte"),
        "certainty": ("muss", "müssen", "sicher", "bestimmt", "zweifellos", "definitiv"),
        "extent": ("bis nach", "bis hin nach"),
        "proximity": ("nahe", "in der nähe von", "unweit"),
        "approx#": tuple(w.rstrip(".") for w in APPROX_DE),
        "lower#": LOWER_BOUNDS["de"],
        "upper#": UPPER_BOUNDS["de"],
    },
}
HEDGES = frozenset(["reportedly", "allegedly", "supposedly", "purportedly", "angeblich", "mutmaßlich"])
_HEDGE_OK = frozenset(
    words_of(
        """according reports reported report claims claimed said says alleged accused suspected laut berichten soll
        sollen vorgeworfen verdacht"""
    )
)
MAX_CHUNK = 8


def _is_number(w: str) -> bool:
    return any(c.isdigit() for c in w) or w in WORD_VALUES


def _index_phrases() -> dict[str, dict[str, list[tuple[str, tuple[str, ...]]]]]:
    out: dict[str, dict[str, list[tuple[str, tuple[str, ...]]]]] = {}
    for lang, classes in _CLASSES.items():
        idx: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for cls, phrases in classes.items():
            for p in phrases:
                pw = tuple(p.split())
                idx.setdefault(pw[0], []).append((cls, pw))
        out[lang] = {w: sorted(ps, key=lambda p: -len(p[1])) for w, ps in idx.items()}
    return out


_BY_FIRST = _index_phrases()


class Marker(NamedTuple):
    """A marker phrase found in a side's words: ``ws[start:end]``, its class and its words."""

    start: int
    end: int
    cls: str
    phrase: str


def markers(ws: list[str], lang: str) -> list[Marker]:
    """The marker phrases of some words, read left to right, the longest phrase first where several start:
    "no fewer than" is one marker (a lower bound), not "fewer than" (an upper one) after a stray "no".
    Number qualifiers count only when a number follows."""
    out: list[Marker] = []
    idx = _BY_FIRST.get(lang, {})  # a language without marker phrases has no markers (no crash)
    k = 0
    while k < len(ws):
        best: Marker | None = None
        for cls, pw in idx.get(ws[k], ()):  # the longest phrases first
            n = len(pw)
            if tuple(ws[k : k + n]) != pw:
                continue
            if cls.endswith("#") and not (k + n < len(ws) and _is_number(ws[k + n])):
                continue
            best = Marker(k, k + n, cls.rstrip("#"), " ".join(pw))
            break
        if best is None:
            k += 1
            continue
        out.append(best)
        k = best.end
    return out


def _classes(found: list[Marker], lo: int, hi: int) -> dict[str, str]:
    """The classes of the markers that overlap words ``lo..hi``, each with its first phrase: a change that cuts
    into a marker ("at least" -> "at most") changes what the whole marker says."""
    out: dict[str, str] = {}
    for mk in found:
        if mk.start < hi and mk.end > lo:
            out.setdefault(mk.cls, mk.phrase)
    return out


def _cut(full: list[Marker], lo: int, hi: int, other: list[Marker], at: int) -> tuple[dict[str, str], dict[str, str]]:
    """Words ``lo..hi`` of one side that the other lacks: only a marker they cut into counts, against the
    other side's marker that goes on from there ("no more than 40" -> "more than 40" deletes only "no", yet
    the bound turned round); a marker moved whole ("probably will" -> "will probably") changes nothing."""
    cut = [mk for mk in full if mk.start < hi and mk.end > lo and (mk.start < lo or mk.end > hi)]
    if not cut:
        return {}, {}
    return _classes(cut, lo, hi), _classes(other, at, at + 1)


_Ref = tuple[SentView, int, int]


def _side(doc: Doc, idx: Sequence[int]) -> tuple[list[str], list[_Ref]]:
    """The matched words of one side, lower-cased, with where each sits (mapped to spans only when shown)."""
    ws: list[str] = []
    refs: list[_Ref] = []
    for i in idx:
        sv = doc.sents[i]
        for t in sv.tokens:
            ws.append(t.text.lower())
            refs.append((sv, t.start, t.end))
    return ws, refs


def _region(refs: list[_Ref], lo: int, hi: int) -> Span | None:
    """The original span of words ``lo..hi`` (empty at ``lo`` when there are none)."""
    if not refs:
        return None
    if hi <= lo:
        sv, s, e = refs[min(lo, len(refs) - 1)]
        o = sv.span(s, e).start
        return Span(o, o)
    first, last = refs[lo], refs[hi - 1]
    return Span(first[0].span(first[1], first[2]).start, last[0].span(last[1], last[2]).end)


def _flag(da: Doc, db: Doc, sa: list[_Ref], sb: list[_Ref], ij: tuple[int, int, int, int], note: str) -> Flag:
    i1, i2, j1, j2 = ij
    if i1 == i2 and sa:  # nothing on this side: show the neighbouring words
        i1, i2 = max(0, i1 - 1), min(len(sa), i2 + 1)
    if j1 == j2 and sb:
        j1, j2 = max(0, j1 - 1), min(len(sb), j2 + 1)
    ra, rb = _region(sa, i1, i2), _region(sb, j1, j2)
    return Flag("meaning_shift", ra, rb, da.text(ra) if ra else None, db.text(rb) if rb else None, "warning", note)


@rule(
    "meaning.bound_is_no_negation",
    purpose='The "no" of "no fewer than" or "not more than" belongs to a bound, not a negation.',
    examples=[
        Example("No more than 500 jobs will go.", "Not more than 500 jobs will go.", ()),
        Example("The jobs will go.", "The jobs will not go.", ("meaning_shift/warning: will go -> not",)),
    ],
    off=lambda found: set(),
)
def _inside_markers(found: list[Marker]) -> set[int]:
    return {k for mk in found for k in range(mk.start, mk.end)}


@rule(
    "meaning.negation",
    purpose='A negation added or removed around the same words ("will intimidate" / "will not intimidate", "will" / '
    '"won\'t") turns the statement round; a negation standing in for other words ("banning them" / "not", "wanted '
    'to" / "couldn\'t") is the statement reworded, not turned round.',
    examples=[
        Example(
            "The sanctions will intimidate Moscow.",
            "The sanctions will not intimidate Moscow.",
            ("meaning_shift/warning: will intimidate -> not",),
        ),
        Example(
            "The sanctions will intimidate Moscow.",
            "The sanctions won't intimidate Moscow.",
            ("meaning_shift/warning: will -> won't",),
        ),
        Example("The sanctions will intimidate Moscow.", "The sanctions will frighten Moscow.", ()),
        Example(
            "Councils allowed the stalls on some streets and banning them on others.",
            "Councils allowed the stalls on some streets and not on others.",
            (),
        ),
    ],
    off=never,
)
def _negated(rest: list[str], neg_rest: list[str]) -> bool:
    """Whether the words beside a negation (``neg_rest``, contractions read as their auxiliary) are the words the
    other side has there (``rest``): nothing, or some of the same."""
    return len(rest) <= 2 and len(neg_rest) <= 2 and (not rest or bool(set(rest) & set(neg_rest)))


@rule(
    "meaning.negative_statement",
    purpose='Negation belongs to the statement: where both sides hold a negative word ("neither I nor my company" / '
    '"he and his company are not", "Niemand" / "Keiner", "statt" / "nicht"), none was added or removed.',
    examples=[
        Example(
            "Neither I nor my company are corrupt.",
            "He and his company are not corrupt.",
            (),
        ),
        Example(
            "Seine Nachricht bekam ein graues Häkchen statt zwei blauen.",
            "Er sah nur ein graues Häkchen, nicht zwei blaue.",
            (),
            lang="de",
        ),
        Example(
            "He and his company are corrupt.",
            "He and his company are not corrupt.",
            ("meaning_shift/warning: are corrupt -> not",),
        ),
    ],
    off=never,
)
def _both_negative(wa: list[str], wb: list[str], in_a: set[int], in_b: set[int]) -> bool:
    """Whether each side holds a negative word outside its bound markers (the "no" of "no fewer than" is none)."""
    return any(_is_negative(w) and k not in in_a for k, w in enumerate(wa)) and any(
        _is_negative(w) and k not in in_b for k, w in enumerate(wb)
    )


@rule(
    "meaning.hedge",
    purpose='A hedge ("reportedly", "allegedly", "angeblich") dropped or added changes how sure the text is, unless '
    "the other side hedges too.",
    examples=[
        Example(
            "The minister reportedly took bribes.",
            "The minister took bribes.",
            ("meaning_shift/warning: reportedly -> The",),
        ),
        Example("The minister reportedly took bribes.", "The minister allegedly took bribes.", ()),
    ],
    off=lambda ws: True,
)
def _hedged(ws: list[str]) -> bool:
    """Whether some words hedge (or say where the claim comes from), so a hedge on the other side is kept."""
    return any(w in _HEDGE_OK or w in HEDGES for w in ws)


def _is_neg(w: str) -> bool:
    return w in NEGATION or w.endswith("n't")


def _is_negative(w: str) -> bool:
    return w in NEGATIVE or w.endswith("n't")


def _rest(ws: list[str]) -> list[str]:
    """The stems of some words but their negations; a contraction gives its auxiliary ("couldn't": "could")."""
    out = []
    for w in ws:
        base = w[:-3] if w.endswith("n't") else w if w == "cannot" else None
        if base is None:
            if not _is_neg(w):
                out.append(stem(w))
        elif base:
            out.append(stem(CONTRACTED_AUX.get(base, base)))
    return out


def compare(da: Doc, db: Doc, matches: Sequence[Match]) -> list[Flag]:
    """meaning_shift flags within matched sentences."""
    flags: list[Flag] = []
    lang = da.lang if da.lang == db.lang else "en"
    for m in matches:
        wa, sa = _side(da, m.a)
        wb, sb = _side(db, m.b)
        ops = opcodes(wa, wb)
        mka, mkb = markers(wa, lang), markers(wb, lang)
        # the "no" of "no fewer than" is part of a bound, not a negation
        in_a, in_b = _inside_markers(mka), _inside_markers(mkb)

        def flag(i1: int, i2: int, j1: int, j2: int, note: str, sa: list[_Ref] = sa, sb: list[_Ref] = sb) -> None:
            flags.append(_flag(da, db, sa, sb, (i1, i2, j1, j2), note))

        for tag, i1, i2, j1, j2 in ops if not _both_negative(wa, wb, in_a, in_b) else ():
            if tag == "equal":
                continue
            neg_a = [wa[k] for k in range(i1, i2) if _is_neg(wa[k]) and k not in in_a]
            neg_b = [wb[k] for k in range(j1, j2) if _is_neg(wb[k]) and k not in in_b]
            if bool(neg_a) == bool(neg_b):
                continue
            ra, rb = _rest(wa[i1:i2]), _rest(wb[j1:j2])
            # "will intimidate" / "will not intimidate": the same words but for the negation
            if _negated(rb, ra) if neg_a else _negated(ra, rb):
                word = (neg_a or neg_b)[0]
                flag(i1, i2, j1, j2, f"negation {'removed' if neg_a else 'added'}: {word!r}")
                break
        hedge_a = [w for w in wa if w in HEDGES]
        hedge_b = [w for w in wb if w in HEDGES]
        if hedge_a and not _hedged(wb):
            k = wa.index(hedge_a[0])
            flag(k, k + 1, 0, 0, f"hedge removed: {hedge_a[0]!r}")
        elif hedge_b and not _hedged(wa):
            k = wb.index(hedge_b[0])
            flag(0, 0, k, k + 1, f"hedge added: {hedge_b[0]!r}")
        for tag, i1, i2, j1, j2 in ops:
            if tag == "equal" or i2 - i1 > MAX_CHUNK or j2 - j1 > MAX_CHUNK:
                continue
            if tag == "replace":
                ca, cb = _classes(mka, i1, i2), _classes(mkb, j1, j2)
            elif tag == "delete":
                ca, cb = _cut(mka, i1, i2, mkb, j1)
            else:
                cb, ca = _cut(mkb, j1, j2, mka, i1)
            for x, px in ca.items():
                if x in cb:
                    continue
                y = next((c for c in cb if c not in ca and _related(x, c)), None)
                if y is not None:
                    flag(i1, i2, j1, j2, f"{x} became {y}: {px!r} -> {cb[y]!r}")
                    break
    return flags


_GROUPS = ({"possibility", "certainty"}, {"extent", "proximity"}, {"approx", "lower", "upper"})


@rule(
    "meaning.marker_shift",
    purpose='A marker of how sure, how far or how many replaced by another of the same question ("may" -> "will", '
    '"at least" -> "at most") shifts the meaning.',
    examples=[
        Example(
            "The port may close on Monday.", "The port will close on Monday.", ("meaning_shift/warning: may -> will",)
        ),
        Example("The port may close on Monday.", "The port might close on Monday.", ()),
    ],
    off=never,
)
def _related(x: str, y: str) -> bool:
    """Only markers that answer the same question are compared (how sure, how far, how many)."""
    return any(x in g and y in g for g in _GROUPS)
