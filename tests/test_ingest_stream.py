"""Ingest streams: documents are read, parsed and written a chunk at a time, repeats are found across
chunks, and edges recomputed a few subjects at a time equal edges computed in one pass."""

from __future__ import annotations

import itertools
import json
import shutil
import sys

import pytest

from allegraph.api import ingesting
from allegraph import api
from allegraph.extract.extractor import Extractor
from allegraph.graph.aggregate import edge_id
from allegraph.schema.model import Document
from allegraph.graph import edges as graph_edges
from allegraph.store.embedded import EmbeddedStore

from .conftest import ROOT, SAMPLES, make_settings

sys.path.insert(0, str(ROOT / "bench"))
from corpus import build  # noqa: E402


def test_ingest_stream_extractor_reads_only_what_it_parses(catalogue, tmp_path):
    s = make_settings(tmp_path / "s", batch_size=4)
    extractor = Extractor(s, catalogue)
    pulled = 0

    def endless():
        nonlocal pulled
        for i in itertools.count():
            pulled += 1
            yield Document(id=f"doc_{i}", text=f"Israel attacked Hezbollah in strike number {i}.", path=f"{i}.txt")

    out = list(itertools.islice(extractor.extract_many(endless(), n_process=1), 3))
    assert [x.document.id for x in out] == ["doc_0", "doc_1", "doc_2"]
    assert out[0].claims and out[0].claims[0].document_id == "doc_0"
    assert pulled <= 4 * 4 + 4  # the look-ahead that decides the process count, and one batch


def test_ingest_stream_ingest_writes_before_everything_is_read(tmp_path, monkeypatch):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps(a) + "\n" for a in build(60)))
    read, at_write = 0, []
    real_iter, real_write = api.iter_documents, EmbeddedStore.write_batch

    def counting(*args, **kwargs):
        nonlocal read
        for doc in real_iter(*args, **kwargs):
            read += 1
            yield doc

    def recording(self, documents, *rest):
        at_write.append((read, len(documents)))
        return real_write(self, documents, *rest)

    monkeypatch.setattr(ingesting, "iter_documents", counting)
    monkeypatch.setattr(EmbeddedStore, "write_batch", recording)
    s = make_settings(tmp_path / "s", write_batch=10, batch_size=2, workers=1)
    report = api.ingest([corpus], s, progress=False)
    assert report.new == 60 and sum(n for _, n in at_write) == 60
    assert at_write[0][0] < 60  # the first chunk was stored while most of the corpus was unread


def test_ingest_stream_repeats_across_chunks_are_stored_once_with_every_location(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    files = sorted(SAMPLES.glob("*.json"))[:4]
    for i, f in enumerate(files):
        shutil.copy(f, folder / f"{i}.json")
    shutil.copy(files[0], folder / "9-copy.json")  # same text, read in the last chunk
    s = make_settings(tmp_path / "s", write_batch=2)
    report = api.ingest([folder], s, progress=False)
    assert report.read == 5 and report.new == 4
    assert any("0.json: same text as" in w and "9-copy.json" in w for w in report.warnings)
    claims = api.stats(s)["claims"]
    _, rows = api.query(s, "MATCH (d:Document) WHERE d.path ENDS WITH '0.json' RETURN d.locations")
    assert [sorted(p.rsplit("/", 1)[-1] for p in rows[0][0])] == [["0.json", "9-copy.json"]]

    moved = tmp_path / "elsewhere"
    moved.mkdir()
    shutil.copy(files[1], moved / "renamed.json")
    again = api.ingest([folder, moved], s, progress=False)
    assert again.new == 0 and again.already == 4 and again.claims == 0
    assert api.stats(s)["claims"] == claims
    _, rows = api.query(s, "MATCH (d:Document) WHERE d.path ENDS WITH '1.json' RETURN d.locations")
    assert sorted(p.rsplit("/", 1)[-1] for p in rows[0][0]) == ["1.json", "renamed.json"]


@pytest.mark.parametrize("budget", [1, 3])  # 1: every subject is a hub split by object; 3: subjects grouped
def test_ingest_stream_edges_in_parts_equal_one_pass(sample_store, tmp_path, monkeypatch, budget):
    monkeypatch.setattr(graph_edges, "AGGREGATION_CLAIMS", budget)
    s = make_settings(tmp_path / "s", write_batch=3)
    api.ingest([SAMPLES], s, progress=False)
    assert api.export_records(s, "allegations") == api.export_records(sample_store, "allegations")
    # a full recompute also drops edges no claim supports any more
    api.query(s, "MATCH (a:Actor {id: 'iran'}), (b:Actor {id: 'qatar'}) CREATE (a)-[:ALLEGED {id: $id, "
                 "predicate: 'funds'}]->(b)", {"id": edge_id("iran", "funds", "qatar")}, write=True)
    assert len(api.export_records(s, "allegations")) == len(api.export_records(sample_store, "allegations")) + 1
    api.apply_judgements(s)
    assert api.export_records(s, "allegations") == api.export_records(sample_store, "allegations")

