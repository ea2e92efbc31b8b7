"""Which article came first: dates when both are known, otherwise the asymmetry of the evidence.

A retelling drops material its source had and adds material from elsewhere. So each side's
unmatched sentences are weighed: one that shares the story's words and meaning looks like a
detail the other side left out, one that shares little (and names people and places neither
article has elsewhere) looks like material brought in from elsewhere, and one whose words the
other article has looks like a piece of a shared sentence the alignment left over (a split
sentence), which says nothing about direction. A naive-Bayes sum of those per-sentence log odds,
plus the specifics (names, numbers, quotes) one side has and the other lacks within matched
sentences, plus which side's shared sentences read plainer (fewer content words per word:
rewriters spell things out), gives a score whose weights are fitted by
``benchmarks/calibrate_direction.py`` (``direction.json`` beside this module).
Credits are too rare in any calibration set to fit: a credit naming the other article's outlet (or the wire
whose dateline opens the other article, "WASHINGTON (AP) -": it carries that wire's story), a wire credit
dropped, or the same wire credited by both (a common source) carry set weights; a credit to the other outlet
decides as a date does, at a lower confidence where the text evidence outweighs its weight.
Words both articles quote (a statement, an embedded post) each may have taken from the speaker: where nearly
all the shared words are such (``common_quotes``), neither the text nor the dates name a source.
Every signal is computed so that swapping the articles swaps the answer.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from urllib.parse import urlparse

import numpy as np

from retold.fidelity._shared import Doc, doc_for, fold, stem
from retold.fidelity.attribution import credits
from retold.fidelity.calibration import CLASSES, PAIR_FEATURES, DirectionModel, PairModel, direction_model
from retold.fidelity.coherence import copied, neighbour_fit, oriented
from retold.fidelity.common_quotes import quoted_share
from retold.fidelity.datelines import opening_credit
from retold.fidelity.direction_score import Evidence, class_probabilities, score, shared_share, weighs_topic
from retold.fidelity.outlet_names import names_outlet, same_outlet
from retold.fidelity.unmatched import Unmatched, plainer, unmatched_features
from retold.ingest.dates import order
from retold.ingest.outlets import host_label
from retold.model import Article, Direction, Flag, Match
from retold.text.furniture import furniture_line

__all__ = [
    "CLASSES",
    "PAIR_FEATURES",
    "DirectionModel",
    "Evidence",
    "PairModel",
    "Unmatched",
    "decide",
    "direction_model",
    "evidence",
    "unmatched_features",
]

DATE_CONFIDENCE = 0.9
OVERRULED_CONFIDENCE = 0.7  # a date or a credit that decides against text evidence pointing the other way (set)
# The text evidence's confidence is a logistic of the score, capped: with a cap of 0.95 the calls that named a
# source claimed 0.93 on Clough & Stevenson and were right 0.80 of the time (0.92 / 0.92 on the WMT19
# retellings); 0.9 lowers the sum of the two Brier scores from 0.244 to 0.236 (``benchmarks/eval.py``). The passage
# model has its own map (``PairModel.slope`` and ``cap``, fitted by ``benchmarks/direction_cv.py``): with this one its
# calls claimed 0.81 on PAN13 and were right 0.93 of the time; with its own, 0.93 (lexical, model alike).
MAX_CONFIDENCE = 0.9
CREDIT_CONFIDENCE = 0.95  # a credit naming the other article's outlet agrees with the call
SHARED_WIRE = 2.0  # both credit the same wire: evidence of a common source
COMMON_CONFIDENCE = round(1 - 0.5 ** (SHARED_WIRE - 0.5), 3)  # set, not fitted: a common source too rare to fit
ATTRIBUTION_CAP = 2.0
SPECIFICS_CAP = 3.0
SPECIFIC_FAMILIES = ("entity", "number", "quote")
# Above this share of the shared words quoted in both, no source is named: chosen by blocked CV, in both modes, with
# the paraphrase weight over planted lifts, condensed retellings and the news_allsides pairs that share a tweet, a
# statement or prose (held-out utility 512, 506 counting every word in full, 471 never withholding: quoted_share_cv)
QUOTED_MOST = 0.9

Vectors = tuple[np.ndarray, np.ndarray]


def _host(article: Article) -> str | None:
    """The label of the host an article's URL names ("bbc" of "news.bbc.co.uk"), None without one."""
    return host_label(urlparse(article.url).hostname or "") if article.url else None


def _outlet_keys(article: Article) -> set[str]:
    keys = set()
    if article.source:
        keys.add(" ".join(stem(w) for w in re.findall(r"\w+", article.source.lower()) if w not in ("the", "www")))
    if label := _host(article):
        keys.add(stem(label))
    return {k for k in keys if k}


