"""Each reader against real-looking fixtures, and every bad-input case of the foundation issue."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from allegraph import api
from allegraph.errors import InputError
from allegraph.ingest.readers import RawRecord, expand_paths, iter_records

from .conftest import FIXTURES

ARTICLE = ("Government forces said on Tuesday that they had retaken the town of Maarat al-Numan after "
           "three days of heavy fighting with opposition groups, according to the state news agency.")


def records(path: Path) -> list:
    return list(iter_records(path, 25))


def test_reader_txt_front_matter(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(f"---\ntitle: Town retaken\noutlet: Example Wire\npublished: 2024-03-01\nauthor: By Sam Doe\n---\n{ARTICLE}\n")
    [r] = records(p)
    assert r.meta["title"] == "Town retaken" and r.meta["outlet"] == "Example Wire"
    assert r.text.strip() == ARTICLE


def test_reader_markdown_strips_markup(tmp_path):
    p = tmp_path / "a.md"
    p.write_text(f"# Town retaken\n\n**{ARTICLE[:40]}**{ARTICLE[40:]} [link](http://x.test)\n")
    [r] = records(p)
    assert "**" not in r.text and "http" not in r.text and "link" in r.text


def test_reader_html_metadata_and_boilerplate():
    [r] = records(FIXTURES / "article.html")
    assert r.meta["title"] == "Clashes reported near Idlib"
    assert r.meta["outlet"] == "Levant Observer"
    assert r.meta["author"] == "Rana Haddad"
    assert r.meta["published"].startswith("2024-05-02")
    assert r.meta["url"] == "https://levant-observer.example/idlib-clashes"
    assert "Hayat Tahrir al-Sham fighters attacked" in r.text
    for junk in ("Subscribe to our newsletter", "Related stories", "Leave a comment", "cookie", "Home | World"):
        assert junk not in r.text


def test_reader_json_one_record_and_list(tmp_path):
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"headline": "H", "body": ARTICLE, "source": "S", "datePublished": "2024-01-02", "link": "u", "id": "x1"}))
    [r] = records(one)
    assert (r.meta["title"], r.meta["outlet"], r.meta["published"], r.meta["url"], r.meta["external_id"]) == ("H", "S", "2024-01-02", "u", "x1")
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"text": ARTICLE}, {"content": ARTICLE + " More."}, {"title": "no text"}]))
    items = records(many)
    assert [type(i) for i in items] == [RawRecord, RawRecord, InputError]
    assert "many.json[2]" in items[2].source


def test_reader_jsonl_skips_bad_lines(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text(json.dumps({"text": ARTICLE}) + "\n{not json\n\n" + json.dumps({"text": ARTICLE + " Two."}) + "\n")
    items = records(p)
    assert [type(i).__name__ for i in items] == ["RawRecord", "InputError", "RawRecord"]
    assert items[1].source.endswith("a.jsonl:2")


def test_reader_csv_embedded_newlines_and_quotes(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text('title,text,outlet\n"Quote ""test""","' + ARTICLE + '\nSecond line, with comma.",Wire\n', encoding="utf-8")
    [r] = records(p)
    assert r.meta["title"] == 'Quote "test"' and "Second line, with comma." in r.text


