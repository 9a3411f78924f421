"""Every named query runs on a seeded store and matches its golden file.

Golden files are normalised (rows sorted, floats rounded) and regenerated with
`pytest --update-goldens`, never edited by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from allegraph import api
from allegraph.queries import load_queries

GOLDEN = Path(__file__).resolve().parent / "golden"
PARAMS = {
    "allegations_about": {"actor": "hts"},
    "allegations_by": {"actor": "turkiye"},
    "claims_by_origin": {"origin": "izvestia"},
    "actor_profile": {"actor": "hts"},
    "allegation_timeline": {"subject": "turkiye", "predicate": "supports", "object": "hts"},
}


def normalise(columns, rows):
    def value(v):
        if isinstance(v, float):
            return round(v, 4)
        if isinstance(v, list):
            return [value(x) for x in v]
        return v

    return {"columns": columns, "rows": sorted(([value(v) for v in r] for r in rows), key=json.dumps)}


@pytest.mark.parametrize("name", sorted(load_queries()))
def test_queries_golden(name, sample_store, request):
    cols, rows = api.query(sample_store, name, PARAMS.get(name, {}))
    got = normalise(cols, rows)
    path = GOLDEN / f"{name}.json"
    if request.config.getoption("--update-goldens"):
        path.write_text(json.dumps(got, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    assert path.exists(), f"no golden file for {name}; run pytest --update-goldens"
    assert got == json.loads(path.read_text(encoding="utf-8"))


def test_queries_have_headers_and_nonempty_goldens():
    for q in load_queries().values():
        assert q.description and q.cypher
    names = [n for n in load_queries() if n not in ("contested_allegations", "group_only_allegations", "source_reliance")]
    for name in names:
        data = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
        assert data["rows"], f"{name} golden is empty: the seeded store should exercise it"


def test_queries_docs_are_generated_from_headers():
    from allegraph.docs import queries_markdown

    doc = Path(__file__).resolve().parents[1] / "docs" / "queries.md"
    assert doc.read_text(encoding="utf-8") == queries_markdown(), "run: python -m allegraph.docs"
