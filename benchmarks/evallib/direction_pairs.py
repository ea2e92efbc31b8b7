"""The pairs ``direction_cv.py`` compares, truth known by construction (planted lifts, condensed retellings, lifts
into an article on the source's subject, WMT19 pseudo-articles) or given (PAN13, Clough & Stevenson), and the raw
evidence it keeps of each comparison. Part of the script's cache key: a change here recomputes its rows."""

from __future__ import annotations

import random
from collections.abc import Iterator
from functools import cache
from typing import Any

import numpy as np

import retold
from evallib.common import Options

Row = dict[str, Any]


def full_evidence(c: Any, opts: Options) -> Any:
    """The direction evidence of one comparison with every part measured (the neighbour fits and the unmatched
    sentences, whatever the shipped models weigh), in the mode of ``opts``."""
    from retold.fidelity import direction as D

    vectors = None
    if not opts.lexical:
        enc = opts.encoder()
        vectors = (enc.encode([s.norm for s in c.a.sentences]), enc.encode([s.norm for s in c.b.sentences]))
    return D.evidence(c.a, c.b, c.matches, c.only_in_a, c.only_in_b, c.flags, vectors, fits=True, topical=True)


def pair_row(c: Any, a_is_source: bool, opts: Options) -> Row:
    """The raw pair evidence of one comparison (features oriented so that > 0 points to A)."""
    from retold.fidelity import direction as D
    from retold.fidelity import direction_score as S

    ev = full_evidence(c, opts)
    model = D.direction_model(ev.mode)
    values = S.pair_values(ev, model)
    fixed = S.ATTRIBUTION_WEIGHT * ev.attribution + S.CREDIT_OTHER * ev.credit_other
    return {
        "y": int(a_is_source),
        **{k: values[k] for k in ("topic_sum", "topic_mean", "specifics", "plainer")},
        "fit_a": ev.fit_a,
        "fit_b": ev.fit_b,
        "fixed": fixed,
        "shipped": S.score(ev),
        "whole": sum(w * values[f] for f, w in zip(model.pair.features, model.pair.weights, strict=True)) + fixed,
        "relation": c.verdict.relation,
        "cov_a": c.verdict.coverage_a,
        "cov_b": c.verdict.coverage_b,
    }


def planted(
    rng: random.Random, pairs: Iterator[tuple[dict, dict]], n: int, prefix: str
) -> Iterator[tuple[Any, Any, bool]]:
    """Up to ``n`` (source, host) pairs made lifts: a passage of the source planted in the host, verbatim or
    lightly edited alternately (``corpus_plant.plant_passage``)."""
    import corpus_plant as plant

    k = 0
    for s, t in pairs:
        if k >= n:
            break
        copy = plant.plant_passage(rng, dict(s), dict(t), f"{prefix}-{k}", edited=k % 2 == 1)
        if copy is None:
            continue
        a = retold.article_from_text(s["text"], id=s["id"], title=s["title"])
        b = retold.article_from_text(copy["text"], id=copy["id"], title=copy["title"])
        yield a, b, k % 4 < 3
        k += 1


def lift_pairs(n: int) -> Iterator[tuple[Any, Any, bool]]:
    import corpus_data as cd

    allsides, _ = cd.news()
    arts = [dict(a, published=None) for a in allsides]
    off_topic = (
        (s, t)
        for s, t in zip(arts[0::2], arts[1::2], strict=False)
        if cd.outlet(s) != cd.outlet(t) and not (cd._title_words(s) & cd._title_words(t))
    )
    return planted(random.Random(7), off_topic, n, "copy")


SAME_STORY = 0.3  # TF-IDF cosine from which two news_allsides articles of other outlets tell the same story


