"""The predicate families (the ``families`` section of schema/predicates.yaml): the vocabulary
of what an allegation says. Loaded once; extraction reads the cues of the same file
(extract/lexicon.py), everything else only needs the families and their labels."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..errors import LexiconError


@lru_cache(maxsize=1)
def families() -> dict[str, dict[str, Any]]:
    """Family name -> its spec (label, description, examples, symmetric), in file order."""
    text = resources.files("allegraph.schema").joinpath("predicates.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    found = data.get("families") if isinstance(data, dict) else None
    if not isinstance(found, dict) or not found:
        raise LexiconError("schema/predicates.yaml: no 'families' mapping")
    return {str(k): dict(v or {}) for k, v in found.items()}


def family_names() -> tuple[str, ...]:
    return tuple(families())


def family_label(name: str) -> str:
    return str(families().get(name, {}).get("label", name))
