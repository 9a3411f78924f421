"""The filters of view, export and to_networkx, on hand-written allegations (no model, no store):
each test fails when its filter is inverted, dropped or off by one boundary."""

from __future__ import annotations

import pytest

from allegraph.errors import UsageError
from allegraph.graph.filters import Filters, select


def edge(s: str, p: str, o: str, *, origins=("un",), sources=1, denying=0, first="", last="") -> dict:
    actor = lambda i: {"id": i, "name": i.upper(), "kind": "state"}  # noqa: E731
    return {"subject": actor(s), "predicate": p, "object": actor(o), "origins": [actor(x) for x in origins],
            "independent_source_count": sources, "denying_source_count": denying, "single_source": sources == 1 and not denying,
            "contested": bool(denying and sources), "first_seen": first, "last_seen": last or first, "claim_count": sources}


A = edge("a", "attacks", "b", origins=("un",), first="2024-01-10", last="2024-03-01")
B = edge("b", "supports", "c", origins=("reuters", "un"), sources=2, first="2024-05-01")
C = edge("c", "opposes", "d", origins=("afp",), sources=1, denying=1, first="2023-12-31")
D = edge("d", "attacks", "e", origins=("afp",))  # undated
ALL = [A, B, C, D]


def ids(edges: list[dict]) -> list[str]:
    return [f"{e['subject']['id']}-{e['object']['id']}" for e in edges]


def test_origin_keeps_only_what_that_origin_asserts():
    assert ids(select(ALL, Filters(origin="un"))) == ["a-b", "b-c"]
    assert ids(select(ALL, Filters(origin="AFP"))) == ["c-d", "d-e"]  # by name, folded
    with pytest.raises(UsageError, match="no actor named"):
        select(ALL, Filters(origin="nobody"))


def test_since_and_until_overlap_the_allegation_span_and_boundaries_count():
    assert ids(select(ALL, Filters(since="2024-03-01"))) == ["a-b", "b-c"]  # A's last day is the boundary
    assert ids(select(ALL, Filters(since="2024-03-02"))) == ["b-c"]
    assert ids(select(ALL, Filters(until="2024-01-10"))) == ["a-b", "c-d"]  # A's first day is the boundary
    assert ids(select(ALL, Filters(until="2024-01-09"))) == ["c-d"]
    assert ids(select(ALL, Filters(since="2024-02-01", until="2024-02-28"))) == ["a-b"]  # inside A's span
    assert ids(select(ALL, Filters(since="2024", undated="include"))) == ["a-b", "b-c", "d-e"]


def test_sources_single_source_and_contested():
    assert ids(select(ALL, Filters(min_sources=2))) == ["b-c", "c-d"]  # the contested edge stays by default
    assert ids(select(ALL, Filters(min_sources=2, include_contested=False))) == ["b-c"]
    assert ids(select(ALL, Filters(only_single_source=True))) == ["a-b", "d-e"]
    assert ids(select(ALL, Filters(predicate="attacks"))) == ["a-b", "d-e"]


def test_actor_depth_walks_the_kept_edges_only():
    assert ids(select(ALL, Filters(actor="b", depth=1))) == ["a-b", "b-c"]
    assert ids(select(ALL, Filters(actor="b", depth=2))) == ["a-b", "b-c", "c-d"]
    assert ids(select(ALL, Filters(actor="b", depth=2, predicate="supports"))) == ["b-c"]
