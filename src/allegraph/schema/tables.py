"""The store's tables, derived from the records declared in schema/model.py.

Node and relationship types with their keys and ends, the DDL of the embedded store, the Bolt
store's unique keys, the migrations of older stores (from each column's ``since``) and the field
table of docs/data-model.md all come from here; nothing else lists a column.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .model import Actor, Affiliation, Allegation, Claim, Column, Document, Record, Succession


@dataclass(frozen=True)
class Table:
    name: str
    doc: str
    columns: tuple[Column, ...]
    key: str = ""                      # a node's primary key; an ALLEGED edge's identifying property
    ends: tuple[str, str] | None = None  # a relationship's (from, to) node types
    record: type[Record] | None = None

    @property
    def is_node(self) -> bool:
        return self.ends is None

    @property
    def properties(self) -> tuple[Column, ...]:
        """The stored properties: a relationship's ends are not properties."""
        return tuple(c for c in self.columns if not c.end)

    def names(self) -> list[str]:
        return [c.name for c in self.properties]


def _ends(name: str) -> tuple[Column, Column]:
    return (Column("from", "from", "str", f"the {name}'s first end", end="from"),
            Column("to", "to", "str", f"the {name}'s second end", end="to"))


def _record_table(record: type[Record], doc: str, key: str = "", ends: tuple[str, str] | None = None) -> Table:
    cols = record.columns()
    if ends is not None:  # the ends first, as the embedded store's COPY wants them
        cols = tuple(sorted(cols, key=lambda c: {"from": 0, "to": 1}.get(c.end, 2)))
    return Table(record.TABLE, doc, cols, key, ends, record)


def _link(name: str, ends: tuple[str, str], doc: str, *props: Column) -> Table:
    return Table(name, doc, (*_ends(name), *props), "", ends)


_META = Table("Meta", "store facts: schema_version, model, catalogue hash, aggregation state",
              (Column("key", "key", "str", "what"), Column("value", "value", "str", "its value")), "key")


@lru_cache(maxsize=1)
def tables() -> dict[str, Table]:
    """Every table, nodes first, in the order the stores create them."""
    evidence = (Column("evidence_start", "start", "int", "sentence start in the document"),
                Column("evidence_end", "end", "int", "sentence end in the document"))
    out = [
        _META,
        _record_table(Document, "an article as read: cleaned text and metadata", "id"),
        _record_table(Actor, "a state, group, person, outlet, place or process", "id"),
        _record_table(Claim, "one reading of one sentence: who alleges what of whom, and how", "id"),
        _link("ASSERTS", ("Actor", "Claim"), "the origin: who the text says makes the claim"),
        _link("RELAYS", ("Actor", "Claim"), "who passes it on without being its origin (the publishing outlet of a reported claim, an outer speaker, an outlet that anonymous sources spoke to)"),
        _link("SUBJECT", ("Claim", "Actor"), "the actor alleged to act"),
        _link("OBJECT", ("Claim", "Actor"), "the actor acted upon"),
        _link("IN", ("Claim", "Document"), "provenance with the evidence offsets. `IN` is a Cypher keyword, so it is written with backticks in every query (both stores accept that)", *evidence),
        _record_table(Allegation, "the aggregated allegation edge (below)", "id", ("Actor", "Actor")),
        _record_table(Affiliation, "affiliation / part-of from the catalogue or the text", "", ("Actor", "Actor")),
        _record_table(Succession, "lineage: a predecessor and its successor stay separate actors, linked with the date and relation (renamed_from, merged_into…)", "", ("Actor", "Actor")),
    ]
    return {t.name: t for t in out}


def table(name: str) -> Table:
    return tables()[name]


def node_tables() -> list[Table]:
    return [t for t in tables().values() if t.is_node]


def rel_tables() -> list[Table]:
    return [t for t in tables().values() if not t.is_node]


def schema_version() -> int:
    """The newest ``since`` of any column: the version this allegraph writes."""
    return max(c.since for t in tables().values() for c in t.columns)


_DDL_TYPES = {"str": "STRING", "int": "INT64", "float": "DOUBLE", "bool": "BOOLEAN", "list": "STRING[]"}
_DEFAULTS = {"str": "''", "int": "0", "float": "0.0", "bool": "false", "list": "[]"}


def _quoted(name: str) -> str:
    return f"`{name}`" if name.upper() in ("IN",) else name


def ddl() -> list[str]:
    """The embedded store's CREATE statements, one per table."""
    out = []
    for t in tables().values():
        props = ", ".join(f"{c.name} {_DDL_TYPES[c.kind]}" + (" PRIMARY KEY" if t.is_node and c.name == t.key else "")
                          for c in t.properties)
        if t.is_node:
            out.append(f"CREATE NODE TABLE IF NOT EXISTS {t.name}({props});")
        else:
            assert t.ends is not None
            ends = f"FROM {t.ends[0]} TO {t.ends[1]}"
            out.append(f"CREATE REL TABLE IF NOT EXISTS {_quoted(t.name)}({ends}{', ' + props if props else ''});")
    return out


