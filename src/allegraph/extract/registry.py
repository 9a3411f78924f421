"""The registry of allegation rules: each construction family is one named function.

A rule takes a token and the sentence context and returns candidates (subjects, family,
objects, cue). Rules register by name with ``@rule("name", layer=..., confidence=...)``; the
extractor runs every enabled rule over every token, parse layer first, then the surface layer,
so a claim the parse already found is never emitted again by the surface layer. Settings
(``disabled_rules``) switch rules off by name; ``allegraph rules`` lists them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from spacy.tokens import Span, Token

from .lexicon import Lexicon
from .mention_index import MentionIndex


@dataclass
class Candidate:
    subjects: list[str]
    family: str
    objects: list[str]
    cue: Token
    negated: bool = False
    rule: str = ""
    symmetric: bool = False  # one claim for a relation between equals ('A and B clashed')


@dataclass(frozen=True)
class Context:
    sent: Span
    lex: Lexicon
    index: MentionIndex


RuleFn = Callable[[Token, Context], list[Candidate]]


@dataclass(frozen=True)
class Rule:
    name: str
    fn: RuleFn
    layer: str          # parse | surface
    confidence: float   # base confidence of its claims
    doc: str = ""
    triggers: Callable[[Lexicon], Iterable[str]] | None = None  # lower-case words or lemmas that wake it

    def __call__(self, tok: Token, ctx: Context) -> list[Candidate]:
        out = self.fn(tok, ctx)
        for cand in out:
            cand.rule = cand.rule or self.name
        return out


RULES: dict[str, Rule] = {}
LAYERS = ("parse", "surface")


def rule(name: str, *, layer: str = "parse", confidence: float = 0.75,
         triggers: Callable[[Lexicon], Iterable[str]] | None = None) -> Callable[[RuleFn], RuleFn]:
    """Register a rule. ``triggers`` gives the words (lower case, or lemmas) it can fire on, so the
    extractor only calls it on those tokens; without triggers it sees every token."""
    if layer not in LAYERS:
        raise ValueError(f"rule {name!r}: unknown layer {layer!r}")

    def register(fn: RuleFn) -> RuleFn:
        if name in RULES:
            raise ValueError(f"rule {name!r} registered twice")
        RULES[name] = Rule(name, fn, layer, confidence, (fn.__doc__ or "").strip().split("\n")[0], triggers)
        return fn

    return register


class Dispatch:
    """Which enabled rules a token can wake, by its lower-case form and lemma."""

    def __init__(self, rules: list[Rule], lex: Lexicon) -> None:
        self.rules = rules
        self.every = [i for i, r in enumerate(rules) if r.triggers is None]
        self.by_word: dict[str, list[int]] = {}
        for i, r in enumerate(rules):
            if r.triggers is not None:
                for w in r.triggers(lex):
                    self.by_word.setdefault(str(w).lower(), []).append(i)

    def plan(self, sent: Span) -> list[tuple[Rule, list[Token]]]:
        """(rule, its tokens in sentence order) in registry order."""
        hits: dict[int, list[Token]] = {}
        for tok in sent:
            if tok.is_space:
                continue
            found = set(self.by_word.get(tok.lower_, ())) | set(self.by_word.get(tok.lemma_.lower(), ()))
            for i in sorted(found.union(self.every)):
                hits.setdefault(i, []).append(tok)
        return [(self.rules[i], hits[i]) for i in sorted(hits)]
