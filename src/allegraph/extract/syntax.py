"""Who and whom of a predicate: argument helpers over the parse and the mention index.

Shared by the rules and by coreference (through ``MentionIndex.subjects_of``); imports only
downward (tree, mentions, lexicon).
"""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import W
from .mention_index import MentionIndex
from .mentions import actors_of
from .tree import conjuncts, passive_target, subject_token

def np_actors(token: Token, index: MentionIndex) -> list[str]:
    """Actors of a noun phrase and its conjuncts; an 'of'-phrase when the head names none."""
    found = [a for c in conjuncts(token) for a in actors_of(c, index)]
    if found:
        return list(dict.fromkeys(found))
    for c in conjuncts(token):
        lemma = c.lemma_.lower()
        if lemma in W.event_nouns:  # 'the HTS attack' -> HTS, as the party acting
            agents = event_agent(c, index)
            if not agents and any(d.lower_ in W.demonstratives for d in c.children):
                agents = list(index.events.get("attacks", []))  # 'condemned those strikes'
            found += agents
        for p in c.children:
            if p.dep_ == "prep" and p.lower_ == "of":
                found += [a for o in p.children if o.dep_ == "pobj" for a in np_actors(o, index)]
            if p.dep_ == "acl":  # 'a facility ... used by the IRGC', 'sites belonging to the SNA'
                for q in p.children:
                    if q.dep_ in ("agent", "prep") and q.lower_ in ("by", "to"):
                        found += [a for o in q.children if o.dep_ == "pobj" for a in np_actors(o, index)]
            if p.dep_ == "poss" and not found:  # 'Iran's diplomatic premises' -> Iran
                m = index.at(p)
                found += [m.actor] if m else []
        if not found and c.dep_ == "appos" and c.head.i != c.i:
            found += actors_of(c.head, index, use_coref=False)
    return list(dict.fromkeys(found))


def prep_objects(prep: Token, index: MentionIndex) -> list[str]:
    """Actors a preposition governs: its object, or the object of a participle ('against reported X')."""
    found: list[str] = []
    for o in prep.children:
        if o.dep_ == "pobj":
            found += np_actors(o, index)
        elif o.dep_ == "pcomp":
            found += [a for d in o.children if d.dep_ in ("dobj", "pobj") for a in np_actors(d, index)]
    return found


def event_agent(noun: Token, index: MentionIndex) -> list[str]:
    found = []
    for c in noun.children:
        if c.dep_ in ("compound", "amod", "poss", "nmod"):
            found += [a for x in conjuncts(c) for a in actors_of(x, index)]
        if c.dep_ == "prep" and c.lower_ == "by":
            found += [a for o in c.children if o.dep_ == "pobj" for a in np_actors(o, index)]
    return found


def subjects_of(verb: Token, index: MentionIndex, depth: int = 0) -> list[str]:
    """Who does the verb: its subject, a passive agent, or a subject inherited up the tree."""
    if depth > 5:
        return []
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None:
        return [a for o in agent.children if o.dep_ == "pobj" for a in np_actors(o, index)]
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        between = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("between", "among")), None)
        if between is not None:
            return [a for o in between.children if o.dep_ == "pobj" for a in np_actors(o, index)]
        return []
    subj = subject_token(verb)
    if subj is not None:
        return np_actors(subj, index)
    misparsed = [m.actor for c in verb.children if c.dep_ == "compound" and c.i < verb.i and (m := index.at(c)) is not None]
    if misparsed:  # the small model sometimes hangs the subject of a verb on it as a 'compound'
        return misparsed
    head = verb.head
    if head.i == verb.i:
        return []
    if verb.dep_ in ("pcomp", "pobj") and head.dep_ == "prep" and head.head.pos_ == "NOUN":
        owner = head.head  # 'its commitment to protecting X' -> the owner of the commitment
        poss = [c for c in owner.children if c.dep_ == "poss"]
        if poss:
            return actors_of(poss[0], index)
        if owner.dep_ == "pobj" and owner.head.lower_ == "with" and owner.head.head.pos_ in ("VERB", "AUX"):
            return subjects_of(owner.head.head, index, depth + 1)  # 'struck X, with the goal of defending Y'
    if verb.dep_ in ("pcomp", "pobj") and head.dep_ == "prep" and head.head.lemma_.lower() in W.object_control_verbs:
        obj = next((c for c in head.head.children if c.dep_ in ("dobj", "dative", "nsubjpass")), None)
        return np_actors(obj, index) if obj is not None else []  # 'accused X of …', 'X was accused of …'
    if verb.dep_ == "xcomp" and head.lemma_.lower() in W.object_control_verbs:
        obj = next((c for c in head.children if c.dep_ in ("dobj", "dative")), None)
        if obj is not None:
            return np_actors(obj, index)
    if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
        if verb.tag_ == "VBN":
            return []
        own = np_actors(head, index)
        if own:
            return own
        if head.dep_ == "attr":
            copula_subj = subject_token(head.head)
            return np_actors(copula_subj, index) if copula_subj is not None else []
        if head.dep_ == "dobj" and head.head.pos_ == "VERB" and head.lemma_.lower() in W.decision_nouns:
            return subjects_of(head.head, index, depth + 1)  # 'adopted a resolution demanding that …': the adopters
        return []
    if verb.dep_ == "relcl":
        return np_actors(head, index)
    if verb.dep_ in ("conj", "xcomp", "advcl", "ccomp") and head.pos_ in ("VERB", "AUX"):
        if verb.dep_ == "ccomp":
            return []
        patient = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
        if verb.dep_ in ("xcomp", "advcl") and patient is not None and not any(c.dep_ == "agent" for c in head.children):
            return np_actors(patient, index)  # 'fighters were deployed to Aleppo to support X': the fighters support X
        return subjects_of(head, index, depth + 1)
    return []


