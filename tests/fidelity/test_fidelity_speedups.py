"""The faster paths of the fidelity checks answer exactly as the plain ones: each is compared with the plain
form (kept here as the reference) on made-up sentences that hit the edge cases and, where the shared data is
there, on real news sentences."""

from __future__ import annotations

import json
import random
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import astuple
from difflib import SequenceMatcher
from itertools import islice
from pathlib import Path

import pytest

from retold.fidelity import attribution, claims, entities, numbers, quotes
from retold.fidelity._lexicon import STOP
from retold.fidelity._shared import WORD, Doc, SentView, Token, has
from retold.fidelity._stems import fold, prefix_key, stem
from retold.fidelity.entities import index as names_index
from retold.fidelity.entities import presence
from retold.fidelity.numbers import flags as number_flags
from retold.fidelity.numbers import lexicon as number_words
from retold.fidelity.numbers import parse as number_parse
from retold.fidelity.numbers import patterns as number_patterns
from retold.ingest import article_from_text

# words and marks the checks react to, in the cases and scripts where their fast paths differ ("ſaid", the
# Kelvin sign and "İnterview" match ignoring case but are not ASCII)
PIECES = (
    "Rutte|said|says|told|Reuters|reported|according to|the|police|officials|AP|May|may|MAY|march|Oct.|Monday|"
    "mondays|Freitag|am|12.|Juni|2019|1,200|3:2|10 p.m.|seven|hundred|zweihundert|dreißig|fünfundzwanzig|(dpa)|"
    "-|,|.|so|wie|berichtete|zufolge|laut|Angaben|in einer Erklärung|in a statement|via|citing|wrote|Spiegel|"
    "New York Times|NATO's|U.S.|Al-Fallujah|Fallujah|Kyiv|Ukraine|ſaid|\u212aelvin|İnterview|Straße|Müller|"
    "McDonald's|iPhone|\"|'|\u201c|\u201d|\u201e|\u00ab|\u00bb|\n|percent|€35bn|$US51|one|a dozen"
).split("|")


def _made_up(n: int, seed: int = 3) -> Iterator[str]:
    rng = random.Random(seed)
    for _ in range(n):
        yield " ".join(rng.choice(PIECES) for _ in range(rng.randint(1, 14)))


def _real(shared: Path, n: int) -> list[str]:
    out: list[str] = []
    for name, lang in (("news_allsides/allsides.jsonl", "en"), ("news_10kgnad_de/10kgnad_de.jsonl", "de")):
        with (shared / "data" / name).open(encoding="utf-8") as fh:
            for line in islice(fh, n):
                art = article_from_text(json.loads(line)["text"], id="x", language=lang)
                out += [s.norm for s in art.sentences]
    return out


@pytest.fixture(scope="module")
def real(shared: Path) -> list[str]:
    return _real(shared, 30)


# --- tokens, fold ---------------------------------------------------------------------------------------


def _tokens_plain(norm: str) -> tuple[Token, ...]:
    return tuple(Token(m.group(), m.start(), m.end()) for m in WORD.finditer(norm))


def _check_tokens(texts: list[str]) -> None:
    for t in texts:
        got = SentView(0, t, tuple(range(len(t) + 1)), False).tokens
        assert got == _tokens_plain(t) and all(type(x) is Token for x in got)


def test_tokens_as_finditer_gives_them() -> None:
    _check_tokens([*_made_up(3000), "", "_a_ b'c 'd e.f. g-h -i x&y ___ 1.5 ..a"])


def test_tokens_on_real_sentences(real: list[str]) -> None:
    _check_tokens(real)


# the word pattern as it was written first, one character a step: ``WORD`` takes a run of word characters whole
WORD_STEPWISE = re.compile(r"(?<=\$)[^\W\d_]+(?=\d)|[^\W_](?:[\w&]|['.-](?=[^\W_])|(?<=\d),(?=\d))*", re.UNICODE)
WORD_EDGES = [
    "", "_a_ b'c 'd e.f. g-h -i x&y ___ 1.5 ..a", "$US3.95 and $12", "1,500 2,5 1,,2 1,a a,1", "x'-'y a--b a&-b &a",
    "Straße-Nord ΟΔΟΣ's İnterview ſaid", "a_-b x. x..y don't U.S. e-mail", "12\u202f500", "€35bn $US51 £4.2m",
]  # fmt: skip


