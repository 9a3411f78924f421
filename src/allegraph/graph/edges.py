"""Recomputing the allegation edges of a store from its claims, with the judgements applied.

The policy lives here, over the store contract (the ``EdgeStore`` protocol below: a store of
either backend satisfies it): which edges to recompute, in parts that bound memory, with the
automatic alias merges and the researcher's judgements, and the manual claims and judged actors
the judgements add, built from the model's records (schema/model.py).
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator, Protocol, Sequence

from ..schema.catalogue import Catalogue, catalogue_actor_row, catalogue_closure
from ..schema.ids import digest
from ..schema.model import Actor, Claim, Document
from ..schema.resolve import ActorIndex
from ..settings import Settings
from .aggregate import aggregate
from .judgements import Judgements, apply, load_judgements, manual_document_id, resolve_names

Key = tuple[str, str, str]
AGGREGATION_CLAIMS = 20_000  # claims read at once when edges are recomputed: bounds memory however big the store


class EdgeStore(Protocol):
    """What edge recomputation needs of a store (store/base.py GraphStore has all of it)."""

    def get_meta(self, key: str) -> str | None: ...
    def set_meta(self, key: str, value: str) -> None: ...
    def claim_rows(self, keys: Iterable[Key] | None = None) -> list[dict[str, Any]]: ...
    def claim_keys(self) -> set[Key]: ...
    def alleged_keys(self) -> set[Key]: ...
    def claim_counts(self, subject: str | None = None) -> dict[str, int]: ...
    def actor_rows(self, source: str | None = None) -> list[dict[str, Any]]: ...
    def existing_actors(self, ids: Sequence[str]) -> set[str]: ...
    def replace_alleged(self, edges: list[dict[str, Any]], keys: set[Key] | None) -> None: ...
    def drop_manual_claims(self, keep: list[str]) -> None: ...
    def set_actor(self, actor_id: str, name: str | None = None, kind: str | None = None) -> None: ...
    def write_batch(self, documents: list[dict[str, Any]], actors: list[dict[str, Any]],
                    claims: list[dict[str, Any]], affiliations: list[dict[str, Any]],
                    lineage: list[dict[str, Any]]) -> None: ...


def update_edges(store: EdgeStore, catalogue: Catalogue, settings: Settings, keys: set[Key] | None = None, *,
                 progress: bool = False) -> list[str]:
    """Recompute the ALLEGED edges for the given keys (or all) from the stored claims, with the
    judgements applied. Returns the judgements that matched nothing.

    Without judgements the edges are recomputed a group at a time (``edge_parts``), each reading
    about 20,000 claims, so memory does not follow the store. Judgements can move claims between
    edges, so with judgements every claim is read at once."""
    judgements = with_alias_merges(load_judgements(settings.judgements), store)
    if judgements.entries or store.get_meta("judgements") not in (None, "", judgements.digest):
        keys = None  # judgements can move claims between edges: recompute them all
    unmatched: list[str] = []
    store.set_meta("aggregation", "dirty")  # until every edge is written: an interruption is recomputed next time
    if judgements.entries:
        claims, unmatched = judged_claims(store, catalogue, judgements)
        store.replace_alleged(aggregate(claims, catalogue, settings.confidence, settings.syndication_threshold), keys)
    else:
        store.drop_manual_claims([])
        if keys is None:
            keys = store.claim_keys()
            stale = store.alleged_keys() - keys
            if stale:
                store.replace_alleged([], stale)
        parts: Iterable[set[Key]] = edge_parts(store, keys)
        if progress:
            import sys

            from tqdm import tqdm

            parts = tqdm(list(parts), desc="edges", unit="part", file=sys.stderr, disable=None)
        for part in parts:
            claims = [c for c in store.claim_rows(part) if not c.get("manual")]
            store.replace_alleged(aggregate(claims, catalogue, settings.confidence, settings.syndication_threshold), part)
    store.set_meta("judgements", judgements.digest)
    store.set_meta("aggregation", "clean")
    return unmatched


def _pack(groups: dict[str, set[Key]], counts: dict[str, int]) -> Iterator[set[Key]]:
    """Groups of keys, in name order, joined while their claims stay within AGGREGATION_CLAIMS."""
    part: set[Key] = set()
    size = 0
    for name in sorted(groups):
        n = counts.get(name, 0)
        if part and size + n > AGGREGATION_CLAIMS:
            yield part
            part, size = set(), 0
        part |= groups[name]
        size += n
    if part:
        yield part


def edge_parts(store: EdgeStore, keys: set[Key]) -> Iterator[set[Key]]:
    """The edge keys in groups whose claims number about AGGREGATION_CLAIMS: several subjects
    together, or one hub subject's edges split by object."""
    by_subject: dict[str, set[Key]] = {}
    for key in keys:
        by_subject.setdefault(key[0], set()).add(key)
    counts = store.claim_counts()
    hubs = {s for s in by_subject if counts.get(s, 0) > AGGREGATION_CLAIMS}
    yield from _pack({s: k for s, k in by_subject.items() if s not in hubs}, counts)
    for subject in sorted(hubs):
        by_object: dict[str, set[Key]] = {}
        for key in by_subject[subject]:
            by_object.setdefault(key[2], set()).add(key)
        yield from _pack(by_object, store.claim_counts(subject))


