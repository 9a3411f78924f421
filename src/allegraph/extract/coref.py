"""Coreference: which earlier mention a pronoun or a generic noun ("the group", "the state") takes
up, within its paragraph, by number, kind and clause."""

from __future__ import annotations

from spacy.tokens import Token

from ..schema.vocabulary import load_vocabulary
from .lexicon import W
from .mention_index import Mention, MentionIndex


def compatible(mention: Mention, token: Token) -> bool:
    word = token.lower_
    if word in W.person_pronouns:
        return mention.kind == "person"
    if word in W.thing_pronouns:
        return mention.kind not in ("person", "place", "process", "group")
    if word in W.plural_pronouns:
        return mention.kind not in ("place", "process")
    if token.lemma_.lower() in W.state_nouns or word in W.state_nouns:
        return mention.kind in load_vocabulary().kind_classes["state_like"]
    if word in W.group_nouns or token.lemma_.lower() in W.group_nouns:
        return mention.kind in load_vocabulary().kind_classes["group_like"]
    return False


def _in_subject_position(index: MentionIndex, mention: Mention) -> bool:
    node = index.doc[mention.start:mention.end].root
    for _ in range(3):
        if node.dep_ in ("nsubj", "nsubjpass"):
            return True
        if node.dep_ not in ("compound", "appos", "conj", "poss", "amod") or node.head.i == node.i:
            return False
        node = node.head
    return False


def _clause_subject(index: MentionIndex, token: Token) -> list[str]:
    """For a possessive pronoun: the subject of its clause ('Israel ... their strikes')."""
    node = token
    for _ in range(8):
        if node.head.i == node.i:
            return []
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            found = [a for a in index.subjects_of(node, index) if a] if index.subjects_of else []
            return found
    return []


def corefer(index: MentionIndex, token: Token) -> list[str]:
    """The actor a pronoun or definite noun refers to.

    Possessives first try their clause's subject. Otherwise the latest compatible actor in the
    paragraph, preferring earlier subjects for pronouns ('It has also enjoyed ...' -> the previous
    sentence's subject); then the previous paragraph's subjects; then the headline.
    """
    word = token.lower_
    if word in W.first_plural_pronouns:
        para = paragraph_of_token(index, token)
        speaker = index.speaker_of_paragraph.get(para)
        return [index.affiliations.get(speaker, speaker)] if speaker else []
    if token.dep_ == "poss" and word in W.thing_pronouns | W.plural_pronouns | W.person_pronouns and token.i not in index.resolving:
        index.resolving.add(token.i)
        try:
            owners = [a for a in _clause_subject(index, token) if a in index.first and compatible(index.first[a], token)]
        finally:
            index.resolving.discard(token.i)
        if owners:
            return owners[:1]
    para = paragraph_of_token(index, token)
    own_subject = _own_clause_subject(token)
    nearby = index.by_paragraph.get(para - 1, []) + index.by_paragraph.get(para, [])
    before = [m for m in nearby if m.end <= token.i and m.start not in own_subject][-400:]
    pronoun = word in W.thing_pronouns | W.plural_pronouns | W.person_pronouns
    in_para = [m for m in before if m.paragraph == para]
    same = token.sent.start
    passes = [
        [m for m in in_para if m.start >= same and _in_subject_position(index, m)],
        [m for m in in_para if m.start < same and _in_subject_position(index, m)],
    ]
    if pronoun or token.dep_ in ("nsubj", "nsubjpass"):
        passes.append([m for m in before if m.paragraph == para - 1 and _in_subject_position(index, m)])
    passes.append([m for m in in_para if not (pronoun and m.start >= same and _is_same_clause_object(index, m, token))])
    for candidates in passes:
        for mention in reversed(candidates):
            if compatible(mention, token):
                return [mention.actor]
    for mention in reversed(index.context):
        if compatible(mention, token):
            return [mention.actor]
    return []


def _own_clause_subject(token: Token) -> set[int]:
    """Token indices of the subject of the clause a non-subject pronoun sits in ('X designated it')."""
    if token.dep_ in ("nsubj", "nsubjpass", "poss"):
        return set()
    node = token
    for _ in range(4):
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            out: set[int] = set()
            for c in node.children:
                if c.dep_ in ("nsubj", "nsubjpass"):
                    out |= {t.i for t in c.subtree}
                    if c.lower_ in W.relative_pronouns and node.dep_ == "relcl":
                        out |= {t.i for t in node.head.subtree if t.i < node.i}
            return out
        if node.head.i == node.i:
            break
    return set()


def _is_same_clause_object(index: MentionIndex, mention: Mention, token: Token) -> bool:
    """'X accused Y of ... its': a pronoun rarely refers to a prepositional object in its clause."""
    head = index.doc[mention.start].head
    return index.doc[mention.start].dep_ == "pobj" and head.dep_ == "prep" and head.head.i == token.head.i


def paragraph_of_token(index: MentionIndex, token: Token) -> int:
    return index.paras[token.i] if index.paras else 0
