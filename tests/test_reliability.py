"""Nothing lost, whatever happens (#16): interrupted rebuilds leave the store as it was, no worker
outlives its run, a dead writer's lock is taken over, corrections belong to the store. Real
processes, real signals, real LadybugDB folders; bench/crash_campaign.py runs many more points."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from allegraph import api
from allegraph.graph.judgements import Judgements, apply
from allegraph.store import open_store

from .conftest import ROOT, SAMPLES, make_settings

CLI = [sys.executable, "-m", "allegraph.cli"]
ENV = {**os.environ, "ALLEGRAPH_WRITE_BATCH": "4", "ALLEGRAPH_BATCH_SIZE": "2", "ALLEGRAPH_WORKERS": "2",
       "SOURCE_DATE_EPOCH": "1700000000", "PYTHONPATH": str(ROOT / "src")}


def _snapshot(folder: Path) -> dict:
    s = make_settings(folder)
    with open_store(s, write=False, create=False) as st:
        return {"documents": st.query("MATCH (d:Document) RETURN d.id ORDER BY d.id")[1],
                "claims": st.query("MATCH (c:Claim) RETURN c.id ORDER BY c.id")[1],
                "edges": st.query("MATCH (a:Actor)-[e:ALLEGED]->(b:Actor) RETURN a.id, e.predicate, b.id, e.claim_count, "
                                  "e.independent_source_count ORDER BY a.id, e.predicate, b.id")[1]}


def _survivors(marker: str) -> list[str]:
    out = subprocess.run(["pgrep", "-af", marker], capture_output=True, text=True)
    return [line for line in out.stdout.splitlines() if "pgrep" not in line]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A 40-document store (enough for two parser processes), built once."""
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import build

    work = tmp_path_factory.mktemp("reliability")
    corpus = work / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(a) + "\n" for a in build(40)), encoding="utf-8")
    store = work / "store"
    subprocess.run([*CLI, "--store", str(store), "ingest", "--quiet", str(corpus)], env=ENV, check=True,
                   capture_output=True, cwd=work)
    return store, corpus, _snapshot(store)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_interrupted_rebuild_leaves_the_store_as_it_was_and_no_process(built, tmp_path, sig):
    source, _, before = built
    store = tmp_path / "store"
    shutil.copytree(source, store)
    proc = subprocess.Popen([*CLI, "--store", str(store), "rebuild"], env=ENV, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (store / "graph.lbdb.staging").exists():
        time.sleep(0.05)
    while time.monotonic() < deadline and len(_survivors(str(store))) < 3:  # the parser's two workers are running
        time.sleep(0.05)
    assert proc.poll() is None, "the rebuild finished before the signal: this run tested nothing"
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    time.sleep(0.5)
    assert _survivors(str(store)) == []
    if sig != signal.SIGKILL:
        assert proc.returncode == 130
        lines = [line for line in err.splitlines() if line.startswith("Error:")]
        assert len(lines) == 1 and "rebuild interrupted" in lines[0] and "as it was" in lines[0], err
    assert _snapshot(store) == before
    again = subprocess.run([*CLI, "--store", str(store), "rebuild"], env={**ENV, "ALLEGRAPH_LOCK_TIMEOUT_S": "2"},
                           capture_output=True, text=True, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert _snapshot(store) == before
    assert not (store / "graph.lbdb.staging").exists()


def test_interrupted_ingest_says_what_was_kept_and_finishes_on_the_next_run(built, tmp_path):
    _, corpus, clean = built
    store = tmp_path / "store"
    proc = subprocess.Popen([*CLI, "--store", str(store), "ingest", "--quiet", str(corpus)], env=ENV,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(_survivors(str(store))) < 3:
        time.sleep(0.05)
    time.sleep(1.0)
    assert proc.poll() is None
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "ingest interrupted" in err and "kept" in err, err
    time.sleep(0.5)
    assert _survivors(str(store)) == []
    subprocess.run([*CLI, "--store", str(store), "ingest", "--quiet", str(corpus)], env=ENV, check=True,
                   capture_output=True, cwd=tmp_path)
    assert _snapshot(store) == clean


def test_a_dead_writers_lock_is_taken_over(tmp_path, capsys):
    """A writer killed with -9 whose child still holds the lock file: the next writer stops the
    child and takes the lock, with a note, instead of waiting for the user to diagnose it."""
    s = make_settings(tmp_path / "store", lock_timeout_s=5.0)
    api.ingest([SAMPLES / "seed-article.txt"], s, progress=False)
    script = textwrap.dedent(f"""
        import fcntl, os, time
        fd = os.open({str(tmp_path / 'store' / 'writer.lock')!r}, os.O_RDWR)
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0); os.pwrite(fd, str(os.getpid()).encode(), 0)
        child = os.fork()
        if child == 0:
            os.close(1); os.close(2)  # not the test's pipes: only the lock stays inherited
            time.sleep(120)   # a worker that outlived its parent, lock inherited
            os._exit(0)
        print(os.getpid(), child, flush=True)
        os._exit(0)           # the writer dies; its child keeps the lock
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    dead, child = (int(x) for x in out.stdout.split())
    time.sleep(0.3)
    started = time.monotonic()
    with open_store(s) as store:
        assert store.stats()["documents"] == 1
    assert time.monotonic() - started < 5
    assert dead != child
    from allegraph.store.lock import _alive

    assert not _alive(child) and not _alive(dead)
    note = capsys.readouterr().err
    assert f"left by PID {dead}" in note and str(child) in note and "took the lock over" in note


def test_rejected_claims_stay_rejected_whatever_the_working_directory(tmp_path):
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    project.mkdir()
    elsewhere.mkdir()
    (elsewhere / "judgements.yaml").write_text("judgements: []\n", encoding="utf-8")  # someone else's file
    store = project / "data"
    env = {**ENV, "ALLEGRAPH_WORKERS": "1"}
    subprocess.run([*CLI, "--store", str(store), "ingest", "--quiet", str(SAMPLES)], env=env, check=True,
                   capture_output=True, cwd=project)
    with open_store(make_settings(store), write=False, create=False) as st:
        claim = st.query("MATCH (c:Claim) RETURN c.id ORDER BY c.id LIMIT 1")[1][0][0]
    subprocess.run([*CLI, "--store", str(store), "judge", "reject", claim, "--note", "misparse"], env=env, check=True,
                   capture_output=True, cwd=project)

    def rejected() -> bool:
        with open_store(make_settings(store), write=False, create=False) as st:
            rows = st.query("MATCH ()-[e:ALLEGED]->() RETURN e.claim_ids")[1]
        return all(claim not in (r[0] or []) for r in rows)

    assert rejected()
    for cwd in (elsewhere, tmp_path):
        out = subprocess.run([*CLI, "--store", str(store), "rebuild"], env=env, capture_output=True, text=True, cwd=cwd)
        assert out.returncode == 0, out.stderr
        assert "using judgements" in out.stderr
        assert rejected()
    (project / "judgements.yaml").rename(project / "moved.yaml")
    out = subprocess.run([*CLI, "--store", str(store), "rebuild"], env=env, capture_output=True, text=True, cwd=elsewhere)
    assert out.returncode != 0 and "which is missing" in out.stderr  # said, not silently dropped
    assert rejected()  # and the failed rebuild changed nothing


def test_a_stale_judgement_is_a_warning_and_never_empties_the_graph(fresh_copy, tmp_path):
    with open_store(fresh_copy, write=False, create=False) as st:
        claim = st.query("MATCH (c:Claim) RETURN c.id ORDER BY c.id LIMIT 1")[1][0][0]
        edges_before = st.stats()["allegations"]
    path = tmp_path / "j.yaml"
    path.write_text("judgements:\n- {action: merge, into: renamed_in_the_new_catalogue, actors: [hts]}\n"
                    f"- {{action: reject, claim: {claim}}}\n", encoding="utf-8")
    lines = api.apply_judgements(fresh_copy.replace(judgements=str(path)), progress=False)
    assert any("entry 1 (merge)" in line and "the entry is skipped" in line and "renamed_in_the_new_catalogue" in line
               for line in lines), lines
    with open_store(fresh_copy, write=False, create=False) as st:
        assert st.stats()["allegations"] >= edges_before - 1
        rows = st.query("MATCH ()-[e:ALLEGED]->() RETURN e.claim_ids")[1]
    assert all(claim not in (r[0] or []) for r in rows)


def test_a_claim_judgement_finds_its_claim_after_an_actor_rename():
    rows = [{"id": "clm_new", "subject": "hayat_tahrir_al_sham", "predicate": "attacks", "object": "aleppo",
             "origin": None, "attribution": "author", "relays": [], "polarity": "asserted", "document_id": "doc_1",
             "document_path": "a.txt", "evidence_text": "HTS attacked Aleppo on Friday, residents said."},
            {"id": "clm_other", "subject": "hayat_tahrir_al_sham", "predicate": "captures", "object": "aleppo",
             "origin": None, "attribution": "author", "relays": [], "polarity": "asserted", "document_id": "doc_1",
             "document_path": "a.txt", "evidence_text": "HTS attacked Aleppo on Friday, residents said."}]
    j = Judgements([{"action": "reject", "claim": "clm_old_id_before_the_rename", "document": "doc_1",
                     "evidence": "HTS attacked Aleppo on Friday", "predicate": "attacks"}], "x", "j.yaml")
    applied = apply(rows, j, {"hayat_tahrir_al_sham", "aleppo"})
    assert [r["id"] for r in applied.rows] == ["clm_other"] and not applied.unmatched
    j_live = Judgements([{"action": "reject", "claim": "clm_other", "document": "doc_1",
                          "evidence": "HTS attacked Aleppo on Friday", "predicate": "attacks"}], "x", "j.yaml")
    assert [r["id"] for r in apply(rows, j_live, {"hayat_tahrir_al_sham", "aleppo"}).rows] == ["clm_new"]  # the id wins


@pytest.mark.parametrize("command", ["sync", "judge"])
def test_interrupted_sync_and_judge_apply_change_nothing(built, tmp_path, command):
    source, _, before = built
    store = tmp_path / "store"
    judgements = tmp_path / "j.yaml"
    judgements.write_text(f"judgements:\n- {{action: reject, claim: {before['claims'][0][0]}}}\n", encoding="utf-8")
    if command == "sync":
        argv = [*CLI, "--store", str(store), "sync", "--from", str(source)]
        subprocess.run([*CLI, "--store", str(store), "ingest", "--quiet", str(SAMPLES / "seed-article.txt")], env=ENV,
                       check=True, capture_output=True, cwd=tmp_path)
    else:
        shutil.copytree(source, store)
        argv = [*CLI, "--store", str(store), "judge", "--file", str(judgements), "apply"]
    start = _snapshot(store)
    proc = subprocess.Popen(argv, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp_path)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (store / "graph.lbdb.staging").exists() and proc.poll() is None:
        time.sleep(0.01)
    assert proc.poll() is None, "the command finished before the kill: this run tested nothing"
    proc.kill()
    proc.wait()
    assert _survivors(str(store)) == []
    assert _snapshot(store) == start  # as it was
    subprocess.run(argv, env=ENV, check=True, capture_output=True, cwd=tmp_path)
    after = _snapshot(store)
    if command == "sync":
        assert {d[0] for d in before["documents"]} <= {d[0] for d in after["documents"]}
        assert {c[0] for c in before["claims"]} <= {c[0] for c in after["claims"]}
    else:
        assert after["claims"] == before["claims"] and after["edges"] != before["edges"]
