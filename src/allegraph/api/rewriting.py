"""Commands that rewrite stored data: rebuild, sync, and where they write."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Any, Iterable, Iterator, cast

from ..errors import Interrupted, UsageError
from ..graph.edges import update_edges
from ..rows import rows_for
from ..schema.catalogue import Catalogue, load_catalogue
from ..schema.model import Document
from ..settings import Settings
from ..store import open_store
from ..store.base import GraphStore, StagingStore
from ..storefiles import record_files, use_recorded
from .ingesting import IngestReport


@contextmanager
def rewriting(store: GraphStore, *, copy: bool, key: str = "") -> Iterator[GraphStore]:
    """Where a command that rewrites stored data writes. An embedded store: a staging graph beside
    the current one, swapped in by one atomic rename when the command finishes, so an interruption
    leaves the store as it was (store/embedded.py). A server store: the store itself, in batches
    that are each one transaction, with the edges marked dirty until they are recomputed."""
    if not hasattr(store, "staged"):
        yield store
        return
    staging = cast(StagingStore, store)
    target = staging.staged(copy=copy, key=key)
    try:
        yield target
    except BaseException:
        if copy or not key:
            staging.discard(target)  # nothing to resume: the old graph was never touched
        else:
            target.close()  # kept for 'rebuild' to resume
            staging._reopen()
        raise
    staging.swap_in(target)


def _rebuild_key(settings: Settings, catalogue: Catalogue, ids: list[str]) -> str:
    from ..schema.ids import digest

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


def _re_extract(target: GraphStore, todo: list[Document], saved: dict[str, list[str]], catalogue: Catalogue,
                settings: Settings, report: IngestReport, *, staged: bool, key: str, progress: bool) -> None:
    if not todo:
        return
    from ..extract.extractor import Extractor

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
    from ..store.base import dump

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
