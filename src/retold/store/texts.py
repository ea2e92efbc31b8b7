"""The preset dictionary a store deflates its articles' texts with (``packing``): trained from its first batch.

A store made since session 49 (``meta.texts = zdict``) deflates each text with a dictionary of its own, trained
by ``packing.train`` from the first batch it adds that holds at least ``TRAIN_CHARS`` of text (from its first
``TRAIN_TEXT`` characters: about 128 of the 256 articles of a ``Corpus.add``'s first batch) and kept in
``meta.text_dictionary`` (base64) before any text deflated with it is written, in the same transaction or an
earlier one, so no committed text names a dictionary the store lacks. The fingerprinting process is handed it with
each batch; every reader takes it from ``meta`` (``Reads.text_dictionary``). A store made before keeps deflating
without one, and a text deflated without one reads in either (``packing.inflate``).
"""

from __future__ import annotations

import base64
from collections.abc import Sequence

from retold.model import Article
from retold.store.packing import ZDICT, train
from retold.store.reading import Reads

# the text a batch must hold to train the dictionary from (about 27 news articles; the first batch of a
# ``Corpus.add`` holds 256): a store that adds less at a time deflates without one until a batch does
TRAIN_CHARS = 131_072
# the text it is trained from, the batch's first articles (about 128 news articles): training on all 256 of the first
# batch took 0.86 s of the writer's CPU for a dictionary no better (``packing._RUNS``)
TRAIN_TEXT = 600_000


class TextWrites(Reads):
    """The writer's side of ``meta.text_dictionary``."""

    def dictionary_for(self, articles: Sequence[Article]) -> bytes | None:
        """The dictionary this store deflates texts with; trained from ``articles`` and kept when the store deflates
        with one (``meta.texts = zdict``) and has none yet. None where it deflates without one."""
        have = self.text_dictionary
        if have is not None or self._meta("texts") != ZDICT or sum(len(a.text) for a in articles) < TRAIN_CHARS:
            return have
        texts: list[str] = []
        total = 0
        for a in articles:
            if total >= TRAIN_TEXT:
                break
            texts.append(a.text)
            total += len(a.text)
        zdict = train(texts)
        value = base64.b64encode(zdict).decode("ascii")
        self.con.execute("INSERT OR REPLACE INTO meta VALUES ('text_dictionary', ?)", (value,))
        return zdict
