"""Files out of a store: exports, the view, the evaluation against gold annotations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..exports.jsonl import write_jsonl
from ..progress import Stages
from ..queries.records import actor_map, allegation_records, claim_records, doc_map
from ..queries.runner import read
from ..schema.catalogue import load_catalogue
from ..schema.model import Document
from ..settings import Settings
from ..store import open_store
from ..storefiles import use_recorded
from .reading import resolve_filters


EXPORT_FORMATS = {"claims": ("jsonl",), "allegations": ("jsonl",), "table": ("markdown", "latex", "csv"),
                  "figure": ("svg", "pdf", "png"), "graphml": ("graphml",), "gexf": ("gexf",), "json": ("json",),
                  "cytoscape": ("json",), "csv": ("csv",), "neo4j-admin": ("csv",), "cypher": ("cypher",),
                  "jsonld": ("jsonld",)}


def export(settings: Settings, what: str, out: Path, fmt: str | None = None, *, bibtex: Path | None = None,
           timestamp: bool = False, size: str = "two-column", title: str = "", progress: bool = False,
           **filters: Any) -> list[Path]:
    """Write one export (and its manifest). Returns the files written. ``progress``: a progress line
    on a terminal (the CLI's)."""
    stages = Stages(["reading the store", "selecting", f"writing {what}"], progress, "export")
    try:
        return _export(settings, what, out, fmt, stages, bibtex=bibtex, timestamp=timestamp, size=size, title=title,
                       **filters)
    finally:
        stages.close()


def _export(settings: Settings, what: str, out: Path, fmt: str | None, stages: Stages, *, bibtex: Path | None,
            timestamp: bool, size: str, title: str, **filters: Any) -> list[Path]:
    from ..exports.bundle import make_bundle
    from ..exports.manifest import build_manifest, manifest_json
    from ..graph.filters import Filters
    from ..graph.judgements import load_judgements

    if what not in EXPORT_FORMATS:
        raise UsageError(f"unknown export {what!r}; one of {', '.join(EXPORT_FORMATS)}")
    fmt = fmt or EXPORT_FORMATS[what][0]
    if fmt not in EXPORT_FORMATS[what]:
        raise UsageError(f"export {what} writes {', '.join(EXPORT_FORMATS[what])}, not {fmt!r}")
    catalogue = load_catalogue(settings.catalogue or None)
    with open_store(settings, write=False, create=False) as store:
        filters = resolve_filters(store, filters)
        flt = Filters(**{k: v for k, v in filters.items() if v is not None})
        allegations = allegation_records(store)
        claims = claim_records(store)
        docs = doc_map(store)
        hashes = [r["text_hash"] for r in read(store, "text_hashes")]
        stale = store.get_meta("aggregation") == "dirty"
    stages.next()
    manifest = build_manifest(settings, what=what, fmt=fmt, filters=flt.as_dict(), text_hashes=hashes,
                              catalogue_digest=catalogue.digest, judgements_digest=load_judgements(settings.judgements).digest,
                              timestamp=timestamp, stale=stale)
    out.parent.mkdir(parents=True, exist_ok=True)
    bundle = make_bundle(allegations, claims, docs, flt)
    stages.next()
    if what in ("claims", "allegations"):
        filtered = bool(flt.as_dict().keys() - {"depth"})
        records = bundle.allegations if what == "allegations" else (bundle.claims if filtered else claims)
        written = [out]
        write_jsonl(records, out)
    elif what == "table":
        from ..exports.tables import write_table

        written = write_table(bundle, out, fmt, bibtex)
    elif what == "figure":
        from ..exports.figures import write_figure

        written = write_figure(bundle, out, fmt, title, size=size, filters=flt.as_dict())
    else:
        from ..exports.graphs import FOLDER_FORMATS, WRITERS

        written = WRITERS[what](bundle, out)
        if what in FOLDER_FORMATS:
            (out / "manifest.json").write_text(manifest_json(manifest), encoding="utf-8")
            return written + [out / "manifest.json"]
    side = out.with_name(out.name + ".manifest.json")
    side.write_text(manifest_json(manifest), encoding="utf-8")
    return written + [side]


def export_records(settings: Settings, kind: str) -> list[dict[str, Any]]:
    with open_store(settings, write=False, create=False) as store:
        if kind == "claims":
            return claim_records(store)
        if kind == "allegations":
            return allegation_records(store)
    raise UsageError(f"unknown export {kind!r}")


def view(settings: Settings, out: Path | None = None, **filters: Any) -> Any:
    """Write the HTML view; returns an object that displays inline in Jupyter."""
    from ..viz.view import write_view

    with open_store(settings, write=False, create=False) as store:
        filters = resolve_filters(store, filters)
        allegations = allegation_records(store)
        claims = claim_records(store)
        docs = doc_map(store)
        stored = actor_map(store)
    catalogue = load_catalogue(settings.catalogue or None)
    aliases = {i: sorted(set(a["aliases"]) | (set(catalogue.actors[i].names()) if i in catalogue.actors else set()))
               for i, a in stored.items()}
    return write_view(allegations, claims, docs, out or Path("out/graph.html"), aliases=aliases,
                      cluster_above=settings.view_cluster_above, **filters)


def evaluate(settings: Settings, gold_dir: Path, *, actors: bool = False) -> tuple[list[Any], Any]:
    """Score stored claims against the gold files; with ``actors``, also actor-level recall (the
    stored texts are parsed again to list every actor the extractor resolves in them)."""
    from ..evaluation import load_gold, score_actors, score_document, total

    golds = load_gold(gold_dir)
    with open_store(settings, write=False, create=False) as store:
        settings, _ = use_recorded(settings, store)
        claims = claim_records(store)
        actors_map = actor_map(store)
        texts = {}
        if actors:
            texts = {(d["path"], d["external_id"]): d for d in store.iter_documents()}
    for c in claims:
        for key in ("subject", "object", "origin"):
            if c[key]:
                c[key] = actors_map.get(c[key]["id"], {**c[key], "aliases": []})
    extractor = None
    if actors:
        from ..extract.extractor import Extractor

        extractor = Extractor(settings, load_catalogue(settings.catalogue or None))
    scores = []
    for path, gold in golds:
        target = gold.get("document", path.name.replace(".gold.json", ""))
        stem = Path(target).stem

        def same(doc_path: str, external_id: str) -> bool:
            return Path(doc_path.split("[")[0].split(":")[0]).name == target or external_id == stem \
                or Path(doc_path).stem == stem

        mine = [c for c in claims if same(c["document"]["path"], c["document"]["external_id"])]
        score = score_document(path.name.replace(".gold.json", ""), gold, mine)
        if extractor is not None:
            doc = next((d for (p, e), d in sorted(texts.items()) if same(p or "", e or "")), None)
            if doc is not None:
                score_actors(score, gold, doc["text"], extractor.resolved_actors(
                    Document(**{k: v for k, v in doc.items() if k != "locations"})))
        scores.append(score)
    return scores, total(scores)
