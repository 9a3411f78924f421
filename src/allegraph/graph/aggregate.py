"""Aggregation of claims into (Actor)-[:ALLEGED]->(Actor) edges.

Counting rules (docs/data-model.md, docs/confidence.md):
- an edge is one (subject, predicate family, object);
- its origins are the distinct origins of the claims that assert it; relays never count;
- one chain per document: where a document credits a source for the allegation, its own voice is
  not a second origin: the outlet relays the source it quotes;
- syndicated copies are one text: claims read from near-identical paragraphs of several documents
  count the origin of the earliest dated copy once, the other copies relay it (graph/syndication.py);
- origins in one source group (shipped state-media groups, ownership, or a person/agency speaking
  for its state through the catalogue) count once: that is ``independent_source_count``;
- an anonymous claim's origin is "anonymous via <first relay>", one per passing outlet;
- denials are counted apart (``denying_source_count``) and make the edge ``contested``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from ..schema.catalogue import Catalogue
from ..schema.ids import edge_id
from ..settings import ConfidenceWeights
from .syndication import DEFAULT_THRESHOLD, copy_groups


def origin_key(claim: dict[str, Any]) -> str:
    """Who a claim counts as: its origin; an anonymous source as 'anonymous@<first relay>'; the
    voice of a document with neither outlet, host nor author as 'author@<document id>'."""
    if claim.get("origin"):
        return str(claim["origin"])
    relays = claim.get("relays") or []
    if relays:
        return "anonymous@" + str(relays[0])
    return ("author@" if claim.get("attribution") == "author" else "anonymous@") + str(claim.get("document_id", ""))


def _passer(key: str) -> str:
    """The actor that passes a copy on: the outlet behind an anonymous source, else the origin."""
    return key.split("@", 1)[1] if key.startswith("anonymous@") else key


def count_origins(claims: list[dict[str, Any]], threshold: float = DEFAULT_THRESHOLD,
                  roles: dict[str, str] | None = None) -> tuple[dict[str, list[str]], set[str]]:
    """The origins that count for one edge's claims of one polarity, each with the documents that
    carry it (carrying copy first), and the actors that only relay. Rules: one chain per document,
    then one text per set of syndicated copies. ``roles`` receives, per claim id, why it counts or
    not (for explain)."""
    roles = {} if roles is None else roles
    credited = {c["document_id"] for c in claims if c["attribution"] != "author"}
    relays: set[str] = set()
    kept = []
    for c in claims:
        if c["attribution"] == "author" and c["document_id"] in credited:
            if c.get("origin"):
                relays.add(str(c["origin"]))  # the outlet relays the source it quotes
            roles[c["id"]] = "relay: the document credits a source for this allegation"
            continue
        kept.append(c)
    origins: dict[str, list[str]] = {}
    for group in copy_groups(kept, threshold):
        key = origin_key(group[0])
        docs = origins.setdefault(key, [])
        for n, c in enumerate(group):
            roles[c["id"]] = "counts" if n == 0 else f"relay: copy of the passage in {group[0]['document_id']}"
            if c["document_id"] not in docs:
                docs.append(c["document_id"])
            relays.update(c.get("relays") or [])
            if origin_key(c) != key and not origin_key(c).startswith("author@"):
                relays.add(_passer(origin_key(c)))
    return dict(sorted(origins.items())), relays


def source_group(origin: str, catalogue: Catalogue) -> str:
    if origin.startswith("anonymous@"):
        return source_group(origin.split("@", 1)[1], catalogue) if origin.split("@", 1)[1] in catalogue.actors else origin
    if origin in catalogue.source_groups:
        return "group:" + catalogue.source_groups[origin][0]
    actor = catalogue.get(origin)
    if actor is not None and actor.owner and actor.owner in catalogue.actors:
        return "owner:" + actor.owner
    if actor is not None and actor.parent:
        top = catalogue.speaks_for(origin)
        return "group:" + catalogue.source_groups[top][0] if top in catalogue.source_groups else top
    return origin


@dataclass(frozen=True)
class ScoreTerm:
    name: str
    value: float
    explanation: str


def confidence_terms(claims: list[dict[str, Any]], independent: int, denying: int,
                     weights: ConfidenceWeights) -> list[ScoreTerm]:
    asserted = [c for c in claims if c["polarity"] == "asserted"] or claims
    n = max(1, len(asserted))
    named = sum(c["attribution"] in ("named", "author") for c in asserted) / n
    anonymous = sum(c["attribution"] == "anonymous" for c in asserted) / n
    hedged = sum(bool(c["hedged"]) for c in asserted) / n
    extraction = sum(float(c["confidence"] or 0) for c in asserted) / n
    extra = min(max(independent - 1, 0) * weights.per_extra_source, weights.max_sources_bonus)
    denial_share = denying / max(1, independent + denying)
    return [
        ScoreTerm("base", weights.base, "every allegation starts here"),
        ScoreTerm("independent_sources", extra, f"{independent} independent origin(s): {weights.per_extra_source} per extra, at most {weights.max_sources_bonus}"),
        ScoreTerm("named_attribution", weights.named * named, f"share of claims with a named or authorial source: {named:.2f}"),
        ScoreTerm("anonymous_attribution", weights.anonymous * anonymous, f"share of claims from anonymous sources: {anonymous:.2f}"),
        ScoreTerm("hedging", weights.hedged * hedged, f"share of hedged claims: {hedged:.2f}"),
        ScoreTerm("denial", weights.denial * denial_share, f"denying sources {denying} of {independent + denying}"),
        ScoreTerm("extraction", weights.extraction * (extraction - 0.5), f"mean extraction confidence {extraction:.2f}, centred on 0.5"),
    ]


def aggregate(claims: Iterable[dict[str, Any]], catalogue: Catalogue, weights: ConfidenceWeights,
              threshold: float = DEFAULT_THRESHOLD) -> list[dict[str, Any]]:
    """Edges from claim rows (id, subject, predicate, object, origin, attribution, relays, polarity,
    hedged, confidence, published, document_id, passage). Deterministic: sorted by edge id.
    ``origin_documents`` (origin -> documents carrying it) is for explain; stores do not keep it."""
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for c in claims:
        groups.setdefault((c["subject"], c["predicate"], c["object"]), []).append(c)
    edges = []
    for (s, p, o), rows in groups.items():
        rows.sort(key=lambda c: c["id"])
        asserting = [c for c in rows if c["polarity"] == "asserted"]
        denying = [c for c in rows if c["polarity"] == "denied"]
        carried, relayed = count_origins(asserting, threshold)
        denied_by, relayed_denial = count_origins(denying, threshold)
        origins, deniers = sorted(carried), sorted(denied_by)
        independent = len({source_group(x, catalogue) for x in origins})
        denying_count = len({source_group(x, catalogue) for x in deniers})
        relays = sorted((relayed | relayed_denial) - set(origins) - set(deniers))
        dates = sorted(str(c["published"]) for c in rows if c.get("published"))
        terms = confidence_terms(rows, independent, denying_count, weights)
        score = min(1.0, max(0.0, sum(t.value for t in terms)))
        edges.append({
            "id": edge_id(s, p, o), "subject": s, "predicate": p, "object": o,
            "claim_count": len(rows), "origins": origins, "relays": relays,
            "independent_source_count": independent, "denying_source_count": denying_count,
            "single_source": independent == 1, "contested": denying_count > 0,
            "confidence": round(score, 4), "first_seen": dates[0] if dates else "",
            "last_seen": dates[-1] if dates else "", "claim_ids": [c["id"] for c in rows],
            "denied_only": independent == 0 and denying_count > 0,
            "origin_documents": {**carried, **{k: v for k, v in denied_by.items() if k not in carried}},
        })
    return sorted(edges, key=lambda e: e["id"])
