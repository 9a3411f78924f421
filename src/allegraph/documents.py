"""Fixing stored documents after the fact: list, correct metadata, delete.

A metadata fix is a re-extraction: the outlet decides whose voice a document's own statements are,
and the date decides which syndicated copy carries a passage, so ``set`` re-reads the stored text
with the new metadata, replaces the document's claims and recomputes every allegation edge that
its old or new claims touch. ``delete`` removes the document and its claims and recomputes the
edges they touched. Both keep the document's first ingest time, and on an embedded store both
work on a staged copy swapped in when complete (store/embedded.py), so an interruption changes nothing.
"""

from __future__ import annotations

from typing import Any

from .errors import UsageError
from .graph.filters import iso_date
from .rows import rows_for
from .schema.catalogue import load_catalogue
from .schema.model import Document
from .settings import Settings
from .queries.runner import read
from .store import open_store
from .store.base import StoreReader
from .storefiles import record_files, use_recorded

EDITABLE = ("outlet", "published", "title", "author", "url")
LISTED = ("id", "published", "outlet", "language", "title", "path")


def list_documents(settings: Settings) -> list[dict[str, Any]]:
    with open_store(settings, write=False, create=False) as store:
        rows = read(store, "document_list")
    return [{k: ("" if v is None else v) for k, v in r.items()} for r in rows]


def _find(store: StoreReader, ref: str) -> dict[str, Any]:
    """The stored document a reference names: its id, external id, URL or file path."""
    ids = [r["id"] for r in read(store, "document_by_ref", ref=ref)]
    if not ids:
        raise UsageError(f"no stored document {ref!r}; give its id, external id, URL or path ('allegraph documents list')")
    if len(ids) > 1:
        raise UsageError(f"{ref!r} names {len(ids)} documents ({', '.join(ids[:5])}); give the document id")
    for row in store.iter_documents(ids[:1]):
        return dict(row)
    raise UsageError(f"no stored document {ref!r}")  # pragma: no cover - deleted between the two reads


def _keys(store: StoreReader, doc_id: str) -> set[tuple[str, str, str]]:
    return {(r["subject"], r["predicate"], r["object"]) for r in read(store, "document_claim_keys", document=doc_id)}


def set_document(settings: Settings, ref: str, **changes: str | None) -> dict[str, Any]:
    """Correct a document's metadata, re-extract it and recompute the edges it touches."""
    from .api import rewriting, update_edges

    given: dict[str, str] = {k: v for k, v in changes.items() if v is not None}
    changes = dict(given)
    unknown = set(changes) - set(EDITABLE)
    if unknown or not changes:
        raise UsageError(f"give at least one of {', '.join('--' + f for f in EDITABLE)}")
    if changes.get("published"):
        changes["published"] = given["published"] = iso_date(given["published"], "--published")
    with open_store(settings, create=False) as store:
        settings, notes = use_recorded(settings, store)
        catalogue = load_catalogue(settings.catalogue or None)
        row = _find(store, ref)
        if row["id"].startswith("doc_manual_"):
            raise UsageError(f"{row['id']} is a judgement's citation; edit the judgements file instead")
        fields = set(Document.__dataclass_fields__)
        new = Document(**{**{k: v for k, v in row.items() if k in fields}, **changes})
        from .extract.extractor import Extractor

        extraction = list(Extractor(settings, catalogue).extract_many([new], n_process=1))
        rows = rows_for(extraction, catalogue)
        rows["documents"][0]["locations"] = row.get("locations") or []
        touched = _keys(store, row["id"]) | {(c["subject_id"], c["predicate"], c["object_id"]) for c in rows["claims"]}
        with rewriting(store, copy=True) as target:  # delete and rewrite in a staged copy: all or nothing
            target.set_meta("aggregation", "dirty")  # on a server: until the edges are recomputed
            target.delete_documents([row["id"]])
            target.write_batch(rows["documents"], rows["actors"], rows["claims"], rows["affiliations"], rows["lineage"])
            warnings = update_edges(target, catalogue, settings, touched)
            record_files(settings, target)
    return {"id": row["id"], "changed": {k: (row.get(k, ""), v) for k, v in changes.items()},
            "claims": len(rows["claims"]), "edges": len(touched), "notes": notes, "warnings": warnings}


def delete_document(settings: Settings, ref: str) -> dict[str, Any]:
    """Remove a document and its claims, and recompute the edges they touched."""
    from .api import rewriting, update_edges

    with open_store(settings, create=False) as store:
        settings, notes = use_recorded(settings, store)
        catalogue = load_catalogue(settings.catalogue or None)
        row = _find(store, ref)
        touched = _keys(store, row["id"])
        with rewriting(store, copy=True) as target:
            target.set_meta("aggregation", "dirty")
            target.delete_documents([row["id"]])
            warnings = update_edges(target, catalogue, settings, touched)
            record_files(settings, target)
    return {"id": row["id"], "title": row.get("title", ""), "edges": len(touched), "notes": notes, "warnings": warnings}
