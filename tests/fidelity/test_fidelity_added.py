"""Sentences only the retelling has: an added claim, a passage from another story, or nothing new."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from retold.fidelity import analyse
from retold.ingest import article_from_text
from retold.model import Article, Flag, Match

SOURCE = (
    "About 4,200 dockworkers walked off the job at the port of Harben on Tuesday, halting grain exports.\n"
    "The union says the plan would eliminate up to 1,100 jobs.\n"
    "The total strength of the mission is expected to be around 700 soldiers."
)
SOURCE_REST = "The Calder Bay Port Authority wants to automate the Eastmole terminal."
KEPT = (
    "Some 4,200 port workers walked off the job at the port of Harben on Tuesday, halting grain exports.\n"
    "The union says the plan would eliminate up to 1,100 jobs.\n"
    "The total strength of the mission is expected to be around 700 soldiers."
)


def added(extra: str) -> list[Flag]:
    """The flags for retelling sentences appended, unmatched, after three that retell the source's three
    (the source goes on with a fourth sentence, left out)."""
    aa = article_from_text(SOURCE + "\n" + SOURCE_REST, id="a")
    bb = article_from_text(KEPT + "\n" + extra, id="b")
    ms = [Match((i,), (i,), "edited", 0.9) for i in range(3)]
    only_b = tuple(range(3, len(bb.sentences)))
    return [f for f in analyse(aa, bb, ms, (), only_b) if f.kind in ("claim_added", "story_added")]


# an unmatched sentence of the retelling, and the one flag it must raise (kind, words the note names)
FLAGGED = [
    (
        "Experts warn that bread prices across the region could rise by as much as 10 percent.",
        "claim_added",
        "10 percent",
    ),
    ("Analysts at Norbank expect shipping insurers to raise premiums sharply.", "claim_added", "Norbank"),
    ("The governor promised compensation for farmers by next Friday.", "claim_added", "Friday"),
    (
        "Meanwhile, in the town of Kessin, quarry workers have dug up a fossil turtle.\n"
        "According to museum curator Nadia Sorel, the animal probably weighed over a tonne.\n"
        "The fossil will be shown at the Lindqvist Museum next spring.",
        "story_added",
        "Nadia Sorel",
    ),
]

# unmatched sentences that tell nothing the source does not: no flag
NOT_FLAGGED = [
    # a paraphrase the alignment missed: most of its words are the source's, even with a detail added
    "Dockworkers at Harben halted grain exports when they walked off the job in March.",
    # new words, but no specific the source lacks
    "Many people in the city are worried about what will happen next.",
    # a number the source states in other words ("1,100")
    "The plan could cost as many as 1.1 thousand jobs, dockers fear.",
    # a name the source has
    "Harben has seen such walkouts before, residents recalled with frustration.",
    # a name the source spells out ("Calder Bay Port Authority")
    "The CBPA declined to comment on the walkout ahead of new talks.",
    # a day the source gives
    "Shipping agents expect further cancellations from Tuesday onwards, brokers said.",
    # a byline is no claim
    "Reporting by Anna Keller",
]


def test_a_run_going_on_from_the_sentence_before_is_no_other_story() -> None:
    """A run opening with a pronoun for someone named before ("He reiterated ...") or a contrast ("But ...") is the
    retelling's own reporting on the same story, each new claim a claim_added (the Mexico tariff talks of audits
    17-27: "He reiterated on Thursday ..." and "But White House trade adviser Peter Navarro ..." were story_added)."""
    for opener in ("He also said that in the town of Kessin", "But in the town of Kessin"):
        got = added(
            opener + ", quarry workers have dug up a fossil turtle.\n"
            "According to museum curator Nadia Sorel, the animal probably weighed over a tonne.\n"
            "The fossil will be shown at the Lindqvist Museum next spring."
        )
        assert got and {f.kind for f in got} == {"claim_added"}, got


@pytest.mark.parametrize(("extra", "kind", "named"), FLAGGED)
def test_added_sentences_flagged(extra: str, kind: str, named: str) -> None:
    got = added(extra)
    assert [f.kind for f in got] == [kind], got
    f = got[0]
    assert f.a is None and f.a_text is None and f.b_text is not None and f.severity == "warning"
    assert named in f.note
    if kind == "story_added":  # one flag for the whole passage
        assert f.b_text.startswith("Meanwhile") and f.b_text.endswith("next spring.")


@pytest.mark.parametrize("extra", NOT_FLAGGED)
def test_nothing_new_not_flagged(extra: str) -> None:
    assert added(extra) == []


def test_a_run_of_new_sentences_without_new_names_is_claims_each() -> None:
    got = added(
        "Experts warn that bread prices could rise by as much as 10 percent.\n"
        "Fuel costs for lorries climbed 4 percent within two days."
    )
    assert [f.kind for f in got] == ["claim_added", "claim_added"]


def test_the_title_is_not_a_claim() -> None:
    aa = article_from_text("The port of Harben closed on Tuesday.", id="a")
    bb = article_from_text(
        "Chaos at Harben as Robot Cranes Loom Over 9 Terminals\n\nThe port of Harben closed on Tuesday.", id="b"
    )
    assert bb.sentences[0].is_title
    fs = analyse(aa, bb, [Match((0,), (1,), "verbatim", 1.0)], (), (0,))
    assert [f for f in fs if f.kind == "claim_added"] == []


def test_a_weak_related_match_gives_no_flags() -> None:
    # two sentences on one topic that do not retell each other: their different numbers are no change
    from retold.fidelity import RELATED_FLOOR, analyse
    from retold.ingest import article_from_text
    from retold.model import Match

    a = article_from_text("The council approved 40 new homes on the river site on Monday.", id="a")
    b = article_from_text("New homes for the river site were approved by the council, officials say.", id="b")
    weak = Match((0,), (0,), "related", RELATED_FLOOR / 2)
    strong = Match((0,), (0,), "related", min(1.0, RELATED_FLOOR * 4))
    assert not [f for f in analyse(a, b, [weak], (), ()) if f.kind.startswith("number")]
    assert [f.kind for f in analyse(a, b, [strong], (), ()) if f.kind.startswith("number")] == ["number_dropped"]


def test_a_related_match_reads_no_change() -> None:
    # a `related` match has not shown its sentences to be one statement: two figures on one topic are two
    # statements (a price at two times), not one changed; what one side lacks is still read
    from retold.fidelity import CHANGE_KINDS, RELATED_FLOOR, analyse
    from retold.ingest import article_from_text
    from retold.model import Match

    a = article_from_text("Shares of the company rose 4 percent to $12.10 on Monday after the results.", id="a")
    # one figure in common (4 percent), or the paraphrase too would be two reports (numbers.different_readings)
    b = article_from_text("Shares of the company closed at $11.40 on Friday, up 4 percent for the week.", id="b")
    related = Match((0,), (0,), "related", min(1.0, RELATED_FLOOR * 4))
    paraphrase = Match((0,), (0,), "paraphrase", 0.6)
    assert [f for f in analyse(a, b, [paraphrase], (), ()) if f.kind in CHANGE_KINDS]
    assert not [f for f in analyse(a, b, [related], (), ()) if f.kind in CHANGE_KINDS]


def _related(a: str, b: str) -> tuple[Article, Article, Match]:
    """Two one-sentence articles and the `related` match the labeller gives them, its evidence as computed."""
    from retold.align.align import Group
    from retold.align.label import label_groups

    aa, bb = article_from_text(a, id="a"), article_from_text(b, id="b")
    (m,) = label_groups(aa, bb, [Group({0}, {0}, 0.6, weak=True)], None, None, "lexical")
    assert m.label == "related"
    return aa, bb, Match(m.a, m.b, "related", 0.3, m.diff, m.evidence)  # a score above RELATED_FLOOR


def test_a_related_match_of_two_statements_gives_no_flags() -> None:
    """Issue 15, audit seed 18: a `related` match of two statements on one topic (the Nasdaq at one hour, an
    index at another; a minister's words and another speaker's) raised number, name and quote flags, judged
    wrong. Sentences that share few character 4-grams are not one statement retold: no flag is read from
    them; a related match of one statement in other words still gives its flags."""
    two = _related(
        "Mira Castell said Sunday on CNN that \u201cthe point is that pupils must get back to class.\u201d",
        "\u201cIt should not make that same blunder when it comes to reopening schools,\u201d Okafor said.",
    )
    assert analyse(two[0], two[1], [two[2]], (), ()) == []  # was: entity_changed, entity_dropped, quote_altered
    from retold.fidelity import RELATED_CHARS

    assert two[2].evidence["char_min"] < RELATED_CHARS
    one = _related(
        "Mira Castell said Sunday on CNN that \u201cthe point is that pupils must get back to class.\u201d",
        "On Sunday Castell told CNN \u201cthe point is that pupils have to return to class,\u201d she said.",
    )
    assert one[2].evidence["char_min"] >= RELATED_CHARS
    assert {f.kind for f in analyse(one[0], one[1], [one[2]], (), ())} >= {"quote_altered"}


HARBEN = (
    "Grain exports halted at Harben\n\n"
    "Dock workers at the port of Harben walked off the job on Tuesday, halting grain exports through the harbour.\n"
    "The union called the strike after talks with the port authority broke down late on Monday"
)


def test_notes_name_numbers_as_written(tmp_path: Path) -> None:
    """A note listed "10" where the text says "10 percent" (and "12" for "12%", "5.2" for "$5.2 billion"): the
    added sentence's and the added clause's numbers are named with their percent, unit or currency, as the
    number check names the same figures."""
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(HARBEN + ".\n", encoding="utf-8")
    b.write_text(
        HARBEN + ", while freight rates jumped 12% to €40m overnight.\n"
        "Analysts expect bread prices to climb by 10 percent and wheat futures to gain $5.2 billion in value.\n",
        encoding="utf-8",
    )
    cmd = [sys.executable, "-m", "retold", "compare", "--lexical", "--json", str(a), str(b)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    flags = json.loads(done.stdout)["flags"]
    claims = {f["note"].split(": ", 1)[0]: f for f in flags if f["kind"] == "claim_added"}
    clause = claims["clause with no counterpart in the matched sentences of the other text"]
    sentence = claims["sentence with no counterpart in the other text"]
    within = [f["b_text"] for f in flags if f["kind"] == "number_added" and f["b"][0] >= clause["b"][0]]
    assert clause["note"].split(": ", 1)[1].split(", ") == within == ["12%", "€40m"]
    assert sentence["note"].split(": ", 1)[1].split(", ") == ["10 percent", "$5.2 billion"]
