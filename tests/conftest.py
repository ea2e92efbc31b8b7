"""Shared fixtures: where the evaluation data and seeds live, skipping cleanly when absent; a small
collection of papers with furniture in common (``furniture_papers``); a sentence model that loads nothing
(``fixed_encoder``)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__import__("os").environ.get("RETOLD_SHARED", ROOT.parent / "shared"))
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ``../shared`` folder (evaluation data and seeds); skips the test when it is absent."""
    if not (SHARED / "data").is_dir():
        pytest.skip(f"{SHARED}/data is absent: this test needs the shared evaluation data")
    return SHARED


@pytest.fixture(scope="session")
def seeds() -> tuple[Path, Path]:
    """The two seed documents: 000 (the article) and 003 (its retelling)."""
    d = SHARED / "seeds"
    a = sorted(d.glob("000_*.txt")) if d.is_dir() else []
    b = sorted(d.glob("003_*.txt")) if d.is_dir() else []
    if not a or not b:
        pytest.skip(f"{d} is absent: this test needs the seed documents 000 and 003")
    return a[0], b[0]


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


OUTLETS = ("Harbour Herald", "Valley Times", "Coast Post", "Moor Gazette", "Ridge Ledger")
# one columnist's pieces on unrelated subjects, each run by another paper with her biography at the end
COLUMNS = [
    "The old harbour bridge will close for six weeks of repairs this summer. Engineers found rust in the "
    "steel beams last spring. Buses will use the northern crossing while the work goes on.",
    "A bakery in the old town won a national prize for its rye bread on Saturday. The owners opened the "
    "shop in 1998 with a single oven. They now bake four thousand loaves every week.",
    "Heavy rain flooded three villages in the valley overnight and closed the main road. Firefighters "
    "pumped water from dozens of cellars until dawn. Forecasters expect more rain on Thursday.",
    "The football club signed a young goalkeeper from a rival team on Friday. He played twelve games for "
    "the youth side last season. Fans welcomed the move on social media.",
    "Students at the technical college built a small solar car and drove it across the county. The trip "
    "took two days and used no fuel at all. Their teacher said the project began as a joke.",
]
BIO = (
    "Mira Holt writes a weekly column on country life for papers across the region. "
    "Her latest book, a history of the coastal railways, is out in paperback."
)
# one wire story the same papers printed whole, each with a line of its own at the end
WIRE = (
    "The national rail operator will cut fares on regional lines by a fifth from next month, its chief "
    "executive said on Tuesday. The cut follows a year in which passenger numbers fell to their lowest "
    "level in two decades. Unions welcomed the decision but warned that staff shortages remain. The "
    "government will pay for the cut from a transport fund set aside in the spring budget. Ministers "
    "said the scheme would be reviewed after eighteen months. Commuter groups said the fares had "
    "doubled over the past ten years."
)


@pytest.fixture
def furniture_papers(tmp_path: Path) -> Path:
    """Records of five papers: one columnist's pieces on unrelated subjects, each with her biography at the
    end, and one wire story four of them printed whole (``wire-0`` .. ``wire-3``)."""
    path = tmp_path / "papers.jsonl"
    with path.open("w") as f:
        for k, text in enumerate(COLUMNS):
            rec = {"id": f"column-{k}", "text": f"{text}\n\n{BIO}", "source": OUTLETS[k]}
            f.write(json.dumps(rec) + "\n")
        for k, outlet in enumerate(OUTLETS[:4]):
            local = f"The {outlet} will follow the story in its edition of day {k + 1}."
            f.write(json.dumps({"id": f"wire-{k}", "text": f"{WIRE}\n\n{local}", "source": outlet}) + "\n")
    return path


@pytest.fixture
def fixed_encoder() -> Any:
    """A sentence model that gives every sentence the same unit vector: no model loaded, where a test needs one only
    to run the default mode's steps (embedding, the sentence index), not its verdicts."""
    import numpy as np

    from retold.embed.base import Encoder, unit_rows

    class Fixed(Encoder):
        name, dim = "fixed-test", 8

        def encode(self, texts: Sequence[str]) -> np.ndarray:
            return unit_rows(np.ones((len(texts), self.dim), dtype=np.float32))

    return Fixed()
