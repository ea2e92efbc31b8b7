"""Bytes to text: UTF-8 first, then charset detection, with a clear reason when neither works."""

from __future__ import annotations

from retold.errors import InputError

_BINARY_SNIFF = 8192


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
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(path, "cannot detect the text encoding (not UTF-8, no other encoding fits)")
    text = str(best)
    bad = sum(1 for c in text if c == "\ufffd" or (ord(c) < 32 and c not in "\n\r\t\f"))
    if bad > max(3, len(text) // 100):
        raise InputError(path, f"undecodable bytes (best guess {best.encoding} leaves {bad} broken characters)")
    return text
