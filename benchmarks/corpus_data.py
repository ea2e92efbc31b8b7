"""Real-length news corpora with planted reuse for the corpus benchmarks (data in ``../shared/data``).

``build(size, folder, seed)`` writes ``folder/corpus.jsonl`` (``id``, ``title``, ``text``, ``source``,
``published``) and returns the ground truth, a list of ``Planted(source, copy, kind, directed)``.

The articles are whole real news stories: news_allsides (14,000, median 741 words), topped up for
bigger tiers with news_reuters_c50, news_bbc, news_reuters21578 and news_wikinews (whole articles of
150+ words; about 26,500 distinct articles in all, so a bigger ``size`` gets fewer). Exact duplicate
texts are dropped; a first paragraph that repeats the title is dropped (the reader puts the title
first). Planted kinds, about ``per_kind(size)`` of each (10 at 1,000 articles, 50 at 10,000):

* ``verbatim_passage``: 3-10 consecutive sentences of news_allsides article S inserted as a paragraph
  at a paragraph boundary of article T of another outlet (no shared title word); the copy replaces T,
  keeps T's outlet and is dated after S (an undated S gets a date before the copy's);
* ``edited_passage``: the same with each sentence lightly edited (``corpus_plant.edit_sentence``);
* ``light_edit_article``: a whole article, about half its sentences edited, one dropped, one sentence
  of another article appended, at a new outlet, dated later;
* ``paraphrase_wmt``: WMT19 rewrites (German): a run of 15-25 consecutive lines is the original, the
  rewritten lines (a fifth dropped, two adjacent pairs swapped) the retelling;
* ``paraphrase_mrpc``: 15 MRPC paraphrase pairs (label 1) per pseudo-article, ``a`` sides the
  original, ``b`` sides (three adjacent swaps) the retelling;
* ``natural``: real cross-outlet copying inside news_allsides: two articles of different outlets
  sharing a paragraph of 30+ words verbatim (92 paragraphs in 103 articles, 63 pairs); the earlier
  one is the source, ``directed`` is False when their dates are equal or unknown. Most of them share a
  tweet both embed, a statement both quote, or boilerplate (``paragraph_kind``); ``natural_prose()`` names
  the pairs that share one outlet's own prose.

``pan13(folder)``: the PAN 2013 text alignment documents as one collection and its 500 reuse pairs.
``distractor_sentences()`` (real sentences, one a line) serves ``corpus_recall.py``. The memory these
benchmarks report is read by ``corpus_memory.py``.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import NamedTuple

import corpus_plant as plant

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RETOLD_SHARED", ROOT.parent / "shared"))
DATA = SHARED / "data"
ALLSIDES = "news_allsides/allsides.jsonl"
TOP_UP = (
    "news_reuters_c50/reuters_c50.jsonl",
    "news_bbc/bbc.jsonl",
    "news_reuters21578/reuters21578.jsonl",
    "news_wikinews/wikinews.jsonl",
)
MIN_TOP_UP_WORDS = 150
KINDS = ("verbatim_passage", "edited_passage", "light_edit_article", "paraphrase_wmt", "paraphrase_mrpc", "natural")
FIELDS = ("id", "title", "text", "source", "published")


class Planted(NamedTuple):
    source: str
    copy: str
    kind: str
    directed: bool = True


def _jsonl(rel: str) -> list[dict]:
    with (DATA / rel).open(encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def outlet(r: dict) -> str:
    return " ".join((r.get("source") or "").lower().split())


def _article(r: dict) -> dict:
    text, title = r["text"].strip(), r.get("title")
    first, _, rest = text.partition("\n\n")
    if title and rest.strip() and _key(first) == _key(title):
        text = rest.strip()
    return {"id": r["id"], "title": title, "text": text, "source": r.get("source"), "published": r.get("published")}


@cache
def news() -> tuple[tuple[dict, ...], tuple[dict, ...]]:
    """(news_allsides articles, top-up articles of 150+ words), exact duplicate texts dropped."""
    seen: set[str] = set()
    out: list[list[dict]] = [[], []]
    for k, rel in enumerate((ALLSIDES, *TOP_UP)):
        for r in _jsonl(rel):
            a = _article(r)
            key = _key(a["text"])
            if key not in seen and (k == 0 or len(key.split()) >= MIN_TOP_UP_WORDS):
                seen.add(key)
                out[min(k, 1)].append(a)
    return tuple(out[0]), tuple(out[1])


@cache
@cache
def _shared_paragraphs() -> dict[str, set[str]]:
    """Paragraphs of 30+ words (spaces normalised) and the news_allsides articles that hold each."""
    holders: dict[str, set[str]] = defaultdict(set)
    for a in news()[0]:
        for p in a["text"].split("\n\n"):
            if len(p.split()) >= 30:
                holders[" ".join(p.split())].add(a["id"])
    return holders


def natural_pairs() -> tuple[Planted, ...]:
    """Pairs of news_allsides articles of different outlets sharing a paragraph of 30+ words verbatim."""
    arts = {a["id"]: a for a in news()[0]}
    holders = _shared_paragraphs()
    pairs: set[tuple[str, str]] = set()
    for ids in holders.values():
        pairs.update((x, y) for x, y in itertools.combinations(sorted(ids), 2) if outlet(arts[x]) != outlet(arts[y]))
    out = []
    for x, y in sorted(pairs):
        dx, dy = arts[x]["published"], arts[y]["published"]
        if dx and dy and dx != dy:
            out.append(Planted(x, y, "natural") if dx < dy else Planted(y, x, "natural"))
        else:
            out.append(Planted(x, y, "natural", directed=False))
    return tuple(out)


# What a shared paragraph is when it is not one outlet's prose taken by another (``paragraph_kind``): two
# outlets that embed the same tweet or quote the same statement reported one event; a paragraph held by
# three or more articles, or a contributor's biography or a newsletter plug, is boilerplate.
_TWEET = re.compile(r"\(@\w+\)|pic\.twitter\.com")
_QUOTED = re.compile(r'["\u201c\u201d]')
_BIO = re.compile(r"^\W*(?:\S+\s){1,5}(?:is|was)\s(?:a|an|the)\s|^\W*[A-Z][\w.]*(?:\s[A-Z][\w.]*){1,3},\s(?:a|an)\s")
_BIO_WORDS = re.compile(r"\b(?:author|columnist|contributor|host|professor|analyst|fellow|editor)\b")
_PLUG = re.compile(r"sign up|newsletter|letters? to the editor|follow us", re.IGNORECASE)


def _quoted_share(p: str) -> float:
    """Share of the paragraph's words that sit inside double quotation marks."""
    inside, on = 0, False
    for piece in _QUOTED.split(p):
        inside += len(piece.split()) if on else 0
        on = not on
    return inside / max(1, len(p.split()))


