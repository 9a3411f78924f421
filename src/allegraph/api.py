"""The orchestration functions the CLI and notebooks call. Plain functions, plain data."""

from __future__ import annotations

import itertools
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from .errors import InputError, Interrupted, JudgementError, StoreError, UsageError
from .exports.jsonl import write_jsonl
from .queries.records import actor_map, allegation_records, claim_records, doc_map, origin_label
from .graph.aggregate import aggregate, confidence_terms, count_origins, origin_key, source_group
from .schema.ids import edge_id
from .ingest.clean import make_document
from .ingest.readers import Note, expand_paths, iter_records
from .progress import Bar, Stages, size
from .queries.runner import load_queries, read, run_named
from .schema.resolve import ActorIndex
from .rows import rows_for
from .schema.catalogue import Catalogue, load_catalogue
from .schema.model import Document
from .settings import Settings
from .store import open_store
from .graph.edges import judgement_resolver, update_edges, with_alias_merges
from .storefiles import record_files, use_recorded


@dataclass
class IngestReport:
    read: int = 0
    new: int = 0
    already: int = 0
    claims: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # files recorded in the store that this run used
    passed: list[tuple[str, str]] = field(default_factory=list)  # not articles by name (a folder's README)

    @property
    def ok(self) -> bool:
        return not self.skipped


def iter_documents(paths: Sequence[str | Path], settings: Settings, report: IngestReport,
                   outlet: str | None = None, bar: Bar | None = None,
                   items: Sequence[Path | InputError | Note] | None = None) -> Iterator[Document]:
    """Read and clean the inputs one record at a time; bad ones go to report.skipped. Yields every
    document read, repeats included, each with the path it was read from. ``items``: the inputs
    already walked (expand_paths), so that a caller that needs them too walks the folders once."""
    items = list(expand_paths(paths)) if items is None else items
    bar = bar or Bar(items, False)
    for item in items:
        if isinstance(item, Note):
            report.passed.append((item.source, item.message))
            continue
        if isinstance(item, InputError):
            report.skipped.append((item.source, item.reason))
            continue
        done, last = 0, None
        try:
            for record in iter_records(item, settings.max_file_mb):
                if isinstance(record, Note):
                    report.warnings.append(f"{record.source}: {record.message}")
                    continue
                if isinstance(record, InputError):
                    report.skipped.append((record.source, record.reason))
                    continue
                try:
                    doc, warnings = make_document(record.text, record.meta, record.source,
                                                  detect_header=record.detect_header, outlet=outlet,
                                                  max_chars=settings.max_document_chars)
                except InputError as exc:
                    report.skipped.append((exc.source, exc.reason))
                    continue
                report.read += 1
                report.warnings += warnings
                if last is not None:
                    yield last
                step = len(record.text.encode("utf-8", "replace"))
                bar.owe(doc.id, step)
                done += step
                last = doc
        except InputError as exc:
            report.skipped.append((exc.source, exc.reason))
        if last is not None:
            bar.owe(last.id, size(item) - done)
            yield last
        else:
            bar.advance(size(item) - done)


@dataclass
class _Seen:
    """What one ingest has met so far: ids only (the store holds the rest), and the extra paths of
    texts met more than once, to be added to their documents' locations at the end."""

    ids: set[str] = field(default_factory=set)
    repeats: dict[str, set[str]] = field(default_factory=dict)
    moved: dict[str, set[str]] = field(default_factory=dict)


def _new_documents(documents: Iterable[Document], store: Any, report: IngestReport, seen: _Seen,
                   chunk: int, bar: Bar | None = None) -> Iterator[Document]:
    """The documents the store does not hold yet, each once, looked up a chunk at a time."""
    stream = iter(documents)
    while part := list(itertools.islice(stream, chunk)):
        stored = store.existing_documents([d.id for d in part if d.id not in seen.ids])
        for doc in part:
            if doc.id in seen.ids:
                seen.repeats.setdefault(doc.id, set()).add(doc.path)
                if bar is not None:
                    bar.paid(doc.id)
                continue
            seen.ids.add(doc.id)
            if doc.id in stored:
                if bar is not None:
                    bar.paid(doc.id)
                report.already += 1
                if doc.path and doc.path not in stored[doc.id]:
                    seen.moved.setdefault(doc.id, set()).add(doc.path)
                continue
            yield doc


