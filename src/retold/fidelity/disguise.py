"""The ``disguised_text`` flag: an article hides its words behind look-alike letters, invisible or wide characters.

Matching already sees through the disguise (:mod:`retold.text.confusables`); this says so, because a
copy that took the trouble to hide is itself a finding. One flag per disguised article, its span the
first disguised word, its note the counts and where the next example is.
"""

from __future__ import annotations

from retold.fidelity.rules import Example, never, rule
from retold.model import Article, Flag, Severity, Span
from retold.text.confusables import Disguise, scan

# Fewer disguised characters than this and no look-alike pair is left unflagged: on 38,041 real
# articles (benchmarks/disguise_eval.py) the most a clean text had was 7 zero-width spaces between
# letters and 15 "fancy font" letters in a quoted tweet, while a disguise that moves a comparison
# touches dozens of characters.
MIN_CHARS = 8
MIN_LOOKALIKES = 2


@rule(
    "disguise.hidden_text",
    purpose="A text that hides its words (look-alike letters from another script, invisible characters) is "
    "flagged when the disguise covers enough of it to matter.",
    examples=[
        Example("The port will close on Monday.", "Тhе роrt wіll сlоsе оn Mоndау.", ("disguised_text/high: - -> Тhе",)),
        Example("The port will close on Monday.", "The port will close on Monday.", ()),
    ],
    off=never,
)
def disguised(d: Disguise) -> bool:
    """Whether a text's disguise is worth a flag (see ``MIN_CHARS``)."""
    return d.lookalike >= MIN_LOOKALIKES or d.total >= MIN_CHARS


def _note(d: Disguise, text: str) -> str:
    parts = []
    if d.lookalike:
        parts.append(f"{d.lookalike} Cyrillic/Greek look-alike letters read as Latin")
    if d.invisible:
        parts.append(f"{d.invisible} invisible characters between letters dropped")
    if d.wide:
        parts.append(f"{d.wide} full-width or styled letters read as plain")
    if d.soft_hyphens:
        parts.append(f"{d.soft_hyphens} soft hyphens dropped")
    more = ""
    if len(d.words) > 1:
        s, e = d.words[1]
        more = f"; another at {s}-{e} ({text[s:e]!r})"
    return f"{', '.join(parts)}, in {len(d.words)} words{more}"


def _flag(article: Article, side: str) -> Flag | None:
    d = scan(article.text)
    if not disguised(d) or not d.words:
        return None
    s, e = d.words[0]
    span = Span(s, e)
    word = article.text[s:e]
    severity: Severity = "high" if d.lookalike >= MIN_LOOKALIKES else "warning"
    note = _note(d, article.text)
    if side == "a":
        return Flag("disguised_text", span, None, word, None, severity, note)
    return Flag("disguised_text", None, span, None, word, severity, note)


def compare(a: Article, b: Article) -> list[Flag]:
    """A flag for each of the two articles that hides its text (none for clean or plainly Cyrillic text)."""
    return [f for f in (_flag(a, "a"), _flag(b, "b")) if f is not None]