def test_word_pattern_finds_the_words_the_stepwise_one_finds(real: list[str]) -> None:
    texts = [*_made_up(3000), *WORD_EDGES, *real]
    assert all(WORD.findall(t) == WORD_STEPWISE.findall(t) for t in texts)
    assert WORD.findall(WORD_EDGES[1]) == ["a_", "b'c", "d", "e.f", "g-h", "i", "x&y", "1.5", "a"]


def _fold_plain(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c)).replace("ß", "ss")


def test_fold_as_before() -> None:
    for t in [*_made_up(2000), "", "ABC", "Rodríguez", "Straße", "\u212a", "ſ", "İ"]:
        assert fold(t) == _fold_plain(t)


def test_stems_forgotten_past_a_bound_come_back_the_same(real: list[str]) -> None:
    """``forget_stems`` (a scan worker after each chunk of pairs) empties the caches of ``fold`` and ``stem`` once
    either holds more than its bound, and leaves them alone below it; a word's stem is the same read again."""
    from retold.fidelity._stems import forget_stems

    words = sorted({w for t in real for w in WORD.findall(t)})
    assert len(words) > 500
    fold.cache_clear()
    stem.cache_clear()
    first = [(fold(w), stem(w)) for w in words]
    held = stem.cache_info().currsize
    assert fold.cache_info().currsize >= len(words) and held >= len(words) // 2  # stem folds as it reads
    forget_stems(fold.cache_info().currsize)  # at the bound, not over it: kept
    assert stem.cache_info().currsize == held
    forget_stems(held - 1)
    assert fold.cache_info().currsize == 0 and stem.cache_info().currsize == 0
    assert [(fold(w), stem(w)) for w in words] == first


# --- credits --------------------------------------------------------------------------------------------


def _credits_plain(text: str) -> list[tuple[int, int, str, str, int]]:
    """attribution.extract with every pattern tried and the case-ignoring pre-check."""
    saved = attribution._PATTERNS, attribution._maybe
    attribution._PATTERNS = [(k, rx, ()) for k, rx, _ in saved[0]]
    attribution._maybe = lambda t: attribution._MAYBE.search(t) is not None
    try:
        return attribution.extract(text)
    finally:
        attribution._PATTERNS, attribution._maybe = saved


def _check_credits(texts: list[str]) -> int:
    found = 0
    for t in texts:
        got = attribution.extract(t)
        assert got == _credits_plain(t), t
        assert attribution._maybe(t) == (attribution._MAYBE.search(t) is not None), t
        found += bool(got)
    return found


def test_credit_patterns_skipped_only_when_they_cannot_match() -> None:
    assert attribution._MAYBE.pattern == attribution._MAYBE.pattern.lower()
    assert _check_credits(list(_made_up(2000))) > 250


def test_credit_precheck_as_the_case_ignoring_search_at_word_edges() -> None:
    """The lower-case pre-check tests "via", "wie" and "so" as whole words and a speech verb after a clause mark
    or at the very start as ``_MAYBE`` does (its alternatives grouped by their first character)."""
    edges = [
        "via x", "avia x", "xvia", "vias", "so.", "also so", "iso", "so_", "_so", "9so", "Wie geht", "Gewieft",
        "x, said y", "x,said y", "x;  said", "x;\tsaid", "x: told", "x \u2013 told", "«said", '"  said', "\u201c said",
        "(x", "Said he.", "Saidx", "he saidx", "Reported", "REPORT", "Told", "Ersatz", "Quote", "x,\nsaid", "",
        "x, added y", "x,added y", "x; added", "«added", '"  added', "\u201e added", "Added he.", "Addedx",
        "x \u2014 noted", "x,\nadded", "x:\nadded", "(added", "( added",
    ]  # fmt: skip
    for t in [*edges, *(e.upper() for e in edges), *(e.title() for e in edges)]:
        assert attribution._maybe(t) == (attribution._MAYBE.search(t) is not None), t
    # "added" is a credit word only as a speech verb opening a clause: after a clause mark, or first
    assert [attribution._maybe(t) for t in ("avia x", "via x", "x, added y", "x,added y", "Addedx", "Added he.")] == [
        False, True, True, False, False, True,
    ]  # fmt: skip


