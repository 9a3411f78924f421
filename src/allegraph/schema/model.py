"""The data model, declared once: the records that cross layers, each field with its store name,
type, the schema version that added it and what it means.

Everything else is derived from these declarations (schema/tables.py): the embedded store's DDL
and Arrow columns, the Bolt store's keys and relationship ends, the migrations of older stores,
the columns every store read returns, and the field table in docs/data-model.md. Adding a field to
a claim is one line here (``prop(...)`` with ``since`` the new schema version) plus the code that
computes it.

A record converts itself: ``to_store_row`` gives the row both stores write (store names, lists
for tuples, "" for a missing string), ``from_store_row`` reads one back.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Callable, ClassVar, TypeVar

# What a claim's source is, and whether it asserts or denies (docs/data-model.md).
ATTRIBUTIONS = {"author": "the document's own voice (its outlet, host or author)",
                "named": "a source the text names", "anonymous": "a source the text does not name"}
POLARITIES = {"asserted": "the source says it happened", "denied": "the source says it did not"}

R = TypeVar("R", bound="Record")


def prop(doc: str, default: Any = dataclasses.MISSING, *, store: str = "", since: int = 1, end: str = "",
         kind: str = "", export: str = "") -> Any:
    """A declared field. ``store``: its name in the stores when it differs from the attribute;
    ``since``: the schema version that added it (older stores are migrated); ``end``: 'from' or
    'to' for the two ends of a relationship record; ``kind``: str, int, float, bool or list,
    when the annotation does not say it; ``export``: how the claims and allegations exports
    (docs/exports.md) write it: its name (default: the attribute), a dotted path to nest it
    ('evidence.text'), '@actor' / '@actors' for actor references written as {id, name, kind},
    '@document' for the document's fields, or '-' for not exported."""
    meta = {"doc": doc, "store": store, "since": since, "end": end, "kind": kind, "export": export}
    if default is dataclasses.MISSING:
        return field(metadata=meta)
    return field(default=default, metadata=meta)


_KINDS = {"str": "str", "str | None": "str", "int": "int", "float": "float", "bool": "bool",
          "tuple[str, ...]": "list", "list[str]": "list"}


@dataclass(frozen=True)
class Column:
    """One declared property: its store name, the record attribute it comes from, its type."""

    name: str
    attr: str
    kind: str  # str | int | float | bool | list
    doc: str
    since: int = 1
    end: str = ""  # 'from' / 'to': a relationship's end, not a property
    export: str = ""  # how the exports write it (prop's ``export``); '' is the attribute's name
    optional: bool = False  # the attribute may be None (read back from '')

    @property
    def key(self) -> str:
        """Its key in a store row: '_from' / '_to' for a relationship's ends, else its name."""
        return "_" + self.end if self.end else self.name


_COLUMNS: dict[type, tuple[Column, ...]] = {}


def columns_of(record: type) -> tuple[Column, ...]:
    """The declared fields of a record class, read once per class (rows are converted by the
    hundred thousand)."""
    if record not in _COLUMNS:
        _COLUMNS[record] = _declared(record)
    return _COLUMNS[record]


def _declared(record: type) -> tuple[Column, ...]:
    out = []
    for f in dataclasses.fields(record):
        if "doc" not in f.metadata:
            continue  # not declared: not stored
        kind = f.metadata["kind"] or _KINDS.get(str(f.type))
        if kind is None:
            raise TypeError(f"{record.__name__}.{f.name}: cannot store type {f.type!r}; give prop(kind=...)")
        name = f.metadata["end"] or f.metadata["store"] or f.name  # a relationship's ends are 'from' and 'to'
        out.append(Column(name, f.name, kind, f.metadata["doc"], f.metadata["since"], f.metadata["end"],
                          f.metadata["export"], "None" in str(f.type)))
    return tuple(out)


