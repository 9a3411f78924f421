"""Score stored claims against reference annotations (*.gold.json), as DESIGN.md defines.

A stored claim matches a gold claim when its subject, object and origin map to ids in the gold
lists (through names and aliases, case- and accent-insensitive; '@document' is the document's own
voice), and predicate family and polarity are equal. Claims that match only optional gold claims
count neither way; the rest that match nothing are false positives. The relaxed score ignores
predicate and polarity.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError
from .schema.ids import fold


@dataclass
class DocScore:
    name: str
    required: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0
    relaxed_found: int = 0
    relaxed_predicted: int = 0
    relaxed_correct: int = 0
    missed: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    actors_named: int = 0     # gold actors whose name or alias appears in the text
    actors_resolved: int = 0  # of those, how many the extractor resolved to an actor with one of their names
    actors_missed: list[str] = field(default_factory=list)

    def actor_recall(self) -> float | None:
        return self.actors_resolved / self.actors_named if self.actors_named else None

    @staticmethod
    def _f(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def strict(self) -> tuple[float, float, float]:
        p = self.correct / self.predicted if self.predicted else (1.0 if not self.required else 0.0)
        r = self.found / self.required if self.required else 1.0
        return p, r, self._f(p, r)

    def relaxed(self) -> tuple[float, float, float]:
        p = self.relaxed_correct / self.relaxed_predicted if self.relaxed_predicted else (1.0 if not self.required else 0.0)
        r = self.relaxed_found / self.required if self.required else 1.0
        return p, r, self._f(p, r)


def _gold_names(gold: dict[str, Any]) -> dict[str, set[str]]:
    return {gid: {fold(a["name"]), *(fold(x) for x in a.get("aliases", []))} | {fold(gid)}
            for gid, a in gold["actors"].items()}


def _maps(actor: dict[str, Any] | None, gold_ids: list[str], names: dict[str, set[str]]) -> bool:
    if actor is None:
        return False
    mine = {fold(actor["id"]), fold(actor["name"]), *(fold(a) for a in actor.get("aliases") or [])}
    return any(g in names and names[g] & mine for g in gold_ids)


def _origin_ok(claim: dict[str, Any], gold_ids: list[str], names: dict[str, set[str]]) -> bool:
    if claim["attribution"] == "author" and "@document" in gold_ids:
        return True
    return _maps(claim["origin"], gold_ids, names)


def _match(claim: dict[str, Any], g: dict[str, Any], names: dict[str, set[str]], strict: bool) -> bool:
    if strict and (claim["predicate"] != g["predicate"] or claim["polarity"] != g["polarity"]):
        return False
    return (_maps(claim["subject"], g["subject"], names) and _maps(claim["object"], g["object"], names)
            and _origin_ok(claim, g["origin"], names))


def _describe(c: dict[str, Any]) -> str:
    origin = "@document" if c["attribution"] == "author" else (c["origin"] or {}).get("id", "anonymous")
    return (f"{c['subject']['id']} {c['predicate']}{' (denied)' if c['polarity'] == 'denied' else ''} "
            f"{c['object']['id']} [origin {origin}] «{c['evidence']['text'][:90]}»")


def score_document(name: str, gold: dict[str, Any], claims: list[dict[str, Any]]) -> DocScore:
    names = _gold_names(gold)
    score = DocScore(name)
    required = [g for g in gold["claims"] if g.get("required")]
    score.required = len(required)
    for strict in (True, False):
        hit: set[int] = set()
        predicted = correct = 0
        for c in claims:
            req = [g["n"] for g in required if _match(c, g, names, strict)]
            opt = [g["n"] for g in gold["claims"] if not g.get("required") and _match(c, g, names, strict)]
            if req:
                predicted += 1
                correct += 1
                hit.update(req)
            elif not opt:
                predicted += 1
                if strict:
                    score.false_positives.append(_describe(c))
        if strict:
            score.found, score.predicted, score.correct = len(hit), predicted, correct
            score.missed = [f"#{g['n']} {g['subject']} {g['predicate']} {g['object']} [origin {g['origin']}] «{g['evidence'][:90]}»"
                            for g in required if g["n"] not in hit]
        else:
            score.relaxed_found, score.relaxed_predicted, score.relaxed_correct = len(hit), predicted, correct
    return score


def load_gold(folder: Path) -> list[tuple[Path, dict[str, Any]]]:
    if not folder.is_dir():
        raise InputError(str(folder), "is not a folder of *.gold.json files")
    out = []
    for path in sorted(folder.glob("*.gold.json")):
        try:
            out.append((path, json.loads(path.read_text(encoding="utf-8"))))
        except json.JSONDecodeError as exc:
            raise InputError(str(path), f"invalid JSON at line {exc.lineno}") from None
    if not out:
        raise InputError(str(folder), "holds no *.gold.json files")
    return out


def total(scores: list[DocScore], name: str = "overall") -> DocScore:
    t = DocScore(name)
    for s in scores:
        for attr in ("required", "found", "predicted", "correct", "relaxed_found", "relaxed_predicted", "relaxed_correct",
                     "actors_named", "actors_resolved"):
            setattr(t, attr, getattr(t, attr) + getattr(s, attr))
    return t


def _named_in(text: str, names: set[str]) -> bool:
    import re

    folded = fold(text)
    return any(len(n) >= 2 and re.search(r"(?<![\w])" + re.escape(n) + r"(?![\w])", folded) for n in names)


def score_actors(score: DocScore, gold: dict[str, Any], text: str, extracted: list[dict[str, Any]]) -> None:
    """Actor-level recall: of the gold actors named in the text (by name or alias), how many the
    extractor resolved to an actor sharing one of those names."""
    names = _gold_names(gold)
    mine = [{fold(a["name"]), fold(a["id"]), *(fold(x) for x in a.get("aliases") or [])} for a in extracted]
    for gid, gnames in sorted(names.items()):
        if not _named_in(text, gnames - {gid}):
            continue
        score.actors_named += 1
        if any(gnames & m for m in mine):
            score.actors_resolved += 1
        else:
            score.actors_missed.append(gid)
