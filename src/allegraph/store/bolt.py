"""Server store: Neo4j 5 (or another Bolt server: ArcadeDB, Memgraph) through the official driver.

Writes are idempotent `UNWIND $rows … MERGE` batches in managed transactions (execute_write);
reads use execute_read. Retries are bounded (setting bolt_retry_s) and connection attempts time
out quickly, so an unreachable server is reported within seconds. The password is read from the
environment and never appears in messages, logs or manifests.
"""

from __future__ import annotations

import os
import re
from typing import Any, Iterator, Sequence

from ..errors import QueryError, StoreError
from ..schema.ids import edge_id
from ..schema.tables import node_keys, rel_ends, table
from ..settings import Settings
from .base import (SharedReads, SCHEMA_VERSION, aliases_of, alleged_rows, claim_links, iter_document_rows, needs_migration, parse_uri,
                   plan_batch, version_problem, where)
from .readonly import assert_read_only


def safe_uri(uri: str) -> str:
    """The URI without any user:password part (store/base.py where)."""
    return where(uri)


def credentials() -> tuple[str, str | None, str | None]:
    env = os.environ
    user = env.get("ALLEGRAPH_NEO4J_USER") or env.get("NEO4J_USERNAME") or "neo4j"
    password = env.get("ALLEGRAPH_NEO4J_PASSWORD") or env.get("NEO4J_PASSWORD")
    database = env.get("ALLEGRAPH_NEO4J_DATABASE") or env.get("NEO4J_DATABASE") or None
    return user, password, database


def server_flavour(agent: str) -> tuple[str, tuple[int, ...]]:
    """('neo4j' | 'arcadedb' | 'memgraph' | 'other', version) from the server's agent string."""
    if "ArcadeDB" in agent:
        m = re.search(r"ArcadeDB (\d+)\.(\d+)", agent)
        return "arcadedb", tuple(int(x) for x in m.groups()) if m else ()
    if agent.lower().startswith("memgraph"):
        m = re.search(r"(\d+)\.(\d+)", agent)
        return "memgraph", tuple(int(x) for x in m.groups()) if m else ()
    m = re.match(r"Neo4j/(\d+)\.(\d+)", agent)
    if m:
        return "neo4j", tuple(int(x) for x in m.groups())
    return "other", ()


def check_version(agent: str, where: str) -> str:
    flavour, version = server_flavour(agent)
    if flavour == "neo4j" and version and version < (5, 0):
        raise StoreError(f"{where}: server is {agent}, too old; allegraph needs Neo4j 5 or later "
                         "(docker compose up uses neo4j:5)")
    return flavour


def constraint_statements(flavour: str) -> list[str]:
    if flavour == "memgraph":
        return [f"CREATE CONSTRAINT ON (n:{label}) ASSERT n.{key} IS UNIQUE" for label, key in node_keys().items()]
    return [f"CREATE CONSTRAINT {label.lower()}_{key} IF NOT EXISTS FOR (n:{label}) REQUIRE n.{key} IS UNIQUE"
            for label, key in node_keys().items()]


def index_statements(flavour: str) -> list[str]:
    if flavour == "neo4j":
        return ["CREATE INDEX alleged_id IF NOT EXISTS FOR ()-[r:ALLEGED]-() ON (r.id)",
                "CREATE INDEX claim_key IF NOT EXISTS FOR (c:Claim) ON (c.subject_id, c.predicate, c.object_id)"]
    return []


