"""The actor catalogue: shipped YAML, extended by the user's own file (which wins)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

import yaml

from ..errors import CatalogueError
from .ids import fold, text_hash


@dataclass(frozen=True)
class Lineage:
    predecessor: str
    successor: str
    date: str
    relation: str


@dataclass(frozen=True)
class CatalogueActor:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    affiliation: str = ""
    part_of: str = ""
    role: str = ""
    since: str = ""
    until: str = ""
    qid: str = ""
    owner: str = ""
    state_media: str = ""
    source: str = "catalogue"  # catalogue (curated or user file) | gazetteer
    generic_aliases: tuple[str, ...] = ()  # common nouns ('rebels') that name it only where context is named
    context: tuple[str, ...] = ()

    @property
    def exact_case(self) -> bool:
        """Gazetteer names are proper nouns: 'Chad', 'Jordan', 'Turkey' match only capitalised."""
        return self.source == "gazetteer"

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases, *self.demonyms, *self.metonyms, *self.generic_aliases)

    @property
    def parent(self) -> str:
        return self.affiliation or self.part_of


@dataclass
class Catalogue:
    actors: dict[str, CatalogueActor]
    lineage: list[Lineage]
    source_groups: dict[str, tuple[str, str]]  # actor id -> (group id, group name)
    digest: str = ""
    files: tuple[str, ...] = field(default_factory=tuple)
    place_filter: set[str] | None = None  # names places may not take (actors' names); None = no gazetteer

    @cached_property
    def place_rows(self) -> dict[str, dict[str, Any]]:
        """Gazetteer places by id, read on first use; ids and names of actors are never places."""
        if self.place_filter is None:
            return {}
        from .gazetteer import load_places

        return {str(p["id"]): p for p in load_places() if str(p["id"]) not in self.actors
                and (p.get("folded") or fold(str(p["name"]))) not in self.place_filter}

    @cached_property
    def place_index(self) -> dict[str, str]:
        """place_key(name) -> place id for gazetteer places (largest place first, names before aliases)."""
        from .gazetteer import place_key

        index: dict[str, str] = {}
        rows = self.place_rows
        keys = {pid: row.get("keys") or [place_key(n) for n in [row["name"], *(row.get("aliases") or ())]]
                for pid, row in rows.items()}
        for place_id, ks in keys.items():
            if ks:
                index.setdefault(ks[0], place_id)
        for place_id, ks in keys.items():
            for k in ks[1:]:
                index.setdefault(k, place_id)
        return index

    @property
    def places(self) -> _Places:
        return _Places(self.place_rows)

    def place(self, name: str) -> CatalogueActor | None:
        """The populated place a name denotes, from the catalogue or the gazetteer."""
        from .gazetteer import place_key

        cat = self.lookup(name)
        if cat is not None and cat.kind == "place":
            return cat
        place_id = self.place_index.get(place_key(name))
        return self.places.get(place_id) if place_id else None

    def metonym_place(self, name: str) -> CatalogueActor | None:
        """For a capital used as a metonym ('Khartoum' -> Sudan), the city itself."""
        from .gazetteer import place_key

        place_id = self.place_index.get(place_key(name))
        if place_id is None:
            return None
        return self.places.get(place_id) or self.actors.get(place_id)

    def resolve_any(self, actor_id: str) -> CatalogueActor | None:
        return self.actors.get(actor_id) or self.places.get(actor_id)

    @cached_property
    def alias_index(self) -> dict[str, str]:
        """folded alias -> actor id (first one wins; names beat aliases)."""
        index: dict[str, str] = {}
        ordered = sorted(self.actors.values(), key=lambda a: a.source == "gazetteer")  # curated and user first
        for actor in ordered:
            index.setdefault(fold(actor.name), actor.id)
        for actor in ordered:
            for name in actor.names():
                index.setdefault(fold(name), actor.id)
        return index

    def lookup(self, name: str) -> CatalogueActor | None:
        actor_id = self.alias_index.get(fold(name))
        return self.actors.get(actor_id) if actor_id else None

    def get(self, actor_id: str) -> CatalogueActor | None:
        return self.actors.get(actor_id)

    def source_group(self, actor_id: str) -> str:
        """The group an origin counts in: explicit group, state media, owner, or itself."""
        if actor_id in self.source_groups:
            return self.source_groups[actor_id][0]
        return actor_id

    def speaks_for(self, actor_id: str) -> str:
        """The state/organisation a person or agency belongs to, following the chain."""
        seen: set[str] = set()
        current = actor_id
        while current in self.actors and current not in seen:
            seen.add(current)
            parent = self.actors[current].parent
            if not parent or parent not in self.actors:
                break
            current = parent
        return current


class _Places:
    """Read-only view of gazetteer places as CatalogueActor records, built on demand."""

    def __init__(self, rows: dict[str, dict[str, Any]]) -> None:
        self.rows = rows

    def get(self, place_id: str) -> CatalogueActor | None:
        row = self.rows.get(place_id)
        if row is None:
            return None
        return CatalogueActor(id=place_id, name=str(row["name"]), kind="place", aliases=tuple(row.get("aliases") or ()),
                              part_of=str(row.get("part_of") or ""), source="gazetteer")

    def __contains__(self, place_id: object) -> bool:
        return place_id in self.rows

    def __len__(self) -> int:
        return len(self.rows)


def _tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _load_yaml(path: Path | None, text: str, where: str) -> dict[str, Any]:
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark is not None else ""
        raise CatalogueError(f"{where}:{line} is not valid YAML ({getattr(exc, 'problem', exc)}); fix the file") from None
    if not isinstance(data, dict):
        raise CatalogueError(f"{where}: expected a mapping with 'actors:'; see docs/catalogue.md")
    return data


def _merge(into: dict[str, dict[str, Any]], groups: dict[str, dict[str, Any]], data: dict[str, Any], where: str) -> None:
    for i, entry in enumerate(data.get("actors") or []):
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("name"):
            raise CatalogueError(f"{where}: actor #{i + 1} needs at least 'id' and 'name'")
        base = into.get(str(entry["id"]), {})
        if base.get("source") == "gazetteer":
            base = {}  # a curated or user entry replaces the generated one whole
        into[str(entry["id"])] = {**base, **entry}
    for entry in data.get("source_groups") or []:
        if not isinstance(entry, dict) or not entry.get("id"):
            raise CatalogueError(f"{where}: every source group needs an 'id' and 'members'")
        groups[str(entry["id"])] = entry


def _gazetteer_entries() -> tuple[dict[str, dict[str, Any]], str]:
    from .gazetteer import load_gazetteer

    data = load_gazetteer()
    states = {str(s["id"]): {**s, "source": "gazetteer"} for s in data.get("states") or []}
    return states, f"gazetteer v{data.get('version')} {data.get('sources')}"


def _drop_shadowed(raw: dict[str, dict[str, Any]]) -> None:
    """A generated state whose name a curated or user actor already uses gives way; generated
    names that a curated actor uses are dropped from the generated entry."""
    curated: set[str] = set()
    for e in raw.values():
        if e.get("source") != "gazetteer":
            curated |= {fold(str(n)) for key in ("aliases", "demonyms", "metonyms") for n in _tuple(e.get(key))}
            curated.add(fold(str(e["name"])))
    for actor_id in [k for k, e in raw.items() if e.get("source") == "gazetteer"]:
        e = raw[actor_id]
        if fold(str(e["name"])) in curated:
            del raw[actor_id]
            continue
        for key in ("aliases", "demonyms", "metonyms"):
            e[key] = [n for n in _tuple(e.get(key)) if fold(n) not in curated]


def load_catalogue(user_file: str | Path | None = None, gazetteer: bool = True) -> Catalogue:
    """Gazetteer states beneath the shipped catalogue beneath the user's file (later wins by id)."""
    shipped = resources.files("allegraph.schema").joinpath("actors.yaml").read_text(encoding="utf-8")
    raw: dict[str, dict[str, Any]] = {}
    groups: dict[str, dict[str, Any]] = {}
    gaz_version = "no gazetteer"
    if gazetteer:
        states, gaz_version = _gazetteer_entries()
        raw.update(states)
    _merge(raw, groups, _load_yaml(None, shipped, "shipped catalogue"), "shipped catalogue")
    texts = [shipped]
    files = ["allegraph/schema/actors.yaml"]
    if user_file:
        path = Path(user_file)
        if not path.is_file():
            raise CatalogueError(f"{path}: catalogue file not found; check the 'catalogue' setting")
        text = path.read_text(encoding="utf-8")
        _merge(raw, groups, _load_yaml(path, text, str(path)), str(path))
        texts.append(text)
        files.append(str(path))
    texts.append(gaz_version)
    _drop_shadowed(raw)
    catalogue = build_catalogue(raw, groups, text_hash("\x1e".join(texts)), tuple(files))
    if gazetteer:
        catalogue.place_filter = {fold(n) for a in catalogue.actors.values() for n in (a.name, *a.aliases, *a.demonyms)}
    return catalogue


