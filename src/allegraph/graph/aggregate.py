"""Aggregation of claims into (Actor)-[:ALLEGED]->(Actor) edges.

Counting rules (docs/confidence.md):
- an edge is one (subject, predicate family, object);
- its origins are the distinct origins of the claims that assert it; relays never count;
- origins in one source group (shipped state-media groups, ownership, or a person/agency speaking
  for its state through the catalogue) count once: that is ``independent_source_count``;
- an anonymous claim's origin is "anonymous via <first relay>", one per passing outlet;
- denials are counted apart (``denying_source_count``) and make the edge ``contested``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from ..schema.catalogue import Catalogue
from ..schema.ids import digest
from ..settings import ConfidenceWeights


def edge_id(subject: str, predicate: str, obj: str) -> str:
    return "alg_" + digest(subject, predicate, obj, size=20)


def origin_key(claim: dict[str, Any]) -> str:
    if claim.get("origin"):
        return str(claim["origin"])
    relays = claim.get("relays") or []
    return "anonymous@" + (relays[0] if relays else str(claim.get("document_id", "")))


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


def aggregate(claims: Iterable[dict[str, Any]], catalogue: Catalogue, weights: ConfidenceWeights) -> list[dict[str, Any]]:
    """Edges from claim rows (id, subject, predicate, object, origin, attribution, relays, polarity,
    hedged, confidence, published, document_id). Deterministic: sorted by edge id."""
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for c in claims:
        groups.setdefault((c["subject"], c["predicate"], c["object"]), []).append(c)
    edges = []
    for (s, p, o), rows in groups.items():
        rows.sort(key=lambda c: c["id"])
        asserting = [c for c in rows if c["polarity"] == "asserted"]
        denying = [c for c in rows if c["polarity"] == "denied"]
        origins = sorted({origin_key(c) for c in asserting})
        deniers = sorted({origin_key(c) for c in denying})
        independent = len({source_group(x, catalogue) for x in origins})
        denying_count = len({source_group(x, catalogue) for x in deniers})
        relays = sorted({r for c in rows for r in (c.get("relays") or [])} - set(origins) - set(deniers))
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
        })
    return sorted(edges, key=lambda e: e["id"])
