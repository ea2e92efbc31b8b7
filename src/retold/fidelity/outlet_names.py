"""Whether a name is an outlet's (``outlet_like``), and whether a credit or a text names an outlet, as readers
name outlets: by the whole name, by its initials ("AP" of "the Associated Press", "dpa" of "Deutsche
Presse-Agentur") or by the known outlet inside it ("Reuters" of "Thomson Reuters"). One answer for the direction
(a credit to the other article's outlet) and the report's credit check, so that the two never disagree on whether
a retelling credited its source.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from retold.fidelity._lexicon import EXONYMS, LEADING_ARTICLE, OUTLET_PHRASES, OUTLET_WORDS, OUTLETS, PRESS_NOUNS
from retold.fidelity._stems import fold, latin
from retold.fidelity.rules import Example, never, rule
from retold.ingest.outlets import HOST_WORDS, host_label, outlet_name
from retold.model import Article

_WORD = re.compile(r"[^\W_]+")
_HOST = re.compile(r"(?:[\w-]+\.)+(?P<tld>[a-z]{2,4}|[A-Z]{2,4})")


@rule(
    "attribution.outlet_web_address",
    purpose='A credit to an outlet by its web address ("MSNBC.com", "CNN.com", "Spiegel.de") credits the outlet '
    'the address names ("MSNBC"): one outlet, not two, for the credit check and the direction alike. The label that '
    'names it is the host\'s as ``ingest.outlets.host_label`` reads a URL ("bbc" of "news.bbc.co.uk"); a name with '
    'a full stop that is no address ("U.S.", "St.Louis") stays as it is.',
    examples=[
        Example("The port will close, MSNBC.com reported.", "The port will close, MSNBC reported.", ()),
        Example("The port will close, MSNBC reported.", "The port will close, MSNBC.com reported.", ()),
        Example(
            "The port will close, MSNBC.com reported.",
            "The port will close, CNN reported.",
            ("attribution_changed/high: MSNBC.com reported -> CNN reported",),
        ),
    ],
    off=lambda name: name,
)
def site_name(name: str) -> str:
    """A name that is a web address as the label naming its outlet ("MSNBC.com" -> "msnbc"); another as it is."""
    m = _HOST.fullmatch(name.strip())
    if m is None or not (len(m.group("tld")) == 2 or m.group("tld").lower() in HOST_WORDS):
        return name
    return host_label(m.group()) or name


def _words(name: str) -> list[str]:
    return _WORD.findall(LEADING_ARTICLE.sub("", fold(site_name(name.strip()))))


@rule(
    "attribution.outlet_shape",
    purpose="A credited name is a news organisation when it is a known outlet or has an outlet's shape (\"the Daily "
    'Herald", "Radio Nordwest"): losing it is a warning, losing another source is information. A compound of words '
    'is read by its words too ("Deutsche Presse-Agentur", "Agence France-Presse"), a prefix is no word ("E-Mail").',
    examples=[
        Example(
            "The port will close, the Daily Herald reported.",
            "The port will close.",
            ("attribution_dropped/warning: the Daily Herald reported -> -",),
        ),
        Example("The port will close, the harbour master said.", "The port will close.", ()),
        Example("The river will flood, the Environment Protection Agency said.", "The river will flood.", ()),
        Example(  # the credit calls the name an agency: an outlet's, though the name is known nowhere
            "The port will close, the Northwire news agency reported.",
            "The port will close.",
            ("attribution_dropped/warning: the Northwire news agency reported -> -",),
        ),
        Example(
            "The port will close, Deutsche Presse-Agentur reported.",
            "The port will close.",
            ("attribution_dropped/warning: Deutsche Presse-Agentur reported -> -",),
        ),
        Example("The E-Mail said the port would close.", "The port would close.", ()),
    ],
    off=never,
)
def outlet_like(name: str) -> bool:
    """A news organisation by name (known outlets) or by shape ("the Daily Herald", "Radio Nordwest")."""
    low = fold(LEADING_ARTICLE.sub("", name.strip()))
    if low in OUTLET_PHRASES or any(p in low for p in OUTLET_PHRASES):
        return True
    words = re.findall(r"[\w/&-]+", low)
    # "presse-agentur" is also "presse" and "agentur"; "e-mail" is no "mail" (a part of one or two letters is a prefix)
    words += [p for w in words if "-" in w and min(map(len, parts := w.split("-"))) >= 3 for p in parts]
    return any(w in OUTLETS or w in OUTLET_WORDS or EXONYMS.get(w) in OUTLETS or latin(w) in OUTLETS for w in words)


@rule(
    "attribution.press_noun",
    purpose='A credited name that is only a common noun of the press ("Die Zeitung berichtete", "berichtete der '
    'Sender": German writes every noun with a capital) names no outlet, as "the newspaper reported" names none: no '
    'credit; nor does "the press" someone speaks to ("gegenüber der Presse", as "told the press"; the cost: the '
    'Vienna paper "Die Presse" is read so too). An outlet named so stays one ("Die Zeit", "Radio Nordwest", '
    '"Süddeutsche Zeitung").',
    examples=[
        Example("Die Zeitung berichtete, der Hafen werde schließen.", "Der Hafen wird schließen.", (), lang="de"),
        Example("Der Hafen schließt, berichtete der Sender.", "Der Hafen schließt.", (), lang="de"),
        Example("Der Hafen schließt, berichtete das Magazin.", "Der Hafen schließt.", (), lang="de"),
        Example(
            "Der Minister sagte gegenüber der Presse, der Hafen schließe.",
            "Der Minister sagte, der Hafen schließe.",
            (),
            lang="de",
        ),
        Example(
            "Die Zeit berichtete, der Hafen werde schließen.",
            "Der Hafen wird schließen.",
            ("attribution_dropped/warning: Die Zeit berichtete -> -",),
            lang="de",
        ),
    ],
    off=never,
)
def press_noun(name: str) -> bool:
    """Whether a name is only common nouns of the press ("die Zeitung"), no outlet's name."""
    return only_nouns_of(name, PRESS_NOUNS)


