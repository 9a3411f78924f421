"""The example notebook runs, cell by cell, in a real Jupyter kernel, against the samples."""

from __future__ import annotations

import os

import pytest

from .conftest import ROOT, SAMPLES

nbformat = pytest.importorskip("nbformat", reason="install the test extra (nbclient, nbformat, ipykernel)")
nbclient = pytest.importorskip("nbclient", reason="install the test extra (nbclient, nbformat, ipykernel)")
pytest.importorskip("ipykernel", reason="install the test extra (nbclient, nbformat, ipykernel)")


def test_the_tour_notebook_runs_and_every_cell_shows_something(tmp_path, monkeypatch):
    monkeypatch.setenv("ALLEGRAPH_SAMPLES", str(SAMPLES))
    monkeypatch.setenv("ALLEGRAPH_TOUR_STORE", str(tmp_path / "store"))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))
    nb = nbformat.read(ROOT / "examples" / "tour.ipynb", as_version=4)
    nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}}).execute()
    cells = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs for c in cells), [c.source[:60] for c in cells if not c.outputs]
    text = "\n".join(o.get("text", "") or str(o.get("data", {}).get("text/plain", "")) for c in cells for o in c.outputs)
    assert "read 7, new 7" in text and "counted origins" in text and "MultiDiGraph" in text
    view = next(o for o in cells[6].outputs if "text/html" in o.get("data", {}))
    assert view["data"]["text/html"].startswith("<iframe srcdoc=")
    assert (tmp_path / "tour-graph.gexf").is_file() and (tmp_path / "tour-table.md").is_file()
