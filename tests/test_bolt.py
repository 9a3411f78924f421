"""The Bolt backend against a real server (ArcadeDB on loopback, or Neo4j when NEO4J_URI is set):
the same contract as the embedded store, the same rows for every named query, sync, failure modes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from allegraph import api
from allegraph.errors import ReadOnlyQueryError, StoreError
from allegraph.store.base import SCHEMA_VERSION
from allegraph.queries import load_queries
from allegraph.settings import Settings
from allegraph.store import open_store
from allegraph.store.bolt import check_version, safe_uri, server_flavour

from .conftest import DEV, SAMPLES
from .test_queries import normalise


pytestmark = pytest.mark.usefixtures("reproducible_ingest_time")  # stores built at different moments compare equal


@pytest.fixture(params=["embedded", "bolt"])
def any_store(request, tmp_path):
    if request.param == "embedded":
        return Settings(store=str(tmp_path / "store"), buffer_pool_mb=256)
    return request.getfixturevalue("bolt")


def test_bolt_contract_ingest_reingest_and_read(any_store):
    report = api.ingest([SAMPLES], any_store, progress=False)
    assert report.ok and report.new == 7
    first = api.stats(any_store)
    assert first["documents"] == 7 and first["claims"] > 50 and first["allegations"] > 40
    again = api.ingest([SAMPLES], any_store, progress=False)
    assert (again.new, again.already) == (0, 7) and api.stats(any_store) == first
    with open_store(any_store, write=False, create=False) as store:
        assert len(store.claim_rows()) == first["claims"]
        assert len(list(store.iter_documents())) == 7
        assert store.get_meta("schema_version") == SCHEMA_VERSION


def test_bolt_contract_read_only_and_hostile_params(any_store):
    api.ingest([SAMPLES / "seed-article.txt"], any_store, progress=False)
    before = api.stats(any_store)
    with pytest.raises(ReadOnlyQueryError):
        api.query(any_store, "MATCH (n:Actor) DETACH DELETE n")
    for hostile in ("x'}) DETACH DELETE n //", "`) MATCH (n) DELETE n", "‘); DROP TABLE Actor; --"):
        assert api.query(any_store, "MATCH (a:Actor) WHERE a.name = $n RETURN a.id", {"n": hostile})[1] == []
    for bypass in BYPASSES:  # each let a write through the old regex guard on one store or the other
        with pytest.raises(ReadOnlyQueryError):
            api.query(any_store, bypass)
    assert api.stats(any_store) == before


BYPASSES = [
    "MATCH (c:Claim) WITH c LIMIT 5 //\rDETACH DELETE c",
    "MATCH (a:Actor) WITH a LIMIT 1 //\u2028SET a.name = 'x'",
    "MATCH (a:Actor) /* */ WITH a LIMIT 1 /*\n*/ SET a.name = 'x' RETURN a",
    "INSERT INTO Actor VALUES ('x')",
    "CALL show_tables() RETURN * UNION CALL db.create.setNodeVectorProperty(null, 'k', []) RETURN 1",
    "CALL table_info('Actor') RETURN * CALL apoc.create.node(['Actor'], {id: 'x'}) YIELD node RETURN node",
    "UNINSTALL json",
    "MATCH (a:Actor) RETURN a.id; ANALYZE",
    "MATCH (a) WHERE a.name = 'unterminated RETURN a",
    "MATCH (a:Actor) FOREACH (x IN [1] | CREATE (:Actor {id: 'y'}))",
]


def test_bolt_same_allegations_as_embedded_on_dev(bolt, tmp_path):
    source = DEV if DEV.is_dir() else SAMPLES
    embedded = Settings(store=str(tmp_path / "e"), buffer_pool_mb=256)
    api.ingest([source], embedded, progress=False)
    api.ingest([source], bolt, progress=False)
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    api.export(embedded, "allegations", a)
    api.export(bolt, "allegations", b)
    assert a.read_bytes() == b.read_bytes()
    assert sorted(json.dumps(c, sort_keys=True) for c in api.export_records(embedded, "claims")) == \
        sorted(json.dumps(c, sort_keys=True) for c in api.export_records(bolt, "claims"))


@pytest.fixture(scope="module")
def bolt_samples(bolt_server):
    uri, env = bolt_server
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    s = Settings(store=uri)
    with open_store(s) as store:
        store.clear()
        store.set_meta("aggregation", "clean")
    api.ingest([SAMPLES], s, progress=False)
    yield s
    for k, v in old.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@pytest.mark.parametrize("name", sorted(load_queries()))
def test_bolt_named_query_gives_the_embedded_stores_rows_for_the_same_ingest(name, bolt_samples, sample_store):
    """End to end: the samples ingested (with the model) into each store answer alike. The goldens
    themselves come from hand-written rows (tests/test_queries.py)."""
    params = {"actor": "hts", "subject": "turkiye", "predicate": "supports", "object": "hts", "origin": "izvestia"}
    wanted = {p.name for p in load_queries()[name].params if p.required}
    cols, rows = api.query(bolt_samples, name, {k: v for k, v in params.items() if k in wanted})
    ecols, erows = api.query(sample_store, name, {k: v for k, v in params.items() if k in wanted})
    assert normalise(cols, rows)["rows"] == normalise(ecols, erows)["rows"]
    assert cols == ecols or (not rows and not cols)  # ArcadeDB names no columns for no rows


def test_bolt_sync_both_ways_is_idempotent(sample_store, bolt, tmp_path):
    api.sync(sample_store, to=bolt.store)
    api.sync(sample_store, to=bolt.store)
    assert api.stats(bolt) == api.stats(sample_store)
    assert api.export_records(bolt, "allegations") == api.export_records(sample_store, "allegations")
    back = Settings(store=str(tmp_path / "back"), buffer_pool_mb=256)
    api.sync(back, source=bolt.store)
    api.sync(back, source=bolt.store)
    assert api.export_records(back, "claims") == api.export_records(sample_store, "claims")
    assert api.export_records(back, "allegations") == api.export_records(sample_store, "allegations")


def _cli(args: list[str], env: dict[str, str]) -> tuple[int, str, float]:
    t0 = time.monotonic()
    p = subprocess.run([sys.executable, "-m", "allegraph.cli", *args], capture_output=True, text=True,
                       env={**os.environ, **env}, timeout=60)
    return p.returncode, p.stdout + p.stderr, time.monotonic() - t0


def test_bolt_unreachable_server_fails_fast(bolt_server):
    _, env = bolt_server
    code, out, secs = _cli(["--store", "bolt://127.0.0.1:9", "stats"], env)
    assert code == 1 and secs < 10 and "bolt://127.0.0.1:9: server unreachable" in out
    assert env["ALLEGRAPH_NEO4J_PASSWORD"] not in out


def test_bolt_wrong_password_fails_fast_without_leaking(bolt_server):
    uri, env = bolt_server
    code, out, secs = _cli(["--store", uri, "stats", "--debug"], {**env, "ALLEGRAPH_NEO4J_PASSWORD": "wrong-secret-x"})
    assert code == 1 and secs < 10 and "authentication failed" in out and "wrong-secret-x" not in out


def test_bolt_unknown_database(bolt_server):
    uri, env = bolt_server
    code, out, secs = _cli(["--store", uri, "stats"], {**env, "ALLEGRAPH_NEO4J_DATABASE": "no_such_db"})
    assert code == 1 and secs < 10 and "database 'no_such_db' does not exist" in out


def test_bolt_password_in_uri_is_never_shown(bolt_server):
    uri, env = bolt_server
    code, out, _ = _cli(["--store", uri.replace("bolt://", "bolt://root:uri-secret-y@"), "stats"],
                        {k: v for k, v in env.items() if k != "ALLEGRAPH_NEO4J_PASSWORD"})
    assert "uri-secret-y" not in out
    assert safe_uri("bolt://u:p@host:7687/db") == "bolt://host:7687/db"


def test_bolt_server_versions_from_agent_strings():
    assert server_flavour("Neo4j/5.26.0 compatible (ArcadeDB 26.10.2)") == ("arcadedb", (26, 10))
    assert server_flavour("Neo4j/5.20.0") == ("neo4j", (5, 20))
    assert server_flavour("Memgraph/2.18.0")[0] == "memgraph"
    with pytest.raises(StoreError, match="too old"):
        check_version("Neo4j/4.4.30", "bolt://x")


def test_bolt_schema_creation_is_idempotent(bolt):
    for _ in range(2):
        with open_store(bolt) as store:
            assert store.get_meta("schema_version") == SCHEMA_VERSION
