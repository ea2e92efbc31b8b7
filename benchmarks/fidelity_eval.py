"""Fidelity checks on real paraphrase pairs: false flags on faithful rewrites, recall on injected edits.

Data (read from ../shared/data, never copied): WMT19 German human rewrites ("paraphrased as much
as possible") and MRPC train positives (label 1, English news). Each pair is one matched sentence
pair, Match(a=all sentences of a, b=all sentences of b).

1. Flags per pair on the untouched pairs, per family (numbers, quotes, names; credits, claims and
   meaning shifts for information). A faithful rewrite keeps its facts, so each flag is suspect;
   an oracle independent of the extractors then marks a flag *false* when the flagged item is
   plainly present in the other side (the same digits; the quoted words inside quote marks; the
   name's words), and *substantiated* otherwise (human rewriters do reword inside quote marks,
   and MRPC "paraphrases" do drop numbers: those flags are right).
2. Recall on controlled edits injected into the same pairs, one edit per pair, chosen with a seeded
   RNG and by rules that do not use the extractors under test:
   - number: a digit string present in both sides; in B every occurrence gets one digit changed.
   - name: a capitalised word present in both sides, not sentence-initial, that the English MRPC
     corpus writes capitalised and never lower-case (a proper-noun proxy independent of the
     extractor); in B it is replaced by another such name.
   - quote: a quote (any quote marks) whose words B keeps verbatim; one word inside B's quote is
     replaced by a word from elsewhere in the corpus.
   - credit dropped: a credit ("..., Reuters reported.", "LONDON (AP) - ...", German forms), with
     known and made-up outlets, appended to A only. credit changed: the same form in both, with
     different outlets.

Usage: python benchmarks/fidelity_eval.py [--json] [--limit N] [--show KIND]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any

from evallib.fidelity_edits import (
    Edit,
    clean_names,
    clean_numbers,
    clean_quotes,
    edit_credit_changed,
    edit_credit_dropped,
    edit_name,
    edit_number,
    edit_quote,
    name_pool,
)
from evallib.fidelity_names import seeds_section
from evallib.fidelity_oracle import family, oracle_false
from retold.fidelity import analyse
from retold.ingest import article_from_text
from retold.model import Article, Flag, Match

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
SEED = 20241014
FAMILIES = ("number", "quote", "entity", "attribution", "claim", "meaning")
GOAL_FALSE = 0.05
GOAL_RECALL = 0.95


def load(limit: int | None) -> dict[str, list[tuple[str, str, str]]]:
    """(id, a, b) pairs per dataset; the German rewrites and the MRPC positives."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    wmt = sorted((SHARED / "wmt19_rewrites").glob("*.jsonl"))
    rows = [json.loads(line) for p in wmt for line in p.open(encoding="utf-8") if line.strip()]
    out["wmt19-de"] = [(r["id"], r["a"], r["b"]) for r in rows]
    mrpc = SHARED / "mrpc" / "mrpc.train.jsonl"
    rows = [json.loads(line) for line in mrpc.open(encoding="utf-8") if line.strip()]
    out["mrpc-en"] = [(r["id"], r["a"], r["b"]) for r in rows if int(r["label"]) == 1]
    if limit:
        out = {k: v[:limit] for k, v in out.items()}
    return out


def lang_of(dataset: str) -> str:
    return "de" if dataset.startswith("wmt") else "en"


def articles(a: str, b: str, lang: str) -> tuple[Article, Article, list[Match]]:
    """Both sides as articles and the single match joining all their sentences."""
    aa = article_from_text(a, id="a", language=lang)
    bb = article_from_text(b, id="b", language=lang)
    m = Match(tuple(s.i for s in aa.sentences), tuple(s.i for s in bb.sentences), "paraphrase", 1.0)
    return aa, bb, [m]


def run(a: str, b: str, lang: str) -> list[Flag]:
    aa, bb, ms = articles(a, b, lang)
    return analyse(aa, bb, ms, (), ())


