"""The controlled edits ``fidelity_eval.py`` injects into faithful pairs (a digit, a name, a word inside a quote, a
credit dropped or changed), chosen by a seeded generator and by rules that do not use the extractors under test,
and the checks that an untouched pair already agrees on that kind of fact."""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable

from evallib.fidelity_oracle import QUOTE_RE, digits, folded, quoted
from retold.text.normalise import words

OUTLETS_KNOWN = ["Reuters", "AP", "AFP", "Bloomberg", "the BBC", "dpa", "Interfax", "CNN"]
OUTLETS_MADE_UP = ["the Harbour Gazette", "Radio Nordwest", "the Daily Clarion", "Kanal Sieben", "the Valley Times"]
CITIES = ["LONDON", "BERLIN", "WASHINGTON", "BRUSSELS", "KYIV"]
TEMPLATES = {
    "en": [
        "{s}, {o} reported.",
        "{s}, according to {o}.",
        "{s}, reports {o}.",
        "{s}, {o} said.",
        "{city} ({o}) - {S}.",
    ],
    "de": [
        "{s}, berichtete {o}.",
        "{s}, wie {o} berichtete.",
        "{s}, meldete {o}.",
        "{s}, so {o}.",
        "{city} ({o}) - {S}.",
    ],
}

Edit = Callable[[str, str, random.Random], "tuple[str, str, str] | None"]


def name_pool(mrpc: list[tuple[str, str, str]]) -> set[str]:
    """Words English news writes capitalised mid-sentence and never in lower case: a proper-noun proxy."""
    caps: Counter[str] = Counter()
    lower: set[str] = set()
    for _, a, b in mrpc:
        for text in (a, b):
            toks = re.findall(r"[^\W\d_][\w'-]*", text)
            for k, t in enumerate(toks):
                if t[0].islower():
                    lower.add(t.lower())
                elif k > 0 and t[1:].islower() and len(t) >= 3:
                    caps[t] += 1
    stop = {"The", "This", "That", "But", "And", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}
    stop |= {"Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August"}
    stop |= {"September", "October", "November", "December", "Mr", "Mrs", "Ms", "Dr", "Inc", "Corp", "Co", "Ltd"}
    stop |= {"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "St", "Jr", "Sr"}
    return {t for t, c in caps.items() if t.lower() not in lower and t not in stop and t.isalpha()}


def _noninitial_caps(text: str) -> list[str]:
    toks = re.findall(r"[^\W\d_][\w'-]*", text)
    return [t for k, t in enumerate(toks) if k > 0]


_STANDALONE = re.compile(r"(?<![\w.,])\d+(?![\w]|[.,]\d)")  # a number, not part of a code like "J2EE"


def edit_number(a: str, b: str, rng: random.Random) -> tuple[str, str, str] | None:
    da = set(_STANDALONE.findall(a))
    db = _STANDALONE.findall(b)
    shared = sorted(d for d in set(db) if d in da)
    if not shared:
        return None
    d = rng.choice(shared)
    k = rng.randrange(len(d))
    choices = [c for c in "0123456789" if c != d[k] and not (k == 0 and c == "0" and len(d) > 1)]
    new = d[:k] + rng.choice(choices) + d[k + 1 :]
    b2 = re.sub(rf"(?<![\w.,]){d}(?![\w]|[.,]\d)", new, b)
    return a, b2, new


def edit_name(a: str, b: str, rng: random.Random, pool: list[str]) -> tuple[str, str, str] | None:
    in_a = set(_noninitial_caps(a))
    cands = sorted({t for t in _noninitial_caps(b) if t in in_a and t in set(pool)})
    if not cands:
        return None
    old = rng.choice(cands)
    fa, fb = folded(a), folded(b)
    for _ in range(50):
        new = rng.choice(pool)
        if folded(new)[:4] not in fa and folded(new)[:4] not in fb and new[:3] != old[:3]:
            break
    else:
        return None
    b2 = re.sub(rf"\b{re.escape(old)}\b", new, b)
    return a, b2, new


def edit_quote(a: str, b: str, rng: random.Random, vocab: list[str]) -> tuple[str, str, str] | None:
    qa = set(quoted(a))
    kept = [m for m in QUOTE_RE.finditer(b) if " ".join(words(m.group(1))) in qa and len(words(m.group(1))) >= 3]
    if not kept:
        return None
    m = rng.choice(kept)
    inner = m.group(1)
    spots = [w for w in re.finditer(r"[^\W\d_]{4,}", inner)]
    if not spots:
        return None
    w = rng.choice(spots)
    for _ in range(50):
        new = rng.choice(vocab)
        if new.lower() != w.group().lower() and new.lower() not in inner.lower():
            break
    else:
        return None
    s = m.start(1) + w.start()
    b2 = b[:s] + new + b[s + len(w.group()) :]
    return a, b2, new


def _credit(text: str, lang: str, rng: random.Random, outlet: str, form: int) -> str:
    tpl = TEMPLATES[lang][form]
    s = text.rstrip()
    s = s[:-1] if s.endswith((".", "!", "?")) and not s.endswith("...") else s
    if tpl.startswith("{city}"):
        outlet = re.sub(r"^the ", "", outlet)  # a dateline credits "(BBC)", not "(the BBC)"
    return tpl.format(s=s, S=s, o=outlet, city=rng.choice(CITIES))


def edit_credit_dropped(a: str, b: str, rng: random.Random, lang: str) -> tuple[str, str, str]:
    outlet = rng.choice(OUTLETS_KNOWN + OUTLETS_MADE_UP)
    form = rng.randrange(len(TEMPLATES[lang]))
    return _credit(a, lang, rng, outlet, form), b, re.sub(r"^the ", "", outlet)


def edit_credit_changed(a: str, b: str, rng: random.Random, lang: str) -> tuple[str, str, str]:
    o1, o2 = rng.sample(OUTLETS_KNOWN + OUTLETS_MADE_UP, 2)
    form = rng.randrange(len(TEMPLATES[lang]))
    return _credit(a, lang, rng, o1, form), _credit(b, lang, rng, o2, form), re.sub(r"^the ", "", o2)


def clean_numbers(a: str, b: str) -> bool:
    """Both sides state the same digits: the injected change is then the only number difference."""
    return sorted(digits(a)) == sorted(digits(b))


def clean_names(pool: set[str]) -> Callable[[str, str], bool]:
    def ok(a: str, b: str) -> bool:
        return {t for t in _noninitial_caps(a) if t in pool} == {t for t in _noninitial_caps(b) if t in pool}

    return ok


def clean_quotes(a: str, b: str) -> bool:
    return set(quoted(a)) == set(quoted(b))