def build_catalogue(raw: dict[str, dict[str, Any]], groups: dict[str, dict[str, Any]],
                    digest: str = "", files: tuple[str, ...] = ()) -> Catalogue:
    actors: dict[str, CatalogueActor] = {}
    lineage: list[Lineage] = []
    for actor_id, e in raw.items():
        actors[actor_id] = CatalogueActor(
            id=actor_id, name=str(e["name"]), kind=str(e.get("kind", "organization")),
            aliases=_tuple(e.get("aliases")), demonyms=_tuple(e.get("demonyms")),
            metonyms=_tuple(e.get("metonyms")), affiliation=str(e.get("affiliation") or ""),
            part_of=str(e.get("part_of") or ""), role=str(e.get("role") or ""),
            since=str(e.get("since") or ""), until=str(e.get("until") or ""),
            qid=str(e.get("qid") or ""), owner=str(e.get("owner") or ""),
            state_media=str(e.get("state_media") or ""), source=str(e.get("source") or "catalogue"),
            generic_aliases=_tuple(e.get("generic_aliases")), context=_tuple(e.get("context")),
        )
        for p in e.get("predecessors") or []:
            lineage.append(Lineage(str(p["actor"]), actor_id, str(p.get("date", "")), str(p.get("relation", "succeeded_by"))))
    from .vocabulary import load_vocabulary

    vocab = load_vocabulary()
    for a in actors.values():
        vocab.check_kind(a.kind, f"catalogue: actor {a.id!r}")
        for ref in a.context:
            if ref not in actors:
                raise CatalogueError(f"catalogue: actor {a.id!r} names unknown context actor {ref!r}")
        for ref in (a.affiliation, a.part_of):
            if ref and ref not in actors:
                raise CatalogueError(f"catalogue: actor {a.id!r} refers to unknown actor {ref!r}; add it or fix the id")
    for item in lineage:
        if item.predecessor not in actors:
            raise CatalogueError(f"catalogue: {item.successor!r} names unknown predecessor {item.predecessor!r}")
    membership: dict[str, tuple[str, str]] = {}
    for gid, g in sorted(groups.items()):
        for member in _tuple(g.get("members")):
            membership[member] = (gid, str(g.get("name", gid)))
    for a in actors.values():  # state media not listed in a group form one per state
        if a.state_media and a.id not in membership:
            membership[a.id] = (f"{a.state_media}_state_media", f"{a.state_media} state media")
    return Catalogue(actors=actors, lineage=sorted(lineage, key=lambda x: (x.successor, x.predecessor)),
                     source_groups=membership, digest=digest, files=files)


