"""Which quote of the source a retold quote retells, where their words say too little.

Two quotes can share almost no words and still be one quote retold: a translation reworded from the ground up.
The sentences around them say so when the quote is most of each sentence: then the aligner, pairing the
sentences, has paired the quotes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from retold.fidelity._lexicon import SPEAKING_PRONOUNS
from retold.fidelity._shared import SentView
from retold.fidelity.quote_marks import _SPEECH
from retold.fidelity.rules import Example, never, rule
from retold.model import Match

MOSTLY = 0.5  # "most of": more than half of the sentence's words


@rule(
    "quotes.mostly_quoted_pair",
    lang="any",
    purpose="The only quote on each side of two matched sentences, each quote holding most of its sentence's words "
    '("Sie sagten: \u201ebleib bei diesem Wetter lieber im Haus.\u201c" for "\u201eWenn es so stürmt, gehst du '
    'besser nicht vor die Tür\u201c, sagten sie."), is one quote retold even where the aligner calls the '
    "sentences only `related` (as it calls German translations reworded from the ground up): the sentences are "
    "their quotes, so the quote was altered, not dropped and another invented. A short quote inside a sentence "
    '("plans to visit Oslo \u201cat some later point\u201d") pairs only by its words or as '
    "``quotes.only_pair`` says.",
    examples=[
        Example(
            "Sie sagten: \u201ebleib bei diesem Wetter lieber im Haus.\u201c",
            "\u201eWenn es so stürmt, gehst du besser nicht vor die Tür\u201c, sagten sie.",
            (
                "quote_altered/warning: bleib bei diesem Wetter lieber im Haus. -> Wenn es so stürmt, gehst du "
                "besser nicht vor die Tür",
            ),
            lang="de",
            label="related",
        ),
        Example(  # a short quote in a long sentence: dropped, and the other added
            "Der Präsident sagte nach dem Treffen in Berlin, er wolle \u201ezu einem späteren Zeitpunkt\u201c nach "
            "Peking reisen.",
            "Der Präsident will nach dem Treffen in Berlin \u201ein nicht allzu ferner Zukunft\u201c nach Peking "
            "reisen.",
            (
                "quote_dropped/info: zu einem späteren Zeitpunkt -> -",
                "quote_added/high: - -> in nicht allzu ferner Zukunft",
            ),
            lang="de",
            label="related",
        ),
    ],
    off=never,
)
def mostly_quoted(quoted_a: int, said_a: int, quoted_b: int, said_b: int) -> bool:
    """Whether each side's quote holds most of its sentences' words (``quoted_*`` of ``said_*`` words)."""
    return quoted_a > MOSTLY * said_a and quoted_b > MOSTLY * said_b


@rule(
    "quotes.named_speaker_pair",
    lang="any",
    purpose="The only quote on each side of two matched sentences, one side saying whose words they are and the "
    'other sentence naming that speaker as one ("... \u201evöllig unterbrochen, ohne jede Nachricht\u201c, sagte '
    'Brenner." -> "Brenner erklärte: \u201eEs war nicht möglich, das Tal zu erreichen ...\u201c"), is one quote '
    "of that speaker retold, even where the aligner calls the sentences only `related` and the quote is a short "
    "part of its sentence: altered, not dropped and "
    'another invented. A pronoun ("er", "she") names no one, nor a name with no speech verb beside it ("Hartley\'s '
    'office has called Reyes ..."); a short quote whose speaker the other sentence does not name so pairs only by '
    "its words.",
    examples=[
        Example(
            "Die Leitungen ins Tal waren \u201evöllig unterbrochen, ohne jede Nachricht\u201c, sagte Brenner.",
            "Brenner erklärte: \u201eEs war nicht möglich, das Tal zu erreichen oder von dort Nachrichten zu "
            "bekommen\u201c.",
            (
                "quote_altered/warning: völlig unterbrochen, ohne jede Nachricht -> Es war nicht möglich, das Tal "
                "zu erreichen oder von dort Nachrichten zu bekommen",
            ),
            lang="de",
            label="related",
        ),
        Example(  # a speaker the other sentence does not name: dropped, and the other added
            "Die Leitungen ins Tal waren \u201evöllig unterbrochen, ohne jede Nachricht\u201c, sagte Brenner.",
            "Ein Sprecher erklärte: \u201eEs war nicht möglich, das Tal zu erreichen oder von dort Nachrichten zu "
            "bekommen\u201c.",
            (
                "quote_dropped/info: völlig unterbrochen, ohne jede Nachricht -> -",
                "quote_added/high: - -> Es war nicht möglich, das Tal zu erreichen oder von dort Nachrichten zu "
                "bekommen",
            ),
            lang="de",
            label="related",
        ),
        Example(  # the name stands in the other sentence, but not as a speaker's
            'Hartley went on: "Mona Reyes is not that woman."',
            'Hartley\'s office has called Reyes "unfit for high office."',
            ("quote_added/high: - -> unfit for high office.",),
            label="related",
        ),
    ],
    off=never,
)
def speaker_named(
    speaker_a: str | None, speaker_b: str | None, sa: Sequence[SentView], sb: Sequence[SentView], m: Match
) -> bool:
    """Whether one quote's speaker (by the last word of the name) is named as a speaker, beside a speech verb
    ("sagte Brenner", "Brenner erklärte"), in the other side's sentences of match ``m``; a pronoun names no one, and
    a name that only stands in the sentence ("Hartley's office has called Reyes ...") is no speaker."""
    said_a, said_b = " ".join(sa[i].norm for i in m.a), " ".join(sb[j].norm for j in m.b)
    for who, said in ((speaker_a, said_b), (speaker_b, said_a)):
        last = re.escape(who.split()[-1]) if who else ""
        if (
            last[:1].isupper()
            and last.lower() not in SPEAKING_PRONOUNS
            and re.search(rf"\b(?:{_SPEECH})\s+{last}\b|\b{last}\s+(?:{_SPEECH})\b", said)
        ):
            return True
    return False
