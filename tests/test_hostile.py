"""Hostile input and hostile users (#20, the parts done so far): secrets stay secret, only
regular files are read and reads are bounded, YAML aliases are refused, CSV cells we write are
inert, workers print no tracebacks on Ctrl-C, a crashed aggregation is said on every read."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from allegraph import api
from allegraph.store.base import parse_uri, where

from .conftest import ROOT, SAMPLES, make_settings

CLI = [sys.executable, "-m", "allegraph.cli"]
SECRET = "S3cr3tPw"


@pytest.mark.parametrize("uri", [
    f"http://root:{SECRET}@example.org:7687",                 # unknown scheme
    f"bolt:/root:{SECRET}@127.0.0.1:1",                      # one slash
    f"bolt://root:{SECRET}@/#?x@127.0.0.1:1",                # a password with @ / # ?
    f"bolt://root:{SECRET}@127.0.0.1:notaport",              # a port that is not one
    f"neo4j://root:{SECRET}%40x@127.0.0.1:1",                # percent-encoded
])
def test_no_output_or_file_shows_the_password(uri, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    for args in (["stats"], ["ingest", str(SAMPLES / "seed-article.txt")], ["query", "RETURN 1"]):
        out = subprocess.run([*CLI, "--store", uri, *args], capture_output=True, text=True, cwd=tmp_path, env=env,
                             timeout=120)
        assert out.returncode != 0
        assert SECRET not in out.stdout + out.stderr, (args, out.stderr)
        assert "Traceback" not in out.stderr
        assert len([line for line in out.stderr.splitlines() if line.startswith("Error:")]) == 1, out.stderr
    assert not any(SECRET in str(p) for p in tmp_path.rglob("*")), "a folder was created from the URI"


def test_uri_parsing_decodes_and_redacts():
    u = parse_uri("bolt://neo4j:p%40ss/w#rd@db.example.org:7687/x?y")
    assert (u.user, u.password, u.host, u.port) == ("neo4j", "p@ss/w#rd", "db.example.org", 7687)
    assert u.safe == "bolt://db.example.org:7687/x" and "p@ss" not in where("bolt://neo4j:p%40ss/w#rd@db:1")


def test_fifos_devices_and_endless_links_are_skipped_not_read(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "good.txt").write_text((SAMPLES / "seed-article.txt").read_text(encoding="utf-8"), encoding="utf-8")
    s = make_settings(tmp_path / "store")
    report = api.ingest([folder], s, progress=False)
    assert report.new == 1
    reasons = " ".join(f"{a} {b}" for a, b in report.skipped)
    assert "pipe.txt" in reasons and "zero.txt" in reasons and "not a regular file" in reasons


def test_yaml_alias_bomb_in_front_matter_is_refused_at_once(tmp_path):
    import time

    bomb = "---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n" \
           "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n" \
           "g: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n---\nHezbollah attacked Israel on Monday, the army said.\n"
    (tmp_path / "bomb.md").write_text(bomb, encoding="utf-8")
    t0 = time.perf_counter()
    report = api.ingest([tmp_path / "bomb.md"], make_settings(tmp_path / "store"), progress=False)
    assert time.perf_counter() - t0 < 30 and report.new == 0 and "aliases" in str(report.skipped[0])


def test_a_huge_json_integer_costs_one_record_not_the_batch(tmp_path):
    good = '{"id": "g", "text": "Hezbollah attacked Israel with rockets on Monday, the Israeli army said."}'
    (tmp_path / "in.jsonl").write_text(good + '\n{"id": ' + "9" * 5000 + ', "text": "x"}\n', encoding="utf-8")
    report = api.ingest([tmp_path / "in.jsonl"], make_settings(tmp_path / "store"), progress=False)
    assert report.new == 1 and "in.jsonl:2" in str(report.skipped[0])


def test_csv_cells_we_write_are_inert_and_neo4j_admin_files_exact(tmp_path):
    from allegraph.cli import format_rows
    from allegraph.export.escape import markdown

    out = format_rows(["a", "b"], [["=HYPERLINK(\"http://evil\")", ["x", "y"]]], "csv")
    assert "'=HYPERLINK" in out and not any(line.startswith(("=", '"=')) for line in out.splitlines()) and "x; y" in out
    assert markdown("@cite $x$") == "\\@cite \\$x\\$"


def test_a_store_with_incomplete_edges_says_so_on_reads(fresh_copy, capsys):
    from allegraph.store import open_store

    with open_store(fresh_copy) as st:
        st.set_meta("aggregation", "dirty")  # as a crash between a batch and its aggregation leaves it
    api.stats(fresh_copy)
    assert "left incomplete by an interrupted one" in capsys.readouterr().err
    api.apply_judgements(fresh_copy, progress=False)
    api.stats(fresh_copy)
    assert "incomplete" not in capsys.readouterr().err


def test_bad_output_paths_are_one_line(sample_store, tmp_path, capsys):
    from allegraph.cli import main

    assert main(["--store", sample_store.store, "export", "claims", "-o", str(tmp_path)]) == 1
    assert main(["--store", sample_store.store, "export", "claims", "-o", "/proc/nope/claims.jsonl"]) == 1
    err = capsys.readouterr().err
    assert err.count("Error:") == 2 and "Traceback" not in err
    assert not Path(str(tmp_path) + ".tmp").exists()


def test_reads_work_after_a_writer_died_between_commit_and_checkpoint(tmp_path):
    """kill -9 right after a commit leaves a write-ahead log a read-only open cannot replay: the
    reader replays it (under the writer lock, when no writer runs) instead of failing."""
    script = (
        "import os, sys\n"
        f"sys.path.insert(0, {str(ROOT / 'src')!r})\n"
        "from allegraph.settings import Settings\n"
        "from allegraph.store import open_store\n"
        f"st = open_store(Settings(store={str(tmp_path / 'store')!r}))\n"
        "st.set_meta('k', 'v')\n"
        "os._exit(0)\n"  # no close: no checkpoint
    )
    subprocess.run([sys.executable, "-c", script], check=True)
    assert (tmp_path / "store" / "graph.lbdb.wal").exists()
    out = api.stats(make_settings(tmp_path / "store"))
    assert out["documents"] == 0


def test_paper_outputs_small_fixes(sample_store, tmp_path):
    """Parts of #17: capped node size, GEXF weight and name, corporate authors braced in the .bib."""
    from allegraph.export.tables import _author
    from allegraph.viz.encoding import MAX_NODE_SIZE, node_size

    assert node_size(10_000) == MAX_NODE_SIZE and node_size(1) < node_size(9) < MAX_NODE_SIZE
    api.export(sample_store, "gexf", tmp_path / "g.gexf")
    text = (tmp_path / "g.gexf").read_text(encoding="utf-8")
    assert 'name="allegraph allegations"' in text and 'weight="' in text
    assert _author("Wikipedia contributors") == "{Wikipedia contributors}"
    assert _author("Lloyd J. Austin III, Secretary of Defense") .startswith("{")
    assert _author("Jane Smith and John Doe") == "Jane Smith and John Doe"


