"""Parallel extraction: spaCy processes and a 2-worker Dask LocalCluster give the claims a single process gives."""

from __future__ import annotations

import json
import sys

import pytest

from allegraph import api

from .conftest import ROOT, make_settings

sys.path.insert(0, str(ROOT / "bench"))
from corpus import build  # noqa: E402


pytestmark = pytest.mark.usefixtures("reproducible_ingest_time")  # stores built at different moments compare equal


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "c.jsonl").write_text("".join(json.dumps(a) + "\n" for a in build(24)))
    return folder


@pytest.fixture(scope="module")
def single(corpus, tmp_path_factory):
    s = make_settings(tmp_path_factory.mktemp("single") / "s")
    api.ingest([corpus], s, progress=False)
    return api.export_records(s, "claims"), api.export_records(s, "allegations")


def test_scale_spacy_processes_same_claims(corpus, single, tmp_path):
    s = make_settings(tmp_path / "p", workers=2, batch_size=2)  # enough batches to use both processes
    api.ingest([corpus], s, progress=False)
    assert (api.export_records(s, "claims"), api.export_records(s, "allegations")) == single


def test_scale_dask_local_cluster_same_claims(corpus, single, tmp_path):
    pytest.importorskip("dask.distributed")
    s = make_settings(tmp_path / "d", workers=2)
    report = api.ingest([corpus], s, progress=False, dask="local")
    assert report.new == 24
    assert (api.export_records(s, "claims"), api.export_records(s, "allegations")) == single


def test_scale_reingest_is_fast_no_op(corpus, tmp_path):
    import time

    s = make_settings(tmp_path / "r")
    t0 = time.perf_counter()
    api.ingest([corpus], s, progress=False)
    first = time.perf_counter() - t0
    t0 = time.perf_counter()
    report = api.ingest([corpus], s, progress=False)
    second = time.perf_counter() - t0
    assert report.new == 0 and report.already == 24
    assert second < first  # the measured ratio is in docs/performance.md (bench/ingest.py)


def test_scale_dask_worker_failure_is_one_clear_error(corpus, tmp_path):
    pytest.importorskip("dask.distributed")
    from allegraph.errors import ModelError

    s = make_settings(tmp_path / "m", workers=1, model="no_such_model_installed")
    with pytest.raises(ModelError, match="Dask worker failed.*no_such_model_installed"):
        api.ingest([corpus], s, progress=False, dask="local")
    assert api.stats(s)["documents"] == 0
