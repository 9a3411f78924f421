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


def make_settings(folder: Path, **kw) -> Settings:
    return Settings(store=str(folder), buffer_pool_mb=256, lock_timeout_s=2.0, **kw)


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


@pytest.fixture(scope="session")
def extractor(catalogue):
    from allegraph.extract.extractor import Extractor

    return Extractor(Settings(), catalogue)
