"""Datelines: the city, date and wire credit that open a wire story ("KYIV, March 3 (Reuters) - ").

The credit in a dateline is the wire's; a retelling that drops it passes the wire's story off as its own,
whatever language or date order the dateline is written in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from retold.fidelity.numbers.patterns import MONTH_ALT, ROMANCE_ALT
from retold.fidelity.rules import Example, rule
from retold.text.normalise import normal_text

_MONTH_DAY = r"[A-Z][a-z]{2,8}\.?\s+\d{1,2},?"  # "March 3", "Jan. 12,"


@rule(
    "attribution.day_month_dateline",
    purpose="A dateline may give the day before the month, with a German, French, Spanish or English month's "
    'name ("KIEW, 3. März (Reuters) -", "PARIS, 3 mars (AFP) -", "MADRID, 3 de marzo (EFE) -"): its credit is a '
    'wire credit as in "KYIV, March 3 (Reuters) -".',
    examples=[
        Example(
            "KIEW, 3. März (Reuters) - Die Regierung hat neue Sanktionen beschlossen.",
            "Die Regierung hat neue Sanktionen beschlossen.",
            ("attribution_dropped/warning: KIEW, 3. März (Reuters) -  -> -",),
            lang="de",
        ),
        Example(
            "PARIS, 3 mars (AFP) - Le gouvernement a annoncé de nouvelles mesures.",
            "Le gouvernement a annoncé de nouvelles mesures.",
            ("attribution_dropped/warning: PARIS, 3 mars (AFP) -  -> -",),
            lang="fr",
        ),
        Example(
            "BERLIN, 12. Mai (dpa) - Die Regierung hat neue Regeln beschlossen.",
            "BERLIN, 12. Mai (AFP) - Die Regierung hat neue Regeln beschlossen.",
            ("attribution_changed/high: BERLIN, 12. Mai (dpa) -  -> BERLIN, 12. Mai (AFP) - ",),
            lang="de",
        ),
        Example(  # the date left out, the credit kept
            "BERLIN, 12. Mai (dpa) - Die Regierung hat neue Regeln beschlossen.",
            "BERLIN (dpa) - Die Regierung hat neue Regeln beschlossen.",
            (),
            lang="de",
        ),
    ],
    off=lambda: _MONTH_DAY,
)
def _dateline_date() -> str:
    """The date a dateline may carry, month first ("March 3") or day first ("3. März", "1er mars", "3 de
    marzo"), with the month names the number check reads dates by."""
    return rf"(?:{_MONTH_DAY}|\d{{1,2}}(?:\.|er|º)?\s+(?:de\s+)?(?i:{MONTH_ALT}|{ROMANCE_ALT})\b\.?)"


@rule(
    "attribution.dateline_year",
    purpose='A dateline\'s date may carry its year ("WASHINGTON, March 3, 2024 (Reuters) -", "KIEW, 3. März 2024 '
    '(Reuters) -"), as archived and syndicated copies often write it: the credit is the same wire credit.',
    examples=[
        Example(
            "WASHINGTON, March 3, 2024 (Reuters) - The Senate passed the bill on Sunday.",
            "The Senate passed the bill on Sunday.",
            ("attribution_dropped/warning: WASHINGTON, March 3, 2024 (Reuters) -  -> -",),
        ),
        Example(
            "KIEW, 3. März 2024 (Reuters) - Die Regierung hat neue Sanktionen beschlossen.",
            "Die Regierung hat neue Sanktionen beschlossen.",
            ("attribution_dropped/warning: KIEW, 3. März 2024 (Reuters) -  -> -",),
            lang="de",
        ),
    ],
    off=lambda: "",
)
def _dateline_year() -> str:
    """A four-digit year after a dateline's day and month, with or without a comma."""
    return r"(?:\s+(?:1[89]|20)\d\d,?)?"


_DATELINE = re.compile(
    rf"^(?:(?P<city>[A-Z][A-Z.'-]+(?:\s[A-Z][A-Z.'-]+){{0,2}}),?(?:\s+{_dateline_date()}{_dateline_year()})?\s+)?"
    r"\((?P<name>(?:the\s)?[A-Z][\w.&/-]*(?:\s[A-Z][\w.&/-]*){0,3}|dpa|afp)\)\s*(?:-{1,2}|:)\s"
)


def opening_credit(sentences: Sequence[str]) -> str | None:
    """The wire an article's opening dateline credits ("Reuters" of "LONDON (Reuters) - ..."), read as the credit
    check reads datelines, in its first two sentences (a headline the reader did not take for a title may stand
    before it); None without one."""
    for text in sentences[:2]:
        m = _DATELINE.search(normal_text(text[:160]))
        if m:
            return re.sub(r"^the\s", "", m.group("name"))
    return None
