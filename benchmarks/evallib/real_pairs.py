"""The real article pairs ``rule_real_data.py`` compares, set by set (its docstring says how each is drawn): read
from ``../shared/data`` (or ``RETOLD_SHARED``), never copied, every sample seeded."""

from __future__ import annotations

import itertools
import json
import math
import os
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("RETOLD_SHARED", ROOT.parent / "shared"))
DATA = SHARED / "data"
SEED = 20
AUDIT_SEED, AUDIT_PAIRS = 15, 40  # benchmarks/flag_audit.py's seed and its default pairs per data set
ALLSIDES_SAMPLE = 60
MIN_WORDS = 12  # a shared sentence this long makes a pair
MAX_HOLDERS = 5  # a sentence in more articles than this is boilerplate
GNAD_SHARED = 6  # rare words two 10kGNAD articles must share
GNAD_RARE = (2, 4)  # a rare word is in this many articles
Pair = tuple[str, Any, Any]  # (set, article a, article b)
Row = dict[str, Any]

AUDIT_FILES = (
    "wmt19_rewrites/wmt19_ar_vs_arp.dev.jsonl",
    "mrpc/mrpc.train.jsonl",
    "news_allsides/allsides.jsonl",
    "news_reuters_c50/reuters_c50.jsonl",
    "news_bbc/bbc.jsonl",
    "news_reuters21578/reuters21578.jsonl",
    "news_wikinews/wikinews.jsonl",
)
FILES = {
    "audit": AUDIT_FILES,
    "wmt19-de": ("wmt19_rewrites/wmt19_ar_vs_arp.dev.jsonl",),
    "gnad-de": ("news_10kgnad_de/10kgnad_de.jsonl",),
    "allsides-more": AUDIT_FILES,
    "reuters21578": ("news_reuters21578/reuters21578.jsonl",),
    "orangesum-fr": ("news_orangesum_fr/orangesum_fr.jsonl",),
    "date-cut": (
        "news_10kgnad_de/10kgnad_de.jsonl",
        "news_allsides/allsides.jsonl",
        "news_orangesum_fr/orangesum_fr.jsonl",
        "news_reuters21578/reuters21578.jsonl",
    ),
}


def _rows(rel: str) -> list[Row]:
    with (DATA / rel).open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _article(r: Row, lang: str | None) -> Any:
    import retold

    return retold.article_from_text(
        r["text"], id=r["id"], title=r.get("title"), source=r.get("source"), published=r.get("published"), language=lang
    )


def _sentence_pairs(rows: list[Row], keep: Callable[[Row, Row], bool] = lambda a, b: True) -> list[tuple[str, str]]:
    """Pairs of record ids (sorted) sharing a sentence of ``MIN_WORDS``+ words held by at most ``MAX_HOLDERS``."""
    holders: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        for s in re.split(r"(?<=[.!?])\s+", r["text"]):
            if len(s.split()) >= MIN_WORDS:
                holders[" ".join(s.lower().split())].add(r["id"])
    byid = {r["id"]: r for r in rows}
    pairs: set[tuple[str, str]] = set()
    for ids in holders.values():
        if len(ids) <= MAX_HOLDERS:
            pairs.update(p for p in itertools.combinations(sorted(ids), 2) if keep(byid[p[0]], byid[p[1]]))
    return sorted(pairs)


def _earlier_first(a: Row, b: Row) -> tuple[Row, Row]:
    da, db = a.get("published") or "", b.get("published") or ""
    return (b, a) if (db, b["id"]) < (da, a["id"]) and db else (a, b)


def audit_pairs() -> list[Pair]:
    """flag_audit.py's 120 pairs: its builders, called in its order from its seeded generator."""
    import flag_audit

    rng = random.Random(AUDIT_SEED)
    return [(f"audit-{s}", a, b) for s in flag_audit.SETS for a, b in flag_audit._pairs(s, AUDIT_PAIRS, rng)]


def wmt_pairs(audit: list[Pair]) -> list[Pair]:
    """The WMT19 pseudo-articles the audit did not draw, each original against its own retelling."""
    from evallib import wmt19
    from evallib.data import default_path, read_jsonl

    originals, retellings = wmt19.build(read_jsonl(default_path("wmt19-docs")), None)
    drawn = {a.id for s, a, _ in audit if s == "audit-wmt19"}
    return [
        ("wmt19-de", wmt19.article(originals[k], f"orig-{k}")[0], wmt19.article(retellings[k].lines, f"retold-{k}")[0])
        for k in range(len(originals))
        if f"orig-{k}" not in drawn
    ]


def gnad_pairs() -> list[Pair]:
    """10kGNAD articles about the same story: ``GNAD_SHARED``+ shared rare words."""
    rows = _rows("news_10kgnad_de/10kgnad_de.jsonl")
    words = [set(re.findall(r"\b\w{4,}\b", r["text"].lower())) for r in rows]
    df = Counter(w for ws in words for w in ws)
    holders: dict[str, list[int]] = defaultdict(list)
    for i, ws in enumerate(words):
        for w in ws:
            if GNAD_RARE[0] <= df[w] <= GNAD_RARE[1]:
                holders[w].append(i)
    shared = Counter(p for ids in holders.values() for p in itertools.combinations(ids, 2))
    chosen = sorted(p for p, n in shared.items() if n >= GNAD_SHARED)
    return [("gnad-de", _article(rows[i], "de"), _article(rows[j], "de")) for i, j in chosen]


