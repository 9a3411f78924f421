"""Embedded store: LadybugDB in a folder on disk, no server.

Layout of the folder: ``graph.lbdb`` (the database), ``writer.lock`` (one writer at a time),
``texts.sqlite`` (document texts), and while a command rewrites stored data, ``graph.lbdb.staging``:
the new graph is built there and renamed over ``graph.lbdb`` only when it is complete (fsync'd,
one atomic rename on the same file system), so an interruption at any moment leaves the old
graph as it was; ``rebuild`` resumes from a staging file left by an interrupted run of the same
build, every other command starts its staging afresh.
Bulk writes are delta COPYs inside one transaction per batch: keys are looked up first and only
new rows are copied (re-copying a key segfaults LadybugDB 0.22), so a batch is all or nothing.
"""

from __future__ import annotations

import fcntl
import itertools
import os
import time
from pathlib import Path
from typing import Any, Iterator, NoReturn, Sequence

from ..errors import StoreCorruptError, StoreError, StoreLockedError, QueryError
from ..schema.ids import edge_id
from ..schema.tables import ddl, migration_steps
from ..settings import Settings
from . import lock, seal
from .arrow import arrow_table
from .base import (SharedReads, SCHEMA_VERSION, aliases_of, alleged_rows, claim_links, iter_document_rows, needs_migration, plan_batch,
                   version_problem)
from .readonly import assert_read_only
from .texts import TextStore

