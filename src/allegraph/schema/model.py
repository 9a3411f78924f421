"""Records that cross layers. Frozen, plain, serialisable."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

ATTRIBUTIONS = ("author", "named", "anonymous")
POLARITIES = ("asserted", "denied")


@dataclass(frozen=True)
class Document:
    id: str
    text: str
    title: str = ""
    subtitle: str = ""
    outlet: str = ""
    author: str = ""
    published: str = ""
    url: str = ""
    language: str = "en"
    path: str = ""
    external_id: str = ""
    text_hash: str = ""
    ingested: str = ""  # UTC time of the first ingest (SOURCE_DATE_EPOCH when set, for reproducible stores)

    def to_row(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    qid: str = ""
    source: str = "catalogue"  # catalogue | ner | document | judgement

    def to_row(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind, "aliases": list(self.aliases),
                "qid": self.qid, "source": self.source}


@dataclass(frozen=True)
class Claim:
    id: str
    document_id: str
    subject: str
    predicate: str
    object: str
    predicate_text: str
    origin: str | None
    attribution: str
    relays: tuple[str, ...]
    polarity: str
    hedged: bool
    hedge_cues: tuple[str, ...]
    confidence: float
    evidence_text: str
    start: int
    end: int
    cue_start: int = 0
    cue_end: int = 0
    manual: bool = False
    citation: str = ""
    rule: str = ""  # the extraction rule that produced it (registry name), 'manual' for judgements

    def to_row(self) -> dict[str, Any]:
        row = asdict(self)
        row["relays"] = list(self.relays)
        row["hedge_cues"] = list(self.hedge_cues)
        return row


@dataclass(frozen=True)
class Extraction:
    """What extraction found in one document."""

    document: Document
    claims: tuple[Claim, ...] = ()
    actors: tuple[Actor, ...] = ()
    warnings: tuple[str, ...] = field(default_factory=tuple)
    affiliations: tuple[tuple[str, str, str], ...] = ()  # (actor, parent, role) found in the text
