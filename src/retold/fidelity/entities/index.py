"""A name index: what a stretch of text offers for recognising a name (stems, spellings, acronyms, initials).

Built once per document and set of sentences and asked many times (:mod:`retold.fidelity.entities.presence`
holds the rules that ask it whether a name is there by any variant).
"""

from __future__ import annotations

from collections.abc import Sequence

from retold.fidelity._lexicon import STOP
from retold.fidelity._shared import INDEXES, Doc, Token
from retold.fidelity._stems import fold, stem
from retold.fidelity.entities.lexicon import _DE_COMPASS, _JOINERS, _MULTIWORD_ALIASES
from retold.fidelity.entities.spelling import _bare, _unmarked
from retold.fidelity.entities.tokens import _is_cap, _strip_possessive, is_acronym, ticker_symbol


class _Index:
    """What a stretch of text offers for recognising a name: stems, five-letter starts, acronyms, and
    (computed only when an acronym needs them) the initials of its capitalised stretches.

    An index answers the same questions many times in one comparison (every name of every matched and
    unmatched sentence asks the other article's), so it keeps its answers and sorts its stems by first
    letter for the look-ups that would otherwise scan them all. An index of some sentences borrows those tables
    from the index of the whole document where that one is built by then (``_borrowed``): its stems are a
    superset, and the look-ups keep only the stems of this index."""

    def __init__(self, doc: Doc, idx: Sequence[int], stems: set[str], acronyms: set[str]) -> None:
        self.doc = doc
        self.idx = idx
        self.stems = stems
        self._prefixes: set[str] | None = None
        self.acronyms = acronyms
        self._initials: set[str] | None = None
        self._by_first: dict[tuple[str, int], list[str]] | None = None
        self._names_by_first: dict[tuple[str, int], list[str]] | None = None
        self._long: frozenset[str] | None = None
        self.names: dict[str, bool] = {}  # _has_name's answers
        self.spelled: dict[str, bool] = {}  # spelled_out's answers

    @property
    def prefixes(self) -> set[str]:
        """The stems' five-letter starts (``prefix_key`` of each), made when a look-up first needs them: most
        indexes (one per match, one per run of unmatched sentences) answer every look-up from their stems."""
        if self._prefixes is None:
            self._prefixes = {x[:5] if len(x) >= 6 else x for x in self.stems}
        return self._prefixes

    def by_first(self) -> dict[tuple[str, int], list[str]]:
        """Every stem under its first letter and length (or more: the whole document's, see the class)."""
        if self._by_first is None and (whole := self._borrowed()) is not None:
            self._by_first = whole.by_first()
        if self._by_first is None:
            self._by_first = {}
            for x in self.stems:
                self._by_first.setdefault((x[:1], len(x)), []).append(x)
        return self._by_first

    def names_by_first(self) -> dict[tuple[str, int], list[str]]:
        """The stems that may be names (three letters or more, no stopword) under their first letter and length (or
        more: the whole document's, see the class)."""
        if self._names_by_first is None and (whole := self._borrowed()) is not None:
            self._names_by_first = whole.names_by_first()
        if self._names_by_first is None:
            self._names_by_first = {}
            for x in self.stems:
                if len(x) >= 3 and x not in STOP:
                    self._names_by_first.setdefault((x[:1], len(x)), []).append(x)
        return self._names_by_first

    def _borrowed(self) -> _Index | None:
        """The index of the whole document, where it is built and this one is of fewer sentences."""
        built: dict[tuple[int, ...], _Index] = self.doc.cache.get(INDEXES, {})
        whole = built.get(tuple(range(len(self.doc.sents))))
        return whole if whole is not None and whole is not self else None

    def has_part(self, low: str) -> bool:
        """Whether a stem of four letters or more (no stopword) occurs inside ``low``: each substring of
        ``low`` of that length looked up, instead of each stem searched for in ``low``."""
        if self._long is None:
            self._long = frozenset(x for x in self.stems if len(x) >= 4 and x not in STOP)
        n = len(low)
        return any(low[i:j] in self._long for i in range(n - 3) for j in range(i + 4, n + 1))

    def spelled_out(self, acr: str) -> bool:
        """Whether consecutive words, in any case, spell the acronym ("severe acute respiratory syndrome")."""
        if len(acr) < 3:
            return False  # two letters turn up by chance
        hit = self.spelled.get(acr)
        if hit is None:
            hit = self.spelled[acr] = any(
                acr in heads or acr in with_of for heads, with_of in (_spellings(self.doc, i) for i in self.idx)
            )
        return hit

    @property
    def initials(self) -> set[str]:
        if self._initials is None:
            out: set[str] = set()
            for i in self.idx:
                key = f"entities:initials:{i}"
                if key not in self.doc.cache:
                    self.doc.cache[key] = _initials(self.doc.sents[i].tokens)
                out |= self.doc.cache[key]
            self._initials = out
        return self._initials