@pytest.mark.parametrize("text, lang", [
    ("The army said it attacked rebel positions near the border on Monday, killing several fighters.", "en"),
    ("O exército disse que atacou posições rebeldes perto da fronteira na segunda-feira, matando vários combatentes.", "pt"),
    ("Hæren sa at den angrep opprørsstillinger nær grensen mandag og drepte flere krigere, ifølge politiet.", "no"),
    ("قال الجيش إنه هاجم مواقع المتمردين قرب الحدود يوم الاثنين وقتل عددا من المقاتلين", "ar"),
    ("Армия заявила, что атаковала позиции повстанцев у границы в понедельник, убив нескольких боевиков.", "ru"),
    ("L'armée a déclaré avoir attaqué des positions rebelles près de la frontière lundi, tuant plusieurs combattants.", "fr"),
])
def test_language_of_short_news_paragraphs(text, lang):
    from allegraph.ingest.lang import detect_language

    assert detect_language(text) == lang


def test_non_english_documents_are_stored_flagged_and_listed(tmp_path):
    from allegraph import documents

    records = [{"id": "pt", "title": "Ataque", "text": "O exército disse que atacou posições rebeldes perto da fronteira na "
                "segunda-feira, matando vários combatentes, segundo fontes locais."},
               {"id": "en", "title": "Attack", "text": "Hezbollah attacked Israel with rockets on Monday, the Israeli army said."}]
    (tmp_path / "in.json").write_text(__import__("json").dumps(records), encoding="utf-8")
    s = make_settings(tmp_path / "store")
    report = api.ingest([tmp_path / "in.json"], s, progress=False)
    assert report.new == 2 and any("not English" in w for w in report.warnings)
    assert {d["language"] for d in documents.list_documents(s)} == {"pt", "en"}
    assert api.stats(s)["non_english_documents"] == 1
