"""How allegations and actors are drawn, read once from schema/encoding.yaml (colours, arrowheads,
shapes, line styles, sizes) with the human labels of families and kinds. The view, the figures and
the graph files' style attributes all use these functions, so an allegation looks the same in each.

Four standings, each with its own line, so that a denial is never drawn as corroboration:
``corroborated`` (solid, width grows with the sources), ``single_source`` (dashed, thin),
``contested`` (dash-dot; ``double`` in GEXF and Cytoscape, which have no dash-dot) and
``denied_only`` (dotted, thin).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..errors import LexiconError


@lru_cache(maxsize=1)
def _raw() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(resources.files("allegraph.schema").joinpath("encoding.yaml").read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=1)
def _spec() -> dict[str, Any]:
    """The encoding, checked against the families and kinds it draws (a test loads it)."""
    data = _raw()
    from .families import families as declared_families
    from .vocabulary import load_vocabulary

    families = set(declared_families())
    kinds = set(load_vocabulary().kinds)
    if set(data["predicates"]) != families:
        raise LexiconError(f"schema/encoding.yaml: predicates {sorted(set(data['predicates']) ^ families)} do not match "
                           "the families of predicates.yaml")
    if set(data["kinds"]) - kinds:
        raise LexiconError(f"schema/encoding.yaml: unknown kinds {sorted(set(data['kinds']) - kinds)}")
    return data


STANDINGS: dict[str, dict[str, Any]] = _raw()["standings"]


def predicate_style(family: str) -> dict[str, Any]:
    return {**_spec()["unknown"], **_spec()["predicates"].get(family, {})}


def kind_style(kind: str) -> dict[str, Any]:
    return {**_spec()["unknown"], **_spec()["kinds"].get(kind, {})}


def predicate_colour(family: str) -> str:
    return str(predicate_style(family)["colour"])


def kind_colour(kind: str) -> str:
    return str(kind_style(kind)["colour"])


@lru_cache(maxsize=1)
def family_labels() -> dict[str, str]:
    from .families import families as declared_families

    return {name: str(spec.get("label", name)) for name, spec in declared_families().items()}


@lru_cache(maxsize=1)
def kind_labels() -> dict[str, str]:
    from .vocabulary import load_vocabulary

    return {name: str(spec.label) for name, spec in load_vocabulary().kinds.items()}


def family_label(family: str) -> str:
    return family_labels().get(family, family.replace("_", " "))


def kind_label(kind: str) -> str:
    return kind_labels().get(kind, kind.replace("_", " "))


def standing(sources: int, denying: int) -> str:
    """The standing of an allegation from its independent asserting and denying source counts."""
    if denying and not sources:
        return "denied_only"
    if denying:
        return "contested"
    return "single_source" if sources <= 1 else "corroborated"


def width(sources: int, denying: int) -> float:
    """Line width in pixels: thin for one source or denials only, then 2 + sources (at most 8)."""
    return 1 if sources <= 1 else 2 + min(sources, 6)


def of(e: dict[str, Any]) -> str:
    """Standing of an allegation record (allegation_records or view data)."""
    sources = e.get("independent_source_count", e.get("sources", 0))
    denying = e.get("denying_source_count", e.get("denying", 0))
    return standing(int(sources or 0), int(denying or 0))


def node_size(claims: int) -> float:
    """Node size: grows with the square root of the claims, capped so that a hub never covers the graph."""
    n = _spec()["node_size"]
    size: float = round(min(float(n["max"]), float(n["base"]) + float(n["per_sqrt_claim"]) * max(claims, 0) ** 0.5), 2)
    return size


def legend() -> dict[str, Any]:
    """What the view's legend draws, with human labels."""
    return {"kinds": {k: {**v, "label": kind_label(k)} for k, v in _spec()["kinds"].items()},
            "predicates": {p: {**v, "label": family_label(p)} for p, v in _spec()["predicates"].items()},
            "standings": [{"name": k, "label": v["label"], "css": v["cytoscape"]} for k, v in STANDINGS.items()]}
