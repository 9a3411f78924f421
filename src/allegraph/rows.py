"""Extraction records -> store rows (documents, actors with their catalogue context, claims), each
through its record's ``to_store_row`` (schema/model.py)."""

from __future__ import annotations

import dataclasses
import os
import time
from typing import Any

from .graph.syndication import paragraph_at, signature
from .schema.catalogue import Catalogue, catalogue_actor_row, catalogue_closure
from .schema.model import Actor, Affiliation, Extraction, Succession


def ingest_time() -> str:
    """Now in UTC to the second, or SOURCE_DATE_EPOCH when set (reproducible builds' convention)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    when = int(epoch) if epoch.isdigit() else int(time.time())
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(when))


def rows_for(extractions: list[Extraction], catalogue: Catalogue) -> dict[str, list[dict[str, Any]]]:
    documents, claims = [], []
    found: dict[str, Actor] = {}
    now = ingest_time()
    for ex in extractions:
        doc = ex.document
        documents.append(dataclasses.replace(doc, locations=(doc.path,) if doc.path else (),
                                             ingested=doc.ingested or now).to_store_row())
        for actor in ex.actors:
            had = found.setdefault(actor.id, actor)
            if had is not actor and set(actor.aliases) - set(had.aliases):  # short forms defined in another document
                found[actor.id] = dataclasses.replace(had, aliases=tuple(dict.fromkeys(had.aliases + actor.aliases)))
        passages: dict[str, str] = {}  # paragraph -> signature: the claims of one paragraph share it
        for c in ex.claims:
            paragraph = paragraph_at(doc.text, c.start)
            if paragraph not in passages:
                passages[paragraph] = signature(paragraph)
            claims.append(dataclasses.replace(c, passage=passages[paragraph]).to_store_row())
    closure = catalogue_closure(found, catalogue)
    actors = [catalogue_actor_row(i, catalogue) for i in sorted(closure)]
    actors += [a.to_store_row() for i, a in sorted(found.items()) if i not in catalogue.actors]
    affiliations = []
    for i in sorted(closure):
        a = catalogue.actors[i]
        for parent, relation in ((a.affiliation, "affiliation"), (a.part_of, "part_of")):
            if parent:
                affiliations.append(Affiliation(i, parent, relation, a.role, a.since, a.until).to_store_row())
    seen_links = set()
    for ex in extractions:
        for actor_id, parent, role in ex.affiliations:
            if actor_id not in catalogue.actors and (actor_id, parent) not in seen_links:
                seen_links.add((actor_id, parent))
                affiliations.append(Affiliation(actor_id, parent, "affiliation", role).to_store_row())
    lineage = [Succession(l.predecessor, l.successor, l.date, l.relation).to_store_row()
               for l in catalogue.lineage if l.successor in closure and l.predecessor in closure]
    return {"documents": documents, "actors": actors, "claims": claims,
            "affiliations": affiliations, "lineage": lineage}