def _credits_other(doc: Doc, other: Article) -> list[str]:
    keys = _outlet_keys(other)
    if not keys:
        return []
    return [  # or by another of its names: "AP" of "Associated Press" (``outlet_names``)
        c.name
        for c in credits(doc)
        if c.key in keys or any(k and k in c.key.split() for k in keys) or same_outlet(c.name, other.source or "")
    ]


def _credits_wire_of(doc: Doc, other: Article) -> list[str]:
    """The wire whose dateline opens ``other`` ("WASHINGTON (AP) -": ``other`` carries the wire's own story), when
    ``doc`` credits that wire, in a credit or a contributor line ("The Associated Press contributed to this
    report"), and is no copy of that wire itself (no dateline of the wire opens it, the wire is not its outlet):
    ``doc`` built on the wire's story, of which ``other`` is the copy, so ``other`` is the source of what they share."""
    wire = opening_credit([s.text for s in other.sentences])
    mine = doc.article
    if wire is None or any(same_outlet(wire, name) for name in (mine.source, _host(mine)) if name):
        return []
    own = opening_credit([s.text for s in mine.sentences])
    if own is not None and same_outlet(own, wire):
        return []
    if any(same_outlet(c.name, wire) for c in credits(doc)) or any(
        furniture_line(sv.norm, sv.paragraph) == "contributor_line" and names_outlet(sv.norm, [wire])
        for sv in doc.sents
    ):
        return [wire]
    return []


def _family(kind: str) -> str:
    return kind.split("_", 1)[0]


def evidence(
    a: Article,
    b: Article,
    matches: Sequence[Match],
    only_in_a: Sequence[int],
    only_in_b: Sequence[int],
    flags: Sequence[Flag],
    vectors: Vectors | None = None,
    features: Sequence[str] | None = None,
    fits: bool | None = None,
    topical: bool | None = None,
    plain: bool = True,
) -> Evidence:
    """Gather the direction evidence of one comparison (``vectors``: unit sentence vectors of A and B;
    ``features``: the per-sentence features, by default the fitted model's; ``fits``: measure the neighbour
    fit of the shared passages, by default only when the pair features weigh it; ``topical``: read the
    unmatched sentences, by default only when ``features`` are given or the pair's model weighs them: the
    name look-ups behind them are the dearest part of a lifted passage's direction, which does not;
    ``plain``: count which side's shared sentences read plainer (0 when not))."""
    da, db = doc_for(a), doc_for(b)
    mode = "model" if vectors is not None else "lexical"
    feats = features or direction_model(mode).features
    fitted = "coherence" in direction_model(mode).pair_features if fits is None else fits
    share = shared_share(a, b, matches)
    if topical is None:
        topical = features is not None or weighs_topic(direction_model(mode).pair_for(share))
    core_a = sorted({i for m in matches for i in m.a})
    core_b = sorted({j for m in matches for j in m.b})
    text_a, text_b = copied(da, db, matches) if fitted else (set(), set())  # the passage (``coherence.copied``)
    va, vb = vectors if vectors is not None else (None, None)
    none = Unmatched((), np.zeros((0, len(feats))))
    un_a = unmatched_features(da, db, only_in_a, core_a, core_b, va, vb, feats) if topical else none
    un_b = unmatched_features(db, da, only_in_b, core_b, core_a, vb, va, feats) if topical else none

    # two articles of one outlet naming it tell nothing of who took from whom (an outlet names itself)
    same_outlet = bool(_outlet_keys(a) & _outlet_keys(b))
    a_names_b = [] if same_outlet else _credits_other(da, b)
    b_names_a = [] if same_outlet else _credits_other(db, a)
    # or the wire whose story the other carries under its dateline, where neither credits the other's outlet
    a_wire_b = [] if same_outlet or a_names_b or b_names_a else _credits_wire_of(da, b)
    b_wire_a = [] if same_outlet or a_names_b or b_names_a else _credits_wire_of(db, a)
    a_names_b, b_names_a = a_names_b or a_wire_b, b_names_a or b_wire_a
    credit_other, credit_name = 0.0, ""
    if b_names_a and not a_names_b:
        credit_other, credit_name = 1.0, b_names_a[0]
    elif a_names_b and not b_names_a:
        credit_other, credit_name = -1.0, a_names_b[0]
    credit_wire = bool(credit_other and (a_wire_b or b_wire_a))
    wires_a = {c.key: c.name for c in credits(da) if c.kind in ("outlet", "dateline")}
    wires_b = {c.key for c in credits(db) if c.kind in ("outlet", "dateline")}
    own = _outlet_keys(a) | _outlet_keys(b)
    shared = sorted((set(wires_a) & wires_b) - own)
    shared_wire = wires_a[shared[0]] if shared and not a_names_b and not b_names_a else ""

    spec = 0.0
    attr = 0.0
    lacks_a: set[str] = set()
    lacks_b: set[str] = set()
    for f in flags:
        fam = _family(f.kind)
        if not f.kind.endswith(("_dropped", "_added")):
            continue
        # the side that has the item, not the kind, says who lacks it: flags read from B as the source count alike
        sign = 1.0 if f.a is not None and f.b is None else -1.0 if f.b is not None and f.a is None else 0.0
        if not sign:
            continue
        if fam in SPECIFIC_FAMILIES:
            spec += sign
        elif fam == "attribution":
            text = f.a_text or f.b_text or ""
            if any(k in stem(fold(text)) or k in fold(text) for k in own):
                continue  # a credit to the other article itself is counted as credit_other
            attr += sign
        else:
            continue
        (lacks_a if sign > 0 else lacks_b).add(fam)
    return Evidence(
        mode=mode,
        unmatched_a=un_a,
        unmatched_b=un_b,
        specifics=float(np.clip(spec, -SPECIFICS_CAP, SPECIFICS_CAP)),
        # content words per word differ between languages (French reads denser than English): no sign across them
        plainer=plainer(da, db, matches) if plain and a.language == b.language else 0.0,
        fit_a=neighbour_fit(da, text_a) if fitted else None,
        fit_b=neighbour_fit(db, text_b) if fitted else None,
        attribution=float(np.clip(attr, -ATTRIBUTION_CAP, ATTRIBUTION_CAP)),
        credit_other=credit_other,
        credit_name=credit_name,
        credit_wire=credit_wire,
        shared_wire=shared_wire,
        lacks_a=tuple(sorted(lacks_a)),
        lacks_b=tuple(sorted(lacks_b)),
        shared_share=share,
        quoted=quoted_share(da, db, matches),
    )