def _record_locations(store: Any, seen: _Seen, report: IngestReport) -> None:
    ids = sorted(set(seen.repeats) | set(seen.moved))
    if not ids:
        return
    stored = store.existing_documents(ids)
    changed = {}
    for doc_id in ids:
        locs = stored.get(doc_id, [])
        extra = (seen.repeats.get(doc_id, set()) | seen.moved.get(doc_id, set())) - set(locs) - {""}
        if extra:
            changed[doc_id] = sorted(set(locs) | extra)
        others = sorted(seen.repeats.get(doc_id, set()) - set(locs[:1]))
        if doc_id in seen.repeats and others:
            report.warnings.append(f"{locs[0] if locs else doc_id}: same text as {', '.join(others)}; stored once")
    if changed:
        store.add_locations(changed)


def ingest(paths: Sequence[str | Path], settings: Settings, *, outlet: str | None = None,
           progress: bool = True, catalogue: Catalogue | None = None, dask: str | None = None) -> IngestReport:
    """Read, clean, extract and store articles, then update the allegation edges they touch.
    Streams: documents are read, looked up, parsed and written a chunk at a time, so memory does
    not grow with the corpus (docs/performance.md)."""
    report = IngestReport()
    chunk = max(1, settings.write_batch)
    seen = _Seen()
    with open_store(settings) as store:
        settings, report.notes = use_recorded(settings, store)
        catalogue = catalogue or load_catalogue(settings.catalogue or None)
        dirty = store.get_meta("aggregation") == "dirty"
        touched: set[tuple[str, str, str]] = set()
        items = list(expand_paths(paths))  # walked once: the bar needs their sizes, the reader the files
        bar = Bar(items, progress)
        new_docs = _new_documents(iter_documents(paths, settings, report, outlet, bar, items), store, report, seen, chunk,
                                  bar)
        first = next(new_docs, None)
        if first is not None:  # load the model only when there is something to parse
            recorded = store.get_meta("model") or ""
            if recorded and recorded != settings.model:
                report.warnings.append(f"the store's documents were extracted with {recorded}, these with {settings.model}: "
                                       f"run 'allegraph rebuild' to re-extract them all with {settings.model}")
            elif not recorded and not store.stats().get("documents"):
                store.set_meta("model", settings.model)
            bar.note(f"loading {settings.model}")
            if dask:
                from .extract.distributed import DaskExtractor

                extractor: Any = DaskExtractor(settings, dask, catalogue)
            else:
                from .extract.extractor import Extractor

                extractor = Extractor(settings, catalogue)
            buffer: list[Any] = []

            def flush() -> None:
                rows = rows_for(buffer, catalogue)
                if not report.new:  # from the first write until the edges are rebuilt
                    store.set_meta("aggregation", "dirty")
                store.write_batch(rows["documents"], rows["actors"], rows["claims"], rows["affiliations"], rows["lineage"])
                report.new += len(buffer)
                report.claims += len(rows["claims"])
                touched.update((c["subject_id"], c["predicate"], c["object_id"]) for c in rows["claims"])
                buffer.clear()

            bar.note("ingest")
            # one stream through the parser, so its worker processes keep parsing while batches are written
            stream = extractor.extract_many(itertools.chain([first], new_docs), n_process=settings.workers)
            try:
                for ex in stream:
                    bar.paid(ex.document.id)
                    report.warnings += list(ex.warnings)
                    buffer.append(ex)
                    if len(buffer) >= chunk:
                        flush()
                if buffer:
                    flush()
            except KeyboardInterrupt:
                raise Interrupted(f"ingest interrupted: {report.new} new document(s) with {report.claims} claims were "
                                  "stored and are kept (the edges are recomputed by the next command that writes); "
                                  "run the same command again to finish: stored documents are skipped") from None
            finally:
                bar.close()
                if dask:
                    extractor.close()
        bar.close()
        _record_locations(store, seen, report)
        if dirty or touched:
            report.warnings += update_edges(store, catalogue, settings, None if dirty else touched)
        record_files(settings, store)
    return report


