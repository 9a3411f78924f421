"""The store contract (StoreReader, StoreWriter, GraphStore), the rules both backends follow (one
batch plan, one derivation of a claim's links, reads written once in SharedReads) and the helpers
that read a store location (URIs, redaction)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Protocol, Sequence

from ..errors import UsageError
from ..schema.model import Allegation
from ..schema.tables import returning, schema_version, table

SCHEMA_VERSION = str(schema_version())  # the newest ``since`` of the declared columns (schema/model.py)


def needs_migration(version: object) -> bool:
    """An older store this allegraph upgrades when a writing command opens it."""
    return str(version).isdigit() and int(str(version)) < int(SCHEMA_VERSION)


class StoreReader(Protocol):
    """What every command reads through. Both backends implement all of it (the reads written once
    in ``SharedReads``); tests/test_store_contract.py runs the same checks on both."""

    location: str
    backend: str  # 'embedded' | 'bolt': picks a read query's variant (queries/read/NAME.BACKEND.cypher)

    def get_meta(self, key: str) -> str | None: ...
    def query(self, cypher: str, params: dict[str, Any] | None = None,
              write: bool = False) -> tuple[list[str], list[list[Any]]]: ...
    def stats(self) -> dict[str, int]: ...
    def non_english_documents(self) -> int: ...
    def iter_documents(self, ids: list[str] | None = None) -> Iterator[dict[str, Any]]: ...
    def existing_documents(self, ids: Sequence[str]) -> dict[str, list[str]]: ...
    def existing_actors(self, ids: Sequence[str]) -> set[str]: ...
    def claim(self, claim_id: str) -> dict[str, Any] | None: ...
    def claim_rows(self, keys: Iterable[tuple[str, str, str]] | None = None) -> list[dict[str, Any]]: ...
    def claim_keys(self) -> set[tuple[str, str, str]]: ...
    def alleged_keys(self) -> set[tuple[str, str, str]]: ...
    def claim_counts(self, subject: str | None = None) -> dict[str, int]: ...
    def actor_rows(self, source: str | None = None) -> list[dict[str, Any]]: ...


class StoreWriter(Protocol):
    """What writing commands call. A batch is all or nothing (one transaction); a store opened
    for writing is closed (flushed, checkpointed, its lock released) on exit."""

    def set_meta(self, key: str, value: str) -> None: ...
    def add_locations(self, locations: dict[str, list[str]]) -> None: ...
    def write_batch(self, documents: list[dict[str, Any]], actors: list[dict[str, Any]],
                    claims: list[dict[str, Any]], affiliations: list[dict[str, Any]],
                    lineage: list[dict[str, Any]], *, replace: bool = False) -> None:
        """``replace`` (rebuild on a server): the documents' stored claims are replaced by these in
        the same transaction. A StagingStore rebuilds into a staging copy instead and refuses it."""
    def replace_alleged(self, edges: list[dict[str, Any]], keys: set[tuple[str, str, str]] | None) -> None: ...
    def delete_documents(self, ids: list[str]) -> None: ...
    def set_actor(self, actor_id: str, name: str | None = None, kind: str | None = None) -> None: ...
    def drop_manual_claims(self, keep: list[str]) -> None: ...
    def clear(self) -> None: ...


class GraphStore(StoreReader, StoreWriter, Protocol):
    """A store: its reader and writer sides and its lifecycle (a context manager)."""

    def close(self) -> None: ...
    def __enter__(self) -> GraphStore: ...
    def __exit__(self, *exc: object) -> None: ...


class StagingStore(GraphStore, Protocol):
    """A store that rewrites into a staging copy swapped in whole (the embedded store)."""

    def staged(self, *, copy: bool, key: str = "") -> StagingStore: ...
    def swap_in(self, staging: StagingStore) -> None: ...
    def discard(self, staging: StagingStore) -> None: ...
    def _reopen(self) -> None: ...


CLAIM_ROWS_CYPHER = ("MATCH (c:Claim)-[:`IN`]->(d:Document) {where}RETURN c.id, c.subject_id, c.predicate, c.object_id, "
                     "c.origin_id, c.attribution, c.relay_ids, c.polarity, c.hedged, c.confidence, d.published, d.id, "
                     "c.evidence_text, d.path, c.manual, c.rule, c.passage")
CLAIM_ROW_NAMES = ["id", "subject", "predicate", "object", "origin", "attribution", "relays", "polarity", "hedged",
                   "confidence", "published", "document_id", "evidence_text", "document_path", "manual", "rule", "passage"]


class SharedReads:
    """Reads both stores run unchanged, written once: each store gives ``_rows(cypher, params)``."""

    def _rows(self, cypher: str, params: dict[str, Any] | None = None) -> list[list[Any]]:
        raise NotImplementedError

    def claim_rows(self, keys: Iterable[tuple[str, str, str]] | None = None) -> list[dict[str, Any]]:
        return read_claim_rows(self._rows, keys)

    def claim_keys(self) -> set[tuple[str, str, str]]:
        """The (subject, predicate, object) of every stored claim: the edges there should be."""
        return {(r[0], r[1], r[2]) for r in self._rows("MATCH (c:Claim) RETURN DISTINCT c.subject_id, c.predicate, c.object_id")}

    def alleged_keys(self) -> set[tuple[str, str, str]]:
        """The (subject, predicate, object) of every stored allegation edge."""
        return {(r[0], r[1], r[2]) for r in self._rows("MATCH (a:Actor)-[r:ALLEGED]->(b:Actor) RETURN a.id, r.predicate, b.id")}

    def claim_counts(self, subject: str | None = None) -> dict[str, int]:
        """Claims per subject, or (given a subject) per object of that subject."""
        if subject is None:
            return {r[0]: int(r[1]) for r in self._rows("MATCH (c:Claim) RETURN c.subject_id, count(c)")}
        return {r[0]: int(r[1]) for r in self._rows("MATCH (c:Claim) WHERE c.subject_id = $s RETURN c.object_id, count(c)",
                                                    {"s": subject})}

    def actor_rows(self, source: str | None = None) -> list[dict[str, Any]]:
        """Stored actors (id, name, kind, aliases, source) in id order, or those of one source."""
        where = "WHERE a.source = $source " if source else ""
        rows = self._rows(f"MATCH (a:Actor) {where}RETURN a.id, a.name, a.kind, a.aliases, a.source ORDER BY a.id",
                          {"source": source} if source else {})
        return [{"id": r[0], "name": r[1], "kind": r[2], "aliases": list(r[3] or []), "source": r[4]} for r in rows]

    def claim(self, claim_id: str) -> dict[str, Any] | None:
        """One stored claim's row, or None."""
        rows = self._rows("MATCH (c:Claim) WHERE c.id = $id RETURN " + returning("c", "Claim"), {"id": claim_id})
        return dict(zip(table("Claim").names(), rows[0])) if rows else None

    def stats(self) -> dict[str, int]:
        def one(cypher: str) -> int:
            rows = self._rows(cypher)
            return int(rows[0][0] or 0) if rows else 0

        return {"documents": one("MATCH (d:Document) RETURN count(d)"), "actors": one("MATCH (a:Actor) RETURN count(a)"),
                "claims": one("MATCH (c:Claim) RETURN count(c)"),
                "allegations": one("MATCH ()-[r:ALLEGED]->() RETURN count(r)")}

    def non_english_documents(self) -> int:
        """Documents stored without claims because they are not in English."""
        rows = self._rows("MATCH (d:Document) WHERE d.language <> 'en' AND d.language <> '' RETURN count(d)")
        return int(rows[0][0] or 0) if rows else 0


