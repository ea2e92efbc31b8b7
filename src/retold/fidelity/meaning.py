"""Small word changes that change what a sentence claims: negation, modality, hedges, extent.

"may" -> "will", "not" added, "allegedly" dropped, "as far as" -> "near": the sentence still
matches its source, yet says something else. Kept conservative: only changes inside short
differing stretches of a word diff (or a negation or hedge present on one side only) are reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from retold.fidelity._lexicon import words_of
from retold.fidelity._shared import Doc, SentView, stem
from retold.fidelity.numbers import WORD_VALUES
from retold.model import Flag, Match, Span

NEGATION = frozenset(
    words_of("""not never cannot nobody nothing neither nor nicht nie niemals kein keine keinen keinem keiner keines""")
)
_CLASSES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "possibility": ("may", "might", "could", "possibly", "perhaps", "maybe", "likely", "probably", "potentially"),
        "certainty": ("will", "shall", "must", "definitely", "certainly", "surely", "undoubtedly"),
        "extent": ("as far as", "as far away as", "as far afield as"),
        "proximity": ("near", "close to", "nearby", "next to", "close by"),
        "approx#": ("about", "around", "approximately", "roughly", "some", "an estimated", "circa", "nearly", "almost"),
        "lower#": ("at least", "more than", "over", "upwards of", "in excess of"),
        "upper#": ("up to", "as many as", "as much as", "at most", "less than", "fewer than", "under", "no more than"),
    },
    "de": {
        "possibility": ("könnte", "könnten", "möglicherweise", "vielleicht", "wahrscheinlich", "eventuell", "dürfte"),
        "certainty": ("muss", "müssen", "sicher", "bestimmt", "zweifellos", "definitiv"),
        "extent": ("bis nach", "bis hin nach"),
        "proximity": ("nahe", "in der nähe von", "unweit"),
        "approx#": ("etwa", "rund", "ungefähr", "circa", "ca", "knapp", "fast", "beinahe"),
        "lower#": ("mindestens", "mehr als", "über", "wenigstens"),
        "upper#": ("bis zu", "höchstens", "weniger als", "unter", "maximal"),
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
        out[lang] = idx
    return out


_BY_FIRST = _index_phrases()


def _classes(ws: list[str], lo: int, hi: int, lang: str) -> dict[str, str]:
    """Marker classes present in ``ws[lo:hi]`` (number qualifiers only when a number follows)."""
    found: dict[str, str] = {}
    idx = _BY_FIRST[lang]
    for k in range(lo, hi):
        for cls, pw in idx.get(ws[k], ()):
            n = len(pw)
            if k + n > hi or tuple(ws[k : k + n]) != pw:
                continue
            if cls.endswith("#") and not (k + n < len(ws) and _is_number(ws[k + n])):
                continue
            found.setdefault(cls.rstrip("#"), " ".join(pw))
    return found


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


def _is_neg(w: str) -> bool:
    return w in NEGATION or w.endswith("n't")


def compare(da: Doc, db: Doc, matches: Sequence[Match]) -> list[Flag]:
    """meaning_shift flags within matched sentences."""
    flags: list[Flag] = []
    lang = da.lang if da.lang == db.lang else "en"
    for m in matches:
        wa, sa = _side(da, m.a)
        wb, sb = _side(db, m.b)
        ops = SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes()

        def flag(i1: int, i2: int, j1: int, j2: int, note: str, sa: list[_Ref] = sa, sb: list[_Ref] = sb) -> None:
            flags.append(_flag(da, db, sa, sb, (i1, i2, j1, j2), note))

        for tag, i1, i2, j1, j2 in ops:
            if tag == "equal":
                continue
            neg_a = [w for w in wa[i1:i2] if _is_neg(w)]
            neg_b = [w for w in wb[j1:j2] if _is_neg(w)]
            if bool(neg_a) == bool(neg_b):
                continue
            ra = [stem(w) for w in wa[i1:i2] if not _is_neg(w)]
            rb = [stem(w) for w in wb[j1:j2] if not _is_neg(w)]
            # "will intimidate" / "will not intimidate": the same words but for the negation
            if len(ra) <= 2 and len(rb) <= 2 and (not ra or not rb or set(ra) & set(rb)):
                word = (neg_a or neg_b)[0]
                flag(i1, i2, j1, j2, f"negation {'removed' if neg_a else 'added'}: {word!r}")
                break
        hedge_a = [w for w in wa if w in HEDGES]
        hedge_b = [w for w in wb if w in HEDGES]
        if hedge_a and not any(w in _HEDGE_OK or w in HEDGES for w in wb):
            k = wa.index(hedge_a[0])
            flag(k, k + 1, 0, 0, f"hedge removed: {hedge_a[0]!r}")
        elif hedge_b and not any(w in _HEDGE_OK or w in HEDGES for w in wa):
            k = wb.index(hedge_b[0])
            flag(0, 0, k, k + 1, f"hedge added: {hedge_b[0]!r}")
        for tag, i1, i2, j1, j2 in ops:
            if tag != "replace" or i2 - i1 > MAX_CHUNK or j2 - j1 > MAX_CHUNK:
                continue
            ca = _classes(wa, i1, i2, lang)
            cb = _classes(wb, j1, j2, lang)
            for x, px in ca.items():
                if x in cb:
                    continue
                y = next((c for c in cb if c not in ca and _related(x, c)), None)
                if y is not None:
                    flag(i1, i2, j1, j2, f"{x} became {y}: {px!r} -> {cb[y]!r}")
                    break
    return flags


_GROUPS = ({"possibility", "certainty"}, {"extent", "proximity"}, {"approx", "lower", "upper"})


def _related(x: str, y: str) -> bool:
    """Only markers that answer the same question are compared (how sure, how far, how many)."""
    return any(x in g and y in g for g in _GROUPS)
