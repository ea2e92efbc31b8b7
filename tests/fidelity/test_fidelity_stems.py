"""The one stemmer: a word and its inflections share a stem, so an inflection is never read as another word."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retold.fidelity._stems import stem

# a stem of letters ending in an agent/comparative "-er" or "-el", as "Minister", "Lehrer", "reporter", "Regel"
_BASES = st.builds(
    "".join,
    st.tuples(st.text("abcdefghiklmnoprstuvwz", min_size=3, max_size=10), st.sampled_from(["er", "el"])),
)


@given(_BASES, st.sampled_from(["s", "n"]))
def test_an_inflection_stacked_on_a_suffix_keeps_the_stem(base: str, ending: str) -> None:
    """ "Ministers" and "Minister" were "minister" and "minist": one ending was stripped, so whether the stem kept
    "-er" hung on the inflection; endings are stripped until none is left."""
    assert stem(base + ending) == stem(base) == stem(base.capitalize() + ending)


@pytest.mark.parametrize(
    "family",
    [
        ("Minister", "Ministers", "Ministern"),
        ("Lehrer", "Lehrers", "Lehrern"),
        ("reporter", "reporters"),
        ("station", "stations", "stationed"),
        ("study", "studies", "studied"),
        ("Congress", "Congresses"),
        ("business", "businesses"),
        ("Schweden", "Schwedens"),
        ("Syrien", "Syriens"),
    ],
)
def test_a_word_and_its_inflections_share_a_stem(family: tuple[str, ...]) -> None:
    assert len({stem(w) for w in family}) == 1, {w: stem(w) for w in family}


def test_real_inflections_share_a_stem(shared: Path) -> None:
    """Over the German and English news words: every word ending in "-er"/"-el" and its "-s"/"-n" form found in the
    same corpus, and every "-y" word and its "-ies"/"-ied" form, share a stem."""
    counts: Counter[str] = Counter()
    for name in ("news_10kgnad_de/10kgnad_de.jsonl", "news_bbc/bbc.jsonl"):
        with (shared / "data" / name).open(encoding="utf-8") as fh:
            for line in fh:
                counts.update(re.findall(r"[^\W\d_]+", json.loads(line)["text"]))
    seen = {w for w, n in counts.items() if n >= 2}
    pairs = [(w, w + e) for w in seen if len(w) >= 5 and w.endswith(("er", "el")) for e in ("s", "n") if w + e in seen]
    pairs += [(w, w[:-1] + e) for w in seen if len(w) >= 4 and w.endswith("y") for e in ("ies", "ied")]
    pairs = [(w, v) for w, v in pairs if v in seen]
    assert len(pairs) > 500  # the corpus holds them; an empty list would check nothing
    differ = [(w, v, stem(w), stem(v)) for w, v in pairs if stem(w) != stem(v)]
    assert differ == []
