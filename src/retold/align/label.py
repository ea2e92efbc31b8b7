"""Labels of aligned sentence groups (verbatim, edited, paraphrase, translation, related), their scores
and evidence: what each match of a comparison says about how one article's sentences retell the other's."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from retold.align.align import Group
from retold.align.diff import word_diff
from retold.align.features import Links, links, numbers
from retold.align.paraphrase import paired_rows, paraphrase_model, paraphrase_prob
from retold.align.terms import sentence_words
from retold.embed.base import unit_rows
from retold.model import Article, DiffOp, Label, Match
from retold.text.normalise import comparable, has_minus


def distinct_links(
    texts_a: Sequence[str], texts_b: Sequence[str], va: np.ndarray | None, vb: np.ndarray | None
) -> Links:
    """``links`` over each distinct sentence once, spread back to every copy: an article that repeats
    one sentence 1,000 times otherwise joins every pair's shared terms (1.7 GB, benchmarks/bounded_compare.py).
    Without vectors ``links`` itself joins each distinct sentence once (``terms.ArticleTerms.index``), and the
    counts and shares of a sentence do not depend on the order the distinct ones are read in."""
    if va is None and vb is None:
        return links(texts_a, texts_b, None, None)
    first_a = {t: k for k, t in reversed(list(enumerate(texts_a)))}
    first_b = {t: k for k, t in reversed(list(enumerate(texts_b)))}
    if len(first_a) == len(texts_a) and len(first_b) == len(texts_b):
        return links(texts_a, texts_b, va, vb)
    ua, ub = list(first_a), list(first_b)
    ka, kb = [first_a[t] for t in ua], [first_b[t] for t in ub]
    ln = links(ua, ub, None if va is None else va[ka], None if vb is None else vb[kb])
    pos_a, pos_b = {t: k for k, t in enumerate(ua)}, {t: k for k, t in enumerate(ub)}
    ia = np.array([pos_a[t] for t in texts_a], dtype=np.intp)
    ib = np.array([pos_b[t] for t in texts_b], dtype=np.intp)
    ab, ba = np.ix_(ia, ib), np.ix_(ib, ia)
    return Links(
        cos=None if ln.cos is None else ln.cos[ab],
        word_ab=ln.word_ab[ab],
        word_ba=ln.word_ba[ba],
        same=ln.same[ab],
        terms_a=tuple(ln.terms_a[k] for k in ia),
        terms_b=tuple(ln.terms_b[k] for k in ib),
    )


def same_words(text_a: str, text_b: str) -> bool:
    """``comparable(text_a) == comparable(text_b)``; without a minus sign to read the comparable text is the words
    ``sentence_words`` kept for the sentence (a group of one sentence: most of them)."""
    if has_minus(text_a) or has_minus(text_b):
        return comparable(text_a) == comparable(text_b)
    return sentence_words(text_a)[1] == sentence_words(text_b)[1]


def label_of(text_a: str, text_b: str, rows: dict[str, float], p_para: float, mode: str, weak: bool) -> Label:
    if same_words(text_a, text_b):
        return "verbatim"
    edit = rows["edit"]
    wmin = rows["word_min"]
    if edit >= 0.75 and wmin >= 0.6:
        return "edited"
    if not weak and p_para >= paraphrase_model(mode).threshold:
        return "paraphrase"
    return "related"


def label_groups(
    a: Article,
    b: Article,
    groups: Sequence[Group],
    va: np.ndarray | None,
    vb: np.ndarray | None,
    mode: str,
    translate_at: float | None = None,
    diffs: bool = True,
) -> list[Match]:
    """Label and score every group; the evidence for all groups is computed in one batch.

    ``translate_at``: the articles are in different languages; a pair that is neither verbatim nor edited is
    a ``translation`` from this multilingual cosine up, else ``related`` (the paraphrase model reads word
    overlap, which a translation lacks). ``diffs=False`` leaves out the word diffs (only reports show them)."""
    if not groups:
        return []
    sides = [(sorted(g.a), sorted(g.b)) for g in groups]
    ta = [" ".join(a.sentences[i].norm for i in ia) for ia, _ in sides]
    tb = [" ".join(b.sentences[j].norm for j in ib) for _, ib in sides]
    ga = gb = None
    if va is not None and vb is not None:
        ga = unit_rows(np.stack([va[ia].mean(axis=0) for ia, _ in sides]))
        gb = unit_rows(np.stack([vb[ib].mean(axis=0) for _, ib in sides]))
    pairs = paired_rows(ta, tb, ga, gb, [numbers(t) for t in ta], [numbers(t) for t in tb])
    probs = paraphrase_prob({k: v.reshape(-1, 1) for k, v in pairs.items()}, mode)[:, 0].tolist()
    values = {name: v.tolist() for name, v in pairs.items()}  # each group's features as floats, read once
    out = []
    for k, (g, (ia, ib)) in enumerate(zip(groups, sides, strict=True)):
        rows = {name: v[k] for name, v in values.items()}
        p = probs[k]
        label = label_of(ta[k], tb[k], rows, p, mode, g.weak)
        if translate_at is not None and label in ("paraphrase", "related") and "cos" in rows:
            p = min(1.0, max(0.0, rows["cos"]))
            label = "translation" if p >= translate_at and not g.weak else "related"
        score = 1.0 if label == "verbatim" else max(p, rows["edit"]) if label == "edited" else p
        evidence = {name: round(v, 4) for name, v in rows.items()}
        evidence["link"] = round(g.seed, 4)
        diff: tuple[DiffOp, ...] = ()
        if diffs:
            orig_a = " ".join(a.sentences[i].text for i in ia)
            orig_b = " ".join(b.sentences[j].text for j in ib)
            diff = word_diff(orig_a, orig_b)
        out.append(Match(tuple(ia), tuple(ib), label, round(score, 4), diff, evidence))
    return out