def iter_alias_patterns(catalogue: Catalogue) -> Iterable[tuple[str, str]]:
    """(alias text, actor id) for every name the ruler should mark."""
    for actor in catalogue.actors.values():
        for name in actor.names():
            if name:
                yield name, actor.id


def catalogue_closure(ids: Iterable[str], catalogue: Catalogue) -> set[str]:
    """The actors, their parents (affiliation / part_of) and their predecessors, transitively."""
    preds: dict[str, list[str]] = {}
    for item in catalogue.lineage:
        preds.setdefault(item.successor, []).append(item.predecessor)
    out: set[str] = set()
    stack = [i for i in ids if i in catalogue.actors]
    while stack:
        current = stack.pop()
        if current in out:
            continue
        out.add(current)
        actor = catalogue.actors[current]
        stack += [p for p in (actor.affiliation, actor.part_of) if p]
        stack += preds.get(current, [])
    return out


def catalogue_actor_row(actor_id: str, catalogue: Catalogue) -> dict[str, Any]:
    a = catalogue.actors[actor_id]
    names = tuple(dict.fromkeys(n for n in (*a.aliases, *a.demonyms, *a.metonyms, *a.generic_aliases) if n))
    from .model import Actor

    return Actor(a.id, a.name, a.kind, names, a.qid, "catalogue").to_store_row()
