"""The GraphStore contract, and how a store location picks its backend."""

from __future__ import annotations

from typing import Any, Iterable, Iterator, Protocol, Sequence

from ..errors import UsageError
from ..settings import Settings

SCHEMA_VERSION = "1"

NODE_TABLES = ("Document", "Actor", "Claim")
REL_TABLES = ("ASSERTS", "RELAYS", "SUBJECT", "OBJECT", "IN", "ALLEGED", "AFFILIATED", "SUCCEEDED_BY")


class GraphStore(Protocol):
    location: str

    def get_meta(self, key: str) -> str | None: ...
    def set_meta(self, key: str, value: str) -> None: ...
    def existing_documents(self, ids: Sequence[str]) -> dict[str, list[str]]: ...
    def add_locations(self, locations: dict[str, list[str]]) -> None: ...
    def write_batch(self, documents: list[dict[str, Any]], actors: list[dict[str, Any]],
                    claims: list[dict[str, Any]], affiliations: list[dict[str, Any]],
                    lineage: list[dict[str, Any]]) -> None: ...
    def existing_actors(self, ids: Sequence[str]) -> set[str]: ...
    def claim_rows(self, keys: Iterable[tuple[str, str, str]] | None = None) -> list[dict[str, Any]]: ...
    def replace_alleged(self, edges: list[dict[str, Any]], keys: set[tuple[str, str, str]] | None) -> None: ...
    def query(self, cypher: str, params: dict[str, Any] | None = None, write: bool = False) -> tuple[list[str], list[list[Any]]]: ...
    def stats(self) -> dict[str, int]: ...
    def iter_documents(self) -> Iterator[dict[str, Any]]: ...
    def clear(self) -> None: ...
    def close(self) -> None: ...


def is_bolt(location: str) -> bool:
    return location.split("://", 1)[0].lower() in ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def open_store(settings: Settings, *, write: bool = True, create: bool = True) -> GraphStore:
    """Open the store the settings name: a folder (embedded) or a bolt:// / neo4j:// URI."""
    location = settings.store
    if is_bolt(location):
        raise UsageError(f"{location}: the Bolt (Neo4j) backend is not available in this version; "
                         "use an embedded store folder")
    if "://" in location:
        raise UsageError(f"{location}: unknown store scheme; give a folder or a bolt:// URI")
    from .embedded import EmbeddedStore

    return EmbeddedStore(location, settings, write=write, create=create)
