"""Why PAN13's directions go wrong as a collection: the wrong edges sorted into causes, with examples.

    .venv/bin/python benchmarks/direction_causes.py [--db FILE] [--json OUT]

Scans the PAN13 documents as one collection in ``--lexical`` mode (as ``corpus_scan.py --size 0 --pan13
--systems lexical`` does; ``--db`` reads a store such a scan left instead), then reads each known
(source, suspicious) pair's edge. A found pair whose direction does not name the source is put in one cause,
read from the reasons the edge stores (the neighbour fits of ``retold.fidelity.coherence``):

- ``source shared throughout``: the source has no unmatched neighbour (it stands at the passage model's
  ``tau``) and the sentences around the passage in the suspicious document fit it above ``tau``;
- ``copy fits better, by <= 3 points`` / ``by more``: both sides have neighbours, the suspicious document's
  fit the passage more;
- ``source neighbours share nothing``: both have neighbours, the source's fit is 0%;
- ``no source named``: undetermined or a common source;
- ``other``: anything else (the whole-retelling model, a credit), never dropped.

Beside them, from ``direction_cv.py``'s comparisons (its cache, computed again after a change of the code):
the median neighbour fit of the copy's side in PAN13's pairs and in the planted lifts the passage model is
fitted on (whose hosts are on another subject).
Each cause (and the right edges) also counts its edges with 3+ ``related`` matches (the same subject, no
shared text), which the lexical alignment pairs between a source and a host on its subject. A known pair not found
as reuse is counted by its edge's relation and its matches that hold shared text (verbatim, edited, paraphrase).

Session 36 (f0e07c5; the scan about 75 s on two shared cores): direction right on 422 of the 487 found (0.867);
source shared throughout 16, no source named 14, copy fits better by <= 3 points 13, by more 13, source neighbours
share nothing 8, other 1; 435 of the 487 edges have 3+ ``related`` matches. A third of those (1,899 of the 5,675
``related`` matches of ``eval.py pan13``'s 354 pairs) are pieces of copied sentences (70%+ of the shorter side's
content words in the other): PAN13's documents are hard-wrapped and a line break ends a sentence, and a case is cut
mid-sentence, so the same words are split at other places on the two sides and pair as ``related``. Not found as
reuse: 13 of 500, every one ``same_story`` with 1-4 shared-text matches (cases of 267-637 characters whose edge
sentences align as ``related``: no passage of 3 close sentences, under 0.3 of either document). The suspicious
documents are compilations (153 of them hold the 500 cases, 102 take from 2-15 sources; 457 of the 478 sources are
taken by one), which a single pair's evidence cannot see. Reading the passage as shared text only
(``coherence.copied``, ``benchmarks/piece_cv.py``) makes it 446 of 487 (0.916; 44 edges fixed, 20 broken: source
shared throughout 5, no source named 7, copy fits better by <= 3 points 5, by more 22, source neighbours share
nothing 1, other 1), and costs Clough one answer in each mode.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus_data

REUSE = ("identical", "near_duplicate", "rewrite", "partial_reuse")
BOTH = re.compile(r"carry on their story in (A|B) \((\d+)% .*? more than in (A|B) \((\d+)%\)")
WHOLE = re.compile(r"(A|B) is shared throughout and the sentences around it in (A|B) (carry on|tell another)")
EDGES = (
    "SELECT x.id, y.id, e.relation, e.direction, e.evidence FROM edges e "
    "JOIN articles x ON x.row = e.a JOIN articles y ON y.row = e.b"
)


def scan(folder: Path) -> Path:
    """The PAN13 documents (written to ``folder`` by ``corpus_data.pan13``) added and scanned in ``--lexical``
    mode, as a corpus scan does; the store's path."""
    from retold.corpus import Corpus, default_workers

    db = folder / "lexical.db"
    c = Corpus(db)
    c.add([str(folder / "pan13.jsonl")], workers=default_workers())
    c.scan(lexical=True, workers=default_workers())
    return db


