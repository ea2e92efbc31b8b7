"""The hand-made alignment of the seed pair (000 -> 003), in one place: the seed tests and the seed section
of ``benchmarks/fidelity_eval.py`` both read it, so the two cannot drift apart."""

from __future__ import annotations

from retold.model import Match

# Sentence indices of 000 (A): 0 title, 1 first sentence, 2 Putin quote, 3 Clay Barracks, 4 transfer,
# 5 tents, 6 hangar, 7 the 700, 8 Wiesbaden missiles, 9 first visit, 10 capabilities, 11-12 closing
# quotes. Of 003 (B): 0-1 -> A 0,1; 2 -> A 2; 3,4 -> A 3; 5,6 -> A 4; 7 -> A 7; 8,9 -> A 8; 10-12 only in B.
MATCHES = [
    Match((0, 1), (0, 1), "paraphrase", 0.8),
    Match((2,), (2,), "paraphrase", 0.7),
    Match((3,), (3, 4), "paraphrase", 0.7),
    Match((4,), (5, 6), "paraphrase", 0.7),
    Match((7,), (7,), "edited", 0.9),
    Match((8,), (8, 9), "edited", 0.8),
]
ONLY_A = (5, 6, 9, 10, 11, 12)
ONLY_B = (10, 11, 12)
