"""Syndication detection at corpus scale: time and memory of the duplicate report, and of the
per-edge copy grouping the aggregation runs, as the corpus grows.

Usage: python bench/syndication.py [SIZES...]   (default 1000 5000 20000 documents)

Each synthetic document has 8 paragraphs of its own (seeded random news-like sentences) and 2
paragraphs copied from a pool of 500 wire paragraphs (a fifth of them lightly edited), so about
a fifth of all paragraphs are copies, as in a corpus with republished wire copy. Reported per
size: seconds, microseconds per document, peak RSS, clusters found, and whether every planted
copy was found (recall) with no unplanted cluster (precision). Linear-ish means microseconds per
document stay flat as the corpus grows.
"""

from __future__ import annotations

import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from allegraph.graph.syndication import copy_groups, passage_clusters, signature  # noqa: E402

WORDS = ("army forces rebels militia government ministry officials said reported attacked shelled captured village "
         "town city border province district convoy aid talks ceasefire drone strike soldiers civilians killed wounded "
         "statement spokesman commander brigade front line positions supply route airport bridge hospital market "
         "residents fled camp refugees negotiations envoy sanctions weapons ammunition fuel overnight morning evening "
         "Monday Tuesday Wednesday Thursday Friday week month northern southern eastern western central").split()


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 22))).capitalize() + "."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(2, 4)))


def corpus(n: int, seed: int = 11) -> tuple[list[dict], dict[int, set[str]]]:
    rng = random.Random(seed)
    wire = [paragraph(rng) for _ in range(500)]
    planted: dict[int, set[str]] = {}
    docs = []
    for i in range(n):
        paras = [paragraph(rng) for _ in range(8)]
        for _ in range(2):
            k = rng.randrange(len(wire))
            text = wire[k]
            if rng.random() < 0.2:  # a light edit: one word changed
                words = text.split()
                words[rng.randrange(len(words))] = rng.choice(WORDS)
                text = " ".join(words)
            paras.insert(rng.randrange(len(paras) + 1), text)
            planted.setdefault(k, set()).add(f"d{i:06d}")
        docs.append({"id": f"d{i:06d}", "published": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", "text": "\n\n".join(paras)})
    return docs, {k: v for k, v in planted.items() if len(v) > 1}


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 5000, 20000]
    print(f"# python bench/syndication.py {' '.join(map(str, sizes))}")
    print("documents  paragraphs  seconds  us/doc  peak_rss_mb  clusters  planted  found_all  unplanted")
    for n in sizes:
        docs, planted = corpus(n)
        paragraphs = sum(d["text"].count("\n\n") + 1 for d in docs)
        t0 = time.perf_counter()
        clusters = passage_clusters(docs)
        dt = time.perf_counter() - t0
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        found = [set(c.documents) for c in clusters]
        found_all = sum(any(p <= f for f in found) for p in planted.values())
        unplanted = sum(not any(f <= p for p in planted.values()) for f in found)
        print(f"{n:>9}  {paragraphs:>10}  {dt:>7.1f}  {dt / n * 1e6:>6.0f}  {rss:>11.0f}  {len(clusters):>8}  "
              f"{len(planted):>7}  {found_all:>9}  {unplanted:>9}")
    # the aggregation's grouping on one hub edge: every claim a copy of one of 50 passages, or its own
    rng = random.Random(5)
    pool = [signature(paragraph(rng)) for _ in range(50)]
    for n in (1000, 10000, 50000):
        claims = [{"id": f"c{i}", "document_id": f"d{i}", "published": "", "attribution": "author",
                   "passage": pool[i % 50] if i % 2 else signature(paragraph(rng))} for i in range(n)]
        t0 = time.perf_counter()
        groups = copy_groups(claims)
        print(f"copy_groups on one edge of {n} claims (half copies of 50 passages): {time.perf_counter() - t0:.2f} s, "
              f"{len(groups)} texts")


if __name__ == "__main__":
    main()
