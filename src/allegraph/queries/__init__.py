"""Named Cypher queries: *.cypher files with a header (name, description, parameters) + runner."""

from .runner import NamedQuery, load_queries, run_named  # noqa: F401
