"""Sentences only the retelling has: a claim the source never made, or a passage from another story.

The clause check looks inside matched sentences; a whole sentence the retelling added ("Experts
warn that bread prices could rise by 10 percent") stands unmatched and would go unseen. Such a
sentence is new information when most of its words are absent from the whole source (else it may
be a paraphrase the alignment missed, as in lexical mode) and it carries a specific the source
lacks: a number with a value the source never gives, a name, a day. Short lines (a byline) are not
claims.
A run of two or more unmatched sentences, half of them bringing people and places neither article
has elsewhere, is a passage brought in from another story: one ``story_added`` flag for the run
instead of a ``claim_added`` per sentence; not when its first sentence goes on from the one before it ("He
reiterated ...", "But ..."): that is the retelling's own reporting on the same story.
"""

from __future__ import annotations

from collections.abc import Sequence

from retold.fidelity._lexicon import FOLLOW_ON_OPENERS
from retold.fidelity._shared import Doc, SentView, content_words, has
from retold.fidelity._stems import stem
from retold.fidelity.claim_names import norm_spans
from retold.fidelity.claims import as_written, specifics, stated
from retold.fidelity.entities import entities, named_in, unfamiliar_names
from retold.fidelity.numbers import Quantity, quantities
from retold.fidelity.rules import Example, never, rule
from retold.model import Flag

MIN_WORDS = 4
ABSENT = 0.6  # share of the sentence's content words whose family the source lacks
MIN_RUN = 2  # sentences in a passage from another story
MAX_SHOWN = 4  # specifics named in a note


def _new_specifics(da: Doc, db: Doc, j: int, known: list[Quantity]) -> list[str]:
    """The specifics of retelling sentence ``j`` the source lacks: a number counts only when no quantity of the
    source states the same fact ("three days" / "72 hours" aside, "700" / "seven hundred" are one)."""
    sv = db.sents[j]
    ents = entities(db, [j])
    names = norm_spans(sv, ents)
    # a name the source has under any spelling ("Torwart Liam Kelly" / "Schlussmann Liam Kelly") is not new
    named = norm_spans(sv, [e for e in ents if named_in(e, da)])
    qs = quantities(db, [j])
    a_words = {t.text.lower() for s in da.sents for t in s.tokens}
    out = []
    for t in specifics(list(sv.tokens), True, names, db.lang == "de"):
        if t.text.lower() in a_words or has(da.stems, da.prefixes, t.text):
            continue
        if any(s <= t.start and t.end <= e for s, e in named):
            continue
        if any(c.isdigit() for c in t.text) and stated(sv.span(t.start, t.end), qs, known):
            continue  # a number the source states too, in other words
        out.append(t)
    return as_written(sv, out, qs)


def _runs(idx: Sequence[int]) -> list[list[int]]:
    """Consecutive sentence indices grouped: [3, 4, 7] -> [[3, 4], [7]]."""
    out: list[list[int]] = []
    for i in sorted(idx):
        if out and out[-1][-1] == i - 1:
            out[-1].append(i)
        else:
            out.append([i])
    return out


def compare(da: Doc, db: Doc, only_in_b: Sequence[int]) -> list[Flag]:
    """claim_added for unmatched sentences of B that tell something A never says; story_added for a run of them
    that brings its own people and places."""
    flags: list[Flag] = []
    known: list[Quantity] | None = None
    new: dict[int, list[str]] = {}
    only_in_b = [j for j in only_in_b if not db.sents[j].is_furniture]  # a staff line tells no news
    for j in only_in_b:
        sv = db.sents[j]
        if sv.is_title:
            continue
        words = content_words(sv.tokens)
        if len(words) < MIN_WORDS:
            continue
        absent = [t for t in words if not has(da.stems, da.prefixes, t.text)]
        if len(absent) / len(words) < ABSENT:
            continue
        if known is None:
            known = quantities(da)
        found = _new_specifics(da, db, j, known or [])
        if found:
            new[j] = found
    for run in _runs(only_in_b):
        if not any(j in new for j in run):
            continue
        rest = [k for k in range(len(db.sents)) if k not in run]
        strange = [j for j in run if unfamiliar_names(db, j, da, rest)]
        if _another_story(run, strange) and not _follows_on(db.sents[run[0]]):
            # the passage: from the first to the last sentence that tells something new or names someone new
            told = sorted({*strange, *(j for j in run if j in new)})
            span = db.region(range(told[0], told[-1] + 1))
            names = [w for j in run for w in new.get(j, ())]
            note = "a passage brought in from another story, with its own names and facts: "
            flags.append(Flag("story_added", None, span, None, db.text(span), "warning", note + _listed(names)))
            continue
        for j in (j for j in run if j in new):
            span = db.region([j])
            note = "sentence with no counterpart in the other text: " + _listed(new[j])
            flags.append(Flag("claim_added", None, span, None, db.text(span), "warning", note))
    return flags


