"""Bytes to text: UTF-8 first, then charset detection, with a clear reason when neither works."""

from __future__ import annotations

from retold.errors import InputError

_BINARY_SNIFF = 8192
_MAX_NON_ASCII = 0.1
_TYPOGRAPHY = frozenset("\u00a0‘’‚“”„–—…€•‹›«»°£©®™§·†‡")


def _mostly_ascii_cp1252(data: bytes) -> str | None:
    """cp1252 text when the bytes are valid cp1252 and, typography aside, nearly all ASCII (English-like news).

    Detectors guess badly on a few accented names in English text ("José" as cp775 "Josķ"); cp1252
    is the commonest legacy encoding there, and text in other scripts or in Central European
    languages read as cp1252 has far more odd characters ("W³adze") than ``_MAX_NON_ASCII``.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = sum(1 for c in text if c.isalpha())
    foreign = sum(1 for c in text if not c.isascii() and c not in _TYPOGRAPHY)
    return text if letters and foreign <= _MAX_NON_ASCII * letters else None


def decode(data: bytes, path: str) -> str:
    """Decode a file's bytes, refusing binaries and undecodable content with a one-line reason."""
    if not data.strip():
        raise InputError(path, "empty file")
    head = data[:_BINARY_SNIFF]
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        raise InputError(path, "binary file (contains NUL bytes), not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    encoding, text = _guess(data)
    if encoding is None or text is None:
        raise InputError(path, "undecodable bytes: not UTF-8, and no other text encoding gives readable text")
    bad = sum(1 for c in text if c == "\ufffd" or (ord(c) < 32 and c not in "\n\r\t\f"))
    if bad > max(3, len(text) // 100):
        raise InputError(path, f"undecodable bytes (best guess {encoding} leaves {bad} broken characters)")
    return text


def _guess(data: bytes) -> tuple[str | None, str | None]:
    """The likeliest legacy encoding and the text it gives, leaning to cp1252 where detection is unsure."""
    western = _mostly_ascii_cp1252(data)
    if western is not None:
        return "cp1252", western
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        return None, None
    text = str(best)
    # A guess with no recognisable language and odd characters is noise, not an article.
    if best.coherence < 0.1 or not _readable(text):
        return None, None
    return best.encoding, text


def _readable(text: str) -> bool:
    """Mostly letters, digits, spaces and ordinary punctuation: what an article looks like."""
    sample = text[:20000]
    ok = sum(1 for c in sample if c.isalnum() or c.isspace() or c in ".,;:!?'\"()-%$€£/&")
    bad = sum(1 for c in sample if c == "\ufffd" or (ord(c) < 32 and c not in "\n\r\t\f"))
    return bad == 0 and ok >= 0.9 * len(sample)
