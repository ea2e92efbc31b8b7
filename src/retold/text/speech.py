"""Verbs that report speech: one list for every stage that asks whether a sentence says someone said something.

Here, below ``align`` and ``fidelity``, because both read it: the verdict does not count a trimmed reported
statement toward a lifted passage (two outlets quoting one statement trim its lead-in each their own way), the
fidelity checks find who said a quote and whether a retelling still says someone said what a credit gave.
"""

from __future__ import annotations

import re

from retold.text.alternation import alternatives

__all__ = ["SPEECH", "SPEECH_ALTERNATION", "SPEECH_VERBS"]

# English, German and French; a space stands for any run of blanks
SPEECH_VERBS = (
    *"""said says added adds told tells wrote writes explained stressed insisted declared noted warned argued
    asked replied stated continued concluded recalled admitted acknowledged announced claimed
    sagte sagt sagten erklärte erklärt erklärten betonte betont fügte meinte meint schrieb schreibt warnte
    ergänzte antwortete bemerkte berichtete teilte""".split(),
    "a déclaré",
)
# the verbs as one regular-expression alternation (no group of its own), longest first, for patterns that put a
# speech verb beside other words ("said in a statement", "he said")
SPEECH_ALTERNATION = alternatives(SPEECH_VERBS)
# any of them as a whole word, in any case
SPEECH = re.compile(rf"\b(?:{SPEECH_ALTERNATION})\b", re.IGNORECASE)
