"""The flag audit: how many of retold's flags would a careful editor call wrong? (issue 15)

Pairs come from real data in ``../shared/data`` (never copied), drawn with a fixed seed:

* ``wmt19``: German pseudo-articles and their retellings, built exactly as ``benchmarks/eval.py
  wmt19-docs`` builds them (``evallib.wmt19.build``), original vs its own retelling;
* ``mrpc``: MRPC paraphrase pairs grouped into pseudo-articles of 15 (``corpus_plant.mrpc_articles``);
* ``allsides``: real cross-outlet pairs of news_allsides sharing a 30+ word paragraph
  (``corpus_data.natural_pairs``), the earlier article first.

Each pair is compared with ``retold.compare`` (model mode unless ``--lexical``); every flag is kept.
The sample is stratified: ``DRAW // 3`` flags per data set (the remainder to the first ones), drawn
uniformly from that data set's flags with the seeded generator. The JSONL gets one line per drawn
flag with both spans' texts, the sentences around them and empty ``verdict``/``reason``/``cause``
fields for the judge (``cause``: a label grouping the wrong ones). Only part of each data set's flags
is judged, so wrong flags per pair is estimated per data set as (wrong / drawn) x (flags / pairs)
and averaged over pairs.

Usage: python benchmarks/flag_audit.py [--pairs N] [--lexical] [--seed N]  # draw (overwrites that seed's JSONL)
       python benchmarks/flag_audit.py --labels [--lexical]       # judged flags still raised, match labels
       python benchmarks/flag_audit.py --summarise                # tables + results/flag_audit.md
       python benchmarks/flag_audit.py --agreement FILE [--seed N]  # a second judge's verdicts against the first
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import corpus_data
import corpus_plant
import retold
from evallib import wmt19
from evallib.data import default_path, read_jsonl
from retold.fidelity import MIRRORED_KINDS
from retold.model import Article, Comparison, Flag, Span
from retold.text.furniture import shown

ROOT = Path(__file__).resolve().parents[1]
SEED = 15  # the first audit's draw (benchmarks/results/flag_audit.jsonl); another seed writes its own files
DRAW = 200
SETS = ("wmt19", "mrpc", "allsides")
Row = dict[str, Any]
RULES = (
    "A flag is *right* when a careful editor would agree the retelling did that to the source (a number really"
    " changed, a quote really altered, a credit really dropped, a claim really added); otherwise *wrong*, with a"
    " one-line reason and a cause. Rules applied: a flag on a matched sentence pair is wrong when the two sentences"
    " do not tell the same thing (the alignment paired unrelated sentences); a flag reading backwards because the"
    " direction was decided wrongly is wrong; rewording inside quote marks is a right `quote_altered`; a sentence"
    " only the retelling has (WMT19's inserted lines, another outlet's own reporting) is a right `claim_added`"
    " when it is absent from the whole source (checked by searching the source's text). Judged by one reader, the"
    " audit helper (an AI agent), from the two sentences and a text search of the other article; no second judge."
)


def _record(r: dict[str, Any], lang: str = "en") -> Article:
    return retold.article_from_text(
        r["text"], id=r["id"], title=r.get("title"), source=r.get("source"), published=r.get("published"), language=lang
    )


def wmt_pairs(n: int, rng: random.Random) -> list[tuple[Article, Article]]:
    originals, retellings = wmt19.build(read_jsonl(default_path("wmt19-docs")), None)
    ks = sorted(rng.sample(range(len(originals)), min(n, len(originals))))
    art = wmt19.article
    return [(art(originals[k], f"orig-{k}")[0], art(retellings[k].lines, f"retold-{k}")[0]) for k in ks]


def mrpc_pairs(n: int, rng: random.Random) -> list[tuple[Article, Article]]:
    rows = corpus_data._jsonl("mrpc/mrpc.train.jsonl")
    outlets = sorted({a["source"] for a in corpus_data.news()[0] if a["source"]})
    return [(_record(a), _record(b)) for a, b in corpus_plant.mrpc_articles(rng, rows, n, outlets)]


def allsides_pairs(n: int, rng: random.Random) -> list[tuple[Article, Article]]:
    arts = {a["id"]: a for a in corpus_data.news()[0]}
    pairs = list(corpus_data.natural_pairs())
    chosen = sorted(rng.sample(pairs, min(n, len(pairs))))
    return [(_record(arts[p.source]), _record(arts[p.copy])) for p in chosen]


def _within(art: Article, span: Span | None) -> set[int]:
    """The sentences a span lies in."""
    return {s.i for s in art.sentences if span and s.start < span.end and span.start < s.end}


def _context(c: Comparison, f: Flag, side: str) -> str:
    """The sentences the flag's span lies in on ``side``; for a one-sided flag, those aligned to the other span."""
    art, other = (c.a, c.b) if side == "a" else (c.b, c.a)
    here = _within(art, f.a if side == "a" else f.b)
    if not here:
        there = _within(other, f.b if side == "a" else f.a)
        ends = [(m.a, m.b) if side == "a" else (m.b, m.a) for m in c.matches]
        here = {i for mine, theirs in ends if there & set(theirs) for i in mine}
    return " ".join(art.sentences[i].text for i in sorted(here))


