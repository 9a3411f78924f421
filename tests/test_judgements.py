"""Researcher corrections: applied on every build, reported when stale, never corrupting the graph."""

from __future__ import annotations

import pytest

from allegraph import api
from allegraph.errors import JudgementError
from allegraph.graph.judgements import load_judgements

from .conftest import SAMPLES


@pytest.fixture
def judged(fresh_copy, tmp_path):
    return fresh_copy.replace(judgements=str(tmp_path / "judgements.yaml"))


def edges(settings):
    return {(e["subject"]["id"], e["predicate"], e["object"]["id"]): e for e in api.export_records(settings, "allegations")}


def claim_id(settings, s, p, o):
    _, rows = api.query(settings, "MATCH (c:Claim) WHERE c.subject_id = $s AND c.predicate = $p AND c.object_id = $o "
                                  "RETURN c.id ORDER BY c.id", {"s": s, "p": p, "o": o})
    return rows[0][0]


def test_judgements_reject_by_id_and_undo(judged, tmp_path):
    key = ("hts", "attacks", "aleppo")
    assert key in edges(judged)
    cid = claim_id(judged, *key)
    assert api.judge(judged, {"action": "reject", "claim": cid}) == []
    assert key not in edges(judged)
    assert claim_id(judged, *key) == cid  # the claim is kept, only aggregation skips it
    (tmp_path / "judgements.yaml").write_text("judgements: []\n")
    api.apply_judgements(judged)
    assert key in edges(judged)


def test_judgements_reject_by_document_and_evidence(judged):
    api.judge(judged, {"action": "reject", "document": "seed-article.txt", "evidence": "the unfolding HTS attack on Aleppo"})
    assert ("hts", "attacks", "aleppo") not in edges(judged)


def test_judgements_merge_rename_retype(judged):
    api.judge(judged, {"action": "merge", "into": "hts", "actors": ["jabhat_fatah_al_sham"]})
    api.judge(judged, {"action": "rename", "actor": "hts", "name": "Hay'at Tahrir al-Sham"})
    api.judge(judged, {"action": "retype", "actor": "hts", "kind": "coalition"})
    e = edges(judged)
    assert ("hts", "attacks", "ahrar_al_sham") in e and not any(k[0] == "jabhat_fatah_al_sham" for k in e)
    assert e[("hts", "attacks", "ahrar_al_sham")]["subject"]["name"] == "Hay'at Tahrir al-Sham"
    assert e[("hts", "attacks", "ahrar_al_sham")]["subject"]["kind"] == "coalition"


def test_judgements_override_origin(judged):
    cid = claim_id(judged, "turkiye", "controls", "hts")
    api.judge(judged, {"action": "origin", "claim": cid, "origin": "rt"})
    origins = [o["id"] for o in edges(judged)[("turkiye", "controls", "hts")]["origins"]]
    assert "rt" in origins and "izvestia" not in origins


def test_judgements_manual_claim_with_citation(judged):
    api.judge(judged, {"action": "add", "subject": "iran", "predicate": "supports", "object": "houthis", "origin": "un",
                       "citation": "UN Panel of Experts on Yemen, S/2024/0", "evidence": "Iran supplied missile parts.",
                       "published": "2024-02-01"})
    e = edges(judged)[("iran", "supports", "houthis")]
    assert e["origins"][0]["id"] == "un" and e["first_seen"] == "2024-02-01"
    claims = [c for c in api.export_records(judged, "claims") if c["claim_id"] in e["claim_ids"]]
    assert claims[0]["document"]["title"] == "UN Panel of Experts on Yemen, S/2024/0"


