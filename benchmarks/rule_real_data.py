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
import json
import os
import pickle
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from evallib.real_pairs import DATA, FILES, Pair, Row, build

RULES = (
    "attribution.statements_alike",
    "entities.german_stand_in",
    "numbers.far_apart",
)


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
