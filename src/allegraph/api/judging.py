"""Judgements: record one, apply the file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import Interrupted, JudgementError
from ..graph.edges import update_edges
from ..schema.catalogue import load_catalogue
from ..settings import Settings
from ..store import open_store
from ..storefiles import record_files, use_recorded
from .rewriting import rewriting


def judge(settings: Settings, entry: dict[str, Any]) -> list[str]:
    """Append a judgement to the judgements file and rebuild the edges; the file is restored if
    the judgement is invalid (unknown actor, conflict)."""
    from ..graph.judgements import SKIPPED, append_judgement

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
    from ..graph.judgements import load_judgements

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
