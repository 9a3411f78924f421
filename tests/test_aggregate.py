"""Corroboration counting rules, proved on small corpora written for the purpose."""

from __future__ import annotations

import json

from allegraph import api
from allegraph.graph.aggregate import aggregate
from allegraph.settings import ConfidenceWeights

from .conftest import SAMPLES, make_settings


def claim(i, origin, polarity="asserted", relays=(), attribution="named", doc=None, published="2024-01-01",
          s="israel", p="attacks", o="hezbollah", hedged=False):
    return {"id": f"c{i:03d}", "subject": s, "predicate": p, "object": o, "origin": origin, "attribution": attribution,
            "relays": list(relays), "polarity": polarity, "hedged": hedged, "confidence": 0.75,
            "published": published, "document_id": doc or f"d{i}"}


def edge(rows, catalogue):
    [e] = aggregate(rows, catalogue, ConfidenceWeights())
    return e


def test_aggregate_relays_never_count_as_origins(catalogue):
    rows = [claim(i, "izvestia", relays=[f"site_{i}"]) for i in range(10)]
    e = edge(rows, catalogue)
    assert e["origins"] == ["izvestia"] and e["independent_source_count"] == 1 and e["single_source"]
    assert e["relays"] == sorted(f"site_{i}" for i in range(10)) and e["claim_count"] == 10


def test_aggregate_one_origin_in_ten_documents_counts_once(catalogue):
    e = edge([claim(i, "reuters", doc=f"doc{i}") for i in range(10)], catalogue)
    assert e["independent_source_count"] == 1 and e["single_source"]


def test_aggregate_state_media_group_counts_once(catalogue):
    rows = [claim(1, "press_tv"), claim(2, "tasnim"), claim(3, "fars"), claim(4, "irna")]
    e = edge(rows, catalogue)
    assert len(e["origins"]) == 4 and e["independent_source_count"] == 1 and e["single_source"]
    e2 = edge(rows + [claim(5, "reuters")], catalogue)
    assert e2["independent_source_count"] == 2 and not e2["single_source"]


def test_aggregate_person_and_agency_speak_for_their_state(catalogue):
    e = edge([claim(1, "lloyd_austin"), claim(2, "pentagon"), claim(3, "centcom")], catalogue)
    assert e["independent_source_count"] == 1


def test_aggregate_denial_makes_contested(catalogue):
    e = edge([claim(1, "reuters"), claim(2, "afp"), claim(3, "idf", polarity="denied")], catalogue)
    assert e["contested"] and e["denying_source_count"] == 1 and e["independent_source_count"] == 2


def test_aggregate_anonymous_origins_count_per_relay(catalogue):
    rows = [claim(1, None, attribution="anonymous", relays=["reuters"]),
            claim(2, None, attribution="anonymous", relays=["reuters"]),
            claim(3, None, attribution="anonymous", relays=["ap"])]
    e = edge(rows, catalogue)
    assert e["independent_source_count"] == 2


def test_aggregate_confidence_rises_with_sources_and_falls_with_hedging_and_denial(catalogue):
    one = edge([claim(1, "reuters")], catalogue)["confidence"]
    three = edge([claim(1, "reuters"), claim(2, "afp"), claim(3, "bbc")], catalogue)["confidence"]
    hedged = edge([claim(1, "reuters", hedged=True)], catalogue)["confidence"]
    denied = edge([claim(1, "reuters"), claim(2, "idf", polarity="denied")], catalogue)["confidence"]
    assert three > one > hedged and one > denied and all(0 <= x <= 1 for x in (one, three, hedged, denied))


def test_aggregate_first_and_last_seen(catalogue):
    e = edge([claim(1, "reuters", published="2024-05-01"), claim(2, "afp", published="2023-01-09")], catalogue)
    assert (e["first_seen"], e["last_seen"]) == ("2023-01-09", "2024-05-01")


CORPUS = [
    {"id": "a1", "outlet": "Press TV", "published": "2024-03-01", "title": "A1",
     "text": "Israeli warplanes attacked Hezbollah positions in southern Lebanon on Monday, killing two fighters."},
    {"id": "a2", "outlet": "Tasnim News Agency", "published": "2024-03-02", "title": "A2",
     "text": "Israeli warplanes attacked Hezbollah positions near the Lebanese border on Tuesday."},
    {"id": "a3", "outlet": "Gulf Monitor", "published": "2024-03-03", "title": "A3",
     "text": "Al Mayadeen reports that Israeli warplanes attacked Hezbollah positions overnight."},
    {"id": "a4", "outlet": "Levant Blog", "published": "2024-03-04", "title": "A4",
     "text": "Al Mayadeen reports that Israeli warplanes attacked Hezbollah positions again."},
    {"id": "a5", "outlet": "Reuters", "published": "2024-03-05", "title": "A5",
     "text": "The Israel Defense Forces denied that Israel attacked Hezbollah positions on Monday."},
]


def _ingest(records, folder):
    folder.mkdir(parents=True, exist_ok=True)
    for r in records:
        (folder / f"{r['id']}.json").write_text(json.dumps(r))
    return folder


def _edge(settings, s, p, o):
    return next(e for e in api.export_records(settings, "allegations")
                if (e["subject"]["id"], e["predicate"], e["object"]["id"]) == (s, p, o))


def test_aggregate_end_to_end_relays_group_and_denial(tmp_path):
    s = make_settings(tmp_path / "store")
    assert api.ingest([_ingest(CORPUS, tmp_path / "in")], s, progress=False).ok
    e = _edge(s, "israel", "attacks", "hezbollah")
    origins = {o["id"] for o in e["origins"]}
    relays = {r["id"] for r in e["relays"]}
    assert {"press_tv", "tasnim", "al_mayadeen"} <= origins
    assert {"gulf_monitor", "levant_blog"} <= relays and not relays & origins
    # Press TV + Tasnim are one group; Al Mayadeen another: two independent sources
    assert e["independent_source_count"] == 2 and not e["single_source"]
    assert e["contested"] and e["denying_source_count"] == 1
    assert e["first_seen"] == "2024-03-01" and e["last_seen"] == "2024-03-05"


def test_aggregate_incremental_equals_rebuild(tmp_path):
    files = sorted(SAMPLES.iterdir())
    inc = make_settings(tmp_path / "inc")
    api.ingest(files[:3], inc, progress=False)
    api.ingest(files[3:], inc, progress=False)
    api.ingest([_ingest(CORPUS, tmp_path / "in")], inc, progress=False)
    once = make_settings(tmp_path / "once")
    api.ingest(files + [tmp_path / "in"], once, progress=False)
    assert api.export_records(inc, "allegations") == api.export_records(once, "allegations")
    assert api.stats(inc) == api.stats(once)
    rebuilt = api.rebuild(inc, progress=False)
    assert rebuilt.new == api.stats(once)["documents"]
    assert api.export_records(inc, "allegations") == api.export_records(once, "allegations")


def test_aggregate_explain_lists_claims_and_terms(sample_store):
    out = api.explain(sample_store, "Türkiye", "supports", "HTS")
    assert out["edge"]["claim_count"] == len(out["claims"]) >= 1
    assert {t["name"] for t in out["terms"]} >= {"base", "independent_sources", "hedging", "denial"}
    assert abs(sum(t["value"] for t in out["terms"]) - out["edge"]["confidence"]) < 1e-3 or out["edge"]["confidence"] in (0.0, 1.0)
