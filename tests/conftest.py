"""Shared fixtures: real spaCy model, real LadybugDB folders in tmp_path, the shipped samples."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from allegraph import api
from allegraph.schema.catalogue import load_catalogue
from allegraph.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEV = Path(os.environ.get("ALLEGRAPH_DEV_DIR", ROOT.parent / "shared" / "dev"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite golden files from the current output")


@pytest.fixture(scope="session")
def catalogue():
    return load_catalogue()


@pytest.fixture(scope="module")
def reproducible_ingest_time():
    """SOURCE_DATE_EPOCH fixes the ingest time, so stores built at different moments compare equal."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", "1700000000")
        yield


def make_settings(folder: Path, **kw) -> Settings:
    return Settings(store=str(folder), **{"buffer_pool_mb": 256, "lock_timeout_s": 2.0, **kw})


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path / "store")


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The shipped samples ingested once; tests must not write to it."""
    s = make_settings(tmp_path_factory.mktemp("samples") / "store")
    report = api.ingest([SAMPLES], s, progress=False)
    assert report.ok and report.new == 7
    return s


@pytest.fixture
def fresh_copy(sample_store: Settings, tmp_path: Path) -> Settings:
    """A writable copy of the sample store."""
    target = tmp_path / "copy"
    shutil.copytree(sample_store.store, target, ignore=shutil.ignore_patterns("writer.lock"))
    return make_settings(target)


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def bolt_server(tmp_path_factory):
    """A real Bolt server: Neo4j when NEO4J_URI is set, else ArcadeDB started here on loopback."""
    import subprocess
    import sys
    import time

    if os.environ.get("NEO4J_URI"):
        env = {"ALLEGRAPH_NEO4J_USER": os.environ.get("NEO4J_USERNAME", "neo4j"),
               "ALLEGRAPH_NEO4J_PASSWORD": os.environ.get("NEO4J_PASSWORD", ""),
               "ALLEGRAPH_NEO4J_DATABASE": os.environ.get("NEO4J_DATABASE", "neo4j")}
        yield os.environ["NEO4J_URI"], env
        return
    try:
        import arcadedb_embedded  # noqa: F401
    except ImportError:
        if os.environ.get("ALLEGRAPH_REQUIRE_BOLT") == "1":
            pytest.fail("Bolt tests are required here but arcadedb-embedded is not installed")
        pytest.skip("no Bolt server: set NEO4J_URI or install arcadedb-embedded")
    root = tmp_path_factory.mktemp("arcadedb")
    port = _free_port()
    password = "allegraph-test-pw"
    proc = subprocess.Popen([sys.executable, str(Path(__file__).with_name("arcadedb_server.py")), str(port), str(root),
                             password, "allegraph"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 120
    lines = []
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line and proc.poll() is not None:
            break
        lines.append(line)
        if "READY" in line:
            break
    else:
        proc.kill()
    if proc.poll() is not None or not lines or "READY" not in lines[-1]:
        proc.kill()
        pytest.fail("ArcadeDB Bolt server did not start:\n" + "".join(lines[-20:]))
    env = {"ALLEGRAPH_NEO4J_USER": "root", "ALLEGRAPH_NEO4J_PASSWORD": password, "ALLEGRAPH_NEO4J_DATABASE": "allegraph"}
    try:
        yield f"bolt://127.0.0.1:{port}", env
    finally:
        proc.kill()
        proc.wait()


@pytest.fixture
def bolt(bolt_server, monkeypatch):
    """Settings for the Bolt store, emptied first."""
    from allegraph.store import open_store

    uri, env = bolt_server
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    s = Settings(store=uri)
    with open_store(s) as store:
        store.clear()
        store.set_meta("aggregation", "clean")
        store.set_meta("judgements", "")
    return s


@pytest.fixture(scope="session")
def extractor(catalogue):
    from allegraph.extract.extractor import Extractor

    return Extractor(Settings(), catalogue)


def either_store(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """Settings for the store a fixture parametrized with ["embedded", "bolt"] asks for: a fresh
    folder, or the (emptied) Bolt server."""
    if request.param == "embedded":
        return Settings(store=str(tmp_path / "store"), buffer_pool_mb=256)
    return request.getfixturevalue("bolt")


@pytest.fixture(params=["embedded", "bolt"])
def seeded_corpus(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """Either store, seeded from the hand-written rows of tests/seed.py (no model)."""
    from allegraph.store import open_store

    from .seed import seed

    s = either_store(request, tmp_path)
    with open_store(s) as store:
        seed(store, s)
    return s
