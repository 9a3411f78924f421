"""Every named query, and every query of the read model, runs on a store seeded from the
hand-written rows of tests/seed.py (no model: a change in extraction cannot move these results),
on the embedded store and on the Bolt store, and both give the rows of the same golden file.

Golden files are normalised (rows sorted, floats rounded) and regenerated with
`pytest --update-goldens` (from the embedded store), never edited by hand.
"""

from __future__ import annotations

import json
from pathlib import Path


from allegraph import api
from allegraph.queries import load_queries
from allegraph.queries.records import allegation_records, claim_records
from allegraph.queries.runner import read
from allegraph.settings import Settings
from allegraph.store import open_store

GOLDEN = Path(__file__).resolve().parent / "golden"
PARAMS = {
    "allegations_about": {"actor": "hts"},
    "allegations_by": {"actor": "turkiye"},
    "claims_by_origin": {"origin": "un"},
    "actor_profile": {"actor": "hts"},
    "allegation_timeline": {"subject": "turkiye", "predicate": "supports", "object": "hts"},
}


READ_PARAMS = {"allegations_between": {"subject": "turkiye", "object": "hts"}, "document_by_ref": {"ref": "in/3.txt"},
               "document_claim_keys": {"document": "doc_1"}}


def normalise(columns, rows):
    def value(v):
        if isinstance(v, float):
            return round(v, 4)
        if isinstance(v, list):
            return [value(x) for x in v]
        if isinstance(v, dict):
            return {k: value(x) for k, x in v.items()}
        return v

    return {"columns": columns, "rows": sorted(([value(v) for v in r] for r in rows), key=json.dumps)}


def _results(s: Settings) -> dict[str, dict]:
    """Every named query and every read-model query on the store, normalised."""
    out = {name: normalise(*api.query(s, name, PARAMS.get(name, {}))) for name in load_queries()}
    with open_store(s, write=False, create=False) as store:
        for name in load_queries("read"):
            rows = read(store, name, **READ_PARAMS.get(name, {}))
            cols = sorted({c for r in rows for c in r})
            out[f"read/{name}"] = normalise(cols, [[r.get(c) for c in cols] for r in rows])
        out["read/claim_records"] = normalise(["record"], [[r] for r in claim_records(store)])
        out["read/allegation_records"] = normalise(["record"], [[r] for r in allegation_records(store)])
    return out


def test_queries_golden_on_both_stores(seeded_corpus, request):
    wrong = []
    seeded = seeded_corpus
    for name, got in _results(seeded).items():
        path = GOLDEN / f"{name}.json"
        if request.config.getoption("--update-goldens") and "://" not in seeded.store:
            path.parent.mkdir(exist_ok=True)
            path.write_text(json.dumps(got, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        if not path.exists():
            wrong.append(f"{name}: no golden file; run pytest --update-goldens")
        elif got != json.loads(path.read_text(encoding="utf-8")):
            want = json.loads(path.read_text(encoding="utf-8"))
            wrong.append(f"{name}: differs from {path.name}; rows not in it: {[r for r in got['rows'] if r not in want['rows']][:2]}")
    assert wrong == []


def test_queries_have_headers_and_nonempty_goldens():
    for q in load_queries().values():
        assert q.description and q.cypher
    for name in [*load_queries(), *(f"read/{n}" for n in load_queries("read"))]:
        data = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
        assert data["rows"], f"{name} golden is empty: the seeded store should exercise it"


def test_queries_docs_are_generated_from_headers():
    from allegraph.docs import queries_markdown

    doc = Path(__file__).resolve().parents[1] / "docs" / "queries.md"
    assert doc.read_text(encoding="utf-8") == queries_markdown(), "run: python -m allegraph.docs"
