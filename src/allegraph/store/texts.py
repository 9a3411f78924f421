"""Document texts of the embedded store, kept beside the graph in SQLite (``texts.sqlite``).

Why not a property of the Document node: LadybugDB rewrites a growing node group's columns when it
checkpoints, so a long-text column made each batch slower and each checkpoint bigger as the store
grew (measured: 0.3 s -> 1.9 s per 500-document batch over 30,000 documents, and a 1 GiB buffer pool
exhausted well before a node group of 131,072 documents fills). Texts are only needed to re-extract
(`allegraph rebuild`) and to copy a store (`sync`), so they live in a key-value table instead,
compressed, written before the graph batch that names them (a text without its document is
harmless; a document never lacks its text).
"""

from __future__ import annotations

import sqlite3
import zlib
from pathlib import Path
from typing import Iterable

from ..errors import StoreCorruptError

TEXTS_FILE = "texts.sqlite"


class TextStore:
    def __init__(self, folder: Path, *, write: bool) -> None:
        self.path = folder / TEXTS_FILE
        self.write = write
        self._conn: sqlite3.Connection | None = None
        if write or self.path.exists():
            self._open()

    def _open(self) -> None:
        try:
            if self.write:
                self._conn = sqlite3.connect(self.path, isolation_level=None)
                self._conn.execute("PRAGMA journal_mode=WAL")
                self._conn.execute("PRAGMA synchronous=NORMAL")
                self._conn.execute("CREATE TABLE IF NOT EXISTS texts (id TEXT PRIMARY KEY, body BLOB NOT NULL) WITHOUT ROWID")
            else:
                self._conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, isolation_level=None)
                self._conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error as exc:
            raise StoreCorruptError(f"{self.path}: cannot open the document texts ({exc}); move the store folder away and "
                                    "re-ingest") from None

    def put(self, texts: dict[str, str]) -> None:
        """Store texts by document id, all in one transaction."""
        if not texts or self._conn is None:
            return
        rows = [(doc_id, zlib.compress(text.encode("utf-8"), 6)) for doc_id, text in sorted(texts.items())]
        try:
            self._conn.execute("BEGIN")
            self._conn.executemany("INSERT OR REPLACE INTO texts (id, body) VALUES (?, ?)", rows)
            self._conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise StoreCorruptError(f"{self.path}: cannot store document texts ({exc})") from None

    def get(self, ids: Iterable[str]) -> dict[str, str]:
        """Texts of the given documents (those it holds)."""
        if self._conn is None:
            return {}
        out: dict[str, str] = {}
        ids = list(ids)
        try:
            for i in range(0, len(ids), 500):
                part = ids[i:i + 500]
                marks = ",".join("?" * len(part))
                for doc_id, body in self._conn.execute(f"SELECT id, body FROM texts WHERE id IN ({marks})", part):
                    out[doc_id] = zlib.decompress(body).decode("utf-8")
        except (sqlite3.Error, zlib.error) as exc:
            raise StoreCorruptError(f"{self.path}: cannot read document texts ({exc}); move the store folder away and "
                                    "re-ingest") from None
        return out

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
