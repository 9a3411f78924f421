"""Rows as the Arrow tables the embedded store COPYs, with the columns schema/tables.py derives."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from ..schema.tables import tables

_STR = pa.string()
_LIST = pa.list_(pa.string())
_TYPES = {"str": _STR, "list": _LIST, "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}

def arrow_table(table: str, rows: list[dict[str, Any]]) -> pa.Table:
    """The rows of one table (a relationship's ends as '_from' and '_to', first, as COPY wants)."""
    data = {}
    for name, kind in ((c.name, c.kind) for c in tables()[table].columns):
        key = {"from": "_from", "to": "_to"}.get(name, name)
        values = [r.get(key, r.get(name)) for r in rows]
        if kind == "list":
            values = [list(v or []) for v in values]
        elif kind == "str":
            values = ["" if v is None else str(v) for v in values]
        data[name] = pa.array(values, type=_TYPES[kind])
    return pa.table(data)
