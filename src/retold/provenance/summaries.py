"""What the corpus commands give scripts with ``--json``: each summary as one JSON object, each listing as a
JSON list; the same facts as the lines of :mod:`retold.provenance.render`."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from retold.model import Story
from retold.provenance.export import edge_rows
from retold.provenance.stories import roles

if TYPE_CHECKING:
    from retold.corpus import AddReport
    from retold.provenance.scan import Found, ScanResult


def add_json(report: AddReport) -> dict[str, object]:
    """``add --json``: the summary as one object, every list in full (ids added, duplicates, problems)."""
    return {
        "added": [a.id for a in report.added],
        "duplicates": [
            {"id": d.id, "existing": d.existing, "path": d.path, "filled": list(d.filled)} for d in report.duplicates
        ],
        "failed": [{"path": p, "reason": r} for p, r in report.failed],
        "skipped": [{"where": w, "reason": r} for w, r in report.skipped],
        "renamed": [{"where": w, "id": i, "stored_as": s} for w, i, s in report.renamed],
        "passed_over": dict(Counter(kind for _, kind in report.passed_over).most_common()),
        "unread_dates": [{"where": w, "value": v} for w, v in report.unread_dates],
        "files": report.files,
    }


def scan_json(result: ScanResult, added: AddReport | None, written: Sequence[Path]) -> dict[str, object]:
    """``scan --json``: the counts, each story (:func:`story_json`), the files written and, when the scan
    added PATHs, their ``add --json`` object; the edges themselves are in ``--out DIR``."""
    return {
        "added": None if added is None else add_json(added),
        "mode": result.mode,
        "articles": result.articles,
        "scanned": result.scanned,
        "candidate_pairs": result.candidates,
        "aligned": result.compared,
        "edges": len(result.edges),
        "stories": [story_json(st) for st in result.stories],
        "seconds": round(sum(result.seconds.values()), 3),
        "written": [str(p) for p in written],
    }


def story_json(st: Story) -> dict[str, object]:
    """A story in ``scan --json`` as in ``stories.<fmt>``: each member's role (:func:`roles`); ``origins`` only the
    members the edges name as a source, ``centre`` the member the others are joined to when none is (else null)."""
    role = roles(st)
    centre = next((a for a, r in role.items() if r == "centre"), None)
    origins = [a for a, r in role.items() if r == "origin"]
    return {"id": st.id, "origins": origins, "centre": centre, "articles": list(st.articles), "roles": role}


def summary_json(summary: Mapping[str, object]) -> str:
    """One JSON object on one line, as ``add``, ``scan`` and ``delete`` give it with ``--json``."""
    return json.dumps(summary, ensure_ascii=False)


def sources_json(found: Sequence[Found]) -> str:
    """A JSON list of objects with the fields of ``scan --out``'s edges (``retold.provenance.export``)."""
    return json.dumps(edge_rows(f.edge for f in found), indent=2, ensure_ascii=False)


def listing_json(rows: Sequence[Mapping[str, object]]) -> str:
    """``retold list --json``: one object per stored article with the fields of :data:`LISTED` and its url,
    source and path."""
    return json.dumps([dict(r) for r in rows], indent=2, ensure_ascii=False)
