"""GraphStore contract and backends. Only this package imports a database driver."""

from .base import GraphStore, open_store  # noqa: F401
