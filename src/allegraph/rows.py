"""Extraction records -> store rows (documents, actors with their catalogue context, claims)."""

from __future__ import annotations

import os
import time
from typing import Any, Iterable

from .graph.syndication import paragraph_at, signature
from .schema.catalogue import Catalogue
from .schema.model import Actor, Extraction


def ingest_time() -> str:
    """Now in UTC to the second, or SOURCE_DATE_EPOCH when set (reproducible builds' convention)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    when = int(epoch) if epoch.isdigit() else int(time.time())
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(when))


def catalogue_closure(ids: Iterable[str], catalogue: Catalogue) -> set[str]:
    """The actors, their parents (affiliation / part_of) and their predecessors, transitively."""
    preds: dict[str, list[str]] = {}
    for item in catalogue.lineage:
        preds.setdefault(item.successor, []).append(item.predecessor)
    out: set[str] = set()
    stack = [i for i in ids if i in catalogue.actors]
    while stack:
        current = stack.pop()
        if current in out:
            continue
        out.add(current)
        actor = catalogue.actors[current]
        stack += [p for p in (actor.affiliation, actor.part_of) if p]
        stack += preds.get(current, [])
    return out


def catalogue_actor_row(actor_id: str, catalogue: Catalogue) -> dict[str, Any]:
    a = catalogue.actors[actor_id]
    names = list(dict.fromkeys(n for n in (*a.aliases, *a.demonyms, *a.metonyms, *a.generic_aliases) if n))
    return {"id": a.id, "name": a.name, "kind": a.kind, "aliases": names, "qid": a.qid, "source": "catalogue"}


def rows_for(extractions: list[Extraction], catalogue: Catalogue) -> dict[str, list[dict[str, Any]]]:
    documents, claims = [], []
    found: dict[str, Actor] = {}
    now = ingest_time()
    for ex in extractions:
        row = ex.document.to_row()
        row["locations"] = [ex.document.path] if ex.document.path else []
        row["ingested"] = ex.document.ingested or now
        documents.append(row)
        for actor in ex.actors:
            had = found.setdefault(actor.id, actor)
            if had is not actor and set(actor.aliases) - set(had.aliases):  # short forms defined in another document
                found[actor.id] = Actor(had.id, had.name, had.kind, tuple(dict.fromkeys(had.aliases + actor.aliases)),
                                        had.qid, had.source)
        passages: dict[str, str] = {}  # paragraph -> signature: the claims of one paragraph share it
        for c in ex.claims:
            paragraph = paragraph_at(ex.document.text, c.start)
            if paragraph not in passages:
                passages[paragraph] = signature(paragraph)
            claims.append({
                "id": c.id, "document_id": c.document_id, "subject_id": c.subject, "object_id": c.object,
                "origin_id": c.origin or "", "predicate": c.predicate, "predicate_text": c.predicate_text,
                "attribution": c.attribution, "relay_ids": list(c.relays), "polarity": c.polarity,
                "hedged": c.hedged, "hedge_cues": list(c.hedge_cues), "confidence": c.confidence,
                "evidence_text": c.evidence_text, "evidence_start": c.start, "evidence_end": c.end,
                "cue_start": c.cue_start, "cue_end": c.cue_end, "manual": c.manual, "citation": c.citation, "rule": c.rule,
                "passage": passages[paragraph],
            })
    closure = catalogue_closure(found, catalogue)
    actors = [catalogue_actor_row(i, catalogue) for i in sorted(closure)]
    actors += [a.to_row() for i, a in sorted(found.items()) if i not in catalogue.actors]
    affiliations = []
    for i in sorted(closure):
        a = catalogue.actors[i]
        for parent, relation in ((a.affiliation, "affiliation"), (a.part_of, "part_of")):
            if parent:
                affiliations.append({"_from": i, "_to": parent, "relation": relation, "role": a.role,
                                     "since": a.since, "until": a.until})
    seen_links = set()
    for ex in extractions:
        for actor_id, parent, role in ex.affiliations:
            if actor_id not in catalogue.actors and (actor_id, parent) not in seen_links:
                seen_links.add((actor_id, parent))
                affiliations.append({"_from": actor_id, "_to": parent, "relation": "affiliation", "role": role,
                                     "since": "", "until": ""})
    lineage = [{"_from": l.predecessor, "_to": l.successor, "date": l.date, "relation": l.relation}
               for l in catalogue.lineage if l.successor in closure and l.predecessor in closure]
    return {"documents": documents, "actors": actors, "claims": claims,
            "affiliations": affiliations, "lineage": lineage}