# ---------------------------------------------------------------- false flags on untouched pairs


def false_flags(pairs: list[tuple[str, str, str]], lang: str, show: str | None) -> dict[str, Any]:
    counts: Counter[str] = Counter()
    false: Counter[str] = Counter()
    high: Counter[str] = Counter()
    t0 = time.perf_counter()
    for pid, a, b in pairs:
        for f in run(a, b, lang):
            fam = family(f)
            counts[fam] += 1
            high[fam] += f.severity == "high"
            is_false = oracle_false(f, a, b)
            false[fam] += is_false
            if show and (show == fam or show == f.kind):
                print(f"[{pid}] {f.kind} {'FALSE' if is_false else 'subst'}: {f.a_text!r} -> {f.b_text!r}  ({f.note})")
                print(f"   A: {a}\n   B: {b}", file=sys.stderr)
    n = len(pairs)
    return {
        "pairs": n,
        "ms_per_pair": round(1000 * (time.perf_counter() - t0) / max(n, 1), 2),
        "flags_per_pair": {k: round(counts[k] / n, 4) for k in FAMILIES},
        "false_per_pair": {k: round(false[k] / n, 4) for k in FAMILIES[:3]},
        "high_per_pair": {k: round(high[k] / n, 4) for k in FAMILIES},
    }


def _names(f: Flag, side: str, item: str) -> bool:
    """Whether a flag shows the edited item on the edited side."""
    t = (f.b_text if side == "b" else f.a_text) or ""
    return item.lower() in t.lower()


def recall(
    pairs: list[tuple[str, str, str]],
    lang: str,
    edit: Callable[[str, str, random.Random], tuple[str, str, str] | None],
    want: Iterable[str],
    side: str,
    clean: Callable[[str, str], bool],
    show: bool,
) -> dict[str, Any]:
    """Share of edited pairs where a flag of a wanted kind names the edited item.

    Reported on every eligible pair and on the *clean* ones, where the untouched pair agrees on
    that kind of fact (by a check independent of the extractors), so the edit is the only change.
    """
    rng = random.Random(SEED)
    want = set(want)
    fam = next(iter(want)).split("_", 1)[0]
    n = hit = hit_any = n_clean = hit_clean = hit_high = 0
    for pid, a, b in pairs:
        e = edit(a, b, rng)
        if e is None:
            continue
        a2, b2, item = e
        is_clean = clean(a, b)
        n += 1
        n_clean += is_clean
        flags = run(a2, b2, lang)

        ok = any(f.kind in want and _names(f, side, item) for f in flags)
        hit += ok
        hit_clean += ok and is_clean
        hit_high += is_clean and any(f.kind in want and f.severity == "high" and _names(f, side, item) for f in flags)
        hit_any += any(family(f) == fam and _names(f, side, item) for f in flags)
        if show and not ok:
            print(f"[{pid}] MISSED {item!r} clean={is_clean}\n   A: {a2}\n   B: {b2}")
            print(f"   flags: {[(f.kind, f.a_text, f.b_text) for f in flags]}")
    return {
        "eligible": n,
        "recall": round(hit / n, 4) if n else None,
        "recall_any_flag_of_family": round(hit_any / n, 4) if n else None,
        "clean": n_clean,
        "recall_clean": round(hit_clean / n_clean, 4) if n_clean else None,
        "recall_clean_high": round(hit_high / n_clean, 4) if n_clean else None,
    }