@rule(
    "added.another_story",
    purpose="Two or more unmatched sentences in a row, half of them naming people or places neither the source nor "
    "the rest of the retelling has, are a passage brought in from another story (story_added).",
    examples=[
        Example(
            "The port strike goes on. Ships wait outside Harben.",
            "The port strike goes on. Ships wait outside Harben. In Brussels, Ursula Moreau signed the EU "
            "loan. Valdis Kern said Lisbon gets 40 billion euros.",
            (
                "story_added/warning: - -> In Brussels, Ursula Moreau signed the EU loan. Valdis Kern said Lisbon "
                "gets 40 billion euros.",
            ),
            matched=(((0,), (0,)), ((1,), (1,))),
        ),
        Example(
            "The port strike goes on. Ships wait outside Harben.",
            "The port strike goes on. Ships wait outside Harben. Bread prices rose 12 percent in March.",
            ("claim_added/warning: - -> Bread prices rose 12 percent in March.",),
            matched=(((0,), (0,)), ((1,), (1,))),
        ),
    ],
    off=never,
)
def _another_story(run: list[int], strange: list[int]) -> bool:
    return len(run) >= MIN_RUN and len(strange) * 2 >= len(run)


@rule(
    "added.follow_on_run",
    purpose="A run of unmatched sentences whose first sentence goes on from the sentence before it, opening with a "
    'pronoun for someone named there ("He reiterated ...", "She added ...") or a contrast ("But ...", "However, '
    "...\"), is the retelling's own reporting on the same story, not a passage from another story: each of its "
    "sentences that tells something new stays a claim_added.",
    examples=[
        Example(
            "The port strike goes on. Ships wait outside Harben.",
            "The port strike goes on. Ships wait outside Harben. But the union's chief, Valdis Kern, said talks "
            "with Ursula Moreau resume in Lisbon. Kern said 40 ships wait there.",
            (
                "claim_added/warning: - -> But the union's chief, Valdis Kern, said talks with Ursula Moreau resume "
                "in Lisbon.",
                "claim_added/warning: - -> Kern said 40 ships wait there.",
            ),
            matched=(((0,), (0,)), ((1,), (1,))),
        ),
        Example(
            "The port strike goes on. Ships wait outside Harben, the union leader said.",
            "The port strike goes on. Ships wait outside Harben, the union leader said. He spoke in Brussels after "
            "Ursula Moreau signed the EU loan. Valdis Kern said Lisbon gets 40 billion euros.",
            (
                "claim_added/warning: - -> He spoke in Brussels after Ursula Moreau signed the EU loan.",
                "claim_added/warning: - -> Valdis Kern said Lisbon gets 40 billion euros.",
            ),
            matched=(((0,), (0,)), ((1,), (1,))),
        ),
        Example(
            "The port strike goes on. Ships wait outside Harben.",
            "The port strike goes on. Ships wait outside Harben. Then in Brussels, Ursula Moreau signed the EU "
            "loan. Valdis Kern said Lisbon gets 40 billion euros.",
            (
                "story_added/warning: - -> Then in Brussels, Ursula Moreau signed the EU loan. Valdis Kern said "
                "Lisbon gets 40 billion euros.",
            ),
            matched=(((0,), (0,)), ((1,), (1,))),
        ),
    ],
    off=never,
    lang="en",
)
def _follows_on(sv: SentView) -> bool:
    first = next((t.text for t in sv.tokens if t.text[:1].isalpha()), "")
    return first.lower() in FOLLOW_ON_OPENERS


def _listed(words: list[str]) -> str:
    seen = list({stem(w): w for w in reversed(words)}.values())[::-1]  # "EU" and "EU's" once, the first kept
    return ", ".join(seen[:MAX_SHOWN]) + (", ..." if len(seen) > MAX_SHOWN else "")
