"""Bytes to text: UTF-8 first, then charset detection, with a clear reason when neither works."""

from __future__ import annotations

from retold.errors import InputError

_BINARY_SNIFF = 8192
_SHORT = 512
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


# Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """``(encoding, BOM length)`` when ``data`` starts with a byte-order mark."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc, len(bom)
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NULs sit on one side of nearly every byte pair: ASCII-range UTF-16 text.

    Binary files have NULs too, but scattered; text saved as UTF-16 without a mark has one in every
    pair of bytes for Latin script.
    """
    pairs = len(head) // 2
    if pairs < 8:
        return None
    even = sum(1 for k in range(0, 2 * pairs, 2) if head[k] == 0)
    odd = sum(1 for k in range(1, 2 * pairs, 2) if head[k] == 0)
    if odd >= 0.7 * pairs and even == 0:
        return "utf-16-le"
    if even >= 0.7 * pairs and odd == 0:
        return "utf-16-be"
    return None


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as e:
        raise InputError(path, f"undecodable bytes: not valid {encoding} (byte {e.start:,})") from None
    if not text.strip():
        raise InputError(path, "empty file")
    if "\x00" in text:
        raise InputError(path, f"binary file (NUL characters in {encoding} text), not text")
    return text


def decode(data: bytes, path: str) -> str:
    """Decode a file's bytes, refusing binaries and undecodable content with a one-line reason.

    A byte-order mark decides (UTF-8, UTF-16, UTF-32: what Windows tools write); then UTF-8; then
    UTF-16 without a mark; then legacy encodings by detection.
    """
    marked = bom_encoding(data)
    if marked is not None:
        return _strict(data[marked[1] :], marked[0], path)
    if not data.strip():
        raise InputError(path, "empty file")
    head = data[:_BINARY_SNIFF]
    if b"\x00" in head:
        utf16 = _utf16_without_bom(head)
        if utf16 is None:
            raise InputError(path, "binary file (contains NUL bytes), not text")
        return _strict(data, utf16, path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        first = e.start
    mixed = _mostly_utf8(data)
    if mixed:
        raise InputError(
            path,
            f"UTF-8 text holding bytes that are not UTF-8 ({mixed:,}, the first at byte {first:,}): mixed encodings"
            " or a cut file; read as UTF-8 they would be lost, read as another encoding every accent garbled",
        )
    encoding, text = _guess(data)
    if encoding is None or text is None:
        raise InputError(path, "undecodable bytes: not UTF-8, and no other text encoding gives readable text")
    bad = sum(1 for c in text if c == "\ufffd" or (ord(c) < 32 and c not in "\n\r\t\f"))
    if bad > max(3, len(text) // 100):
        raise InputError(path, f"undecodable bytes (best guess {encoding} leaves {bad} broken characters)")
    return text


def _mostly_utf8(data: bytes) -> int:
    """The broken bytes of text that is UTF-8 but for them (0 when it is not): its valid multi-byte characters
    outnumber them. Text in a legacy encoding has almost no valid UTF-8 sequence ("é" is one byte there)."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    good = sum(1 for c in text if not c.isascii()) - broken
    return broken if good >= 2 * broken else 0


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
    # A guess with no recognisable language and odd characters is noise, not an article; below
    # _SHORT bytes language coherence is not measurable (a two-sentence Shift-JIS note scores 0.0).
    if (best.coherence < 0.1 and len(data) >= _SHORT) or not _readable(text):
        return None, None
    return best.encoding, text


def _readable(text: str) -> bool:
    """Mostly letters, digits, spaces and ordinary punctuation: what an article looks like."""
    sample = text[:20000]
    ok = sum(1 for c in sample if c.isalnum() or c.isspace() or c in ".,;:!?'\"()-%$€£/&")
    bad = sum(1 for c in sample if c == "\ufffd" or (ord(c) < 32 and c not in "\n\r\t\f"))
    return bad == 0 and ok >= 0.9 * len(sample)
