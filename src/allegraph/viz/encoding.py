"""How an allegation's standing is drawn, in one place for the view, the figures and the graph files.

Four standings, each with its own line, so that a denial is never drawn as corroboration:

- ``corroborated``: two or more independent origins assert it and nobody denies it: solid, width
  grows with the sources;
- ``single_source``: one origin asserts it, none denies: dashed, thin;
- ``contested``: asserted and denied: dash-dot (``double`` in GEXF and Cytoscape, which have no
  dash-dot), width by asserting sources;
- ``denied_only``: only denials (a claim reported in order to be denied): dotted, thin.
"""

from __future__ import annotations

from typing import Any

STANDINGS: dict[str, dict[str, Any]] = {
    "corroborated": {"label": "corroborated (width = independent sources)", "vis": False, "matplotlib": "solid",
                     "gexf": "solid", "cytoscape": "solid"},
    "single_source": {"label": "single source", "vis": [8, 6], "matplotlib": "dashed", "gexf": "dashed",
                      "cytoscape": "dashed"},
    "contested": {"label": "contested (asserted and denied)", "vis": [12, 4, 2, 4], "matplotlib": "dashdot",
                  "gexf": "double", "cytoscape": "double"},
    "denied_only": {"label": "denied only", "vis": [2, 5], "matplotlib": "dotted", "gexf": "dotted",
                    "cytoscape": "dotted"},
}


def standing(sources: int, denying: int) -> str:
    """The standing of an allegation from its independent asserting and denying source counts."""
    if denying and not sources:
        return "denied_only"
    if denying:
        return "contested"
    return "single_source" if sources <= 1 else "corroborated"


def width(sources: int, denying: int) -> float:
    """Line width in pixels: thin for one source or denials only, then 2 + sources (at most 8)."""
    return 1 if sources <= 1 else 2 + min(sources, 6)


def of(e: dict[str, Any]) -> str:
    """Standing of an allegation record (allegation_records or view data)."""
    sources = e.get("independent_source_count", e.get("sources", 0))
    denying = e.get("denying_source_count", e.get("denying", 0))
    return standing(int(sources or 0), int(denying or 0))


MAX_NODE_SIZE = 40.0


def node_size(claims: int) -> float:
    """Node size: grows with the square root of the claims, capped so that a hub never covers the graph."""
    return round(min(MAX_NODE_SIZE, 10 + 4 * max(claims, 0) ** 0.5), 2)
