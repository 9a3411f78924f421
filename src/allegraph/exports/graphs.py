"""Graph files: graphml, gexf, json (node-link), cytoscape, csv, neo4j-admin, cypher, jsonld.

Each writer takes a Bundle and a path and returns the files it wrote. Output is deterministic:
sorted nodes and edges, no timestamps (GEXF's date is fixed to the newest document date).
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

from ..schema.tables import export_fields
from .bundle import Bundle, edge_key, flat_edge, flat_record
from ..schema import encoding
from .escape import csv_cell, cypher_value


def to_networkx(bundle: Bundle) -> Any:
    import networkx as nx

    g = nx.MultiDiGraph()
    for a in bundle.actors:
        g.add_node(a["id"], label=a["name"], name=a["name"], kind=a["kind"], kind_label=a["kind_label"], claims=a["claims"],
                   colour=a["colour"], shape=a["shape"], size=a["size"])
    for e in bundle.allegations:
        g.add_edge(e["subject"]["id"], e["object"]["id"], key=edge_key(e), **flat_edge(e))
    return g


def _rgb(hex_colour: str) -> dict[str, float]:
    h = hex_colour.lstrip("#")
    return {"r": int(h[0:2], 16), "g": int(h[2:4], 16), "b": int(h[4:6], 16), "a": 1.0}


def write_graphml(bundle: Bundle, path: Path) -> list[Path]:
    import networkx as nx

    nx.write_graphml(to_networkx(bundle), path, named_key_ids=True, edge_id_from_attribute=None)
    return [path]


def _newest(bundle: Bundle) -> str:
    dates = sorted(d.get("published") or "" for d in bundle.documents.values())
    return (dates[-1] if dates and re.match(r"\d{4}-\d{2}-\d{2}$", dates[-1] or "") else "2000-01-01")


def write_gexf(bundle: Bundle, path: Path) -> list[Path]:
    import networkx as nx

    g = to_networkx(bundle)
    for n, data in g.nodes(data=True):
        data["viz"] = {"color": _rgb(data["colour"]), "size": data["size"],
                       "shape": encoding.kind_style(data["kind"])["gexf"]}
    for _, _, data in g.edges(data=True):
        data["viz"] = {"color": _rgb(data["colour"]), "thickness": data["width"], "shape": data["line"]}
    for _, _, data in g.edges(data=True):
        data["weight"] = data["independent_source_count"]  # Gephi weighs edges by this
    g.graph["name"] = "allegraph allegations"
    nx.write_gexf(g, path, version="1.2draft")
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'lastmodifieddate="[^"]*"', f'lastmodifieddate="{_newest(bundle)}"', text)
    path.write_text(text, encoding="utf-8")
    return [path]


def _dump(obj: Any, path: Path) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def write_json(bundle: Bundle, path: Path) -> list[Path]:
    import networkx as nx

    data = nx.node_link_data(to_networkx(bundle), edges="links")
    _dump(data, path)
    return [path]


def write_cytoscape(bundle: Bundle, path: Path) -> list[Path]:
    elements = {"nodes": [{"data": {"id": a["id"], "value": a["id"], "name": a["name"], "kind": a["kind"], "claims": a["claims"],
                                    "kind_label": a["kind_label"], "colour": a["colour"], "shape": a["shape"],
                                    "size": a["size"]}} for a in bundle.actors],
                "edges": [{"data": {"id": edge_key(e), "key": edge_key(e), "source": e["subject"]["id"], "target": e["object"]["id"],
                                    **flat_edge(e), "origins": [o["id"] for o in e["origins"]],
                                    "claim_ids": e["claim_ids"]}} for e in bundle.allegations]}
    style = [{"selector": "node", "style": {"label": "data(name)", "background-color": "data(colour)", "width": "data(size)",
                                            "height": "data(size)", "shape": "data(shape)"}},
             {"selector": "edge", "style": {"line-color": "data(colour)", "width": "data(width)", "curve-style": "bezier",
                                            "target-arrow-shape": "data(arrow)", "target-arrow-color": "data(colour)"}},
             *[{"selector": f"edge[standing = '{name}']", "style": {"line-style": style["cytoscape"]}}
               for name, style in encoding.STANDINGS.items()]]
    _dump({"elements": elements, "style": style, "data": {"name": "allegraph"}, "directed": True, "multigraph": True}, path)
    return [path]


def _write_csv(path: Path, header: list[str], rows: list[list[Any]], *, for_import: bool = False) -> Path:
    """A CSV for spreadsheets (formulas defused, lists joined with '; '), or ``for_import`` one that
    neo4j-admin reads exactly (no quote prefix, arrays joined with ';' as its --array-delimiter)."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([(";".join(map(str, v)) if isinstance(v, (list, tuple)) else v) if for_import else csv_cell(v)
                        for v in r])
    return path


