"""allegraph: news articles -> a knowledge graph of actors and allegations with provenance."""

from .version import __version__

__all__ = ["Explanation", "explain", "export", "ingest", "query", "settings", "stats", "to_networkx", "view",
           "__version__"]


def __getattr__(name: str) -> object:
    """The notebook functions (allegraph.notebook), loaded on first use so that importing a part of
    allegraph (its errors, its CLI) does not load the whole of it."""
    if name in __all__:
        from . import notebook

        return getattr(notebook, name)
    raise AttributeError(f"module 'allegraph' has no attribute {name!r}")