def alias_merges(store: EdgeStore) -> list[dict[str, Any]]:
    """Merges of actors across documents: an actor the NER found under a short form ('RSF') is the
    actor another document defined it for ('Rapid Support Forces (RSF)'), when exactly one did."""
    rows = store.actor_rows("ner")
    owners: dict[str, set[str]] = {}
    for r in rows:
        for alias in r["aliases"]:
            if r["kind"] != "person":
                owners.setdefault(str(alias), set()).add(r["id"])
    merges: dict[str, list[str]] = {}
    for r in rows:
        targets = owners.get(str(r["name"]), set()) - {r["id"]}
        if len(targets) == 1:
            merges.setdefault(next(iter(targets)), []).append(r["id"])
    return [{"action": "merge", "into": into, "actors": sorted(ids), "note": "automatic: short form defined in a document"}
            for into, ids in sorted(merges.items())]


def with_alias_merges(judgements: Judgements, store: EdgeStore) -> Judgements:
    """The judgements file plus the automatic merges of document-defined short forms; a merge the
    researcher wrote for the same actor wins."""
    auto = alias_merges(store)
    taken = {a for _, e in judgements.of("merge") for a in e["actors"]}
    auto = [e for e in auto if not set(e["actors"]) & taken]
    if not auto:
        return judgements
    return Judgements(entries=list(judgements.entries) + auto, path=judgements.path,
                      digest=digest(judgements.digest, *(f"{e['into']}<{','.join(e['actors'])}" for e in auto)))


def judgement_resolver(store: EdgeStore, catalogue: Catalogue, stored: list[dict[str, Any]] | None = None) -> Any:
    """The one resolver over stored and catalogue actors, for names written in judgements
    (``stored``: the store's actor rows, when the caller has read them already)."""
    stored = store.actor_rows() if stored is None else stored
    ids = {a["id"] for a in stored}
    extra = [{"id": a.id, "name": a.name, "aliases": list(a.names())} for a in catalogue.actors.values() if a.id not in ids]
    return ActorIndex(stored + extra).resolve


def judged_claims(store: EdgeStore, catalogue: Catalogue, judgements: Judgements) -> tuple[list[dict[str, Any]], list[str]]:
    """The claim rows aggregation reads once the judgements are applied, and the judgements that
    matched nothing. Writes what the judgements add: their documents, manual claims and actors
    (split-off actors, catalogue actors they name), and the renames and retypes."""
    stored = store.actor_rows()
    known = {a["id"] for a in stored} | set(catalogue.actors)
    judgements = resolve_names(judgements, known, judgement_resolver(store, catalogue, stored))
    applied = apply([c for c in store.claim_rows(None) if not c.get("manual")], judgements, known)
    adds = {manual_document_id(e): e for _, e in judgements.of("add")}
    manual = [r for r in applied.rows if r["id"].startswith("clm_manual_")]
    needed = {a for r in applied.rows for a in (r["subject"], r["object"], r["origin"]) if a}
    missing = store.existing_actors(sorted(needed))
    actors = [catalogue_actor_row(a, catalogue) for a in sorted(catalogue_closure(needed - missing, catalogue))]
    actors += [Actor(e["into"]["id"], e["into"].get("name", e["into"]["id"]), e["into"].get("kind", "person"),
                     (e["alias"],), "", "judgement").to_store_row() for _, e in judgements.of("split")]
    docs = [Document(id=doc_id, title=e["citation"], published=str(e.get("published", "") or ""), url=e.get("url", ""),
                     path="judgements", text=e.get("evidence", "") or e["citation"]).to_store_row()
            for doc_id, e in adds.items()]
    claims = [Claim(id=r["id"], document_id=r["document_id"], subject=r["subject"], object=r["object"],
                    origin=r["origin"] or None, predicate=r["predicate"], predicate_text="(manual)",
                    attribution=r["attribution"], polarity=r["polarity"], confidence=1.0,
                    evidence_text=r["evidence_text"] or "", end=len(r["evidence_text"] or ""), manual=True,
                    citation=adds[r["document_id"]]["citation"], rule="manual").to_store_row() for r in manual]
    store.drop_manual_claims([])  # written afresh below: a judgement edited in place (same id) is read as it is now
    store.write_batch(docs, actors, claims, [], [])
    for _, e in judgements.of("rename"):
        store.set_actor(e["actor"], name=e["name"])
    for _, e in judgements.of("retype"):
        store.set_actor(e["actor"], kind=e["kind"])
    return applied.rows, applied.skipped + applied.unmatched
