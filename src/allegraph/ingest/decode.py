"""Bytes -> text: UTF-8 (with or without BOM), else cp1252, else latin-1; refuse binary."""

from __future__ import annotations

from ..errors import InputError

_CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


def decode_bytes(data: bytes, source: str) -> str:
    if not data.strip():
        raise InputError(source, "empty file", "nothing to ingest")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(source, "invalid UTF-16 text") from None
    head = data[:65536]
    if b"\x00" in head or head.startswith((b"\x89PNG", b"%PDF", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04")):
        raise InputError(source, "binary file, not text", "give a text, HTML, JSON or CSV file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    high = sum(1 for b in data if b >= 0x80)
    controls = sum(1 for b in data if b < 0x20 and b not in (9, 10, 13))
    if high > 0.3 * len(data) or controls > 0.01 * len(data):
        raise InputError(
            source,
            f"not valid UTF-8 (byte {utf8_error.start}) and not plausible cp1252/latin-1 text",
            "re-save the file as UTF-8",
        )
    if not any(b in _CP1252_UNDEFINED for b in data):
        return data.decode("cp1252")
    return data.decode("latin-1")