def allsides_pairs(audit: list[Pair], rng: random.Random) -> list[Pair]:
    """news_allsides cross-outlet pairs the audit left: the rest of natural_pairs, and a sample sharing a sentence."""
    import corpus_data

    arts = {a["id"]: a for a in corpus_data.news()[0]}
    drawn = {frozenset((a.id, b.id)) for s, a, b in audit if s == "audit-allsides"}
    natural = [(p.source, p.copy) for p in corpus_data.natural_pairs()]
    rest = [p for p in natural if frozenset(p) not in drawn]
    known = {frozenset(p) for p in natural}
    other = [
        p
        for p in _sentence_pairs(list(arts.values()), lambda a, b: corpus_data.outlet(a) != corpus_data.outlet(b))
        if frozenset(p) not in known
    ]
    sample = [_earlier_first(arts[x], arts[y]) for x, y in sorted(rng.sample(other, min(ALLSIDES_SAMPLE, len(other))))]
    out = [(arts[x], arts[y]) for x, y in rest] + sample
    return [("allsides-more", _article(a, "en"), _article(b, "en")) for a, b in out]


def reuters_pairs() -> list[Pair]:
    rows = _rows("news_reuters21578/reuters21578.jsonl")
    byid = {r["id"]: r for r in rows}

    def num(i: str) -> int:
        return int(i.rsplit("-", 1)[1])

    pairs = [tuple(sorted(p, key=num)) for p in _sentence_pairs(rows)]
    return [("reuters21578", _article(byid[x], "en"), _article(byid[y], "en")) for x, y in sorted(pairs)]


def orange_pairs() -> list[Pair]:
    rows = _rows("news_orangesum_fr/orangesum_fr.jsonl")
    byid = {r["id"]: r for r in rows}
    out = [_earlier_first(byid[x], byid[y]) for x, y in _sentence_pairs(rows)]
    return [("orangesum-fr", _article(a, "fr"), _article(b, "fr")) for a, b in out]


def _nearest(words: list[set[str]], df: Counter[str], i: int) -> int:
    """The text sharing the most words with text ``i``, each weighted by log(texts / texts holding it)."""
    weight = {w: math.log(len(words) / df[w]) for w in words[i]}
    return max(
        (k for k in range(len(words)) if k != i), key=lambda k: (sum(weight[w] for w in words[i] & words[k]), -k)
    )


def date_cut_pairs() -> list[Pair]:
    """Every article where the removed numbers.german_date_cut could fire, against its nearest article of the
    same data set."""
    from retold.fidelity.numbers.lexicon import MONTHS

    months = "|".join(sorted(MONTHS, key=len, reverse=True))
    cut = re.compile(rf"\b\d{{1,2}}\.[ \t]*\n\s*(?:{months})\b", re.IGNORECASE)
    out: list[Pair] = []
    seen: set[tuple[str, str]] = set()
    for rel, lang in zip(FILES["date-cut"], ("de", "en", "fr", "en"), strict=True):
        rows = _rows(rel)
        hits = [
            i for i, r in enumerate(rows) if any(m.group().split()[-1][0].isupper() for m in cut.finditer(r["text"]))
        ]
        if not hits:
            continue
        words = [set(re.findall(r"\b\w{4,}\b", r["text"].lower())) for r in rows]
        df = Counter(w for ws in words for w in ws)
        for i in hits:
            a, b = sorted((rows[i], rows[_nearest(words, df, i)]), key=lambda x: (x.get("published") or "", x["id"]))
            if rel.startswith("news_reuters21578"):
                a, b = sorted((a, b), key=lambda x: int(x["id"].rsplit("-", 1)[1]))
            if (a["id"], b["id"]) not in seen:
                seen.add((a["id"], b["id"]))
                out.append(("date-cut", _article(a, lang), _article(b, lang)))
    return out


def build(sets: list[str]) -> list[Pair]:
    """The pairs of the named sets whose data is present (an absent file is said on stderr)."""
    missing = {s: [f for f in FILES[s] if not (DATA / f).is_file()] for s in sets}
    for s, files in missing.items():
        if files:
            print(f"{s}: skipped, {', '.join(str(DATA / f) for f in files)} absent", file=sys.stderr)
    ok = [s for s in sets if not missing[s]]
    rng = random.Random(SEED)
    audit = audit_pairs() if {"audit", "wmt19-de", "allsides-more"} & set(ok) and not missing["audit"] else []
    pairs: list[Pair] = list(audit) if "audit" in ok else []
    if "wmt19-de" in ok:
        pairs += wmt_pairs(audit)
    if "gnad-de" in ok:
        pairs += gnad_pairs()
    if "allsides-more" in ok:
        pairs += allsides_pairs(audit, rng)
    if "reuters21578" in ok:
        pairs += reuters_pairs()
    if "orangesum-fr" in ok:
        pairs += orange_pairs()
    if "date-cut" in ok:
        pairs += date_cut_pairs()
    return pairs