def _match_of(c: Comparison, f: Flag) -> tuple[str, float] | None:
    """Label and score of the alignment match the flag was read from (None: an unmatched sentence)."""
    sa, sb = _within(c.a, f.a), _within(c.b, f.b)
    return next(((m.label, round(m.score, 3)) for m in c.matches if sa & set(m.a) or sb & set(m.b)), None)


def flag_row(name: str, pair_id: str, c: Comparison, f: Flag) -> Row:
    """One flag as the judge reads it: source side first (the side the flags read from)."""
    src, ret = ("a", "b") if c.flags_source == "a" else ("b", "a")
    art, text = {"a": c.a, "b": c.b}, {"a": f.a_text, "b": f.b_text}
    return {
        "pair": pair_id,
        "set": name,
        "kind": f.kind,
        "severity": f.severity,
        "note": f.note,
        "source_id": art[src].id,
        "retelling_id": art[ret].id,
        "direction_decided": c.flags_source_decided,
        "relation": c.verdict.relation,
        "source_text": text[src],
        "retelling_text": text[ret],
        "source_context": _context(c, f, src),
        "retelling_context": _context(c, f, ret),
        "match": _match_of(c, f),
        "verdict": "",
        "reason": "",
        "cause": "",
    }


def _pairs(name: str, n: int, rng: random.Random) -> list[tuple[Article, Article]]:
    return {"wmt19": wmt_pairs, "mrpc": mrpc_pairs, "allsides": allsides_pairs}[name](n, rng)


def out_path(seed: int) -> Path:
    """The JSONL of a draw: ``flag_audit.jsonl`` for the first audit's seed, ``flag_audit_seed<N>.jsonl`` else."""
    return ROOT / "benchmarks" / "results" / ("flag_audit.jsonl" if seed == SEED else f"flag_audit_seed{seed}.jsonl")


