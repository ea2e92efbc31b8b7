"""Month names: the one list that the date reader, the sentence splitter and the number check read."""

from __future__ import annotations

from collections.abc import Iterable

# each month's names by language, January first: the usual spelling, then others a text may use (Austrian
# "Jänner" and "Feber", "Maerz" without the umlaut, French without accents, the Latin American "setiembre")
NAMES: dict[str, tuple[str, ...]] = {
    "en": ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"),
    "de": ("januar jänner", "februar feber", "märz maerz", "april", "mai", "juni", "juli", "august", "september",
           "oktober", "november", "dezember"),
    "fr": ("janvier", "février fevrier", "mars", "avril", "mai", "juin", "juillet", "août aout", "septembre",
           "octobre", "novembre", "décembre decembre"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre setiembre",
           "octubre", "noviembre", "diciembre"),
}  # fmt: skip

# the short forms, written with a full stop or without ("Oct. 14", "14 Oct", "3. Okt."); German leaves the short
# months whole
SHORT: dict[str, tuple[str, ...]] = {
    "en": ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep sept", "oct", "nov", "dec"),
    "de": ("jan", "feb", "mär", "apr", "", "", "", "aug", "sep sept", "okt", "nov", "dez"),
}


def months(tables: Iterable[tuple[str, ...]]) -> dict[str, int]:
    """Each name of the tables (of ``NAMES`` and ``SHORT``) and its month, 1 to 12."""
    return {name: k for table in tables for k, names in enumerate(table, start=1) for name in names.split()}
