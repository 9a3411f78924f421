"""Selecting allegation edges for views and exports: the filters `view` and `export` share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import UsageError
from ..schema.families import family_names
from ..schema.ids import fold


@dataclass(frozen=True)
class Filters:
    actor: str | None = None
    depth: int = 1
    min_sources: int = 0
    predicate: str | None = None
    origin: str | None = None
    since: str | None = None
    until: str | None = None
    undated: str = "exclude"  # with --since/--until: keep (include) or drop (exclude) allegations with no dated claim
    only_single_source: bool = False
    include_contested: bool = True  # contested allegations pass the source filters unless this is False

    def __post_init__(self) -> None:
        for name in ("since", "until"):
            value = getattr(self, name)
            if value:
                object.__setattr__(self, name, iso_date(value, "--" + name))
        if self.undated not in ("include", "exclude"):
            raise UsageError(f"--undated {self.undated!r}: give include or exclude")

    def as_dict(self) -> dict[str, Any]:
        out = {k: v for k, v in self.__dict__.items() if v not in (None, False, 0) or k == "depth"}
        out.pop("include_contested", None)  # the default; the manifest names the departure from it
        if not self.include_contested:
            out["exclude_contested"] = True
        if not (self.since or self.until):
            out.pop("undated", None)
        return out


def iso_date(value: str, what: str = "date") -> str:
    """A YYYY-MM-DD date, checked (2024-13-45 and 'banana' are errors); YYYY and YYYY-MM mean their first day."""
    import datetime as dt

    text = str(value).strip()
    parts = text.split("-")
    try:
        if len(parts) == 1 and len(text) == 4:
            return dt.date(int(text), 1, 1).isoformat()
        if len(parts) == 2:
            return dt.date(int(parts[0]), int(parts[1]), 1).isoformat()
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise UsageError(f"{what} {value!r} is not a date; give YYYY-MM-DD (or YYYY, YYYY-MM)") from None


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
    """Edges that pass every filter. Contested and denied-only edges pass the minimum-sources filter
    unless include_contested is False, so that a denial never disappears behind a source count."""
    if filters.predicate and filters.predicate not in family_names():
        from difflib import get_close_matches

        near = get_close_matches(filters.predicate, list(family_names()), n=2)
        raise UsageError(f"unknown predicate {filters.predicate!r}" + (f"; did you mean {' or '.join(near)}?" if near else "")
                         + f" (one of {', '.join(family_names())})")
    origins = _find(filters.origin, allegations) if filters.origin else None

    def keep(e: dict[str, Any]) -> bool:
        if filters.predicate and e["predicate"] != filters.predicate:
            return False
        if origins is not None and not origins & {o["id"] for o in e["origins"]}:
            return False
        if (filters.since or filters.until) and not e["first_seen"]:
            if filters.undated == "exclude":
                return False
        else:
            if filters.since and e["last_seen"] < filters.since:
                return False
            if filters.until and e["first_seen"] > filters.until:
                return False
        if filters.only_single_source and not e["single_source"]:
            return False
        return e["independent_source_count"] >= filters.min_sources or (filters.include_contested and e["contested"])

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
