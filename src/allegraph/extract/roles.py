"""Rules for roles and relations between actors: copulas and appositions, backers, membership,
titles and demands (the predicate rules are in ``rules.py``).

copula      "X is a proxy of Y", "X, the al-Qaida offshoot", "X is the leader of Y", "consider X a unit of Y"
backers     "the backers of X have been A, B and C", "X's patrons, A and B"
membership  joining and merging; ties severed; renaming; "attacks on X were attributed to Y"
title_role  a title between an organisation and a person ("RSF commander X", "ISIS operative X")
demand      "X demanded that Y cease its attacks", "X urged Y to withdraw"
"""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import W
from .mentions import actors_of
from .registry import Candidate, Context, rule
from .syntax import np_actors, objects_of, prep_objects, subjects_of
from .tree import negated, subject_token


@rule("copula", triggers=lambda lex: set(lex.copula) | W.leader_nouns)
def copula_rule(tok: Token, ctx: Context) -> list[Candidate]:
    """'X is the Syrian arm of Y', 'X, the al-Qaida offshoot', 'X is a proxy of Y', 'confirmed as Y's affiliate'."""
    index, lex = ctx.index, ctx.lex
    word = tok.lemma_.lower()
    if tok.pos_ != "NOUN" or (word not in lex.copula and word not in W.leader_nouns):
        return []
    family = lex.copula.get(word, "controls")  # 'X is the leader of Y': X controls Y
    owners: list[str] = []
    if tok.dep_ == "attr" and tok.head.lemma_ == "be":
        subj = subject_token(tok.head)
        owners = np_actors(subj, index) if subj is not None else []
    elif tok.dep_ == "appos":
        owners = np_actors(tok.head, index)
    elif tok.dep_ == "pobj" and tok.head.lower_ == "as":
        verb = tok.head.head
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and verb.lemma_.lower() in ("view", "see", "regard", "consider", "describe", "treat"):
            subj = next((c for c in verb.children if c.dep_ == "dobj"), None)  # 'views X as a partner'
            viewers = subjects_of(verb, index)
            owners = np_actors(subj, index) if subj is not None else []
            if family == "cooperates" and owners and viewers:
                return [Candidate(viewers, family, owners, tok, negated(verb))]
        else:
            owners = np_actors(subj, index) if subj is not None else []
    if not owners:
        return []
    others = [a for c in tok.children if c.dep_ in ("compound", "poss", "nmod") for a in actors_of(c, index)]
    others += [a for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "to", "for")
               for o in c.children if o.dep_ == "pobj" for a in np_actors(o, index)]
    others = [a for a in others if a not in owners]
    is_neg = negated(tok.head) if tok.dep_ == "attr" else False
    if family == "controls_reversed":
        return [Candidate(others, "controls", owners, tok, is_neg)]
    if family == "supports_reversed":
        return [Candidate(owners, "supports", others, tok, is_neg)]
    return [Candidate(owners, family, others, tok, is_neg)]


@rule("backers", confidence=0.6, triggers=lambda lex: set(lex.copula))
def backers_rule(tok: Token, ctx: Context) -> list[Candidate]:
    """'The main backers of X have been A, B and C', 'X's patrons, A and B': A, B, C support X."""
    index, lex = ctx.index, ctx.lex
    family = lex.copula.get(tok.lemma_.lower())
    if tok.pos_ != "NOUN" or family not in ("supports_reversed", "controls_reversed") or tok.dep_ not in ("nsubj", "nsubjpass"):
        return []
    backed = [a for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for a in prep_objects(c, index)]
    backed += [a for c in tok.children if c.dep_ == "poss" for a in actors_of(c, index)]
    verb = tok.head
    backers = [a for c in verb.children if c.dep_ in ("attr", "acomp") for a in np_actors(c, index)]
    backers += [a for c in tok.children if c.dep_ == "appos" for a in np_actors(c, index)]
    if not backed or not backers:
        return []
    if family == "controls_reversed":  # 'the proxies of X are A and B': X controls A and B
        return [Candidate(backed, "controls", backers, tok, negated(verb))]
    return [Candidate(backers, "supports", backed, tok, negated(verb))]


@rule("membership", confidence=0.6,
      triggers=lambda lex: W.sever_verbs | W.rename_verbs | W.attributing_verbs | W.membership_verbs)
