"""The interactive HTML view: pyvis with vis-network inlined, nothing fetched from a network.

Untrusted text (titles, names, quotes) reaches the page only as JSON data escaped for a <script>
block and is put on the page with textContent: pyvis's raw-HTML paths (heading, select_menu,
titles containing "href") are never given article text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..graph.filters import Filters, select
from ..graph.layout import HUGE, LARGE, community_layout, layout
from ..schema import encoding


def script_json(data: Any) -> str:
    """JSON safe inside a <script> element: no '</script>', no HTML comment openers."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _plain(text: str) -> str:
    """Tooltip text: vis shows strings as text; pyvis switches to innerHTML when it sees 'href'."""
    return re.sub("href", "hre\u200bf", text, flags=re.IGNORECASE)


def graph_data(allegations: list[dict[str, Any]], claims: list[dict[str, Any]], docs: dict[str, dict[str, Any]],
               aliases: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """The page's data: nodes with their names and aliases (for search), edges with every claim."""
    aliases = aliases or {}
    by_id = {c["claim_id"]: c for c in claims}
    nodes: dict[str, dict[str, Any]] = {}
    counts: dict[str, int] = {}
    edges = []
    for e in allegations:
        for side in (e["subject"], e["object"]):
            nodes.setdefault(side["id"], {"id": side["id"], "name": side["name"], "kind": side["kind"]})
            counts[side["id"]] = counts.get(side["id"], 0) + e["claim_count"]
    degree: dict[str, int] = {}
    for e in allegations:
        for side in (e["subject"]["id"], e["object"]["id"]):
            degree[side] = degree.get(side, 0) + 1
    for n in nodes.values():
        n["claims"] = counts[n["id"]]
        n["degree"] = degree[n["id"]]
        n["aliases"] = sorted({a for a in aliases.get(n["id"], []) if a and a != n["name"]})
        n["kind_label"] = encoding.kind_label(n["kind"])
    for e in allegations:
        quotes = []
        for cid in e["claim_ids"]:
            c = by_id.get(cid)
            if c is None:
                continue
            d = docs.get(c["document"]["id"], {})
            quotes.append({
                "claim_id": cid,  # an unnamed source is one per outlet, as it is counted (one chain per document)
                "origin": (c["origin"] or {}).get("name") or f"anonymous source via {d.get('outlet') or d.get('title') or '?'}",
                "attribution": c["attribution"], "relays": [r["name"] for r in c["relays"]],
                "title": d.get("title", ""), "outlet": d.get("outlet", ""), "published": d.get("published", ""),
                "url": d.get("url", ""), "quote": c["evidence"]["text"], "polarity": c["polarity"],
                "hedged": c["hedged"], "cue": c["predicate_text"],
            })
        edges.append({
            "id": f"{e['subject']['id']}|{e['predicate']}|{e['object']['id']}", "from": e["subject"]["id"],
            "to": e["object"]["id"], "predicate": e["predicate"], "sources": e["independent_source_count"],
            "denying": e["denying_source_count"], "single_source": e["single_source"], "contested": e["contested"],
            "claims": e["claim_count"], "confidence": e["confidence"], "quotes": quotes,
            "first_seen": e.get("first_seen") or "", "last_seen": e.get("last_seen") or "",
            "predicate_label": encoding.family_label(e["predicate"]),
            "origins": [o["name"] for o in e["origins"]], "standing": encoding.of(e),
        })
    return {"nodes": sorted(nodes.values(), key=lambda n: n["id"]), "edges": sorted(edges, key=lambda x: x["id"])}


def _layout(data: dict[str, Any]) -> dict[str, tuple[float, float]]:
    return layout([n["id"] for n in data["nodes"]], [(e["from"], e["to"]) for e in data["edges"]])


def communities(data: dict[str, Any]) -> dict[str, int]:
    """Each actor's community (networkx Louvain, seeded), numbered by size, largest first."""
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(n["id"] for n in data["nodes"])
    g.add_edges_from((e["from"], e["to"]) for e in data["edges"])
    parts = nx.community.louvain_communities(g, seed=7)
    ranked = sorted((sorted(p) for p in parts), key=lambda p: (-len(p), p[0]))
    return {n: i for i, part in enumerate(ranked) for n in part}


def vis_lists(data: dict[str, Any], groups: dict[str, int] | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """vis-network's node and edge lists; with communities, the members of those of two or more
    actors start hidden (the page draws the community in their place) and the layout is by community."""
    if groups:
        pos = community_layout([n["id"] for n in data["nodes"]], [(e["from"], e["to"]) for e in data["edges"]], groups)
    else:
        pos = _layout(data)
    sizes: dict[int, int] = {}
    for c in (groups or {}).values():
        sizes[c] = sizes.get(c, 0) + 1
    nodes = []
    for n in data["nodes"]:
        x, y = pos[n["id"]]
        nodes.append({
            "id": n["id"], "label": n["name"],
            "title": _plain(f"{n['name']} ({n['kind_label']}): {n['claims']} claim(s)"),
            "color": encoding.kind_colour(n["kind"]), "shape": encoding.kind_style(n["kind"])["shape"],
            "size": encoding.node_size(n["claims"]), "value": n["claims"], "x": x, "y": y, "kind": n["kind"],
            **({"community": groups[n["id"]], "hidden": sizes[groups[n["id"]]] >= 2} if groups else {}),
        })
    edges = []
    for e in data["edges"]:
        standing = encoding.of(e)
        label = {"corroborated": str(e["sources"]), "single_source": "", "contested": f"{e['sources']} ✗ {e['denying']} denying",
                 "denied_only": "✗ denied only"}[standing]
        summary = (f"{e['predicate']}: {e['sources']} independent source(s)"
                   f"{', ' + encoding.STANDINGS[standing]['label'] if standing != 'corroborated' else ''}; "
                   f"{e['claims']} claim(s); confidence {e['confidence']:.2f}; origins: {', '.join(e['origins']) or 'anonymous'}")
        edges.append({
            "id": e["id"], "from": e["from"], "to": e["to"], "title": _plain(summary), "label": label,
            "arrows": {"to": {"enabled": True, "type": encoding.predicate_style(e["predicate"])["arrow"]}},
            "color": {"color": encoding.predicate_colour(e["predicate"])},
            "dashes": encoding.STANDINGS[standing]["vis"], "width": encoding.width(e["sources"], e["denying"]),
            "predicate": e["predicate"], "sources": e["sources"], "standing": standing,
            "font": {"color": "#b00020" if e["contested"] else "#333333", "size": 11, "strokeWidth": 2},
        })
    return nodes, edges


def _panel() -> str:
    """The side panel, legend and filter controls (HTML/CSS/JS shipped beside this module)."""
    return Path(__file__).with_name("panel.html").read_text(encoding="utf-8")


def render_html(data: dict[str, Any], title: str = "allegraph", cluster_above: int = 500) -> str:
    from pyvis.network import Network

    groups = communities(data) if len(data["nodes"]) > cluster_above else None
    nodes, edges = vis_lists(data, groups)
    if groups:
        data = {**data, "nodes": [{**n, "community": groups[n["id"]]} for n in data["nodes"]]}
    net = Network(height="100vh", width="100%", directed=True, cdn_resources="in_line", heading="")
    net.nodes, net.edges = nodes, edges
    large = len(nodes) > LARGE
    net.set_options(json.dumps({
        "layout": {"randomSeed": 7, "improvedLayout": not large},
        "physics": {"enabled": not large, "stabilization": {"iterations": 150}, "solver": "forceAtlas2Based"},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": large},
        # labels scale with the claims; one drawn smaller than 9 px is hidden, so zooming in shows more of them
        "nodes": {"scaling": {"min": 8, "max": 40, "label": {"enabled": True, "min": 10, "max": 22, "drawThreshold": 9,
                                                                "maxVisible": 26}}},
        "edges": {"smooth": {"type": "dynamic"} if not large else False},
    }))
    html = net.generate_html()
    html = re.sub(r'<link[^>]+(bootstrap|cdn)[^>]*>\s*', "", html)
    html = re.sub(r'<script[^>]+src="https?://[^"]*"[^>]*>\s*</script>\s*', "", html)
    html = html.replace("<h1></h1>", "")
    legend = encoding.legend()
    clusters = None
    if groups:
        names = {n["id"]: n for n in data["nodes"]}
        members: dict[int, list[str]] = {}
        for node_id, c in groups.items():
            members.setdefault(c, []).append(node_id)
        clusters = [{"id": c, "size": len(ids), "claims": sum(names[i]["claims"] for i in ids),
                     "label": ", ".join(names[i]["name"] for i in sorted(
            ids, key=lambda i: (-names[i]["claims"], i))[:3]) + (f" + {len(ids) - 3}" if len(ids) > 3 else "")}
            for c, ids in sorted(members.items())]
    payload = ('<script id="allegraph-data" type="application/json">'
               f'{script_json({"edges": data["edges"], "nodes": data["nodes"], "legend": legend, "clusters": clusters})}</script>')
    head, sep, tail = html.rpartition("</body>")
    panel = _panel()
    html = head + payload + panel + sep + tail if sep else html + payload + panel
    if "<title>" not in html:
        html = html.replace("<head>", f"<head><title>{title}</title>", 1)
    return html


@dataclass
class View:
    """What api.view returns: the file written, and inline display in Jupyter."""

    path: Path
    nodes: int
    edges: int
    height: int = 650

    def _repr_html_(self) -> str:
        import html as _html

        doc = self.path.read_text(encoding="utf-8")
        return (f'<iframe srcdoc="{_html.escape(doc, quote=True)}" style="width:100%;height:{int(self.height)}px;'
                'border:0"></iframe>')

    def __repr__(self) -> str:
        return f"View({str(self.path)!r}, nodes={self.nodes}, edges={self.edges})"


def write_view(allegations: list[dict[str, Any]], claims: list[dict[str, Any]], docs: dict[str, dict[str, Any]],
               out: Path, *, aliases: dict[str, list[str]] | None = None, cluster_above: int = 500,
               **filters: Any) -> View:
    selected = select(allegations, Filters(**{k: v for k, v in filters.items() if v is not None}))
    data = graph_data(selected, claims, docs, aliases)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(render_html(data, cluster_above=cluster_above), encoding="utf-8")
    tmp.replace(out)
    return View(out, len(data["nodes"]), len(data["edges"]))
