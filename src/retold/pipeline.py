"""One comparison end to end: read, embed, align, label, judge, flag."""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping
from functools import partial

import numpy as np

from retold._args import ARTICLE, fields_arg, path_arg, relations_arg
from retold.align import translation
from retold.align.align import LEXICAL_THRESHOLDS, MODEL_THRESHOLDS, align, link_scores
from retold.align.label import distinct_links, label_groups, same_words
from retold.align.verdict import MIN_WORDS, relate, too_short
from retold.config import DEFAULT_LANGUAGE, LIMITS
from retold.embed import Encoder, get_encoder
from retold.errors import InputError, UsageError
from retold.ingest import read_article
from retold.ingest.dates import UNREAD_NOTE, unread, unread_reason
from retold.model import Article, Comparison, Direction, Flag, Side, Verdict
from retold.text.words import counted

LEXICAL_NOTE = (
    "lexical mode: no sentence model was used, so a sentence is found retold only where it keeps many of its "
    "words (labelled edited, or paraphrase from the words alone); sentences listed as only in one article may "
    "still be retold there in other words"
)

TOO_SHORT_NOTE = (
    "{side} has {words}: too little text to judge a retelling (it takes {least} words at least), so the pair "
    "is called unrelated unless the two texts are the same"
)
UNCHECKED_NOTE = "fidelity checks skipped (--no-flags): no flags were looked for and the direction was not decided"
NOT_ASKED_NOTE = (
    "fidelity checks asked for {asked}, not for a {relation} pair: no flags were looked for and the "
    "direction was not decided"
)


def _as_article(x: Article | str | os.PathLike[str], fields: Mapping[str, str] | None = None) -> Article:
    return x if isinstance(x, Article) else read_article(path_arg(x, ARTICLE), fields=fields)


def _check_size(a: Article, b: Article, limit: int) -> None:
    """Stop before the all-pairs work when an article has more sentences than ``limit`` (time and memory
    grow with the product of both counts)."""
    for art in (a, b):
        if len(art.sentences) > limit:
            raise InputError(
                art.path or art.id,
                f"{len(art.sentences):,} sentences, over the limit of {limit:,} a comparison takes "
                "(raise it with RETOLD_MAX_SENTENCES, or compare's --max-sentences)",
            )


