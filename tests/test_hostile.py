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
    f"bolt:root:{SECRET}@127.0.0.1:1",                       # no slash at all
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
    from allegraph.exports.escape import markdown

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
    from allegraph.exports.tables import _author
    from allegraph.schema.encoding import node_size
    MAX_NODE_SIZE = 40

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


# ------------------------------------------------------------------ decoding, names, skips
TEXT = "Turkish forces attacked Kurdish positions near Kobani, the Syrian Observatory said. Türkiye denied it.\n"


@pytest.mark.parametrize("codec, note", [
    ("utf-8-sig", ""), ("utf-16", ""), ("utf-32", ""),
    ("utf-16-le", "UTF-16-LE (no byte-order mark)"), ("utf-16-be", "UTF-16-BE (no byte-order mark)"),
    ("utf-32-le", "UTF-32-LE (no byte-order mark)"), ("utf-32-be", "UTF-32-BE (no byte-order mark)"),
])
def test_utf16_and_utf32_are_read_with_and_without_a_mark(codec, note):
    from allegraph.ingest.decode import decode

    got = decode(TEXT.encode(codec), "x.txt")
    assert got.text == TEXT and (note in got.note if note else got.note == "")


def test_one_bad_byte_keeps_utf8_and_is_located():
    from allegraph.ingest.decode import decode

    got = decode(TEXT.encode() + b"And \xff here.\n", "x.txt")
    assert "Türkiye" in got.text and "\ufffd" in got.text
    assert got.note == "1 byte not valid UTF-8 (first at line 2, column 5), replaced with U+FFFD"


def test_legacy_encodings_only_when_the_detector_is_confident():
    import random

    from allegraph.errors import InputError
    from allegraph.ingest.decode import decode

    western = "The minister said “we will not yield” — the army entered the café in São Paulo. " * 3
    got = decode(western.encode("cp1252"), "x.txt")
    assert got.text == western and got.note == "not UTF-8; read as cp1252 (detected by charset-normalizer)"
    russian = "Министр обороны заявил, что армия не уступит позиции у границы. " * 3
    assert decode(russian.encode("cp1251"), "x.txt").text == russian
    rng = random.Random(7)
    noise = bytes(rng.randrange(128, 256) for _ in range(600))
    with pytest.raises(InputError, match="no other encoding detected with confidence"):
        decode(noise, "x.txt")


def test_a_page_declaring_its_charset_is_read_in_it(tmp_path):
    from allegraph.ingest.readers import Note, read_html_file

    page = ('<html><head><meta charset="iso-8859-1"><title>Café</title></head><body><p>'
            "The army entered the café near Aleppo on Monday, witnesses said to reporters.</p></body></html>")
    items = list(read_html_file(tmp_path / "p.html", page.encode("cp1252")))
    assert isinstance(items[0], Note) and "declared by the page" in items[0].message
    assert "café" in items[1].text


def test_a_runaway_csv_quote_costs_its_row_only(tmp_path):
    from allegraph.ingest.readers import read_csv_file

    data = ('id,title,text\n1,"Unclosed,first text\n2,ok,second text\n3,ok,"third, quoted\ntext"\n'
            '4,He said "no",fourth\n5,ok,"never closed\n6,ok,sixth\n')
    items = list(read_csv_file(tmp_path / "x.csv", data.encode()))
    bad = [(i.source.rsplit(":", 1)[1], i.reason) for i in items if not hasattr(i, "text")]
    assert [(line, why.split(":")[0]) for line, why in bad] == [("2", "unbalanced quote"), ("7", "unbalanced quote")]
    assert "runs to line 4" in bad[0][1]
    assert [(i.source.rsplit(":", 1)[1], i.text) for i in items if hasattr(i, "text")] == [
        ("3", "second text"), ("4", "third, quoted\ntext"), ("6", "fourth"), ("8", "sixth")]


def test_names_skips_and_notes_are_said_and_counted(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "README.md").write_text("About this corpus. " + TEXT, encoding="utf-8")
    os.mkdir(os.path.join(os.fsencode(corpus), b"bad\xffname"))
    (Path(os.fsdecode(os.path.join(os.fsencode(corpus), b"bad\xffname.txt")))).write_bytes(b"x")
    (corpus / "forged\nError: boom.txt").write_text("", encoding="utf-8")
    deep = _too_deep_folder(corpus / "deep")
    proc = subprocess.run([*CLI, "--store", str(tmp_path / "st"), "ingest", str(corpus)], capture_output=True,
                          text=True, errors="replace", cwd=ROOT)
    err = proc.stderr.splitlines()
    assert proc.returncode == 1 and "read 1, new 1" in proc.stdout and "passed over 1" in proc.stdout
    assert any("README.md: passed over" in line for line in err)
    assert any("bad\\udcffname.txt: file name is not valid UTF-8" in line for line in err)
    assert any("cannot read folder (File name too long)" in line for line in err), deep
    assert not any(line.startswith("Error: boom") for line in err)
    assert any("forged\\nError: boom.txt" in line for line in err)  # the name, escaped, in the duplicate warning


