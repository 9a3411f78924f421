"""Static figures for print with matplotlib, in the view's encoding (schema/encoding.yaml).

- each connected part is laid out on its own and the parts are packed in rows, largest first, so
  a graph with islands does not squeeze its main part into a corner;
- only the actors with the most claims are labelled (the others are still drawn), labels on a
  white box above their node;
- the legend sits below the plot, never on it; the title and caption say what is shown (the
  filters, the counts, how to read the lines);
- sizes for one and two columns of a paper; SVG with text as paths and PDF with embedded
  TrueType fonts, so the figure looks the same on any machine; no timestamps (reproducible).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from ..schema import encoding
from ..graph.layout import packed_layout
from .bundle import Bundle, edge_colour

SIZES = {"one-column": (3.5, 3.9), "two-column": (7.16, 6.2), "page": (10.5, 8.5)}  # inches (width, height)
LABELS = {"one-column": 10, "two-column": 25, "page": 40}


def _labels(fig: Any, ax: Any, bundle: Bundle, pos: dict[str, tuple[float, float]], sizes: dict[str, float],
            limit: int, font: float) -> list[str]:
    """Label the actors with most claims, most first, each above its node (or below, if above is
    taken); a label that would overlap one already placed is left out."""
    renderer = fig.canvas.get_renderer()
    placed: list[Any] = []
    shown: list[Any] = []
    for a in sorted(bundle.actors, key=lambda a: (-a["claims"], a["name"]))[: limit * 2]:
        if len(shown) >= limit:
            break
        offset = 2 + math.sqrt(sizes[a["id"]]) / 2
        for dy, va in ((offset, "bottom"), (-offset, "top")):
            text = ax.annotate(a["name"], pos[a["id"]], xytext=(0, dy), textcoords="offset points", ha="center", va=va,
                               fontsize=font, bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.8})
            box = text.get_window_extent(renderer).expanded(1.05, 1.1)
            if not any(box.overlaps(other) for other in placed):
                placed.append(box)
                shown.append(a["id"])
                break
            text.remove()
    return shown


def describe(filters: dict[str, Any], names: dict[str, str] | None = None) -> str:
    """The filters of a figure in words, for its title (actors by name)."""
    names = names or {}
    parts = []
    if filters.get("actor"):
        parts.append(f"around {names.get(filters['actor'], filters['actor'])} (depth {filters.get('depth', 1)})")
    if filters.get("predicate"):
        parts.append(encoding.family_label(filters["predicate"]))
    if filters.get("min_sources"):
        parts.append(f"≥ {filters['min_sources']} independent sources")
    if filters.get("only_single_source"):
        parts.append("single-source only")
    if filters.get("origin"):
        parts.append(f"asserted by {names.get(filters['origin'], filters['origin'])}")
    if filters.get("since") or filters.get("until"):
        parts.append(f"{filters.get('since') or '…'} – {filters.get('until') or '…'}")
    return "; ".join(parts)


def write_figure(bundle: Bundle, path: Path, fmt: str, title: str = "", *, size: str = "two-column",
                 filters: dict[str, Any] | None = None) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import networkx as nx
    from matplotlib.lines import Line2D

    if size not in SIZES:
        from ..errors import UsageError

        raise UsageError(f"figure size {size!r}: one of {', '.join(SIZES)}")
    matplotlib.rcParams.update({"svg.hashsalt": "allegraph", "svg.fonttype": "path", "pdf.fonttype": 42,
                                "font.family": "DejaVu Sans"})
    small = size == "one-column"
    font = 5 if small else 6
    g = nx.MultiDiGraph()
    g.add_nodes_from(a["id"] for a in bundle.actors)
    for e in bundle.allegations:
        g.add_edge(e["subject"]["id"], e["object"]["id"])
    pos = packed_layout(list(g.nodes), [(a, b) for a, b, _ in g.edges])
    fig = plt.figure(figsize=SIZES[size], dpi=300 if fmt == "png" else 100, layout="constrained")
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.set_aspect("equal")
    scale = 0.2 if small else 0.3  # markers small enough that a dense centre stays readable (checked on 300 articles)
    sizes = {a["id"]: a["size"] * 12 * scale for a in bundle.actors}
    styles: dict[tuple[str, float, str, str], list[tuple[str, str]]] = {}
    for e in bundle.allegations:  # one draw call per style, not per edge
        sources = e["independent_source_count"]
        width = (0.5 if sources <= 1 else 0.9 + min(sources, 6) * 0.35) * (0.8 if small else 1)
        key = (edge_colour(e), width, encoding.STANDINGS[encoding.of(e)]["matplotlib"],
               encoding.predicate_style(e["predicate"])["matplotlib"])
        styles.setdefault(key, []).append((e["subject"]["id"], e["object"]["id"]))
    arrows = len(bundle.allegations) < 3000  # arrow patches are slow; plain lines beyond that
    for (colour, width, style, head), edgelist in sorted(styles.items()):
        extra = {"arrowstyle": head, "arrowsize": 6 if small else 8, "connectionstyle": "arc3,rad=0.08"} if arrows else {}
        nx.draw_networkx_edges(g, pos, edgelist=edgelist, ax=ax, edge_color=colour, arrows=arrows, width=width,
                               style=style, nodelist=list(sizes), node_size=list(sizes.values()), **extra)
    by_marker: dict[str, list[dict[str, Any]]] = {}
    for a in bundle.actors:
        by_marker.setdefault(encoding.kind_style(a["kind"])["marker"], []).append(a)
    for marker, group in sorted(by_marker.items()):
        nx.draw_networkx_nodes(g, pos, ax=ax, nodelist=[a["id"] for a in group], node_shape=marker,
                               node_color=[a["colour"] for a in group], node_size=[sizes[a["id"]] for a in group],
                               linewidths=0.4, edgecolors="#333333")
    kinds = sorted({a["kind"] for a in bundle.actors})
    families = sorted({e["predicate"] for e in bundle.allegations})
    handles = [Line2D([], [], marker=encoding.kind_style(k)["marker"], linestyle="", color=encoding.kind_colour(k),
                      markeredgecolor="#333333", markeredgewidth=0.4, label=encoding.kind_label(k).split(" (")[0])
               for k in kinds]
    handles += [Line2D([], [], color=encoding.predicate_colour(p), label=encoding.family_label(p)) for p in families]
    handles += [Line2D([], [], color="#555", linestyle=style["matplotlib"], linewidth=2 if name == "corroborated" else 0.8,
                       label=style["label"]) for name, style in encoding.STANDINGS.items()]
    fig.legend(handles=handles, loc="outside lower center", fontsize=font, frameon=False,
               ncol=2 if small else 4, handlelength=2.2, columnspacing=1.0)
    what = describe(filters or {}, {a["id"]: a["name"] for a in bundle.actors})
    heading = title or ("Allegations" + (f": {what}" if what else ""))
    fig.suptitle(heading, fontsize=font + 3)
    documents = len(bundle.documents)
    subtitle = ax.set_title(f"{len(bundle.actors)} actors, {len(bundle.allegations)} allegations from {documents} documents",
                            fontsize=font, color="#444444")
    fig.canvas.draw()  # the layout settles (legend, titles) before labels are placed, so their overlaps are final
    fig.set_layout_engine("none")
    top = _labels(fig, ax, bundle, pos, sizes, LABELS[size], font)
    subtitle.set_text(subtitle.get_text() + f"; labelled: {len(top)} of the actors with most claims")
    metadata = {"svg": {"Date": None, "Creator": "allegraph"}, "pdf": {"CreationDate": None, "ModDate": None, "Creator": "allegraph"},
                "png": {"Software": "allegraph"}}[fmt]
    fig.savefig(path, format=fmt, metadata=metadata)
    plt.close(fig)
    return [path]