def judge(settings: Settings, entry: dict[str, Any]) -> list[str]:
    """Append a judgement to the judgements file and rebuild the edges; the file is restored if
    the judgement is invalid (unknown actor, conflict)."""
    from .graph.judgements import SKIPPED, append_judgement

    with open_store(settings, write=False, create=False) as store:
        settings, _ = use_recorded(settings, store)  # the store's own judgements file, not the cwd's
        if entry.get("claim") and entry["action"] in ("reject", "confirm", "origin") and "document" not in entry:
            found = store.claim(entry["claim"])
            if found:  # so that the entry still finds its claim when a catalogue change renames an actor
                entry = {**entry, "document": found["document_id"], "evidence": _evidence_key(found["evidence_text"] or ""),
                         "predicate": found["predicate"]}
    path = Path(settings.judgements)
    before = path.read_text(encoding="utf-8") if path.exists() else None
    append_judgement(path, entry)
    from .graph.judgements import load_judgements

    number = len(load_judgements(path).entries)

    def restore() -> None:
        if before is None:
            path.unlink()
        else:
            path.write_text(before, encoding="utf-8")

    try:
        lines = apply_judgements(settings)
    except BaseException:
        restore()
        raise
    mine = [line for line in lines if f": entry {number} (" in line and SKIPPED in line]
    if mine:  # the new entry names no actor: refused, and the edges rebuilt as the restored file says
        restore()
        apply_judgements(settings, progress=False)
        raise JudgementError(mine[0].split("; " + SKIPPED, 1)[0] + "; nothing was recorded")
    return lines


def _evidence_key(text: str) -> str:
    """A piece of a claim's sentence that identifies it within its document: its first 80 characters."""
    return text[:80]


def apply_judgements(settings: Settings, *, progress: bool = True) -> list[str]:
    """Recompute every edge with the judgements file; an embedded store is rewritten as a copy that
    replaces it only when complete, so an interruption changes nothing."""
    with open_store(settings, create=False) as store:
        settings, notes = use_recorded(settings, store)
        catalogue = load_catalogue(settings.catalogue or None)
        try:
            with rewriting(store, copy=True) as target:
                unmatched = update_edges(target, catalogue, settings, None, progress=progress)
                record_files(settings, target)
        except KeyboardInterrupt:
            kept = "the store is as it was" if hasattr(store, "staged") else "the edges are marked for recomputing"
            raise Interrupted(f"judge apply interrupted: {kept}; run it again") from None
        return [f"note: {n}" for n in notes] + unmatched


@contextmanager
def rewriting(store: Any, *, copy: bool, key: str = "") -> Iterator[Any]:
    """Where a command that rewrites stored data writes. An embedded store: a staging graph beside
    the current one, swapped in by one atomic rename when the command finishes, so an interruption
    leaves the store as it was (store/embedded.py). A server store: the store itself, in batches
    that are each one transaction, with the edges marked dirty until they are recomputed."""
    if not hasattr(store, "staged"):
        yield store
        return
    target = store.staged(copy=copy, key=key)
    try:
        yield target
    except BaseException:
        if copy or not key:
            store.discard(target)  # nothing to resume: the old graph was never touched
        else:
            target.close()  # kept for 'rebuild' to resume
            store._reopen()
        raise
    store.swap_in(target)


def _rebuild_key(settings: Settings, catalogue: Catalogue, ids: list[str]) -> str:
    from .schema.ids import digest

    return digest(catalogue.digest, settings.model, settings.disabled_rules, *ids, size=16)


