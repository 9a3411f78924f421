"""Fuzzing (hypothesis) over every reader and the extractor: no crash, no hang.

CI runs a short campaign; bench/fuzz_campaign.py runs a longer one (figures in docs/reliability.md).
"""

from __future__ import annotations

import json
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allegraph.errors import InputError
from allegraph.ingest.clean import make_document
from allegraph.ingest.readers import Note, RawRecord, iter_records
from allegraph.schema.model import Document

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.too_slow])
EXTS = [".txt", ".md", ".html", ".json", ".jsonl", ".csv"]
NASTY = st.sampled_from(["\u202e", "\u202c", "\u200b", "\u200d", "\ufeff", "\u0301", "🚀", "\u0000", "\r", "\n\n", "<", ">",
                         "&amp;", "\"", "'", ",", "{", "}", "[", "]", "---\n", "\\", "\t", "ا", "ש", "中", "\u2028"])
TEXT = st.lists(st.one_of(st.text(min_size=0, max_size=40), NASTY), max_size=60).map("".join)


def read_all(path) -> list:
    try:
        return list(iter_records(path, 25))
    except InputError:
        return []


@FAST
@given(data=st.binary(max_size=4000), ext=st.sampled_from(EXTS))
def test_fuzz_readers_random_bytes(tmp_path_factory, data, ext):
    path = tmp_path_factory.mktemp("f") / f"x{ext}"
    path.write_bytes(data)
    for item in read_all(path):
        assert isinstance(item, (RawRecord, InputError, Note))
        if isinstance(item, RawRecord):
            try:
                make_document(item.text, item.meta, item.source, detect_header=item.detect_header)
            except InputError:
                pass


@FAST
@given(text=TEXT, ext=st.sampled_from(EXTS))
def test_fuzz_readers_random_unicode(tmp_path_factory, text, ext):
    path = tmp_path_factory.mktemp("u") / f"x{ext}"
    path.write_text(text, encoding="utf-8")
    read_all(path)


@FAST
@given(depth=st.integers(min_value=1, max_value=50_000))
def test_fuzz_deeply_nested_json(tmp_path_factory, depth):
    path = tmp_path_factory.mktemp("j") / "deep.json"
    path.write_text("[" * depth + "]" * depth)
    read_all(path)
    path2 = path.with_suffix(".jsonl")
    path2.write_text('{"text": ' + "[" * depth + "]" * depth + "}\n")
    read_all(path2)


@FAST
@given(rows=st.lists(st.tuples(TEXT, TEXT), min_size=1, max_size=8))
def test_fuzz_csv_with_newlines_and_quotes(tmp_path_factory, rows):
    import csv

    path = tmp_path_factory.mktemp("c") / "x.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["title", "text"])
        for title, text in rows:
            w.writerow([title.replace("\x00", ""), text.replace("\x00", "")])
    items = read_all(path)
    assert len(items) <= len(rows) + 1


def test_fuzz_enormous_line(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("Hezbollah attacked Israel " + "x" * 3_000_000)
    items = read_all(path)
    doc, warnings = make_document(items[0].text, {}, "long.txt", detect_header=False, max_chars=1_000_000)
    assert len(doc.text) <= 1_000_000 and warnings and "cut" in warnings[0]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT)
def test_fuzz_extractor_random_text(extractor, text):
    t0 = time.monotonic()
    extractor.extract(Document(id="t", text=text or "x", outlet="X"))
    assert time.monotonic() - t0 < 30


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(["Iran", "Israel", "HTS", "attacked", "said", "denied", "reportedly", "the", "it",
                                       "its", "support", "of", "by", "was", "backed", "-", ",", ".", "“", "”", "\n\n",
                                       "Reuters", "reports", "that", "sources", "told", "according", "to", "not"]),
                      max_size=120))
def test_fuzz_extractor_newsy_word_salad(extractor, words):
    ex = extractor.extract(Document(id="t", text=" ".join(words) or "x", outlet="X"))
    for c in ex.claims:
        assert c.subject != c.object and c.polarity in ("asserted", "denied")
        assert 0 <= c.start <= c.end <= len(" ".join(words))


def test_fuzz_json_records_with_odd_types(tmp_path):
    path = tmp_path / "odd.json"
    path.write_text(json.dumps([{"text": 5}, {"text": None}, {"text": ["a"]}, {"body": {"x": 1}}, "str", 3,
                                {"text": "Iran backed Hezbollah in Syria, officials said on Monday.", "title": {"a": 1},
                                 "author": ["A", {"name": "B"}], "published": 20240101}]))
    items = read_all(path)
    good = [i for i in items if isinstance(i, RawRecord)]
    assert len(good) == 1
    doc, _ = make_document(good[0].text, good[0].meta, good[0].source, detect_header=False)
    assert doc.author == "A, B"
