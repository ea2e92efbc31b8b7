"""``direction_causes.py`` reads a wrong edge's cause from the reasons the direction writes: read here from the
reasons of real comparisons, so a change of their wording cannot turn every cause into ``other`` unseen."""

from __future__ import annotations

import direction_causes
import retold

# Written for this test (fictional places and people): a bridge report, and a school report that took two of its
# sentences (the passage, under a third of either), placed between its own sentences on another subject.
BRIDGE = [
    "The old stone bridge at Kelham was closed to traffic on Tuesday after cracks appeared in its central arch.",
    "Council engineers found the cracks during a routine inspection of the arch on Monday afternoon.",
    "The bridge carries the main road from Kelham to the market town of Dunsby across the river Tarn.",
    "Drivers must now take a twelve mile detour through the village of Orwick to reach Dunsby.",
    "Divers will examine the foundations of the central arch in the river Tarn next week.",
    "The engineers said the cracks may have been caused by floods that scoured the riverbed in March.",
    "Shops in Kelham fear they will lose customers from Dunsby while the bridge stays closed.",
    "The council has asked the county for money to repair the arch before the winter floods.",
    "A footpath across the bridge will stay open for walkers and cyclists during the repairs.",
    "The bridge was built in 1790 and was last repaired after the floods of 1968.",
]
SCHOOL = [
    "Pupils at Harwood primary school will start lessons half an hour later from September.",
    "The head teacher said the later start would give families more time in the morning.",
    "A breakfast club will open in the school hall at eight for parents who work early.",
    "Teachers voted for the change after a survey of parents last term.",
    "The school day will end at half past three instead of three o'clock.",
    "Bus companies have agreed to change their timetables to match the new hours.",
    "The school will review the new hours after one year.",
    "Parents can ask questions about the change at a meeting in the hall on Thursday evening.",
]


def _reasons(a_text: str, b_text: str) -> tuple[str, list[str]]:
    a, b = retold.article_from_text(a_text, id="a"), retold.article_from_text(b_text, id="b")
    c = retold.compare(a, b, lexical=True)
    return c.verdict.direction, list(c.verdict.reasons)


def test_fits_of_both_sides_are_read_from_the_reasons() -> None:
    direction, reasons = _reasons(" ".join(BRIDGE), " ".join(SCHOOL[:4] + BRIDGE[4:6] + SCHOOL[4:]))
    assert direction == "a_to_b", reasons
    # read as if B were the source: the copy (A) fits the passage better
    assert direction_causes.cause(direction, reasons, "B").startswith("copy fits better"), reasons
    assert direction_causes.cause("undetermined", reasons, "B") == "no source named"


def test_a_source_shared_throughout_is_read_from_the_reasons() -> None:
    direction, reasons = _reasons(" ".join(BRIDGE), " ".join(BRIDGE[4:6]))
    assert direction == "a_to_b", reasons
    # B is shared throughout: wrong when B is the source
    assert direction_causes.cause(direction, reasons, "B") == "source shared throughout", reasons
    assert direction_causes.cause(direction, ["a credit"], "B") == "other"