def test_credits_on_real_sentences(real: list[str]) -> None:
    assert _check_credits(real) > 10


# --- numbers --------------------------------------------------------------------------------------------


def _numbers_plain(text: str, lang: str) -> list[numbers.Quantity]:
    saved = number_parse._possible
    number_parse._possible = lambda t: (True, True, True)
    try:
        return numbers.extract(text, lang)
    finally:
        number_parse._possible = saved


def _check_numbers(texts: list[str]) -> int:
    found = 0
    for t in texts:
        for lang in ("en", "de"):
            got = numbers.extract(t, lang)
            assert got == _numbers_plain(t, lang), t
            found += bool(got)
        sv = SentView(0, t, tuple(range(len(t) + 1)), False)
        plain = bool(number_patterns._MAYBE.search(t)) or any(
            w.rstrip("s") in number_words._TRIGGERS or w in number_words._TRIGGERS
            for x in sv.tokens
            for w in x.text.lower().split("-")
        )
        assert number_flags._may_hold_numbers(sv) == plain, t
    return found


def test_number_patterns_skipped_only_when_they_cannot_match() -> None:
    assert number_patterns._MAYBE.pattern == number_patterns._MAYBE.pattern.lower()
    assert _check_numbers(list(_made_up(1500))) > 500


def test_numbers_on_real_sentences(real: list[str]) -> None:
    assert _check_numbers(real) > 50


# --- quotes ---------------------------------------------------------------------------------------------


def _quotes_plain(text: str) -> list[tuple[object, ...]]:
    """The former scan: every character in turn."""
    found: list[tuple[int, int, bool, bool]] = []  # start, end, nested, unclosed
    text = quotes.tex_marks(text)
    stack: list[tuple[str, int]] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            if stack:
                first, s = stack[0]
                if quotes._continues(text, i, first) and i - s < quotes.MAX_QUOTE_CHARS:
                    found.append((s, i, False, True))
                elif quotes._unclosed(first, text[s : s + 1]):
                    found.append((s, quotes._sentence_end(text, s, i), False, True))
                stack.clear()
            i += 1
            continue
        fam = quotes._FAMILY.get(c)
        if fam is None:
            i += 1
            continue
        can_open, can_close = quotes._role(text, i)
        depth = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == fam), None)
        if can_close and depth is not None:
            s = stack[depth][1]
            del stack[depth:]
            if 0 < i - s < quotes.MAX_QUOTE_CHARS:
                found.append((s, i, depth > 0, False))
        elif (
            can_close
            and not stack
            and not text[i - 1].isdigit()
            and quotes._unopened(fam, quotes._tagged(text, i + 1) or quotes.closes_paragraph(text, i))
        ):
            s = quotes._sentence_start(text, i, found[-1][1] + 1 if found else 0)
            if 0 < i - s < quotes.MAX_QUOTE_CHARS:
                found.append((s, i, False, False))
        elif can_open and stack and stack[0][0] == fam and quotes.reopens_after_stop(text, i, fam):
            s, e = stack[0][1], len(text[:i].rstrip(" \t"))
            if quotes._unclosed(fam, text[s : s + 1]) and 0 < e - s < quotes.MAX_QUOTE_CHARS:
                found.append((s, e, False, True))
            stack[:] = [(fam, i + 1)]
        elif (
            can_open
            and (fam != "sq" or not stack or stack[-1][0] != "sq")
            and not (fam == "sq" and not (i + 1 < n and text[i + 1].isalpha()))
        ):
            stack.append((fam, i + 1))
        i += 1
    if stack:
        fam, s = stack[0]
        if quotes._unclosed(fam, text[s : s + 1]):
            found.append((s, quotes._sentence_end(text, s, n), False, True))
    found.sort()
    out = []
    for s, e, nested, unclosed in found:
        inner = text[s:e].strip()
        if not inner or not any(ch.isalnum() for ch in inner):
            continue
        ls = s + (len(text[s:e]) - len(text[s:e].lstrip()))
        out.append(quotes.Quote(ls, ls + len(inner), inner, None, nested, unclosed))
    return [astuple(quotes._with_speaker(text, q)) for q in out]


