"""Generate the reference docs that come from code: docs/queries.md (from .cypher headers),
docs/cli.md (from --help), docs/predicates.md (from schema/predicates.yaml), docs/errors.md (from
errors.py), docs/fields.md (from the readers), and from schema/model.py the field tables of
docs/data-model.md and store/schema.cypher. Run: python -m allegraph.docs. A test per page
fails when the page is stale."""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

from .extract.lexicon import CUE_KINDS, cues_of, predicates_text  # noqa: F401 - predicates_text: cli and tests
from .queries import load_queries


def queries_markdown() -> str:
    lines = ["# Named queries", "", "Generated from the headers of `src/allegraph/queries/*.cypher` by "
             "`python -m allegraph.docs`; do not edit by hand.", "",
             "Run one with `allegraph query NAME --param key=value`. They run unchanged on the embedded store "
             "and on Neo4j; relationship `IN` is written with backticks (`` [:`IN`] ``) because it is a keyword.", ""]
    for q in load_queries().values():
        lines += [f"## {q.name}", "", q.description, ""]
        if q.params:
            lines += ["| parameter | type | default |", "|---|---|---|"]
            lines += [f"| {p.name} | {p.type} | {'required' if p.required else p.default} |" for p in q.params]
            lines.append("")
        lines += ["```cypher", q.cypher, "```", ""]
    lines += ["# The read model", "", "The queries in `src/allegraph/queries/read/` give the records every export, the view, "
              "`explain` and `eval` start from (`queries/records.py`); whole nodes and edges are returned and read back "
              "into the records of `schema/model.py`, so a declared field reaches them with no change here. A file "
              "`NAME.bolt.cypher` or `NAME.embedded.cypher` beside one would be that store's variant; none is needed "
              "today. Golden tests run each on both stores.", ""]
    for q in load_queries("read").values():
        lines += [f"## read/{q.name}", "", q.description, "", "```cypher", q.cypher, "```", ""]
    return "\n".join(lines)


def cli_markdown() -> str:
    from .cli import COMMANDS, build_parser

    import os

    out = ["# CLI reference", "", "Generated from `--help` by `python -m allegraph.docs`.", ""]
    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "100"  # argparse wraps to the terminal: the page must not depend on it
    try:
        out += _help_pages(COMMANDS, build_parser)
    finally:
        if saved is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = saved
    return "\n".join(out)


def _help_pages(COMMANDS: Any, build_parser: Any) -> list[str]:
    out: list[str] = []
    for verb in ["", *sorted(COMMANDS)]:
        buf = io.StringIO()
        with redirect_stdout(buf):
            try:
                build_parser().parse_args([verb, "--help"] if verb else ["--help"])
            except SystemExit:
                pass
        out += [f"## allegraph {verb}".rstrip(), "", "```", buf.getvalue().rstrip(), "```", ""]
    return out


def predicates_markdown() -> str:
    from .extract.lexicon import load_lexicon

    lex = load_lexicon()
    lines = ["# Predicate families and their cues", "",
             "Generated from `src/allegraph/schema/predicates.yaml` by `python -m allegraph.docs`; do not edit by hand. "
             "`allegraph predicates [FAMILY]` prints the same at the command line.", "",
             "An allegation is *subject — family — object*. A claim's family comes from the cue that "
             "carries it; the hedges and reporting verbs that set its attribution and confidence are in "
             "`schema/lexicon.yaml` (docs/extraction.md).", "",
             "| family | reads as | meaning | examples |", "|---|---|---|---|"]
    for name, spec in lex.families.items():
        ex = "; ".join(f"“{e}”" for e in spec.get("examples", []))
        lines.append(f"| `{name}` | {spec.get('label', name)}{' (symmetric)' if spec.get('symmetric') else ''} | "
                     f"{spec.get('description', '')} | {ex} |")
    lines.append("")
    for name in lex.families:
        lines += [f"## {name}", ""]
        for kind, words in cues_of(lex, name).items():
            lines.append(f"- **{dict(CUE_KINDS)[kind]}**: {', '.join(words)}")
        lines.append("")
    return "\n".join(lines)


