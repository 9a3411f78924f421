"""Store write throughput and named-query latency on a large synthetic store.

Usage: python bench/store.py [DOCUMENTS] [CLAIMS]   (default 10000 documents, 100000 claims)

Rows have the real shape (ids, actors from the shipped catalogue, 10 claims per document) and go
through the same write path as ingest (delta COPY in one transaction per batch), then the
aggregation, then every named query with its golden-test parameters (median of 3 runs).
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from allegraph import api  # noqa: E402
from allegraph.queries import load_queries  # noqa: E402
from allegraph.schema.catalogue import catalogue_actor_row, catalogue_closure  # noqa: E402
from allegraph.schema.catalogue import load_catalogue  # noqa: E402
from allegraph.schema.ids import claim_id  # noqa: E402
from allegraph.settings import Settings  # noqa: E402
from allegraph.store import open_store  # noqa: E402
from tests.test_queries import PARAMS  # noqa: E402

FAMILIES = ["supports", "controls", "cooperates", "attacks", "threatens", "opposes", "captures", "affiliated_with"]


def main() -> None:
    n_docs = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    n_claims = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    rng = random.Random(7)
    cat = load_catalogue()
    actors = sorted(a for a in cat.actors if cat.actors[a].kind in ("state", "armed_group", "armed_force", "agency"))
    media = sorted(a for a in cat.actors if cat.actors[a].kind == "media")
    per_doc = max(1, n_claims // n_docs)
    with tempfile.TemporaryDirectory() as tmp:
        s = Settings(store=str(Path(tmp) / "store"))
        t_write = 0.0
        batch_times: list[float] = []
        with open_store(s) as store:
            for start in range(0, n_docs, 500):
                docs, claims = [], []
                for i in range(start, min(n_docs, start + 500)):
                    doc_id = f"doc_{i:012d}"
                    outlet = rng.choice(media)
                    docs.append({"id": doc_id, "title": f"Article {i}", "subtitle": "", "outlet": cat.actors[outlet].name,
                                 "author": "", "published": f"20{10 + i % 15}-{1 + i % 12:02d}-01", "url": "", "language": "en",
                                 "path": f"bench/{i}.txt", "locations": [f"bench/{i}.txt"], "external_id": str(i),
                                 "text_hash": f"{i:064d}", "text": "x" * 2000})
                    for j in range(per_doc):
                        s_, o_ = rng.sample(actors, 2)
                        p = rng.choice(FAMILIES)
                        claims.append({"id": claim_id(doc_id, j * 100, j * 100 + 90, s_, p, o_), "document_id": doc_id,
                                       "subject_id": s_, "object_id": o_, "origin_id": rng.choice([outlet, rng.choice(media)]),
                                       "predicate": p, "predicate_text": p, "attribution": "named",
                                       "relay_ids": [outlet] if rng.random() < 0.3 else [], "polarity": "asserted" if rng.random() < 0.95 else "denied",
                                       "hedged": rng.random() < 0.2, "hedge_cues": [], "confidence": 0.7, "evidence_text": "x" * 90,
                                       "evidence_start": j * 100, "evidence_end": j * 100 + 90, "cue_start": 0, "cue_end": 0,
                                       "manual": False, "citation": ""})
                needed = {c["subject_id"] for c in claims} | {c["object_id"] for c in claims} | {c["origin_id"] for c in claims} | set(media)
                actor_rows = [catalogue_actor_row(a, cat) for a in sorted(catalogue_closure(needed, cat))]
                t0 = time.perf_counter()
                store.write_batch(docs, actor_rows, claims, [], [])
                batch_times.append(time.perf_counter() - t0)
                t_write += batch_times[-1]
            t0 = time.perf_counter()
            api.update_edges(store, cat, s, None)
            t_agg = time.perf_counter() - t0
            st = store.stats()
        print(f"# python bench/store.py {n_docs} {n_claims}")
        print(f"store: {st['documents']:,} documents, {st['claims']:,} claims, {st['allegations']:,} allegation edges")
        print(f"write: {t_write:.1f} s for {st['claims']:,} claims ({st['claims'] / t_write:,.0f} claims/s with their documents "
              f"and relationships); aggregation of all edges {t_agg:.1f} s")
        tenth = max(1, len(batch_times) // 10)
        print(f"batch of 500 documents / {per_doc * 500:,} claims: first tenth {statistics.median(batch_times[:tenth]):.2f} s, "
              f"last tenth {statistics.median(batch_times[-tenth:]):.2f} s (median)\n")
        print("| named query | median ms (3 runs) | rows |")
        print("|---|---:|---:|")
        params = dict(PARAMS)
        params.update({"allegations_about": {"actor": "hts"}, "claims_by_origin": {"origin": media[0]},
                       "allegation_timeline": {"subject": actors[0], "predicate": "attacks", "object": actors[1]}})
        for name in sorted(load_queries()):
            times, rows = [], 0
            for _ in range(3):
                t0 = time.perf_counter()
                _, r = api.query(s, name, params.get(name, {}))
                times.append(time.perf_counter() - t0)
                rows = len(r)
            print(f"| {name} | {statistics.median(times) * 1000:.0f} | {rows} |")


if __name__ == "__main__":
    main()