def _too_deep_folder(top: Path) -> Path:
    """A folder whose path is longer than the system allows: listing it fails even for root."""
    fd = os.open(os.fsencode(top.parent), os.O_RDONLY)
    names = ["d" * 250] * 18
    os.mkdir(top.name, dir_fd=fd)
    cur = os.open(top.name, os.O_RDONLY, dir_fd=fd)
    for name in names:
        os.mkdir(name, dir_fd=cur)
        nxt = os.open(name, os.O_RDONLY, dir_fd=cur)
        os.close(cur)
        cur = nxt
    with open(os.open("x.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=cur), "w") as fh:
        fh.write(TEXT)
    os.close(cur)
    os.close(fd)
    return top


@pytest.mark.parametrize("unit", ["[", "*a ", "**[*`", "![", "_", "\n", " \n", "<", "<b>", "&#"])
def test_text_clean_up_is_linear(tmp_path, unit):
    """1 MB of an adversarial pattern costs about four times 250 KB of it (quadratic would be 16)."""
    import time

    from allegraph.errors import InputError
    from allegraph.ingest.clean import make_document
    from allegraph.ingest.readers import read_html_file, read_text_file

    def cost(size: int) -> float:
        body = ("Title line\n\nSome real words in a paragraph here. " + unit * (size // len(unit))).encode()
        t = time.process_time()
        for suffix, reader in ((".md", read_text_file), (".html", read_html_file)):
            for r in reader(tmp_path / f"x{suffix}", body):
                if hasattr(r, "text"):
                    try:
                        make_document(r.text, r.meta, r.source, detect_header=r.detect_header, max_chars=4_000_000)
                    except InputError:
                        pass  # no article left after cleaning: the cleaning ran all the same
        return time.process_time() - t

    small, large = cost(250_000), cost(1_000_000)
    assert large < 10 * small + 0.5, (small, large)


def test_damage_to_the_graph_file_is_caught_at_open(fresh_copy, tmp_path):
    from allegraph.errors import StoreCorruptError

    db = Path(fresh_copy.store) / "graph.lbdb"
    assert (Path(fresh_copy.store) / "graph.lbdb.seal").exists()
    original = db.read_bytes()
    with db.open("ab") as fh:
        fh.write(b"garbage")
    with pytest.raises(StoreCorruptError, match="cut short or appended to"):
        api.stats(fresh_copy)
    flipped = bytearray(original)
    flipped[len(original) // 2] ^= 0xFF
    db.write_bytes(bytes(flipped))
    with pytest.raises(StoreCorruptError, match="checksum differs"):
        api.stats(fresh_copy)
    (Path(fresh_copy.store) / "graph.lbdb.seal").unlink()  # an older store: no seal, the page check still holds
    db.write_bytes(original + b"garbage")
    with pytest.raises(StoreCorruptError, match="ends inside a page"):
        api.stats(fresh_copy)
    db.write_bytes(original)
    assert api.stats(fresh_copy)["documents"] == 7


def test_an_export_of_a_store_with_incomplete_edges_is_flagged_stale(fresh_copy, tmp_path):
    import json

    from allegraph.store import open_store

    api.export(fresh_copy, "allegations", tmp_path / "a.jsonl")
    assert json.loads((tmp_path / "a.jsonl.manifest.json").read_text())["stale"] is False
    with open_store(fresh_copy) as st:
        st.set_meta("aggregation", "dirty")
    api.export(fresh_copy, "allegations", tmp_path / "b.jsonl")
    assert json.loads((tmp_path / "b.jsonl.manifest.json").read_text())["stale"] is True


def test_a_store_from_a_newer_allegraph_is_refused_with_what_to_do(fresh_copy):
    from allegraph.errors import StoreError
    from allegraph.store import open_store

    with open_store(fresh_copy) as st:
        st.conn.execute("MATCH (m:Meta {key: 'schema_version'}) SET m.value = '99'")
    for write in (False, True):
        with pytest.raises(StoreError, match="written by a newer allegraph .* upgrade allegraph") as err:
            open_store(fresh_copy, write=write).close()
        assert "rebuild" not in str(err.value)


def test_ingest_with_another_model_than_the_store_was_built_with_warns(fresh_copy, tmp_path):
    import dataclasses

    from allegraph.store import open_store

    with open_store(fresh_copy) as st:
        st.set_meta("model", "en_core_web_trf")
    (tmp_path / "new.txt").write_text(TEXT, encoding="utf-8")
    report = api.ingest([tmp_path / "new.txt"], dataclasses.replace(fresh_copy), progress=False)
    assert any("extracted with en_core_web_trf" in w and "allegraph rebuild" in w for w in report.warnings)