def test_quote_scan_as_before() -> None:
    rng = random.Random(5)
    marks = "ab \n.,([-" + "".join(quotes._FAMILY)
    texts = ["".join(rng.choice(marks) for _ in range(rng.randint(0, 30))) for _ in range(8000)]
    texts += ["\n".join(_made_up(40, seed)) for seed in range(20)]
    for t in texts:
        assert [astuple(q) for q in quotes.extract(t)] == _quotes_plain(t), repr(t)


# --- names ----------------------------------------------------------------------------------------------

_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|an|ar|as|at|az)-")


def _has_name_plain(stems: set[str], w: str) -> bool:
    """The former look-up: every stem of the text scanned for every word."""
    if has(stems, {prefix_key(s) for s in stems}, w, short=True):
        return True
    article = _ARTICLE_PREFIX.match(w)
    if article and len(w) - article.end() >= 4:
        return _has_name_plain(stems, w[article.end() :])
    if len(w) < 3 or not w.isalpha():
        return False
    for x in stems:
        if x[:1] != w[:1] or abs(len(x) - len(w)) > 4 or len(x) < 3 or x in STOP:
            continue
        if x.startswith(w) or w.startswith(x):
            return True
        if len(w) >= 5 and abs(len(x) - len(w)) <= 2 and (x[:2] == w[:2] or min(len(w), len(x)) >= 6):
            sm = SequenceMatcher(None, w, x)
            if sm.quick_ratio() >= 0.8 and sm.ratio() >= 0.8:
                return True
    return False


NAME_WORDS = """ahmad ahmed ahmadi tim timothy tom thomas fallujah falluja al-fallujah el-baradei baradei iraq iraqi
iraqis rutte rutten kyiv kiev mueller muller muellers stationed station stations the die has diego hasbro
abcde abcdf abdce bacde schweinestall stall wiesbaden wiesbadener obama obamas bama rodriguez rodrigues
hanover hannover nato natos otan putin putins poutine un us usa america american""".split()


def test_name_lookup_as_before() -> None:
    rng = random.Random(9)
    doc = Doc(article_from_text("Nothing here.", id="x"))
    for _ in range(400):
        stems = {stem(w) for w in rng.sample(NAME_WORDS, rng.randint(0, 25))}
        ix = names_index._Index(doc, [], stems, set())
        for w in rng.sample(NAME_WORDS, 20):
            assert presence._has_name(ix, w) == _has_name_plain(stems, w), (w, stems)
            assert presence._has_name(ix, w) == _has_name_plain(stems, w)  # the kept answer too
            low = fold(w)
            assert ix.has_part(low) == any(len(x) >= 4 and x in low for x in stems if x not in STOP)


def test_an_index_is_built_once_per_document_and_sentences() -> None:
    doc = Doc(article_from_text("NATO met in Kyiv. Rutte spoke. Putin did not.", id="x"))
    assert names_index._index(doc, [0, 1]) is names_index._index(doc, (0, 1))
    assert names_index._index(doc, [0, 1]) is not names_index._index(doc, [1])
    assert names_index._whole_index(doc) is names_index._index(doc, [0, 1, 2])
    other = Doc(doc.article)  # a new comparison: nothing carried over
    assert names_index._index(other, [0, 1]) is not names_index._index(doc, [0, 1])


