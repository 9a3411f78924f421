"""What every export starts from: the filtered allegations with their actors, claims and documents."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..graph.filters import Filters, select
from ..schema import encoding
from ..schema.tables import export_fields


@dataclass
class Bundle:
    actors: list[dict[str, Any]]       # id, name, kind, claims (count), colour, size
    allegations: list[dict[str, Any]]  # export_records("allegations") rows
    claims: list[dict[str, Any]]       # export_records("claims") rows behind the allegations
    documents: dict[str, dict[str, Any]]


def make_bundle(allegations: list[dict[str, Any]], claims: list[dict[str, Any]], documents: dict[str, dict[str, Any]],
                filters: Filters) -> Bundle:
    edges = sorted(select(allegations, filters), key=lambda e: (e["subject"]["id"], e["predicate"], e["object"]["id"]))
    wanted = {cid for e in edges for cid in e["claim_ids"]}
    kept = sorted((c for c in claims if c["claim_id"] in wanted), key=lambda c: c["claim_id"])
    counts: dict[str, int] = {}
    actors: dict[str, dict[str, Any]] = {}
    for e in edges:
        for side in (e["subject"], e["object"]):
            actors.setdefault(side["id"], dict(side))
            counts[side["id"]] = counts.get(side["id"], 0) + e["claim_count"]
    for a in actors.values():
        a["claims"] = counts[a["id"]]
        a["colour"] = encoding.kind_colour(a["kind"])
        a["shape"] = encoding.kind_style(a["kind"])["cytoscape"]
        a["kind_label"] = encoding.kind_label(a["kind"])
        a["size"] = encoding.node_size(counts[a["id"]])
    docs = {d: documents[d] for d in sorted({c["document"]["id"] for c in kept}) if d in documents}
    return Bundle(sorted(actors.values(), key=lambda a: a["id"]), edges, kept, docs)


def flat_record(record: dict[str, Any], table_name: str, *, join: bool = False) -> dict[str, Any]:
    """A claim or allegation record as its flat columns (schema/tables.py export_fields): actor
    references by id, nested values lifted; lists joined with ';' when ``join``."""
    out: dict[str, Any] = {}
    for f in export_fields(table_name):
        if f.path.startswith("@actor:"):
            value: Any = (record.get(f.path.split(":", 1)[1]) or {}).get("id", "")
        elif f.path.startswith("@actors:"):
            value = [r["id"] for r in record.get(f.path.split(":", 1)[1]) or []]
        else:
            value = record
            for part in f.path.split("."):
                value = value.get(part, "") if isinstance(value, dict) else ""
        out[f.column] = ";".join(map(str, value)) if join and isinstance(value, list) else value
    return out


def edge_colour(e: dict[str, Any]) -> str:
    return encoding.predicate_colour(e["predicate"])


def edge_key(e: dict[str, Any]) -> str:
    return f"{e['subject']['id']}|{e['predicate']}|{e['object']['id']}"


def flat_edge(e: dict[str, Any]) -> dict[str, Any]:
    """An allegation as flat attributes (lists joined with ';') for formats without lists; style
    attributes (colour, arrowhead, standing, line, width) from schema/encoding.yaml."""
    fields = {k: v for k, v in flat_record(e, "ALLEGED", join=True).items() if k not in ("subject", "object")}
    return {
        **fields,
        "colour": edge_colour(e), "arrow": encoding.predicate_style(e["predicate"])["cytoscape"],
        "predicate_label": encoding.family_label(e["predicate"]), "standing": encoding.of(e), "dashed": encoding.of(e) != "corroborated",
        "line": encoding.STANDINGS[encoding.of(e)]["gexf"],
        "width": encoding.width(e["independent_source_count"], e["denying_source_count"]),
    }
