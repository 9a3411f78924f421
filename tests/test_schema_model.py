"""The model declared once (schema/model.py): the tables, the DDL, the migrations and the store rows
all come from the record declarations."""

from __future__ import annotations

import dataclasses

import pytest

from allegraph.schema.model import Actor, Allegation, Claim, Document, Record, prop
from allegraph.schema.tables import ddl, migration_steps, schema_version, table, tables


def _claim(**over) -> Claim:
    base = dict(id="clm_1", document_id="doc_1", subject="iran", object="hezbollah", origin=None, predicate="supports",
                relays=("reuters",), hedge_cues=("reportedly",), start=3, end=40)
    return Claim(**{**base, **over})


def test_schema_claim_row_uses_store_names_and_round_trips():
    c = _claim()
    row = c.to_store_row()
    assert row["subject_id"] == "iran" and row["evidence_start"] == 3 and row["relay_ids"] == ["reuters"]
    assert row["origin_id"] == ""  # an anonymous claim's origin is stored as ''
    assert list(row) == table("Claim").names()
    assert Claim.from_store_row(row) == c


def test_schema_store_row_of_an_older_store_reads_with_defaults():
    row = {k: v for k, v in _claim(rule="svo", passage="abc").to_store_row().items() if k not in ("rule", "passage")}
    back = Claim.from_store_row(row)
    assert (back.rule, back.passage) == ("", "")


def test_schema_relationship_record_has_its_ends_first():
    t = table("ALLEGED")
    assert [c.name for c in t.columns[:2]] == ["from", "to"] and t.ends == ("Actor", "Actor")
    row = Allegation("a", "b", "alg_1", "attacks", 1, ("x",), (), 1, 0, True, False, 0.5, "", "", ("c",)).to_store_row()
    assert row["_from"] == "a" and row["_to"] == "b" and "subject" not in row


def test_schema_every_declared_field_is_a_column_and_the_version_is_the_newest_since():
    for record in (Document, Actor, Claim, Allegation):
        declared = [f.name for f in dataclasses.fields(record)]
        assert [c.attr for c in table(record.TABLE).columns] == declared
    assert schema_version() == max(c.since for t in tables().values() for c in t.columns)
    assert any("PRIMARY KEY" in s and s.startswith("CREATE NODE TABLE IF NOT EXISTS Claim(") for s in ddl())


def test_schema_migration_adds_every_column_added_since_the_stores_version():
    steps = migration_steps("1", "embedded")
    assert "ALTER TABLE Claim ADD IF NOT EXISTS rule STRING DEFAULT ''" in steps
    assert "ALTER TABLE Document ADD IF NOT EXISTS ingested STRING DEFAULT ''" in steps
    assert migration_steps(str(schema_version()), "embedded") == []
    assert migration_steps("1", "bolt") == []


def test_schema_field_of_an_unstorable_type_is_refused():
    @dataclasses.dataclass(frozen=True)
    class Odd(Record):
        when: dict = prop("a mapping")  # type: ignore[type-arg]

    with pytest.raises(TypeError, match="Odd.when"):
        Odd.columns()


def test_schema_quoted_claim_field_is_stored_exported_and_migrated(tmp_path):
    """The field added in one declaration (schema/model.py ``quoted``): extraction computes it,
    both row conversions and the export carry it, and a version-3 store gains the column."""
    from allegraph.extract.attribution import in_quotation

    text = 'Officials said: "Iran armed the militia," and the ministry denied it.'
    assert in_quotation(text, text.index("armed")) and not in_quotation(text, text.index("denied"))
    assert in_quotation("He called it “a plan to arm them” twice.", 25) and not in_quotation("They armed it.", 5)
    row = _claim(quoted=True).to_store_row()
    assert row["quoted"] is True and Claim.from_store_row(row).quoted is True
    assert _claim(quoted=True).to_export(lambda a: {"id": a})["quoted"] is True
    assert "ALTER TABLE Claim ADD IF NOT EXISTS quoted BOOLEAN DEFAULT false" in migration_steps("3", "embedded")
