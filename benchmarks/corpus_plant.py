"""Planted reuse for the corpus benchmarks: light edits, lifted passages, paraphrased articles.

Every function takes a ``random.Random`` and is deterministic with it. Records are dicts with
``id``, ``title``, ``text``, ``source`` and ``published`` (``YYYY-MM-DD`` or None); paragraphs in
``text`` are separated by a blank line, sentences are split per paragraph with sentencex.
"""

from __future__ import annotations

import datetime as dt
import random
import re

from sentencex import segment

FIRST_DAY, LAST_DAY = dt.date(2012, 4, 3), dt.date(2020, 7, 21)  # the span of news_allsides
MODIFIERS = {
    "new", "big", "major", "former", "recent", "large", "small", "top", "key", "senior", "very", "also", "just",
    "only", "still", "really", "even", "early", "late", "high", "low", "long", "local", "national", "federal",
    "other", "several", "many", "few", "last", "next", "more", "most", "much", "already", "now", "again",
}  # fmt: skip
MODIFIER = re.compile(r"^[a-z]{4,}(ly|ous|ful|ive|ical|able|ible|less)$")
FUNCTION = {
    "the": "a", "a": "the", "that": "which", "but": "yet", "about": "around", "because": "since",
    "while": "whereas", "on": "upon", "in": "within", "to": "towards", "and": "plus", "after": "following",
}  # fmt: skip
WORD = re.compile(r"^[A-Za-z]+$")


def sentences(paragraph: str) -> list[str]:
    """The sentences of one paragraph, stripped (each one a substring of the paragraph)."""
    return [s.strip() for s in segment("en", paragraph) if s.strip()]


def paragraphs(text: str) -> list[list[str]]:
    return [sentences(p) for p in text.split("\n\n") if p.strip()]


def join(paras: list[list[str]]) -> str:
    return "\n\n".join(" ".join(p) for p in paras if p)


# -- light edits ------------------------------------------------------------------------------


def _drop_modifier(rng: random.Random, w: list[str]) -> list[str] | None:
    idx = [i for i in range(1, len(w) - 1) if w[i] in MODIFIERS or MODIFIER.match(w[i])]
    if not idx:
        return None
    i = rng.choice(idx)
    return w[:i] + w[i + 1 :]


def _swap(rng: random.Random, w: list[str]) -> list[str] | None:
    idx = [i for i in range(1, len(w) - 2) if WORD.match(w[i]) and WORD.match(w[i + 1])]
    if not idx:
        return None
    i = rng.choice(idx)
    return [*w[:i], w[i + 1], w[i], *w[i + 2 :]]


def _said(rng: random.Random, w: list[str]) -> list[str] | None:
    idx = [i for i, x in enumerate(w) if x.rstrip(",.") == "said"]
    if not idx:
        return None
    i = rng.choice(idx)
    return [*w[:i], w[i].replace("said", rng.choice(["stated", "told reporters"])), *w[i + 1 :]]


def _function_word(rng: random.Random, w: list[str]) -> list[str] | None:
    idx = [i for i in range(1, len(w)) if w[i] in FUNCTION]
    if not idx:
        return None
    i = rng.choice(idx)
    return [*w[:i], FUNCTION[w[i]], *w[i + 1 :]]


def _drop_clause(rng: random.Random, w: list[str]) -> list[str] | None:
    cut = [i for i in range(len(w) // 2, len(w) - 2) if w[i].endswith(",") and not re.search(r"[\"“”]", w[i])]
    if not cut or any(re.search(r"[\"“”]", x) for x in w[cut[-1] + 1 :]):
        return None
    i = cut[-1]
    return [*w[:i], w[i][:-1] + "."]


EDITS = (_drop_modifier, _swap, _said, _function_word, _drop_clause)


def edit_sentence(rng: random.Random, sentence: str) -> str:
    """1-3 small edits of different kinds (drop a modifier, swap two neighbours, 'said' -> 'stated' or
    'told reporters', change a function word, drop a trailing clause after a comma); most words stay.
    A sentence of fewer than four words is returned unchanged."""
    w = sentence.split()
    if len(w) < 4:
        return sentence
    ops = list(EDITS)
    rng.shuffle(ops)
    todo = rng.randint(1, 3)
    for op in ops:  # each kind of edit at most once
        got = op(rng, w) if todo else None
        if got is not None and got != w:
            w, todo = got, todo - 1
    return " ".join(w)


# -- dates --------------------------------------------------------------------------------------


def day(s: str | None) -> dt.date | None:
    return dt.date.fromisoformat(s) if s else None


def random_day(rng: random.Random) -> dt.date:
    return FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days - 60))


def later(rng: random.Random, source: dict, copy_day: str | None = None) -> str:
    """A date for a copy of ``source``: ``copy_day`` when it is later, else 1-30 days after the source.
    A source without a date gets one first (before ``copy_day`` when there is one)."""
    if source["published"] is None:
        c = day(copy_day)
        source["published"] = str(c - dt.timedelta(days=rng.randint(1, 30)) if c else random_day(rng))
    s = day(source["published"])
    c = day(copy_day)
    assert s is not None
    return str(c if c and c > s else s + dt.timedelta(days=rng.randint(1, 30)))