class Record:
    """Named conversions between a frozen record and the rows the stores keep."""

    TABLE: ClassVar[str] = ""

    @classmethod
    def columns(cls) -> tuple[Column, ...]:
        return columns_of(cls)

    def to_store_row(self) -> dict[str, Any]:
        row: dict[str, Any] = {}
        for c in self.columns():
            value = getattr(self, c.attr)
            if c.kind == "list":
                value = list(value or [])
            elif c.kind == "str" and value is None:
                value = ""
            row[c.key] = value
        return row

    def to_export(self, actor: Callable[[str], dict[str, Any]],
                  document: Callable[[str], dict[str, Any]] | None = None) -> dict[str, Any]:
        """The record as the exports write it, each field as its declaration says; ``actor``
        gives the {id, name, kind} reference of an actor id, ``document`` the fields a document
        id stands for in the export."""
        out: dict[str, Any] = {}
        for c in self.columns():
            if c.export == "-":
                continue
            how, value = c.export or c.attr, getattr(self, c.attr)
            if how == "@document":
                out.update(document(value) if document else {c.attr: value})
                continue
            if how == "@actor":
                how, value = c.attr, actor(value) if value else None
            elif how == "@actors":
                how, value = c.attr, [actor(v) for v in value]
            elif isinstance(value, tuple):
                value = list(value)
            head, _, leaf = how.rpartition(".")
            (out.setdefault(head, {}) if head else out)[leaf] = value
        return out

    @classmethod
    def from_fields(cls: type[R], data: dict[str, Any]) -> R:
        """From a dict keyed by attribute (an aggregation edge, a judgement's row); extra keys ignored."""
        names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
        return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in data.items() if k in names})

    @classmethod
    def from_store_row(cls: type[R], row: dict[str, Any]) -> R:
        values: dict[str, Any] = {}
        for c in cls.columns():
            if c.key not in row:
                continue  # a store written before the field existed: the default
            value = row[c.key]
            if c.kind == "list":
                value = tuple(value or ())
            elif c.kind == "str":
                value = (None if c.optional else "") if value in (None, "") else str(value)
            elif c.kind == "bool":
                value = bool(value)
            values[c.attr] = value
        return cls(**values)


@dataclass(frozen=True)
class Document(Record):
    TABLE: ClassVar[str] = "Document"

    id: str = prop("`doc_` + 20 hex of SHA-256 of the cleaned text: the same article read twice is one document")
    title: str = prop("headline", "")
    subtitle: str = prop("standfirst or deck", "")
    outlet: str = prop("the collector's site name, else the URL's host without `www.`; its voice is the author attribution", "")
    author: str = prop("by-line", "")
    published: str = prop("ISO date (YYYY, YYYY-MM or YYYY-MM-DD), or empty when none was given or it is not a real date (a warning says so)", "")
    url: str = prop("where it was published", "")
    language: str = prop("ISO 639-1 code of its language", "en")
    path: str = prop("the first location it was read from", "")
    locations: tuple[str, ...] = prop("every path it was read from (a copy in two folders is one document)", ())
    external_id: str = prop("the record's own `id` (a CSV or JSONL column)", "")
    text_hash: str = prop("SHA-256 of the cleaned text", "")
    text: str = prop("the cleaned text on server stores; the embedded store keeps texts in `texts.sqlite` beside the graph and leaves it empty (docs/performance.md)", "")
    ingested: str = prop("UTC time of the first ingest; `SOURCE_DATE_EPOCH` fixes it for reproducible stores", "", since=3)


@dataclass(frozen=True)
class Actor(Record):
    TABLE: ClassVar[str] = "Actor"

    id: str = prop("catalogue id, or a slug of the name for an actor found by NER alone")
    name: str = prop("display name")
    kind: str = prop("one of the kinds of `schema/vocabulary.yaml`")
    aliases: tuple[str, ...] = prop("names, demonyms, metonyms; for an NER actor the short forms documents defined for it, grown as later documents define more", ())
    qid: str = prop("Wikidata id, when known", "")
    source: str = prop("`catalogue`, `gazetteer`, `ner`, `document` or `judgement`", "catalogue")


