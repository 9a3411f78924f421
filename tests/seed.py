"""A small corpus written by hand as store rows: documents, actors, claims, affiliations and
lineage, with no model involved. Query, read-model and store-contract tests are seeded from it,
so a change in extraction cannot move their results. Each row is there for a case:

- turkiye supports hts: two independent origins (the UN, AFP), relayed by Reuters: corroborated;
- turkiye controls hts: RT and Sputnik, one source group (Russian state media): group-only;
- iran supports hezbollah: asserted by Press TV (hedged), denied by Iran: contested;
- israel attacks hezbollah: an anonymous source via AFP: single source;
- white_wolf attacks sna: the voice of a document with no outlet or author;
- hts threatens russia: SNA accuses HTS, relayed by Reuters;
- russia attacks turkiye: a second UN claim Reuters relays (half of what Reuters relays is the UN's);
- a manual claim (gamma-like rows live by their judgement and are not counted without it).
"""

from __future__ import annotations

from typing import Any

from allegraph.schema.model import Actor, Affiliation, Claim, Document, Succession


def _doc(i: int, outlet: str, published: str, title: str) -> dict[str, Any]:
    return Document(id=f"doc_{i}", title=title, outlet=outlet, published=published, url=f"https://example.org/{i}",
                    path=f"in/{i}.txt", locations=(f"in/{i}.txt",), text_hash=f"h{i}", text=f"Text of document {i}.",
                    ingested="2024-06-01T00:00:00Z").to_store_row()


def _claim(n: int, doc: int, s: str, p: str, o: str, origin: str | None, attribution: str, *, relays: tuple[str, ...] = (),
           polarity: str = "asserted", hedge: str = "", manual: bool = False) -> dict[str, Any]:
    text = f"{s} {p} {o}, says {origin or 'a source'} ({n})."
    return Claim(id=f"clm_{n:02d}", document_id=f"doc_{doc}", subject=s, object=o, origin=origin, predicate=p,
                 predicate_text=p, attribution=attribution, relays=relays, polarity=polarity, hedged=bool(hedge),
                 hedge_cues=(hedge,) if hedge else (), confidence=0.7, evidence_text=text, start=10 * n,
                 end=10 * n + len(text), cue_start=10 * n, cue_end=10 * n + 3, manual=manual,
                 citation="UN report" if manual else "", rule="hand", passage=f"p{n}").to_store_row()


_ACTORS = [("turkiye", "Türkiye", "state"), ("hts", "Hayat Tahrir al-Sham", "armed_group"),
           ("sna", "Syrian National Army", "armed_group"), ("russia", "Russia", "state"), ("iran", "Iran", "state"),
           ("hezbollah", "Hezbollah", "armed_group"), ("israel", "Israel", "state"), ("rt", "RT", "media"),
           ("sputnik", "Sputnik", "media"), ("reuters", "Reuters", "media"), ("un", "United Nations", "organization"),
           ("press_tv", "Press TV", "media"), ("afp", "AFP", "media"),
           ("jabhat_fatah_al_sham", "Jabhat Fatah al-Sham", "armed_group")]
ACTORS = [Actor(i, name, kind, (name.upper(),) if kind == "media" else (), "", "catalogue").to_store_row()
          for i, name, kind in _ACTORS]
ACTORS.append(Actor("white_wolf", "White Wolf Brigade", "armed_group", ("White Wolves",), "", "ner").to_store_row())

DOCUMENTS = [_doc(1, "Reuters", "2024-01-10", "UN panel on Idlib"), _doc(2, "AFP", "2024-02-01", "Border strikes"),
             _doc(3, "RT", "2024-02-05", "Ankara's hand"), _doc(4, "Sputnik", "2024-02-06", "Ankara's hand (copy)"),
             _doc(5, "Press TV", "2024-03-01", "Axis denials"), _doc(6, "", "", "A blog post")]

CLAIMS = [
    _claim(1, 1, "turkiye", "supports", "hts", "un", "named", relays=("reuters",)),
    _claim(2, 2, "turkiye", "supports", "hts", "afp", "author"),
    _claim(3, 3, "turkiye", "controls", "hts", "rt", "author"),
    _claim(4, 4, "turkiye", "controls", "hts", "sputnik", "author"),
    _claim(5, 5, "iran", "supports", "hezbollah", "press_tv", "author", hedge="reportedly"),
    _claim(6, 1, "iran", "supports", "hezbollah", "iran", "named", relays=("reuters",), polarity="denied"),
    _claim(7, 2, "israel", "attacks", "hezbollah", None, "anonymous", relays=("afp",)),
    _claim(8, 6, "white_wolf", "attacks", "sna", None, "author"),
    _claim(9, 1, "hts", "threatens", "russia", "sna", "named", relays=("reuters",)),
    _claim(10, 2, "russia", "controls", "iran", "un", "named", manual=True),
    _claim(11, 1, "russia", "attacks", "turkiye", "un", "named", relays=("reuters",)),
]
AFFILIATIONS = [Affiliation("white_wolf", "sna", "affiliation", "brigade").to_store_row()]
LINEAGE = [Succession("jabhat_fatah_al_sham", "hts", "2017-01-28", "merged_into").to_store_row()]


def seed(store: Any, settings: Any) -> None:
    """Write the rows and build the edges, as an ingest would."""
    from allegraph import api
    from allegraph.schema.catalogue import load_catalogue

    store.write_batch(DOCUMENTS, ACTORS, CLAIMS, AFFILIATIONS, LINEAGE)
    api.update_edges(store, load_catalogue(None), settings)