@cache
def news_tfidf() -> tuple[list[dict], Any]:
    """The news_allsides articles (undated, in file order) and their TF-IDF vectors (rows of unit length)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    import corpus_data as cd

    allsides, _ = cd.news()
    arts = [dict(a, published=None) for a in allsides]
    tfidf = TfidfVectorizer(stop_words="english", max_features=50_000, sublinear_tf=True).fit_transform(
        [a["text"] for a in arts]
    )
    return arts, tfidf


def nearest(same_story: bool) -> Iterator[tuple[dict, dict]]:
    """Each article with its nearest article of another outlet by TF-IDF cosine: on the same story (the
    nearest of all, where that is at least ``SAME_STORY``) or, with ``same_story`` False, on its subject but
    another story (the nearest under ``SAME_STORY`` among other outlets')."""
    import corpus_data as cd

    arts, tfidf = news_tfidf()
    outlets = np.array([cd.outlet(a) for a in arts])
    for i, s in enumerate(arts):
        sims = (tfidf[i] @ tfidf.T).toarray().ravel()
        sims[i] = 0.0
        if not same_story:
            sims[(sims >= SAME_STORY) | (outlets == cd.outlet(s))] = 0.0
        j = int(sims.argmax())
        if (sims[j] >= SAME_STORY) == same_story and sims[j] > 0 and cd.outlet(arts[j]) != cd.outlet(s):
            yield s, arts[j]


def condensed_draws(n: int) -> Iterator[tuple[Any, Any, set[str], set[str]]]:
    """A shorter retelling that keeps about half of a source's sentences (in order, every other one lightly
    edited) and weaves in 2-4 sentences of another outlet's article on the same story (``nearest``):
    the retelling's own material is on topic, as a rewriter's or a student's is. Each with the source's
    sentences it kept (before their edits) and the other outlet's it wove in."""
    import corpus_plant as plant

    rng = random.Random(11)
    k = 0
    for s, other in nearest(same_story=True):
        if k >= n:
            break
        src = [x for para in plant.paragraphs(s["text"]) for x in para]
        own = [x for para in plant.paragraphs(other["text"]) for x in para]
        if len(src) < 8 or len(own) < 4:
            continue
        kept = [x for x in src if rng.random() < 0.5]
        kept_src = set(kept)
        kept = [plant.edit_sentence(rng, x) if m % 2 else x for m, x in enumerate(kept)]
        woven = rng.sample(own, rng.randint(2, 4))
        for x in woven:
            kept.insert(rng.randint(0, len(kept)), x)
        a = retold.article_from_text(s["text"], id=s["id"], title=s["title"])
        b = retold.article_from_text(" ".join(kept), id=f"condensed-{k}")
        yield a, b, kept_src, set(woven)
        k += 1


def condensed_pairs(n: int) -> Iterator[tuple[Any, Any, bool]]:
    """``condensed_draws``' pairs, three in four for training."""
    for k, (a, b, _, _) in enumerate(condensed_draws(n)):
        yield a, b, k % 4 < 3


def ontopic_pairs(n: int) -> Iterator[tuple[Any, Any, bool]]:
    """Lifts whose host is on the source's subject: 3-10 consecutive sentences of a news_allsides article
    (verbatim or lightly edited, alternately) inserted at a paragraph boundary of the other outlet's article
    nearest to it that tells another story (``nearest``), so the copy's own sentences around the passage
    share some of its words, as in a web page or an essay written on its source's subject."""
    return planted(random.Random(13), nearest(same_story=False), n, "ontopic")


def wmt_pairs(odd: bool) -> Iterator[tuple[Any, Any, bool]]:
    from evallib import wmt19
    from evallib.data import default_path, read_jsonl

    originals, retellings = wmt19.build(read_jsonl(default_path("wmt19-docs")), None)
    for k in range(len(originals)):
        if wmt19.held_out(k) == odd:
            a, _ = wmt19.article(originals[k], f"orig-{k}")
            b, _ = wmt19.article(retellings[k].lines, f"retold-{k}")
            yield a, b, k % 4 < 2


def pan13_pairs() -> Iterator[tuple[Any, Any, bool]]:
    from evallib import pan13

    rows, docs = pan13.load(None)
    for k, r in enumerate(rows):
        a = retold.article_from_text(docs[r["src_id"]], id=r["src_id"])
        b = retold.article_from_text(docs[r["susp_id"]], id=r["susp_id"])
        yield a, b, k % 4 < 3


def clough_pairs() -> Iterator[tuple[Any, Any, bool]]:
    from evallib.data import default_path, read_jsonl

    for k, r in enumerate(x for x in read_jsonl(default_path("clough")) if x["label"] != "non"):
        a = retold.article_from_text(r["a"], id=r.get("a_id", "source"))
        b = retold.article_from_text(r["b"], id=r.get("b_id", r["id"]))
        yield a, b, k % 4 < 3
