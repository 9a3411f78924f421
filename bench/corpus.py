"""Build a varied corpus of N articles from the samples (JSONL), for benchmarks.

Usage: python bench/corpus.py N [--out bench/out/corpus-N.jsonl] [--report]

With --report, also how many of the copied paragraphs syndication detection collapses
(graph/syndication.py): every paragraph that appears in more than one article is a copy.

Each article is a sample's paragraphs in a seeded order, some paragraphs repeated from other
samples, under its own outlet and date, so texts (and document ids) differ while the language
stays real news prose.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from allegraph.ingest.clean import make_document  # noqa: E402
from allegraph.ingest.readers import iter_records  # noqa: E402

OUTLETS = ["Daily Levant", "Gulf Monitor", "Euphrates Wire", "Orontes Review", "Anatolia Post", "Cedar Times",
           "Tigris Herald", "Desert Dispatch", "Mediterranean Ledger", "Hauran Courier"]


def sample_paragraphs() -> list[list[str]]:
    out = []
    for path in sorted((ROOT / "samples").iterdir()):
        if path.suffix not in (".txt", ".json"):
            continue
        for rec in iter_records(path, 25):
            doc, _ = make_document(rec.text, rec.meta, rec.source, detect_header=rec.detect_header)
            out.append([p for p in doc.text.split("\n\n") if p.strip()])
    return out


def build(n: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    pools = sample_paragraphs()
    flat = [p for paras in pools for p in paras]
    articles = []
    for i in range(n):
        base = list(pools[i % len(pools)])
        rng.shuffle(base)
        extra = rng.sample(flat, k=min(2, len(flat)))
        # a sentence of its own makes every text (and document id) unique: cleaning drops short trailing lines
        marker = f"This is dispatch number {i} in the series."
        text = "\n\n".join(base[:1] + [marker] + base[1:] + extra)
        articles.append({"id": f"bench-{i:06d}", "title": f"Benchmark article {i}", "outlet": OUTLETS[i % len(OUTLETS)],
                         "published": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", "text": text})
    return articles


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("--out")
    ap.add_argument("--report", action="store_true", help="report the copied paragraphs syndication detection collapses")
    args = ap.parse_args()
    out = Path(args.out or ROOT / "bench" / "out" / f"corpus-{args.n}.jsonl")
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for a in build(args.n):
            fh.write(json.dumps(a, ensure_ascii=False) + "\n")
    print(f"# {' '.join(sys.argv)}\nwrote {args.n} articles to {out}")
    if args.report:
        report(build(args.n))


def report(articles: list[dict]) -> None:
    from allegraph.graph.syndication import passage_clusters

    copies: dict[str, set[str]] = {}
    for a in articles:
        for p in a["text"].split("\n\n"):
            if p.strip():
                copies.setdefault(p.strip(), set()).add(a["id"])
    copied = {p: ids for p, ids in copies.items() if len(ids) > 1}
    copy_count = sum(len(ids) - 1 for ids in copied.values())
    clusters = passage_clusters(articles)
    collapsed = sum(len(c.documents) - 1 for c in clusters)
    print(f"paragraphs: {sum(len(ids) for ids in copies.values())} in {len(articles)} articles; {len(copied)} texts appear "
          f"in more than one article, as {copy_count} copies beyond their first")
    print(f"syndication detection: {len(clusters)} clusters, {collapsed} copies collapsed into their earliest article "
          f"({collapsed / max(1, copy_count):.1%} of the copies)")


if __name__ == "__main__":
    main()