def test_reader_csv_without_text_column(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text("title,outlet\nA,B\n")
    with pytest.raises(InputError, match="no text column"):
        records(p)


@pytest.mark.parametrize("data,expected", [
    ("\ufeffCafé talks".encode("utf-8"), "Café talks"),
    ("Café “talks”".encode("cp1252"), "Café “talks”"),
    ("Ça va".encode("latin-1"), "Ça va"),
])
def test_reader_detects_encodings(tmp_path, data, expected):
    p = tmp_path / "a.txt"
    p.write_bytes(data + b" in the capital continued on Monday with delegations from both sides present.")
    *notes, r = records(p)
    assert r.text.startswith(expected)
    assert [n.message for n in notes] == ([] if data.startswith(b"\xef") else
                                          ["not UTF-8; read as cp1252 (detected by charset-normalizer)"])


def test_ingest_bad_inputs_are_named_and_good_ones_stored(tmp_path, settings, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good1.txt").write_text(ARTICLE)
    (folder / "good2.json").write_text(json.dumps({"text": ARTICLE.replace("Tuesday", "Wednesday"), "title": "G2"}))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(200))
    (folder / "invalid.txt").write_bytes(bytes(range(128, 256)) * 40)
    (folder / "truncated.json").write_text('{"text": "' + ARTICLE[:50])
    (folder / "notext.csv").write_text("title,outlet\nA,B\n")
    with (folder / "huge.txt").open("wb") as fh:
        fh.write((ARTICLE + "\n").encode() * (50 * 1024 * 1024 // (len(ARTICLE) + 1) + 1))
    missing = tmp_path / "does-not-exist.txt"
    report = api.ingest([folder, missing], settings, progress=False)
    reasons = dict(report.skipped)
    assert report.new == 2 and report.read == 2
    expected = {"empty.txt": "empty", "image.png": "unsupported", "image.txt": "binary", "invalid.txt": "UTF-8",
                "truncated.json": "invalid JSON", "notext.csv": "no text column", "huge.txt": "MB",
                "does-not-exist.txt": "does not exist"}
    for name, fragment in expected.items():
        [reason] = [r for s, r in reasons.items() if s.endswith(name)]
        assert fragment in reason, (name, reason)
    assert api.stats(settings)["documents"] == 2


def test_expand_paths_walks_folders_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("x")
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "notes.gold.json").write_text("{}")
    found = [p.name for p in expand_paths([tmp_path]) if isinstance(p, Path)]
    assert found == ["a.txt", "2.txt"]


STORY = ["Hayat Tahrir al-Sham fighters attacked positions of the Syrian Arab Army near Idlib on Thursday, "
         "the Syrian Observatory for Human Rights said.",
         "The observatory said at least twelve soldiers were killed in the assault on the village of Kafr Nabl.",
         "The army said it had repelled the attack and that its artillery struck the attackers' supply lines.",
         "Residents said shelling continued through the night and that hundreds of families had fled north."]


def _page(between: str, side: str = "") -> str:
    body = "".join(f"<p>{p}</p>" + (between if i % 2 else "") for i, p in enumerate(STORY))
    return (f"<html><head><title>Clashes</title><meta property='og:title' content='Clashes near Idlib'></head><body>"
            f"<div class='c1'><h1>Clashes near Idlib</h1>{body}</div>{side}</body></html>")


def test_html_text_is_the_cleaner_of_the_two_readers():
    """trafilatura drops link-dense teasers inside the story that our reader keeps; our reader drops
    class-named side blocks that trafilatura keeps; the page gets the cleaner text either way."""
    from allegraph.ingest.html import read_html_text, read_own, read_trafilatura

    teasers = ('<div class="box-3"><p><a href="/t1">Minister resigns after row over spending plans</a></p>'
               '<p><a href="/t2">Floods cut off villages in the east for a second day</a></p></div>')
    sidebar = ('<div class="most-read"><p>Celebrity couple announce surprise engagement at a film festival in the '
               'south of France, and fans are delighted by the news</p></div>')
    for page, junk in ((_page(teasers), "Minister resigns"), (_page("", sidebar), "Celebrity couple")):
        text, meta = read_html_text(page, "p.html")
        assert all(p in text for p in STORY) and junk not in text, text
        assert meta["title"] == "Clashes near Idlib"
    assert "Minister resigns" in read_own(_page(teasers), "p.html")[0]  # each reader alone fails one page
    assert "Minister resigns" not in read_trafilatura(_page(teasers), "p.html")[0]


def test_html_date_is_never_guessed_from_a_copyright_line():
    from allegraph.ingest.html import read_html_text

    _, meta = read_html_text(_page("", "<footer><p>© 2025 The Daily Ledger. All rights reserved.</p></footer>"), "p.html")
    assert meta["published"] == ""
