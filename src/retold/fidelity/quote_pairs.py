"""Which quote of the source a retold quote retells, where their words say too little.

Two quotes can share almost no words and still be one quote retold: a translation reworded from the ground up.
The sentences around them say so when the quote is most of each sentence: then the aligner, pairing the
sentences, has paired the quotes.
"""

from __future__ import annotations

from retold.fidelity.rules import Example, never, rule

MOSTLY = 0.5  # "most of": more than half of the sentence's words


@rule(
    "quotes.mostly_quoted_pair",
    lang="any",
    purpose="The only quote on each side of two matched sentences, each quote holding most of its sentence's words "
    '("Sie sagten: \u201egeh nicht mit diesem Hut da raus.\u201c" for "\u201eWenn du diesen Hut an hast, solltest '
    'du nicht nach draußen gehen\u201c, sagten sie."), is one quote retold even where the aligner calls the '
    "sentences only `related` (as it calls German translations reworded from the ground up): the sentences are "
    "their quotes, so the quote was altered, not dropped and another invented. A short quote inside a sentence "
    '("plans to travel to Beijing \u201cat a later date\u201d") pairs only by its words or as '
    "``quotes.only_pair`` says.",
    examples=[
        Example(
            "Sie sagten: \u201egeh nicht mit diesem Hut da raus.\u201c",
            "\u201eWenn du diesen Hut an hast, solltest du nicht nach draußen gehen\u201c, sagten sie.",
            (
                "quote_altered/warning: geh nicht mit diesem Hut da raus. -> Wenn du diesen Hut an hast, solltest "
                "du nicht nach draußen gehen",
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
