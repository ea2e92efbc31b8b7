"""The server the web tests talk to: one real process per module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from _server import TOKEN, Server, start, stop


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The default (model) mode with a token: the store's sources need the model to see a paraphrase."""
    s = start(tmp_path_factory.mktemp("serve") / "web.db", "--token", TOKEN)
    yield s
    stop(s)
