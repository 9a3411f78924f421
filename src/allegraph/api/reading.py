"""Reading a store: counts, queries, explain, actors, duplicates."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

from ..errors import UsageError
from ..graph.aggregate import aggregate, confidence_terms, count_origins, origin_key, source_group
from ..graph.edges import judgement_resolver, with_alias_merges
from ..queries.records import actor_map, claim_records, doc_map, origin_label
from ..queries.runner import load_queries, read, run_named
from ..schema.catalogue import load_catalogue
from ..schema.ids import edge_id
from ..schema.resolve import ActorIndex
from ..settings import Settings
from ..store import open_store
from ..store.base import StoreReader
from ..storefiles import use_recorded


def duplicates(settings: Settings, *, threshold: float | None = None) -> dict[str, Any]:
    """Clusters of near-identical passages across the stored documents (graph/syndication.py)."""
    from ..graph.syndication import passage_clusters

    threshold = settings.syndication_threshold if threshold is None else threshold
    if not 0 < threshold <= 1:
        raise UsageError(f"--threshold {threshold}: give a share between 0 and 1")
    with open_store(settings, write=False, create=False) as store:
        meta = {r["id"]: {k: r[k] or "" for k in ("id", "outlet", "published", "title")} for r in read(store, "documents")}
        counted = {"passages": 0}

        def docs() -> Iterator[dict[str, Any]]:
            for row in store.iter_documents():
                counted["passages"] += sum(1 for p in row["text"].split("\n\n") if p.strip())
                yield row

        clusters = passage_clusters(docs(), threshold=threshold)
    return {"threshold": threshold, "documents": len(meta), "passages": counted["passages"],
            "documents_in_clusters": len({d for c in clusters for d in c.documents}),
            "clusters": [{"documents": [meta[d] for d in c.documents], "text": c.text, "members": list(c.members)}
                         for c in clusters]}


def origin_namer(settings: Settings) -> Any:
    """A function naming an origin id as a reader would (exports/records.py origin_label)."""
    with open_store(settings, write=False, create=False) as store:
        names = {k: v["name"] for k, v in actor_map(store).items()}
        docs = doc_map(store)
    return lambda key: origin_label(str(key), names, docs)


def stats(settings: Settings) -> dict[str, int]:
    """Counts; documents not in English are stored without claims and counted apart
    ('allegraph documents list' shows their language)."""
    with open_store(settings, write=False, create=False) as store:
        return {**store.stats(), "non_english_documents": store.non_english_documents()}


def query(settings: Settings, text: str, params: dict[str, str] | None = None,
          write: bool = False) -> tuple[list[str], list[list[Any]]]:
    """Run a named query (by name) or a Cypher statement, read-only unless write=True."""
    params = params or {}
    with open_store(settings, write=write, create=False) as store:
        named = load_queries()
        if text in named:
            actor_params = {p.name for p in named[text].params if p.name in ACTOR_PARAMS}
            if actor_params & set(params):
                index = ActorIndex(actor_map(store).values())
                params = {k: index.resolve(v, k) if k in actor_params else v for k, v in params.items()}
            return run_named(store, text, params)
        if _looks_like_query_name(text):
            from difflib import get_close_matches

            near = get_close_matches(text, list(named), n=3)
            raise UsageError(f"no named query {text!r}" + (f"; did you mean {', '.join(near)}?" if near else
                                                            "; 'allegraph queries' lists them"))
        return store.query(text, dict(params), write=write)


ACTOR_PARAMS = {"actor", "subject", "object", "origin"}  # named-query parameters that name an actor


def _looks_like_query_name(text: str) -> bool:
    """One word of letters, digits and underscores is a query name, not Cypher."""
    import re

    return bool(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", text.strip()))


def resolve_filters(store: StoreReader, filters: dict[str, Any]) -> dict[str, Any]:
    """--actor and --origin names resolved to stored actor ids by the one resolver."""
    wanted = {k: v for k, v in filters.items() if k in ("actor", "origin") and v}
    if not wanted:
        return filters
    index = ActorIndex(actor_map(store).values())
    return {**filters, **{k: index.resolve(v, k) for k, v in wanted.items()}}


def explain(settings: Settings, subject: str, predicate: str, obj: str) -> dict[str, Any]:
    """An edge, every claim behind it, and each term of its confidence score."""
    with open_store(settings, write=False, create=False) as store:
        settings, _ = use_recorded(settings, store)
        catalogue = load_catalogue(settings.catalogue or None)
        actors = actor_map(store)

        index = ActorIndex(actors.values())
        s, o = index.resolve(subject, "subject"), index.resolve(obj, "object")
        from ..graph.judgements import apply, load_judgements

        judgements = with_alias_merges(load_judgements(settings.judgements), store)  # as the edges were built
        # judgements can move claims between edges: then every claim is read, else only this edge's
        rows = [c for c in store.claim_rows(None if judgements.entries else {(s, predicate, o)}) if not c.get("manual")]
        if judgements.entries:
            rows = apply(rows, judgements, set(actors) | set(catalogue.actors), judgement_resolver(store, catalogue)).rows
        rows = [r for r in rows if (r["subject"], r["predicate"], r["object"]) == (s, predicate, o)]
        if not rows:
            pairs = read(store, "allegations_between", subject=s, object=o)
            near = f"; between them: {', '.join(' '.join((p['subject'], p['predicate'], p['object'])) for p in pairs)}" if pairs else \
                f"; none between {s} and {o} ('allegraph query allegations_about --param actor={subject}' lists theirs)"
            raise UsageError(f"no allegation {s} {predicate} {o} in the store{near}")
        claims = [c for c in claim_records(store) if c["claim_id"] in {r["id"] for r in rows}]
        docs = doc_map(store)
    edge = aggregate(rows, catalogue, settings.confidence, settings.syndication_threshold)[0]
    terms = confidence_terms(rows, edge["independent_source_count"], edge["denying_source_count"], settings.confidence)
    roles: dict[str, str] = {}
    for polarity in ("asserted", "denied"):
        count_origins([r for r in rows if r["polarity"] == polarity], settings.syndication_threshold, roles)
    names = {**{k: v["name"] for k, v in actors.items()}}
    edge["carriers"] = [{"origin": o, "name": origin_label(o, names, docs), "group": source_group(o, catalogue),
                         "documents": [docs.get(d, {"id": d}) for d in ds]}
                        for o, ds in edge["origin_documents"].items()]
    for c in claims:
        c["published"] = docs.get(c["document"]["id"], {}).get("published", "")
        c["counting"] = roles.get(c["claim_id"], "")
        c["origin_group"] = source_group(origin_key({"origin": (c["origin"] or {}).get("id"),
                                                     "relays": [r["id"] for r in c["relays"]],
                                                     "document_id": c["document"]["id"]}), catalogue)
    return {"edge": edge, "claims": claims, "terms": [t.__dict__ for t in terms], "edge_id": edge_id(s, predicate, o)}


def actors(settings: Settings, *, unresolved: bool = False, kind: str | None = None) -> list[dict[str, Any]]:
    """Stored actors with their number of claims (as subject or object) and a sample sentence,
    most claims first; ``unresolved`` keeps those found by the NER alone, for curation."""
    with open_store(settings, write=False, create=False) as store:
        arows = [r["a"] for r in read(store, "actors")]
        crows = read(store, "claim_mentions")
    counts: dict[str, int] = {}
    sample: dict[str, str] = {}
    for c in crows:
        for a in {c["subject"], c["object"]}:
            counts[a] = counts.get(a, 0) + 1
            sample.setdefault(a, " ".join(str(c["evidence"] or "").split()))
    out = []
    for row in arows:
        actor_id, name, k, source, aliases = (row.get(f) for f in ("id", "name", "kind", "source", "aliases"))
        if unresolved and source not in ("ner", "document"):
            continue
        if kind and k != kind:
            continue
        out.append({"id": actor_id, "name": name, "kind": k, "source": source or "", "aliases": list(aliases or []),
                    "claims": counts.get(actor_id, 0), "sample": sample.get(actor_id, "")})
    return sorted(out, key=lambda r: (-r["claims"], r["id"]))


def write_catalogue_stub(rows: list[dict[str, Any]], path: Path) -> Path:
    """A catalogue file for the given actors, to edit and pass with --catalogue (docs/catalogue.md)."""
    import yaml

    lines = ["# allegraph catalogue stub: actors the NER found; correct kind, name and aliases, delete the",
             "# ones that are not actors, then pass this file with --catalogue (or the 'catalogue' setting).",
             "version: 1", "actors:"]
    for r in rows:
        entry = {"id": r["id"], "name": r["name"], "kind": r["kind"], "aliases": r["aliases"]}
        lines.append(f"# {r['claims']} claim(s); e.g. {r['sample'][:100]!r}".replace("\n", " "))
        lines.append("- " + yaml.safe_dump(entry, default_flow_style=True, allow_unicode=True, width=1000).strip())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