def errors_markdown() -> str:
    from . import errors

    classes = sorted((c for c in vars(errors).values() if isinstance(c, type) and issubclass(c, errors.AllegraphError)),
                     key=lambda c: c.code)
    lines = ["# Error codes", "", "Generated from `src/allegraph/errors.py` by `python -m allegraph.docs`; do not edit "
             "by hand.", "", "Every error allegraph raises on purpose is one line, `Error: <what failed, where>; <what to "
             "do> [E0xx]`. Inputs skipped in a batch are listed as `skipped: <file>: <reason>` and do not stop it. "
             "Exit status: 0 done, 1 an error or a skipped input, 2 a usage error, 130 interrupted.", "",
             "| code | name | kind of | when, and what to do |", "|---|---|---|---|"]
    for c in classes:
        doc = " ".join((c.__doc__ or "").split())
        parent = c.__mro__[1].__name__ if c is not errors.AllegraphError else ""
        lines.append(f"| {c.code} | `{c.__name__}` | {parent} | {doc} |")
    return "\n".join(lines) + "\n"


def fields_markdown() -> str:
    from .ingest.clean import _META_FIELDS
    from .ingest.readers import CONTAINER_KEYS, READERS, SKIPPED_NAMES

    lines = ["# Input field names", "", "Generated from the readers (`src/allegraph/ingest/readers.py`, "
             "`ingest/clean.py`) by `python -m allegraph.docs`; do not edit by hand. docs/ingest.md says which "
             "collector writes which.", "",
             f"Files read: {', '.join(f'`{e}`' for e in sorted(READERS))}. A JSON file may hold one object, a list, or a "
             f"list under {', '.join(f'`{k}`' for k in CONTAINER_KEYS)}. Folders are walked in sorted order; "
             f"hidden files, `*.gold.json` and a folder's own {', '.join(sorted(SKIPPED_NAMES))} are passed over.", "",
             "Names are matched case-insensitively; the first one present wins.", "",
             "| field | names, in order |", "|---|---|"]
    for field, names in _META_FIELDS.items():
        lines.append(f"| {field} | {', '.join(f'`{n}`' for n in names)} |")
    return "\n".join(lines) + "\n"


PAGES = {"queries.md": queries_markdown, "cli.md": cli_markdown, "predicates.md": predicates_markdown,
         "errors.md": errors_markdown, "fields.md": fields_markdown}

REGION_START = "<!-- generated from schema/model.py by `python -m allegraph.docs`: do not edit this region by hand -->"
REGION_END = "<!-- end of generated region -->"
ROOT = Path(__file__).resolve().parents[2]


def with_region(text: str, body: str) -> str:
    """A hand-written page with its generated region (between the two markers) replaced by body."""
    head, start, rest = text.partition(REGION_START)
    _, end, tail = rest.partition(REGION_END)
    if not start or not end:
        raise ValueError("the page lacks its generated-region markers")
    return head + start + "\n" + body + end + tail


def data_model_markdown() -> str:
    from .schema.tables import field_table

    page = (ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
    return with_region(page, field_table())


def schema_cypher() -> str:
    from .schema.tables import ddl_text

    return ddl_text()


# Files in the repository generated from the schema declaration (path from the repository root).
FILES = {"docs/data-model.md": data_model_markdown, "src/allegraph/store/schema.cypher": schema_cypher}


def main() -> None:
    root = Path(__file__).resolve().parents[2] / "docs"
    root.mkdir(exist_ok=True)
    for name, make in PAGES.items():
        (root / name).write_text(make(), encoding="utf-8")
    for name, make in FILES.items():
        (ROOT / name).write_text(make(), encoding="utf-8")
    print(f"wrote {', '.join(str(root / n) for n in PAGES)}, {', '.join(FILES)}")


if __name__ == "__main__":
    main()
