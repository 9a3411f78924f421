"""Pure dependency-tree helpers (no actors, no vocabulary of actors): imported by every layer above."""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import W

def negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" or c.lower_ in ("never", "no") and c.dep_ in ("neg", "advmod", "det") for c in tok.children):
        return True
    head = tok.head
    if tok.dep_ in ("xcomp", "acomp") and any(c.dep_ == "neg" for c in head.children):
        return True
    return False


def subject_token(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in ("nsubj", "csubj", "expl") and c.dep_ != "expl":
            return c
    return None


def passive_target(verb: Token, depth: int = 0) -> Token | None:
    """The patient of a passive, also for 'is ... supported by X' (acomp) and its conjuncts."""
    own = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if own is not None or depth > 3:
        return own
    has_agent = any(c.dep_ == "agent" for c in verb.children)
    if verb.dep_ == "acomp" and has_agent:
        return next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if verb.dep_ == "conj" and verb.tag_ == "VBN" and not any(c.dep_ in ("dobj", "nsubj") for c in verb.children):
        return passive_target(verb.head, depth + 1)
    return None


def governing_verb(noun: Token) -> Token | None:
    node = noun
    if node.dep_ == "pobj" and node.head.lower_ in ("of", "in") and node.head.head.lemma_.lower() in W.quantity_nouns:
        node = node.head.head
    for _ in range(4):
        if node.head.i == node.i:
            return None
        if node.dep_ in ("dobj", "pobj", "attr", "nsubj", "nsubjpass", "conj", "prep", "appos") or node.dep_ == "pcomp":
            node = node.head
            if node.pos_ in ("VERB", "AUX") and node.dep_ != "prep":
                return node
        else:
            return None
    return None


def conjuncts(token: Token) -> list[Token]:
    out = [token]
    for child in token.children:
        if child.dep_ == "conj":
            out.extend(conjuncts(child))
    return out


def noun_phrase_head(token: Token) -> Token:
    node = token
    while node.dep_ in ("compound", "conj", "appos", "amod", "nmod") and node.head.i != node.i:
        node = node.head
    return node
