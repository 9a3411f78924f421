"""Static, print-quality figures with matplotlib and a networkx layout, in the view's encoding."""

from __future__ import annotations

from pathlib import Path

from ..viz import encoding
from .bundle import Bundle, edge_colour


def write_figure(bundle: Bundle, path: Path, fmt: str, title: str = "") -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import networkx as nx
    from matplotlib.lines import Line2D

    from ..viz.view import KIND_COLOURS, PREDICATE_COLOURS

    matplotlib.rcParams["svg.hashsalt"] = "allegraph"
    matplotlib.rcParams["svg.fonttype"] = "none"
    matplotlib.rcParams["pdf.fonttype"] = 42
    g = nx.MultiDiGraph()
    for a in bundle.actors:
        g.add_node(a["id"])
    for e in bundle.allegations:
        g.add_edge(e["subject"]["id"], e["object"]["id"])
    from ..viz.view import layout

    pos = layout(list(g.nodes), list(g.edges()), scale=1.0)
    fig, ax = plt.subplots(figsize=(11, 8.5), dpi=150)
    ax.set_axis_off()
    styles: dict[tuple[str, float, str], list[tuple[str, str]]] = {}
    for e in bundle.allegations:  # one draw call per style, not per edge
        width = 0.8 if e["independent_source_count"] <= 1 else 1.5 + min(e["independent_source_count"], 6) * 0.6
        key = (edge_colour(e), width, encoding.STANDINGS[encoding.of(e)]["matplotlib"])
        styles.setdefault(key, []).append((e["subject"]["id"], e["object"]["id"]))
    sizes = {a["id"]: a["size"] * 12 for a in bundle.actors}
    arrows = len(bundle.allegations) < 3000  # arrow patches are slow; plain lines beyond that
    extra = {"arrowsize": 10, "connectionstyle": "arc3,rad=0.08"} if arrows else {}
    for (colour, width, style), edgelist in sorted(styles.items()):
        nx.draw_networkx_edges(g, pos, edgelist=edgelist, ax=ax, edge_color=colour, arrows=arrows, width=width,
                               style=style, nodelist=list(sizes), node_size=list(sizes.values()), **extra)
    nx.draw_networkx_nodes(g, pos, ax=ax, nodelist=[a["id"] for a in bundle.actors],
                           node_color=[a["colour"] for a in bundle.actors],
                           node_size=[a["size"] * 12 for a in bundle.actors], linewidths=0.5, edgecolors="#333333")
    nx.draw_networkx_labels(g, pos, ax=ax, labels={a["id"]: a["name"] for a in bundle.actors}, font_size=6)
    kinds = sorted({a["kind"] for a in bundle.actors})
    handles = [Line2D([], [], marker="o", linestyle="", color=KIND_COLOURS.get(k, "#ccc"), label=k) for k in kinds]
    handles += [Line2D([], [], color=c, label=p) for p, c in PREDICATE_COLOURS.items()]
    handles += [Line2D([], [], color="#555", linestyle=style["matplotlib"], linewidth=3 if name == "corroborated" else 1.2,
                       label=style["label"]) for name, style in encoding.STANDINGS.items()]
    ax.legend(handles=handles, loc="lower left", fontsize=6, frameon=True, ncol=2)
    if title:
        ax.set_title(title, fontsize=10)
    metadata = {"svg": {"Date": None, "Creator": "allegraph"}, "pdf": {"CreationDate": None, "ModDate": None, "Creator": "allegraph"},
                "png": {"Software": "allegraph"}}[fmt]
    fig.savefig(path, format=fmt, metadata=metadata, bbox_inches="tight")
    plt.close(fig)
    return [path]