DB_FILE = "graph.lbdb"
LOCK_FILE = lock.LOCK_FILE
STAGING_FILE = DB_FILE + ".staging"
class EmbeddedStore(SharedReads):
    backend = "embedded"  # picks a read query's variant (queries/read/NAME.embedded.cypher)

    def __init__(self, location: str, settings: Settings, *, write: bool = True, create: bool = True,
                 db_file: str = DB_FILE, lock: bool = True) -> None:

        self.location = location
        self.settings = settings
        self.folder = Path(location)
        self.write_mode = write
        self._lock_fd: int | None = None
        db_path = self.folder / db_file
        if self.folder.exists() and not self.folder.is_dir():
            raise StoreError(f"{self.folder}: store path exists and is not a folder; give a folder for --store")
        if not db_path.exists():
            if not create:
                raise StoreError(f"{self.folder}: no allegraph store here; run 'allegraph ingest' first or pass --store")
            self.folder.mkdir(parents=True, exist_ok=True)
        elif db_path.stat().st_size == 0:
            raise StoreCorruptError(
                f"{db_path}: store file is empty (zero bytes), not a database; move it away and run "
                "'allegraph ingest' again into a new folder, or restore the folder from a backup")
        if write and not os.access(self.folder, os.W_OK):
            raise StoreError(f"{self.folder}: the store folder is not writable; check its permissions (reading commands "
                             "still work)")
        if write and lock:
            self._acquire_lock(settings.lock_timeout_s)
        self._db_path = db_path
        try:
            if db_path.exists():
                seal.check(db_path)
            if write:
                seal.unseal(db_path)
        except StoreError:
            self._release_lock()
            raise
        try:
            self._connect()
        except RuntimeError as exc:
            self._release_lock()
            text = str(exc)
            if "lock" in text.lower():
                raise StoreLockedError(f"{self.folder}: store is in use by another process ({text}); wait for it to finish") from None
            raise StoreCorruptError(
                f"{db_path}: cannot open the store ({text}); it may be damaged: restore the folder from a backup, "
                "or move it away and re-ingest the articles") from None
        try:
            if write:
                if db_file == DB_FILE and self._needs_migration():
                    self.swap_in(self.staged(copy=True))  # the copy migrates itself; the old graph is kept until then
                self._init_schema()
            else:
                self._check_version()
        except RuntimeError as exc:
            self.close()
            raise StoreCorruptError(f"{db_path}: cannot read the store schema ({exc}); restore the folder from a "
                                    "backup, or move it away and re-ingest the articles") from None
        try:
            self.texts = TextStore(self.folder, write=write)
        except StoreCorruptError:
            self.close()
            raise

    # ----------------------------------------------------------------- lifecycle
    def _connect(self) -> None:
        """Open the database. A reader that arrives while a writer is between a commit and its
        checkpoint ("checkpoint recovery is pending", "could not set lock") waits for it, up to
        lock_timeout_s: that is a busy store, not a damaged one."""
        import ladybug

        read_only = not self.write_mode and self._db_path.exists()
        deadline = time.monotonic() + max(self.settings.lock_timeout_s, 1.0)
        while True:
            try:
                self.db = ladybug.Database(str(self._db_path), buffer_pool_size=self.settings.buffer_pool_mb * 1024 * 1024,
                                           read_only=read_only)
                break
            except RuntimeError as exc:
                busy = any(w in str(exc).lower() for w in ("recovery is pending", "lock", "concurrency"))
                if not (read_only and busy):
                    raise
                if "recovery is pending" in str(exc).lower() and self._recover():
                    continue
                if time.monotonic() >= deadline:
                    raise StoreLockedError(f"{self.folder}: the store is being written by another process and could "
                                           "not be read just now; run the command again in a moment") from None
                time.sleep(0.1)
        self._new_connection()

    def _new_connection(self) -> None:
        """A fresh connection. LadybugDB (like Kùzu, kuzudb/kuzu#5779) keeps memory for every COPY
        from a Python (Arrow) object until its connection closes: measured here, a 1 GiB buffer pool
        filled after ~13,000 documents in one connection. Each transaction that copies gets its own."""
        import ladybug

        self.conn = ladybug.Connection(self.db)
        self.conn.set_query_timeout(self.settings.query_timeout_ms)

    def _recover(self) -> bool:
        """A writer died between a commit and its checkpoint, and no writer runs now: replay its log
        (a read-write open that checkpoints on close, under the writer lock), so reads work again.
        False when a writer holds the lock: then it is busy, and the reader waits."""
        import ladybug

        fd = os.open(self.folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False
            db = ladybug.Database(str(self._db_path), buffer_pool_size=self.settings.buffer_pool_mb * 1024 * 1024)
            db.close()
            return True
        except RuntimeError:
            return False
        finally:
            os.close(fd)

    def _acquire_lock(self, timeout: float) -> None:
        self._lock_fd = lock.acquire(self.folder, timeout)

    def _release_lock(self) -> None:
        if self._lock_fd is not None:
            lock.release(self._lock_fd)
            self._lock_fd = None

    # ------------------------------------------------------------ staged rewrites
    def _close_db(self) -> None:
        if getattr(self, "texts", None) is not None:
            self.texts.close()
            self.texts = None  # type: ignore[assignment]
        for attr in ("conn", "db"):
            obj = getattr(self, attr, None)
            if obj is not None:
                obj.close()
                setattr(self, attr, None)

    def staged(self, *, copy: bool, key: str = "") -> "EmbeddedStore":
        """A writable store on ``graph.lbdb.staging`` beside this one, under this store's writer lock.
        ``copy``: it starts as a copy of the current graph (sync, judge apply, migrations); else empty,
        or (``key`` given) the staging file an interrupted run with the same key left, to resume."""
        import shutil

        staging = self.folder / STAGING_FILE
        self._close_db()  # checkpointed and closed: the file is whole for the copy, and memory is free
        if staging.exists() and key and not copy:
            try:
                st = EmbeddedStore(str(self.folder), self.settings, db_file=STAGING_FILE, lock=False)
            except StoreError:
                st = None
            if st is not None and st.get_meta("staging_key") == key:
                return st
            if st is not None:
                st.close()
        seal.remove_graph_file(staging)
        if copy:  # with its log and shadow files, if a recovery of the current graph is still pending
            for suffix in ("", ".wal", ".shadow"):
                source = self._db_path.with_name(self._db_path.name + suffix)
                if source.exists():
                    shutil.copyfile(source, staging.with_name(staging.name + suffix))
        st = EmbeddedStore(str(self.folder), self.settings, db_file=STAGING_FILE, lock=False)
        st.set_meta("staging_key", key)
        return st

    def swap_in(self, staging: "EmbeddedStore") -> None:
        """Make the finished staging graph this store's graph: one atomic rename, fsync'd."""
        path = staging._db_path
        staging.set_meta("staging_key", "")
        staging.close()
        for leftover in (path.with_name(path.name + ".wal"), self._db_path.with_name(self._db_path.name + ".wal")):
            if leftover.exists() and leftover.stat().st_size:
                raise StoreError(f"{leftover}: a write-ahead log is left after closing; nothing was replaced, "
                                 "run the command again")
        seal.sync_path(path)
        os.replace(path, self._db_path)
        seal.sync_path(self.folder)
        self._reopen()

    def discard(self, staging: "EmbeddedStore") -> None:
        """Give up a staging graph (the command failed): the current graph was never touched."""
        path = staging._db_path
        staging.close()
        seal.remove_graph_file(path)
        self._reopen()

    def _reopen(self) -> None:
        self._connect()
        if hasattr(self, "texts"):  # not while __init__ migrates: it opens the texts itself afterwards
            self.texts = TextStore(self.folder, write=self.write_mode)

    def close(self) -> None:
        if getattr(self, "texts", None) is not None:
            self.texts.close()
        closed = True
        for attr in ("conn", "db"):
            obj = getattr(self, attr, None)
            if obj is not None:
                try:
                    obj.close()
                except Exception:  # noqa: BLE001 - closing must not mask the real error
                    closed = False
                setattr(self, attr, None)
        if closed and self.write_mode and self._lock_fd is not None:
            try:  # checkpointed and closed: the file is whole, so seal it for the next open's check
                seal.seal(self._db_path)
            except OSError:
                pass
        self._release_lock()

    def __enter__(self) -> "EmbeddedStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _init_schema(self) -> None:
        for stmt in ddl():
            self.conn.execute(stmt)
        version = self._scalar("MATCH (m:Meta {key: 'schema_version'}) RETURN m.value")
        if version is None:
            self.conn.execute("CREATE (:Meta {key: 'schema_version', value: $v})", {"v": SCHEMA_VERSION})
        elif needs_migration(version):
            for stmt in migration_steps(version, "embedded"):
                self.conn.execute(stmt)
            self.conn.execute("MATCH (m:Meta {key: 'schema_version'}) SET m.value = $v", {"v": SCHEMA_VERSION})
        elif version != SCHEMA_VERSION:
            raise StoreError(f"{self.folder}: {version_problem(version)}")

    def _needs_migration(self) -> bool:
        try:
            return needs_migration(self._scalar("MATCH (m:Meta {key: 'schema_version'}) RETURN m.value"))
        except RuntimeError:  # a new store: no Meta table yet
            return False

    def _check_version(self) -> None:
        try:
            version = self._scalar("MATCH (m:Meta {key: 'schema_version'}) RETURN m.value")
        except RuntimeError:
            raise StoreCorruptError(f"{self.folder}: not an allegraph store (no schema); re-ingest into it") from None
        if needs_migration(version):
            raise StoreError(f"{self.folder}: store schema version {version} is older than this allegraph's "
                             f"({SCHEMA_VERSION}); run any writing command once (e.g. 'allegraph rebuild') to upgrade it")
        if version != SCHEMA_VERSION:
            raise StoreError(f"{self.folder}: {version_problem(version)}")

    # ----------------------------------------------------------------- helpers
    def _scalar(self, cypher: str, params: dict[str, Any] | None = None) -> Any:
        rows = self._rows(cypher, params)
        return rows[0][0] if rows else None

    def _rows(self, cypher: str, params: dict[str, Any] | None = None) -> list[list[Any]]:
        result = self.conn.execute(cypher, params or {})
        if isinstance(result, list):  # several statements: the last one's rows
            result = result[-1]
        return [list(r) for r in result.get_all()]

    def _copy(self, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        data = arrow_table(table, rows)  # noqa: F841 - COPY reads the local by name
        self.conn.execute(f"COPY `{table}` FROM data")

    def _existing(self, table: str, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        ids = list(dict.fromkeys(ids))
        for i in range(0, len(ids), 5000):
            chunk = ids[i:i + 5000]
            found.update(r[0] for r in self._rows(f"MATCH (n:{table}) WHERE n.id IN $ids RETURN n.id", {"ids": chunk}))
        return found

    # ----------------------------------------------------------------- contract
    def get_meta(self, key: str) -> str | None:
        value = self._scalar("MATCH (m:Meta {key: $k}) RETURN m.value", {"k": key})
        return None if value is None else str(value)

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute("MERGE (m:Meta {key: $k}) SET m.value = $v", {"k": key, "v": value})

    def existing_documents(self, ids: Sequence[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        ids = list(dict.fromkeys(ids))
        for i in range(0, len(ids), 5000):
            for doc_id, locs in self._rows("MATCH (d:Document) WHERE d.id IN $ids RETURN d.id, d.locations",
                                           {"ids": ids[i:i + 5000]}):
                out[doc_id] = list(locs or [])
        return out

    def existing_actors(self, ids: Sequence[str]) -> set[str]:
        return self._existing("Actor", ids)

    def add_locations(self, locations: dict[str, list[str]]) -> None:
        for doc_id, locs in sorted(locations.items()):
            self.conn.execute("MATCH (d:Document {id: $id}) SET d.locations = $locs", {"id": doc_id, "locs": sorted(set(locs))})

    def write_batch(self, documents: list[dict[str, Any]], actors: list[dict[str, Any]],
                    claims: list[dict[str, Any]], affiliations: list[dict[str, Any]],
                    lineage: list[dict[str, Any]], *, replace: bool = False) -> None:
        """Write new documents with their claims and any new actors, all or nothing. A rebuild
        writes into a staging copy (``staged``), never replaces in place."""
        if replace:
            raise StoreError(f"{self.folder}: the embedded store rebuilds into a staging copy, not in place")
        self._write_batch(documents, actors, claims, affiliations, lineage)

    def _write_batch(self, documents: list[dict[str, Any]], actors: list[dict[str, Any]],
                     claims: list[dict[str, Any]], affiliations: list[dict[str, Any]],
                     lineage: list[dict[str, Any]]) -> None:
        batch = plan_batch(documents, actors, claims, affiliations, lineage,
                           stored_documents=self._existing("Document", [d["id"] for d in documents]),
                           stored_actors=self._existing("Actor", [a["id"] for a in actors]),
                           stored_claims=lambda ids: self._existing("Claim", ids),
                           aliases=lambda ids: aliases_of(self._rows, ids))
        self.texts.put({d["id"]: d["text"] for d in batch.documents if d.get("text")})  # before the graph: see store/texts.py
        self.conn.execute("BEGIN TRANSACTION")
        try:
            self._copy("Document", [{**d, "text": ""} for d in batch.documents])
            self._copy("Actor", batch.actors)
            for actor_id, aliases in batch.grown.items():
                self.conn.execute("MATCH (a:Actor {id: $id}) SET a.aliases = $v", {"id": actor_id, "v": aliases})
            self._copy("Claim", batch.claims)
            self._copy("AFFILIATED", batch.affiliations)
            self._copy("SUCCEEDED_BY", batch.lineage)
            for rel, rows in claim_links(batch.claims).items():
                self._copy(rel, rows)
            self.conn.execute("COMMIT")
        except Exception as exc:
            self._fail(exc, "write")
        finally:
            self._new_connection()

    def replace_alleged(self, edges: list[dict[str, Any]], keys: set[tuple[str, str, str]] | None) -> None:
        self.conn.execute("BEGIN TRANSACTION")
        try:
            if keys is None:
                self.conn.execute("MATCH ()-[r:ALLEGED]->() DELETE r")
            else:
                ids = sorted(edge_id(*k) for k in keys)
                for i in range(0, len(ids), 5000):
                    self.conn.execute("MATCH ()-[r:ALLEGED]->() WHERE r.id IN $ids DELETE r", {"ids": ids[i:i + 5000]})
            self._copy("ALLEGED", alleged_rows(edges))
            self.conn.execute("COMMIT")
        except Exception as exc:
            self._fail(exc, "aggregation write")
        finally:
            self._new_connection()

    def _fail(self, exc: Exception, what: str) -> NoReturn:
        if "committed successfully" in str(exc):  # durable, but LadybugDB could not checkpoint afterwards
            raise StoreError(f"{self.folder}: {what} was stored but the store could not checkpoint ({exc}); run the same "
                             "command again to continue, or raise the 'buffer_pool_mb' setting") from exc
        try:
            self.conn.execute("ROLLBACK")
        except RuntimeError:
            pass
        raise StoreError(f"{self.folder}: {what} failed and was rolled back ({exc}); nothing of this batch was stored") from exc

    def set_actor(self, actor_id: str, name: str | None = None, kind: str | None = None) -> None:
        if name is not None:
            self.conn.execute("MATCH (a:Actor {id: $id}) SET a.name = $v", {"id": actor_id, "v": name})
        if kind is not None:
            self.conn.execute("MATCH (a:Actor {id: $id}) SET a.kind = $v", {"id": actor_id, "v": kind})

    def delete_documents(self, ids: list[str]) -> None:
        """Remove documents and their claims in one transaction (their texts stay until the next
        re-ingest: harmless, and what a half-done metadata fix needs to finish)."""
        self.conn.execute("BEGIN TRANSACTION")
        try:
            self.conn.execute("MATCH (c:Claim) WHERE c.document_id IN $ids DETACH DELETE c", {"ids": ids})
            self.conn.execute("MATCH (d:Document) WHERE d.id IN $ids DETACH DELETE d", {"ids": ids})
            self.conn.execute("COMMIT")
        except Exception as exc:
            self._fail(exc, "deleting documents")
        finally:
            self._new_connection()

    def drop_manual_claims(self, keep: list[str]) -> None:
        """Remove manual claims whose judgement is gone (their rows only; documents stay)."""
        self.conn.execute("MATCH (c:Claim) WHERE c.manual = true AND NOT list_contains($keep, c.id) DETACH DELETE c",
                          {"keep": keep})

    def query(self, cypher: str, params: dict[str, Any] | None = None, write: bool = False) -> tuple[list[str], list[list[Any]]]:
        if not write:
            assert_read_only(cypher)
        try:
            result = self.conn.execute(cypher, params or {})
        except RuntimeError as exc:
            raise QueryError(f"query failed on {self.folder}: {exc}") from None
        if isinstance(result, list):
            result = result[-1]
        return list(result.get_column_names()), [list(r) for r in result.get_all()]

    def iter_documents(self, ids: list[str] | None = None) -> Iterator[dict[str, Any]]:
        """Every document (or those with these ids) with its text (from texts.sqlite; stores written
        before it kept the text in the node)."""
        rows = iter_document_rows(self._rows, ids)
        while part := list(itertools.islice(rows, 500)):
            texts = self.texts.get([r["id"] for r in part if not r["text"]])
            for r in part:
                yield {**r, "text": r["text"] or texts.get(r["id"], "")}

    def clear(self) -> None:
        self.conn.execute("BEGIN TRANSACTION")
        try:
            for rel in ("ALLEGED", "ASSERTS", "RELAYS", "SUBJECT", "OBJECT", "IN", "AFFILIATED", "SUCCEEDED_BY"):
                self.conn.execute(f"MATCH ()-[r:`{rel}`]->() DELETE r")
            for node in ("Claim", "Actor", "Document"):
                self.conn.execute(f"MATCH (n:{node}) DELETE n")
            self.conn.execute("COMMIT")
        except Exception as exc:
            self.conn.execute("ROLLBACK")
            raise StoreError(f"{self.folder}: clearing the store failed ({exc})") from exc
