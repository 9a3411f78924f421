"""Loader for schema/vocabulary.yaml: actor kinds and the cues that tell an unknown name's kind."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any, Callable, Iterable
from importlib import resources

import yaml

from ..errors import CatalogueError


@dataclass(frozen=True)
class Kind:
    id: str
    label: str
    agent: bool  # can do things (a place or an agreement cannot)


@dataclass(frozen=True)
class Vocabulary:
    kinds: dict[str, Kind]
    ner_kinds: dict[str, str]
    head_nouns: dict[str, str]      # lower-case noun -> kind
    name_endings: dict[str, str]    # final word of a name -> kind
    person_titles: frozenset[str]
    kind_classes: dict[str, frozenset[str]]
    water_words: frozenset[str] = frozenset()
    institution_prefixes: frozenset[str] = frozenset()

    @cached_property
    def title_forms(self) -> frozenset[str]:
        """Titles without their full stop, in lower case: 'mr', 'gen', 'president'."""
        return frozenset(t.rstrip(".").lower() for t in self.person_titles)

    @property
    def non_agent_kinds(self) -> frozenset[str]:
        return frozenset(k for k, v in self.kinds.items() if not v.agent)

    def check_kind(self, kind: str, where: str) -> str:
        if kind not in self.kinds:
            raise CatalogueError(f"{where}: unknown actor kind {kind!r}; use one of {', '.join(sorted(self.kinds))}")
        return kind


def invert_classes(section: dict[str, Any] | None, known: Iterable[str], where: str, error: type[Exception],
                   word: Callable[[Any, str], str] = lambda w, _: str(w)) -> dict[str, str]:
    """{class: [words]} -> {word: class}; an unknown class or a word listed twice is an error."""
    known = set(known)
    out: dict[str, str] = {}
    for cls, words in (section or {}).items():
        if cls not in known:
            raise error(f"{where} names unknown {'kind' if error is CatalogueError else 'family'} {cls!r}")
        for w in words or []:
            key = word(w, f"{where}.{cls}")
            if key in out:
                raise error(f"{where} lists {key!r} twice ({out[key]} and {cls})")
            out[key] = cls
    return out


def _invert(section: dict[str, list[str]], kinds: dict[str, Kind], name: str, lower: bool) -> dict[str, str]:
    return invert_classes(section, kinds, f"schema/vocabulary.yaml: {name}", CatalogueError,
                          (lambda w, _: str(w).lower()) if lower else (lambda w, _: str(w)))


@lru_cache(maxsize=1)
def load_vocabulary() -> Vocabulary:
    data = yaml.safe_load(resources.files("allegraph.schema").joinpath("vocabulary.yaml").read_text(encoding="utf-8"))
    for k, v in data["kinds"].items():
        if not isinstance(v, dict) or set(v) - {"label", "agent"}:  # a comma in an unquoted label makes a key
            raise CatalogueError(f"schema/vocabulary.yaml: kind {k} has keys {sorted(v) if isinstance(v, dict) else v}; "
                                 "only label and agent (quote a label that holds a comma)")
    kinds = {k: Kind(k, str(v.get("label", k)), bool(v.get("agent", True))) for k, v in data["kinds"].items()}
    ner = {str(k): str(v) for k, v in data["ner_kinds"].items()}
    for label, kind in ner.items():
        if kind not in kinds:
            raise CatalogueError(f"schema/vocabulary.yaml: ner_kinds {label} names unknown kind {kind!r}")
    titles = [str(t) for t in data.get("person_titles") or []]
    if len(set(titles)) != len(titles):
        raise CatalogueError("schema/vocabulary.yaml: person_titles lists a title twice")
    classes = {}
    for name, members in (data.get("kind_classes") or {}).items():
        for kind in members:
            if kind not in kinds:
                raise CatalogueError(f"schema/vocabulary.yaml: kind_classes.{name} names unknown kind {kind!r}")
        classes[str(name)] = frozenset(members)
    return Vocabulary(kinds, ner, _invert(data.get("head_nouns"), kinds, "head_nouns", True),
                      _invert(data.get("name_endings"), kinds, "name_endings", False), frozenset(titles), classes,
                      frozenset(str(w) for w in data.get("water_words") or []),
                      frozenset(str(w) for w in data.get("institution_prefixes") or []))


def kind_ids() -> tuple[str, ...]:
    return tuple(load_vocabulary().kinds)