def iter_document_rows(rows: Callable[..., list[list[Any]]], ids: list[str] | None = None) -> Iterator[dict[str, Any]]:
    """Every stored document (or those with the given ids) as a row, in id order, read with a query
    both stores run."""
    names = table("Document").names()
    where = "WHERE d.id IN $ids " if ids is not None else ""
    found = rows("MATCH (d:Document) " + where + "RETURN " + returning("d", "Document") + " ORDER BY d.id",
                 {"ids": ids} if ids is not None else {})
    for row in found:
        yield dict(zip(names, row))


def read_claim_rows(rows: Callable[[str, dict[str, Any]], list[list[Any]]],
                    keys: Iterable[tuple[str, str, str]] | None) -> list[dict[str, Any]]:
    """Claims as the aggregation reads them, in id order: all, or only the given edges' claims
    (filtered in the query by subject, and by object when the edges have few objects)."""
    if keys is None:
        raw = rows(CLAIM_ROWS_CYPHER.format(where=""), {})
    else:
        keys = set(keys)
        subjects = sorted({k[0] for k in keys})
        objects = sorted({k[2] for k in keys})
        where = "WHERE c.subject_id IN $ids " + ("AND c.object_id IN $objs " if len(objects) <= 1000 else "")
        raw = []
        for i in range(0, len(subjects), 1000):
            raw += rows(CLAIM_ROWS_CYPHER.format(where=where), {"ids": subjects[i:i + 1000], "objs": objects})
    out = []
    for r in raw:
        row = dict(zip(CLAIM_ROW_NAMES, r))
        if keys is not None and (row["subject"], row["predicate"], row["object"]) not in keys:
            continue
        row["origin"] = row["origin"] or None
        row["relays"] = list(row["relays"] or [])
        out.append(row)
    return sorted(out, key=lambda r: r["id"])


BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
_URI_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:(?:/|[^/]*@)")  # 'bolt:/h', 'bolt:user:pw@h'; not 'a/b:c'


def version_problem(version: Any) -> str:
    """Why a store of this schema version cannot be opened, and what to do."""
    try:
        newer = int(str(version)) > int(SCHEMA_VERSION)
    except ValueError:
        newer = False
    if newer:
        return (f"store schema version {version} was written by a newer allegraph (this one reads {SCHEMA_VERSION}); "
                "upgrade allegraph (pip install -U …), or re-ingest into a new folder")
    return f"store schema version {version}, this allegraph reads {SCHEMA_VERSION}; re-ingest into a new folder"


def is_bolt(location: str) -> bool:
    return location.split("://", 1)[0].lower() in BOLT_SCHEMES


@dataclass(frozen=True)
class StoreURI:
    """A server URI taken apart by hand, not by urlsplit: a password may hold '@', '/', '#' or '?'
    (unencoded), and everything before the last '@' is the user part. Percent-encoding is decoded."""

    scheme: str
    user: str | None
    password: str | None
    host: str
    port: int | None
    path: str

    @property
    def safe(self) -> str:
        """For every message and file: no credentials."""
        return f"{self.scheme}://{self.host}" + (f":{self.port}" if self.port else "") + self.path

    @property
    def driver_uri(self) -> str:
        return self.safe


def redact(location: str) -> str:
    """Any store location as it may be printed: a URI-like string loses everything up to its last '@'."""
    if "@" not in location or not _URI_LIKE.match(location):
        return location
    scheme = location.split(":", 1)[0]
    return f"{scheme}://***@{location.rpartition('@')[2]}"


def parse_uri(location: str) -> StoreURI:
    from urllib.parse import unquote

    scheme, _, rest = location.partition("://")
    userinfo, at, hostpart = rest.rpartition("@")
    if not at:
        hostpart, userinfo = rest, ""
    hostport, slash, path = hostpart.partition("/")
    path = (slash + path).split("?", 1)[0].split("#", 1)[0] if slash else ""
    host, colon, port = hostport.rpartition(":") if not hostport.startswith("[") or "]:" in hostport else (hostport, "", "")
    if not colon:
        host, port = hostport, ""
    if port and not port.isdigit():
        raise UsageError(f"{redact(location)}: the port {port[:20]!r} is not a number; give bolt://HOST:7687")
    user, _, password = userinfo.partition(":")
    return StoreURI(scheme.lower(), unquote(user) if user else None, unquote(password) if password else None,
                    host, int(port) if port else None, path)


def where(location: str) -> str:
    """A store location for output: a folder as given, a URI without credentials."""
    if "://" in location:
        try:
            return parse_uri(location).safe
        except UsageError:
            return redact(location)
    return redact(location)


def dump(store: GraphStore) -> dict[str, list[dict[str, Any]]]:
    """Everything in a store as rows in the writer's format, read with Cypher both stores run."""

    def rows(name: str, variable: str, match: str, order: str = "") -> list[dict[str, Any]]:
        t = table(name)
        ends = ["_from", "_to"] if not t.is_node else []
        head = "a.id, b.id, " if ends else ""
        found = store.query(f"MATCH {match} RETURN {head}{returning(variable, name)}{order}")[1]
        return [t.record.from_store_row(dict(zip(ends + t.names(), r))).to_store_row() if t.record else
                dict(zip(ends + t.names(), r)) for r in found]

    return {
        "documents": list(store.iter_documents()),
        "actors": rows("Actor", "a", "(a:Actor)", " ORDER BY a.id"),
        "claims": rows("Claim", "c", "(c:Claim)", " ORDER BY c.id"),
        "affiliations": rows("AFFILIATED", "r", "(a:Actor)-[r:AFFILIATED]->(b:Actor)", " ORDER BY a.id, b.id"),
        "lineage": rows("SUCCEEDED_BY", "r", "(a:Actor)-[r:SUCCEEDED_BY]->(b:Actor)", " ORDER BY a.id, b.id"),
        "alleged": [{**{k: v for k, v in r.items() if k not in ("_from", "_to")}, "subject": r["_from"], "object": r["_to"]}
                    for r in rows("ALLEGED", "r", "(a:Actor)-[r:ALLEGED]->(b:Actor)", " ORDER BY r.id")],
    }


