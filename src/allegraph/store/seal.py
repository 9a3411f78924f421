"""A cheap check at open that the graph file is whole.

LadybugDB reads a damaged page only when a query touches it, and garbage appended to the file
passes every read and fails every later write. So each writer that closes cleanly leaves a seal
beside the file (``graph.lbdb.seal``: size, modification time, CRC-32), and a writer removes it
before it writes. At open:

- the file must start with LadybugDB's magic and end on a page boundary (always checked);
- with a seal: the size must match, and when the modification time differs (the file was copied,
  or written by something else) the CRC must match too. The CRC is read only then, so an open of
  an untouched store costs two ``stat`` calls.

No seal (an older store, or a writer that did not finish) means only the first check: a crash is
not damage, and the next clean write seals the file again.
"""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path

from ..errors import StoreCorruptError

MAGIC = b"LBUG"
PAGE = 4096


def seal_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".seal")


def unseal(db_path: Path) -> None:
    """Before a write: the file is about to change."""
    try:
        seal_path(db_path).unlink()
    except FileNotFoundError:
        pass


def seal(db_path: Path) -> None:
    """After a clean close of a writer (its log checkpointed into the file)."""
    wal = db_path.with_name(db_path.name + ".wal")
    if not db_path.exists() or (wal.exists() and wal.stat().st_size):
        return
    st = db_path.stat()
    record = {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "crc32": _crc(db_path)}
    tmp = seal_path(db_path).with_suffix(".seal.tmp")
    tmp.write_text(json.dumps(record), encoding="utf-8")
    os.replace(tmp, seal_path(db_path))


def check(db_path: Path) -> None:
    """Raise StoreCorruptError when the graph file is visibly damaged."""
    damaged = _damage(db_path)
    if damaged:
        raise StoreCorruptError(f"{db_path}: {damaged}; the store is damaged: restore the folder from a backup, or move "
                                "it away and re-ingest the articles")


def _damage(db_path: Path) -> str:
    try:
        with db_path.open("rb") as fh:
            head = fh.read(len(MAGIC))
        size = db_path.stat().st_size
    except OSError:
        return ""  # the open itself reports it
    if head != MAGIC:
        return "not a LadybugDB graph file (its first bytes are wrong)"
    recorded = _read_seal(db_path)
    if recorded is None:
        return "" if size % PAGE == 0 or _writer_active(db_path) else \
            f"the file ends inside a page ({size} bytes, not a multiple of {PAGE}): it was cut short or appended to"
    if size != recorded.get("size"):
        return "" if _read_seal(db_path) != recorded else \
            f"the file is {size} bytes, but {recorded.get('size')} when it was last closed: it was cut short or appended to"
    mtime = db_path.stat().st_mtime_ns
    if mtime == recorded.get("mtime_ns"):
        return ""
    if _crc(db_path) != recorded.get("crc32"):
        return "" if _read_seal(db_path) != recorded else \
            "its contents changed since allegraph last closed it (checksum differs)"
    try:  # copied with a new time but intact: remember the new time, so the next open is cheap again
        tmp = seal_path(db_path).with_suffix(".seal.tmp")
        tmp.write_text(json.dumps({**recorded, "mtime_ns": mtime}), encoding="utf-8")
        os.replace(tmp, seal_path(db_path))
    except OSError:
        pass
    return ""


def _read_seal(db_path: Path) -> dict[str, int] | None:
    try:
        data = json.loads(seal_path(db_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _writer_active(db_path: Path) -> bool:
    """A writer is between pages now: its log is not empty."""
    wal = db_path.with_name(db_path.name + ".wal")
    return wal.exists() and wal.stat().st_size > 0


def _crc(path: Path) -> int:
    crc = 0
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    return crc


def sync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_graph_file(path: Path) -> None:
    """A graph file and its write-ahead log."""
    for p in (path, *(path.with_name(path.name + s) for s in (".wal", ".shadow", ".seal"))):
        if p.exists():
            p.unlink()
