"""A name replaced by another: a changed word of a longer name, a new word in the same place, German stand-ins."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from retold.fidelity._hanta import NAME_TAGS, german_class, is_name_word
from retold.fidelity._lexicon import STOP, TITLES
from retold.fidelity._shared import Doc, SentView
from retold.fidelity._stems import fold, stem
from retold.fidelity.entities.index import _Index
from retold.fidelity.entities.kinds import rest_beside, unlike
from retold.fidelity.entities.lexicon import (
    _ALIAS_TARGETS,
    _DE_DETERMINERS,
    _NAME_MARGIN,
    _NATIONAL,
    _NOT_IN_NAMES,
    _NOT_NAMES,
    DESCRIPTORS,
)
from retold.fidelity.entities.presence import _has_name, _missing, present
from retold.fidelity.entities.spelling import _same_word
from retold.fidelity.entities.tokens import Entity, _initials_of, _is_cap, _strip_possessive
from retold.fidelity.rules import Example, nothing, rule
from retold.model import Match


@rule(
    "entities.partial_swap",
    purpose="A name of several words that kept some words and had one replaced at the same place is one name "
    'changed ("New York Stock Exchange" -> "New Jersey Stock Exchange"); a first name added is no change.',
    examples=[
        Example(
            "Shares fell on the New York Stock Exchange.",
            "Shares fell on the New Jersey Stock Exchange.",
            ("entity_changed/high: New York Stock Exchange -> New Jersey Stock Exchange",),
        ),
        Example("Amrozi bin Nurhasyim was sentenced.", "Ali Amrozi bin Nurhasyim was sentenced."),
    ],
    off=nothing,
)
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


@rule(
    "entities.german_stand_in",
    lang="de",
    purpose="A German name lost on one side is paired with the one capitalised word on the other that the tagger "
    'reads as a name, with no article or adjective before it ("mit Kim" -> "zu Frederick").',
    examples=[
        Example(
            "Das Treffen mit Kim Jong Un fand statt.",
            "Frederick kam zum Treffen.",
            ("entity_changed/warning: Kim Jong Un -> Frederick",),
            "de",
        ),
        Example(
            "Das Treffen mit Kim Jong Un fand statt.",
            "Das Treffen fand statt.",
            ("entity_dropped/info: Kim Jong Un -> -",),
            "de",
        ),
    ],
    off=nothing,
)
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


@rule(
    "entities.german_name_swap",
    lang="de",
    purpose="Single German words the tagger takes for names, one on each side that the other lacks, are a name "
    "replaced by another, when the tagger is sure of at least one.",
    examples=[
        Example(
            "Die Ministerin sprach lange mit Meyer.",
            "Mit Okonjo sprach die Ministerin lange.",
            ("entity_changed/warning: Meyer -> Okonjo",),
            "de",
        ),
        Example(
            "Am Ende rettete der schnelle Meyer den Sieg.", "Am Ende rettete der flinke Stürmer den Sieg.", (), "de"
        ),
    ],
    off=nothing,
)
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


@rule(
    "entities.slot_swap",
    purpose="A capitalised word the other text lacks, standing where a new one stands there (between the same "
    'words), is a name replaced ("Canadian pharmacies" -> "Norwegian pharmacies", "Ryder Cup" -> "Ryder Okonjo"); '
    'a word of a name the other text has replaces only a word of that name ("New" of "New York Times" where the '
    'other says "The Times" is no "Associated Press" changed).',
    examples=[
        Example(
            "Europa führte nach zwei Tagen beim Ryder Cup deutlich.",
            "Europa führte nach zwei Tagen beim Ryder Okonjo deutlich.",
            ("entity_changed/warning: Cup -> Okonjo",),
            "de",
        ),
        Example(
            "Europa führte nach zwei Tagen beim Ryder Cup deutlich.",
            "Europa führte nach zwei Tagen beim Ryder Turnier deutlich.",
            (),
            "de",
        ),
        Example(
            "He bought drugs from Canadian pharmacies last year.",
            "He bought drugs from Norwegian pharmacies last year.",
            ("entity_changed/high: Canadian -> Norwegian",),
        ),
        Example(
            "In a note sent to The Times and shown to the Associated Press after she quit, Lorne apologised.",
            "In a note sent to The New York Times after she quit, Lorne apologised.",
            ("entity_dropped/info: Associated Press -> -",),
        ),
    ],
    off=nothing,
)
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

    def host_of(e: Entity, side: Sequence[Entity]) -> Entity | None:
        return next((h for h in side if h.start <= e.start and e.end <= h.end), None)

    def whole(e: Entity, side: Sequence[Entity], other: _Index) -> Entity | None:
        host = host_of(e, side)
        if host is None:
            return None if side is ents[1] and not german else e  # English: not a name to the extractor
        if len(host.keys) > 1 and present(host, other):
            w = e.keys[0]
            if w == host.keys[-1] or len(w) <= 2 or _has_name(other, w):
                return None  # "Press" of "Baptist Press", "Al" of "Al Qaeda": the other side has the name
            return e  # the rest of the name is there: "Cup" of "Ryder Cup" -> "Ryder Okonjo"
        return host

    def one_name(sa: SentView, ka: int, y: Entity, y_name: Entity) -> bool:
        host = host_of(y, ents[1])
        return host is None or y_name is host or rest_beside(sa, ka, host, y)

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
            if x_name is None or not one_name(sa, ka, y, y_name) or unlike(da, x_name, db, y_name):
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


def _overlaps(x: Entity, y: Entity) -> bool:
    return x.start < y.end and y.start < x.end
