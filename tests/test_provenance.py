"""Single source means single source (#15): one chain per document, syndicated copies, dates,
denials, collectors' metadata and fixing documents after the fact. Small corpora, the real model,
real LadybugDB stores."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from allegraph import api, documents
from allegraph.errors import UsageError
from allegraph.queries.records import allegation_records, claim_records
from allegraph.graph.filters import Filters, iso_date, select
from allegraph.graph.syndication import passage_clusters, signature, similarity
from allegraph.ingest.clean import make_document, normalise_date
from allegraph.ingest.readers import _record as read_record
from allegraph.store import open_store

from .conftest import make_settings

QUOTED = ("The Israeli military said it attacked Hezbollah targets near the town of Nabatieh overnight, adding that the "
          "group had been moving rockets toward the border for several weeks before the raid.")
OWN = ("Hezbollah attacked Israel with a barrage of more than forty rockets on Sunday evening, most of which were "
       "intercepted over the Galilee, according to residents.")
OUTLETS = [("Wire One", "2024-05-03"), ("Daily Two", "2024-05-04"), ("Herald Three", "2024-05-04"),
           ("Post Four", "2024-05-05"), ("Times Five", "2024-05-06")]


def _corpus(tmp_path: Path, name: str, records: list[dict]) -> Path:
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


def _ingest(tmp_path: Path, name: str, records: list[dict]):
    s = make_settings(tmp_path / f"store_{name}")
    report = api.ingest([_corpus(tmp_path, name, records)], s, progress=False)
    assert report.ok, report.skipped
    with open_store(s, write=False, create=False) as store:
        edges = {(e["subject"]["id"], e["predicate"], e["object"]["id"]): e for e in allegation_records(store)}
    return s, edges


FILLERS = ["Schools in the northern district stayed closed on Monday as parents kept their children at home.",
           "Electricity was cut across several neighbourhoods for most of the afternoon, the utility company reported.",
           "Farmers said the harvest would be delayed because the roads to the market were blocked by debris.",
           "A local football match scheduled for the weekend was postponed until further notice by its organisers.",
           "Prices of bread and fuel rose sharply in the city centre during the following days, traders said."]


def _syndicated(paragraph: str, outlets=OUTLETS) -> list[dict]:
    return [{"id": f"c{i}", "outlet": o, "published": d, "title": f"Overnight strikes {i}",
             "text": f"{paragraph}\n\n{FILLERS[i]}"}
            for i, (o, d) in enumerate(outlets)]


def test_one_article_quoting_its_source_is_one_source(tmp_path):
    text = ("Hezbollah attacked Israel with a barrage of rockets on Sunday.\n\n"
            "The Israeli military said Hezbollah attacked Israel with more than forty rockets, most of them intercepted.")
    s, edges = _ingest(tmp_path, "one", [{"id": "q1", "outlet": "Sudan Monitor", "published": "2024-06-01",
                                          "title": "Rockets", "text": text}])
    e = edges[("hezbollah", "attacks", "israel")]
    assert e["claim_count"] == 2
    assert e["independent_source_count"] == 1 and e["single_source"]
    assert [o["id"] for o in e["origins"]] == ["idf"]
    assert "sudan_monitor" in [r["id"] for r in e["relays"]]  # the outlet relays the source it quotes, not the state 'Sudan'
    out = api.explain(s, "Hezbollah", "attacks", "Israel")
    carriers = out["edge"]["carriers"]
    assert [c["origin"] for c in carriers] == ["idf"] and [d["id"] for d in carriers[0]["documents"]] == [
        next(iter(out["edge"]["origin_documents"]["idf"]))]
    assert any(c["counting"].startswith("relay: the document credits") for c in out["claims"])


def test_a_quoted_report_syndicated_by_five_outlets_is_one_origin_five_relays(tmp_path):
    _, edges = _ingest(tmp_path, "syn", _syndicated(QUOTED))
    e = edges[("idf", "attacks", "hezbollah")]
    assert e["claim_count"] == 5
    assert e["independent_source_count"] == 1
    assert sorted(r["id"] for r in e["relays"]) == ["daily_two", "herald_three", "post_four", "times_five", "wire_one"]


def test_an_own_voice_report_syndicated_counts_once_carried_by_the_earliest_copy(tmp_path):
    shuffled = list(reversed(OUTLETS))  # ingest order must not matter: the earliest dated copy carries it
    s, edges = _ingest(tmp_path, "own", _syndicated(OWN, shuffled))
    e = edges[("hezbollah", "attacks", "israel")]
    assert e["claim_count"] == 5 and e["independent_source_count"] == 1 and e["single_source"]
    assert [o["id"] for o in e["origins"]] == ["anonymous@wire_one"]
    assert e["origins"][0]["name"] == "anonymous source via Wire One"
    assert {"daily_two", "herald_three", "post_four", "times_five"} <= {r["id"] for r in e["relays"]}
    out = api.duplicates(s)
    assert len(out["clusters"]) == 1 and len(out["clusters"][0]["documents"]) == 5
    assert out["clusters"][0]["documents"][0]["outlet"] == "Wire One"


def test_three_unrelated_outlets_are_three_sources(tmp_path):
    records = [
        {"id": "u1", "outlet": "Alpha News", "published": "2024-07-01", "title": "A",
         "text": "Hezbollah attacked Israel on Monday with drones launched from southern Lebanon."},
        {"id": "u2", "outlet": "Beta Times", "published": "2024-07-02", "title": "B",
         "text": "On Monday evening Hezbollah attacked Israel, firing anti-tank missiles at a border post."},
        {"id": "u3", "outlet": "Gamma Post", "published": "2024-07-03", "title": "C",
         "text": "In a statement on Tuesday, Hezbollah attacked Israel for the third time this week, the paper reported."},
    ]
    _, edges = _ingest(tmp_path, "three", records)
    e = edges[("hezbollah", "attacks", "israel")]
    assert e["independent_source_count"] == 3 and not e["single_source"]


def test_a_denial_only_edge_is_contested_and_drawn_as_denied(tmp_path):
    from allegraph.exports.bundle import flat_edge, make_bundle
    from allegraph.queries.records import doc_map
    from allegraph.viz.view import graph_data, vis_lists

    records = [{"id": "d1", "outlet": "Delta Daily", "published": "2024-08-01", "title": "D",
                "text": "Hezbollah denied that it attacked Cyprus, calling the reports fabricated."}]
    s, edges = _ingest(tmp_path, "deny", records)
    e = edges[("hezbollah", "attacks", "cyprus")]
    assert e["independent_source_count"] == 0 and e["denying_source_count"] == 1
    assert e["contested"] and not e["single_source"]
    flat = flat_edge(e)
    assert flat["standing"] == "denied_only" and flat["line"] == "dotted" and flat["width"] == 1
    with open_store(s, write=False, create=False) as store:
        claims, docs = claim_records(store), doc_map(store)
    bundle = make_bundle(list(edges.values()), claims, docs, Filters(min_sources=2))
    assert len(bundle.allegations) == 1  # a source filter keeps denials unless asked
    assert not make_bundle(list(edges.values()), claims, docs, Filters(min_sources=2, include_contested=False)).allegations
    _, vis_edges = vis_lists(graph_data(list(edges.values()), claims, docs))
    assert vis_edges[0]["dashes"] == [2, 5] and vis_edges[0]["label"] == "✗ denied only"
    out = tmp_path / "g.gexf"
    api.export(s, "gexf", out)
    assert '<viz:shape value="dotted" />' in out.read_text(encoding="utf-8")


def test_demo_samples_have_no_corroboration_from_one_document(sample_store):
    with open_store(sample_store, write=False, create=False) as store:
        claims = {c["claim_id"]: c for c in claim_records(store)}
        for e in allegation_records(store):
            if e["independent_source_count"] >= 2:
                assert len({claims[c]["document"]["id"] for c in e["claim_ids"]}) >= 2, e


def test_signatures_tell_copies_from_rewrites():
    a = signature(QUOTED)
    assert similarity(a, signature(QUOTED.replace("overnight", "late on Sunday"))) >= 0.5
    assert similarity(a, signature("Hezbollah said on Monday that it had fired rockets at an Israeli army base near "
                                   "the border in response to the raid near Nabatieh, its statement added.")) < 0.3
    assert signature("Too short to judge.") == ""
    docs = [{"id": f"d{i}", "published": f"2024-01-0{5 - i}", "text": QUOTED + "\n\nOther words " + str(i)} for i in range(3)]
    clusters = passage_clusters(docs)
    assert len(clusters) == 1 and clusters[0].documents == ["d2", "d1", "d0"]  # earliest dated first


def test_dates_are_checked_and_undated_material_is_stated(tmp_path):
    for bad in ("banana", "2024-13-45", "2024-02-30"):
        with pytest.raises(UsageError, match="is not a date"):
            Filters(since=bad)
    assert iso_date("2024") == "2024-01-01" and iso_date("2024-03") == "2024-03-01"
    dated = {"independent_source_count": 1, "denying_source_count": 0, "single_source": True, "contested": False,
             "predicate": "attacks", "first_seen": "2024-05-01", "last_seen": "2024-05-03", "origins": [],
             "subject": {"id": "a", "name": "A"}, "object": {"id": "b", "name": "B"}}
    undated = {**dated, "first_seen": "", "last_seen": "", "object": {"id": "c", "name": "C"}}
    assert select([dated, undated], Filters(since="2024-05-02")) == [dated]
    assert select([dated, undated], Filters(since="2024-05-02", undated="include")) == [dated, undated]
    assert select([dated, undated], Filters(until="2024-04-30", undated="include")) == [undated]
    cli = [sys.executable, "-m", "allegraph.cli", "--store", str(tmp_path / "none"), "view", "--since", "2024-13-45"]
    run = subprocess.run(cli, capture_output=True, text=True)
    assert run.returncode == 2 and "is not a date" in run.stderr and "Traceback" not in run.stderr
    help_text = subprocess.run([sys.executable, "-m", "allegraph.cli", "view", "--help"], capture_output=True, text=True).stdout
    assert "--undated" in help_text and "default: exclude" in help_text


def test_claims_exports_carry_publication_and_ingest_dates(fresh_copy, tmp_path):
    out = tmp_path / "claims.jsonl"
    api.export(fresh_copy, "claims", out)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert all("published" in r and r["ingested"].endswith("Z") for r in rows)
    assert {r["published"] for r in rows} >= {"2024-04-02", ""}
    api.export(fresh_copy, "csv", tmp_path / "csv")
    header = (tmp_path / "csv" / "claims.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert "published" in header and "ingested" in header


@pytest.mark.parametrize("record, outlet, published, url", [
    ({"sitename": "Reuters", "date": "2024-03-05", "url": "https://www.reuters.com/a"}, "Reuters", "2024-03-05", "https://www.reuters.com/a"),
    ({"source": "https://www.aljazeera.com/news/x", "date": "2024-03-05"}, "aljazeera.com", "2024-03-05", ""),
    ({"source_url": "https://www.bbc.co.uk", "publish_date": "2024-03-05 10:00:00", "authors": ["A. Writer"]}, "bbc.co.uk", "2024-03-05", "https://www.bbc.co.uk"),
    ({"media_name": "Kyiv Post", "publish_date": "2024-03-05T10:00:00Z", "url": "https://kyivpost.com/x"}, "Kyiv Post", "2024-03-05", "https://kyivpost.com/x"),
    ({"source": {"id": None, "name": "The Hindu"}, "publishedAt": "2024-03-05T08:00:00Z"}, "The Hindu", "2024-03-05", ""),
    ({"SourceCommonName": "dawn.com", "DocumentIdentifier": "https://www.dawn.com/news/1", "seendate": "20240305T101500Z"}, "dawn.com", "2024-03-05", "https://www.dawn.com/news/1"),
    ({"url": "https://www.theguardian.com/world/x", "published": "5 March 2024"}, "theguardian.com", "2024-03-05", "https://www.theguardian.com/world/x"),
])
def test_collectors_field_names(record, outlet, published, url):
    raw = read_record({**record, "text": "Hezbollah attacked Israel with rockets on Sunday, the army said."}, "r.json")
    doc, warnings = make_document(raw.text, raw.meta, raw.source, detect_header=False)
    assert (doc.outlet, doc.published, doc.url) == (outlet, published, url)
    assert not warnings


def test_a_date_that_is_not_one_is_stored_undated_with_a_warning():
    assert normalise_date("2024-13-45") == "" and normalise_date("banana") == ""
    doc, warnings = make_document("Hezbollah attacked Israel with rockets on Sunday, the army said.",
                                  {"published": "2024-13-45"}, "r.json", detect_header=False)
    assert doc.published == "" and "not a date" in warnings[0]


def test_documents_set_and_delete_recompute_edges(tmp_path):
    records = [{"id": "x1", "outlet": "Alpha News", "title": "A", "published": "2024-07-01",
                "text": "Hezbollah attacked Israel on Monday with drones launched from southern Lebanon."},
               {"id": "x2", "outlet": "Alpha News", "title": "B", "published": "2024-07-02",
                "text": "On Monday evening Hezbollah attacked Israel, firing anti-tank missiles at a border post."}]
    s, edges = _ingest(tmp_path, "docs", records)
    assert edges[("hezbollah", "attacks", "israel")]["independent_source_count"] == 1  # one outlet, two articles
    out = documents.set_document(s, "x2", outlet="Beta Times", published="2024-07-05")
    assert out["changed"]["outlet"] == ("Alpha News", "Beta Times")
    with open_store(s, write=False, create=False) as store:
        e = {(x["subject"]["id"], x["predicate"], x["object"]["id"]): x for x in allegation_records(store)}
        ingested = store.query("MATCH (d:Document) RETURN d.ingested")[1]
    edge = e[("hezbollah", "attacks", "israel")]
    assert edge["independent_source_count"] == 2 and edge["last_seen"] == "2024-07-05"
    assert all(r[0] for r in ingested)
    with pytest.raises(UsageError, match="not a date"):
        documents.set_document(s, "x2", published="2024-02-31")
    documents.delete_document(s, "x1")
    with open_store(s, write=False, create=False) as store:
        e = {(x["subject"]["id"], x["predicate"], x["object"]["id"]): x for x in allegation_records(store)}
        assert store.stats()["documents"] == 1
    assert e[("hezbollah", "attacks", "israel")]["independent_source_count"] == 1
    assert [o["id"] for o in e[("hezbollah", "attacks", "israel")]["origins"]] == ["beta_times"]
    with pytest.raises(UsageError, match="no stored document"):
        documents.delete_document(s, "x1")
