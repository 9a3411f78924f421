"""Extraction on invented sentences (never the dev texts): each linguistic pattern of the issue."""

from __future__ import annotations

import pytest

from allegraph.schema.model import Document


def claims(extractor, text: str, **doc) -> set[tuple]:
    d = Document(id="t", text=text, outlet=doc.pop("outlet", "Test Wire"), **doc)
    ex = extractor.extract(d)
    return {(c.subject, c.predicate, c.object, c.polarity, c.attribution, c.origin) for c in ex.claims}


def triples(found: set[tuple]) -> set[tuple]:
    return {(s, p, o) for s, p, o, *_ in found}


def test_extract_active_voice_author_attribution(extractor):
    found = claims(extractor, "Russian jets bombed Idlib on Sunday.\n\nHezbollah attacked Israeli positions near the border.")
    assert ("hezbollah", "attacks", "israel", "asserted", "author", "test_wire") in found


def test_extract_passive_voice(extractor):
    found = claims(extractor, "The militia was created by Iran in 2014 to fight in Syria.\n\n"
                              "The Syrian Democratic Forces are backed by the United States.")
    assert ("usa", "supports", "sdf") in triples(found)


def test_extract_compound_modifier(extractor):
    found = claims(extractor, "Fighters from the Russian-backed Wagner Group were seen near Palmyra.")
    assert ("russia", "supports", "wagner_group") in triples(found)


def test_extract_led_modifier_denotes_the_leader(extractor):
    found = claims(extractor, "SDF-led units shelled Turkish Armed Forces positions near Manbij.")
    assert ("sdf", "attacks", "turkish_armed_forces") in triples(found)


def test_extract_copula_arm_of(extractor):
    found = claims(extractor, "Liwa Fatemiyoun is the Afghan arm of the Islamic Revolutionary Guard Corps.")
    assert ("fatemiyoun", "affiliated_with", "irgc") in triples(found)


def test_extract_coordination_yields_one_claim_each(extractor):
    found = claims(extractor, "The HTS offensive was coordinated between Qatari, Turkish and British intelligence.")
    t = triples(found)
    assert {("qatar", "controls"), ("turkiye", "controls"), ("uk", "controls")} <= {(s, p) for s, p, o in t}


def test_extract_accusation_frame_origin_is_the_accuser(extractor):
    found = claims(extractor, "Russian Foreign Minister Sergey Lavrov accused Washington of arming the Kurdish YPG.")
    assert ("usa", "supports", "ypg", "asserted", "named", "sergey_lavrov") in found


def test_extract_reported_claim_origin_and_relay(extractor):
    found = claims(extractor, "Tasnim reports that Israeli jets struck a Hezbollah convoy.", outlet="Daily Levant")
    [c] = [c for c in found if c[:3] == ("israel", "attacks", "hezbollah")]
    assert c[4:] == ("named", "tasnim")


def test_extract_sources_told_x_is_anonymous_relayed(extractor):
    d = Document(id="t", text="Sources told Reuters that Iran supplied drones to the Houthis.", outlet="Gulf Monitor")
    [c] = [c for c in extractor.extract(d).claims if (c.subject, c.object) == ("iran", "houthis")]
    assert c.attribution == "anonymous" and c.origin is None and "reuters" in c.relays


def test_extract_according_to(extractor):
    found = claims(extractor, "According to SANA, Turkish drones attacked Kurdish-held villages.")
    assert any(c[4:] == ("named", "sana") for c in found)


def test_extract_denial_makes_a_denied_claim(extractor):
    found = claims(extractor, "The Pentagon denied reports that US troops had entered Raqqa.")
    assert ("usa", "captures", "raqqa", "denied", "named", "pentagon") in found


def test_extract_negation(extractor):
    found = claims(extractor, "Jordan did not support the Syrian opposition after 2018.")
    assert ("jordan", "supports", "syrian_opposition", "denied") in {c[:4] for c in found}


def test_extract_hedging_cues_are_kept(extractor):
    d = Document(id="t", text="Iran reportedly funds Hezbollah through front companies.", outlet="X")
    [c] = [c for c in extractor.extract(d).claims if (c.subject, c.object) == ("iran", "hezbollah")]
    assert c.hedged and "reportedly" in c.hedge_cues


def test_extract_multiword_hedge(extractor):
    d = Document(id="t", text="It is not entirely impossible that Qatar funded the Nusra Front.", outlet="X")
    cues = {cue for c in extractor.extract(d).claims for cue in c.hedge_cues}
    assert "not entirely impossible" in cues


def test_extract_pronoun_coreference_to_previous_subject(extractor):
    found = claims(extractor, "Hamas has grown stronger since 2021. It has also enjoyed Iranian support over the years.")
    assert ("iran", "supports", "hamas") in triples(found)


def test_extract_person_affiliation_title(extractor):
    d = Document(id="t", text="Iranian foreign minister Abbas Araghchi condemned the Israeli strikes.", outlet="X")
    ex = extractor.extract(d)
    assert any(c.origin == "abbas_araghchi" or c.subject == "abbas_araghchi" for c in ex.claims)


