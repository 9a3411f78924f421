"""The verbs: each reads its arguments, calls its api function and prints the result."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path
from typing import Any, Callable

from .. import api
from ..errors import UsageError, shown
from ..settings import Settings, load_settings

from .parser import WARNINGS_SHOWN


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
    from ..exports.escape import csv_cell

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
    for title, name in (("Single-source allegations", "single_source_allegations"),
                        ("Corroborated allegations (2+ independent sources)", "corroborated_allegations"),
                        ("Contested allegations", "contested_allegations")):
        cols, rows = api.query(s, name, {})
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
    from ..extract.rulebook import all_rules

    off = set(s.disabled_rule_names)
    rows = [[r.name, r.layer, f"{r.confidence:.2f}", "no" if r.name in off else "yes", r.doc]
            for r in all_rules().values()]
    print(format_table(["rule", "layer", "base confidence", "enabled", "what it reads"], rows))
    return 0


def cmd_predicates(args: argparse.Namespace, s: Settings) -> int:
    from ..extract.lexicon import predicates_text

    sys.stdout.write(predicates_text(args.family))
    return 0


def cmd_queries(args: argparse.Namespace, s: Settings) -> int:
    from ..queries import load_queries

    for q in load_queries().values():
        params = ", ".join(f"{p.name}: {p.type}" + ("" if p.required else f" = {p.default}") for p in q.params)
        print(f"{q.name}({params})\n    {q.description}")
    return 0


def cmd_explain(args: argparse.Namespace, s: Settings) -> int:
    from ..notebook import format_explanation

    print(format_explanation(api.explain(s, args.subject, args.predicate, args.object)))
    return 0


def cmd_eval(args: argparse.Namespace, s: Settings) -> int:
    from fnmatch import fnmatch

    from ..evaluation import total

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
    from ..store.bolt import safe_uri

    st = api.sync(s, to=args.to, source=args.source)
    target = safe_uri(args.to) if args.to else s.store
    print(f"sync: {target} now holds {st['documents']} documents, {st['actors']} actors, {st['claims']} claims, "
          f"{st['allegations']} allegation edges")
    return 0


def cmd_documents(args: argparse.Namespace, s: Settings) -> int:
    from .. import documents

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
