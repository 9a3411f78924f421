"""Extraction spread over a Dask cluster: workers parse and extract, the client writes.

Each worker loads the spaCy pipeline once (it is cached per process) and returns plain
Extraction records, which are the same as a single-process run gives: extraction is
deterministic per document.
"""

from __future__ import annotations

import os
from typing import Any, Iterable, Iterator

from ..errors import ModelError, UsageError
from ..schema.catalogue import Catalogue
from ..schema.model import Document, Extraction
from ..settings import Settings

_WORKER_STATE: dict[str, Any] = {}


def _extract_chunk(settings: Settings, catalogue: Catalogue, documents: list[Document]) -> list[Extraction]:
    """Runs on a worker: one Extractor per (model, catalogue) per worker process, kept between tasks."""
    from .extractor import Extractor

    key = f"{settings.model}|{catalogue.digest}"
    if key not in _WORKER_STATE:
        _WORKER_STATE.clear()
        _WORKER_STATE[key] = Extractor(settings, catalogue)
    return list(_WORKER_STATE[key].extract_many(documents))


class DaskExtractor:
    """Same interface as Extractor.extract_many, on a Dask cluster ('local' or tcp://host:port)."""

    def __init__(self, settings: Settings, address: str, catalogue: Catalogue) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise UsageError("--dask needs the dask extra: pip install 'allegraph[dask]'") from None
        self.settings = settings
        self._cluster = None
        try:
            if address == "local":
                self._cluster = LocalCluster(  # type: ignore[no-untyped-call]
                    n_workers=settings.workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                    dashboard_address=None, memory_limit="3GiB")
                self.client = Client(self._cluster)  # type: ignore[no-untyped-call]
            else:
                self.client = Client(address, timeout="10s")  # type: ignore[no-untyped-call]
        except OSError as exc:
            raise UsageError(f"{address}: cannot reach the Dask scheduler ({exc}); check the address") from None
        self.address = address
        # the catalogue goes to every worker once, so workers need allegraph and the model, no files
        self._catalogue = self.client.scatter(catalogue, broadcast=True)  # type: ignore[no-untyped-call]

    def extract_many(self, documents: Iterable[Document], n_process: int = 1) -> Iterator[Extraction]:
        """Chunks of documents go to the workers as they are read, with at most four chunks per
        worker in flight; results come back in submission order, so the output is deterministic."""
        import itertools
        from collections import deque

        n = max(1, len(self.client.scheduler_info().get("workers", {})))
        size = max(1, self.settings.batch_size * 2)
        stream = iter(documents)
        futures: deque[Any] = deque()
        while True:
            chunk = list(itertools.islice(stream, size))
            if chunk:
                futures.append(self.client.submit(_extract_chunk, self.settings, self._catalogue, chunk, pure=False))
            if futures and (not chunk or len(futures) >= 4 * n):
                yield from self._result(futures.popleft())
            if not chunk and not futures:
                return

    def _result(self, future: Any) -> list[Extraction]:
        try:
            done: list[Extraction] = future.result()
            return done
        except Exception as exc:  # raised on a worker, re-raised here with its own type
            raise ModelError(f"{self.address}: a Dask worker failed to extract ({type(exc).__name__}: {exc}); every "
                             f"worker needs allegraph and the model {self.settings.model!r} installed") from exc

    def close(self) -> None:
        self.client.close()  # type: ignore[no-untyped-call]
        if self._cluster is not None:
            self._cluster.close()
