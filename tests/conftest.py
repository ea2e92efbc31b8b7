"""Shared fixtures: where the evaluation data and seeds live, skipping cleanly when absent."""

from __future__ import annotations

from pathlib import Path

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