def _index_keys_plain(doc: Doc, i: int) -> tuple[set[str], set[str]]:
    """A sentence's stems and acronyms in the index, read word by word with nothing remembered."""
    from retold.fidelity.entities.lexicon import _DE_COMPASS, _MULTIWORD_ALIASES
    from retold.fidelity.entities.spelling import _bare, _unmarked
    from retold.fidelity.entities.tokens import _is_cap, _strip_possessive, is_acronym, ticker_symbol

    st: set[str] = set()
    acr: set[str] = set()
    for t in doc.sents[i].tokens:
        w = ticker_symbol(_strip_possessive(t.text)[0])
        st.add(stem(w))
        if _is_cap(w) and w.isalpha():
            st.add(fold(w))
        bare = _unmarked(w)
        if bare:
            st.add(stem(bare))
        if "-" in w:
            st.update(stem(part) for part in w.split("-"))
        compass = _DE_COMPASS.match(fold(w)) if doc.lang == "de" else None
        if compass and len(w) - compass.end() >= 4:
            st.add(stem(w[compass.end() :]))
        if not w.islower():
            acr.update(_bare(p) for p in w.split("-") if is_acronym(p))
    low = fold(doc.sents[i].norm)
    st.update(canon for phrase, canon in _MULTIWORD_ALIASES if phrase in low)
    return st, acr


def test_index_keys_as_read_word_by_word(real: list[str]) -> None:
    """Each word's keys are remembered (by word and language) for the next sentence that holds it: an index holds
    the keys a word-by-word reading gives, in English and in German."""
    texts = [*_made_up(400), "Nordmexiko und Südeuropa: AAPL.O, P&W, U.S.-Army, Shi'ites, NATO's, al-Fallujah."]
    texts += real
    for lang in ("en", "de"):
        for k in range(0, len(texts), 40):
            doc = Doc(article_from_text(" ".join(texts[k : k + 40]), id="x", language=lang))
            plain = [_index_keys_plain(doc, i) for i in range(len(doc.sents))]
            ix = names_index._whole_index(doc)
            assert ix.stems == set().union(*(p[0] for p in plain))
            assert ix.acronyms == set().union(*(p[1] for p in plain))
    doc = Doc(article_from_text("Sie flogen nach Nordmexiko.", id="x", language="de"))
    assert stem("Mexiko") in names_index._whole_index(doc).stems


def test_an_index_borrowing_the_whole_documents_tables_answers_as_its_own() -> None:
    """An index of some sentences looks names up in the whole document's tables once that index is built, and
    keeps only its own stems: the answers are those of its stems alone."""
    rng = random.Random(11)
    text = " ".join(" ".join(w.capitalize() for w in rng.sample(NAME_WORDS, 4)) + " spoke." for _ in range(12))
    doc = Doc(article_from_text(text, id="x"))
    whole = names_index._whole_index(doc)
    for _ in range(80):
        ix = names_index._index(doc, sorted(rng.sample(range(len(doc.sents)), rng.randint(1, 3))))
        assert ix._borrowed() is whole and whole._borrowed() is None
        for w in rng.sample(NAME_WORDS, 20):
            assert presence._has_name(ix, w) == _has_name_plain(ix.stems, w), (w, ix.idx)


# --- claims ---------------------------------------------------------------------------------------------


def test_best_cover_and_name_spans_as_before() -> None:
    text = "NATO will not give in. Mark Rutte spoke in Wiesbaden on Monday. The mission has 700 troops."
    da = Doc(article_from_text(text, id="a"))
    db = Doc(article_from_text("Rutte said in Wiesbaden that the 700 troops of NATO will stay.", id="b"))
    cover = claims._cover(da)
    for sv in db.sents:
        words = [t for t in sv.tokens if t.text.lower() not in STOP]
        for k in range(1, len(words) + 1):
            ws = words[:k]
            plain = max(
                (
                    sum(1 for t in ws if has(da.sents[i].stems, {prefix_key(s) for s in da.sents[i].stems}, t.text))
                    / len(ws)
                    for i in range(len(da.sents))
                ),
                default=0.0,
            )
            assert claims._best_cover(ws, cover) == plain
        es = entities.entities(db, [sv.i])
        want = []
        for e in es:
            ks = [k for k, o in enumerate(sv.offsets[:-1]) if e.start <= o < e.end]
            if ks:
                want.append((ks[0], ks[-1] + 1))
        assert claims.norm_spans(sv, es) == want and want
    # offsets out of order (not from the normaliser): the plain scan
    sv = SentView(0, "ab cd", (5, 6, 7, 1, 2, 3), False)
    e = entities.Entity(1, 3, "cd", ("cd",), False, 0)
    assert claims.norm_spans(sv, [e]) == [(3, 5)]