def membership_rule(tok: Token, ctx: Context) -> list[Candidate]:
    """'X joined Y', 'X merged with Y to form Z', 'X cut ties with Y', 'X renamed itself Y'."""
    index = ctx.index
    lemma = tok.lemma_.lower()
    if tok.pos_ != "VERB":
        return []
    is_neg = negated(tok)
    if lemma in W.sever_verbs:
        ties = next((c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in W.tie_nouns), None)
        if ties is None:
            return []
        objs = [a for c in ties.children if c.dep_ == "prep" and c.lower_ in ("with", "to") for a in prep_objects(c, index)]
        objs += [a for c in tok.children if c.dep_ == "prep" and c.lower_ == "with" for a in prep_objects(c, index)]
        return [Candidate(subjects_of(tok, index), "affiliated_with", objs, tok, not is_neg)]
    if lemma in W.rename_verbs and any(c.dep_ == "dobj" and c.lower_ in W.reflexive_pronouns for c in tok.children):
        objs = [a for c in tok.children if c.dep_ == "prep" and c.lower_ in ("from", "to", "as")
                for o in c.children if o.dep_ == "pobj" for a in np_actors(o, index)]
        return [Candidate(subjects_of(tok, index), "affiliated_with", objs, tok, is_neg)]
    if lemma in W.attributing_verbs:
        return _attributed(tok, ctx, is_neg)
    if lemma not in W.membership_verbs:
        return []
    objects: list[str] = []
    for c in tok.children:
        if c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in W.founding_verbs:
            for d in c.children:
                if d.dep_ == "dobj":
                    objects += np_actors(d, index)
                    for acl in d.children:
                        if acl.dep_ == "acl" and acl.lemma_.lower() in W.naming_verbs:
                            objects += [a for o in acl.children if o.dep_ in ("oprd", "attr", "dobj") for a in np_actors(o, index)]
    if not objects:
        objects, _ = objects_of(tok, index, "affiliated_with")
    return [Candidate(subjects_of(tok, index), "affiliated_with", list(dict.fromkeys(objects)), tok, is_neg)]


def _attributed(tok: Token, ctx: Context, is_neg: bool) -> list[Candidate]:
    """'attacks on X have been attributed to Y': Y did the event to X."""
    index, lex = ctx.index, ctx.lex
    event = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    to = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "to"), None)
    if event is None or to is None or event.lemma_.lower() not in lex.nouns:
        return []
    doers = [a for o in to.children if o.dep_ == "pobj" for a in np_actors(o, index)]
    targets = [a for p in event.children if p.dep_ == "prep" and p.lower_ in ("on", "against", "of")
               for o in p.children if o.dep_ == "pobj" for a in np_actors(o, index)]
    return [Candidate(doers, lex.nouns[event.lemma_.lower()], targets, tok, is_neg)]


def _demonyms(index, actor_id: str) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    cat = index.catalogue.get(actor_id) if index.catalogue is not None else None
    return cat.demonyms if cat is not None else ()


@rule("title_role", confidence=0.6, triggers=lambda lex: W.leader_nouns | W.member_nouns)
def title_role_rule(tok: Token, ctx: Context) -> list[Candidate]:
    """'SDF leader X', 'RSF commander X' (X controls it), 'ISIS operative X' (X is affiliated with it)."""
    index = ctx.index
    word = tok.lower_
    leader, member = word in W.leader_nouns, word in W.member_nouns
    if tok.pos_ != "NOUN" or not (leader or member) or tok.i + 1 >= len(tok.doc):
        return []
    person = index.at(tok.doc[tok.i + 1])
    if person is None or person.kind != "person":
        return []
    j = tok.i - 1
    while j >= 0 and (tok.doc[j].pos_ == "ADJ" or tok.doc[j].lower_ in ("'s", "’s", "deputy", "top", "senior", "military")):
        j -= 1
    owner = index.at(tok.doc[j]) if j >= 0 else None
    if owner is None or owner.kind in ("person", "place") or owner.actor == person.actor:
        return []
    owner_tok = tok.doc[j]
    if owner.kind == "state" and (owner_tok.pos_ == "ADJ" or owner.text in _demonyms(index, owner.actor)):
        return []  # 'Syrian leader X' gives a nationality; 'Syrian government leader X' leads the state
    return [Candidate([person.actor], "controls" if leader else "affiliated_with", [owner.actor], tok, False)]


@rule("demand", confidence=0.6, triggers=lambda lex: W.cessation_verbs)
def demand_rule(tok: Token, ctx: Context) -> list[Candidate]:
    """'X demanded that Y cease its attacks', 'X urged Y to withdraw': X opposes what Y does."""
    index = ctx.index
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in W.cessation_verbs:
        return []
    gov = tok.head
    if tok.dep_ not in ("ccomp", "xcomp", "advcl") or gov.lemma_.lower() not in W.demand_verbs:
        return []
    demanders = subjects_of(gov, index)
    if tok.dep_ == "xcomp":  # 'urged Y to withdraw'
        targets = [a for c in gov.children if c.dep_ in ("dobj", "dative") for a in np_actors(c, index)]
        targets += [a for c in gov.children if c.dep_ == "prep" and c.lower_ == "on" for a in prep_objects(c, index)]
    else:
        subj = subject_token(tok)
        targets = np_actors(subj, index) if subj is not None else []
    targets = [t for t in targets if t not in demanders]
    if not demanders or not targets:
        return []
    return [Candidate(demanders, "opposes", targets, gov, negated(gov))]
