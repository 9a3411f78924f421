"""Seeded positions for the view and the figures (the same graph is laid out the same way)."""

from __future__ import annotations

import math

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