def rebuild(settings: Settings, *, progress: bool = True) -> IngestReport:
    """Re-extract every stored document with the current catalogue and model, from the stored text.
    Never destroys before it has built: an embedded store is rebuilt into a staging graph and
    swapped in at the end (an interrupted rebuild resumes where it stopped); a server store has
    each batch of documents' claims replaced in one transaction."""
    with open_store(settings, create=False) as store:
        settings, notes = use_recorded(settings, store)
        catalogue = load_catalogue(settings.catalogue or None)
        stored = [d for d in store.iter_documents() if not d["id"].startswith("doc_manual_")]
        fields = set(Document.__dataclass_fields__)
        docs = [Document(**{k: v for k, v in row.items() if k in fields}) for row in stored]
        saved = {row["id"]: row["locations"] for row in stored}
        key = _rebuild_key(settings, catalogue, [d.id for d in docs])
        report = IngestReport(read=len(docs), notes=notes)
        with rewriting(store, copy=False, key=key) as target:
            staged = target is not store
            if staged:
                done = set(target.existing_documents([d.id for d in docs]))
            else:  # a server: the progress of an interrupted run with the same key is in the meta
                mark = store.get_meta("rebuild_progress") or ""
                last = mark.split(":", 1)[1] if mark.startswith(key + ":") else ""
                done = {d.id for d in docs if last and d.id <= last}
                target.set_meta("aggregation", "dirty")
            if done:
                report.notes.append(f"resuming an interrupted rebuild: {len(done)} of {len(docs)} documents were "
                                    "re-extracted before it stopped")
            todo = sorted((d for d in docs if d.id not in done), key=lambda d: d.id)
            if progress:
                print(f"rebuild: re-extracting {len(todo)} of {len(docs)} documents "
                      + ("into a staging copy; the store stays as it is until the end" if staged else
                         "a batch at a time"), file=sys.stderr, flush=True)
            try:
                _re_extract(target, todo, saved, catalogue, settings, report, staged=staged, key=key, progress=progress)
                report.warnings += update_edges(target, catalogue, settings, None)
                record_files(settings, target)
                target.set_meta("model", settings.model)
            except KeyboardInterrupt:
                where = ("the store is as it was; run 'allegraph rebuild' again to resume" if staged else
                         "documents not yet re-extracted keep their old claims; run 'allegraph rebuild' again to resume")
                raise Interrupted(f"rebuild interrupted after {len(done) + report.new} of {len(docs)} documents: "
                                  f"{where}") from None
            if not staged:
                store.set_meta("rebuild_progress", "")
    return report


def _re_extract(target: Any, todo: list[Document], saved: dict[str, list[str]], catalogue: Catalogue,
                settings: Settings, report: IngestReport, *, staged: bool, key: str, progress: bool) -> None:
    if not todo:
        return
    from .extract.extractor import Extractor

    extractor = Extractor(settings, catalogue)
    stream: Iterable[Any] = extractor.extract_many(iter(todo), n_process=settings.workers)
    if progress:
        from tqdm import tqdm

        stream = tqdm(stream, total=len(todo), desc="rebuild", unit="doc", file=sys.stderr, disable=None)
    buffer: list[Any] = []

    def flush() -> None:
        rows = rows_for(buffer, catalogue)
        for doc_row in rows["documents"]:
            doc_row["locations"] = saved.get(doc_row["id"], doc_row["locations"])
        if staged:
            target.write_batch(rows["documents"], rows["actors"], rows["claims"], rows["affiliations"], rows["lineage"])
        else:
            target.write_batch(rows["documents"], rows["actors"], rows["claims"], rows["affiliations"], rows["lineage"],
                               replace=True)
            target.set_meta("rebuild_progress", f"{key}:{buffer[-1].document.id}")
        report.new += len(buffer)
        report.claims += len(rows["claims"])
        buffer.clear()

    for ex in stream:
        report.warnings += list(ex.warnings)
        buffer.append(ex)
        if len(buffer) >= max(1, settings.write_batch):
            flush()
    if buffer:
        flush()


