"""Selecting allegation edges for views and exports: the filters `view` and `export` share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import UsageError
from ..schema.ids import fold

FAMILIES = ("supports", "controls", "cooperates", "attacks", "threatens", "opposes", "captures", "affiliated_with")


@dataclass(frozen=True)
class Filters:
    actor: str | None = None
    depth: int = 1
    min_sources: int = 0
    predicate: str | None = None
    origin: str | None = None
    since: str | None = None
    until: str | None = None
    only_single_source: bool = False
    include_contested: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v not in (None, False, 0) or k == "depth"}


def _find(name: str, allegations: list[dict[str, Any]]) -> set[str]:
    wanted = fold(name)
    ids = set()
    for e in allegations:
        for side in (e["subject"], e["object"], *e["origins"]):
            if fold(side["id"]) == wanted or fold(side["name"]) == wanted:
                ids.add(side["id"])
    if not ids:
        raise UsageError(f"no actor named {name!r} in the graph; check the spelling or use its id")
    return ids


def select(allegations: list[dict[str, Any]], filters: Filters) -> list[dict[str, Any]]:
    """Edges that pass every filter; contested edges pass when include_contested is set."""
    if filters.predicate and filters.predicate not in FAMILIES:
        raise UsageError(f"unknown predicate {filters.predicate!r}; one of {', '.join(FAMILIES)}")
    origins = _find(filters.origin, allegations) if filters.origin else None

    def keep(e: dict[str, Any]) -> bool:
        if filters.predicate and e["predicate"] != filters.predicate:
            return False
        if origins is not None and not origins & {o["id"] for o in e["origins"]}:
            return False
        if filters.since and (e["last_seen"] or "9999") < filters.since:
            return False
        if filters.until and (e["first_seen"] or "0000") > filters.until:
            return False
        strength_ok = e["independent_source_count"] >= filters.min_sources and (
            not filters.only_single_source or e["single_source"])
        return strength_ok or (filters.include_contested and e["contested"])

    edges = [e for e in allegations if keep(e)]
    if filters.actor:
        frontier = _find(filters.actor, allegations)
        seen = set(frontier)
        for _ in range(max(1, filters.depth)):
            nxt = set()
            for e in edges:
                s, o = e["subject"]["id"], e["object"]["id"]
                if s in frontier and o not in seen:
                    nxt.add(o)
                if o in frontier and s not in seen:
                    nxt.add(s)
            seen |= nxt
            frontier = nxt
        edges = [e for e in edges if e["subject"]["id"] in seen and e["object"]["id"] in seen]
    return edges