@dataclass(frozen=True)
class Claim(Record):
    TABLE: ClassVar[str] = "Claim"

    id: str = prop("`clm_` + hash of (document, sentence span, subject, predicate, object)", export="claim_id")
    document_id: str = prop("the document it was read in (a manual claim: its citation's document)",
                            export="@document")
    subject: str = prop("the actor alleged to act", store="subject_id", export="@actor")
    object: str = prop("the actor acted upon", store="object_id", export="@actor")
    origin: str | None = prop("who asserts it (an actor id); '' for an anonymous source", None, store="origin_id",
                               export="@actor")
    predicate: str = prop("predicate family (schema/predicates.yaml)", "")
    predicate_text: str = prop("the cue as written ('armed', 'backs')", "")
    attribution: str = prop("author, named or anonymous", "author")
    relays: tuple[str, ...] = prop("actors that pass the claim on without being its origin", (), store="relay_ids",
                                   export="@actors")
    polarity: str = prop("asserted or denied", "asserted")
    hedged: bool = prop("the sentence hedges it ('reportedly', 'may have')", False)
    hedge_cues: tuple[str, ...] = prop("the hedging words found", ())
    confidence: float = prop("extraction confidence of this one reading, 0 to 1", 0.0)
    evidence_text: str = prop("the sentence it was read from", "", export="evidence.text")
    start: int = prop("character offset of the sentence in the document text", 0, store="evidence_start",
                     export="evidence.start")
    end: int = prop("character offset of the end of the sentence", 0, store="evidence_end", export="evidence.end")
    cue_start: int = prop("character offset of the cue", 0, export="-")
    cue_end: int = prop("character offset of the end of the cue", 0, export="-")
    manual: bool = prop("added by a judgement, not read from a text", False, export="-")
    citation: str = prop("a manual claim's citation", "", export="-")
    rule: str = prop("the extraction rule that produced it (`allegraph rules`); `manual` for a judgement's claim", "",
                     since=2)
    passage: str = prop("MinHash signature of the paragraph it was read from, for syndication (below)", "", since=3,
                      export="-")
    quoted: bool = prop("its cue stands inside a direct quotation (“…”) in the sentence, not in the writer's own words",
                        False, since=4)


@dataclass(frozen=True)
class Allegation(Record):
    """An aggregated edge: one (subject, predicate family, object) over all its claims."""

    TABLE: ClassVar[str] = "ALLEGED"

    subject: str = prop("the actor alleged to act", end="from", export="@actor")
    object: str = prop("the actor acted upon", end="to", export="@actor")
    id: str = prop("`alg_` + hash of (subject, predicate, object)", export="-")
    predicate: str = prop("predicate family")
    claim_count: int = prop("claims behind it, asserting or denying")
    origins: tuple[str, ...] = prop("the origins that count, after relays and syndicated copies are set aside",
                                    export="@actors")
    relays: tuple[str, ...] = prop("actors that only pass it on", export="@actors")
    independent_source_count: int = prop("origins after those of one source group are counted once")
    denying_source_count: int = prop("independent sources that deny it")
    single_source: bool = prop("exactly one independent source")
    contested: bool = prop("at least one independent source denies it")
    confidence: float = prop("edge confidence (docs/confidence.md)")
    first_seen: str = prop("earliest publication date of its documents, or ''")
    last_seen: str = prop("latest publication date of its documents, or ''")
    claim_ids: tuple[str, ...] = prop("its claims")


@dataclass(frozen=True)
class Affiliation(Record):
    TABLE: ClassVar[str] = "AFFILIATED"

    actor: str = prop("the member, unit or official", end="from")
    parent: str = prop("what it belongs to", end="to")
    relation: str = prop("affiliation (a member or official of) or part_of (a unit of)")
    role: str = prop("the role the catalogue or the text gives ('foreign minister')", "")
    since: str = prop("start date, when known", "")
    until: str = prop("end date, when known", "")


@dataclass(frozen=True)
class Succession(Record):
    TABLE: ClassVar[str] = "SUCCEEDED_BY"

    predecessor: str = prop("the earlier actor", end="from")
    successor: str = prop("the actor that took its place", end="to")
    date: str = prop("when", "")
    relation: str = prop("how: renamed, merged_into, split_into, ...", "")


@dataclass(frozen=True)
class Extraction:
    """What extraction found in one document."""

    document: Document
    claims: tuple[Claim, ...] = ()
    actors: tuple[Actor, ...] = ()
    warnings: tuple[str, ...] = field(default_factory=tuple)
    affiliations: tuple[tuple[str, str, str], ...] = ()  # (actor, parent, role) found in the text