# -- planting -------------------------------------------------------------------------------------


def passage(rng: random.Random, source: dict) -> list[str] | None:
    """3-10 consecutive sentences of ``source`` (each of 5+ words), or None when it has no such run."""
    flat = [s for p in paragraphs(source["text"]) for s in p]
    for k in (rng.randint(3, 10), 3):
        starts = [i for i in range(len(flat) - k + 1) if all(len(s.split()) >= 5 for s in flat[i : i + k])]
        if starts:
            i = rng.choice(starts)
            return flat[i : i + k]
    return None


def any_sentence(rng: random.Random, article: dict) -> str:
    """One sentence (5+ words where there is one) of ``article``."""
    flat = [s for p in paragraphs(article["text"]) for s in p]
    return rng.choice([s for s in flat if len(s.split()) >= 5] or flat)


def plant_passage(rng: random.Random, source: dict, target: dict, new_id: str, edited: bool) -> dict | None:
    """``target`` with a passage of ``source`` inserted at a paragraph boundary (``edited``: each
    sentence lightly edited). Keeps the target's outlet; dated after the source (whose date may be set)."""
    lifted = passage(rng, source)
    if lifted is None:
        return None
    if edited:
        lifted = [edit_sentence(rng, s) for s in lifted]
    paras = target["text"].split("\n\n")
    at = rng.randint(1, len(paras)) if len(paras) > 1 else 1
    text = "\n\n".join([*paras[:at], " ".join(lifted), *paras[at:]])
    published = later(rng, source, target["published"])
    return {**target, "id": new_id, "text": text, "published": published}


def plant_light_edit(rng: random.Random, source: dict, donor: str, outlet: str, new_id: str) -> dict:
    """A whole article lightly edited: about half its sentences edited, one dropped, ``donor`` (a
    sentence of another article) appended; a new outlet and a later date."""
    paras = paragraphs(source["text"])
    slots = [(i, j) for i, p in enumerate(paras) for j in range(len(p))]
    for i, j in rng.sample(slots, len(slots) // 2):
        paras[i][j] = edit_sentence(rng, paras[i][j])
    i, j = rng.choice(slots[1:] or slots)
    del paras[i][j]
    paras.append([donor])
    title = edit_sentence(rng, source["title"]) if source["title"] else None
    return {"id": new_id, "title": title, "text": join(paras), "source": outlet, "published": later(rng, source)}


def _chunks(lines: list[str], size: int = 3) -> list[list[str]]:
    return [lines[k : k + size] for k in range(0, len(lines), size)]


def _swap_adjacent(rng: random.Random, lines: list[str], times: int) -> list[str]:
    lines = list(lines)
    for _ in range(times):
        if len(lines) > 2:
            j = rng.randrange(len(lines) - 1)
            lines[j], lines[j + 1] = lines[j + 1], lines[j]
    return lines


def paraphrase_pair(rng: random.Random, original: list[str], retold: list[str], prefix: str, outlets: list[str]):
    """An (original, retelling) record pair from aligned sentence lists, at two different outlets."""
    o_out, r_out = rng.sample(outlets, 2)
    first = random_day(rng)
    a = {"id": f"{prefix}-1", "title": None, "text": join(_chunks(original)), "source": o_out, "published": str(first)}
    b_day = first + dt.timedelta(days=rng.randint(1, 10))
    b = {"id": f"{prefix}-2", "title": None, "text": join(_chunks(retold)), "source": r_out, "published": str(b_day)}
    return a, b


def wmt_articles(rng: random.Random, rows: list[dict], n: int, outlets: list[str]) -> list[tuple[dict, dict]]:
    """Up to ``n`` runs of 15-25 consecutive WMT19 lines: originals (``a``) and their rewrites (``b``,
    a fifth dropped, two adjacent pairs swapped)."""
    rows = sorted(rows, key=lambda r: r["line"])
    out: list[tuple[dict, dict]] = []
    i = 0
    while len(out) < n and i + 15 <= len(rows):
        run = rows[i : i + rng.randint(15, 25)]
        i += len(run)
        kept = _swap_adjacent(rng, [r["b"] for r in run if rng.random() >= 0.2], 2)
        out.append(paraphrase_pair(rng, [r["a"] for r in run], kept, f"wmt19-{len(out):03d}", outlets))
    return out


def mrpc_articles(rng: random.Random, rows: list[dict], n: int, outlets: list[str]) -> list[tuple[dict, dict]]:
    """Up to ``n`` pseudo-articles of 15 MRPC paraphrase pairs (label 1, no sentence used twice):
    the ``a`` sides in order, the ``b`` sides with three adjacent swaps."""
    seen: set[str] = set()
    pairs = []
    for r in rows:
        if r["label"] == 1 and r["a"] not in seen and r["b"] not in seen:
            seen.update((r["a"], r["b"]))
            pairs.append((r["a"], r["b"]))
    rng.shuffle(pairs)
    out = []
    for k in range(min(n, len(pairs) // 15)):
        group = pairs[15 * k : 15 * (k + 1)]
        b = _swap_adjacent(rng, [y for _, y in group], 3)
        out.append(paraphrase_pair(rng, [x for x, _ in group], b, f"mrpc-{k:03d}", outlets))
    return out