def _spellings(doc: Doc, i: int) -> tuple[str, str]:
    """A sentence's word initials in capitals, without joiners and with "of" (cached on the document)."""
    key = f"entities:spellings:{i}"
    hit: tuple[str, str] | None = doc.cache.get(key)
    if hit is None:
        toks = doc.sents[i].tokens
        # "CHOGM" keeps the "of" of "Commonwealth Heads of Government Meeting", "SARS" drops it
        with_of = "".join(t.text[0].upper() for t in toks if t.text.lower() not in ("and", "for", "the", "&"))
        ws = [t.text for t in toks if t.text.lower() not in ("and", "of", "for", "the", "&")]
        hit = doc.cache[key] = ("".join(w[0].upper() for w in ws), with_of)
    return hit


def _index(doc: Doc, idx: Sequence[int]) -> _Index:
    """The index of some sentences, built once per document and set of sentences (the direction asks the
    same set for every sentence of a run of unmatched ones)."""
    built: dict[tuple[int, ...], _Index] = doc.cache.setdefault(INDEXES, {})
    key_idx = tuple(idx)
    hit = built.get(key_idx)
    if hit is not None:
        return hit
    stems: set[str] = set()
    acronyms: set[str] = set()
    german = doc.lang == "de"
    for i in idx:
        key = f"entities:index:{i}"
        if key not in doc.cache:
            sv = doc.sents[i]
            st: set[str] = set()
            acr: set[str] = set()
            for t in sv.tokens:
                hit_w = _WORD_KEYS.get((t.text, german))
                if hit_w is None:
                    hit_w = _word_keys(t.text, german)
                st.update(hit_w[0])
                acr.update(hit_w[1])
            low = fold(sv.norm)
            for phrase, canon in _MULTIWORD_ALIASES:
                if phrase in low:
                    st.add(canon)
            doc.cache[key] = (st, acr)
        st, acr = doc.cache[key]
        stems |= st
        acronyms |= acr
    hit = built[key_idx] = _Index(doc, idx, stems, acronyms)
    return hit


# each word's keys (``_word_keys``) as the index reads them, by word and language: an article's words are mostly
# words other articles used before (a scan worker's 415 reuse articles: 313,675 words, 23,419 distinct)
_WORD_KEYS: dict[tuple[str, bool], tuple[tuple[str, ...], tuple[str, ...]]] = {}
_WORD_KEYS_KEPT = 1 << 17


def keep_word_keys(n: int) -> None:
    """Remember the keys of at most ``n`` words, not 131,072 (those remembered now are let go when more). A scan's
    verifying worker keeps 32,768 (``jobs.bound_caches``): the 10,000-article scan's met 19,158 words, the 100,000
    one's (ciphered fillers) 109,127 in half its pairs, 35.3 MiB."""
    global _WORD_KEYS_KEPT
    _WORD_KEYS_KEPT = n
    if len(_WORD_KEYS) > n:
        _WORD_KEYS.clear()


def _word_keys(text: str, german: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What one word adds to an index: its stems (as written, without inner apostrophes, its hyphenated parts, a
    German compass word's rest) and its acronyms; remembered for the word's next use."""
    st: list[str] = []
    acr: list[str] = []
    w = ticker_symbol(_strip_possessive(text)[0])
    st.append(stem(w))
    if _is_cap(w) and w.isalpha():
        st.append(fold(w))  # a name as written too: "Johnes" (stem "john") is a spelling of "Jones"
    bare = _unmarked(w)
    if bare:
        st.append(stem(bare))  # "Shi'ites" is also read "Shiites"
    if "-" in w:
        st.extend(stem(part) for part in w.split("-"))
    compass = _DE_COMPASS.match(fold(w)) if german else None
    if compass and len(w) - compass.end() >= 4:
        st.append(stem(w[compass.end() :]))  # "Nordmexiko" names Mexiko, "Südeuropa" Europa
    if not w.islower():
        acr.extend(_bare(part) for part in w.split("-") if is_acronym(part))
    if len(_WORD_KEYS) >= _WORD_KEYS_KEPT:
        _WORD_KEYS.clear()
    out = _WORD_KEYS[(text, german)] = (tuple(st), tuple(acr))
    return out


def _whole_index(doc: Doc) -> _Index:
    """The index of every sentence of a document: both the comparison and the direction's count of
    unfamiliar names (once per unmatched sentence) ask it."""
    return _index(doc, range(len(doc.sents)))


def _initials(toks: Sequence[Token]) -> set[str]:
    """Initials of capitalised stretches, joiners allowed ("NATO's Security Assistance and Training Mission")."""
    out: set[str] = set()
    cur: list[str] = []
    starts: list[int] = []  # where a stretch after "and"/"&" begins: "EPI and Pratt & Whitney" is also PW
    for t in (*toks, Token("", 0, 0)):
        if not cur and t.text.islower():
            continue  # no stretch is open and a word in lower case opens none
        w = _strip_possessive(t.text)[0]
        if w and _is_cap(w) and w.lower() not in STOP:
            cur.append(w[0].upper())
        elif w and w.lower() in _JOINERS and cur:
            if w.lower() in ("and", "&", "und"):
                starts.append(len(cur))
            continue
        else:
            out.update("".join(cur[p:]) for p in [0, *starts] if len(cur) - p >= 2)
            cur = []
            starts = []
    return out
