"""Ingest: read inputs into documents, extract the new ones, write them in batches."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from ..errors import InputError, Interrupted, StoreError
from ..graph.edges import update_edges
from ..ingest.clean import make_document
from ..ingest.readers import Note, expand_paths, iter_records
from ..progress import Bar, size
from ..rows import rows_for
from ..schema.catalogue import Catalogue, load_catalogue
from ..schema.model import Document
from ..settings import Settings
from ..store import open_store
from ..store.base import GraphStore
from ..storefiles import record_files, use_recorded


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


def _new_documents(documents: Iterable[Document], store: GraphStore, report: IngestReport, seen: _Seen,
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


def _record_locations(store: GraphStore, seen: _Seen, report: IngestReport) -> None:
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
                from ..extract.distributed import DaskExtractor

                extractor: Any = DaskExtractor(settings, dask, catalogue)
            else:
                from ..extract.extractor import Extractor

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


def check_store_exists(settings: Settings) -> None:
    if "://" not in settings.store and not (Path(settings.store) / "graph.lbdb").exists():
        raise StoreError(f"{settings.store}: no allegraph store here; run 'allegraph ingest PATH' first or pass --store")