def sync(settings: Settings, *, to: str | None = None, source: str | None = None, progress: bool = True) -> dict[str, int]:
    """Copy one store into another (embedded -> server with `to`, server -> embedded with `source`).
    Idempotent: documents, actors and claims are merged by id; allegation edges are replaced."""
    from .store.base import dump

    if bool(to) == bool(source):
        raise UsageError("sync needs exactly one of --to URI or --from URI")
    src = settings.replace(store=source) if source else settings
    dst = settings.replace(store=to) if to else settings
    with open_store(src, write=False, create=False) as a:
        data = dump(a)
    claims_by_doc: dict[str, list[dict[str, Any]]] = {}
    for c in data["claims"]:
        claims_by_doc.setdefault(c["document_id"], []).append(c)
    with open_store(dst) as store:
        try:
            with rewriting(store, copy=True) as b:  # an embedded target is written as a copy, swapped in at the end
                b.set_meta("aggregation", "dirty")
                docs = data["documents"]
                size = max(1, settings.write_batch)
                batches = range(0, max(len(docs), 1), size)
                if progress:
                    from tqdm import tqdm

                    batches = tqdm(batches, desc="sync", unit="batch", file=sys.stderr, disable=None)
                first = True
                for i in batches:
                    part = docs[i:i + size]
                    claims = [c for d in part for c in claims_by_doc.get(d["id"], [])]
                    b.write_batch(part, data["actors"] if first else [], claims,
                                  data["affiliations"] if first else [], data["lineage"] if first else [])
                    first = False
                b.replace_alleged(data["alleged"], None)
                b.set_meta("aggregation", "clean")
        except KeyboardInterrupt:
            kept = ("the target store is as it was" if hasattr(store, "staged") else
                    "the documents copied so far are kept and the target's edges are marked for recomputing")
            raise Interrupted(f"sync interrupted: {kept}; run the same sync again") from None
        return store.stats()


def duplicates(settings: Settings, *, threshold: float | None = None) -> dict[str, Any]:
    """Clusters of near-identical passages across the stored documents (graph/syndication.py)."""
    from .graph.syndication import passage_clusters

    threshold = settings.syndication_threshold if threshold is None else threshold
    if not 0 < threshold <= 1:
        raise UsageError(f"--threshold {threshold}: give a share between 0 and 1")
    with open_store(settings, write=False, create=False) as store:
        meta = {r[0]: {"id": r[0], "outlet": r[1] or "", "published": r[2] or "", "title": r[3] or ""}
                for r in store.query("MATCH (d:Document) RETURN d.id, d.outlet, d.published, d.title")[1]}
        counted = {"passages": 0}

        def docs() -> Iterator[dict[str, Any]]:
            for row in store.iter_documents():
                counted["passages"] += sum(1 for p in row["text"].split("\n\n") if p.strip())
                yield row

        clusters = passage_clusters(docs(), threshold=threshold)
    return {"threshold": threshold, "documents": len(meta), "passages": counted["passages"],
            "documents_in_clusters": len({d for c in clusters for d in c.documents}),
            "clusters": [{"documents": [meta[d] for d in c.documents], "text": c.text, "members": list(c.members)}
                         for c in clusters]}


def origin_namer(settings: Settings) -> Any:
    """A function naming an origin id as a reader would (exports/records.py origin_label)."""
    with open_store(settings, write=False, create=False) as store:
        names = {k: v["name"] for k, v in actor_map(store).items()}
        docs = doc_map(store)
    return lambda key: origin_label(str(key), names, docs)


def stats(settings: Settings) -> dict[str, int]:
    """Counts; documents not in English are stored without claims and counted apart
    ('allegraph documents list' shows their language)."""
    with open_store(settings, write=False, create=False) as store:
        return {**store.stats(), "non_english_documents": store.non_english_documents()}


