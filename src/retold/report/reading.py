"""How a report says what its flags are read from, or why it has none: one wording for the terminal and the
HTML report, from the notes the pipeline leaves (so the two cannot tell one comparison two ways)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from retold.fidelity.sides import INDEPENDENT_NOTE
from retold.pipeline import UNCHECKED_NOTE

NOTHING_FLAGGED = "nothing flagged"
LABELS = {  # what each label of a row means, in both reports' legends
    "verbatim": "same words",
    "edited": "mostly the same words",
    "paraphrase": "same meaning, other words",
    "translation": "same meaning, another language",
    "related": "same topic",
    "only_a": "only in A (dropped)",
    "only_b": "only in B (added)",
}
MARKS = {"gone": "left out of A", "new": "new in B"}  # what a word struck in A, marked in B, is
HOW = {"only_a": "only A", "only_b": "only B"}  # the "how" column's words for a lone sentence's label
# what each flag kind says the retelling did, in both reports' words (the JSON keeps the kind, for programs)
FLAG_WORDS = {
    "quote_altered": "quote altered",
    "quote_dropped": "quote dropped",
    "quote_added": "quote added",
    "number_changed": "number changed",
    "number_added": "number added",
    "number_dropped": "number dropped",
    "entity_changed": "name changed",
    "entity_added": "name added",
    "entity_dropped": "name dropped",
    "attribution_dropped": "credit dropped",
    "attribution_added": "credit added",
    "attribution_changed": "credit changed",
    "claim_added": "claim added",
    "story_added": "story brought in",
    "meaning_shift": "meaning changed",
    "disguised_text": "disguised text",
}
# the related group's heading where a flag sits on one of its matches: "same topic only" would dismiss it
RELATED_FLAGGED = "same topic, not counted as reuse, but flagged"


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


def flag_words(kind: str) -> str:
    """A flag's kind as a reader names it ("credit dropped" for ``attribution_dropped``); a kind without words
    here (a newer engine's JSON) is read out, never shown blank."""
    return FLAG_WORDS.get(kind, kind.replace("_", " "))


def sentence_label(i: int, is_title: bool) -> str:
    """A sentence's number as the reports print it; a title is named, not numbered (it is no sentence of the
    body, and the reader sees no sentence 0 under it)."""
    return "title" if is_title else str(i)


def sentence_ids(labels: Sequence[str], idx: Iterable[int]) -> str:
    """One side of a row's reference: its sentences' labels, ``"title,1,2"``."""
    return ",".join(labels[i] for i in idx)


def row_ref(a: str, b: str) -> str:
    """A row as both reports name it, A's sentences then B's, ``-`` for a side with none (``3 / 5``, ``- / 10``)."""
    return f"{a or '-'} / {b or '-'}"


def span_ids(labels: Sequence[str], bounds: Sequence[tuple[int, int]], span: Sequence[int] | None) -> str:
    """The sentences (``labels``, at ``bounds``) a span lies in, as a row names them, a run as its first and last
    ("10-12": a passage brought in spans several rows); "" without a span."""
    if span is None:
        return ""
    start, end = span[0], max(span[1], span[0] + 1)
    hit = [k for k, (s, e) in enumerate(bounds) if s < end and start < max(e, s + 1)]
    if not hit:
        return ""
    first, last = labels[hit[0]], labels[hit[-1]]
    return first if first == last else f"{first}-{last}"


def group_heading(key: str, words: str, flagged: bool) -> str:
    """A match group's heading: its own ``words``, but for sentences "on the same topic only" that carry a flag
    (a number changed between them is no less a change for that): then words that do not dismiss it."""
    return RELATED_FLAGGED if key == "related" and flagged else words


def how(label: str, score: float | None = None) -> str:
    """A row's "how" column in both reports: a match's label and score, or the side a lone sentence is on."""
    return HOW.get(label, label) if score is None else f"{label} {score:.2f}"


def legend(shown: Iterable[str]) -> dict[str, str]:
    """The labels a legend explains, given the match labels ``shown``: "another language" only across languages
    (elsewhere it names a colour that nothing on the page has)."""
    kept = set(shown)
    return {k: w for k, w in LABELS.items() if k != "translation" or k in kept}