def compare(
    a: Article | str | os.PathLike[str],
    b: Article | str | os.PathLike[str],
    *,
    model: str | None = None,
    lexical: bool = False,
    encoder: Encoder | None = None,
    vectors: tuple[np.ndarray, np.ndarray] | None = None,
    fidelity: bool | Collection[str] = True,
    max_sentences: int | None = None,
    flags: bool = True,
    fields: Mapping[str, str] | None = None,
) -> Comparison:
    """Explain how ``b`` retells ``a`` (or the reverse): alignment, labels, verdict, flags.

    The flags say what the retelling did to the source: when the direction names the earlier article
    they read from it, whichever order the two were given in; otherwise from A to B (with a note).

    ``a``/``b`` are articles or paths (``FILE#ID`` picks a record; ``fields`` maps retold's field names to a
    records file's, ``{"text": "body"}``, as ``--field text=body`` does). ``lexical`` uses no model;
    ``model`` names one (default: the offline MiniLM); ``vectors`` passes precomputed unit
    sentence vectors so a corpus never embeds a sentence twice. ``fidelity`` turns the flags and
    the direction off (False), or on only for pairs of these relations (names from ``retold.model.RELATIONS``;
    one name alone is one; a scan needs them for reuse only): an unknown name is a :class:`UsageError`.
    ``max_sentences`` (default ``RETOLD_MAX_SENTENCES``, 0 for none) bounds the work: a longer article
    is an :class:`InputError` before any pair is weighed. ``flags=False`` decides the direction as
    before but reads only the changes it weighs and returns no flags and no word diffs (a scan stores neither).
    """
    if max_sentences is not None and not (isinstance(max_sentences, int) and max_sentences >= 0):
        raise UsageError(f"max_sentences must be a whole number >= 0 (0: no limit), or None (got {max_sentences!r})")
    fidelity = relations_arg(fidelity, "fidelity")
    fields = fields_arg(fields)
    art_a, art_b = _as_article(a, fields), _as_article(b, fields)
    if max_sentences != 0:
        _check_size(art_a, art_b, LIMITS.max_sentences if max_sentences is None else max_sentences)
    texts_a = [s.norm for s in art_a.sentences]
    texts_b = [s.norm for s in art_b.sentences]
    va = vb = None
    enc_name = None
    cross = art_a.language != art_b.language
    if not lexical:
        if vectors is not None:
            va, vb = vectors
        else:
            enc = encoder
            if enc is None or (cross and not translation.reads_across(enc.name)):  # a store's English-only model
                enc = get_encoder(translation.model_for(art_a.language, art_b.language, model))  # cannot read across
            enc_name = enc.name
            # each distinct sentence once (an article may repeat one a thousand times); the vectors are the same
            distinct = {t: k for k, t in enumerate(dict.fromkeys([*texts_a, *texts_b]))}
            both = enc.encode(list(distinct))[[distinct[t] for t in [*texts_a, *texts_b]]]
            va, vb = both[: len(texts_a)], both[len(texts_a) :]
    mode = "lexical" if lexical else "model"
    pm = distinct_links(texts_a, texts_b, va, vb)
    bounds, translate_at = LEXICAL_THRESHOLDS if lexical else MODEL_THRESHOLDS, None
    across = cross and not lexical and translation.reads_across(enc_name or model)
    if across:
        bounds, translate_at = translation.thresholds(enc_name or model or "")
    # across languages the words differ, so a join's words tell nothing
    groups = align(link_scores(pm), bounds, exact=pm.same, terms=None if cross else (pm.terms_a, pm.terms_b))
    matches = sorted(
        label_groups(art_a, art_b, groups, va, vb, mode, translate_at, diffs=flags), key=lambda mt: (mt.a[0], mt.b[0])
    )
    if across:  # a related pair next in order to a translation joins its run
        matches = translation.follow_order(matches, bounds.related)
    in_a = {i for mt in matches for i in mt.a}
    in_b = {j for mt in matches for j in mt.b}
    only_a = tuple(i for i in range(len(texts_a)) if i not in in_a)
    only_b = tuple(j for j in range(len(texts_b)) if j not in in_b)
    relation, score, cov_a, cov_b = relate(art_a, art_b, matches)
    if relation != "identical" and len(texts_a) == len(texts_b) and all(map(same_words, texts_a, texts_b)):
        # the same words sentence for sentence: a line without words ("* * *") matches nothing but differs in nothing
        relation, score = "identical", 1.0
    found: tuple[Flag, ...] = ()
    direction: Direction = "undetermined"
    confidence = 0.0
    reasons: tuple[str, ...] = ()
    source: Side = "a"
    decided = False
    notes = [LEXICAL_NOTE] if lexical else []
    notes += [
        UNREAD_NOTE.format(side=k, value=x.published, why=unread_reason(x.published))
        for k, x in (("A", art_a), ("B", art_b))
        if x.published is not None and unread(x.published, x.date)
    ]
    if relation != "identical":
        notes += [
            TOO_SHORT_NOTE.format(side=k, words=counted(n, "word"), least=MIN_WORDS) for k, n in too_short(art_a, art_b)
        ]
    if cross:
        langs = {"a": art_a.language, "b": art_b.language, "model": enc_name or model}
        note = translation.CROSS_NOTE if across else translation.ENGLISH_ONLY_NOTE
        notes.append((translation.LEXICAL_CROSS_NOTE if lexical else note).format(**langs))
    wanted = relation != "unrelated" if isinstance(fidelity, bool) else relation in fidelity
    if fidelity is False:  # a report must not read "no flags" where none were looked for
        notes.append(UNCHECKED_NOTE)
    elif not wanted and not isinstance(fidelity, bool):
        asked = f"{', '.join(sorted(fidelity))} pairs only" if fidelity else "no relation"
        notes.append(NOT_ASKED_NOTE.format(asked=asked, relation=relation))
    if fidelity and wanted:
        from retold import fidelity as fid

        # the direction weighs the flags read from A to B; the flags shown are then read from the source
        if cross:
            from retold.fidelity import crosslingual

            analyse = crosslingual.analyse
        elif not flags:
            analyse = partial(fid.weighed, mode=mode)
        else:
            analyse = fid.analyse
        forward = analyse(art_a, art_b, matches, only_a, only_b)
        direction, confidence, reasons = fid.decide_direction(
            art_a, art_b, matches, only_a, only_b, forward, None if va is None or vb is None else (va, vb)
        )
        if relation == "identical" and not (art_a.published and art_b.published and art_a.published != art_b.published):
            # the same text twice carries no sign of which came first; only two different dates can tell
            direction, confidence, reasons = "undetermined", 0.0, ("identical texts: nothing tells which came first",)
        if flags and relation == "same_story":
            notes.append(fid.INDEPENDENT_NOTE)
        elif flags:
            found, source, decided = fid.from_source(analyse, art_a, art_b, matches, only_a, only_b, direction, forward)
            if not decided:  # "nothing flagged" too holds for A read as the source: B's reading may find more
                notes.append(fid.UNDECIDED_NOTE.format(direction=direction.replace("_", " ")))
    verdict = Verdict(relation, score, cov_a, cov_b, direction, round(float(confidence), 4), tuple(reasons))
    return Comparison(
        a=art_a,
        b=art_b,
        matches=tuple(matches),
        only_in_a=only_a,
        only_in_b=only_b,
        verdict=verdict,
        flags=found,
        mode=mode,
        model=None if lexical else (enc_name or (model or "all-MiniLM-L6-v2-int8")),
        notes=tuple(notes),
        flags_source=source,
        flags_source_decided=decided,
    )


def warm(*, lexical: bool = True, encoder: Encoder | None = None, language: str | None = None) -> None:
    """Compare a tiny made-up pair, so that the modules and fitted models a comparison loads on first use
    are in memory before real work (a server's first request, a scan's worker) waits for them. ``language``:
    the pair is taken to be in it, so the language identifier is not loaded, for a process that only compares
    articles whose language was read before (a scan's worker: py3langid's model is 75 MiB of its heap)."""
    from retold.ingest import article_from_text

    lang = language or DEFAULT_LANGUAGE
    a = article_from_text(
        "Dock workers in Calden voted on Tuesday to end a strike, the union said.", id="a", language=lang
    )
    b = article_from_text("Calden dock workers voted on Tuesday to end their strike.", id="b", language=lang)
    compare(a, b, lexical=lexical, encoder=encoder)
