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
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any

from retold.fidelity import analyse
from retold.ingest import article_from_text
from retold.model import Article, Flag, Match
from retold.text.normalise import words

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
SEED = 20241014
FAMILIES = ("number", "quote", "entity", "attribution", "claim", "meaning")
GOAL_FALSE = 0.05
GOAL_RECALL = 0.95

OUTLETS_KNOWN = ["Reuters", "AP", "AFP", "Bloomberg", "the BBC", "dpa", "Interfax", "CNN"]
OUTLETS_MADE_UP = ["the Harbour Gazette", "Radio Nordwest", "the Daily Clarion", "Kanal Sieben", "the Valley Times"]
CITIES = ["LONDON", "BERLIN", "WASHINGTON", "BRUSSELS", "KYIV"]
TEMPLATES = {
    "en": [
        "{s}, {o} reported.",
        "{s}, according to {o}.",
        "{s}, reports {o}.",
        "{s}, {o} said.",
        "{city} ({o}) - {S}.",
    ],
    "de": [
        "{s}, berichtete {o}.",
        "{s}, wie {o} berichtete.",
        "{s}, meldete {o}.",
        "{s}, so {o}.",
        "{city} ({o}) - {S}.",
    ],
}
QUOTE_RE = re.compile(r"[\"“„«»”‚‘]([^\"“”„«»]{3,400}?)[\"“”«»‘’]")


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


Edit = Callable[[str, str, random.Random], "tuple[str, str, str] | None"]


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


def family(f: Flag) -> str:
    return f.kind.split("_", 1)[0]


# ---------------------------------------------------------------- oracles (no extractor code)


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c))


def _digits(s: str) -> list[str]:
    return [d.replace(",", "").replace(".", "") for d in re.findall(r"\d+(?:[.,]\d+)*", s)]


def _quoted(text: str) -> list[str]:
    return [" ".join(words(m.group(1))) for m in QUOTE_RE.finditer(text)]


def oracle_false(f: Flag, a: str, b: str) -> bool:
    """Whether the flagged item is plainly present on the other side (so the flag is false)."""
    fam = family(f)
    x, y = f.a_text or "", f.b_text or ""
    if fam == "number":
        if f.kind == "number_changed":
            return sorted(_digits(x)) == sorted(_digits(y)) or (
                set(_digits(x)) <= set(_digits(b)) and set(_digits(y)) <= set(_digits(a))
            )
        item, other = (x, b) if f.kind == "number_dropped" else (y, a)
        ds = _digits(item)
        if ds:
            return set(ds) <= set(_digits(other))
        return _fold(item) in _fold(other)
    if fam == "quote":
        if f.kind == "quote_altered":
            return " ".join(words(x)) == " ".join(words(y)) or " ".join(words(x)) in _quoted(b)
        item, other = (x, b) if f.kind == "quote_dropped" else (y, a)
        w = " ".join(words(item))
        return any(w and w in q for q in _quoted(other))
    if fam == "entity":
        if f.kind == "entity_changed":
            return _fold(x) in _fold(b) or _fold(y) in _fold(a)
        item, other = (x, b) if f.kind == "entity_dropped" else (y, a)
        toks = [t for t in re.findall(r"\w+", _fold(item)) if len(t) >= 3]
        return bool(toks) and all(t[:5] in _fold(other) for t in toks)
    return False


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


# ---------------------------------------------------------------- controlled edits


