"""How a report says what its flags are read from, or why it has none: one wording for the terminal and the
HTML report, from the notes the pipeline leaves (so the two cannot tell one comparison two ways)."""

from __future__ import annotations

from collections.abc import Sequence

from retold.fidelity.sides import INDEPENDENT_NOTE
from retold.pipeline import UNCHECKED_NOTE

NOTHING_FLAGGED = "nothing flagged"


def unflagged(notes: Sequence[str], relation: str) -> str:
    """Why a comparison has no flags: the checks found nothing, or they did not run (a blank said neither)."""
    if UNCHECKED_NOTE in notes:
        return "not checked (--no-flags)"
    if INDEPENDENT_NOTE in notes:
        return "no flags for reports written independently (see the note above)"
    if relation == "unrelated":
        return "not checked (unrelated articles retell nothing)"
    return NOTHING_FLAGGED


def by_argument_order(notes: Sequence[str], relation: str, n_flags: int, decided: bool) -> bool:
    """Whether the flags (or their absence) were read A -> B by argument order alone: the checks ran and no
    direction named the source ("common source" is no source either)."""
    return not decided and (n_flags > 0 or unflagged(notes, relation) == NOTHING_FLAGGED)