def only_nouns_of(name: str, nouns: frozenset[str]) -> bool:
    """Whether a credited name is only words of ``nouns`` (folded, a leading article aside): a common noun names no
    one. The one reading of a name for attribution.press_noun ("die Zeitung") and attribution.saying_noun ("den
    Angaben"), so that the two never read an article or a web address differently."""
    ws = _words(name)
    return bool(ws) and all(w in nouns for w in ws)


def _initials(ws: list[str]) -> str | None:
    """The initials of a name of two words or more, of three letters or a known outlet's (two initials alone,
    "WE" or "US", are too often something else)."""
    initials = "".join(w[0] for w in ws)
    return initials if len(ws) >= 2 and (len(initials) >= 3 or initials in OUTLETS) else None


def _short(name: str) -> set[str]:
    """The shorter names of a name of two words or more: its initials, and a known outlet among its words that is
    no generic outlet word ("Reuters", not "Times" of "New York Times", which would credit "The Times")."""
    ws = _words(name)
    if len(ws) < 2 or (" " not in name.strip() and "." in name):  # a web host ("edition.cnn.com") has no initials
        return set()
    initials = _initials(ws)
    known = {w for w in ws if w in OUTLETS and w not in OUTLET_WORDS and len(w) >= 3}
    return known | {initials} if initials else known


@rule(
    "attribution.run_together_address",
    purpose='A web address writes an outlet\'s name as one word: its words run together ("washingtonpost.com") or '
    'the initials of all but the last word before it ("nytimes.com" for "The New York Times", "latimes.com"). '
    "Such an address names that outlet: the credit is neither dropped nor changed. Only forms of five letters or "
    'more, in lower case as addresses are written ("nytimes", not "Apress" of "Associated Press" in a sentence).',
    examples=[
        Example("The port will close, The New York Times reported.", "The port will close, nytimes.com reported.", ()),
        Example(
            "The port will close, the Washington Post reported.", "The port will close, washingtonpost.com said.", ()
        ),
        Example(
            "The port will close, The New York Times reported.",
            "The port will close, latimes.com reported.",
            ("attribution_dropped/warning: The New York Times reported -> -",),
        ),
    ],
    off=lambda name: set(),
)
def _run_together(name: str) -> set[str]:
    """The one-word forms a web address gives a name of two words or more ("nytimes", "newyorktimes")."""
    ws = _words(name)
    if len(ws) < 2:
        return set()
    return {f for f in ("".join(ws), "".join(w[0] for w in ws[:-1]) + ws[-1]) if len(f) >= 5}


def same_outlet(x: str, y: str) -> bool:
    """Whether two names name one outlet: the same words, or one is the other's initials, known outlet or web
    address."""
    fx, fy = " ".join(_words(x)), " ".join(_words(y))
    return bool(fx) and (
        fx == fy or fx in _short(y) or fy in _short(x) or fx in _run_together(y) or fy in _run_together(x)
    )


def own_outlet_named(article: Article, name: str) -> bool:
    """Whether ``name`` names the outlet ``article`` comes from (``ingest.outlets.outlet_name``: its source, else
    its web address)."""
    own = outlet_name(article.source, article.url)
    return own is not None and same_outlet(LEADING_ARTICLE.sub("", name), own)


def _forms(name: str) -> list[str]:
    """How a text writes a name: the name in any case, its short names in capitals or capitalised ("NYT",
    "Reuters": "nyt" or "fox" in lower case may be any word), initials that are a known outlet in lower case too
    (dpa writes itself "dpa")."""
    name = site_name(name)
    forms = [f"(?i:{re.escape(name)})", *map(re.escape, _run_together(name))]
    for short in _short(name):
        forms += [re.escape(short.upper()), re.escape(short.capitalize())]
        if short in OUTLETS and short == _initials(_words(name)):
            forms.append(re.escape(short))
    return forms


def _spelt_out(name: str) -> str | None:
    """A name that is initials ("AP", "dpa") as a text spells it out: capitalised words, one per letter, apart
    by a space or a hyphen ("Associated Press", "Deutsche Presse-Agentur"); ``names_outlet`` keeps those of an
    outlet's shape ("Although Prempro" spells "AP" too)."""
    if not (2 <= len(name) <= 6 and name.isalpha() and (name.isupper() or fold(name) in OUTLETS)):
        return None
    return "[ -]".join(rf"{re.escape(c.upper())}[^\W\d_]+" for c in name)


def names_outlet(text: str, names: Sequence[str]) -> bool:
    """Whether a text names the outlet any of ``names`` name: a name itself, one of its short names, or the name
    its initials stand for ("the Associated Press reported" for "AP")."""
    forms = [f for n in names for f in _forms(n)]
    if forms and re.search(rf"(?<!\w)(?:{'|'.join(forms)})(?!\w)", text):
        return True
    spelt = [p for n in names if (p := _spelt_out(n))]
    return any(outlet_like(m.group()) for p in spelt for m in re.finditer(rf"(?<!\w){p}(?!\w)", text))
