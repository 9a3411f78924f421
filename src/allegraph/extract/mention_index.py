"""The mentions of actors found in one parsed document, indexed by token."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from spacy.tokens import Doc, Token

from ..schema.catalogue import Catalogue
from ..schema.model import Actor


@dataclass
class Mention:
    start: int
    end: int
    actor: str
    kind: str
    text: str
    paragraph: int
    place: str = ""  # a capital used as a metonym: the city itself, read in locative slots


@dataclass
class MentionIndex:
    doc: Doc
    mentions: list[Mention]
    by_token: dict[int, Mention]
    actors: dict[str, Actor]
    affiliations: dict[str, str] = field(default_factory=dict)
    speaker_of_paragraph: dict[int, str] = field(default_factory=dict)
    context: list[Mention] = field(default_factory=list)  # title/subtitle mentions, for coreference
    events: dict[str, list[str]] = field(default_factory=dict)  # family -> last subjects ("those strikes")
    resolving: set[int] = field(default_factory=set)  # pronouns being resolved (no cycles)
    catalogue: Catalogue | None = None
    paras: list[int] = field(default_factory=list)  # paragraph number of every token
    by_paragraph: dict[int, list[Mention]] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    first: dict[str, Mention] = field(default_factory=dict)
    subjects_of: Callable[[Token, "MentionIndex"], list[str]] | None = None  # set by the extractor (syntax layer)
    defined: dict[str, Actor] = field(default_factory=dict)  # short forms this document defines

    def at(self, token: Token) -> Mention | None:
        return self.by_token.get(token.i)