def draw(n_pairs: int, lexical: bool, seed: int) -> None:
    rng, flags = random.Random(seed), {}
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    meta: Row = {"seed": seed, "mode": "lexical" if lexical else "model", "commit": head.strip(), "sets": {}}
    for name in SETS:
        pairs, t0 = _pairs(name, n_pairs, rng), time.perf_counter()
        cs = [retold.compare(a, b, lexical=lexical) for a, b in pairs]
        flags[name] = [flag_row(name, f"{c.a.id}|{c.b.id}", c, f) for c in cs for f in c.flags]
        meta["sets"][name] = {"pairs": len(pairs), "flags": len(flags[name])}
        print(
            f"{name}: {len(pairs)} pairs, {len(flags[name])} flags, {time.perf_counter() - t0:.0f} s", file=sys.stderr
        )
    quota = {s: DRAW // len(SETS) + (i < DRAW % len(SETS)) for i, s in enumerate(SETS)}
    rows = [r for s in SETS for r in sorted(rng.sample(flags[s], min(quota[s], len(flags[s]))), key=_drawn_order)]
    for k, r in enumerate(rows):
        r["n"] = k
    save(meta, rows)


def relabel(lexical: bool, seed: int) -> None:
    """Compare the judged flags' pairs again: which judged flags the current code still raises (a re-run after a
    change needs no new judging for removals), each with the match it is read from; verdicts are kept. Prints
    the estimate over the judged flags still raised and how many flags every data set raises now (flags that
    were not in the drawn pool are not judged: a count that grew says the estimate is a lower bound)."""
    meta, rows = load(seed)
    rng, now_flags = random.Random(seed), Counter[str]()
    for name in SETS:
        for a, b in _pairs(name, meta["sets"][name]["pairs"], rng):
            c = retold.compare(a, b, lexical=lexical)
            now_flags[name] += len(c.flags)
            pair = f"{a.id}|{b.id}"
            mark_raised([r for r in rows if r["pair"] == pair], [flag_row(name, pair, c, f) for f in c.flags])
    save(meta, rows)
    print("\n".join(still_raised(meta, rows)))
    print("flags now / at the draw: " + ", ".join(f"{s} {now_flags[s]} / {meta['sets'][s]['flags']}" for s in SETS))


def mark_raised(judged: list[Row], now: list[Row]) -> None:
    """Mark each judged flag of a pair ``raised`` when a flag of ``now`` (the pair compared again) is the same
    finding, and ``flipped`` when that flag reads it the other way round (a direction flip: its mirrored kind,
    source and retelling swapped), with the match it is now read from."""
    found: dict[tuple[str, str, str, str], list[Row]] = {}
    for x in now:
        found.setdefault(_key(x), []).append(x)
    for r in judged:
        # one pair may raise the same finding in two places ('U.S.' dropped from two sentences): the one whose
        # sentences are the judged flag's is that flag (the first of them when none is)
        same = found.get(_key(r), [])
        hit = max(same, key=lambda x: len(_where(x) & _where(r))) if same else None
        r["raised"], r["flipped"] = hit is not None, hit is not None and hit["source_id"] != r["source_id"]
        if hit is not None:
            r["match"] = hit["match"]


def raised_as(r: Row, now: list[Row]) -> int | None:
    """The index in ``now`` (a pair's flags as ``flag_row`` writes them) of the flag that is the judged flag ``r``:
    the same finding, read from the judged flag's sentences where the pair raises it in several (None: gone)."""
    same = [k for k, x in enumerate(now) if _key(x) == _key(r)]
    return max(same, key=lambda k: len(_where(now[k]) & _where(r))) if same else None


def still_raised(meta: Row, rows: list[Row]) -> list[str]:
    """The comparison ``--labels`` prints: the judged flags still raised (of them, those flipped: read the other
    way round now, so their verdicts need judging again) and the estimate over them."""
    had = Counter(r["verdict"] or "unjudged" for r in rows)
    found = Counter(r["verdict"] or "unjudged" for r in rows if r["raised"])
    flipped = Counter(r["verdict"] or "unjudged" for r in rows if r.get("flipped"))
    drawn = Counter(r["set"] for r in rows)
    kept = [r for r in rows if r["raised"]]
    return [
        "still raised: " + ", ".join(f"{k} {found[k]} of {n}" for k, n in sorted(had.items())),
        "flipped (raised read the other way round, source and retelling swapped: judge again): "
        + (", ".join(f"{k} {n}" for k, n in sorted(flipped.items())) or "none"),
        f"est. wrong flags per pair over the judged flags still raised: {per_pair(meta, drawn, kept):.2f}"
        f" (flipped ones left out: {per_pair(meta, drawn, [r for r in kept if not r.get('flipped')]):.2f};"
        f" all judged: {per_pair(meta, drawn, rows):.2f})",
    ]


def _drawn_order(r: Row) -> tuple[str, str, str, str]:
    """The order a draw writes each data set's flags in (every audit so far was written in it)."""
    return (r["pair"], r["kind"], r["source_text"] or "", r["retelling_text"] or "")


def _where(r: Row) -> set[str]:
    """The sentences a flag was read from, on either side, as a reader sees them."""
    return {shown(r.get(k) or "") for k in ("source_context", "retelling_context")} - {""}


def _key(r: Row) -> tuple[str, str, str, str]:
    """A flag by its pair, its kind and its words in the pair's first and second article, whichever of them the
    comparison read as the source: a flag and its mirror read the other way round (``MIRRORED_KINDS``) are one."""
    first = r["pair"].split("|", 1)[0] == r["source_id"]
    a_text, b_text = (r["source_text"], r["retelling_text"]) if first else (r["retelling_text"], r["source_text"])
    kind = min(r["kind"], MIRRORED_KINDS.get(r["kind"], r["kind"]))
    # as a reader sees them: a flag drawn before session 31 may show page furniture as NUL characters
    return (r["pair"], kind, shown(a_text or ""), shown(b_text or ""))


def save(meta: Row, rows: list[Row]) -> None:
    out = out_path(meta["seed"])
    with out.open("w", encoding="utf-8") as f:
        f.writelines(json.dumps(x, ensure_ascii=False) + "\n" for x in [{"meta": meta}, *rows])
    print(f"wrote {len(rows)} flags to {out.relative_to(ROOT)}")


def load(seed: int) -> tuple[Row, list[Row]]:
    return read_audit(out_path(seed))


def read_audit(path: Path) -> tuple[Row, list[Row]]:
    """A draw's JSONL: its meta line, then one row per drawn flag."""
    lines = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    return lines[0]["meta"], lines[1:]


def per_pair(meta: Row, drawn: Counter[str], rows: list[Row], sets: tuple[str, ...] = SETS) -> float:
    """Estimated wrong flags per pair: each data set's wrong share of its ``drawn`` flags times its flags,
    over its pairs (``rows`` may be a subset of the drawn flags: the others count as not raised)."""
    wrong = Counter(r["set"] for r in rows if r["verdict"] == "wrong")
    total = sum(wrong[s] / drawn[s] * meta["sets"][s]["flags"] for s in sets if drawn[s])
    return total / sum(meta["sets"][s]["pairs"] for s in sets)


def _spread(meta: Row, drawn: Counter[str], rows: list[Row]) -> float:
    """Half-width of a 95% normal interval on ``per_pair`` from the binomial error of each data set's sample."""
    wrong = Counter(r["set"] for r in rows if r["verdict"] == "wrong")
    var = sum((meta["sets"][s]["flags"] / drawn[s]) ** 2 * wrong[s] * (1 - wrong[s] / drawn[s]) for s in drawn)
    return 1.96 * var**0.5 / sum(meta["sets"][s]["pairs"] for s in SETS)


def _label(r: Row) -> str:
    m = r.get("match", "?")
    return "?" if m == "?" else (m[0] if m else "none (unmatched sentence)")


def _table(head: str, rows: list[Row], group: Callable[[Row], str]) -> list[str]:
    """Drawn, wrong and precision per group, largest first, and a total."""
    drawn = Counter(group(r) for r in rows)
    wrong = Counter(group(r) for r in rows if r["verdict"] == "wrong")
    out = [f"| {head} | drawn | wrong | precision |", "|---|---:|---:|---:|"]
    out += [f"| {k} | {n} | {wrong[k]} | {1 - wrong[k] / n:.2f} |" for k, n in drawn.most_common()]
    return [*out, f"| **all** | {len(rows)} | {sum(wrong.values())} | {1 - sum(wrong.values()) / len(rows):.2f} |"]


def summarise(seed: int) -> None:
    meta, rows = load(seed)
    todo = [r["n"] for r in rows if r["verdict"] not in ("right", "wrong")]
    if todo:
        sys.exit(f"{len(todo)} flags not judged yet (first: n={todo[0]})")
    per_set = Counter(r["set"] for r in rows)
    sets = ["| data set | pairs | flags | flags/pair | drawn | wrong | est. wrong flags/pair |", "|---|" + "---:|" * 6]
    for s in SETS:
        m, w = meta["sets"][s], sum(r["verdict"] == "wrong" for r in rows if r["set"] == s)
        est, fpp = per_pair(meta, per_set, rows, (s,)), m["flags"] / m["pairs"]
        sets.append(f"| {s} | {m['pairs']} | {m['flags']} | {fpp:.2f} | {per_set[s]} | {w} | {est:.2f} |")
    overall = per_pair(meta, per_set, rows)
    n_pairs, n_wrong = sum(meta["sets"][s]["pairs"] for s in SETS), sum(r["verdict"] == "wrong" for r in rows)
    sets.append(f"| **all** | {n_pairs} | | | {len(rows)} | {n_wrong} | {overall:.2f} |")
    kinds, by_match = _table("kind", rows, lambda r: r["kind"]), _table("read from a match labelled", rows, _label)
    kept = [r for r in rows if _label(r) != "related"]
    right_kept = sum(r["verdict"] == "right" for r in kept) / max(1, sum(r["verdict"] == "right" for r in rows))
    what_if = (
        "Had no flag been read from a `related` match: est. wrong flags per pair"
        f" {per_pair(meta, per_set, kept):.2f}, keeping {right_kept:.0%} of the right flags."
    )
    ci = _spread(meta, per_set, rows)
    headline = f"Wrong flags per pair, estimated over all {n_pairs} pairs: **{overall:.2f}** (95% interval +-{ci:.2f};"
    headline += " goal <= 0.05)."
    if all("raised" in r for r in rows):  # written by --labels: what the code of the last re-compare still raises
        raised = [r for r in rows if r["raised"]]
        n_right = sum(r["verdict"] == "right" for r in rows)
        headline += (
            f" Re-compared by `--labels` with the current code: {sum(r['verdict'] == 'right' for r in raised)} of the"
            f" {n_right} right and {sum(r['verdict'] == 'wrong' for r in raised)} of the {n_wrong} wrong flags are"
            f" still raised, an estimated **{per_pair(meta, per_set, raised):.2f}** wrong flags per pair over the"
            " judged ones (flags the change newly raises are not in the draw: judge them apart)."
        )
        if any(r.get("flipped") for r in rows):
            headline += (
                f" {sum(bool(r.get('flipped')) for r in rows)} of those raised are flipped: read the other way round"
                " after a direction flip (source and retelling swapped), their verdicts to be judged again."
            )
    print("\n".join([*kinds, "", *sets, "", *by_match, "", what_if, headline]))
    causes: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        if r["verdict"] == "wrong":
            causes[r.get("cause") or "other"].append(r)
    doc = (__doc__ or "").split("\n\n", 1)[1].split("\n\nUsage")[0]
    rules = RULES if "judged_by" not in meta else RULES.split(" Judged by")[0] + " " + meta["judged_by"]
    sections = {"Method": [doc, "", rules], "Per kind": kinds, "Per data set": [*sets, "", headline]}
    sections["By the alignment match the flag was read from"] = [*by_match, "", what_if]
    out = [
        "# Flag audit (issue 15): flags judged by hand",
        "",
        "Written by `python benchmarks/flag_audit.py --summarise`",
    ]
    out[-1] += (
        f" from `{out_path(seed).name}` (mode {meta['mode']}, seed {meta['seed']}, tree {meta.get('commit', '?')})."
    )
    for title, body in sections.items():
        out += ["", f"## {title}", "", *body]
    out += ["", "## Wrong flags by cause"]
    for cause, rs in sorted(causes.items(), key=lambda kv: -len(kv[1])):
        out += ["", f"### {cause} ({len(rs)})", ""]
        out += [
            f"- n={r['n']} {r['set']} `{r['kind']}` {r['source_text']!r} -> {r['retelling_text']!r}: {r['reason']}"
            for r in rs
        ]
    md = out_path(seed).with_suffix(".md")
    md.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"wrote {md.relative_to(ROOT)}")


