"""The seed article is the first test of cleaning: asserted field by field."""

from __future__ import annotations

from allegraph.ingest.clean import clean_text, make_document
from allegraph.ingest.readers import iter_records

from .conftest import SAMPLES


def _seed():
    [record] = list(iter_records(SAMPLES / "seed-article.txt", 25))
    return make_document(record.text, record.meta, record.source, detect_header=record.detect_header)[0]


def test_clean_seed_body_starts_and_ends_where_the_article_does():
    doc = _seed()
    assert doc.text.startswith("Iran is threatening")
    assert doc.text.endswith("…Aleppo, and Hama, The Cradle reports.".lstrip("…"))


def test_clean_seed_metadata_from_the_header():
    doc = _seed()
    assert doc.title == "Iran preparing to send troops to Syria"
    assert doc.subtitle == "HTS mercenary factions now attacking each other in squabbles over captured land"
    assert doc.author == "Amin Qudsi"
    assert doc.language == "en"


def test_clean_seed_drops_widgets_comments_and_trailing_headlines():
    text = _seed().text
    for junk in ("What do you think", "Points", "Upvote", "Downvote", "Written by", "WebAdmin", "Leave a Reply",
                 "Your email address", "GIPHY", "Loading", "Egypt awaiting", "Hama city falls", "In , ,"):
        assert junk not in text, junk


def test_clean_seed_keeps_subheadings_as_their_own_lines():
    text = _seed().text
    assert "\nSudden change\n" in text
    assert "Crippling ambush" in text


def test_clean_byline_with_by_prefix_and_share_prompts():
    raw = ("Share on Facebook\n\nRebels take the airport\n\nBy Jane Roe\n\nRebel forces said on Monday they had taken "
           "the airport after a week of fighting near the city.\n\nShare this:\nTwitter\n\nRelated\nOther story here")
    c = clean_text(raw, detect_header=True)
    assert c.title == "Rebels take the airport"
    assert c.author == "Jane Roe"
    body = "\n".join("\n".join(b) for b in c.body)
    assert body.startswith("Rebel forces said")
    assert "Share" not in body and "Other story" not in body


def test_clean_normalises_unicode_and_spaces():
    doc, _ = make_document("Cafe\u0301\u00a0talks \u200bbegan  today in the capital, officials said on Monday.", {}, "x",
                           detect_header=False)
    assert doc.text == "Café talks began today in the capital, officials said on Monday."


def test_clean_same_text_same_id_whatever_the_name():
    a, _ = make_document("The army said it repelled an attack on the base near the river.", {"title": "A"}, "a.txt", detect_header=False)
    b, _ = make_document("The army said it  repelled an attack on the base near the river.\n", {"title": "B"}, "b.txt", detect_header=False)
    assert a.id == b.id and a.text_hash == b.text_hash