def _hostile(verb: Token) -> bool:
    from .lexicon import load_lexicon

    lex = load_lexicon()
    return (lex.verbs.get(verb.lemma_.lower()) or lex.symmetric_verbs.get(verb.lemma_.lower())) in ("attacks", "captures")


def objects_of(verb: Token, index: MentionIndex, family: str) -> tuple[list[str], list[Token]]:
    """Whom the verb acts on: a passive subject, direct object or prepositional object."""
    passive = passive_target(verb)
    if passive is not None:
        return np_actors(passive, index), [passive]
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and not any(c.dep_ in ("nsubj", "dobj") for c in verb.children):
        return np_actors(verb.head, index), [verb.head]  # 'anti-government forces supported by Turkey'
    found: list[str] = []
    heads: list[Token] = []
    for c in verb.children:
        if c.dep_ in ("dobj", "attr", "dative", "oprd"):
            heads.append(c)
            found += np_actors(c, index)
    if not found:
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in W.object_preps and not (c.lower_ == "in" and family not in ("captures",)):
                for o in c.children:
                    if o.dep_ == "pobj":
                        found += np_actors(o, index)
                        heads.append(o)
            if c.dep_ == "prt":
                for p in c.children:
                    if p.dep_ == "pobj":
                        found += np_actors(p, index)
    if not found:  # 'requested a list of equipment from Israel'
        for h in heads:
            for p in h.children:
                if p.dep_ == "prep" and p.lower_ in ("from", "to", "with", "against", "on", "at", "for"):
                    found += [a for o in p.children if o.dep_ == "pobj" for a in np_actors(o, index)]
    if not found:  # 'ambushed advancing HTS mercenaries' (participle parsed as xcomp)
        for c in verb.children:
            if c.dep_ == "xcomp" and c.tag_ == "VBG":
                found += [a for d in c.children if d.dep_ == "dobj" for a in np_actors(d, index)]
    if not found and verb.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ not in W.relative_pronouns
                                                  for c in verb.children):
        found = np_actors(verb.head, index)  # object relative clause: 'the offshoot that the US designated'
    if not found and family == "attacks":  # 'struck rebel-held towns in Idlib province': the place
        for h in heads or [verb]:
            for p in h.children:
                if p.dep_ == "prep" and p.lower_ == "in":
                    found += [a for o in p.children if o.dep_ == "pobj" for a in np_actors(o, index)
                              if index.kinds.get(a) in ("place", "state")]
    if not found and family == "threatens":  # 'pledged to continue their attacks against X'
        for c in verb.children:
            if c.dep_ == "xcomp":
                for d in c.children:
                    if d.dep_ == "dobj":
                        found += [a for p in d.children if p.dep_ == "prep" and p.lower_ in ("against", "on")
                                  for o in p.children if o.dep_ == "pobj" for a in np_actors(o, index)]
                if _hostile(c):  # 'threatened to strike X'; not 'threatened to send troops to X'
                    sub, _ = objects_of(c, index, family)
                    found += sub
    if not found and verb.dep_ == "relcl" and any(c.lower_ in ("that", "which", "whom") and c.dep_ in ("dobj",) for c in verb.children):
        found = np_actors(verb.head, index)
    return list(dict.fromkeys(found)), heads
