"""The provenance manifest written beside (or inside) every export."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import datetime, timezone
from importlib import metadata
from typing import Any

from ..version import __version__
from ..settings import Settings


def _version(*names: str) -> str:
    for name in names:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return ""


def corpus_hash(text_hashes: list[str]) -> str:
    h = hashlib.sha256()
    for t in sorted(text_hashes):
        h.update(t.encode())
        h.update(b"\n")
    return h.hexdigest()


def build_manifest(settings: Settings, *, what: str, fmt: str, filters: dict[str, Any], text_hashes: list[str],
                   catalogue_digest: str, judgements_digest: str, timestamp: bool = False,
                   stale: bool = False) -> dict[str, Any]:
    """stale: the store's allegation edges were being recomputed, or left incomplete by a crash,
    when this export read them (the edges and their counts may be missing or partial)."""
    conf = dataclasses.asdict(settings)
    conf.pop("store", None)  # a location, not an input; Bolt URIs may carry a user name
    manifest = {
        "allegraph": __version__,
        "export": what,
        "format": fmt,
        "filters": {k: v for k, v in sorted(filters.items()) if v not in (None, False, "", 0)},
        "settings": conf,
        "spacy": _version("spacy"),
        "model": settings.model,
        "model_version": _version(settings.model, settings.model.replace("_", "-")),
        "corpus_documents": len(text_hashes),
        "corpus_hash": corpus_hash(text_hashes),
        "catalogue_hash": catalogue_digest,
        "judgements_hash": judgements_digest,
        "packages": {p: _version(p) for p in ("ladybug", "networkx", "pyvis", "matplotlib")},
        "stale": stale,
    }
    if timestamp:
        manifest["created"] = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return manifest


def manifest_json(manifest: dict[str, Any]) -> str:
    return json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
