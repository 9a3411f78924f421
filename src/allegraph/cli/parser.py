"""The argument parser: every verb, its arguments and their help (docs/cli.md is generated from it)."""

from __future__ import annotations

import argparse
from typing import Any, NoReturn
from pathlib import Path

from ..version import __version__
from ..errors import UsageError

WARNINGS_SHOWN = 20  # warnings printed by ingest; --log FILE keeps them all


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # usage errors: one line, exit 2
        raise UsageError(f"{self.prog}: {message}")


def _common(p: argparse.ArgumentParser, top: bool = False) -> None:
    """Options every command takes, before or after the verb (a verb's copy never resets the top one)."""
    keep: dict[str, Any] = {} if top else {"default": argparse.SUPPRESS}
    g = p.add_argument_group("common options")
    g.add_argument("--store", help="store folder (embedded) or bolt:// URI; env ALLEGRAPH_STORE; default ./allegraph-data", **keep)
    g.add_argument("--model", help="spaCy model (package name); env ALLEGRAPH_MODEL", **keep)
    g.add_argument("--catalogue", help="your actor catalogue YAML, merged over the shipped one", **keep)
    g.add_argument("--debug", action="store_true", help="show tracebacks", **keep)


def _date(value: str) -> str:
    from ..graph.filters import iso_date

    try:
        return iso_date(value)
    except UsageError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--actor", help="only this actor's neighbourhood")
    p.add_argument("--depth", type=int, default=1, help="neighbourhood depth with --actor (default 1)")
    p.add_argument("--min-sources", type=int, default=0, help="at least N independent sources")
    p.add_argument("--predicate", help="one predicate family")
    p.add_argument("--origin", help="only allegations this origin asserts")
    p.add_argument("--since", metavar="DATE", type=_date, help="allegations last seen on or after DATE (YYYY-MM-DD, YYYY-MM or YYYY)")
    p.add_argument("--until", metavar="DATE", type=_date, help="allegations first seen on or before DATE")
    p.add_argument("--undated", choices=("include", "exclude"), default="exclude",
                   help="with --since/--until, what to do with allegations no dated document carries (default: exclude)")
    p.add_argument("--only-single-source", action="store_true", help="only single-source allegations")
    p.add_argument("--exclude-contested", action="store_true",
                   help="drop contested allegations (by default they pass the source filters, so denials stay visible)")
    p.add_argument("--include-contested", action="store_true", help=argparse.SUPPRESS)  # the default since 0.2


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="allegraph", description="News articles -> a graph of actors and allegations, with provenance.")
    parser.add_argument("--version", action="version", version=f"allegraph {__version__}")
    _common(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("ingest", help="read articles, extract allegations, store them")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (.txt .md .html .json .jsonl .csv)")
    p.add_argument("--outlet", help="outlet name for every input that does not give one")
    p.add_argument("--workers", type=int, help="spaCy processes, or Dask workers with --dask local (default: setting 'workers')")
    p.add_argument("--dask", metavar="ADDRESS", help="extract on a Dask cluster: 'local' or tcp://scheduler:8786")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.add_argument("--log", type=Path, metavar="FILE", help="write every warning and skipped input to FILE "
                   f"('-': standard output; the terminal shows the first {WARNINGS_SHOWN} warnings)")
    _common(p)

    p = sub.add_parser("rebuild", help="re-extract every stored document with the current catalogue and model")
    _common(p)

    p = sub.add_parser("stats", help="counts of documents, actors, claims and allegation edges")
    _common(p)

    p = sub.add_parser("report", help="summary and tables of single-source, corroborated and contested allegations")
    p.add_argument("--limit", type=int, default=50, help="rows per table (default 50)")
    _common(p)

    p = sub.add_parser("actors", help="list stored actors by number of claims; --unresolved: those from NER alone")
    p.add_argument("--unresolved", action="store_true",
                   help="only actors the catalogue and gazetteer do not know (found by the NER), to curate")
    p.add_argument("--kind", help="only actors of this kind")
    p.add_argument("--yaml", metavar="FILE", help="also write them as a catalogue stub to edit (see docs/catalogue.md)")
    p.add_argument("--limit", type=int, default=0, help="show at most N actors")
    _common(p)

    p = sub.add_parser("rules", help="list the extraction rules, their layer and whether they are enabled")
    _common(p)

    p = sub.add_parser("queries", help="list the named queries")
    _common(p)

    p = sub.add_parser("predicates", help="the predicate families: what each means, examples, and the cues that signal it")
    p.add_argument("family", nargs="?", help="one family (e.g. attacks); all when omitted")
    _common(p)

    p = sub.add_parser("query", help="run a named query or a Cypher statement (read-only unless --write)")
    p.add_argument("cypher", metavar="NAME_OR_CYPHER", help="a named query ('allegraph queries' lists them) or a Cypher statement")
    p.add_argument("--param", action="append", default=[], metavar="K=V", help="query parameter (repeatable)")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table", help="output format (default: table)")
    p.add_argument("--write", action="store_true", help="allow statements that change the store")
    p.add_argument("-o", "--out", help="write the result to a file ('-': standard output)")
    _common(p)

    p = sub.add_parser("export", help="export claims, allegations, graph files, tables or figures (with a manifest)")
    p.add_argument("what", choices=("claims", "allegations", "graphml", "gexf", "json", "cytoscape", "csv", "neo4j-admin",
                                    "cypher", "jsonld", "table", "figure"), metavar="WHAT",
                   help="claims, allegations, graphml, gexf, json, cytoscape, csv, neo4j-admin, cypher, jsonld, table "
                        "or figure (docs/exports.md)")
    p.add_argument("--format", help="claims/allegations: jsonl; table: markdown|latex|csv; figure: svg|pdf|png")
    p.add_argument("-o", "--out", required=True, help="output file (a folder for csv and neo4j-admin; '-' for standard "
                   "output, no manifest; a figure in png or pdf only when redirected)")
    p.add_argument("--bibtex", help="with table: also write a .bib of the cited documents")
    p.add_argument("--size", choices=("one-column", "two-column", "page"), default="two-column",
                   help="with figure: 3.5 in wide (one column of a paper), 7.16 in (two columns, default) or a page")
    p.add_argument("--title", default="", help="with figure: the title (default: what the filters show)")
    p.add_argument("--timestamp", action="store_true", help="put the creation time in the manifest")
    _filters(p)
    _common(p)

    p = sub.add_parser("explain", help="an allegation, the claims behind it and each term of its confidence")
    p.add_argument("subject", help="the actor alleged to act: a name, alias or id (e.g. Turkey)")
    p.add_argument("predicate", help="a predicate family (e.g. supports; 'allegraph predicates' lists them)")
    p.add_argument("object", help="the actor acted upon: a name, alias or id")
    _common(p)

    p = sub.add_parser("eval", help="score the stored claims against *.gold.json reference annotations")
    p.add_argument("gold_dir", metavar="GOLD_DIR", help="folder of <document>.gold.json annotations (docs/evaluation.md)")
    p.add_argument("--details", action="store_true", help="list missed gold claims and false positives")
    p.add_argument("--check", metavar="GLOBS", default="",
                   help="comma-separated file-name globs of the held-out check half (e.g. '3[1-9]_*,40_*'); "
                        "the other documents form the tune half, and both get a total row")
    p.add_argument("--only", metavar="GLOBS", default="", help="show details only for documents matching these globs")
    p.add_argument("--no-actors", action="store_true",
                   help="skip actor-level recall (it parses the stored texts again with the model)")
    _common(p)

    p = sub.add_parser("judge", help="record a correction in the judgements file and rebuild the edges")
    p.add_argument("--file", help="judgements file (default: setting 'judgements', ./judgements.yaml)")
    jsub = p.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser, required=True)
    j = jsub.add_parser("reject", help="reject a claim: by id, or by --document and --evidence")
    j.add_argument("claim", nargs="?", help="claim id (from 'explain' or an export); or give --document and --evidence")
    j.add_argument("--document", help="document id, URL or path of the claim")
    j.add_argument("--evidence", help="words of the claim's sentence, enough to pick it out")
    j.add_argument("--note", help="why: kept in the judgements file")
    j = jsub.add_parser("confirm", help="confirm a claim (kept as evaluation data)")
    j.add_argument("claim", help="claim id")
    j.add_argument("--note", help="why: kept in the judgements file")
    j = jsub.add_parser("merge", help="merge actors into one")
    j.add_argument("into", help="the actor that stays (name, alias or id)")
    j.add_argument("actors", nargs="+", help="the actors merged into it")
    j = jsub.add_parser("split", help="claims whose sentence contains ALIAS move from ACTOR to a new actor")
    j.add_argument("actor", help="the actor that wrongly holds two")
    j.add_argument("alias", help="the name, in the evidence sentence, that marks the other one")
    j.add_argument("new_id", help="id of the new actor (lower case, e.g. ahmed_hussein)")
    j.add_argument("new_name", help="display name of the new actor")
    j.add_argument("--kind", default="person", help="kind of the new actor (default: person)")
    j = jsub.add_parser("rename", help="give an actor another display name")
    j.add_argument("actor", help="name, alias or id")
    j.add_argument("name", help="the new display name")
    j = jsub.add_parser("retype", help="change an actor's kind")
    j.add_argument("actor", help="name, alias or id")
    j.add_argument("kind", help="state, armed_group, organisation, person, … (docs/catalogue.md)")
    j = jsub.add_parser("origin", help="override who a claim's origin is")
    j.add_argument("claim", help="claim id")
    j.add_argument("origin", help="the actor who originated it (name, alias or id)")
    j.add_argument("--attribution", choices=("named", "anonymous", "author"), default="named",
                   help="how the document credits it (default: named)")
    j = jsub.add_parser("add", help="add a manual claim with its citation")
    j.add_argument("subject", help="the actor alleged to act")
    j.add_argument("predicate", help="a predicate family ('allegraph predicates')")
    j.add_argument("object", help="the actor acted upon")
    j.add_argument("--citation", required=True, help="where it is said: a reference a reader can follow")
    j.add_argument("--origin", help="who says it (an actor); default: the citation's author")
    j.add_argument("--evidence", help="the sentence, quoted")
    j.add_argument("--published", help="date of the source, YYYY-MM-DD")
    j.add_argument("--url", help="address of the source")
    jsub.add_parser("apply", help="re-apply the judgements file and list judgements that match nothing")
    _common(p)

    p = sub.add_parser("documents", help="list stored documents, correct their metadata, or delete one")
    dsub = p.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser, required=True)
    d = dsub.add_parser("list", help="every stored document: id, date, outlet, language, title, path")
    _common(d)
    d = dsub.add_parser("set", help="correct a document's metadata; it is re-extracted and its edges recomputed")
    d.add_argument("document", metavar="DOCUMENT", help="document id, external id, URL or path")
    for name in ("outlet", "published", "title", "author", "url"):
        d.add_argument(f"--{name}", help="publication date, YYYY-MM-DD" if name == "published" else f"new {name}")
    _common(d)
    d = dsub.add_parser("delete", help="remove a document and its claims; its edges are recomputed")
    d.add_argument("document", metavar="DOCUMENT", help="document id, external id, URL or path")
    _common(d)
    _common(p)

    p = sub.add_parser("duplicates", help="near-identical passages across documents (syndicated or republished copy)")
    p.add_argument("--threshold", type=float, help="share of the passage signature copies agree on "
                   "(default: setting 'syndication_threshold', 0.5)")
    p.add_argument("--limit", type=int, default=20, help="clusters to show (default 20; 0 = all)")
    _common(p)

    p = sub.add_parser("sync", help="copy the embedded store into a Bolt server (--to) or back (--from)")
    p.add_argument("--to", help="target bolt:// or neo4j:// URI (source: --store)")
    p.add_argument("--from", dest="source", help="source URI or folder (target: --store)")
    _common(p)

    p = sub.add_parser("view", help="write the interactive HTML view")
    p.add_argument("-o", "--out", default="out/graph.html", help="HTML file (default out/graph.html; '-': standard output)")
    _filters(p)
    _common(p)
    return parser
