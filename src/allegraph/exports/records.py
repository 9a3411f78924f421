"""Stored claims and allegations as the export formats define them (docs/exports.md): the records
every export, the view and the evaluation start from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable


def actor_map(store: Any) -> dict[str, dict[str, Any]]:
    cols, rows = store.query("MATCH (a:Actor) RETURN a.id, a.name, a.kind, a.aliases")
    return {r[0]: {"id": r[0], "name": r[1], "kind": r[2], "aliases": list(r[3] or [])} for r in rows}


def doc_map(store: Any) -> dict[str, dict[str, Any]]:
    _, rows = store.query("MATCH (d:Document) RETURN d.id, d.path, d.url, d.title, d.outlet, d.external_id, d.published, "
                          "d.author, d.ingested")
    keys = ("id", "path", "url", "title", "outlet", "external_id", "published", "author", "ingested")
    return {r[0]: {k: ("" if v is None else v) for k, v in zip(keys, r)} for r in rows}


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


def claim_records(store: Any) -> list[dict[str, Any]]:
    """Claims as the export format defines them (docs/exports.md)."""
    actors, docs = actor_map(store), doc_map(store)
    _, rows = store.query(
        "MATCH (c:Claim) RETURN c.id, c.document_id, c.origin_id, c.attribution, c.relay_ids, c.subject_id, "
        "c.predicate, c.predicate_text, c.object_id, c.polarity, c.hedged, c.hedge_cues, c.confidence, "
        "c.evidence_text, c.evidence_start, c.evidence_end, c.rule ORDER BY c.document_id, c.evidence_start, c.id")

    def ref(actor_id: str | None) -> dict[str, Any] | None:
        if not actor_id:
            return None
        a = actors.get(actor_id, {"id": actor_id, "name": actor_id, "kind": "unknown"})
        return {"id": a["id"], "name": a["name"], "kind": a["kind"]}

    out = []
    for r in rows:
        d = docs.get(r[1], {})
        out.append({
            "claim_id": r[0],
            "document": {k: d.get(k, "") for k in ("id", "path", "url", "title", "outlet", "external_id", "published")},
            "published": d.get("published", ""), "ingested": d.get("ingested", ""),
            "origin": ref(r[2]), "attribution": r[3], "relays": [ref(x) for x in r[4] or []],
            "subject": ref(r[5]), "predicate": r[6], "predicate_text": r[7], "object": ref(r[8]),
            "polarity": r[9], "hedged": bool(r[10]), "hedge_cues": list(r[11] or []), "confidence": r[12],
            "evidence": {"text": r[13], "start": r[14], "end": r[15]}, "rule": r[16] or "",
        })
    return out


def allegation_records(store: Any) -> list[dict[str, Any]]:
    actors = actor_map(store)
    docs: dict[str, dict[str, Any]] | None = None
    names = {k: v["name"] for k, v in actors.items()}
    _, rows = store.query(
        "MATCH (s:Actor)-[e:ALLEGED]->(o:Actor) RETURN s.id, e.predicate, o.id, e.claim_count, e.origins, e.relays, "
        "e.independent_source_count, e.denying_source_count, e.single_source, e.contested, e.confidence, "
        "e.first_seen, e.last_seen, e.claim_ids ORDER BY s.id, e.predicate, o.id")

    def ref(actor_id: str) -> dict[str, Any]:
        nonlocal docs
        a = actors.get(actor_id)
        if a is None:
            if docs is None and "@" in actor_id:
                docs = doc_map(store)
            kind = actor_id.split("@", 1)[0] if actor_id.startswith(("anonymous@", "author@")) else "unknown"
            return {"id": actor_id, "name": origin_label(actor_id, names, docs or {}), "kind": kind}
        return {"id": a["id"], "name": a["name"], "kind": a["kind"]}

    return [{
        "subject": ref(r[0]), "object": ref(r[2]), "predicate": r[1], "claim_count": r[3],
        "origins": [ref(x) for x in r[4] or []], "relays": [ref(x) for x in r[5] or []],
        "independent_source_count": r[6], "denying_source_count": r[7], "single_source": bool(r[8]),
        "contested": bool(r[9]), "confidence": r[10], "first_seen": r[11], "last_seen": r[12],
        "claim_ids": list(r[13] or []),
    } for r in rows]


def write_jsonl(records: Iterable[dict[str, Any]], out: Path) -> int:
    from ..errors import ExportError

    if out.is_dir():
        raise ExportError(f"{out}: is a folder; give a file name for --out (e.g. {out / 'claims.jsonl'})")
    out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    tmp = out.with_name(out.name + ".tmp")
    try:
        with tmp.open("w", encoding="utf-8", newline="\n") as fh:
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n")
                n += 1
        tmp.replace(out)
    finally:
        if tmp.exists():
            tmp.unlink()  # no stray half-file beside the output
    return n
