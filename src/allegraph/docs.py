"""Generate the reference docs that come from code: docs/queries.md (from .cypher headers) and
docs/cli.md (from --help). Run: python -m allegraph.docs"""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from pathlib import Path

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
    return "\n".join(lines)


def cli_markdown() -> str:
    from .cli import COMMANDS, build_parser

    out = ["# CLI reference", "", "Generated from `--help` by `python -m allegraph.docs`.", ""]
    for verb in ["", *sorted(COMMANDS)]:
        buf = io.StringIO()
        with redirect_stdout(buf):
            try:
                build_parser().parse_args([verb, "--help"] if verb else ["--help"])
            except SystemExit:
                pass
        out += [f"## allegraph {verb}".rstrip(), "", "```", buf.getvalue().rstrip(), "```", ""]
    return "\n".join(out)


def main() -> None:
    root = Path(__file__).resolve().parents[2] / "docs"
    root.mkdir(exist_ok=True)
    (root / "queries.md").write_text(queries_markdown(), encoding="utf-8")
    (root / "cli.md").write_text(cli_markdown(), encoding="utf-8")
    print(f"wrote {root / 'queries.md'} and {root / 'cli.md'}")


if __name__ == "__main__":
    main()