def write_csv(bundle: Bundle, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    nodes = _write_csv(folder / "nodes.csv", ["id", "name", "kind", "claims"],
                       [[a["id"], a["name"], a["kind"], a["claims"]] for a in bundle.actors])
    ecols = ["subject", "predicate", "object"] + [f.column for f in export_fields("ALLEGED")
                                                 if f.column not in ("subject", "predicate", "object")]
    edges = _write_csv(folder / "edges.csv", ecols, [[flat_record(e, "ALLEGED", join=True)[c] for c in ecols] for e in bundle.allegations])
    ccols = [f.column for f in export_fields("Claim")]
    claims = _write_csv(folder / "claims.csv", ccols, [list(flat_record(c, "Claim").values()) for c in bundle.claims])
    return [nodes, edges, claims]


def _import_csv(path: Path, header: list[str], rows: list[list[Any]]) -> Path:
    return _write_csv(path, header, rows, for_import=True)


_IMPORT_TYPES = {"str": "", "int": ":long", "float": ":double", "bool": ":boolean", "list": ":string[]"}


def _import_value(value: Any, kind: str) -> Any:
    return str(bool(value)).lower() if kind == "bool" else value


def write_neo4j_admin(bundle: Bundle, folder: Path) -> list[Path]:
    """CSVs for `neo4j-admin database import full` with typed headers; arrays use ';'. A node's or
    edge's properties are its declared, exported fields that are not links (actors and the
    document are relationships here), under their store names."""
    folder.mkdir(parents=True, exist_ok=True)
    links = ("@actor", "@actors", "document.", "published", "ingested")
    claim_props = [f for f in export_fields("Claim") if not f.path.startswith(links) and f.column != "claim_id"]
    edge_props = [f for f in export_fields("ALLEGED") if not f.path.startswith(links) or f.column in ("origins", "relays")]
    out = [
        _import_csv(folder / "actors.csv", ["id:ID(Actor)", "name", "kind", ":LABEL"],
                   [[a["id"], a["name"], a["kind"], "Actor"] for a in bundle.actors]),
        _import_csv(folder / "documents.csv", ["id:ID(Document)", "title", "outlet", "published", "url", ":LABEL"],
                   [[d["id"], d.get("title", ""), d.get("outlet", ""), d.get("published", ""), d.get("url", ""), "Document"]
                    for d in bundle.documents.values()]),
        _import_csv(folder / "claims.csv", ["id:ID(Claim)", *(f"{f.store}{_IMPORT_TYPES[f.kind]}" for f in claim_props), ":LABEL"],
                   [[c["claim_id"], *(_import_value(flat[f.column], f.kind) for f in claim_props), "Claim"]
                    for c in bundle.claims for flat in [flat_record(c, "Claim")]]),
        _import_csv(folder / "alleged.csv", [":START_ID(Actor)", ":END_ID(Actor)", ":TYPE", "id",
                                            *(f"{f.store}{_IMPORT_TYPES[f.kind]}" for f in edge_props)],
                   [[e["subject"]["id"], e["object"]["id"], "ALLEGED", edge_key(e),
                     *(_import_value(flat[f.column], f.kind) for f in edge_props)]
                    for e in bundle.allegations for flat in [flat_record(e, "ALLEGED")]]),
        _import_csv(folder / "claim_links.csv", [":START_ID(Claim)", ":END_ID(Actor)", ":TYPE"],
                   [[c["claim_id"], c[k]["id"], k.upper()] for c in bundle.claims for k in ("subject", "object")]),
        _import_csv(folder / "sources.csv", [":START_ID(Actor)", ":END_ID(Claim)", ":TYPE"],
                   [[c["origin"]["id"], c["claim_id"], "ASSERTS"] for c in bundle.claims if c["origin"]] +
                   [[r["id"], c["claim_id"], "RELAYS"] for c in bundle.claims for r in c["relays"]]),
        _import_csv(folder / "in.csv", [":START_ID(Claim)", ":END_ID(Document)", ":TYPE", "evidence_start:long", "evidence_end:long"],
                   [[c["claim_id"], c["document"]["id"], "IN", c["evidence"]["start"], c["evidence"]["end"]]
                    for c in bundle.claims if c["document"]["id"] in bundle.documents]),
    ]
    (folder / "import.sh").write_text(
        "#!/bin/sh\n# Import into an empty Neo4j database (server stopped):\n"
        "neo4j-admin database import full --array-delimiter=';' --nodes=actors.csv --nodes=documents.csv --nodes=claims.csv \\\n"
        "  --relationships=alleged.csv --relationships=claim_links.csv --relationships=sources.csv --relationships=in.csv neo4j\n",
        encoding="utf-8")
    return out + [folder / "import.sh"]


def write_cypher(bundle: Bundle, path: Path) -> list[Path]:
    """A script that recreates the graph (idempotent MERGEs; literals escaped)."""
    lines = ["// allegraph export: run in cypher-shell or the Neo4j Browser", ""]
    for a in bundle.actors:
        lines.append(f"MERGE (a:Actor {{id: {cypher_value(a['id'])}}}) SET a.name = {cypher_value(a['name'])}, "
                     f"a.kind = {cypher_value(a['kind'])};")
    for d in bundle.documents.values():
        lines.append(f"MERGE (d:Document {{id: {cypher_value(d['id'])}}}) SET d.title = {cypher_value(d.get('title', ''))}, "
                     f"d.outlet = {cypher_value(d.get('outlet', ''))}, d.published = {cypher_value(d.get('published', ''))}, "
                     f"d.url = {cypher_value(d.get('url', ''))};")
    for c in bundle.claims:
        lines.append(
            f"MERGE (c:Claim {{id: {cypher_value(c['claim_id'])}}}) SET c.predicate = {cypher_value(c['predicate'])}, "
            f"c.polarity = {cypher_value(c['polarity'])}, c.attribution = {cypher_value(c['attribution'])}, "
            f"c.hedged = {cypher_value(c['hedged'])}, c.evidence_text = {cypher_value(c['evidence']['text'])} "
            f"WITH c MATCH (s:Actor {{id: {cypher_value(c['subject']['id'])}}}) MATCH (o:Actor {{id: {cypher_value(c['object']['id'])}}}) "
            f"MATCH (d:Document {{id: {cypher_value(c['document']['id'])}}}) "
            "MERGE (c)-[:SUBJECT]->(s) MERGE (c)-[:OBJECT]->(o) MERGE (c)-[:`IN`]->(d);")
    for e in bundle.allegations:
        props = ", ".join(f"{k}: {cypher_value(v)}" for k, v in (
            ("predicate", e["predicate"]), ("claim_count", e["claim_count"]), ("origins", [o["id"] for o in e["origins"]]),
            ("relays", [r["id"] for r in e["relays"]]), ("independent_source_count", e["independent_source_count"]),
            ("denying_source_count", e["denying_source_count"]), ("single_source", e["single_source"]),
            ("contested", e["contested"]), ("confidence", e["confidence"]), ("first_seen", e["first_seen"]),
            ("last_seen", e["last_seen"]), ("claim_ids", e["claim_ids"])))
        lines.append(f"MATCH (s:Actor {{id: {cypher_value(e['subject']['id'])}}}) MATCH (o:Actor {{id: {cypher_value(e['object']['id'])}}}) "
                     f"MERGE (s)-[r:ALLEGED {{id: {cypher_value(edge_key(e))}}}]->(o) SET r += {{{props}}};")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [path]


def write_jsonld(bundle: Bundle, path: Path) -> list[Path]:
    """schema.org Claim items with PROV-O attribution (wasAttributedTo origin, wasQuotedFrom relays)."""
    def actor(a: dict[str, Any]) -> dict[str, Any]:
        return {"@id": f"urn:allegraph:actor:{a['id']}", "@type": "prov:Agent", "schema:name": a["name"],
                "allegraph:kind": a["kind"]}

    graph = []
    for c in bundle.claims:
        d = bundle.documents.get(c["document"]["id"], c["document"])
        item: dict[str, Any] = {
            "@id": f"urn:allegraph:claim:{c['claim_id']}", "@type": ["schema:Claim", "prov:Entity"],
            "schema:text": c["evidence"]["text"], "allegraph:subject": actor(c["subject"]),
            "allegraph:predicate": c["predicate"], "allegraph:object": actor(c["object"]),
            "allegraph:polarity": c["polarity"], "allegraph:hedged": c["hedged"], "allegraph:attribution": c["attribution"],
            "schema:appearance": {"@type": "schema:CreativeWork", "@id": f"urn:allegraph:document:{c['document']['id']}",
                                  "schema:headline": d.get("title", ""), "schema:publisher": d.get("outlet", ""),
                                  "schema:datePublished": d.get("published", ""), "schema:url": d.get("url", "")},
            "prov:wasQuotedFrom": [actor(r) for r in c["relays"]],
        }
        if c["origin"]:
            item["prov:wasAttributedTo"] = actor(c["origin"])
        graph.append(item)
    _dump({"@context": {"schema": "https://schema.org/", "prov": "http://www.w3.org/ns/prov#",
                        "allegraph": "urn:allegraph:vocab:"}, "@graph": graph}, path)
    return [path]


WRITERS = {"graphml": write_graphml, "gexf": write_gexf, "json": write_json, "cytoscape": write_cytoscape,
           "csv": write_csv, "neo4j-admin": write_neo4j_admin, "cypher": write_cypher, "jsonld": write_jsonld}
FOLDER_FORMATS = {"csv", "neo4j-admin"}
