"""Fidelity rules on real article pairs they were not written for: every flag each one changes.

    .venv/bin/python benchmarks/rule_real_data.py [--lexical] [--rules R,...] [--sets S,...] [--json FILE]

benchmarks/results/rule_deletion.md found five rules that move no benchmark figure and fail only their own
examples when switched off. Measured here, two of them did not help on real data and were removed
(``numbers.german_date_cut``, ``numbers.lower_case_month_is_a_verb``; results/rule_real_data.md); the three
kept are the default of ``--rules``. This compares real pairs with ``retold.compare`` once with every rule on and once
per rule with that rule off, and lists every flag that appears or disappears (kind, severity, both texts,
the sentences around them, which article the flags read from). ``RETOLD_RULES_OFF`` is read once, when
``retold.fidelity.rules`` is imported, so every setting runs in a fresh process of this script (``--worker``).

Pairs (data in ``../shared/data``, never copied; every sample seeded):

* ``audit-wmt19``, ``audit-mrpc``, ``audit-allsides``: the 120 pairs of ``benchmarks/flag_audit.py``, built by
  its own functions with its seed (40 each);
* ``wmt19-de``: the other WMT19 pseudo-articles of ``evallib.wmt19.build`` (what ``eval.py wmt19-docs`` and
  the audit use), each German original against its German retelling;
* ``gnad-de``: news_10kgnad_de pairs about the same story (6+ shared rare words: words of 4+ letters found in
  2-4 of the 999 articles); the set holds no copies, so these are independent German reports;
* ``allsides-more``: news_allsides cross-outlet pairs the audit did not draw: the rest of
  ``corpus_data.natural_pairs`` and a seeded sample of pairs sharing a sentence of 12+ words, earlier first;
* ``reuters21578``: every pair of Reuters-21578 stories sharing a sentence of 12+ words (wire updates of one
  story, whose figures change from one to the next), the lower id first;
* ``orangesum-fr``: every pair of news_orangesum_fr articles sharing a sentence of 12+ words, earlier first;
* ``date-cut``: every article of news_10kgnad_de, news_allsides, news_orangesum_fr and news_reuters21578 where
  the removed ``numbers.german_date_cut`` could fire (a line ending in a day number and a full stop, the next
  line starting with a capitalised month), each against its nearest article of the same data set (most
  shared words, weighted by rarity), the earlier (or lower id) first. The other sets hold none of these.

A sentence shared by more than five articles (boilerplate) makes no pair. Model mode (the offline default
model; each pair's sentence vectors are computed once and passed to every setting) unless ``--lexical``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import pickle
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RETOLD_SHARED", ROOT.parent / "shared"))
DATA = SHARED / "data"
RULES = (
    "attribution.statements_alike",
    "entities.german_stand_in",
    "numbers.far_apart",
)
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


def vectors(pairs: list[Pair]) -> list[tuple[np.ndarray, np.ndarray]]:
    """Each pair's unit sentence vectors, as ``retold.compare`` computes them for two articles of one language."""
    import retold

    enc = retold.get_encoder()
    out = []
    for _, a, b in pairs:
        ta, tb = [s.norm for s in a.sentences], [s.norm for s in b.sentences]
        distinct = {t: k for k, t in enumerate(dict.fromkeys([*ta, *tb]))}
        both = enc.encode(list(distinct))[[distinct[t] for t in [*ta, *tb]]]
        out.append((both[: len(ta)], both[len(ta) :]))
    return out


def worker(work: Path, off: str, lexical: bool) -> None:
    """Compare every pair with the rules of ``RETOLD_RULES_OFF`` off; write their flags as JSON."""
    import flag_audit
    import retold
    from retold.fidelity.rules import OFF

    if frozenset([off] if off else []) != OFF:
        sys.exit(f"worker: RETOLD_RULES_OFF was not read as {off!r} (got {sorted(OFF)})")
    with (work / "pairs.pkl").open("rb") as fh:
        pairs, vecs = pickle.load(fh)
    out: list[Row] = []
    for k, (name, a, b) in enumerate(pairs):
        pair_id = f"{a.id}|{b.id}"
        try:
            c = retold.compare(a, b, lexical=lexical, vectors=None if lexical else vecs[k])
        except retold.RetoldError as e:
            out.append({"set": name, "pair": pair_id, "error": str(e), "flags": []})
            continue
        flags = []
        for f in c.flags:
            row = flag_audit.flag_row(name, pair_id, c, f)
            row.update(a_span=f.a and [f.a.start, f.a.end], b_span=f.b and [f.b.start, f.b.end], source=c.flags_source)
            for k_ in ("verdict", "reason", "cause", "set", "pair"):
                row.pop(k_)
            flags.append(row)
        v = c.verdict
        out.append(
            {
                "set": name,
                "pair": pair_id,
                "relation": v.relation,
                "direction": v.direction,
                "source": c.flags_source,
                "decided": c.flags_source_decided,
                "flags": flags,
            }
        )
    (work / f"{off or 'all-on'}.json").write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")


def _key(f: Row) -> tuple[Any, ...]:
    return (f["kind"], f["severity"], tuple(f["a_span"] or ()), tuple(f["b_span"] or ()))


