"""Researchers' corrections, kept in a YAML file under version control and applied on every build.

```yaml
judgements:
- {action: reject, claim: clm_…, note: "misparse"}
- {action: reject, document: doc_… (or a path), evidence: "text in the sentence", note: …}
- {action: confirm, claim: clm_…}
- {action: merge, into: hts, actors: [hayat_tahrir_al_sham]}
- {action: split, actor: ahmed_al_sharaa, alias: "Julani", into: {id: other_julani, name: Abu Julani, kind: person}}
- {action: rename, actor: hts, name: "Hay'at Tahrir al-Sham"}
- {action: retype, actor: white_wolf, kind: armed_force}
- {action: origin, claim: clm_…, origin: al_mayadeen, attribution: named}
- {action: add, subject: iran, predicate: supports, object: hezbollah, origin: un, citation: "UN report S/2024/…",
   evidence: "…", published: 2024-05-01}
```

Judgements change what aggregation sees (claims rejected, actors merged or split, origins
overridden, manual claims added) and how actors are named; they never delete stored claims, so
removing a judgement restores the machine's reading. A judgement that no longer matches anything
is reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

import yaml

from ..errors import AllegraphError, JudgementError
from ..schema.families import family_names
from ..schema.ids import digest, text_hash
from ..schema.model import ATTRIBUTIONS, POLARITIES

# A claim is named by its id and, so that the entry still finds it when a catalogue change renames an
# actor (and so the claim id), by its document, a piece of its sentence and its predicate: when no
# stored claim has the id any more, the claim in that document whose sentence holds the evidence
# (with that predicate) is the one meant. 'allegraph judge' writes all of them.
CLAIM_KEYS = {"claim", "document", "evidence", "predicate"}
ACTIONS = {
    "reject": (CLAIM_KEYS | {"note"}, set()),
    "confirm": (CLAIM_KEYS | {"note"}, {"claim"}),
    "merge": ({"into", "actors", "note"}, {"into", "actors"}),
    "split": ({"actor", "alias", "into", "note"}, {"actor", "alias", "into"}),
    "rename": ({"actor", "name", "note"}, {"actor", "name"}),
    "retype": ({"actor", "kind", "note"}, {"actor", "kind"}),
    "origin": (CLAIM_KEYS | {"origin", "attribution", "note"}, {"claim", "origin"}),
    "add": ({"subject", "predicate", "object", "origin", "attribution", "citation", "evidence", "published", "url",
             "polarity", "note"}, {"subject", "predicate", "object", "citation"}),
}
SKIPPED = "the entry is skipped"


@dataclass
class Judgements:
    entries: list[dict[str, Any]] = field(default_factory=list)
    digest: str = ""
    path: str = ""
    problems: dict[int, str] = field(default_factory=dict)  # entry index -> why a name in it resolves to no actor

    def of(self, action: str) -> list[tuple[int, dict[str, Any]]]:
        return [(i, e) for i, e in enumerate(self.entries) if e["action"] == action]


def load_judgements(path: str | Path | None) -> Judgements:
    if not path or not Path(path).is_file():
        return Judgements(path=str(path or ""))
    text = Path(path).read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        raise JudgementError(f"{where}: not valid YAML ({getattr(exc, 'problem', exc)}); fix the line and run again") from None
    entries = data.get("judgements") if isinstance(data, dict) else None
    if entries is None:
        entries = []
    if not isinstance(entries, list):
        raise JudgementError(f"{path}: 'judgements' must be a list of entries")
    for i, e in enumerate(entries, 1):
        if not isinstance(e, dict) or e.get("action") not in ACTIONS:
            raise JudgementError(f"{path}: entry {i} needs 'action', one of {', '.join(sorted(ACTIONS))}")
        allowed, required = ACTIONS[e["action"]]
        unknown = set(e) - allowed - {"action"}
        missing = required - set(e)
        if unknown or missing:
            raise JudgementError(f"{path}: entry {i} ({e['action']}): unknown {sorted(unknown)} missing {sorted(missing)}")
        if e["action"] == "reject" and not ("claim" in e or ("document" in e and "evidence" in e)):
            raise JudgementError(f"{path}: entry {i} (reject) needs 'claim', or 'document' and 'evidence'")
        if e["action"] == "split" and not (isinstance(e["into"], dict) and e["into"].get("id")):
            raise JudgementError(f"{path}: entry {i} (split): 'into' needs an id (and name, kind) for the new actor")
        if e["action"] == "add" and e["predicate"] not in family_names():
            raise JudgementError(f"{path}: entry {i} (add): predicate {e['predicate']!r} is not one of {sorted(family_names())}")
        for key, allowed_values in (("attribution", ATTRIBUTIONS), ("polarity", POLARITIES)):
            if key in e and e[key] not in allowed_values:
                raise JudgementError(f"{path}: entry {i} ({e['action']}): {key} {e[key]!r} is not one of "
                                     f"{', '.join(allowed_values)}")
    judgements = Judgements([dict(e) for e in entries], text_hash(text), str(path))
    _check_conflicts(judgements)
    return judgements


def _check_conflicts(j: Judgements) -> None:
    rejected = {e["claim"]: i for i, e in j.of("reject") if "claim" in e}
    for i, e in j.of("confirm"):
        if e["claim"] in rejected:
            raise JudgementError(f"{j.path}: entries {rejected[e['claim']] + 1} and {i + 1} both reject and confirm "
                                 f"{e['claim']}; keep one")
    target: dict[str, str] = {}
    for i, e in j.of("merge"):
        for a in e["actors"]:
            if a in target and target[a] != e["into"]:
                raise JudgementError(f"{j.path}: entry {i + 1} merges {a} into {e['into']}, another entry into {target[a]}")
            target[a] = e["into"]
    for a in target:  # cycles
        seen, cur = set(), a
        while cur in target:
            if cur in seen:
                raise JudgementError(f"{j.path}: merges form a cycle through {a}; fix the 'into' ids")
            seen.add(cur)
            cur = target[cur]


def append_judgement(path: str | Path, entry: dict[str, Any]) -> None:
    """Append one entry, keeping the rest of the file (and its comments) as it is."""
    p = Path(path)
    load_judgements(p)  # refuse to append to a broken file
    line = "- " + yaml.safe_dump(entry, default_flow_style=True, sort_keys=False, allow_unicode=True, width=10_000).strip()
    if not p.exists() or not p.read_text(encoding="utf-8").strip():
        p.write_text("# allegraph judgements: corrections applied on every build (keep under version control)\n"
                     "judgements:\n" + line + "\n", encoding="utf-8")
        return
    text = p.read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    if "judgements" not in data:
        text = text.rstrip("\n") + "\njudgements:\n"
    elif data.get("judgements") in (None, []) and "judgements: []" in text:
        text = text.replace("judgements: []", "judgements:")
    p.write_text(text.rstrip("\n") + "\n" + line + "\n", encoding="utf-8")


def manual_claim_id(e: dict[str, Any]) -> str:
    return "clm_manual_" + digest(e["subject"], e["predicate"], e["object"], e.get("origin", ""), e["citation"], size=16)


def manual_document_id(e: dict[str, Any]) -> str:
    return "doc_manual_" + digest(e["citation"], size=16)


@dataclass
class Applied:
    rows: list[dict[str, Any]]
    unmatched: list[str]
    skipped: list[str] = field(default_factory=list)  # stale entries left out, each with what to do


def resolve_names(j: Judgements, known_actors: set[str], resolve: Callable[[str], str]) -> Judgements:
    """Judgements may name actors as users write them ('Turkey', 'HTS'); the one resolver turns
    each name that is not an id into one. An unknown or ambiguous name is an error naming the entry."""
    problems: dict[int, str] = dict(j.problems)

    def one(value: Any, i: int, action: str) -> Any:
        if not isinstance(value, str) or not value or value in known_actors:
            return value
        try:
            return resolve(value)
        except AllegraphError as exc:
            problems.setdefault(i, exc.args[0])
            return value  # left as written: apply() reports the entry as stale and skips it

    entries = []
    for i, e in enumerate(j.entries):
        e = dict(e)
        for key in ("actor", "subject", "object", "into"):
            if key in e and not (key == "into" and isinstance(e[key], dict)):
                e[key] = one(e[key], i, e["action"])
        if e["action"] in ("origin", "add") and e.get("origin"):
            e["origin"] = one(e["origin"], i, e["action"])
        if "actors" in e:
            e["actors"] = [one(a, i, e["action"]) for a in e["actors"]]
        entries.append(e)
    return Judgements(entries=entries, digest=j.digest, path=j.path, problems=problems)


def apply(rows: Iterable[dict[str, Any]], j: Judgements, known_actors: set[str],
          resolve: Callable[[str], str] | None = None) -> Applied:
    """Claim rows as aggregation should see them, and the judgements that matched nothing."""
    rows = [dict(r) for r in rows]
    if resolve is not None:
        j = resolve_names(j, known_actors, resolve)
    hits = [0] * len(j.entries)
    skipped: list[str] = []
    stale: set[int] = set()
    for i, e in enumerate(j.entries):  # an entry naming an actor no store or catalogue knows is skipped, and said so
        ids = [e.get(k) for k in ("actor", "subject", "object")] + list(e.get("actors", []))
        ids += [e["into"]] if e["action"] == "merge" else []
        ids += [e["origin"]] if e["action"] in ("origin", "add") and e.get("origin") else []
        unknown = [a for a in ids if a and a not in known_actors]
        if unknown or i in j.problems:
            stale.add(i)
            problem = j.problems.get(i) or f"no actor {unknown[0]!r} in the store or the catalogue"
            skipped.append(f"{j.path}: entry {i + 1} ({e['action']}): {problem}; {SKIPPED} (fix the name or id: "
                           "'allegraph actors' lists them, and a catalogue change may have renamed it; or remove the entry)")
    live = [i not in stale for i in range(len(j.entries))]
    claim_ids = {r["id"] for r in rows}

    def claim_of(e: dict[str, Any], r: dict[str, Any]) -> bool:
        if "claim" in e and r["id"] == e["claim"]:
            return True
        if ("claim" in e and e["claim"] in claim_ids) or "document" not in e or "evidence" not in e:
            return False
        return (_doc_match(r, e["document"]) and e["evidence"] in (r.get("evidence_text") or "")
                and e.get("predicate", r["predicate"]) == r["predicate"])

    rejected: set[str] = set()
    for i, e in j.of("reject"):
        for r in rows:
            if claim_of(e, r):
                rejected.add(r["id"])
                hits[i] += 1
    for i, e in j.of("confirm"):
        hits[i] += sum(claim_of(e, r) for r in rows)
    for i, e in j.of("origin"):
        if not live[i]:
            continue
        for r in rows:
            if claim_of(e, r):
                r["origin"], r["attribution"] = e["origin"], e.get("attribution", "named")
                hits[i] += 1
    for i, e in j.of("split"):
        if not live[i]:
            continue
        for r in rows:
            if e["alias"].casefold() in (r.get("evidence_text") or "").casefold():
                for key in ("subject", "object", "origin"):
                    if r.get(key) == e["actor"]:
                        r[key] = e["into"]["id"]
                        hits[i] += 1
    merged = {a: e["into"] for i, e in j.of("merge") if live[i] for a in e["actors"]}
    for i, e in j.of("merge"):
        for r in rows:
            for key in ("subject", "object", "origin"):
                if r.get(key) in e["actors"]:
                    hits[i] += 1
    for r in rows:
        for key in ("subject", "object", "origin"):
            while r.get(key) in merged:
                r[key] = merged[r[key]]
        r["relays"] = sorted({merged.get(x, x) for x in r.get("relays") or []})
    rows = [r for r in rows if r["id"] not in rejected and r["subject"] != r["object"]]
    for i, e in j.of("add"):
        if live[i]:
            rows.append(manual_row(e))
            hits[i] += 1
    for i, e in list(j.of("rename")) + list(j.of("retype")):
        hits[i] += 1 if e["actor"] in known_actors else 0
    unmatched = [f"{j.path}: entry {i + 1} ({e['action']} {e.get('claim') or e.get('actor') or e.get('into') or e.get('document', '')}) "
                 "matches nothing any more" for i, e in enumerate(j.entries)
                 if hits[i] == 0 and live[i] and not str(e.get("note", "")).startswith("automatic:")]
    return Applied(sorted(rows, key=lambda r: r["id"]), unmatched, skipped)


def _doc_match(row: dict[str, Any], ref: str) -> bool:
    return row.get("document_id") == ref or str(row.get("document_path", "")).endswith(str(ref))


def manual_row(e: dict[str, Any]) -> dict[str, Any]:
    return {"id": manual_claim_id(e), "subject": e["subject"], "predicate": e["predicate"], "object": e["object"],
            "origin": e.get("origin"), "attribution": e.get("attribution", "named" if e.get("origin") else "anonymous"),
            "relays": [], "polarity": e.get("polarity", "asserted"), "hedged": False, "confidence": 1.0,
            "published": str(e.get("published", "") or ""), "document_id": manual_document_id(e),
            "evidence_text": e.get("evidence", "")}
