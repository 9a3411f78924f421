"""Extraction overhead: allegraph's parse + rules against the bare spaCy pipeline on the same texts.

Usage: python bench/extraction_overhead.py [N]   (default 200 articles from bench/corpus.py)

(a) bare: the model as shipped, nlp.pipe over the texts;
(b) allegraph: the same model with allegraph's components (paragraph boundaries, actor ruler),
    then attribution and allegation rules on every parsed document.
(c) the same as (b) without the world gazetteer (curated catalogue only), to show its cost.
Reports seconds, words/s and the ratios (b)/(a) (target at most 1.30) and (b)/(c) (the
gazetteer's cost, target under 1.10), and the time to load the catalogue with and without it
(target: the gazetteer adds under 0.5 s). Each load is timed in a fresh interpreter.
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import build  # noqa: E402

from allegraph.extract.extractor import Extractor  # noqa: E402
from allegraph.schema.catalogue import load_catalogue  # noqa: E402
from allegraph.schema.model import Document  # noqa: E402
from allegraph.settings import Settings  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    settings = Settings()
    articles = build(n)
    texts = [a["text"] for a in articles]
    words = sum(len(t.split()) for t in texts)
    bare = importlib.import_module(settings.model).load()
    extractor = Extractor(settings, load_catalogue())
    plain = Extractor(settings, load_catalogue(gazetteer=False))
    docs = [Document(id=str(i), text=t, outlet=a["outlet"]) for i, (t, a) in enumerate(zip(texts, articles))]
    list(bare.pipe(texts[:10]))  # warm-up both
    list(extractor.extract_many(docs[:10]))
    list(plain.extract_many(docs[:10]))
    runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        for _ in bare.pipe(texts, batch_size=settings.batch_size):
            pass
        t1 = time.perf_counter()
        claims = sum(len(x.claims) for x in extractor.extract_many(docs))
        t2 = time.perf_counter()
        sum(len(x.claims) for x in plain.extract_many(docs))
        t3 = time.perf_counter()
        runs.append((t1 - t0, t2 - t1, claims, t3 - t2))
    a = min(r[0] for r in runs)
    b = min(r[1] for r in runs)
    c = min(r[3] for r in runs)
    load = {flag: _load_seconds(flag) for flag in (True, False)}
    print(f"# python bench/extraction_overhead.py {n}")
    print("| what | seconds (best of 3) | words/s | docs/s |")
    print("|---|---:|---:|---:|")
    print(f"| (a) bare spaCy nlp.pipe | {a:.2f} | {words / a:,.0f} | {n / a:.1f} |")
    print(f"| (b) allegraph extraction | {b:.2f} | {words / b:,.0f} | {n / b:.1f} |")
    print(f"| (c) allegraph extraction without the gazetteer | {c:.2f} | {words / c:,.0f} | {n / c:.1f} |")
    print(f"\nratio (b)/(a) = {b / a:.3f}  (target <= 1.30); {runs[0][2]} claims from {n} articles, {words:,} words")
    print(f"gazetteer: extraction (b)/(c) = {b / c:.3f} (target < 1.10); catalogue load {load[True]:.3f} s with, "
          f"{load[False]:.3f} s without: +{load[True] - load[False]:.3f} s (target < 0.5 s)")


def _load_seconds(gazetteer: bool) -> float:
    """Best of three fresh-interpreter loads of the catalogue (first-use cost, as at start-up)."""
    import subprocess

    code = ("import time, sys; sys.path.insert(0, %r); t = time.perf_counter(); "
            "from allegraph.schema.catalogue import load_catalogue; c = load_catalogue(gazetteer=%r); "
            "c.place('Goma'); print(time.perf_counter() - t)") % (str(ROOT / "src"), gazetteer)
    return min(float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
               for _ in range(3))


if __name__ == "__main__":
    main()
