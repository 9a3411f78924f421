"""Command line: argument parsing and printing only. Each verb is the twin of an api function."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import traceback
from pathlib import Path
from typing import Any, Callable, Sequence

from . import api
from .version import __version__
from .errors import AllegraphError, Interrupted, UsageError, shown
from .settings import Settings, load_settings

WARNINGS_SHOWN = 20  # warnings printed by ingest; --log FILE keeps them all


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors: one line, exit 2
        raise UsageError(f"{self.prog}: {message}")


def _common(p: argparse.ArgumentParser, top: bool = False) -> None:
    """Options every command takes, before or after the verb (a verb's copy never resets the top one)."""
    keep = {} if top else {"default": argparse.SUPPRESS}
    g = p.add_argument_group("common options")
    g.add_argument("--store", help="store folder (embedded) or bolt:// URI; env ALLEGRAPH_STORE; default ./allegraph-data", **keep)
    g.add_argument("--model", help="spaCy model (package name); env ALLEGRAPH_MODEL", **keep)
    g.add_argument("--catalogue", help="your actor catalogue YAML, merged over the shipped one", **keep)
    g.add_argument("--debug", action="store_true", help="show tracebacks", **keep)


def _date(value: str) -> str:
    from .graph.filters import iso_date

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


def _settings(args: argparse.Namespace) -> Settings:
    flags = {"store": getattr(args, "store", None), "model": getattr(args, "model", None),
             "catalogue": getattr(args, "catalogue", None),
             "workers": getattr(args, "workers", None)}
    return load_settings({k: v for k, v in flags.items() if v is not None})


def format_table(columns: list[str], rows: list[list[Any]], width: int = 48) -> str:
    def cell(v: Any) -> str:
        if isinstance(v, list):
            v = ", ".join(str(x) for x in v)
        elif isinstance(v, float):
            v = f"{v:.2f}"
        text = " ".join(str(v).split()) if v is not None else ""
        return text if len(text) <= width else text[: width - 1] + "…"

    cells = [[cell(v) for v in r] for r in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in cells]
    return "\n".join(lines)


def format_rows(columns: list[str], rows: list[list[Any]], fmt: str) -> str:
    from .exports.escape import csv_cell

    if fmt == "json":
        return json.dumps([dict(zip(columns, r)) for r in rows], ensure_ascii=False, indent=1, default=str)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow([csv_cell(v) for v in r])  # lists joined, formulas defused (exports/escape.py)
        return buf.getvalue().rstrip("\n")
    return format_table(columns, rows)


def _params(items: list[str]) -> dict[str, str]:
    out = {}
    for item in items:
        if "=" not in item:
            raise UsageError(f"--param {item!r}: expected KEY=VALUE")
        k, v = item.split("=", 1)
        out[k.strip()] = v
    return out


def cmd_ingest(args: argparse.Namespace, s: Settings) -> int:
    report = api.ingest(args.paths, s, outlet=args.outlet, progress=not args.quiet, dask=args.dask)
    for note in report.notes:
        print(shown(f"note: {note}"), file=sys.stderr)
    for source, why in report.passed:
        print(shown(f"note: {source}: {why}"), file=sys.stderr)
    lines = [shown(f"warning: {w}") for w in report.warnings] + [shown(f"skipped: {src}: {why}") for src, why in report.skipped]
    if args.log and str(args.log) == "-":
        sys.stdout.write("".join(line + "\n" for line in lines))
    elif args.log:
        args.log.parent.mkdir(parents=True, exist_ok=True)
        args.log.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    for line in lines[:min(WARNINGS_SHOWN, len(report.warnings))]:
        print(line, file=sys.stderr)
    if len(report.warnings) > WARNINGS_SHOWN:
        where = f"all in {args.log}" if args.log else "all of them with --log FILE"
        print(f"warning: … and {len(report.warnings) - WARNINGS_SHOWN} more warnings ({where})", file=sys.stderr)
    for line in lines[len(report.warnings):]:  # every skipped input is named
        print(line, file=sys.stderr)
    passed = f", passed over {len(report.passed)}" if report.passed else ""
    print(f"ingest: read {report.read}, new {report.new}, already stored {report.already}, "
          f"skipped {len(report.skipped)}{passed}, claims added {report.claims}")
    return 0 if report.ok else 1


def cmd_report(args: argparse.Namespace, s: Settings) -> int:
    st = api.stats(s)
    names = api.origin_namer(s)  # read once for the three tables
    print(f"documents {st['documents']}, actors {st['actors']}, claims {st['claims']}, allegation edges {st['allegations']}")
    for title, name, params in (("Single-source allegations", "single_source_allegations", {}),
                                ("Corroborated allegations (2+ independent sources)", "corroborated_allegations", {}),
                                ("Contested allegations", "contested_allegations", {})):
        cols, rows = api.query(s, name, params)
        rows = _named_origins(names, cols, rows)
        shown = f" (first {args.limit})" if len(rows) > args.limit else ""
        print(f"\n{title}: {len(rows)}{shown}")
        if rows:
            print(format_table(cols, rows[: args.limit]))
    return 0


def _named_origins(names: Callable[[str], str], cols: list[str], rows: list[list[Any]]) -> list[list[Any]]:
    """People read names: an origins column of ids ('anonymous@x') shown as 'anonymous source via X'."""
    if "origins" not in cols:
        return rows
    k = cols.index("origins")
    return [[*r[:k], [names(o) for o in (r[k] or [])] if isinstance(r[k], list) else r[k], *r[k + 1:]] for r in rows]


def cmd_query(args: argparse.Namespace, s: Settings) -> int:
    cols, rows = api.query(s, args.cypher, _params(args.param), write=args.write)
    if args.format == "table" and "origins" in cols:  # csv and json keep ids, for joins
        rows = _named_origins(api.origin_namer(s), cols, rows)
    text = format_rows(cols, rows, args.format)
    if args.out and args.out != "-":  # '-' is standard output, as in every Unix tool
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    return 0


def cmd_actors(args: argparse.Namespace, s: Settings) -> int:
    rows = api.actors(s, unresolved=args.unresolved, kind=args.kind)
    shown = rows[: args.limit] if args.limit else rows
    print(format_table(["id", "name", "kind", "source", "claims", "sample sentence"],
                       [[r["id"], r["name"], r["kind"], r["source"], r["claims"], r["sample"][:90]] for r in shown]))
    if args.yaml:
        path = api.write_catalogue_stub(rows, Path(args.yaml))
        print(f"actors: {len(rows)} written to {path} as a catalogue stub; edit it and pass it with --catalogue")
    return 0


def cmd_rules(args: argparse.Namespace, s: Settings) -> int:
    from .extract.rulebook import all_rules

    off = set(s.disabled_rule_names)
    rows = [[r.name, r.layer, f"{r.confidence:.2f}", "no" if r.name in off else "yes", r.doc]
            for r in all_rules().values()]
    print(format_table(["rule", "layer", "base confidence", "enabled", "what it reads"], rows))
    return 0


def cmd_predicates(args: argparse.Namespace, s: Settings) -> int:
    from .extract.lexicon import predicates_text

    sys.stdout.write(predicates_text(args.family))
    return 0


def cmd_queries(args: argparse.Namespace, s: Settings) -> int:
    from .queries import load_queries

    for q in load_queries().values():
        params = ", ".join(f"{p.name}: {p.type}" + ("" if p.required else f" = {p.default}") for p in q.params)
        print(f"{q.name}({params})\n    {q.description}")
    return 0


def cmd_explain(args: argparse.Namespace, s: Settings) -> int:
    from .notebook import format_explanation

    print(format_explanation(api.explain(s, args.subject, args.predicate, args.object)))
    return 0


def cmd_eval(args: argparse.Namespace, s: Settings) -> int:
    from fnmatch import fnmatch

    from .evaluation import total

    scores, overall = api.evaluate(s, Path(args.gold_dir), actors=not args.no_actors)
    rows = []
    halves = []
    if args.check:
        globs = [g.strip() for g in args.check.split(",") if g.strip()]
        check = [sc for sc in scores if any(fnmatch(sc.name, g) for g in globs)]
        tune = [sc for sc in scores if sc not in check]
        halves = [total(tune, "tune half"), total(check, "check half")]
    for sc in [*scores, *halves, overall]:
        p, r, f = sc.strict()
        rp, rr, rf = sc.relaxed()
        ar = sc.actor_recall()
        rows.append([sc.name, sc.required, sc.found, sc.predicted, f"{p:.3f}", f"{r:.3f}", f"{f:.3f}", f"{rp:.3f}", f"{rr:.3f}",
                     f"{rf:.3f}", "-" if ar is None else f"{ar:.3f} ({sc.actors_resolved}/{sc.actors_named})"])
    print(format_table(["document", "required", "found", "predicted", "P", "R", "F1", "relaxed_P", "relaxed_R", "relaxed_F1",
                        "actor_R"], rows))
    if args.details:
        only = [g.strip() for g in args.only.split(",") if g.strip()]
        for sc in scores:
            if only and not any(fnmatch(sc.name, g) for g in only):
                continue
            for m in sc.missed:
                print(f"missed  {sc.name}: {m}")
            for fp in sc.false_positives:
                print(f"false+  {sc.name}: {fp}")
            if sc.actors_missed:
                print(f"actors  {sc.name}: not resolved: {', '.join(sc.actors_missed)}")
    return 0


def _filter_args(args: argparse.Namespace) -> dict[str, Any]:
    """The filters view and export share (_filters), as api keyword arguments."""
    return {"actor": args.actor, "depth": args.depth, "min_sources": args.min_sources, "predicate": args.predicate,
            "origin": args.origin, "since": args.since, "until": args.until, "undated": args.undated,
            "only_single_source": args.only_single_source, "include_contested": not args.exclude_contested}


def _to_stdout(write: Callable[[Path], Any], suffix: str, binary: bool = False) -> Any:
    """Run a writer on a temporary file and copy it to standard output ('-' for --out)."""
    import tempfile

    if binary and sys.stdout.isatty():
        raise UsageError("this output is binary: redirect standard output to a file (> figure.png), or give --out FILE")
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / f"out{suffix}"
        result = write(target)
        sys.stdout.flush()
        if binary:
            sys.stdout.buffer.write(target.read_bytes())
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(target.read_text(encoding="utf-8"))
    return result


def cmd_view(args: argparse.Namespace, s: Settings) -> int:
    if args.out == "-":
        _to_stdout(lambda target: api.view(s, target, **_filter_args(args)), ".html")
        return 0
    v = api.view(s, Path(args.out), **_filter_args(args))
    print(f"view: {v.path} ({v.nodes} actors, {v.edges} allegations)")
    return 0


def cmd_export(args: argparse.Namespace, s: Settings) -> int:
    if args.out == "-":  # standard output, without the manifest file
        if args.what in ("csv", "neo4j-admin"):
            raise UsageError(f"export {args.what} writes a folder; give a folder for --out, not '-'")
        binary = args.what == "figure" and (args.format or "svg") in ("png", "pdf")
        _to_stdout(lambda target: api.export(s, args.what, target, args.format, timestamp=args.timestamp, size=args.size,
                                             title=args.title, **_filter_args(args)), f".{args.format or 'txt'}", binary)
        return 0
    files = api.export(s, args.what, Path(args.out), args.format, bibtex=Path(args.bibtex) if args.bibtex else None,
                       timestamp=args.timestamp, size=args.size, title=args.title, progress=True, **_filter_args(args))
    print(f"export: {args.what} -> {', '.join(str(f) for f in files)}")
    return 0


def cmd_stats(args: argparse.Namespace, s: Settings) -> int:
    for k, v in api.stats(s).items():
        print(f"{k:<12} {v}")
    return 0


def cmd_rebuild(args: argparse.Namespace, s: Settings) -> int:
    report = api.rebuild(s)
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    print(f"rebuild: {report.new} documents re-extracted, {report.claims} claims")
    return 0


def cmd_judge(args: argparse.Namespace, s: Settings) -> int:
    if args.file:
        s = s.replace(judgements=args.file)
    if args.action == "apply":
        unmatched = api.apply_judgements(s)
    else:
        keys = {"reject": ("claim", "document", "evidence", "note"), "confirm": ("claim", "note"),
                "rename": ("actor", "name"), "retype": ("actor", "kind"), "origin": ("claim", "origin", "attribution"),
                "add": ("subject", "predicate", "object", "citation", "origin", "evidence", "published", "url")}
        if args.action == "merge":
            entry = {"action": "merge", "into": args.into, "actors": args.actors}
        elif args.action == "split":
            entry = {"action": "split", "actor": args.actor, "alias": args.alias,
                     "into": {"id": args.new_id, "name": args.new_name, "kind": args.kind}}
        else:
            entry = {"action": args.action, **{k: getattr(args, k) for k in keys[args.action] if getattr(args, k, None)}}
        if args.action == "reject" and not (args.claim or (args.document and args.evidence)):
            raise UsageError("judge reject needs a CLAIM id, or --document and --evidence")
        unmatched = api.judge(s, entry)
        print(f"judge: {args.action} recorded in {s.judgements}; allegation edges rebuilt")
    for line in unmatched:
        print(line if line.startswith("note: ") else f"warning: {line}", file=sys.stderr)
    return 0


def cmd_sync(args: argparse.Namespace, s: Settings) -> int:
    from .store.bolt import safe_uri

    st = api.sync(s, to=args.to, source=args.source)
    target = safe_uri(args.to) if args.to else s.store
    print(f"sync: {target} now holds {st['documents']} documents, {st['actors']} actors, {st['claims']} claims, "
          f"{st['allegations']} allegation edges")
    return 0


def cmd_documents(args: argparse.Namespace, s: Settings) -> int:
    from . import documents

    if args.action == "list":
        rows = documents.list_documents(s)
        print(format_table(list(documents.LISTED), [[r[c] or ("undated" if c == "published" else "") for c in documents.LISTED]
                                                    for r in rows]))
        return 0
    if args.action == "delete":
        out = documents.delete_document(s, args.document)
        print(f"documents: deleted {out['id']} ({out['title'] or 'untitled'}) and its claims; {out['edges']} allegation "
              "edge(s) recomputed")
    else:
        out = documents.set_document(s, args.document, **{k: getattr(args, k) for k in documents.EDITABLE})
        changed = "; ".join(f"{k}: {old or '-'} -> {new}" for k, (old, new) in out["changed"].items())
        print(f"documents: {out['id']} {changed}; re-extracted ({out['claims']} claims), {out['edges']} allegation edge(s) "
              "recomputed")
    for note in out["notes"]:
        print(f"note: {note}", file=sys.stderr)
    for line in out["warnings"]:
        print(f"warning: {line}", file=sys.stderr)
    return 0


def cmd_duplicates(args: argparse.Namespace, s: Settings) -> int:
    out = api.duplicates(s, threshold=args.threshold)
    print(f"duplicates: {out['passages']} passages of {out['documents']} documents; {len(out['clusters'])} cluster(s) of "
          f"near-identical passages in {out['documents_in_clusters']} documents (threshold {out['threshold']:g})")
    shown = out["clusters"] if args.limit <= 0 else out["clusters"][:args.limit]
    for c in shown:
        first = c["documents"][0]
        print(f"\n- {len(c['documents'])} documents; carried by {first['outlet'] or '?'} ({first['published'] or 'undated'}), "
              f"then {', '.join((d['outlet'] or d['id']) for d in c['documents'][1:])}")
        print(f"  “{c['text'][:200]}{'…' if len(c['text']) > 200 else ''}”")
    return 0


COMMANDS = {"actors": cmd_actors, "documents": cmd_documents, "duplicates": cmd_duplicates, "rules": cmd_rules, "ingest": cmd_ingest, "report": cmd_report, "query": cmd_query, "queries": cmd_queries,
            "predicates": cmd_predicates,
            "explain": cmd_explain, "eval": cmd_eval, "view": cmd_view, "export": cmd_export,
            "stats": cmd_stats, "rebuild": cmd_rebuild, "judge": cmd_judge,
            "sync": cmd_sync}


def _terminate(signum: int, frame: Any) -> None:
    """SIGTERM and SIGINT stop a run cleanly, saying what was kept: the parser's worker processes are
    stopped first (left running, they would keep the parent waiting for them), then the command
    unwinds as from Ctrl-C, closing the store."""
    from .extract.pipeline import stop_workers

    stop_workers()
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv or os.environ.get("ALLEGRAPH_DEBUG") == "1"
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminate)
        signal.signal(signal.SIGINT, _terminate)
    try:
        args = build_parser().parse_args(argv)
        if not args.command:
            build_parser().print_help()
            return 2
        return COMMANDS[args.command](args, _settings(args))
    except BrokenPipeError:  # 'allegraph report | head': the reader left; nothing more to say
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Interrupted as exc:
        print(shown(f"Error: {exc}"), file=sys.stderr)
        return 130
    except UsageError as exc:
        if debug:
            traceback.print_exc()
        print(shown(f"Error: {exc}"), file=sys.stderr)
        return 2
    except AllegraphError as exc:
        if debug:
            traceback.print_exc()
        print(shown(f"Error: {exc}"), file=sys.stderr)
        return 1
    except OSError as exc:  # an output path that cannot be written, a folder without permission
        if debug:
            traceback.print_exc()
        where = f"{exc.filename}: " if exc.filename else ""
        print(shown(f"Error: {where}{exc.strerror or exc}; check the path and its permissions"), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Error: interrupted; whatever was committed is kept, run the command again to finish", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