def diff(base: list[Row], off: list[Row]) -> tuple[list[Row], list[str]]:
    """The flags that appear (``+``) or disappear (``-``) with the rule off, and the pairs whose direction moved."""
    changes: list[Row] = []
    moved: list[str] = []
    for p, q in zip(base, off, strict=True):
        if (p["pair"], p.get("source"), p.get("direction")) != (q["pair"], q.get("source"), q.get("direction")):
            moved.append(
                f"{p['pair']}: {p.get('direction')}/{p.get('source')} -> {q.get('direction')}/{q.get('source')}"
            )
        had, has = {_key(f): f for f in p["flags"]}, {_key(f): f for f in q["flags"]}
        for sign, mine, other in (("+", has, had), ("-", had, has)):
            changes += [
                {"change": sign, "set": p["set"], "pair": p["pair"], **f} for k, f in mine.items() if k not in other
            ]
    return changes, moved


def show(c: Row) -> str:
    src = c["source"]
    return (
        f"  {c['change']} [{c['set']}] {c['pair']} {c['kind']}/{c['severity']} (flags read from {src}, match "
        f"{c['match']}): {c['source_text']!r} -> {c['retelling_text']!r}\n"
        f"      source:    {c['source_context'][:400]}\n      retelling: {c['retelling_context'][:400]}"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--lexical", action="store_true", help="compare without the sentence model")
    ap.add_argument("--rules", default=",".join(RULES), help="rules to switch off, one at a time (comma separated)")
    ap.add_argument("--sets", default=",".join(FILES), help=f"pair sets (comma separated) of: {', '.join(FILES)}")
    ap.add_argument("--json", type=Path, help="write every changed flag (with its context) to this file")
    ap.add_argument(
        "--work",
        type=Path,
        help="keep the built (and embedded) pairs here and reuse them next time (empty it after changing retold)",
    )
    ap.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--off", default="", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args.worker, args.off, args.lexical)
        return 0
    sets = [s for s in args.sets.split(",") if s]
    rules = [r for r in args.rules.split(",") if r]
    unknown = [s for s in sets if s not in FILES]
    if unknown:
        ap.error(f"unknown sets: {', '.join(unknown)}")
    if not DATA.is_dir():
        print(f"no data: {DATA} is absent (set RETOLD_SHARED to a folder holding data/); nothing measured")
        return 0
    os.environ.pop("RETOLD_RULES_OFF", None)  # the baseline has every rule on
    t0 = time.perf_counter()
    pairs = build(sets)
    if not pairs:
        print("no data: none of the pair sets' files is present; nothing measured")
        return 0
    per_set = Counter(s for s, _, _ in pairs)
    print(f"{len(pairs)} pairs: " + ", ".join(f"{s} {n}" for s, n in per_set.items()), flush=True)
    mode = "lexical" if args.lexical else "model (all-MiniLM-L6-v2-int8, vectors computed once)"
    print(f"mode: {mode}", flush=True)
    with tempfile.TemporaryDirectory(prefix="rule_real_data-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        stamp = {"sets": sets, "lexical": args.lexical, "pairs": [f"{a.id}|{b.id}" for _, a, b in pairs]}
        kept = work / "pairs.json"
        if (work / "pairs.pkl").is_file() and kept.is_file() and json.loads(kept.read_text()) == stamp:
            print(f"reusing the embedded pairs in {work}", flush=True)
        else:
            vecs = [] if args.lexical else vectors(pairs)
            with (work / "pairs.pkl").open("wb") as fh:
                pickle.dump((pairs, vecs), fh)
            kept.write_text(json.dumps(stamp))
        print(f"pairs built{'' if args.lexical else ' and embedded'}: {time.perf_counter() - t0:.1f} s", flush=True)
        runs: dict[str, list[Row]] = {}
        for off in ["", *rules]:
            t1 = time.perf_counter()
            env = dict(os.environ, RETOLD_RULES_OFF=off)
            cmd = [sys.executable, __file__, "--worker", str(work), "--off", off, *(["--lexical"] * args.lexical)]
            subprocess.run(cmd, env=env, check=True)
            runs[off] = json.loads((work / f"{off or 'all-on'}.json").read_text(encoding="utf-8"))
            n = sum(len(r["flags"]) for r in runs[off])
            print(f"{off or 'all rules on':40s} {n:6d} flags  {time.perf_counter() - t1:6.1f} s", flush=True)
    errors = [r for r in runs[""] if "error" in r]
    for r in errors:
        print(f"not compared: {r['pair']}: {r['error']}")
    report: dict[str, Any] = {"pairs": dict(per_set), "mode": mode, "flags_all_on": {}, "rules": {}}
    report["flags_all_on"] = dict(Counter(r["set"] for r in runs[""] for _ in r["flags"]))
    print()
    for off in rules:
        changes, moved = diff(runs[""], runs[off])
        up, down = sum(c["change"] == "+" for c in changes), sum(c["change"] == "-" for c in changes)
        in_pairs = len({c["pair"] for c in changes})
        print(
            f"== {off} off: {up} flags appear, {down} disappear, in {in_pairs} pairs; direction moved in {len(moved)}"
        )
        for m in moved:
            print(f"  direction moved: {m}")
        for c in changes:
            print(show(c))
        report["rules"][off] = {"appear": up, "disappear": down, "pairs": in_pairs, "moved": moved, "changes": changes}
    print(f"\ntotal {time.perf_counter() - t0:.1f} s")
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
