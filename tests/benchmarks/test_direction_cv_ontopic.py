"""``direction_cv.py --ontopic``: lifts into an article on the source's subject, as PAN13's suspicious documents
are (session 28 found the planted lifts' hosts all on another subject: a copy's neighbours fit the passage a
median 0.056, PAN13's 0.141). The kind must give hosts of another outlet on the subject but another story, whose
sentences around the passage fit it more than an off-topic host's do."""

from __future__ import annotations

import statistics
from itertools import islice
from pathlib import Path

import corpus_data as cd
import retold
from evallib import direction_pairs as dp
from evallib.common import Options

N = 6


def _copy_fits(pairs: list[tuple[retold.Article, retold.Article, bool]]) -> list[float]:
    opts = Options(lexical=True, quiet=True)
    out = []
    for src, copy, _ in pairs:
        row = dp.pair_row(retold.compare(src, copy, lexical=True, fidelity=True), True, opts)
        assert row["fit_b"] is not None
        out.append(row["fit_b"])
    return out


def test_ontopic_hosts_are_on_the_sources_subject(shared: Path) -> None:
    arts, tfidf = dp.news_tfidf()
    row = {a["id"]: k for k, a in enumerate(arts)}
    hosts = list(islice(dp.nearest(same_story=False), N))
    for s, host in hosts:
        cos = float((tfidf[row[s["id"]]] @ tfidf[row[host["id"]]].T).toarray()[0, 0])
        assert 0 < cos < dp.SAME_STORY, (s["id"], host["id"], cos)
        assert cd.outlet(s) != cd.outlet(host)
    ontopic = list(dp.ontopic_pairs(N))
    assert [a.id for a, _, _ in ontopic] == [s["id"] for s, _ in hosts]  # each source in its nearest other story
    verbatim = ontopic[0][1]  # the first lift is verbatim: its host's text with the source's passage in it
    assert sum(s.text in verbatim.text for s in ontopic[0][0].sentences) >= 3
    on, off = _copy_fits(ontopic), _copy_fits(list(dp.lift_pairs(N)))
    assert statistics.median(on) > statistics.median(off), (on, off)
