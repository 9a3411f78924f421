"""Escaping untrusted text for the formats exports write."""

from __future__ import annotations

import re
from typing import Any

_LATEX = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{",
          "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "<": r"\textless{}", ">": r"\textgreater{}"}
_MD = re.compile(r"([\\`*_\[\]|<>#~@$])")  # markup inside a table cell, pandoc's @cite and $math$ too


def latex(text: Any) -> str:
    return "".join(_LATEX.get(ch, ch) for ch in str(text)).replace("\n", " ")


def markdown(text: Any) -> str:
    return _MD.sub(r"\\\1", str(text)).replace("\n", " ")


def csv_cell(value: Any) -> Any:
    """Defuse spreadsheet formulas: a cell starting with = + - @ (or tab/CR) gets a leading quote."""
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def cypher_string(value: Any) -> str:
    text = str(value).replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "\\r")
    return "'" + text + "'"


def cypher_value(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_value(v) for v in value) + "]"
    return cypher_string(value)


def bibtex(text: Any) -> str:
    return latex(text)