def alleged_rows(edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Aggregated edges (graph/aggregate.py) as the ALLEGED rows both stores write."""
    return [Allegation.from_fields(e).to_store_row() for e in edges]


def claim_links(claims: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The relationships a claim row implies, per relationship type: both stores write these."""
    return {
        "IN": [{"_from": c["id"], "_to": c["document_id"], "evidence_start": c["evidence_start"],
                "evidence_end": c["evidence_end"]} for c in claims],
        "SUBJECT": [{"_from": c["id"], "_to": c["subject_id"]} for c in claims],
        "OBJECT": [{"_from": c["id"], "_to": c["object_id"]} for c in claims],
        "ASSERTS": [{"_from": c["origin_id"], "_to": c["id"]} for c in claims if c["origin_id"]],
        "RELAYS": [{"_from": r, "_to": c["id"]} for c in claims for r in c["relay_ids"]],
    }


def _first(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows in order, the first of each id kept."""
    out: dict[str, dict[str, Any]] = {}
    for r in rows:
        out.setdefault(r["id"], r)
    return list(out.values())


@dataclass(frozen=True)
class Batch:
    """What of an incoming batch a store writes: new documents with their claims (and manual claims
    not stored yet), new actors with their affiliations, lineage that touches a new actor, and the
    grown aliases of actors already stored."""

    documents: list[dict[str, Any]]
    actors: list[dict[str, Any]]
    claims: list[dict[str, Any]]
    affiliations: list[dict[str, Any]]
    lineage: list[dict[str, Any]]
    grown: dict[str, list[str]]


def plan_batch(documents: list[dict[str, Any]], actors: list[dict[str, Any]], claims: list[dict[str, Any]],
               affiliations: list[dict[str, Any]], lineage: list[dict[str, Any]], *,
               stored_documents: set[str], stored_actors: set[str], stored_claims: Callable[[list[str]], set[str]],
               aliases: Callable[[list[str]], dict[str, list[str]]]) -> Batch:
    """The one rule both stores follow for a batch (their results are compared in
    tests/test_store_contract.py). A claim id includes its document's id and documents are
    written with their claims, so the claims of a new document are new: only manual claims (whose
    judgement documents may be stored already) are looked up."""
    new_docs = _first(d for d in documents if d["id"] not in stored_documents)
    doc_ids = {d["id"] for d in new_docs}
    manual = [c["id"] for c in claims if c.get("manual") and c["document_id"] not in doc_ids]
    stored_manual = stored_claims(manual) if manual else set()
    claims = _first(c for c in claims if c["document_id"] in doc_ids or (c.get("manual") and c["id"] not in stored_manual))
    grown = grown_aliases(actors, stored_actors, aliases)
    new_actors = _first(a for a in actors if a["id"] not in stored_actors)
    new_ids = {a["id"] for a in new_actors}
    affiliations = list({(r["_from"], r["_to"]): r for r in affiliations if r["_from"] in new_ids}.values())
    lineage = list({(r["_from"], r["_to"]): r for r in lineage
                    if r["_to"] in new_ids or (r["_from"] in new_ids and r["_to"] in stored_actors)}.values())
    return Batch(new_docs, new_actors, claims, affiliations, lineage, grown)


def grown_aliases(incoming: list[dict[str, Any]], known: set[str],
                  stored: Callable[[list[str]], dict[str, list[str]]]) -> dict[str, list[str]]:
    """Actors already stored that this batch knows more short forms of ('RSF' defined by a later
    document): id -> the union of stored and new aliases, only where it grew."""
    wanted: dict[str, list[str]] = {}
    for a in incoming:
        if a["id"] in known and a.get("aliases") and a.get("source") in ("ner", "document"):
            wanted.setdefault(a["id"], []).extend(a["aliases"])
    if not wanted:
        return {}
    have = stored(sorted(wanted))
    out = {}
    for actor_id, aliases in wanted.items():
        union = list(dict.fromkeys([*have.get(actor_id, []), *aliases]))
        if len(union) > len(have.get(actor_id, [])):
            out[actor_id] = union
    return out


def aliases_of(rows: Callable[..., list[list[Any]]], ids: list[str]) -> dict[str, list[str]]:
    """Stored aliases of these actors, with a query both stores run."""
    return {r[0]: list(r[1] or []) for r in rows("MATCH (a:Actor) WHERE a.id IN $ids RETURN a.id, a.aliases", {"ids": ids})}