_NAMES = {"entity": "names", "number": "numbers", "quote": "quotes", "attribution": "credits"}


def _fit_reasons(ev: Evidence, pm: PairModel, margin: float) -> list[str]:
    """Where the shared passages fit, said whenever that alone moves the score by the ``margin`` that names a
    direction: a call the fit makes alone then always says why (a floor on the fits' difference did not)."""
    tau = pm.tau
    if abs(pm.weights[pm.features.index("coherence")] * oriented(ev.fit_a, ev.fit_b, tau)) < margin:
        return []
    if ev.fit_a is not None and ev.fit_b is not None:
        (hi, fh), (lo, fl) = sorted((("A", ev.fit_a), ("B", ev.fit_b)), key=lambda x: -x[1])
        return [
            f"the sentences around the shared passages carry on their story in {hi} ({fh:.0%} of their content "
            f"words are in the shared material) more than in {lo} ({fl:.0%}): the passages fit {hi}, a sign that "
            f"{hi} is the source"
        ]
    side, other, fit = ("A", "B", ev.fit_a) if ev.fit_a is not None else ("B", "A", ev.fit_b)
    assert fit is not None
    if fit > tau:
        return [
            f"{other} is shared throughout and the sentences around it in {side} carry on its story ({fit:.0%} of "
            f"their content words): a sign that {other} was built from {side}"
        ]
    return [
        f"{other} is shared throughout and the sentences around it in {side} tell another story (only {fit:.0%} "
        f"of their content words are shared): a sign that {side} took {other} in"
    ]


def _reasons(ev: Evidence, model: DirectionModel) -> list[str]:
    out: list[str] = []
    if ev.credit_other and ev.credit_wire:
        by, of = ("B", "A") if ev.credit_other > 0 else ("A", "B")
        out.append(f"{by} credits the wire whose dateline opens {of} ({ev.credit_name}): {of} carries the wire's story")
    elif ev.credit_other > 0:
        out.append(f"B credits A's outlet ({ev.credit_name})")
    elif ev.credit_other < 0:
        out.append(f"A credits B's outlet ({ev.credit_name})")
    if ev.shared_wire:
        out.append(f"both credit the same outlet ({ev.shared_wire})")
    pm = ev.pair_model()
    weighed = {"attribution", *(SPECIFIC_FAMILIES if "specifics" in pm.features else ())}
    for side, other, lacks in (("B", "A", ev.lacks_a), ("A", "B", ev.lacks_b)):
        names = [_NAMES[k] for k in lacks if k in weighed]
        if names:
            out.append(f"{side} lacks " + ", ".join(names) + f" that {other} has in the shared sentences")
    if "coherence" in pm.features:
        out += _fit_reasons(ev, pm, model.margin)
    topical = weighs_topic(pm)  # the lexical passage model does not weigh them
    for side, other, un in (("B", "A", ev.unmatched_b), ("A", "B", ev.unmatched_a)):
        n = len(un.index)
        if not n or not topical:
            continue
        kind = class_probabilities(un.rows, model).argmax(axis=1)
        away, left, piece = (int((kind == c).sum()) for c in (1, 0, 2))
        if away:
            out.append(
                f"{away} of {side}'s {n} unmatched sentences share little with the shared story: material from "
                f"elsewhere, a sign that {other} is the source"
            )
        if left:
            out.append(
                f"{left} of {side}'s {n} unmatched sentences read as details of the shared story that {other} "
                f"left out, a sign that {side} is the source"
            )
        if piece:
            out.append(
                f"{piece} of {side}'s {n} unmatched sentences read as pieces of shared sentences (a split "
                "sentence), no sign either way"
            )
    if "plainer" in pm.features and ev.plainer:  # told whenever it weighs: alone it can decide, at about 0.6
        plain, dense = ("B", "A") if ev.plainer > 0 else ("A", "B")
        n = abs(int(ev.plainer))
        out.append(
            f"{plain}'s shared sentences read plainer than {dense}'s (fewer content words per word) in "
            f"{n} more pair{'s' if n != 1 else ''} than the other way round, as rewrites tend to"
        )
    return out


