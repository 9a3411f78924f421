"""Digest of every output allegraph writes for the samples: every export format, the view, the
report, every named query (table and JSON), explain and stats, each as a SHA-256.

Run it on two commits and diff the outputs: a refactor that changes no behaviour gives the same
digests (that is how #18's "byte-identical exports" was checked).

    python bench/exports_digest.py > before.txt   # from the root of one checkout
    python bench/exports_digest.py > after.txt    # from the root of another
    diff before.txt after.txt
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path.cwd()  # run from the root of the checkout to measure
PARAMS = {"actor": "hts", "subject": "turkiye", "predicate": "supports", "object": "hts", "origin": "sna"}


def main() -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "PYTHONPATH": str(ROOT / "src")}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        store = str(out / "store")

        def run(*args: str, to: str | None = None) -> None:
            done = subprocess.run([sys.executable, "-m", "allegraph.cli", "--store", store, *args], env=env,
                                  capture_output=True, text=True, cwd=ROOT)
            if to:
                (out / to).write_text(done.stdout + done.stderr, encoding="utf-8")

        run("ingest", "samples/", "-q")
        for what in ("claims", "allegations", "graphml", "gexf", "json", "cytoscape", "cypher", "jsonld"):
            run("export", what, "-o", str(out / f"x.{what}"))
        run("export", "csv", "-o", str(out / "csv"))
        run("export", "neo4j-admin", "-o", str(out / "n4j"))
        run("export", "table", "--format", "latex", "-o", str(out / "t.tex"), "--bibtex", str(out / "t.bib"))
        run("export", "table", "--format", "markdown", "-o", str(out / "t.md"))
        run("export", "figure", "--format", "svg", "-o", str(out / "f.svg"))
        run("view", "--out", str(out / "v.html"))
        run("report", to="report.txt")
        for path in sorted((ROOT / "src" / "allegraph" / "queries").glob("*.cypher")):
            text = path.read_text(encoding="utf-8")
            args = [a for line in text.splitlines() if line.startswith("// param:")
                    for a in ("--param", f"{line.split()[2]}={PARAMS.get(line.split()[2], 'x')}")]
            run("query", path.stem, *args, "--format", "json", to=f"q_{path.stem}.json")
            run("query", path.stem, *args, to=f"qt_{path.stem}.txt")
        run("explain", "turkey", "supports", "hts", to="explain.txt")
        run("stats", to="stats.txt")
        for path in sorted(p for p in out.rglob("*") if p.is_file() and "store" not in p.relative_to(out).parts):
            print(hashlib.sha256(path.read_bytes()).hexdigest(), path.relative_to(out))


if __name__ == "__main__":
    main()
