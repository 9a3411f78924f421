"""The imports of src/ run one way, along the layers of README's Layout section, with no circles.

A module's layer is its subpackage (``allegraph.store.bolt`` is in ``store``); top-level modules
have theirs below. Imports inside ``if TYPE_CHECKING:`` are types only and are not counted."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "allegraph"

# Each layer may import itself and the layers listed for it (and, through them, nothing more).
LAYERS = {
    "base": set(),            # errors, settings, progress: imported by every layer
    "schema": {"base"},
    "ingest": {"base", "schema"},
    "extract": {"base", "schema"},
    "graph": {"base", "schema"},
    "store": {"base", "schema"},
    "rows": {"base", "schema", "graph"},  # rows.py: extraction records -> store rows
    "queries": {"base", "schema", "store"},
    "viz": {"base", "schema", "graph"},  # given its records by the api: no store, no queries
    "exports": {"base", "schema", "graph"},  # only writes files from the records it is given
    "api": {"base", "schema", "ingest", "extract", "graph", "store", "rows", "queries", "viz", "exports"},
    "cli": {"base", "schema", "api", "store", "queries", "graph", "exports", "ingest", "extract"},
}
TOP = {"errors": "base", "settings": "base", "progress": "base", "version": "base", "rows": "rows", "documents": "api",
       "storefiles": "api", "evaluation": "api", "notebook": "api", "docs": "cli", "api": "api", "cli": "cli",
       "__init__": "cli", "__main__": "cli"}


def _layer(module: str) -> str:
    parts = module.split(".")[1:]  # drop 'allegraph'
    if not parts:
        return "cli"
    if (SRC / parts[0]).is_dir():
        return "api" if parts[0] == "api" else parts[0]
    return TOP[parts[0]]


def _module(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            typing_only |= {id(n) for n in ast.walk(node)}
    package = _module(path) if path.name == "__init__.py" else _module(path).rpartition(".")[0]
    out = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("allegraph"):
                modules = {f"{target}.{a.name}" for a in node.names if _is_module(f"{target}.{a.name}")}
                out |= modules or {target}  # 'from . import seal' imports the module, not its package
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("allegraph"))
    return out


def _is_module(name: str) -> bool:
    path = SRC.parent / name.replace(".", "/")
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def _graph() -> dict[str, set[str]]:
    return {_module(p): _imports(p) for p in sorted(SRC.rglob("*.py"))}


def test_layers_imports_run_one_way():
    wrong = []
    for module, targets in _graph().items():
        have = _layer(module)
        for t in sorted(targets):
            want = _layer(t)
            if want != have and want not in LAYERS[have]:
                wrong.append(f"{module} ({have}) imports {t} ({want})")
    assert wrong == []


def test_layers_no_module_circles():
    modules = _graph_modules()
    graph = {m: {t for t in ts if t in modules} for m, ts in _graph().items()}
    circles = []
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if nxt == node or nxt.startswith(node + ".") or node.startswith(nxt + ".") and nxt == node.rpartition(".")[0]:
                continue  # a package and its own modules
            if state.get(nxt) == 1:
                circles.append(" -> ".join(path[path.index(nxt):] + [nxt]) if nxt in path else f"{node} -> {nxt}")
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])
    assert circles == []


def _graph_modules() -> set[str]:
    return {_module(p) for p in SRC.rglob("*.py")}


def test_layers_only_extract_imports_spacy_and_only_store_a_driver():
    wrong = []
    for path in sorted(SRC.rglob("*.py")):
        layer = _layer(_module(path))
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        names |= {(n.module or "").split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and not n.level}
        for lib, home in (("spacy", "extract"), ("ladybug", "store"), ("neo4j", "store"), ("pyvis", "viz"), ("pyarrow", "store")):
            if lib in names and layer != home:
                wrong.append(f"{_module(path)} imports {lib}")
    assert wrong == []


def test_layers_every_actor_kind_written_in_extraction_is_a_declared_kind():
    """A kind compared in extraction code (``m.kind in ("person", "media")``, ``kinds.get(x) ==
    "place"``) must be one of schema/vocabulary.yaml's kinds, or for an attribution's kind one of
    schema/model.py's ATTRIBUTIONS: a renamed or misspelt kind fails here, not silently."""
    from allegraph.schema.model import ATTRIBUTIONS
    from allegraph.schema.vocabulary import load_vocabulary

    known = set(load_vocabulary().kinds) | set(ATTRIBUTIONS)
    wrong = []
    for path in sorted((SRC / "extract").glob("*.py")):
        if path.name == "lexicon.py":  # its 'kind' is a kind of cue (verbs, nouns, phrases)
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Compare) or "kind" not in ast.unparse(node.left).lower():
                continue
            for comp in node.comparators:
                values = comp.elts if isinstance(comp, (ast.Tuple, ast.Set, ast.List)) else [comp]
                for v in values:
                    if isinstance(v, ast.Constant) and isinstance(v.value, str) and v.value not in known:
                        wrong.append(f"{_module(path)}:{node.lineno}: {v.value!r}")
    assert wrong == []