def cohen_kappa(x: list[str], y: list[str]) -> float:
    """Agreement of two judges beyond what their rates of "right" give by chance (1: the same verdicts)."""
    n = len(x)
    observed = sum(a == b for a, b in zip(x, y, strict=True)) / n
    labels = set(x) | set(y)
    chance = sum((x.count(k) / n) * (y.count(k) / n) for k in labels)
    return 1.0 if chance >= 1 else (observed - chance) / (1 - chance)


def agreement(seed: int, second: Path) -> None:
    """How far a second judge's verdicts (JSONL of ``{"n", "verdict", ...}``, every drawn flag) agree with the
    draw's: raw agreement, Cohen's kappa, and the estimate under each judge (all flags; those still raised)."""
    meta, rows = load(seed)
    other = {d["n"]: d["verdict"] for d in map(json.loads, second.read_text(encoding="utf-8").splitlines()) if d}
    missing = [r["n"] for r in rows if other.get(r["n"]) not in ("right", "wrong")]
    if missing:
        sys.exit(f"{second}: {len(missing)} flags without a verdict (first: n={missing[0]})")
    n = len(rows)
    first, second_v = [r["verdict"] for r in rows], [other[r["n"]] for r in rows]
    same, kappa = sum(x == y for x, y in zip(first, second_v, strict=True)), cohen_kappa(first, second_v)
    p1, p2 = first.count("right") / n, second_v.count("right") / n
    drawn = Counter(r["set"] for r in rows)
    theirs = [{**r, "verdict": other[r["n"]]} for r in rows]
    raised = [r for r in rows if r.get("raised", True)]
    raised2 = [r for r in theirs if r.get("raised", True)]
    print(f"{n} flags: the judges agree on {same} ({same / n:.2f}), Cohen's kappa {kappa:.2f}")
    print(f"right: first judge {p1:.2f}, second {p2:.2f}")
    print(
        f"est. wrong flags per pair: first judge {per_pair(meta, drawn, rows):.2f}, second"
        f" {per_pair(meta, drawn, theirs):.2f}; over the flags still raised {per_pair(meta, drawn, raised):.2f} /"
        f" {per_pair(meta, drawn, raised2):.2f}"
    )


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("--pairs", type=int, default=40, help="pairs compared per data set (default 40)")
    p.add_argument("--lexical", action="store_true", help="compare without the model")
    p.add_argument("--summarise", action="store_true", help="print the tables of the judged JSONL and write the .md")
    p.add_argument("--labels", action="store_true", help="add the match label of each judged flag (compares again)")
    p.add_argument("--seed", type=int, default=SEED, help=f"the draw's seed (default {SEED}, the first audit)")
    p.add_argument("--agreement", type=Path, help="a second judge's verdicts (JSONL): agreement with the draw's")
    args = p.parse_args()
    if args.agreement:
        agreement(args.seed, args.agreement)
    elif args.labels:
        relabel(args.lexical, args.seed)
    elif args.summarise:
        summarise(args.seed)
    else:
        draw(args.pairs, args.lexical, args.seed)


if __name__ == "__main__":
    main()
