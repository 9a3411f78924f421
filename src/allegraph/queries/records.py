"""The read model: stored claims and allegations as the export formats define them
(docs/exports.md), read with the named queries of queries/read/. Every export, the view, explain
and the evaluation start from these records."""

from __future__ import annotations

from typing import Any

from ..schema.model import Allegation, Claim
from ..store.base import StoreReader
from .runner import read


def actor_map(store: StoreReader) -> dict[str, dict[str, Any]]:
    return {r["a"]["id"]: {"id": r["a"]["id"], "name": r["a"]["name"], "kind": r["a"]["kind"],
                           "aliases": list(r["a"].get("aliases") or [])} for r in read(store, "actors")}


def doc_map(store: StoreReader) -> dict[str, dict[str, Any]]:
    return {r["id"]: {k: ("" if v is None else v) for k, v in r.items()} for r in read(store, "documents")}


def origin_label(key: str, names: dict[str, str], docs: dict[str, dict[str, Any]]) -> str:
    """A counted origin as a reader names it: the actor's name, 'anonymous source via <outlet>',
    or 'author of <title>' for a document with no outlet, host or author."""
    if key.startswith("anonymous@"):
        via = key.split("@", 1)[1]
        doc = docs.get(via)
        return "anonymous source via " + (names.get(via) or (doc and (doc.get("title") or doc.get("path"))) or via)
    if key.startswith("author@"):
        doc = docs.get(key.split("@", 1)[1], {})
        return "author of " + (doc.get("title") or doc.get("path") or key.split("@", 1)[1])
    return names.get(key, key)


def claim_records(store: StoreReader) -> list[dict[str, Any]]:
    """Claims as the export format defines them (docs/exports.md): each stored claim read back
    into its record and written as its declaration says (schema/model.py)."""
    actors, docs = actor_map(store), doc_map(store)

    def ref(actor_id: str) -> dict[str, Any]:
        a = actors.get(actor_id, {"id": actor_id, "name": actor_id, "kind": "unknown"})
        return {"id": a["id"], "name": a["name"], "kind": a["kind"]}

    def document(doc_id: str) -> dict[str, Any]:
        d = docs.get(doc_id, {})
        return {"document": {k: d.get(k, "") for k in ("id", "path", "url", "title", "outlet", "external_id", "published")},
                "published": d.get("published", ""), "ingested": d.get("ingested", "")}

    return [Claim.from_store_row(r["c"]).to_export(ref, document) for r in read(store, "claims")]


def allegation_records(store: StoreReader) -> list[dict[str, Any]]:
    actors = actor_map(store)
    docs: dict[str, dict[str, Any]] | None = None
    names = {k: v["name"] for k, v in actors.items()}

    def ref(actor_id: str) -> dict[str, Any]:
        nonlocal docs
        a = actors.get(actor_id)
        if a is None:
            if docs is None and "@" in actor_id:
                docs = doc_map(store)
            kind = actor_id.split("@", 1)[0] if actor_id.startswith(("anonymous@", "author@")) else "unknown"
            return {"id": actor_id, "name": origin_label(actor_id, names, docs or {}), "kind": kind}
        return {"id": a["id"], "name": a["name"], "kind": a["kind"]}

    return [Allegation.from_store_row({**r["edge"], "_from": r["subject"], "_to": r["object"]}).to_export(ref)
            for r in read(store, "allegations")]