def paragraph_kind(p: str, holders: int) -> str:
    """``tweet``, ``quotation``, ``repeated`` (in 3+ articles), ``bio``, ``plug`` or ``prose``."""
    if _TWEET.search(p):
        return "tweet"
    if _quoted_share(p) >= 0.5:
        return "quotation"
    if holders >= 3:
        return "repeated"
    if _BIO.match(p) and _BIO_WORDS.search(p):
        return "bio"
    if _PLUG.search(p):
        return "plug"
    return "prose"


def natural_kinds() -> dict[tuple[str, str], str]:
    """Each natural pair (ids sorted) by what it shares: ``prose`` when one of its shared paragraphs is an outlet's
    own prose, else ``tweet``, else ``quotation``, else ``boilerplate`` (repeated, a biography, a plug)."""
    held: dict[tuple[str, str], set[str]] = defaultdict(set)
    for p, ids in _shared_paragraphs().items():
        kind = paragraph_kind(p, len(ids))
        for pair in itertools.combinations(sorted(ids), 2):
            held[pair].add(kind)
    out = {}
    for p in natural_pairs():
        kinds = held[(min(p.source, p.copy), max(p.source, p.copy))]
        out[(min(p.source, p.copy), max(p.source, p.copy))] = next(
            (k for k in ("prose", "tweet", "quotation") if k in kinds), "boilerplate"
        )
    return out


def natural_prose() -> set[tuple[str, str]]:
    """The natural pairs (ids sorted) that share at least one paragraph of prose: one outlet's own text in
    another's article, as opposed to the same tweet, the same quoted statement or the same boilerplate."""
    return {pair for pair, kind in natural_kinds().items() if kind == "prose"}