def decide(
    a: Article,
    b: Article,
    matches: Sequence[Match],
    only_in_a: Sequence[int],
    only_in_b: Sequence[int],
    flags: Sequence[Flag],
    vectors: Vectors | None = None,
) -> tuple[Direction, float, tuple[str, ...]]:
    """The direction, a confidence in 0..1 and the reasons, in plain words."""
    if not matches:
        return "undetermined", 0.0, ("nothing in common to compare",)
    # only what this pair's model weighs: a whole retelling's model reads no neighbour fit, a passage's no plainer
    # sentences (the score and the reasons read neither where it is not weighed)
    weighs = direction_model("model" if vectors is not None else "lexical").pair_for(shared_share(a, b, matches))
    ev = evidence(
        a,
        b,
        matches,
        only_in_a,
        only_in_b,
        flags,
        vectors,
        fits="coherence" in weighs.features,
        plain="plainer" in weighs.features,
    )
    model = direction_model(ev.mode)
    s = score(ev)
    reasons = _reasons(ev, model)

    dated = order(a.date, b.date)
    if dated:
        first: Direction = "a_to_b" if dated < 0 else "b_to_a"
        conf = DATE_CONFIDENCE
        if (s <= -2.0 and first == "a_to_b") or (s >= 2.0 and first == "b_to_a"):
            conf = OVERRULED_CONFIDENCE
            reasons.append("the text evidence points the other way")
        reasons.insert(0, f"{'A' if first == 'a_to_b' else 'B'} was published first")
        return _quoted(first, conf, reasons, ev)

    if ev.credit_other and s * ev.credit_other < model.margin:
        # a credit to the other's outlet says a copy was made, as a date says which came first: the text evidence
        # (read on retellings, where the source holds more details; a copier adds reporting of its own) does not
        # overrule it, it lowers its confidence
        reasons.append("the text evidence points the other way")
        return _quoted("a_to_b" if ev.credit_other > 0 else "b_to_a", OVERRULED_CONFIDENCE, reasons, ev)
    if ev.shared_wire and abs(s) <= SHARED_WIRE:
        return "common_source", COMMON_CONFIDENCE, tuple(reasons)
    if abs(s) < model.margin:
        return "undetermined", 0.0, tuple(reasons) or ("no asymmetry in the evidence",)
    pm = ev.pair_model()  # its confidence map: a passage model's scores are worth more than their logistic
    cap = CREDIT_CONFIDENCE if ev.credit_other * s > 0 else pm.cap or MAX_CONFIDENCE
    conf = round(min(cap, 1 / (1 + math.exp(-pm.slope * abs(s)))), 3)
    return _quoted("a_to_b" if s > 0 else "b_to_a", conf, reasons, ev)


def _quoted(
    direction: Direction, conf: float, reasons: list[str], ev: Evidence
) -> tuple[Direction, float, tuple[str, ...]]:
    """A common source, the speaker, where the shared words are (nearly all) quoted in both articles (a statement, an
    embedded post): each may have taken them from there, so which came first says nothing of who took from whom. A
    credit naming the other article's outlet says a copy was made, and keeps the call."""
    if ev.quoted <= QUOTED_MOST or ev.credit_other:
        return direction, conf, tuple(reasons)
    reasons.append(
        f"{ev.quoted:.0%} of the shared words are quoted in both articles (inside quote marks or an embedded post): "
        "both may have taken them from a common source, the speaker, so neither is named the source"
    )
    return "common_source", COMMON_CONFIDENCE, tuple(reasons)
