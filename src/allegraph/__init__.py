"""allegraph: news articles -> a knowledge graph of actors and allegations with provenance."""

__version__ = "0.1.0"