def name_pool(mrpc: list[tuple[str, str, str]]) -> set[str]:
    """Words English news writes capitalised mid-sentence and never in lower case: a proper-noun proxy."""
    caps: Counter[str] = Counter()
    lower: set[str] = set()
    for _, a, b in mrpc:
        for text in (a, b):
            toks = re.findall(r"[^\W\d_][\w'-]*", text)
            for k, t in enumerate(toks):
                if t[0].islower():
                    lower.add(t.lower())
                elif k > 0 and t[1:].islower() and len(t) >= 3:
                    caps[t] += 1
    stop = {"The", "This", "That", "But", "And", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}
    stop |= {"Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August"}
    stop |= {"September", "October", "November", "December", "Mr", "Mrs", "Ms", "Dr", "Inc", "Corp", "Co", "Ltd"}
    stop |= {"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "St", "Jr", "Sr"}
    return {t for t, c in caps.items() if t.lower() not in lower and t not in stop and t.isalpha()}


def _noninitial_caps(text: str) -> list[str]:
    toks = re.findall(r"[^\W\d_][\w'-]*", text)
    return [t for k, t in enumerate(toks) if k > 0]


_STANDALONE = re.compile(r"(?<![\w.,])\d+(?![\w]|[.,]\d)")  # a number, not part of a code like "J2EE"


def edit_number(a: str, b: str, rng: random.Random) -> tuple[str, str, str] | None:
    da = set(_STANDALONE.findall(a))
    db = _STANDALONE.findall(b)
    shared = sorted(d for d in set(db) if d in da)
    if not shared:
        return None
    d = rng.choice(shared)
    k = rng.randrange(len(d))
    choices = [c for c in "0123456789" if c != d[k] and not (k == 0 and c == "0" and len(d) > 1)]
    new = d[:k] + rng.choice(choices) + d[k + 1 :]
    b2 = re.sub(rf"(?<![\w.,]){d}(?![\w]|[.,]\d)", new, b)
    return a, b2, new


def edit_name(a: str, b: str, rng: random.Random, pool: list[str]) -> tuple[str, str, str] | None:
    in_a = set(_noninitial_caps(a))
    cands = sorted({t for t in _noninitial_caps(b) if t in in_a and t in set(pool)})
    if not cands:
        return None
    old = rng.choice(cands)
    fa, fb = _fold(a), _fold(b)
    for _ in range(50):
        new = rng.choice(pool)
        if _fold(new)[:4] not in fa and _fold(new)[:4] not in fb and new[:3] != old[:3]:
            break
    else:
        return None
    b2 = re.sub(rf"\b{re.escape(old)}\b", new, b)
    return a, b2, new


def edit_quote(a: str, b: str, rng: random.Random, vocab: list[str]) -> tuple[str, str, str] | None:
    qa = set(_quoted(a))
    kept = [m for m in QUOTE_RE.finditer(b) if " ".join(words(m.group(1))) in qa and len(words(m.group(1))) >= 3]
    if not kept:
        return None
    m = rng.choice(kept)
    inner = m.group(1)
    spots = [w for w in re.finditer(r"[^\W\d_]{4,}", inner)]
    if not spots:
        return None
    w = rng.choice(spots)
    for _ in range(50):
        new = rng.choice(vocab)
        if new.lower() != w.group().lower() and new.lower() not in inner.lower():
            break
    else:
        return None
    s = m.start(1) + w.start()
    b2 = b[:s] + new + b[s + len(w.group()) :]
    return a, b2, new


def _credit(text: str, lang: str, rng: random.Random, outlet: str, form: int) -> str:
    tpl = TEMPLATES[lang][form]
    s = text.rstrip()
    s = s[:-1] if s.endswith((".", "!", "?")) and not s.endswith("...") else s
    if tpl.startswith("{city}"):
        outlet = re.sub(r"^the ", "", outlet)  # a dateline credits "(BBC)", not "(the BBC)"
    return tpl.format(s=s, S=s, o=outlet, city=rng.choice(CITIES))


def edit_credit_dropped(a: str, b: str, rng: random.Random, lang: str) -> tuple[str, str, str]:
    outlet = rng.choice(OUTLETS_KNOWN + OUTLETS_MADE_UP)
    form = rng.randrange(len(TEMPLATES[lang]))
    return _credit(a, lang, rng, outlet, form), b, re.sub(r"^the ", "", outlet)


def edit_credit_changed(a: str, b: str, rng: random.Random, lang: str) -> tuple[str, str, str]:
    o1, o2 = rng.sample(OUTLETS_KNOWN + OUTLETS_MADE_UP, 2)
    form = rng.randrange(len(TEMPLATES[lang]))
    return _credit(a, lang, rng, o1, form), _credit(b, lang, rng, o2, form), re.sub(r"^the ", "", o2)


def clean_numbers(a: str, b: str) -> bool:
    """Both sides state the same digits: the injected change is then the only number difference."""
    return sorted(_digits(a)) == sorted(_digits(b))


def clean_names(pool: set[str]) -> Callable[[str, str], bool]:
    def ok(a: str, b: str) -> bool:
        return {t for t in _noninitial_caps(a) if t in pool} == {t for t in _noninitial_caps(b) if t in pool}

    return ok


def clean_quotes(a: str, b: str) -> bool:
    return set(_quoted(a)) == set(_quoted(b))


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


SEED_MATCHES = [
    Match((0, 1), (0, 1), "paraphrase", 0.8),
    Match((2,), (2,), "paraphrase", 0.7),
    Match((3,), (3, 4), "paraphrase", 0.7),
    Match((4,), (5, 6), "paraphrase", 0.7),
    Match((7,), (7,), "edited", 0.9),
    Match((8,), (8, 9), "edited", 0.8),
]
SEED_BUDGET_MS = 20.0


def seeds_section() -> dict[str, Any] | None:
    """The seed pair: time to analyse (fresh articles, best of repeats) against reading them, and the
    name extractor's precision and recall against the hand-made names in tests/fidelity/seed_names.json."""
    d = SHARED.parent / "seeds"
    fa, fb = sorted(d.glob("000_*.txt")), sorted(d.glob("003_*.txt"))
    if not fa or not fb:
        return None
    from dataclasses import replace

    from retold.fidelity import decide_direction
    from retold.fidelity._shared import Doc
    from retold.fidelity.entities import entities
    from retold.ingest import read_article

    a, b = read_article(str(fa[0])), read_article(str(fb[0]))
    only_a, only_b = (5, 6, 9, 10, 11, 12), (10, 11, 12)

    def best_ms(fn: Callable[[], object], n: int = 30) -> float:
        times = []
        for _ in range(n):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        return 1000 * min(times)

    def cold() -> object:  # fresh article objects: nothing prepared is reused
        a2, b2 = replace(a), replace(b)
        fl = analyse(a2, b2, SEED_MATCHES, only_a, only_b)
        return decide_direction(a2, b2, SEED_MATCHES, only_a, only_b, fl)

    analyse_ms = best_ms(cold)
    read_ms = best_ms(lambda: (read_article(str(fa[0])), read_article(str(fb[0]))))
    flags = analyse(a, b, SEED_MATCHES, only_a, only_b)
    direction = decide_direction(a, b, SEED_MATCHES, only_a, only_b, flags)
    gold = json.loads((ROOT / "tests" / "fidelity" / "seed_names.json").read_text(encoding="utf-8"))
    counts = [0, 0, 0]
    for art, key in ((a, "000"), (b, "003")):
        doc = Doc(art)
        for i in range(len(doc.sents)):
            _score_names([e.text for e in entities(doc, [i])], gold[key].get(str(i), []), counts)
    tp, fp, fn = counts
    mrpc = _mrpc_names()
    return {
        "analyse_and_direction_ms": round(analyse_ms, 2),
        "read_both_ms": round(read_ms, 2),
        "budget_ms": SEED_BUDGET_MS,
        "flags": sorted(f.kind for f in flags),
        "direction": [direction[0], direction[1]],
        "names_precision": round(tp / (tp + fp), 3),
        "names_recall": round(tp / (tp + fn), 3),
        "names_mrpc": mrpc,
    }


def _name_words(names: list[str]) -> list[str]:
    joiners = {"and", "for", "of", "the", "The"}
    return [w for n in names for w in n.replace("-", " ").replace("'s", "").rstrip(".").split() if w not in joiners]


def _score_names(got_names: list[str], gold_names: list[str], counts: list[int]) -> None:
    """Name words found (tp, fp) and missed (fn), as multisets, added to ``counts``."""
    want = _name_words(gold_names)
    for w in _name_words(got_names):
        if w in want:
            want.remove(w)
            counts[0] += 1
        else:
            counts[1] += 1
    counts[2] += len(want)


def _mrpc_names() -> dict[str, dict[str, float]]:
    """The extractor against hand-made names of 60 MRPC sentences (tests/fidelity/mrpc_names.json)."""
    from retold.fidelity._shared import Doc
    from retold.fidelity.entities import entities

    gold = json.loads((ROOT / "tests" / "fidelity" / "mrpc_names.json").read_text(encoding="utf-8"))
    rows = {}
    for line in (SHARED / "mrpc" / "mrpc.train.jsonl").open(encoding="utf-8"):
        rec = json.loads(line)
        rows[rec["id"]] = rec
    out = {}
    for part in ("development", "held_out"):
        counts = [0, 0, 0]
        for rid, names in gold[part]["names"].items():
            doc = Doc(article_from_text(rows[rid][gold[part]["side"]], id=rid))
            _score_names([e.text for e in entities(doc)], names, counts)
        tp, fp, fn = counts
        out[part] = {"precision": round(tp / (tp + fp), 3), "recall": round(tp / (tp + fn), 3), "sentences": 30}
    return out


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