def per_kind(size: int) -> int:
    return max(10, min(60, size // 200))


def _title_words(a: dict) -> set[str]:
    return {w for w in re.findall(r"[a-z]{5,}", (a["title"] or "").lower())}


def build(size: int, folder: Path, seed: int = 0) -> list[Planted]:
    """Write about ``size`` articles to ``folder/corpus.jsonl``; return the planted pairs."""
    rng = random.Random(seed)
    n = per_kind(size)
    allsides, top_up = news()
    outlets = sorted({a["source"] for a in allsides if a["source"]})
    extra: list[dict] = []
    planted: list[Planted] = []
    wmt = plant.wmt_articles(rng, _jsonl("wmt19_rewrites/wmt19_ar_vs_arp.dev.jsonl"), n, outlets)
    mrpc = plant.mrpc_articles(rng, _jsonl("mrpc/mrpc.train.jsonl"), n, outlets)
    for kind, got in (("paraphrase_wmt", wmt), ("paraphrase_mrpc", mrpc)):
        for a, b in got:
            extra += [a, b]
            planted.append(Planted(a["id"], b["id"], kind))

    natural = list(natural_pairs())
    chosen = rng.sample(natural, min(n, len(natural)))
    nat_ids = {x for p in chosen for x in (p.source, p.copy)}
    all_nat = {x for p in natural for x in (p.source, p.copy)}
    pool = [a for a in allsides if a["id"] not in all_nat]
    rng.shuffle(pool)
    rest = list(top_up)
    rng.shuffle(rest)
    want = max(0, size - len(extra) - n - len(nat_ids))
    base = [dict(a) for a in allsides if a["id"] in nat_ids] + [dict(a) for a in (pool + rest)[:want]]
    by_id = {a["id"]: a for a in base}

    allsides_ids = {a["id"] for a in allsides}
    free = [a for a in base if a["id"] not in all_nat and a["id"] in allsides_ids]
    rng.shuffle(free)
    used: set[str] = set()

    def take(pred=lambda a: True) -> dict | None:
        for a in free:
            if a["id"] not in used and pred(a):
                used.add(a["id"])
                return a
        return None

    for kind in ("verbatim_passage", "edited_passage"):
        k = 0
        while k < n:
            s = take()
            if s is None:
                break
            t = take(lambda a, s=s: outlet(a) != outlet(s) and not (_title_words(a) & _title_words(s)))
            if t is None:
                break
            copy = plant.plant_passage(rng, s, t, f"planted-{kind}-{k:03d}", kind == "edited_passage")
            if copy is not None:
                del by_id[t["id"]]
                by_id[copy["id"]] = copy
                planted.append(Planted(s["id"], copy["id"], kind))
                k += 1
    donors = [a for a in base if a["id"] not in used]
    for k in range(n):
        s = take()
        if s is None:
            break
        donor = plant.any_sentence(rng, rng.choice(donors)) if donors else "More details were not available."
        new_outlet = rng.choice([o for o in outlets if o.lower() != outlet(s)])
        copy = plant.plant_light_edit(rng, s, donor, new_outlet, f"planted-light_edit_article-{k:03d}")
        extra.append(copy)
        planted.append(Planted(s["id"], copy["id"], "light_edit_article"))

    records = list(by_id.values()) + extra
    ids = {r["id"] for r in records}
    planted += [p for p in natural if p.source in ids and p.copy in ids]
    rng.shuffle(records)
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "corpus.jsonl").open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps({k: r[k] for k in FIELDS}, ensure_ascii=False) + "\n")
    return planted


def read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def pan13(folder: Path) -> list[Planted]:
    """Write every PAN13 document to ``folder/pan13.jsonl``; return the 500 (source, suspicious) pairs."""
    docs = _jsonl("pan13_none/pan13_docs.jsonl")
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "pan13.jsonl").open("w", encoding="utf-8") as f:
        for d in docs:
            rec = {"id": d["id"], "title": None, "text": d["text"], "source": None, "published": None}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    pairs = _jsonl("pan13_none/pan13_02_no_obfuscation.pairs.jsonl")
    return [Planted(p["src_id"], p["susp_id"], "pan13") for p in pairs]


def distractor_sentences() -> list[str]:
    """Every distinct real sentence or clause of MRPC, STS-B, STS 2017 en-en, PAN13 and Clough &
    Stevenson (5+ words; a sentence of two or more clauses of 6+ words split at ", " / "; " is used
    as its clauses), in a fixed order (for ``corpus_recall.py``)."""
    seen: dict[str, None] = {}

    def add(s: str) -> None:
        s = " ".join(str(s).split())
        if len(s.split()) < 5:
            return
        parts = [p.strip() for p in re.split(r"[,;]\s", s)]
        if len(parts) > 1 and all(len(p.split()) >= 6 for p in parts):
            for p in parts:
                seen.setdefault(p, None)
        else:
            seen.setdefault(s, None)

    pair_files = ("mrpc/mrpc.train", "stsb/stsb.train", "stsb/stsb.dev", "sts2017/sts2017.track5.en-en")
    for f in pair_files:
        for r in _jsonl(f + ".jsonl"):
            add(r["a"])
            add(r["b"])
    for f in ("pan13_none/pan13_docs.jsonl", "clough_stevenson/clough_stevenson.docs.jsonl"):
        for r in _jsonl(f):
            for para in r["text"].split("\n"):
                for s in plant.sentences(para):
                    add(s)
    return list(seen)