def _f3(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument("--limit", type=int, default=None, help="use only the first N pairs of each dataset")
    ap.add_argument("--show", default=None, help="print flags of this family/kind (or 'missed-<edit>')")
    args = ap.parse_args()
    if not SHARED.is_dir():
        print(f"{SHARED} is absent: this benchmark needs the shared evaluation data", file=sys.stderr)
        return 2
    data = load(args.limit)
    pool = sorted(name_pool(data["mrpc-en"]))
    results: dict[str, Any] = {"seed": SEED, "seeds": seeds_section(), "datasets": {}}
    for name, pairs in data.items():
        lang = lang_of(name)
        vocab = sorted({w for _, a, _ in pairs for w in re.findall(r"[^\W\d_]{5,}", a) if w.islower()})
        show = args.show or ""
        r: dict[str, Any] = {"false_flags": false_flags(pairs, lang, args.show)}
        always: Callable[[str, str], bool] = lambda a, b: True  # noqa: E731
        edits: dict[str, tuple[Edit, set[str], str, Callable[[str, str], bool]]] = {
            "number": (edit_number, {"number_changed"}, "b", clean_numbers),
            "name": (partial(edit_name, pool=pool), {"entity_changed"}, "b", clean_names(set(pool))),
            "quote": (partial(edit_quote, vocab=vocab), {"quote_altered"}, "b", clean_quotes),
            "credit_dropped": (
                partial(edit_credit_dropped, lang=lang),
                {"attribution_dropped"},
                "a",
                always,
            ),
            "credit_changed": (
                partial(edit_credit_changed, lang=lang),
                {"attribution_changed"},
                "b",
                always,
            ),
        }
        r["recall"] = {
            k: recall(pairs, lang, fn, want, side, clean, show == f"missed-{k}")
            for k, (fn, want, side, clean) in edits.items()
        }
        results["datasets"][name] = r
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"fidelity_eval (seed {SEED}); goals: false flags/pair <= {GOAL_FALSE}, recall >= {GOAL_RECALL}")
    sd = results["seeds"]
    if sd:
        ok = "ok" if sd["analyse_and_direction_ms"] <= sd["budget_ms"] else "OVER BUDGET"
        print(
            f"\nseed pair 000/003: analyse + direction {sd['analyse_and_direction_ms']} ms "
            f"(budget {sd['budget_ms']} ms: {ok}; reading both articles: {sd['read_both_ms']} ms)"
        )
        print(f"  direction {sd['direction'][0]} ({sd['direction'][1]}); flags: {', '.join(sd['flags'])}")
        print(f"  name extractor, seeds: precision {sd['names_precision']}, recall {sd['names_recall']} (name words)")
        for part, v in sd["names_mrpc"].items():
            print(f"  name extractor, MRPC {part} ({v['sentences']}): precision {v['precision']}, recall {v['recall']}")
    for name, r in results["datasets"].items():
        ff = r["false_flags"]
        print(f"\n{name}: {ff['pairs']} pairs, {ff['ms_per_pair']} ms/pair")
        print(f"  {'family':<12} {'flags/pair':>10} {'false/pair':>10} {'high/pair':>10}  goal")
        for k in FAMILIES:
            fp = ff["false_per_pair"].get(k)
            goal = "" if fp is None else ("ok" if fp <= GOAL_FALSE else "MISSED")
            print(
                f"  {k:<12} {ff['flags_per_pair'][k]:>10.4f} {'' if fp is None else f'{fp:.4f}':>10}"
                f" {ff['high_per_pair'][k]:>10.4f}  {goal}"
            )
        print(
            f"  {'edit':<15} {'eligible':>8} {'recall':>7} {'any-flag':>8} {'clean':>6} {'recall':>7} {'high':>6}"
            "  goal (clean)"
        )
        for k, v in r["recall"].items():
            rc = v["recall_clean"]
            goal = "" if rc is None else ("ok" if rc >= GOAL_RECALL else "MISSED")
            print(
                f"  {k:<15} {v['eligible']:>8} {_f3(v['recall']):>7} {_f3(v['recall_any_flag_of_family']):>8}"
                f" {v['clean']:>6} {_f3(rc):>7} {_f3(v['recall_clean_high']):>6}  {goal}"
            )
        print("  (high: flags of high severity; recall 'high': found by a flag of high severity)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
