"""One resolver for every command: a name a user types -> the id of a stored actor.

``explain``, ``view --actor``/``--origin``, exports, named-query parameters and judgements all
call :func:`resolve_actor`. A name matches an actor's id, name, alias, demonym or metonym,
compared case- and accent-insensitively ("Turkey", "turkiye", "Türkiye", "HTS", "US" all work).
An unknown or ambiguous name is an error that lists the nearest candidates, never an empty
result.
"""

from __future__ import annotations

from difflib import get_close_matches
from typing import Any, Iterable, Mapping

from ..errors import UsageError
from .ids import fold


class ActorIndex:
    """Folded names of the stored actors, built once per command."""

    def __init__(self, actors: Iterable[Mapping[str, Any]]) -> None:
        self.by_id: dict[str, Mapping[str, Any]] = {}
        self.ids: dict[str, str] = {}
        self.names: dict[str, set[str]] = {}
        self.aliases: dict[str, set[str]] = {}
        for a in actors:
            actor_id = str(a["id"])
            self.by_id[actor_id] = a
            self.ids[fold(actor_id)] = actor_id
            self.names.setdefault(fold(str(a.get("name") or actor_id)), set()).add(actor_id)
            for alias in a.get("aliases") or ():
                self.aliases.setdefault(fold(str(alias)), set()).add(actor_id)

    def candidates(self, name: str, n: int = 5) -> list[str]:
        keys = list(self.ids) + list(self.names) + list(self.aliases)
        close = get_close_matches(fold(name), keys, n=n * 2, cutoff=0.6)
        out: list[str] = []
        for key in close:
            for actor_id in sorted({self.ids[key]} if key in self.ids else self.names.get(key) or self.aliases.get(key) or ()):
                label = f"{self.by_id[actor_id].get('name', actor_id)} ({actor_id})"
                if label not in out:
                    out.append(label)
        return out[:n]

    def resolve(self, name: str, what: str = "actor") -> str:
        key = fold(name)
        if not key:
            raise UsageError(f"empty {what} name")
        if key in self.ids:
            return self.ids[key]
        for table in (self.names, self.aliases):
            hits = table.get(key)
            if hits and len(hits) == 1:
                return next(iter(hits))
            if hits:
                listed = ", ".join(f"{self.by_id[h].get('name', h)} ({h})" for h in sorted(hits))
                raise UsageError(f"{what} {name!r} is ambiguous: {listed}; give the id")
        near = self.candidates(name)
        hint = f"; nearest: {', '.join(near)}" if near else "; 'allegraph actors' lists them"
        raise UsageError(f"no {what} {name!r} in the store{hint}")


def resolve_actor(name: str, actors: Iterable[Mapping[str, Any]], what: str = "actor") -> str:
    return ActorIndex(actors).resolve(name, what)
