"""The orchestration functions the CLI and notebooks call: plain functions over a ``Settings``
object, returning plain data. Each opens the store it needs, calls the layers below (ingest,
extract, graph, store, queries, exports, viz) and holds no policy of its own: edge recomputation
lives in graph/edges.py, the read model in queries/, the rows in the records of schema/model.py.

- ``ingesting``: ingest (and the document walk it shares with the CLI);
- ``judging``: judge, apply_judgements;
- ``rewriting``: rebuild, sync, and where a rewriting command writes;
- ``reading``: stats, query, explain, actors, duplicates;
- ``exporting``: export, view, evaluate.
"""

from ..graph.edges import update_edges
from .exporting import EXPORT_FORMATS, evaluate, export, export_records, view
from .ingesting import IngestReport, check_store_exists, ingest, iter_documents
from .judging import apply_judgements, judge
from .reading import (ACTOR_PARAMS, actors, duplicates, explain, origin_namer, query, resolve_filters, stats,
                      write_catalogue_stub)
from .rewriting import rebuild, rewriting, sync

__all__ = ["ACTOR_PARAMS", "EXPORT_FORMATS", "IngestReport", "actors", "apply_judgements", "check_store_exists",
           "duplicates", "evaluate", "explain", "export", "export_records", "ingest", "iter_documents", "judge",
           "origin_namer", "query", "rebuild", "resolve_filters", "rewriting", "stats", "sync", "update_edges",
           "view", "write_catalogue_stub"]