def ddl_text() -> str:
    """store/schema.cypher: the DDL as a file, for readers (generated; tests/test_schema.py checks it)."""
    head = ("// allegraph schema for the embedded store (LadybugDB), generated from schema/model.py by\n"
            "// `python -m allegraph.docs`: do not edit. Statements end with a semicolon.\n")
    return head + "\n".join(ddl()) + "\n"


def migration_steps(version: str, backend: str) -> list[str]:
    """The statements that bring a store at ``version`` to the current schema: a column added since
    then is added with its default. A server is schemaless: a property missing from old nodes reads
    as null, so Bolt needs none."""
    try:
        have = int(version)
    except ValueError:
        return []
    if backend != "embedded":
        return []
    return [f"ALTER TABLE {_quoted(t.name)} ADD IF NOT EXISTS {c.name} {_DDL_TYPES[c.kind]} DEFAULT {_DEFAULTS[c.kind]}"
            for t in tables().values() for c in t.properties if c.since > have]


def node_keys() -> dict[str, str]:
    """Unique key per node type, for the Bolt store's constraints."""
    return {t.name: t.key for t in node_tables()}


def rel_ends() -> dict[str, tuple[str, str]]:
    return {t.name: t.ends for t in rel_tables() if t.ends is not None}


def returning(variable: str, table_name: str) -> str:
    """'v.a, v.b, …': every stored property of a table, for a read both stores run."""
    return ", ".join(f"{variable}.{n}" for n in table(table_name).names())


EXPORTED = {"Claim": "claims", "ALLEGED": "allegations"}  # tables whose records the JSONL exports write
# What a claim's document stands for in flat (CSV) exports: column -> path in the claim record.
DOCUMENT_COLUMNS = (("document_id", "document.id"), ("document_title", "document.title"), ("outlet", "document.outlet"),
                    ("url", "document.url"), ("published", "published"), ("ingested", "ingested"))


@dataclass(frozen=True)
class ExportField:
    """One field as the exports write it: its flat (CSV) column, its type, and where the JSONL
    record keeps it ('evidence.text'; '@actor' / '@actors' for {id, name, kind} references)."""

    column: str
    kind: str
    path: str
    store: str  # the store property it comes from


@lru_cache(maxsize=None)
def export_fields(table_name: str) -> tuple[ExportField, ...]:
    """The exported fields of a record, in declaration order, as flat columns: an actor reference
    by its attribute (its id in the cell), a nested path joined with '_', a document by
    DOCUMENT_COLUMNS. The CSV and neo4j-admin exports write exactly these."""
    t = table(table_name)
    out: list[ExportField] = []
    for c in t.columns:
        how = c.export or c.attr
        if how == "-":
            continue
        if how == "@document":
            out += [ExportField(col, "str", path, c.name) for col, path in DOCUMENT_COLUMNS]
        elif how in ("@actor", "@actors"):
            out.append(ExportField(c.attr, c.kind, how + ":" + c.attr, c.name))
        else:
            out.append(ExportField(how.replace(".", "_"), c.kind, how, c.name))
    return tuple(out)


def _export_name(t: Table, c: Column) -> str:
    """How the claims / allegations export writes a field (its declaration's ``export``)."""
    how = c.export or c.attr
    if how == "-":
        return "not exported"
    if how == "@document":
        return "`document`: {id, path, url, title, outlet, external_id, published}, with `published` and `ingested`"
    if how in ("@actor", "@actors"):
        return f"`{c.attr}`: " + ("{id, name, kind}" if how == "@actor" else "a list of {id, name, kind}")
    return f"`{how}`"


def field_table() -> str:
    """The markdown table of every stored field, for docs/data-model.md."""
    lines = []
    for t in tables().values():
        ends = f" ({t.ends[0]} → {t.ends[1]})" if t.ends else ""
        lines += [f"### {t.name}{ends}", "", t.doc[0].upper() + t.doc[1:] + ".", ""]
        if not t.properties:
            lines += ["No properties.", ""]
            continue
        exported = t.name in EXPORTED
        lines += ["| property | type | since | meaning |" + (" in the export |" if exported else ""),
                  "|---|---|---:|---|" + ("---|" if exported else "")]
        for c in t.columns if exported else t.properties:
            key = " (key)" if c.name == t.key else ""
            attr = f" (in Python: `{c.attr}`)" if c.attr != c.name and t.record is not None else ""
            name = c.attr if c.end else c.name
            how = _export_name(t, c) if exported else ""
            lines.append(f"| `{name}`{key} | {_DDL_TYPES[c.kind]} | {c.since} | {c.doc}{'' if c.end else attr} |"
                         + (f" {how} |" if exported else ""))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