class BoltStore(SharedReads):
    backend = "bolt"

    def __init__(self, location: str, settings: Settings, *, write: bool = True, create: bool = True) -> None:
        import neo4j
        from neo4j import exceptions as nx

        self.location = location
        self.settings = settings
        uri = parse_uri(location)
        self.where = uri.safe
        user, password, self.database = credentials()
        if uri.user:
            user = uri.user
        if uri.password and not password:
            password = uri.password
        clean = uri.driver_uri
        try:
            self.driver = neo4j.GraphDatabase.driver(
                clean, auth=(user, password or ""), connection_timeout=3.0, connection_acquisition_timeout=5.0,
                max_transaction_retry_time=settings.bolt_retry_s, max_connection_lifetime=600)
            self.driver.verify_connectivity()
            agent = self.driver.get_server_info().agent
        except nx.AuthError:
            self._close_quietly()
            raise StoreError(f"{self.where}: authentication failed for user {user!r}; set ALLEGRAPH_NEO4J_USER and "
                             "ALLEGRAPH_NEO4J_PASSWORD (or NEO4J_USERNAME / NEO4J_PASSWORD)") from None
        except (nx.ServiceUnavailable, nx.DriverError, OSError, ValueError) as exc:
            self._close_quietly()
            kind = type(exc).__name__
            raise StoreError(f"{self.where}: server unreachable ({kind}); start it (docker compose up -d --wait) "
                             "or check the URI and port") from None
        self.flavour = check_version(agent, self.where)
        try:
            self._run_write("RETURN 1") if write else self._run_read("RETURN 1")
        except nx.ClientError as exc:
            self._close_quietly()
            if "DatabaseNotFound" in (exc.code or "") or "database" in str(exc.message or "").lower():
                raise StoreError(f"{self.where}: database {self.database!r} does not exist; create it or set "
                                 "ALLEGRAPH_NEO4J_DATABASE") from None
            raise StoreError(f"{self.where}: {exc.code}") from None
        if write:
            self._init_schema()

    # ------------------------------------------------------------------ plumbing
    def _close_quietly(self) -> None:
        try:
            self.driver.close()
        except Exception:  # noqa: BLE001
            pass

    def close(self) -> None:
        if getattr(self, "driver", None) is not None:
            self._close_quietly()
            self.driver = None  # type: ignore[assignment]  # closed: a second close does nothing

    def __enter__(self) -> "BoltStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _session(self) -> Any:
        return self.driver.session(database=self.database)

    def _run(self, cypher: str, params: dict[str, Any] | None, write: bool) -> tuple[list[str], list[list[Any]]]:
        def work(tx: Any) -> tuple[list[str], list[list[Any]]]:
            result = tx.run(cypher, params or {})
            keys = list(result.keys())
            return keys, [list(r.values()) for r in result]

        with self._session() as s:
            done: tuple[list[str], list[list[Any]]] = s.execute_write(work) if write else s.execute_read(work)
            return done

    def _run_read(self, cypher: str, params: dict[str, Any] | None = None) -> tuple[list[str], list[list[Any]]]:
        return self._run(cypher, params, write=False)

    def _run_write(self, cypher: str, params: dict[str, Any] | None = None) -> tuple[list[str], list[list[Any]]]:
        return self._run(cypher, params, write=True)

    def _rows(self, cypher: str, params: dict[str, Any] | None = None) -> list[list[Any]]:
        return self._run_read(cypher, params)[1]

    def _init_schema(self) -> None:
        for stmt in constraint_statements(self.flavour) + index_statements(self.flavour):
            try:
                self._run_write(stmt)
            except Exception as exc:  # noqa: BLE001 - an existing constraint or an unsupported index is fine
                if "already exists" not in str(exc).lower() and self.flavour == "neo4j":
                    raise StoreError(f"{self.where}: cannot create schema ({type(exc).__name__})") from None
        version = self.get_meta("schema_version")
        if version is None or needs_migration(version):  # properties are schemaless on a server: nothing to alter
            self.set_meta("schema_version", SCHEMA_VERSION)
        elif version != SCHEMA_VERSION:
            raise StoreError(f"{self.where}: {version_problem(version)}")

    # ------------------------------------------------------------------ contract
    def get_meta(self, key: str) -> str | None:
        rows = self._rows("MATCH (m:Meta {key: $k}) RETURN m.value", {"k": key})
        return rows[0][0] if rows else None

    def set_meta(self, key: str, value: str) -> None:
        self._run_write("MERGE (m:Meta {key: $k}) SET m.value = $v", {"k": key, "v": value})

    def existing_documents(self, ids: Sequence[str]) -> dict[str, list[str]]:
        rows = self._rows("MATCH (d:Document) WHERE d.id IN $ids RETURN d.id, d.locations", {"ids": list(ids)})
        return {r[0]: list(r[1] or []) for r in rows}

    def existing_actors(self, ids: Sequence[str]) -> set[str]:
        return {r[0] for r in self._rows("MATCH (a:Actor) WHERE a.id IN $ids RETURN a.id", {"ids": list(ids)})}

    def add_locations(self, locations: dict[str, list[str]]) -> None:
        rows = [{"id": k, "locs": sorted(set(v))} for k, v in sorted(locations.items())]
        self._run_write("UNWIND $rows AS r MATCH (d:Document {id: r.id}) SET d.locations = r.locs", {"rows": rows})

    def _merge_nodes(self, tx: Any, label: str, rows: list[dict[str, Any]]) -> None:
        props = table(label).properties
        sets = ", ".join(f"n.{c.name} = r.{c.name}" for c in props if c.name != "id")
        size = max(1, self.settings.write_batch)
        clean: list[dict[str, Any]] = [{c.name: ([] if r.get(c.name) is None and c.kind == "list" else r.get(c.name)) for c in props} for r in rows]
        for i in range(0, len(clean), size):
            tx.run(f"UNWIND $rows AS r MERGE (n:{label} {{id: r.id}}) SET {sets}", {"rows": clean[i:i + size]}).consume()

    def _merge_rels(self, tx: Any, rel: str, rows: list[dict[str, Any]], key: str | None = None) -> None:
        start, end = rel_ends()[rel]
        props = table(rel).names()
        sets = (" SET " + ", ".join(f"e.{c} = r.{c}" for c in props if c != key)) if [c for c in props if c != key] else ""
        merge_key = f" {{{key}: r.{key}}}" if key else ""
        size = max(1, self.settings.write_batch)
        data = [{"from": r["_from"], "to": r["_to"], **{c: r.get(c) for c in props}} for r in rows]
        for i in range(0, len(data), size):
            tx.run(f"UNWIND $rows AS r MATCH (a:{start} {{id: r.from}}) MATCH (b:{end} {{id: r.to}}) "
                   f"MERGE (a)-[e:`{rel}`{merge_key}]->(b){sets}", {"rows": data[i:i + size]}).consume()

    def write_batch(self, documents: list[dict[str, Any]], actors: list[dict[str, Any]],
                    claims: list[dict[str, Any]], affiliations: list[dict[str, Any]],
                    lineage: list[dict[str, Any]], *, replace: bool = False) -> None:
        """Write new documents with their claims and new actors in one transaction; with ``replace``
        (rebuild), the documents' stored claims are replaced by these in the same transaction."""
        ids = [d["id"] for d in documents]
        batch = plan_batch(documents, actors, claims, affiliations, lineage,
                           stored_documents=set() if replace else set(self.existing_documents(ids)),
                           stored_actors=self.existing_actors([a["id"] for a in actors]),
                           stored_claims=lambda ids: {r[0] for r in self._rows(
                               "MATCH (c:Claim) WHERE c.id IN $ids RETURN c.id", {"ids": ids})},
                           aliases=lambda ids: aliases_of(self._rows, ids))

        def work(tx: Any) -> None:
            if replace:
                tx.run("MATCH (c:Claim) WHERE c.document_id IN $ids DETACH DELETE c",
                       {"ids": sorted(d["id"] for d in batch.documents)}).consume()
            self._merge_nodes(tx, "Document", batch.documents)
            self._merge_nodes(tx, "Actor", batch.actors)
            for actor_id, aliases in batch.grown.items():
                tx.run("MATCH (a:Actor {id: $id}) SET a.aliases = $v", {"id": actor_id, "v": aliases}).consume()
            self._merge_nodes(tx, "Claim", batch.claims)
            self._merge_rels(tx, "AFFILIATED", batch.affiliations)
            self._merge_rels(tx, "SUCCEEDED_BY", batch.lineage)
            for rel, rows in claim_links(batch.claims).items():
                self._merge_rels(tx, rel, rows)

        try:
            with self._session() as s:
                s.execute_write(work)
        except Exception as exc:
            raise StoreError(f"{self.where}: write failed and was rolled back ({type(exc).__name__}); "
                             "nothing of this batch was stored") from exc

    def replace_alleged(self, edges: list[dict[str, Any]], keys: set[tuple[str, str, str]] | None) -> None:
        ids = None if keys is None else sorted(edge_id(*k) for k in keys)
        rows = alleged_rows(edges)

        def work(tx: Any) -> None:
            if ids is None:
                tx.run("MATCH ()-[r:ALLEGED]->() DELETE r").consume()
            else:
                tx.run("MATCH ()-[r:ALLEGED]->() WHERE r.id IN $ids DELETE r", {"ids": ids}).consume()
            self._merge_rels(tx, "ALLEGED", rows, key="id")

        try:
            with self._session() as s:
                s.execute_write(work)
        except Exception as exc:
            raise StoreError(f"{self.where}: aggregation write failed and was rolled back ({type(exc).__name__})") from exc

    def set_actor(self, actor_id: str, name: str | None = None, kind: str | None = None) -> None:
        if name is not None:
            self._run_write("MATCH (a:Actor {id: $id}) SET a.name = $v", {"id": actor_id, "v": name})
        if kind is not None:
            self._run_write("MATCH (a:Actor {id: $id}) SET a.kind = $v", {"id": actor_id, "v": kind})

    def delete_documents(self, ids: list[str]) -> None:
        def work(tx: Any) -> None:
            tx.run("MATCH (c:Claim) WHERE c.document_id IN $ids DETACH DELETE c", {"ids": ids}).consume()
            tx.run("MATCH (d:Document) WHERE d.id IN $ids DETACH DELETE d", {"ids": ids}).consume()

        with self._session() as s:
            s.execute_write(work)

    def drop_manual_claims(self, keep: list[str]) -> None:
        self._run_write("MATCH (c:Claim) WHERE c.manual = true AND NOT c.id IN $keep DETACH DELETE c", {"keep": keep})

    def query(self, cypher: str, params: dict[str, Any] | None = None, write: bool = False) -> tuple[list[str], list[list[Any]]]:
        from neo4j import exceptions as nx

        if not write:
            assert_read_only(cypher)
        try:
            return self._run_write(cypher, params) if write else self._run_read(cypher, params)
        except nx.Neo4jError as exc:
            raise QueryError(f"query failed on {self.where}: {exc.message or exc.code}") from None

    def iter_documents(self, ids: list[str] | None = None) -> Iterator[dict[str, Any]]:
        return iter_document_rows(self._rows, ids)

    def clear(self) -> None:
        self._run_write("MATCH ()-[r]->() DELETE r")
        for label in ("Claim", "Actor", "Document"):
            self._run_write(f"MATCH (n:{label}) DELETE n")
