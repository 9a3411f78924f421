"""Bytes -> text that never degrades in silence.

In order: a byte-order mark (UTF-8, UTF-16, UTF-32); UTF-16/32 without one, told by where the
zero bytes fall; strict UTF-8. Text that is UTF-8 but for a few damaged bytes keeps UTF-8, with
the damaged bytes replaced and located. Text with no UTF-8 in it is decoded with the encoding
charset-normalizer detects, only when it is confident; otherwise it is refused. Every fallback is
said in a note that the ingest report prints.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError

_BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"), (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
    (b"\xef\xbb\xbf", "utf-8", "UTF-8"),
    (b"\xff\xfe", "utf-16-le", "UTF-16"), (b"\xfe\xff", "utf-16-be", "UTF-16"),
)
_MAGIC = (b"\x89PNG", b"%PDF", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF")
_CONFIDENT_CHAOS = 0.1  # charset-normalizer's mess ratio at or under which a detection is trusted
_LATIN = {"cp1250", "cp1252", "latin_1", "iso8859_15", "iso8859_2", "iso8859_10", "cp775", "cp850",
          "cp852", "mac_latin2", "mac_roman", "iso8859_4", "iso8859_13", "iso8859_3", "iso8859_9"}


@dataclass(frozen=True)
class Decoded:
    text: str
    note: str = ""  # how the bytes were read when it was not plain UTF-8


def decode(data: bytes, source: str, declared: str = "") -> Decoded:
    """declared: the charset a page names in its own markup, tried before detection."""
    if not data.strip():
        raise InputError(source, "empty file", "nothing to ingest")
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom):].decode(codec))
            except UnicodeDecodeError as exc:
                raise InputError(source, f"invalid {name} text (byte {exc.start + len(bom)})",
                                 "re-save the file as UTF-8") from None
    head = data[:65536]
    if head.startswith(_MAGIC):
        raise InputError(source, "binary file, not text", "give a text, HTML, JSON or CSV file")
    if b"\x00" in head:
        wide = _wide_codec(head)
        if wide:
            try:
                return Decoded(data.decode(wide), f"read as {wide.upper()} (no byte-order mark)")
            except UnicodeDecodeError:
                pass
        raise InputError(source, "binary file, not text", "give a text, HTML, JSON or CSV file")
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    named = codecs_name(declared) if declared else None
    for label in ({"latin_1": ["cp1252", "latin_1"]}.get(named or "", [named or ""]) if named and named != "utf-8" else []):
        try:  # WHATWG reads a page labelled ISO-8859-1 as windows-1252
            return Decoded(data.decode(label), f"not UTF-8; read as {label} (declared by the page)")
        except (UnicodeDecodeError, LookupError):
            continue
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    wide_chars = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    if wide_chars >= bad:  # UTF-8 with a few damaged bytes: keep it, say where
        return Decoded(text, f"{bad} byte{'s' * (bad != 1)} not valid UTF-8 (first at {_where(data, first_bad)}), "
                             "replaced with U+FFFD")
    detected = _detect(data)
    if detected is None:
        raise InputError(source, f"not valid UTF-8 (first bad byte at {_where(data, first_bad)}) and no other "
                                 "encoding detected with confidence", "re-save the file as UTF-8")
    return Decoded(data.decode(detected), f"not UTF-8; read as {detected} (detected by charset-normalizer)")


def codecs_name(label: str) -> str | None:
    import codecs

    try:
        return codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None


def _where(data: bytes, offset: int) -> str:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


def _wide_codec(head: bytes) -> str | None:
    """UTF-16 or UTF-32 without a mark, from the share of zero bytes at each position mod 4."""
    n = len(head) - len(head) % 4
    if n < 8:
        return None
    zeros = [sum(1 for i in range(k, n, 4) if head[i] == 0) / (n // 4) for k in range(4)]
    if zeros[2] > 0.95 and zeros[3] > 0.95:
        return "utf-32-le"
    if zeros[0] > 0.95 and zeros[1] > 0.95:
        return "utf-32-be"
    odd, even = (zeros[1] + zeros[3]) / 2, (zeros[0] + zeros[2]) / 2
    if odd > 0.1 and even < 0.02:
        return "utf-16-le"
    if even > 0.1 and odd < 0.02:
        return "utf-16-be"
    return None


def _ascii_compatible(codec: str) -> bool:
    """Text that is not UTF-8 and has no zero bytes keeps ASCII as ASCII (rules out EBCDIC guesses)."""
    probe = "The army said: 0-9, (a/b) [c] \"d\" e.\n"
    try:
        return probe.encode(codec) == probe.encode("ascii")
    except (LookupError, UnicodeError):
        return False


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    if len(data) < 64:  # a guess from a handful of bytes is not a detection
        return None
    best = from_bytes(data).best()
    if best is None or best.chaos > _CONFIDENT_CHAOS or not _ascii_compatible(str(best.encoding)):
        return None
    if best.encoding in _LATIN:  # Western text is far more often cp1252 than its look-alikes (WHATWG)
        western = from_bytes(data, cp_isolation=["cp1252"]).best()
        if western is not None and western.chaos <= best.chaos + 0.02:
            return "cp1252"
    return str(best.encoding)
