"""The functions a notebook or script needs, exported by ``allegraph`` itself.

Each takes the store as ``store=`` (a folder, or a ``bolt://`` URI; default: the ``store``
setting) and any other setting as a keyword (``model=``, ``catalogue=``, ``judgements=`` …),
applied over ``allegraph.toml`` and ``ALLEGRAPH_*`` as on the command line. They call
``allegraph.api``, which takes a ``Settings`` object, for everything else (docs/python.md).

>>> import allegraph
>>> report = allegraph.ingest(["samples/"], store="my-store")
>>> allegraph.query("single_source_allegations", store="my-store").head()
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from . import api
from .settings import Settings, load_settings


def settings(store: str | Path | None = None, **overrides: Any) -> Settings:
    """The settings these functions use: defaults < allegraph.toml < ALLEGRAPH_* < the keywords.

    >>> allegraph.settings(store="my-store", model="en_core_web_md").model
    'en_core_web_md'
    """
    flags = {k: v for k, v in overrides.items() if v is not None}
    if store is not None:
        flags["store"] = str(store)
    return load_settings(flags)


def ingest(paths: str | Path | Sequence[str | Path], *, store: str | Path | None = None, outlet: str | None = None,
           progress: bool = False, **overrides: Any) -> api.IngestReport:
    """Read articles (files or folders), extract their allegations and store them. Re-running is
    safe: stored documents are recognised by their text and not counted twice.

    >>> r = allegraph.ingest("corpus/", store="my-store")
    >>> r.new, r.claims, r.skipped[:3]
    (7, 74, [])
    """
    items = [paths] if isinstance(paths, (str, Path)) else list(paths)
    return api.ingest(items, settings(store, **overrides), outlet=outlet, progress=progress)


def query(name_or_cypher: str, params: dict[str, Any] | None = None, *, store: str | Path | None = None,
          frame: bool = True, write: bool = False, **overrides: Any) -> Any:
    """A named query (``allegraph queries`` lists them) or your own Cypher, read-only unless
    ``write=True``. Returns a pandas DataFrame, or with ``frame=False`` a list of dicts.

    >>> allegraph.query("allegations_about", {"actor": "HTS"}, store="my-store")
    >>> allegraph.query("MATCH (a:Actor) RETURN a.name AS name LIMIT 5", store="my-store", frame=False)
    [{'name': 'Iran'}, …]
    """
    cols, rows = api.query(settings(store, **overrides), name_or_cypher,
                           {k: str(v) for k, v in (params or {}).items()}, write=write)
    if not frame:
        return [dict(zip(cols, r)) for r in rows]
    import pandas as pd

    return pd.DataFrame(rows, columns=cols)


@dataclass
class Explanation:
    """What ``explain`` returns: the edge, the claims behind it and the terms of its confidence
    (``.data``, as ``allegraph.api.explain`` gives them); printed, it reads as the CLI's ``explain``."""

    data: dict[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def __str__(self) -> str:
        return format_explanation(self.data)

    def _repr_markdown_(self) -> str:
        return "```text\n" + str(self) + "\n```"


def explain(subject: str, predicate: str, obj: str, *, store: str | Path | None = None,
            **overrides: Any) -> Explanation:
    """One allegation: every claim behind it, which origins count and why, each confidence term.

    >>> print(allegraph.explain("Türkiye", "supports", "HTS", store="my-store"))
    """
    return Explanation(api.explain(settings(store, **overrides), subject, predicate, obj))


def view(out: str | Path | None = None, *, store: str | Path | None = None, height: int = 650,
         **filters: Any) -> Any:
    """Write the interactive HTML view (default out/graph.html) and return it; in Jupyter it shows
    inline. Filters as on the command line: ``actor``, ``depth``, ``predicate``, ``min_sources``,
    ``since``, ``until``, ``undated``, ``origin``, ``only_single_source``, ``include_contested``.

    >>> allegraph.view(store="my-store", actor="HTS", depth=2)
    """
    s = settings(store)
    shown = api.view(s, Path(out) if out else None, **filters)
    shown.height = height
    return shown


def to_networkx(*, store: str | Path | None = None, **filters: Any) -> Any:
    """The (filtered) allegation graph as a networkx MultiDiGraph: actors as nodes with their
    name and kind, allegations as edges with predicate, sources, standing and confidence.

    >>> g = allegraph.to_networkx(store="my-store", min_sources=2)
    >>> sorted(g.degree, key=lambda x: -x[1])[:5]
    """
    from .exports.bundle import make_bundle
    from .exports.graphs import to_networkx as bundle_graph
    from .queries.records import allegation_records, claim_records, doc_map
    from .graph.filters import Filters
    from .store import open_store

    with open_store(settings(store), write=False, create=False) as st:
        filters = api.resolve_filters(st, filters)
        bundle = make_bundle(allegation_records(st), claim_records(st), doc_map(st),
                             Filters(**{k: v for k, v in filters.items() if v is not None}))
    return bundle_graph(bundle)


def export(what: str, out: str | Path, fmt: str | None = None, *, store: str | Path | None = None,
           bibtex: str | Path | None = None, **filters: Any) -> list[Path]:
    """Write an export and its manifest (docs/exports.md); returns the files written.

    >>> allegraph.export("gexf", "out/graph.gexf", store="my-store", since="2024-01-01")
    >>> allegraph.export("table", "out/table.tex", "latex", store="my-store", bibtex="out/refs.bib")
    """
    return api.export(settings(store), what, Path(out), fmt, bibtex=Path(bibtex) if bibtex else None, **filters)


def stats(*, store: str | Path | None = None) -> dict[str, int]:
    """Counts of documents, actors, claims, allegation edges and non-English documents."""
    return api.stats(settings(store))


def format_explanation(out: dict[str, Any]) -> str:
    """The text of ``allegraph explain``."""
    e = out["edge"]
    lines = [f"{e['subject']} {e['predicate']} {e['object']}: {e['claim_count']} claim(s), "
             f"{e['independent_source_count']} independent source(s), {e['denying_source_count']} denying; "
             f"single_source={e['single_source']} contested={e['contested']} confidence={e['confidence']:.3f}",
             f"origins: {', '.join(e['origins']) or '-'}; relays: {', '.join(e['relays']) or '-'}",
             "", "counted origins (one chain per document: an outlet quoting a source relays it; syndicated copies "
             "count once, carried by the earliest dated copy; origins in one source group count once):"]
    for carrier in e["carriers"]:
        denies = " (denies)" if carrier["origin"] in e.get("origin_documents", {}) and carrier["origin"] not in e["origins"] else ""
        lines.append(f"  {carrier['name']}{denies} [group {carrier['group']}], in {len(carrier['documents'])} document(s):")
        for d in carrier["documents"]:
            lines.append(f"    {d.get('title') or d.get('path') or d['id']} ({d.get('outlet') or '?'}, "
                         f"{d.get('published') or 'undated'})")
    lines += ["", "claims:"]
    for c in out["claims"]:
        origin = (c["origin"] or {}).get("name", "anonymous")
        relays = ", ".join(r["name"] for r in c["relays"]) or "-"
        counting = "counts in " + c["origin_group"] if c["counting"] in ("", "counts") else c["counting"]
        lines += ["", f"- {c['polarity']} by {origin} ({c['attribution']}; {counting}), relays: {relays}",
                  f"  {c['document']['title'] or c['document']['path']} ({c['document']['outlet'] or '?'}, "
                  f"{c['published'] or 'undated'})",
                  f"  “{c['evidence']['text']}”  [rule: {c.get('rule') or '-'}]"]
    lines += ["", "confidence terms:"]
    lines += [f"  {t['name']:<22} {t['value']:+.3f}  {t['explanation']}" for t in out["terms"]]
    lines.append(f"  {'total (clamped 0..1)':<22} {e['confidence']:.3f}")
    return "\n".join(lines)
