"""Seeded positions for the view and the figures (the same graph is laid out the same way)."""

from __future__ import annotations

import math
from typing import Any

LARGE = 300
HUGE = 4000


def layout(node_ids: list[str], pairs: list[tuple[str, str]], scale: float | None = None) -> dict[str, tuple[float, float]]:
    """Seeded positions: spring layout up to HUGE nodes, a sparse spectral layout beyond."""
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(node_ids)
    g.add_edges_from(pairs)
    if len(g) > HUGE:  # force-directed layouts are quadratic per iteration
        pos = nx.spectral_layout(g) if g.number_of_edges() else nx.circular_layout(g)
    else:
        pos = nx.spring_layout(g, seed=7, iterations=50 if len(g) > LARGE else 100) if len(g) else {}
    k = scale if scale is not None else 60 * math.sqrt(max(len(g), 1))
    return {n: (round(float(x) * k, 2), round(float(y) * k, 2)) for n, (x, y) in sorted(pos.items())}


def community_layout(node_ids: list[str], pairs: list[tuple[str, str]], groups: dict[str, int],
                     scale: float | None = None) -> dict[str, tuple[float, float]]:
    """Seeded positions for a graph drawn by communities: the communities laid out as one graph
    (a spring layout of the graph between them, so a collapsed view is spread evenly, not squeezed
    by a few outliers as a spectral layout of all the actors is), each community's actors around
    its centre in a circle that grows with the square root of its size."""
    import networkx as nx

    between = nx.Graph()
    between.add_nodes_from(sorted(set(groups.values())))
    for a, b in pairs:
        ca, cb = groups[a], groups[b]
        if ca != cb:
            w = between.get_edge_data(ca, cb, {"weight": 0})["weight"]
            between.add_edge(ca, cb, weight=w + 1)
    packed = packed_layout(list(between.nodes), list(between.edges))  # parts packed in rows: no far ring of islands
    xs, ys = [p[0] for p in packed.values()], [p[1] for p in packed.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    centres = {c: ((x - min(xs)) / span * 2 - 1, (y - min(ys)) / span * 2 - 1) for c, (x, y) in packed.items()}
    members: dict[int, list[str]] = {}
    for n in sorted(node_ids):
        members.setdefault(groups[n], []).append(n)
    inside: dict[int, list[tuple[str, str]]] = {}
    for a, b in pairs:
        if groups[a] == groups[b]:
            inside.setdefault(groups[a], []).append((a, b))
    k = scale if scale is not None else 60 * math.sqrt(max(len(node_ids), 1))
    spread = k / math.sqrt(max(len(between), 1)) * 0.45  # a community's radius, for the largest
    largest = max(len(m) for m in members.values())
    pos: dict[str, tuple[float, float]] = {}
    for c, ids in sorted(members.items()):
        local = layout(ids, inside.get(c, []), scale=1.0) if len(ids) > 1 else {ids[0]: (0.0, 0.0)}
        radius = spread * math.sqrt(len(ids) / largest)
        cx, cy = (float(centres[c][0]) * k, float(centres[c][1]) * k)
        for n, (x, y) in local.items():
            pos[n] = (round(cx + x * radius, 2), round(cy + y * radius, 2))
    return dict(sorted(pos.items()))


def packed_layout(nodes: list[Any], pairs: list[tuple[Any, Any]]) -> dict[Any, tuple[float, float]]:
    """Seeded positions: each connected part laid out alone in a square cell whose side grows with
    the square root of its size, the cells packed in rows, largest first."""
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(nodes)
    g.add_edges_from(pairs)
    parts = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    sides = [math.sqrt(len(c)) for c in parts]
    row_width = max(sides[0] if sides else 1.0, math.sqrt(sum(s * s for s in sides)) * 1.4)
    pos: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for part, side in zip(parts, sides):
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y - row_height * 1.1, 0.0
        if 2 < len(part) <= 300:  # stress layout: rounder parts than a spring layout, and deterministic
            sub = {n: (float(p[0]), float(p[1])) for n, p in nx.kamada_kawai_layout(g.subgraph(part)).items()}
        else:
            sub = layout(part, [(a, b) for a, b in g.subgraph(part).edges()], scale=1.0)
        xs, ys = [p[0] for p in sub.values()], [p[1] for p in sub.values()]
        span_x, span_y = max(max(xs) - min(xs), 1e-9), max(max(ys) - min(ys), 1e-9)
        for n, (px, py) in sorted(sub.items()):
            cx = 0.5 if len(part) == 1 else (px - min(xs)) / span_x  # each axis stretched to fill the cell
            cy = 0.5 if len(part) == 1 else (py - min(ys)) / span_y
            pos[n] = (round(x + (0.1 + 0.8 * cx) * side, 4), round(y - (0.1 + 0.8 * (1 - cy)) * side, 4))
        x += side * 1.1
        row_height = max(row_height, side)
    return pos
