"""One contract, two stores: the embedded store and the Bolt store, seeded from the same
hand-written rows (no model), give the same allegation edges, claims and lineage after the same
writes. A rule change in extraction cannot move these results."""

from __future__ import annotations

import pytest

from allegraph import api
from allegraph.queries.records import allegation_records, claim_records
from allegraph.schema.catalogue import load_catalogue
from allegraph.settings import Settings
from allegraph.store import open_store

from .conftest import either_store


def _doc(i: int, outlet: str, published: str) -> dict:
    return {"id": f"doc_{i}", "title": f"Title {i}", "subtitle": "", "outlet": outlet, "author": "", "published": published,
            "url": f"https://example.org/{i}", "language": "en", "path": f"in/{i}.txt", "locations": [f"in/{i}.txt"],
            "external_id": "", "text_hash": f"h{i}", "text": f"Text {i}.", "ingested": "2024-06-01T00:00:00Z"}


def _claim(cid: str, doc: str, s: str, p: str, o: str, origin: str, *, polarity: str = "asserted",
           manual: bool = False, attribution: str = "named") -> dict:
    return {"id": cid, "document_id": doc, "subject_id": s, "object_id": o, "origin_id": origin, "predicate": p,
            "predicate_text": p, "attribution": attribution, "relay_ids": [], "polarity": polarity, "hedged": False,
            "hedge_cues": [], "confidence": 0.7, "evidence_text": f"{s} {p} {o} ({cid})", "evidence_start": 0,
            "evidence_end": 10, "cue_start": 0, "cue_end": 3, "manual": manual, "citation": "UN report" if manual else "",
            "rule": "hand", "passage": ""}


ACTORS = [{"id": a, "name": a.title(), "kind": "state", "aliases": [], "qid": "", "source": "test"}
          for a in ("alpha", "beta", "gamma", "un", "reuters")]
DOCS = [_doc(1, "Reuters", "2024-01-02"), _doc(2, "AFP", "2024-02-03"), _doc(3, "Reuters", "2024-03-04")]
CLAIMS = [_claim("clm_1", "doc_1", "alpha", "attacks", "beta", "un"),
          _claim("clm_2", "doc_2", "alpha", "attacks", "beta", "reuters"),
          _claim("clm_3", "doc_3", "alpha", "attacks", "beta", "gamma", polarity="denied"),
          _claim("clm_4", "doc_1", "beta", "supports", "gamma", "", attribution="anonymous"),
          _claim("clm_5", "doc_2", "gamma", "controls", "alpha", "un", manual=True)]
LINEAGE = [{"_from": "alpha", "_to": "gamma", "date": "2024-01-01", "relation": "renamed"}]


@pytest.fixture(params=["embedded", "bolt"])
def seeded(request, tmp_path) -> Settings:
    s = either_store(request, tmp_path)
    with open_store(s) as store:
        store.write_batch(DOCS, ACTORS, CLAIMS, [], LINEAGE)
        api.update_edges(store, load_catalogue(None), s)
    return s


def _read(s: Settings) -> tuple:
    with open_store(s, write=False, create=False) as store:
        edges = sorted((e["subject"]["id"], e["predicate"], e["object"]["id"], e["independent_source_count"],
                        e["denying_source_count"], e["contested"], tuple(sorted(e["claim_ids"])))
                       for e in allegation_records(store))
        claims = sorted((c["claim_id"], c["polarity"], (c["origin"] or {}).get("id")) for c in claim_records(store))
        _, lineage = store.query("MATCH (a:Actor)-[r:SUCCEEDED_BY]->(b:Actor) RETURN a.id, b.id, r.date")
    return edges, claims, sorted(map(tuple, lineage))


def test_both_stores_derive_the_same_edges_from_the_same_rows(seeded):
    edges, claims, lineage = _read(seeded)
    assert edges == [("alpha", "attacks", "beta", 2, 1, True, ("clm_1", "clm_2", "clm_3")),
                     ("beta", "supports", "gamma", 1, 0, False, ("clm_4",))]
    assert [c[0] for c in claims] == ["clm_1", "clm_2", "clm_3", "clm_4"]  # a manual row lives by its judgement
    assert lineage == [("alpha", "gamma", "2024-01-01")]


