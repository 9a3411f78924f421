"""Named Cypher queries: *.cypher files with a header (name, description, parameters) + runner."""

from .runner import NamedQuery, load_queries, read, run_named

__all__ = ["NamedQuery", "load_queries", "read", "run_named"]
