"""Embedded store: round trips, idempotence, read-only queries, locks, damaged stores."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from allegraph.queries.records import claim_records
from allegraph import api
from allegraph.errors import UsageError, ReadOnlyQueryError, StoreCorruptError, StoreError, StoreLockedError
from allegraph.store import open_store

from .conftest import ROOT, SAMPLES, make_settings


def test_store_round_trip_documents_and_claims(sample_store):
    with open_store(sample_store, write=False, create=False) as store:
        docs = {d["id"]: d for d in store.iter_documents()}
        assert len(docs) == 7
        seed = next(d for d in docs.values() if d["path"].endswith("seed-article.txt"))
        assert seed["title"] == "Iran preparing to send troops to Syria" and seed["text"].startswith("Iran is threatening")
        claims = claim_records(store)
    assert claims and all(c["evidence"]["text"] == docs[c["document"]["id"]]["text"][c["evidence"]["start"]:c["evidence"]["end"]]
                          for c in claims)


def test_store_reingest_is_a_no_op(fresh_copy):
    before = api.stats(fresh_copy)
    exported = api.export_records(fresh_copy, "allegations")
    report = api.ingest([SAMPLES], fresh_copy, progress=False)
    assert (report.new, report.already, report.claims) == (0, 7, 0)
    assert api.stats(fresh_copy) == before
    assert api.export_records(fresh_copy, "allegations") == exported


def test_store_same_text_under_another_name_records_the_location(fresh_copy, tmp_path):
    copy = tmp_path / "renamed.txt"
    copy.write_bytes((SAMPLES / "seed-article.txt").read_bytes())
    report = api.ingest([copy], fresh_copy, progress=False)
    assert report.new == 0 and report.already == 1
    cols, rows = api.query(fresh_copy, "MATCH (d:Document) WHERE d.title = $t RETURN d.locations",
                           {"t": "Iran preparing to send troops to Syria"})
    assert any(str(copy) == loc for loc in rows[0][0]) and len(rows[0][0]) == 2


def test_store_refuses_writes_in_read_only_queries(sample_store):
    for stmt in ("MATCH (n:Actor) DETACH DELETE n", "CREATE (:Actor {id: 'x'})", "MATCH (a:Actor) SET a.name = 'x'",
                 "MERGE (a:Actor {id: 'x'})", "COPY Actor FROM 'x.csv'", "DROP TABLE Actor"):
        with pytest.raises(ReadOnlyQueryError):
            api.query(sample_store, stmt)
    # words inside strings and comments are not clauses
    cols, rows = api.query(sample_store, "MATCH (a:Actor) WHERE a.name = 'CREATE DELETE' RETURN count(a) // SET")
    assert rows == [[0]]


@pytest.mark.parametrize("hostile", ["x'}) DETACH DELETE n //", "`) MATCH (n) DELETE n", "‘); DROP TABLE Actor; --"])
def test_store_hostile_parameters_stay_data(fresh_copy, hostile):
    before = api.stats(fresh_copy)
    cols, rows = api.query(fresh_copy, "MATCH (a:Actor) WHERE a.name = $name RETURN a.id", {"name": hostile})
    assert rows == []
    for name in ("allegations_about", "allegations_by", "actor_profile"):
        with pytest.raises(UsageError, match="no actor"):  # resolved as a name, never run as Cypher
            api.query(fresh_copy, name, {"actor": hostile})
    assert api.stats(fresh_copy) == before


def test_store_second_writer_is_told_who_holds_the_lock(settings):
    first = open_store(settings)
    try:
        with pytest.raises(StoreLockedError, match=f"locked by PID {os.getpid()}"):
            open_store(settings)
    finally:
        first.close()
    open_store(settings).close()  # free again


def test_store_zero_length_file_is_not_an_empty_database(tmp_path):
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "graph.lbdb").write_bytes(b"")
    with pytest.raises(StoreCorruptError, match="zero bytes"):
        open_store(make_settings(folder))


def test_store_garbled_file_gives_a_clear_error(tmp_path):
    folder = tmp_path / "garbled"
    folder.mkdir()
    (folder / "graph.lbdb").write_bytes(os.urandom(8192))
    with pytest.raises(StoreError):
        open_store(make_settings(folder))


def test_store_missing_store_for_reading(tmp_path):
    with pytest.raises(StoreError, match="no allegraph store here"):
        api.stats(make_settings(tmp_path / "nothing"))


@pytest.mark.parametrize("delay", [0.3, 1.0, 2.5])
def test_store_kill_mid_ingest_then_complete(tmp_path, delay):
    """kill -9 at several points of an ingest loses nothing committed; the next run completes the rest."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import build

    for a in build(40):
        (corpus / f"{a['id']}.json").write_text(__import__("json").dumps(a))
    env = {**os.environ, "ALLEGRAPH_WRITE_BATCH": "4", "ALLEGRAPH_BUFFER_POOL_MB": "1024"}
    store = tmp_path / "store"
    cmd = [sys.executable, "-m", "allegraph.cli", "--store", str(store), "ingest", "--quiet", str(corpus)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (store / "graph.lbdb.wal").exists() and proc.poll() is None:
        time.sleep(0.05)
    time.sleep(delay)
    killed_running = proc.poll() is None
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    clean = tmp_path / "clean"
    subprocess.run([sys.executable, "-m", "allegraph.cli", "--store", str(clean), "ingest", "--quiet", str(corpus)],
                   env=env, check=True, capture_output=True)
    a, b = make_settings(store), make_settings(clean)
    assert api.stats(a) == api.stats(b)
    assert api.export_records(a, "allegations") == api.export_records(b, "allegations")
    assert [c["claim_id"] for c in api.export_records(a, "claims")] == [c["claim_id"] for c in api.export_records(b, "claims")]
    with open_store(a, write=False, create=False) as st:  # no half-written document: every document has its claims
        _, rows = st.query("MATCH (d:Document) OPTIONAL MATCH (c:Claim)-[:`IN`]->(d) RETURN d.id, count(c) ORDER BY d.id")
    with open_store(b, write=False, create=False) as st:
        _, clean_rows = st.query("MATCH (d:Document) OPTIONAL MATCH (c:Claim)-[:`IN`]->(d) RETURN d.id, count(c) ORDER BY d.id")
    assert rows == clean_rows
    assert killed_running, "the ingest finished before the kill: this run tested nothing"


def test_store_reads_work_while_an_ingest_writes(tmp_path):
    """Read-only commands open the database read-only and answer during an ingest."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import build

    for a in build(30):
        (corpus / f"{a['id']}.json").write_text(__import__("json").dumps(a))
    store = tmp_path / "store"
    env = {**os.environ, "ALLEGRAPH_WRITE_BATCH": "3"}
    subprocess.run([sys.executable, "-m", "allegraph.cli", "--store", str(store), "ingest", "--quiet", str(SAMPLES)],
                   env=env, check=True, capture_output=True)
    writer = subprocess.Popen([sys.executable, "-m", "allegraph.cli", "--store", str(store), "ingest", "--quiet", str(corpus)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(4)
        reader = subprocess.run([sys.executable, "-m", "allegraph.cli", "--store", str(store), "stats"], env=env,
                                capture_output=True, text=True, timeout=60)
        assert reader.returncode == 0, reader.stderr
        assert "documents" in reader.stdout
    finally:
        writer.wait(timeout=300)
    assert writer.returncode == 0


def test_store_many_batches_in_one_session_stay_within_a_small_pool(tmp_path):
    """LadybugDB keeps memory for each COPY from Arrow until the connection closes; one session
    writing many batches must not fill the buffer pool (it did after ~13k documents at 1 GiB)."""
    from allegraph.store import open_store

    s = make_settings(tmp_path / "s", buffer_pool_mb=64)
    text = "Israel attacked Hezbollah positions in southern Lebanon. " * 35
    with open_store(s) as store:
        store.write_batch([], [{"id": f"a{i}", "name": f"A{i}", "kind": "state", "aliases": [], "qid": "", "source": "t"}
                               for i in range(20)], [], [], [])
        for b in range(30):
            docs, claims = [], []
            for i in range(b * 200, b * 200 + 200):
                d = f"doc_{i:08d}"
                docs.append({"id": d, "title": "t", "subtitle": "", "outlet": "", "author": "", "published": "", "url": "",
                             "language": "en", "path": f"{i}.txt", "locations": [f"{i}.txt"], "external_id": "",
                             "text_hash": d, "text": text + d})
                claims += [{"id": f"clm_{i}_{j}", "document_id": d, "subject_id": f"a{j}", "object_id": f"a{j + 10}",
                            "origin_id": "", "predicate": "attacks", "predicate_text": "attacked", "attribution": "author",
                            "relay_ids": [], "polarity": "asserted", "hedged": False, "hedge_cues": [], "confidence": 0.5,
                            "evidence_text": text[:120], "evidence_start": 0, "evidence_end": 120, "cue_start": 0,
                            "cue_end": 0, "manual": False, "citation": ""} for j in range(10)]
            store.write_batch(docs, [], claims, [], [])
        assert store.stats()["documents"] == 6000 and store.stats()["claims"] == 60000