def test_both_stores_count_a_judged_manual_claim_and_a_rejection_alike(seeded, tmp_path):
    import dataclasses

    s = dataclasses.replace(seeded, judgements=str(tmp_path / "j.yaml"))
    api.judge(s, {"action": "add", "subject": "gamma", "predicate": "controls", "object": "alpha", "origin": "un",
                  "citation": "UN report S/2024/1", "evidence": "Gamma runs Alpha.", "published": "2024-04-01"})
    api.judge(s, {"action": "reject", "claim": "clm_2"})
    edges, _, _ = _read(s)
    by_key = {e[:3]: e for e in edges}
    assert by_key[("alpha", "attacks", "beta")][3:6] == (1, 1, True)  # the rejected claim no longer counts
    assert ("gamma", "controls", "alpha") in by_key and by_key[("gamma", "controls", "alpha")][3] == 1


def test_store_contract_every_reader_method_answers_alike(seeded_corpus):
    """Each method of store/base.py StoreReader, on the hand-written corpus of tests/seed.py: the
    same answers from both stores (the expected values are worked out from the rows by hand)."""
    from .seed import CLAIMS, DOCUMENTS

    with open_store(seeded_corpus, write=False, create=False) as store:
        assert store.backend in ("embedded", "bolt")
        assert store.stats() == {"documents": 6, "actors": 15, "claims": 10, "allegations": 7}  # the manual claim is dropped
        assert store.non_english_documents() == 0
        assert store.get_meta("aggregation") == "clean" and store.get_meta("no such key") is None
        assert [d["id"] for d in store.iter_documents()] == [d["id"] for d in DOCUMENTS]
        assert [d["text"] for d in store.iter_documents(["doc_2"])] == ["Text of document 2."]
        assert store.existing_documents(["doc_1", "doc_9"]) == {"doc_1": ["in/1.txt"]}
        assert store.existing_actors(["hts", "nobody"]) == {"hts"}
        one = store.claim("clm_05")
        assert one is not None and (one["subject_id"], one["hedge_cues"], one["hedged"]) == ("iran", ["reportedly"], True)
        assert store.claim("clm_99") is None
        keys = {(c["subject_id"], c["predicate"], c["object_id"]) for c in CLAIMS if not c["manual"]}
        assert store.claim_keys() == keys and store.alleged_keys() == keys
        assert store.claim_counts()["turkiye"] == 4 and store.claim_counts("turkiye") == {"hts": 4}
        assert [a["id"] for a in store.actor_rows("ner")] == ["white_wolf"]
        assert store.actor_rows("ner")[0]["aliases"] == ["White Wolves"]
        rows = store.claim_rows({("iran", "supports", "hezbollah")})
        assert [(r["id"], r["polarity"], r["origin"]) for r in rows] == [("clm_05", "asserted", "press_tv"),
                                                                         ("clm_06", "denied", "iran")]
        _, lineage = store.query("MATCH (a:Actor)-[r:SUCCEEDED_BY]->(b:Actor) RETURN a.id, b.id, r.relation")
        _, affiliated = store.query("MATCH (a:Actor)-[r:AFFILIATED]->(b:Actor) RETURN a.id, b.id, r.role")
        assert [list(r) for r in lineage] == [["jabhat_fatah_al_sham", "hts", "merged_into"]]
        assert [list(r) for r in affiliated] == [["white_wolf", "sna", "brigade"]]


def test_store_contract_every_writer_method_changes_both_alike(seeded_corpus):
    from .seed import ACTORS

    with open_store(seeded_corpus) as store:
        store.add_locations({"doc_1": ["in/1.txt", "copy/1.txt"]})
        store.set_actor("hts", name="HTS (checked)", kind="armed_force")
        store.write_batch([], [{**a, "aliases": ["WWB"]} for a in ACTORS if a["id"] == "white_wolf"], [], [], [])
        store.delete_documents(["doc_6"])
        store.set_meta("note", "x")
        assert store.existing_documents(["doc_1"]) == {"doc_1": ["copy/1.txt", "in/1.txt"]}
        assert {a["id"]: (a["name"], a["kind"]) for a in store.actor_rows()}["hts"] == ("HTS (checked)", "armed_force")
        assert store.actor_rows("ner")[0]["aliases"] == ["White Wolves", "WWB"]  # grown, not replaced
        assert store.stats()["documents"] == 5 and store.claim("clm_08") is None
        assert store.get_meta("note") == "x"
        store.replace_alleged([], {("white_wolf", "attacks", "sna")})
        assert ("white_wolf", "attacks", "sna") not in store.alleged_keys()
        store.clear()
        assert store.stats() == {"documents": 0, "actors": 0, "claims": 0, "allegations": 0}
