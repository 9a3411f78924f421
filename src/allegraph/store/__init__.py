"""The store: the GraphStore contract (base.py) and its two backends, embedded (LadybugDB in a
folder) and Bolt (Neo4j or another Bolt server). Only this package imports a database driver."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..settings import Settings
from .base import _URI_LIKE, BOLT_SCHEMES, GraphStore, is_bolt, redact, where


def open_store(settings: Settings, *, write: bool = True, create: bool = True) -> GraphStore:
    """Open the store the settings name: a folder (embedded) or a bolt:// / neo4j:// URI."""
    location = settings.store
    if is_bolt(location):
        from .bolt import BoltStore

        return _said_if_stale(BoltStore(location, settings, write=write, create=create), write)
    if "://" in location:
        raise UsageError(f"{where(location)}: unknown store scheme {location.split('://', 1)[0][:20]!r}; give a folder "
                         f"or a URI with one of {', '.join(s + '://' for s in BOLT_SCHEMES)}")
    if _URI_LIKE.match(location) and not Path(location).exists():
        raise UsageError(f"{redact(location)}: looks like a URI but lacks the '//' after its scheme; write "
                         "bolt://HOST:7687 (a new store folder is not created from it)")
    from .embedded import EmbeddedStore

    return _said_if_stale(EmbeddedStore(location, settings, write=write, create=create), write)


def _said_if_stale(store: GraphStore, write: bool) -> GraphStore:
    """A read of a store whose edges are mid-recomputation, or were left so by a crash, says so."""
    if not write and store.get_meta("aggregation") == "dirty":
        import sys

        print(f"warning: {where(store.location)}: the allegation edges are being recomputed by a running command, or "
              "were left incomplete by an interrupted one; they are whole once it, or the next writing command "
              "(e.g. 'allegraph judge apply'), finishes", file=sys.stderr)
    return store
