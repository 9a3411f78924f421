"""The catalogue and judgements files a store was built with, recorded in the store itself.

Every writing command records the absolute path and hash of the user catalogue and of the
judgements file it used (store meta ``catalogue_path``/``catalogue_hash`` and
``judgements_path``/``judgements_hash``). A later command that names no catalogue (or leaves the
judgements setting at its default) uses the recorded files instead of silently falling back to
the shipped catalogue or to whatever ``judgements.yaml`` the current directory holds, and says so;
a recorded file that changed is noted, one that went missing is an error naming it. Pass
``--catalogue none`` to build with the shipped catalogue only.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from .errors import CatalogueError
from .settings import Settings
from .store.base import GraphStore, StoreReader

DEFAULT_JUDGEMENTS = "judgements.yaml"
NONE = "none"


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def use_recorded(settings: Settings, store: StoreReader) -> tuple[Settings, list[str]]:
    """Settings with the store's recorded files filled in where the user named none, and notes."""
    notes: list[str] = []
    changes: dict[str, str] = {}
    rec_cat = store.get_meta("catalogue_path") or ""
    if settings.catalogue == NONE:
        changes["catalogue"] = ""
    elif not settings.catalogue and rec_cat:
        path = Path(rec_cat)
        if not path.is_file():
            raise CatalogueError(f"{store_where(settings)} was built with catalogue {rec_cat}, which is missing; restore it, "
                                 "pass --catalogue FILE, or --catalogue none for the shipped catalogue only")
        changes["catalogue"] = rec_cat
        changed = _hash(path) != (store.get_meta("catalogue_hash") or "")
        notes.append(f"using catalogue {rec_cat} recorded in the store" + (" (changed since the last build)" if changed else ""))
    rec_jud = store.get_meta("judgements_path") or ""
    if settings.judgements == DEFAULT_JUDGEMENTS and rec_jud and Path(rec_jud).resolve() != Path(DEFAULT_JUDGEMENTS).resolve():
        path = Path(rec_jud)
        if not path.is_file():
            raise CatalogueError(f"{store_where(settings)} was built with judgements {rec_jud}, which is missing; restore "
                                 "it or pass --judgements FILE (an empty file to drop them)")
        changes["judgements"] = rec_jud
        notes.append(f"using judgements {rec_jud} recorded in the store")
    return (settings.replace(**changes) if changes else settings), notes


def record_files(settings: Settings, store: GraphStore) -> None:
    """Remember the files this build used (absolute paths, hashes)."""
    cat = Path(settings.catalogue) if settings.catalogue and settings.catalogue != NONE else None
    store.set_meta("catalogue_path", str(cat.resolve()) if cat and cat.is_file() else "")
    store.set_meta("catalogue_hash", _hash(cat) if cat and cat.is_file() else "")
    jud = Path(settings.judgements) if settings.judgements else None
    if jud is not None and jud.is_file():
        store.set_meta("judgements_path", str(jud.resolve()))
        store.set_meta("judgements_hash", _hash(jud))


def store_where(settings: Settings) -> str:
    return f"store {settings.store}"