def cause(direction: str, reasons: list[str], source: str) -> str:
    """One wrong edge's cause, ``source`` the letter (A or B) the source has in the edge."""
    text = " ".join(reasons)
    if direction not in ("a_to_b", "b_to_a"):
        return "no source named"
    if m := WHOLE.search(text):
        return "source shared throughout" if m.group(1) == source else "other"
    if m := BOTH.search(text):
        fit_hi, lo, fit_lo = int(m.group(2)), m.group(3), int(m.group(4))
        if lo == source and fit_lo == 0:
            return "source neighbours share nothing"
        return "copy fits better, by <= 3 points" if fit_hi - fit_lo <= 3 else "copy fits better, by more"
    return "other"


def sort(db: Path, pairs: list[corpus_data.Planted]) -> dict[str, Any]:
    """Every known pair's edge read: right, not found, or wrong by cause (with up to three examples each)."""
    con = sqlite3.connect(db)
    edges = {frozenset((a, b)): (a, rel, d, json.loads(ev)) for a, b, rel, d, ev in con.execute(EDGES)}
    con.close()
    counts: Counter[str] = Counter()
    related: Counter[str] = Counter()
    examples: dict[str, list[dict[str, Any]]] = defaultdict(list)
    missed: Counter[str] = Counter()
    for src, copy, *_ in pairs:
        edge = edges.get(frozenset((src, copy)))
        if edge is None or edge[1] not in REUSE:
            counts["not found as reuse"] += 1
            if edge is None:
                missed["no edge"] += 1
            else:  # the relation and how many sentence matches hold shared text (verbatim, edited, paraphrase)
                close = sum(m[2] != "related" for m in edge[3].get("matches", []))
                missed[f"{edge[1]}, {close} shared-text matches"] += 1
            continue
        a, _, direction, evidence = edge
        named = {"a_to_b": "A", "b_to_a": "B"}.get(direction)
        letter = "A" if a == src else "B"
        why = "right" if named == letter else cause(direction, list(evidence.get("reasons", [])), letter)
        counts[why] += 1
        related[why] += sum(m[2] == "related" for m in evidence.get("matches", [])) >= 3
        if why != "right" and len(examples[why]) < 3:
            examples[why].append({"source": src, "copy": copy, "direction": direction, "reasons": evidence["reasons"]})
    found = sum(n for k, n in counts.items() if k != "not found as reuse")
    return {
        "direction": round(counts["right"] / found, 4) if found else 0.0,
        "found": found,
        "counts": dict(counts.most_common()),
        "with_3_related_matches": dict(related),
        "not_found": dict(missed.most_common()),
        "examples": dict(examples),
    }


def copy_fits() -> dict[str, float]:
    """The median neighbour fit of the copy's side (where it has neighbours), PAN13 pairs and planted lifts."""
    import statistics

    import direction_cv as cv
    from evallib.common import Options

    out = {}
    for name in ("pan13", "lifts"):
        rows = cv.collect(name, Options(lexical=True, quiet=True), 400, False)
        fits = [r["fit_b"] if r["y"] else r["fit_a"] for r in rows]
        out[name] = round(statistics.median(f for f in fits if f is not None), 3)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, help="the store of a PAN13 --lexical scan (default: scan afresh)")
    ap.add_argument("--json", type=Path, help="write the counts and examples here")
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="retold-causes-"))
    pairs = corpus_data.pan13(folder)
    out = sort(args.db or scan(folder), pairs)
    out["copy_fit_median"] = copy_fits()
    print(f"direction right on {out['direction']:.3f} of the {out['found']} pairs found as reuse")
    for k, n in out["counts"].items():
        rel = out["with_3_related_matches"].get(k)
        print(f"  {k:34s} {n:4d}" + (f"  ({rel} with 3+ related matches)" if rel is not None else ""))
    print("  not found as reuse: " + "; ".join(f"{k}: {n}" for k, n in out["not_found"].items()))
    fits = out["copy_fit_median"]
    print(f"the copy's neighbour fit, median: PAN13 pairs {fits['pan13']:.3f}, planted lifts {fits['lifts']:.3f}")
    if args.json:
        args.json.write_text(json.dumps(out, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
