"""Readers: one per input kind. Each yields RawRecords, or InputErrors for bad records.

A file-level problem raises InputError; a bad record inside a good file is yielded as an
InputError so that the batch reports it and keeps the rest of the file.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

import yaml

from ..errors import InputError
from .clean import pick
from .decode import decode
from .html import read_html_text

SKIPPED_NAMES = {"README", "LICENSE", "LICENCE", "CHANGELOG", "NOTICE", "COPYING"}
CONTAINER_KEYS = ("articles", "items", "data", "records", "documents", "results")  # a JSON list under one of these
SINGLE_DOCUMENT = {".txt", ".md", ".markdown", ".html", ".htm"}


@dataclass(frozen=True)
class RawRecord:
    text: str
    meta: Mapping[str, Any]
    source: str
    detect_header: bool = False


@dataclass(frozen=True)
class Note:
    """Something the reader did that the user should know (an encoding fallback, a repaired row)."""

    source: str
    message: str


Item = RawRecord | InputError | Note


def _decoded(path: Path, data: bytes, declared: str = "") -> tuple[list[Note], str]:
    """The decoded text, with a Note when decoding needed a fallback."""
    decoded = decode(data, str(path), declared)
    return ([Note(str(path), decoded.note)] if decoded.note else []), decoded.text


def _meta_from(record: Mapping[str, Any]) -> dict[str, Any]:
    fields = ("title", "subtitle", "outlet", "author", "published", "url", "external_id", "language")
    return {f: pick(record, f) for f in fields}


def _record(record: Any, source: str) -> Item:
    if not isinstance(record, Mapping):
        return InputError(source, f"expected an object with a text field, found {type(record).__name__}")
    text = pick(record, "text")
    if not isinstance(text, str) or not text.strip():
        return InputError(source, "record has no text (looked for text, body, content)")
    return RawRecord(text=text, meta=_meta_from(record), source=source)


_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.DOTALL)


def _front_matter(text: str, source: str) -> tuple[dict[str, Any], str]:
    m = _FRONT.match(text)
    if not m:
        return {}, text
    try:
        if any(isinstance(ev, yaml.AliasEvent) for ev in yaml.parse(m.group(1), Loader=yaml.SafeLoader)):
            raise InputError(source, "front matter uses YAML aliases (*name), which allegraph does not expand",
                             "write the values out")  # a few hundred bytes of aliases can expand to gigabytes
        data = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" (line {mark.line + 2})" if mark is not None else ""
        raise InputError(source, f"front matter is not valid YAML{line}", "fix or remove the --- block") from None
    if not isinstance(data, dict):
        raise InputError(source, "front matter must be a mapping of fields")
    return data, text[m.end():]


_MD = [  # each pattern stops at the next opening of its own kind, so clean-up is linear in the text
    (re.compile(r"!\[[^\[\]\n]*\]\([^()\n]*\)"), ""),
    (re.compile(r"\[([^\[\]\n]+)\]\([^()\n]*\)"), r"\1"),
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]*", re.MULTILINE), ""),
    (re.compile(r"^[ \t]{0,3}>[ \t]?", re.MULTILINE), ""),
    (re.compile(r"(?<![\w*])\*(?![\s*])([^*\n]{1,500}?)(?<!\s)\*(?![\w*])"), r"\1"),
    (re.compile(r"\*\*(?!\s)([^*\n]{1,500}?)\*\*"), r"\1"),
    (re.compile(r"(?<!\w)__(?!\s)([^_\n]{1,500}?)__(?!\w)"), r"\1"),
    (re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}\.)[ \t]+", re.MULTILINE), ""),
    (re.compile(r"`([^`\n]*)`"), r"\1"),
]


def _strip_markdown(text: str) -> str:
    for pattern, repl in _MD:
        text = pattern.sub(repl, text)
    return text


def read_text_file(path: Path, data: bytes) -> Iterator[Item]:
    source = str(path)
    notes, text = _decoded(path, data)
    yield from notes
    meta_raw, body = _front_matter(text, source)
    if path.suffix.lower() in (".md", ".markdown"):
        body = _strip_markdown(body)
    meta = _meta_from(meta_raw) if meta_raw else {}
    yield RawRecord(text=body, meta=meta, source=source, detect_header=not meta.get("title"))


_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)


def read_html_file(path: Path, data: bytes) -> Iterator[Item]:
    source = str(path)
    m = _META_CHARSET.search(data[:4096])
    notes, html = _decoded(path, data, m.group(1).decode("ascii") if m else "")
    yield from notes
    text, meta = read_html_text(html, source)
    yield RawRecord(text=text, meta=meta, source=source, detect_header=not meta.get("title"))


def _json_error(source: str, exc: json.JSONDecodeError) -> InputError:
    return InputError(source, f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
                      "fix the file (is it truncated?)")


def read_json_file(path: Path, data: bytes) -> Iterator[Item]:
    source = str(path)
    notes, text = _decoded(path, data)
    yield from notes
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _json_error(source, exc) from None
    except RecursionError:
        raise InputError(source, "JSON nested too deeply") from None
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise InputError(source, f"JSON cannot be read ({str(exc)[:120]})") from None
    if isinstance(doc, Mapping) and pick(doc, "text") is None:
        for key in CONTAINER_KEYS:
            if isinstance(doc.get(key), list):
                doc = doc[key]
                break
    records = doc if isinstance(doc, list) else [doc]
    for i, record in enumerate(records):
        yield _record(record, f"{source}[{i}]" if isinstance(doc, list) else source)


def read_jsonl_file(path: Path, data: bytes) -> Iterator[Item]:
    source = str(path)
    notes, text = _decoded(path, data)
    yield from notes
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"invalid JSON ({exc.msg})")
            continue
        except RecursionError:
            yield InputError(where, "JSON nested too deeply")
            continue
        except ValueError as exc:  # e.g. an integer of more than 4,300 digits
            yield InputError(where, f"JSON cannot be read ({str(exc)[:120]})")
            continue
        yield _record(record, where)


_MAX_REPAIRS = 200  # re-reads after a runaway quote; past this the rest of the file is skipped


def read_csv_file(path: Path, data: bytes) -> Iterator[Item]:
    """One record per row. A quote that is never closed (or closed in the middle of a later field)
    would swallow the rows after it into one field: such a row is reported with its line number
    and reading starts again on the line after it. A stray quote inside one line is read leniently."""
    source = str(path)
    notes, text = _decoded(path, data)
    yield from notes
    csv.field_size_limit(2**31 - 1)
    lines = io.StringIO(text, newline="").readlines()  # the line ends csv knows: \n, \r, \r\n
    if not lines:
        raise InputError(source, "empty file", "nothing to ingest")
    header_line = lines[0]
    delimiter = "\t" if path.suffix.lower() == ".tsv" else max(",;\t|", key=lambda d: (header_line.count(d), d == ","))
    header = next(csv.reader([header_line], delimiter=delimiter), [])
    if not header or pick({h: "x" for h in header if h}, "text") is None:
        raise InputError(source, f"no text column (found: {', '.join(h for h in header if h)[:200] or 'none'})",
                         "name the article column text, body or content")
    start, repairs = 1, 0
    while start < len(lines):
        reader = csv.reader(lines[start:], delimiter=delimiter, strict=True)
        restart, before = None, 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                first, last = start + before + 1, start + reader.line_num
                if last > first or "end of data" in str(exc):
                    yield InputError(f"{source}:{first}", f"unbalanced quote: the field opened on this line runs to "
                                     f"line {last} ({exc})", "close the quote; the rows after it are read")
                    restart = first  # read again from the line after this row's first line
                else:  # a stray quote inside one line ('"He said "no" here"'): read it leniently
                    row = next(csv.reader([lines[first - 1]], delimiter=delimiter), [])
                    yield from _csv_row(row, header, f"{source}:{first}")
                    restart = last
                break
            first = start + before + 1
            before = reader.line_num
            yield from _csv_row(row, header, f"{source}:{first}")
        if restart is None:
            return
        repairs += 1
        if repairs > _MAX_REPAIRS:
            yield InputError(f"{source}:{restart + 1}", f"more than {_MAX_REPAIRS} malformed rows; the rest of the file is skipped")
            return
        start = restart


def _csv_row(row: list[str], header: list[str], where: str) -> Iterator[Item]:
    if not any(cell.strip() for cell in row):
        return
    if len(row) > len(header):
        yield InputError(where, f"{len(row)} fields, the header has {len(header)}", "quote fields that contain the delimiter")
        return
    yield _record({k: v for k, v in zip(header, row) if k}, where)


READERS: dict[str, Callable[[Path, bytes], Iterator[Item]]] = {
    ".txt": read_text_file, ".md": read_text_file, ".markdown": read_text_file, ".text": read_text_file,
    ".html": read_html_file, ".htm": read_html_file,
    ".json": read_json_file, ".jsonl": read_jsonl_file, ".ndjson": read_jsonl_file,
    ".csv": read_csv_file, ".tsv": read_csv_file,
}


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path | InputError | Note]:
    """Files under the given paths, folders walked recursively in sorted order. A folder that
    cannot be read and a name that is not valid UTF-8 are InputErrors; a folder's own README or
    LICENSE is a Note (passed over, not an article: name it to ingest it)."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            unreadable: list[OSError] = []
            for root, dirs, files in os.walk(path, onerror=unreadable.append):
                yield from (InputError(exc.filename or root, f"cannot read folder ({exc.strerror})", "skipped")
                            for exc in unreadable)
                unreadable.clear()
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith(".") or name.endswith(".gold.json"):
                        continue
                    child = Path(root) / name
                    if not _utf8(name):
                        yield InputError(str(child), "file name is not valid UTF-8", "rename the file")
                    elif name.split(".")[0].upper() in SKIPPED_NAMES:
                        yield Note(str(child), "passed over: a folder's own notes, not an article by its name "
                                               "(give the file by name to ingest it)")
                    elif child.suffix.lower() in READERS:
                        yield child if _regular(child) else InputError(
                            str(child), "not a regular file (a FIFO, device or socket, or a link to one)", "skipped")
                    elif child.suffix.lower() not in (".yaml", ".yml", ".toml", ".cfg", ".lock"):
                        yield InputError(str(child), f"unsupported file type {child.suffix or '(none)'!r}",
                                         "use .txt, .md, .html, .json, .jsonl or .csv")
            yield from (InputError(exc.filename or str(path), f"cannot read folder ({exc.strerror})", "skipped")
                        for exc in unreadable)
        elif not _utf8(str(path)):
            yield InputError(str(path), "file name is not valid UTF-8", "rename the file")
        elif path.is_file():
            yield path
        elif path.exists():  # FIFOs, devices, sockets: reading them can block forever or never end
            yield InputError(str(path), "not a regular file")
        else:
            yield InputError(str(path), "does not exist", "check the path")


def _utf8(name: str) -> bool:
    try:  # os.walk hands undecodable bytes over as lone surrogates
        name.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def _regular(path: Path) -> bool:
    import stat

    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True  # let the read report the real error


def iter_records(path: Path, max_file_mb: float) -> Iterator[Item]:
    """Records of one file. Raises InputError for a file that cannot be read at all."""
    source = str(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise InputError(source, f"unsupported file type {path.suffix!r}")
    if not _regular(path):
        raise InputError(source, "not a regular file (a FIFO, device or socket, or a link to one)", "skipped")
    limit = int(max_file_mb * 1024 * 1024)
    try:  # bounded by the bytes actually read, not by st_size (a link to /dev/zero reports 0)
        with path.open("rb") as fh:
            data = fh.read(limit + 1) if path.suffix.lower() in SINGLE_DOCUMENT else fh.read()
    except OSError as exc:
        raise InputError(source, f"cannot read ({exc.strerror})") from None
    if path.suffix.lower() in SINGLE_DOCUMENT and len(data) > limit:
        raise InputError(source, f"file is over the {max_file_mb:g} MB limit",
                         "raise the max_file_mb setting if it really is one article")
    yield from reader(path, data)