def query(settings: Settings, text: str, params: dict[str, str] | None = None,
          write: bool = False) -> tuple[list[str], list[list[Any]]]:
    """Run a named query (by name) or a Cypher statement, read-only unless write=True."""
    params = params or {}
    with open_store(settings, write=write, create=False) as store:
        named = load_queries()
        if text in named:
            actor_params = {p.name for p in named[text].params if p.name in ACTOR_PARAMS}
            if actor_params & set(params):
                index = ActorIndex(actor_map(store).values())
                params = {k: index.resolve(v, k) if k in actor_params else v for k, v in params.items()}
            return run_named(store, text, params)
        if _looks_like_query_name(text):
            from difflib import get_close_matches

            near = get_close_matches(text, list(named), n=3)
            raise UsageError(f"no named query {text!r}" + (f"; did you mean {', '.join(near)}?" if near else
                                                            "; 'allegraph queries' lists them"))
        return store.query(text, dict(params), write=write)


ACTOR_PARAMS = {"actor", "subject", "object", "origin"}  # named-query parameters that name an actor


def _looks_like_query_name(text: str) -> bool:
    """One word of letters, digits and underscores is a query name, not Cypher."""
    import re

    return bool(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", text.strip()))


def resolve_filters(store: Any, filters: dict[str, Any]) -> dict[str, Any]:
    """--actor and --origin names resolved to stored actor ids by the one resolver."""
    wanted = {k: v for k, v in filters.items() if k in ("actor", "origin") and v}
    if not wanted:
        return filters
    index = ActorIndex(actor_map(store).values())
    return {**filters, **{k: index.resolve(v, k) for k, v in wanted.items()}}


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
    from .exports.bundle import make_bundle
    from .exports.manifest import build_manifest, manifest_json
    from .graph.filters import Filters
    from .graph.judgements import load_judgements

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
        _, hashes = store.query("MATCH (d:Document) RETURN d.text_hash")
        stale = store.get_meta("aggregation") == "dirty"
    stages.next()
    manifest = build_manifest(settings, what=what, fmt=fmt, filters=flt.as_dict(), text_hashes=[h[0] for h in hashes],
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
        from .exports.tables import write_table

        written = write_table(bundle, out, fmt, bibtex)
    elif what == "figure":
        from .exports.figures import write_figure

        written = write_figure(bundle, out, fmt, title, size=size, filters=flt.as_dict())
    else:
        from .exports.graphs import FOLDER_FORMATS, WRITERS

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


def evaluate(settings: Settings, gold_dir: Path, *, actors: bool = False) -> tuple[list[Any], Any]:
    """Score stored claims against the gold files; with ``actors``, also actor-level recall (the
    stored texts are parsed again to list every actor the extractor resolves in them)."""
    from .evaluation import load_gold, score_actors, score_document, total

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
        from .extract.extractor import Extractor

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


def explain(settings: Settings, subject: str, predicate: str, obj: str) -> dict[str, Any]:
    """An edge, every claim behind it, and each term of its confidence score."""
    with open_store(settings, write=False, create=False) as store:
        settings, _ = use_recorded(settings, store)
        catalogue = load_catalogue(settings.catalogue or None)
        actors = actor_map(store)

        index = ActorIndex(actors.values())
        s, o = index.resolve(subject, "subject"), index.resolve(obj, "object")
        from .graph.judgements import apply, load_judgements

        judgements = with_alias_merges(load_judgements(settings.judgements), store)  # as the edges were built
        # judgements can move claims between edges: then every claim is read, else only this edge's
        rows = [c for c in store.claim_rows(None if judgements.entries else {(s, predicate, o)}) if not c.get("manual")]
        if judgements.entries:
            rows = apply(rows, judgements, set(actors) | set(catalogue.actors), judgement_resolver(store, catalogue)).rows
        rows = [r for r in rows if (r["subject"], r["predicate"], r["object"]) == (s, predicate, o)]
        if not rows:
            pairs = read(store, "allegations_between", subject=s, object=o)
            near = f"; between them: {', '.join(' '.join((p['subject'], p['predicate'], p['object'])) for p in pairs)}" if pairs else \
                f"; none between {s} and {o} ('allegraph query allegations_about --param actor={subject}' lists theirs)"
            raise UsageError(f"no allegation {s} {predicate} {o} in the store{near}")
        claims = [c for c in claim_records(store) if c["claim_id"] in {r["id"] for r in rows}]
        docs = doc_map(store)
    edge = aggregate(rows, catalogue, settings.confidence, settings.syndication_threshold)[0]
    terms = confidence_terms(rows, edge["independent_source_count"], edge["denying_source_count"], settings.confidence)
    roles: dict[str, str] = {}
    for polarity in ("asserted", "denied"):
        count_origins([r for r in rows if r["polarity"] == polarity], settings.syndication_threshold, roles)
    names = {**{k: v["name"] for k, v in actors.items()}}
    edge["carriers"] = [{"origin": o, "name": origin_label(o, names, docs), "group": source_group(o, catalogue),
                         "documents": [docs.get(d, {"id": d}) for d in ds]}
                        for o, ds in edge["origin_documents"].items()]
    for c in claims:
        c["published"] = docs.get(c["document"]["id"], {}).get("published", "")
        c["counting"] = roles.get(c["claim_id"], "")
        c["origin_group"] = source_group(origin_key({"origin": (c["origin"] or {}).get("id"),
                                                     "relays": [r["id"] for r in c["relays"]],
                                                     "document_id": c["document"]["id"]}), catalogue)
    return {"edge": edge, "claims": claims, "terms": [t.__dict__ for t in terms], "edge_id": edge_id(s, predicate, o)}


def view(settings: Settings, out: Path | None = None, **filters: Any) -> Any:
    """Write the HTML view; returns an object that displays inline in Jupyter."""
    from .viz.view import write_view

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


def actors(settings: Settings, *, unresolved: bool = False, kind: str | None = None) -> list[dict[str, Any]]:
    """Stored actors with their number of claims (as subject or object) and a sample sentence,
    most claims first; ``unresolved`` keeps those found by the NER alone, for curation."""
    with open_store(settings, write=False, create=False) as store:
        _, arows = store.query("MATCH (a:Actor) RETURN a.id, a.name, a.kind, a.source, a.aliases")
        _, crows = store.query("MATCH (c:Claim) RETURN c.subject_id, c.object_id, c.evidence_text ORDER BY c.id")
    counts: dict[str, int] = {}
    sample: dict[str, str] = {}
    for subject, obj, text in crows:
        for a in {subject, obj}:
            counts[a] = counts.get(a, 0) + 1
            sample.setdefault(a, " ".join(str(text or "").split()))
    out = []
    for actor_id, name, k, source, aliases in arows:
        if unresolved and source not in ("ner", "document"):
            continue
        if kind and k != kind:
            continue
        out.append({"id": actor_id, "name": name, "kind": k, "source": source or "", "aliases": list(aliases or []),
                    "claims": counts.get(actor_id, 0), "sample": sample.get(actor_id, "")})
    return sorted(out, key=lambda r: (-r["claims"], r["id"]))


def write_catalogue_stub(rows: list[dict[str, Any]], path: Path) -> Path:
    """A catalogue file for the given actors, to edit and pass with --catalogue (docs/catalogue.md)."""
    import yaml

    lines = ["# allegraph catalogue stub: actors the NER found; correct kind, name and aliases, delete the",
             "# ones that are not actors, then pass this file with --catalogue (or the 'catalogue' setting).",
             "version: 1", "actors:"]
    for r in rows:
        entry = {"id": r["id"], "name": r["name"], "kind": r["kind"], "aliases": r["aliases"]}
        lines.append(f"# {r['claims']} claim(s); e.g. {r['sample'][:100]!r}".replace("\n", " "))
        lines.append("- " + yaml.safe_dump(entry, default_flow_style=True, allow_unicode=True, width=1000).strip())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def check_store_exists(settings: Settings) -> None:
    if "://" not in settings.store and not (Path(settings.store) / "graph.lbdb").exists():
        raise StoreError(f"{settings.store}: no allegraph store here; run 'allegraph ingest PATH' first or pass --store")