def test_extract_unknown_actors_get_slugs_and_kinds(extractor):
    d = Document(id="t", text="The Free Alawite Brigade attacked the Suqur al-Jabal militia near Latakia.", outlet="X")
    ex = extractor.extract(d)
    actors = {a.id: a for a in ex.actors}
    assert any(a.source == "ner" for a in actors.values())


def test_extract_evidence_offsets_point_into_the_text(extractor):
    text = "Intro line.\n\nTurkey shelled YPG positions near Afrin on Monday."
    d = Document(id="t", text=text, outlet="X")
    for c in extractor.extract(d).claims:
        assert text[c.start:c.end] == c.evidence_text
        assert text[c.cue_start:c.cue_end] == c.predicate_text


def test_extract_is_deterministic(extractor):
    d = Document(id="t", text="The US-led coalition struck ISIS targets near Deir ez-Zor.", outlet="X")
    assert extractor.extract(d).claims == extractor.extract(d).claims


@pytest.mark.parametrize("text", [
    "hezbollah attacked israel " * 3000,                          # no sentence boundaries
    ("Turkey supported the SNA and " * 20 + "Russia backed Assad. ") * 4000,  # one huge paragraph (~2 MB)
    "<div><p>Israel <b>attacked</b> Hezbollah</p><script>alert(1)</script></div> &amp; more text here.",
    "\u202eIran\u202c attacked \u200bIsrael 🚀 with drones. " * 10,
])
def test_extract_survives_hostile_text(extractor, text):
    """Hostile text finishes with well-formed claims; its speed is measured in bench/, not here."""
    ex = extractor.extract(Document(id="t", text=text[:2_100_000], outlet="X"))
    for c in ex.claims:
        assert c.subject != c.object and c.rule and 0 <= c.start < c.end <= len(text)


def test_extract_non_english_is_detected_and_skipped(extractor):
    from allegraph.ingest.clean import make_document

    doc, _ = make_document("Le gouvernement syrien a accusé la Turquie de soutenir les rebelles dans le nord du pays, "
                           "selon les médias officiels qui citent des sources militaires.", {}, "fr.txt", detect_header=False)
    assert doc.language == "fr"
    ex = extractor.extract(doc)
    assert ex.claims == () and "not English" in ex.warnings[0]


def test_extract_title_gives_unknown_person_an_affiliation(extractor):
    d = Document(id="t", text="Iranian deputy foreign minister Kazem Gharibabadi accused Israel of attacking Iran's embassy.",
                 outlet="X")
    ex = extractor.extract(d)
    assert ("kazem_gharibabadi", "iran", "deputy foreign minister") in ex.affiliations
    assert any(c.origin == "kazem_gharibabadi" and c.attribution == "named" for c in ex.claims)


def test_extract_trailing_source_after_misattached_apposition(extractor):
    found = claims(extractor, "Russian warplanes struck rebel-held towns in Idlib province on Tuesday, killing at least 12 "
                              "civilians, the Syrian Observatory for Human Rights said.")
    assert ("russia", "attacks", "syrian_opposition", "asserted", "named", "sohr") in found
    assert not any(c[2] == "sohr" for c in found)


def test_extract_passive_purpose_clause(extractor):
    found = claims(extractor, "Hezbollah fighters have reportedly been deployed to Aleppo to support Syrian government "
                              "forces, according to two security sources.")
    assert ("hezbollah", "supports", "saa", "asserted", "anonymous", None) in found


def test_extract_quantity_of_events(extractor):
    found = claims(extractor, "Israel has carried out hundreds of air strikes against Iran-backed militias in Syria, "
                              "Israeli officials said.")
    assert ("israel", "attacks", "iran_backed_militias", "asserted", "named", "israel") in found


def test_extract_plotting_attacks_threatens_and_titles_are_not_actors(extractor):
    found = claims(extractor, "The State Department on Friday designated Hurras al-Din as a terrorist organization. "
                              "Secretary of State Antony Blinken said the group continues to plot attacks against U.S. interests.")
    assert ("us_state_department", "opposes", "hurras_al_din") in triples(found)
    assert ("hurras_al_din", "threatens", "usa", "asserted", "named", "antony_blinken") in found


def test_extract_warned_that_is_reporting(extractor):
    found = claims(extractor, "UN officials warned that Russian airstrikes had hit Kurdish-held villages.")
    assert not any(c[1] == "threatens" for c in found)
    assert ("russia", "attacks", "syrian_kurds", "asserted", "named", "un") in found


def test_extract_claim_in_a_direct_quotation_is_marked_quoted(extractor):
    d = Document(id="t", text='The minister said: "Iran supplied drones to the Houthis."\n\nIran armed Hezbollah.',
                 outlet="X")
    found = {(c.subject, c.object): c for c in extractor.extract(d).claims}
    assert found[("iran", "houthis")].quoted is True
    assert found[("iran", "hezbollah")].quoted is False
