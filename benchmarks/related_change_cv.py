"""Blocked CV: which flag kinds a `related` match should not raise (issue 15).

    .venv/bin/python benchmarks/related_change_cv.py [--json results/related_change_cv.json]

A `related` match pairs two sentences on one topic without showing that they state one thing. A *change*
(a number, a name, a credit or a statement's sense read as altered) compares the two sentences as one
statement, so on such a match it may be two statements, not one changed. The six hand audits
(``results/flag_audit.jsonl``, ``flag_audit_seed16..20.jsonl``) say, for every judged flag still raised
(``raised``, as the last ``flag_audit.py --labels`` marked it; the sixth audit was drawn on the current
code), whether it was right and which match it was read from (``match``: label and score at the draw).

Each audit is a contiguous block (its own seed's draw): for each one held out, a policy is chosen on the
other five and scored on it. Two policies:

* ``changes``: withhold the four change kinds (``CHANGE_KINDS``) on related matches, taken when the other
  audits hold more wrong than right flags of those kinds on related matches;
* ``per_kind``: withhold each kind whose related-match flags in the other audits are more often wrong than
  right (the most a kind-by-kind choice could do; more freedom, more risk of fitting).

Prints, per held-out audit, the right and wrong flags each policy withholds there.

Session 30: ``changes`` is taken in every fold and held out withholds 22 wrong flags and 4 right ones
(``per_kind``: 37 and 32). Then the seventh audit (seed 21) was drawn and judged on the code before the gate,
after the choice; the last line printed scores the gate on it: 5 wrong withheld, 0 right. Session 31 adopted the gate
(``retold.fidelity.CHANGE_KINDS``). Its known cost: the demo's planted number change ("up to 1,100 jobs" ->
"as many as 1,500 jobs", examples 01 / 03) sits on a `related` match (paraphrase probability 0.18 lexical, 0.25
with the model) and is no longer flagged; the row's diff still shows both figures.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from retold.fidelity import CHANGE_KINDS

RESULTS = Path(__file__).resolve().parent / "results"
AUDITS = {15: "flag_audit.jsonl", **{s: f"flag_audit_seed{s}.jsonl" for s in (16, 17, 18, 19, 20)}}
CHECK = {21: "flag_audit_seed21.jsonl"}  # drawn and judged after the choice: never in a fold


def related_flags(seed: int) -> list[tuple[str, str]]:
    """(kind, verdict) of the judged flags still raised that were read from a `related` match."""
    out = []
    for line in (RESULTS / {**AUDITS, **CHECK}[seed]).read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if "verdict" not in r or "kind" not in r or r.get("raised") is False:
            continue
        if (r.get("match") or [None])[0] == "related":
            out.append((r["kind"], r["verdict"]))
    return out


def withheld(flags: list[tuple[str, str]], kinds: frozenset[str]) -> Counter[str]:
    return Counter(v for k, v in flags if k in kinds)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", type=Path, default=RESULTS / "related_change_cv.json")
    args = ap.parse_args()
    flags = {s: related_flags(s) for s in AUDITS}
    folds = []
    for held in AUDITS:
        train = [f for s, fs in flags.items() if s != held for f in fs]
        by_kind: dict[str, Counter[str]] = {}
        for k, v in train:
            by_kind.setdefault(k, Counter())[v] += 1
        ch = withheld(train, CHANGE_KINDS)
        changes = CHANGE_KINDS if ch["wrong"] > ch["right"] else frozenset()
        per_kind = frozenset(k for k, c in by_kind.items() if c["wrong"] > c["right"])
        got_c, got_k = withheld(flags[held], changes), withheld(flags[held], per_kind)
        folds.append(
            {
                "held_out": held,
                "changes_taken": bool(changes),
                "changes": {"wrong": got_c["wrong"], "right": got_c["right"]},
                "per_kind_kinds": sorted(per_kind),
                "per_kind": {"wrong": got_k["wrong"], "right": got_k["right"]},
            }
        )
        print(
            f"held out seed {held}: changes ({'taken' if changes else 'not taken'}) withholds wrong "
            f"{got_c['wrong']}, right {got_c['right']}; per kind ({', '.join(sorted(per_kind))}) withholds wrong "
            f"{got_k['wrong']}, right {got_k['right']}"
        )
    for policy in ("changes", "per_kind"):
        w = sum(f[policy]["wrong"] for f in folds)
        r = sum(f[policy]["right"] for f in folds)
        print(f"{policy}: held out in all six folds, {w} wrong and {r} right flags withheld")
    for seed in CHECK:
        got = withheld(related_flags(seed), CHANGE_KINDS)
        w, r = got["wrong"], got["right"]
        print(f"check, seed {seed} (judged after the choice): changes withholds wrong {w}, right {r}")
    args.json.write_text(json.dumps({"folds": folds}, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
