"""Every generated reference page matches the code it comes from (run: python -m allegraph.docs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from allegraph.docs import PAGES

DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.mark.parametrize("page", sorted(PAGES))
def test_generated_page_is_fresh(page):
    assert (DOCS / page).read_text(encoding="utf-8") == PAGES[page](), f"docs/{page} is stale: run python -m allegraph.docs"


def test_every_error_class_has_a_code_and_says_what_to_do():
    from allegraph import errors

    classes = [c for c in vars(errors).values() if isinstance(c, type) and issubclass(c, errors.AllegraphError)]
    codes = [c.code for c in classes]
    assert len(set(codes)) == len(codes)
    assert [c.__name__ for c in classes if c is not errors.AllegraphError and len((c.__doc__ or "").split()) < 8] == []


def test_every_family_has_a_meaning_and_examples_and_the_listing_shows_its_cues(capsys):
    from allegraph.cli import main
    from allegraph.extract.lexicon import load_lexicon

    lex = load_lexicon()
    assert all(spec.get("description") and spec.get("examples") for spec in lex.families.values())
    assert main(["predicates", "captures"]) == 0
    out = capsys.readouterr().out
    assert out.startswith('captures - "captures"') and "seize" in out and "fall to (reversed)" in out
    assert main(["predicates", "captrues"]) == 2
    assert "did you mean captures?" in capsys.readouterr().err


@pytest.mark.parametrize("name", sorted(__import__("allegraph.docs", fromlist=["FILES"]).FILES))
def test_file_generated_from_the_schema_is_fresh(name):
    from allegraph.docs import FILES, ROOT

    assert (ROOT / name).read_text(encoding="utf-8") == FILES[name](), f"{name} is stale: run python -m allegraph.docs"
