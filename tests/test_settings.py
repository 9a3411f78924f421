"""Settings precedence and the user's catalogue."""

from __future__ import annotations

import pytest

from allegraph.errors import CatalogueError, SettingsError
from allegraph.schema.catalogue import load_catalogue
from allegraph.settings import load_settings


def test_settings_precedence_defaults_toml_env_flags(tmp_path):
    (tmp_path / "allegraph.toml").write_text('store = "from-toml"\nbatch_size = 8\nworkers = 3\n[confidence]\nhedged = -0.5\n')
    s = load_settings({}, environ={}, cwd=tmp_path)
    assert (s.store, s.batch_size, s.workers, s.confidence.hedged) == ("from-toml", 8, 3, -0.5)
    s = load_settings({}, environ={"ALLEGRAPH_STORE": "from-env", "ALLEGRAPH_BATCH_SIZE": "4"}, cwd=tmp_path)
    assert (s.store, s.batch_size, s.workers) == ("from-env", 4, 3)
    s = load_settings({"store": "from-flag"}, environ={"ALLEGRAPH_STORE": "from-env"}, cwd=tmp_path)
    assert s.store == "from-flag"


def test_settings_errors_name_the_problem(tmp_path):
    (tmp_path / "allegraph.toml").write_text("store = [unclosed\n")
    with pytest.raises(SettingsError, match="allegraph.toml: not valid TOML"):
        load_settings({}, environ={}, cwd=tmp_path)
    (tmp_path / "allegraph.toml").write_text("bogus = 1\n")
    with pytest.raises(SettingsError, match="unknown setting 'bogus'"):
        load_settings({}, environ={}, cwd=tmp_path)
    with pytest.raises(SettingsError, match="batch_size"):
        load_settings({}, environ={"ALLEGRAPH_BATCH_SIZE": "many"}, cwd=tmp_path)


def test_catalogue_user_file_wins_and_extends(tmp_path):
    p = tmp_path / "mine.yaml"
    p.write_text("actors:\n- {id: hts, name: HTS (renamed), kind: armed_group, aliases: [Tahrir]}\n"
                 "- {id: new_militia, name: New Militia, kind: armed_group, aliases: [NM], affiliation: iran}\n"
                 "source_groups:\n- {id: my_group, name: Mine, members: [reuters, ap]}\n")
    cat = load_catalogue(p)
    assert cat.get("hts").name == "HTS (renamed)" and cat.lookup("NM").id == "new_militia"
    assert cat.speaks_for("new_militia") == "iran"
    assert cat.source_group("reuters") == cat.source_group("ap") == "my_group"
    assert len(cat.actors) >= 390 and cat.digest != load_catalogue().digest


def test_catalogue_lineage_and_bad_files(tmp_path):
    cat = load_catalogue()
    pairs = {(l.predecessor, l.successor) for l in cat.lineage}
    assert ("nusra_front", "jabhat_fatah_al_sham") in pairs and ("jabhat_fatah_al_sham", "hts") in pairs
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n- {id: x, name: X, affiliation: nowhere}\n")
    with pytest.raises(CatalogueError, match="unknown actor 'nowhere'"):
        load_catalogue(bad)
    bad.write_text("actors: [\n")
    with pytest.raises(CatalogueError, match="line"):
        load_catalogue(bad)