def test_judgements_split_alias(judged):
    api.judge(judged, {"action": "split", "actor": "ahmed_al_sharaa", "alias": "Golani",
                       "into": {"id": "golani_other", "name": "Another Golani", "kind": "person"}})
    assert api.query(judged, "MATCH (a:Actor {id: 'golani_other'}) RETURN a.name")[1] == [["Another Golani"]]
    moved = api.query(judged, "MATCH (a:Actor {id: 'golani_other'})-[e:ALLEGED]-() RETURN count(e)")[1][0][0]
    assert moved > 0, "the claims naming Golani must move to the new actor"
    left = [e for e in api.export_records(judged, "allegations") if "ahmed_al_sharaa" in (e["subject"]["id"], e["object"]["id"])]
    claims = {c["claim_id"]: c for c in api.export_records(judged, "claims")}
    assert not any("golani" in claims[cid]["evidence"]["text"].lower() for e in left for cid in e["claim_ids"] if cid in claims)


def test_judgements_stale_judgement_is_reported(judged):
    warnings = api.judge(judged, {"action": "reject", "claim": "clm_0000"})
    assert warnings and "matches nothing" in warnings[0] and "entry 1" in warnings[0]


def test_judgements_survive_reingest_and_rebuild(judged):
    cid = claim_id(judged, "hts", "attacks", "aleppo")
    api.judge(judged, {"action": "reject", "claim": cid})
    api.ingest([SAMPLES], judged, progress=False)
    assert ("hts", "attacks", "aleppo") not in edges(judged)
    api.rebuild(judged, progress=False)
    assert ("hts", "attacks", "aleppo") not in edges(judged)
    assert claim_id(judged, "hts", "attacks", "aleppo") == cid  # ids stay stable


def test_judgements_syntax_error_names_the_line(tmp_path):
    p = tmp_path / "j.yaml"
    p.write_text("judgements:\n- {action: reject, claim: x}\n- {action: merge, into: [unclosed\n")
    with pytest.raises(JudgementError, match=r"j.yaml:\d+: not valid YAML"):
        load_judgements(p)


def test_judgements_unknown_actor_is_an_error_and_file_restored(judged, tmp_path):
    api.judge(judged, {"action": "reject", "claim": "clm_x"})
    before = (tmp_path / "judgements.yaml").read_text()
    with pytest.raises(JudgementError, match="no actor 'no_such_actor'"):
        api.judge(judged, {"action": "merge", "into": "hts", "actors": ["no_such_actor"]})
    assert (tmp_path / "judgements.yaml").read_text() == before


def test_judgements_conflict_is_an_error(tmp_path):
    p = tmp_path / "j.yaml"
    p.write_text("judgements:\n- {action: reject, claim: c1}\n- {action: confirm, claim: c1}\n")
    with pytest.raises(JudgementError, match="both reject and confirm"):
        load_judgements(p)


def test_judgements_stale_entry_is_skipped_and_leaves_the_graph(judged, tmp_path):
    before = api.export_records(judged, "allegations")
    (tmp_path / "judgements.yaml").write_text("judgements:\n- {action: merge, into: hts, actors: [ghost]}\n")
    lines = api.apply_judgements(judged)
    assert any("entry 1 (merge)" in line and "ghost" in line and "skipped" in line for line in lines)
    assert api.export_records(judged, "allegations") == before


def test_judgements_cli_writes_the_file(judged, tmp_path, capsys):
    from allegraph.cli import main

    code = main(["--store", judged.store, "judge", "--file", str(tmp_path / "j2.yaml"), "merge", "hts", "jabhat_fatah_al_sham"])
    assert code == 0 and "merge" in (tmp_path / "j2.yaml").read_text()
    assert main(["--store", judged.store, "judge", "--file", str(tmp_path / "j2.yaml"), "reject"]) == 2


@pytest.mark.parametrize("entry, word", [
    ("{action: add, subject: iran, predicate: supports, object: hezbollah, citation: X, polarity: denyed}", "polarity"),
    ("{action: origin, claim: clm_1, origin: un, attribution: nameed}", "attribution"),
])
def test_judgements_attribution_and_polarity_are_the_declared_ones(tmp_path, entry, word):
    """A misspelt polarity would make a manual claim neither asserted nor denied, so counted nowhere."""
    path = tmp_path / "j.yaml"
    path.write_text(f"judgements:\n- {entry}\n", encoding="utf-8")
    with pytest.raises(JudgementError, match=rf"entry 1 \(\w+\): {word} '\w+' is not one of"):
        load_judgements(path)
