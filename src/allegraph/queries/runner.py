"""Load named queries from their headers, type their parameters, and run them on a store."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ..errors import UsageError
from ..store.base import StoreReader

_HEADER = re.compile(r"^//\s*(name|description|param):\s*(.*)$")
_PARAM = re.compile(r"^(\w+)\s+(STRING|INT64|DOUBLE|BOOL)(?:\s*=\s*(.*))?$")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: Any = None
    required: bool = True


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: tuple[Param, ...]
    cypher: str


def convert(value: str, kind: str, name: str) -> Any:
    try:
        if kind == "INT64":
            return int(value)
        if kind == "DOUBLE":
            return float(value)
        if kind == "BOOL":
            if value.lower() not in ("true", "false", "1", "0", "yes", "no"):
                raise ValueError(value)
            return value.lower() in ("true", "1", "yes")
    except ValueError:
        raise UsageError(f"parameter {name}: {value!r} is not a valid {kind}") from None
    return value


def parse_query(text: str, stem: str) -> NamedQuery:
    meta: dict[str, str] = {}
    params: list[Param] = []
    body: list[str] = []
    for line in text.splitlines():
        m = _HEADER.match(line.strip())
        if m and not body:
            key, value = m.groups()
            if key == "param":
                pm = _PARAM.match(value.strip())
                if not pm:
                    raise UsageError(f"query {stem}: bad param line {value!r}")
                name, kind, default = pm.groups()
                params.append(Param(name, kind, convert(default, kind, name) if default is not None else None,
                                    default is None))
            else:
                meta[key] = value.strip()
        elif line.strip() or body:
            body.append(line)
    if meta.get("name") != stem:
        raise UsageError(f"query file {stem}.cypher names itself {meta.get('name')!r}; the name must be the file stem")
    return NamedQuery(stem, meta.get("description", ""), tuple(params), "\n".join(body).strip())


@lru_cache(maxsize=None)
def load_queries(folder: str = "") -> dict[str, NamedQuery]:
    """The named queries of ``allegraph query`` (queries/*.cypher), or of a subfolder: ``read``
    holds the read model (the records behind exports, the view, explain and eval). A file
    ``NAME.BACKEND.cypher`` (``claims.bolt.cypher``) is that store's variant of NAME, for where the
    dialects differ; none do today. Read from the package once (the dict is shared: do not change it)."""
    root = resources.files("allegraph.queries")
    if folder:
        root = root.joinpath(folder)
    out = {}
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        stem = entry.name[: -len(".cypher")]
        if entry.name.endswith(".cypher") and "." not in stem:
            out[stem] = parse_query(entry.read_text(encoding="utf-8"), stem)
    return out


@lru_cache(maxsize=None)
def _variant(name: str, backend: str) -> NamedQuery | None:
    entry = resources.files("allegraph.queries").joinpath("read", f"{name}.{backend}.cypher")
    return parse_query(entry.read_text(encoding="utf-8"), name) if entry.is_file() else None


def _plain(value: Any) -> Any:
    """A node or relationship returned whole, as the dict of its stored properties (LadybugDB
    gives a dict with '_ID', '_LABEL' (and '_SRC', '_DST'); the neo4j driver a Node or
    Relationship)."""
    if isinstance(value, dict):
        return {k: v for k, v in value.items() if not k.startswith("_")} if "_LABEL" in value or "_ID" in value else value
    if hasattr(value, "element_id") and hasattr(value, "items"):
        return dict(value.items())
    return value


def read(store: StoreReader, name: str, **params: Any) -> list[dict[str, Any]]:
    """Run a read-model query (queries/read/NAME.cypher, or the store's variant) and return its
    rows as dicts by column, whole nodes and edges as their property dicts."""
    query = _variant(name, getattr(store, "backend", "")) or load_queries("read")[name]
    cols, rows = store.query(query.cypher, {p.name: params.get(p.name, p.default) for p in query.params})
    return [{c: _plain(v) for c, v in zip(cols, r)} for r in rows]


def bind(query: NamedQuery, given: dict[str, str]) -> dict[str, Any]:
    known = {p.name for p in query.params}
    unknown = set(given) - known
    if unknown:
        raise UsageError(f"query {query.name} has no parameter(s) {sorted(unknown)}; it takes {sorted(known) or 'none'}")
    out: dict[str, Any] = {}
    for p in query.params:
        if p.name in given:
            out[p.name] = convert(given[p.name], p.type, p.name)
        elif p.required:
            raise UsageError(f"query {query.name} needs --param {p.name}=… ({p.type})")
        else:
            out[p.name] = p.default
    return out


def run_named(store: StoreReader, name: str, given: dict[str, str]) -> tuple[list[str], list[list[Any]]]:
    queries = load_queries()
    if name not in queries:
        raise UsageError(f"no named query {name!r}; 'allegraph queries' lists them")
    query = queries[name]
    cols, rows = store.query(query.cypher, bind(query, given))
    return list(cols), [list(r) for r in rows]
