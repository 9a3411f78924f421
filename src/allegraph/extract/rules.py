"""Allegation rules over the dependency parse: subject - predicate family - object.

Covered: active and passive verbs, light verbs with event nouns ("carried out strikes on X"),
nominalisations ("Israeli support", "its support of X"), compound modifiers ("Turkish-backed SNA"),
copulas and appositions ("X is the Syrian arm of Y", "X, the al-Qaida offshoot"), accusation frames
("accused X of betraying Y"), coordination on either side, and negation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from .lexicon import LIGHT_VERBS, PLANNING, RECEIVE_VERBS, REPORTING, Lexicon
from .mentions import MentionIndex, _conjuncts, actors_of

OBJECT_PREPS = {"with", "against", "on", "at", "into", "to", "from", "of", "over", "toward", "towards", "upon", "in"}
EVENT_NOUNS = {"attack", "attacks", "offensive", "assault", "operation", "operations", "invasion", "incursion",
               "campaign", "advance", "advances", "strike", "strikes", "war", "aggression", "push"}
OBJECT_CONTROL = {"ask", "urge", "order", "force", "call", "accuse", "blame", "suspect", "charge", "convict",
                  "help", "allow", "encourage", "persuade", "pressure", "push", "press"}
TIES = {"tie", "ties", "link", "links", "relation", "relations", "allegiance"}
SEVER = {"cut", "break", "sever", "end", "renounce"}


@dataclass
class Candidate:
    subjects: list[str]
    family: str
    objects: list[str]
    cue: Token
    negated: bool = False
    rule: str = "verb"
    extras: list[str] = field(default_factory=list)


def _negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" or c.lower_ in ("never", "no") and c.dep_ in ("neg", "advmod", "det") for c in tok.children):
        return True
    head = tok.head
    if tok.dep_ in ("xcomp", "acomp") and any(c.dep_ == "neg" for c in head.children):
        return True
    return False


def _np(token: Token, index: MentionIndex) -> list[str]:
    """Actors of a noun phrase and its conjuncts; an 'of'-phrase when the head names none."""
    found = [a for c in _conjuncts(token) for a in actors_of(c, index)]
    if found:
        return list(dict.fromkeys(found))
    for c in _conjuncts(token):
        lemma = c.lemma_.lower()
        if lemma in EVENT_NOUNS:  # 'the HTS attack' -> HTS, as the party acting
            agents = event_agent(c, index)
            if not agents and any(d.lower_ in ("those", "these", "such", "the", "this") for d in c.children):
                agents = list(index.events.get("attacks", []))  # 'condemned those strikes'
            found += agents
        for p in c.children:
            if p.dep_ == "prep" and p.lower_ == "of":
                found += [a for o in p.children if o.dep_ == "pobj" for a in _np(o, index)]
            if p.dep_ == "acl":  # 'a facility ... used by the IRGC', 'sites belonging to the SNA'
                for q in p.children:
                    if q.dep_ in ("agent", "prep") and q.lower_ in ("by", "to"):
                        found += [a for o in q.children if o.dep_ == "pobj" for a in _np(o, index)]
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
            found += _np(o, index)
        elif o.dep_ == "pcomp":
            found += [a for d in o.children if d.dep_ in ("dobj", "pobj") for a in _np(d, index)]
    return found


def event_agent(noun: Token, index: MentionIndex) -> list[str]:
    found = []
    for c in noun.children:
        if c.dep_ in ("compound", "amod", "poss", "nmod"):
            found += [a for x in _conjuncts(c) for a in actors_of(x, index)]
        if c.dep_ == "prep" and c.lower_ == "by":
            found += [a for o in c.children if o.dep_ == "pobj" for a in _np(o, index)]
    return found


def _subject_token(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in ("nsubj", "csubj", "expl") and c.dep_ != "expl":
            return c
    return None


def subjects_of(verb: Token, index: MentionIndex, depth: int = 0) -> list[str]:
    """Who does the verb: its subject, a passive agent, or a subject inherited up the tree."""
    if depth > 5:
        return []
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None:
        return [a for o in agent.children if o.dep_ == "pobj" for a in _np(o, index)]
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        between = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("between", "among")), None)
        if between is not None:
            return [a for o in between.children if o.dep_ == "pobj" for a in _np(o, index)]
        return []
    subj = _subject_token(verb)
    if subj is not None:
        return _np(subj, index)
    head = verb.head
    if head.i == verb.i:
        return []
    if verb.dep_ in ("pcomp", "pobj") and head.dep_ == "prep" and head.head.pos_ == "NOUN":
        owner = head.head  # 'its commitment to protecting X' -> the owner of the commitment
        poss = [c for c in owner.children if c.dep_ == "poss"]
        if poss:
            return actors_of(poss[0], index)
    if verb.dep_ in ("pcomp", "pobj") and head.dep_ == "prep" and head.head.lemma_.lower() in OBJECT_CONTROL:
        obj = next((c for c in head.head.children if c.dep_ in ("dobj", "dative")), None)
        return _np(obj, index) if obj is not None else []
    if verb.dep_ == "xcomp" and head.lemma_.lower() in OBJECT_CONTROL:
        obj = next((c for c in head.children if c.dep_ in ("dobj", "dative")), None)
        if obj is not None:
            return _np(obj, index)
    if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
        if verb.tag_ == "VBN":
            return []
        own = _np(head, index)
        if own:
            return own
        if head.dep_ == "attr":
            copula_subj = _subject_token(head.head)
            return _np(copula_subj, index) if copula_subj is not None else []
        return []
    if verb.dep_ == "relcl":
        return _np(head, index)
    if verb.dep_ in ("conj", "xcomp", "advcl", "ccomp") and head.pos_ in ("VERB", "AUX"):
        if verb.dep_ == "ccomp":
            return []
        patient = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
        if verb.dep_ in ("xcomp", "advcl") and patient is not None and not any(c.dep_ == "agent" for c in head.children):
            return _np(patient, index)  # 'fighters were deployed to Aleppo to support X': the fighters support X
        return subjects_of(head, index, depth + 1)
    return []


RELATIVE_PRONOUNS = {"who", "whom", "which", "that", "whose"}


def _passive_target(verb: Token, depth: int = 0) -> Token | None:
    """The patient of a passive, also for 'is ... supported by X' (acomp) and its conjuncts."""
    own = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if own is not None or depth > 3:
        return own
    has_agent = any(c.dep_ == "agent" for c in verb.children)
    if verb.dep_ == "acomp" and has_agent:
        return next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if verb.dep_ == "conj" and verb.tag_ == "VBN" and not any(c.dep_ in ("dobj", "nsubj") for c in verb.children):
        return _passive_target(verb.head, depth + 1)
    return None


def objects_of(verb: Token, index: MentionIndex, family: str) -> tuple[list[str], list[Token]]:
    """Whom the verb acts on: a passive subject, direct object or prepositional object."""
    passive = _passive_target(verb)
    if passive is not None:
        return _np(passive, index), [passive]
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and not any(c.dep_ in ("nsubj", "dobj") for c in verb.children):
        return _np(verb.head, index), [verb.head]  # 'anti-government forces supported by Turkey'
    found: list[str] = []
    heads: list[Token] = []
    for c in verb.children:
        if c.dep_ in ("dobj", "attr", "dative", "oprd"):
            heads.append(c)
            found += _np(c, index)
    if not found:
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in OBJECT_PREPS and not (c.lower_ == "in" and family not in ("captures",)):
                for o in c.children:
                    if o.dep_ == "pobj":
                        found += _np(o, index)
                        heads.append(o)
            if c.dep_ == "prt":
                for p in c.children:
                    if p.dep_ == "pobj":
                        found += _np(p, index)
    if not found:  # 'requested a list of equipment from Israel'
        for h in heads:
            for p in h.children:
                if p.dep_ == "prep" and p.lower_ in ("from", "to", "with", "against", "on", "at", "for"):
                    found += [a for o in p.children if o.dep_ == "pobj" for a in _np(o, index)]
    if not found:  # 'ambushed advancing HTS mercenaries' (participle parsed as xcomp)
        for c in verb.children:
            if c.dep_ == "xcomp" and c.tag_ == "VBG":
                found += [a for d in c.children if d.dep_ == "dobj" for a in _np(d, index)]
    if not found and verb.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ not in RELATIVE_PRONOUNS
                                                  for c in verb.children):
        found = _np(verb.head, index)  # object relative clause: 'the offshoot that the US designated'
    if not found and family == "attacks":  # 'struck rebel-held towns in Idlib province': the place
        for h in heads or [verb]:
            for p in h.children:
                if p.dep_ == "prep" and p.lower_ == "in":
                    found += [a for o in p.children if o.dep_ == "pobj" for a in _np(o, index)
                              if index.kinds.get(a) in ("place", "state")]
    if not found and family == "threatens":  # 'pledged to continue their attacks against X'
        for c in verb.children:
            if c.dep_ == "xcomp":
                for d in c.children:
                    if d.dep_ == "dobj":
                        found += [a for p in d.children if p.dep_ == "prep" and p.lower_ in ("against", "on")
                                  for o in p.children if o.dep_ == "pobj" for a in _np(o, index)]
                sub, _ = objects_of(c, index, family)
                found += sub
    if not found and verb.dep_ == "relcl" and any(c.lower_ in ("that", "which", "whom") and c.dep_ in ("dobj",) for c in verb.children):
        found = _np(verb.head, index)
    return list(dict.fromkeys(found)), heads


def verb_rule(tok: Token, lex: Lexicon, index: MentionIndex) -> list[Candidate]:
    lemma = tok.lemma_.lower()
    if tok.pos_ not in ("VERB",) or (lemma not in lex.verbs and lemma not in SEVER):
        return []
    family = lex.verbs.get(lemma, "affiliated_with")
    if lemma in REPORTING and (family not in ("opposes", "threatens") or any(c.dep_ == "ccomp" for c in tok.children)):
        return []  # 'warned that …' reports; 'warned Israel against …' threatens
    if lemma in ("accuse", "blame") and any(c.dep_ == "prep" and c.lower_ in ("of", "for") for c in tok.children):
        return []  # the accusation frame: the accused act, the accuser is the origin
    negated = _negated(tok)
    if lemma in SEVER:
        ties = next((c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in TIES), None)
        if ties is None:
            return []
        objs = [a for c in ties.children if c.dep_ == "prep" and c.lower_ in ("with", "to") for a in prep_objects(c, index)]
        objs += [a for c in tok.children if c.dep_ == "prep" and c.lower_ == "with" for a in prep_objects(c, index)]
        return [Candidate(subjects_of(tok, index), "affiliated_with", objs, tok, not negated, "ties")]
    if lemma in ("join", "merge", "unite", "combine"):
        return _membership(tok, index, negated)
    if lemma in ("form", "create", "establish") and tok.dep_ in ("xcomp", "advcl") and tok.head.lemma_.lower() in (
            "join", "merge", "unite", "combine"):
        return []
    if lemma == "attribute":
        return _attributed(tok, lex, index, negated)
    reflexive = next((c for c in tok.children if c.dep_ == "dobj" and c.lower_ in ("itself", "themselves")), None)
    if reflexive is not None and lemma in ("designate", "rename", "rebrand", "name", "call", "redesignate"):
        objs = [a for c in tok.children if c.dep_ == "prep" and c.lower_ in ("from", "to", "as")
                for o in c.children if o.dep_ == "pobj" for a in _np(o, index)]
        return [Candidate(subjects_of(tok, index), "affiliated_with", objs, tok, negated, "rename")]
    objects, heads = objects_of(tok, index, family)
    subjects = subjects_of(tok, index)
    if not objects and len(subjects) >= 2 and lemma in RECIPROCAL:
        return [Candidate([s], "attacks", [o for o in subjects if o != s], tok, negated, "reciprocal") for s in subjects]
    if lemma in LIGHT_VERBS and not objects:
        return []  # the event noun carries it (noun rule)
    if lemma in LIGHT_VERBS and any(h.lemma_.lower() in lex.nouns for h in heads):
        return []
    if lemma in ("take",) and any(c.dep_ == "dobj" and c.lemma_ == "control" for c in tok.children):
        family = "captures"
    return [Candidate(subjects, family, objects, tok, negated)]


RECIPROCAL = {"exchange", "clash", "fight", "battle", "skirmish"}
QUANTITY_NOUNS = {"hundred", "hundreds", "dozen", "dozens", "thousand", "thousands", "series", "number", "wave", "spate",
                  "string", "barrage", "round", "rounds", "couple", "handful", "scores", "score", "lot", "lots"}


def _membership(tok: Token, index: MentionIndex, negated: bool) -> list[Candidate]:
    """'X joined Y', 'X merged with Y to form Z', 'X joined groups to form a command called Z'."""
    objects: list[str] = []
    for c in tok.children:
        if c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in ("form", "create", "establish", "found"):
            for d in c.children:
                if d.dep_ == "dobj":
                    objects += _np(d, index)
                    for acl in d.children:
                        if acl.dep_ == "acl" and acl.lemma_.lower() in ("call", "name", "know", "dub"):
                            objects += [a for o in acl.children if o.dep_ in ("oprd", "attr", "dobj") for a in _np(o, index)]
    if not objects:
        found, _ = objects_of(tok, index, "affiliated_with")
        objects = found
    return [Candidate(subjects_of(tok, index), "affiliated_with", list(dict.fromkeys(objects)), tok, negated, "membership")]


def _attributed(tok: Token, lex: Lexicon, index: MentionIndex, negated: bool) -> list[Candidate]:
    """'attacks on X have been attributed to Y': Y did the event to X."""
    event = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    to = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "to"), None)
    if event is None or to is None or event.lemma_.lower() not in lex.nouns:
        return []
    doers = [a for o in to.children if o.dep_ == "pobj" for a in _np(o, index)]
    targets = [a for p in event.children if p.dep_ == "prep" and p.lower_ in ("on", "against", "of")
               for o in p.children if o.dep_ == "pobj" for a in _np(o, index)]
    return [Candidate(doers, lex.nouns[event.lemma_.lower()], targets, tok, negated, "attributed")]


def _governing_verb(noun: Token) -> Token | None:
    node = noun
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lemma_.lower() in QUANTITY_NOUNS:
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


def noun_rule(tok: Token, lex: Lexicon, index: MentionIndex, sent: Span) -> list[Candidate]:
    word = tok.lower_
    if tok.pos_ not in ("NOUN",) or (word not in lex.nouns and tok.lemma_.lower() not in lex.nouns):
        return []
    family = lex.nouns.get(word) or lex.nouns[tok.lemma_.lower()]
    if family == "affiliated_with":
        return []  # copula/apposition nouns: copula_rule
    subjects = event_agent(tok, index)
    verb = _governing_verb(tok)
    base = tok
    while base.dep_ == "conj" and base.head.i != base.i:
        base = base.head
    if base.dep_ == "pobj" and base.head.lower_ == "of" and base.head.head.lemma_.lower() in QUANTITY_NOUNS:
        base = base.head.head  # 'carried out hundreds of air strikes': the strikes stand where 'hundreds' is
    objects: list[str] = []
    preps = [c for c in tok.children if c.dep_ == "prep"]
    for c in preps:
        if c.lower_ in ("of", "on", "against", "for", "to", "at", "into", "with", "over"):
            objects += prep_objects(c, index)
    planned = verb is not None and verb.lemma_.lower() in PLANNING and base.dep_ == "dobj"
    if planned and family == "attacks":
        family = "threatens"  # 'plotting attacks against X' threatens X
    via_light = base.dep_ in ("dobj", "attr") and verb is not None and (
        verb.lemma_.lower() in LIGHT_VERBS | RECEIVE_VERBS | PLANNING or verb.lemma_ == "be")
    via_prep = base.dep_ == "pobj" and base.head.lower_ in ("in", "into", "following", "after", "amid", "during") \
        and base.head.head.pos_ in ("VERB", "AUX")
    direct = via_light or via_prep
    if verb is not None and not subjects and direct:
        subjects = subjects_of(verb, index)
    if verb is not None and base.dep_ == "dobj" and verb.lemma_.lower() in RECEIVE_VERBS:
        receivers = subjects_of(verb, index)
        objects, subjects = receivers, [a for a in subjects if a not in receivers]
    if verb is not None and not objects and via_light:
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in ("with", "against", "on", "to") and base not in c.children:
                objects += prep_objects(c, index)
    if not objects and family in ("captures", "attacks"):  # 'operations in Syria': a country, not a town
        objects += [a for c in preps if c.lower_ == "in" for a in prep_objects(c, index)
                    if index.catalogue is not None and getattr(index.catalogue.get(a), "kind", "") == "state"]
    if not objects and subjects and not preps and base.dep_ == "pobj" and base.head.lower_ in ("with", "without"):
        root = verb if verb is not None else tok.sent.root  # "coordinated ..., with Israeli support": for the event's agent
        for c in root.children:
            if c.dep_ in ("nsubjpass", "nsubj"):
                objects += [a for a in _np(c, index) if a not in subjects]
    negated = verb is not None and _negated(verb)
    return [Candidate(subjects, family, objects, tok, negated, "noun")]


def modifier_rule(tok: Token, lex: Lexicon, index: MentionIndex) -> list[Candidate]:
    """'Turkish-backed SNA': the actor before the hyphen does the participle to the head noun."""
    word = tok.lower_
    if word not in lex.modifiers or tok.i < 2 or tok.doc[tok.i - 1].text not in ("-", "–"):
        return []
    left = index.at(tok.doc[tok.i - 2])
    if left is None:
        return []
    family = lex.modifiers[word]
    inside = index.at(tok)
    if inside is not None and inside is left:  # 'Iranian-backed proxy groups' is one catalogue actor
        cat = index.catalogue.lookup(tok.doc[left.start: tok.i - 1].text) if index.catalogue else None
        if cat is None or cat.id == inside.actor:
            return []
        return [Candidate([cat.id], family, [inside.actor], tok, False, "modifier")]
    if inside is not None and inside.actor != left.actor:
        return [Candidate([left.actor], family, [inside.actor], tok, False, "modifier")]
    head = tok.head
    while head.dep_ in ("amod", "compound") and head.head.i != head.i and head.i < head.head.i:
        head = head.head
    objects = [a for c in _conjuncts(head) for a in actors_of(c, index, use_coref=False) if a != left.actor]
    return [Candidate([left.actor], family, objects, tok, False, "modifier")]


def copula_rule(tok: Token, lex: Lexicon, index: MentionIndex) -> list[Candidate]:
    """'X is the Syrian arm of Y', 'X, the al-Qaida offshoot', 'confirmed as the affiliate of Y'."""
    word = tok.lemma_.lower()
    if tok.pos_ not in ("NOUN",) or word not in lex.copula:
        return []
    family = lex.copula[word]
    owners: list[str] = []
    if tok.dep_ == "attr" and tok.head.lemma_ == "be":
        subj = _subject_token(tok.head)
        owners = _np(subj, index) if subj is not None else []
    elif tok.dep_ == "appos":
        owners = _np(tok.head, index)
    elif tok.dep_ == "pobj" and tok.head.lower_ == "as":
        verb = tok.head.head
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        owners = _np(subj, index) if subj is not None else []
    if not owners:
        return []
    others = [a for c in tok.children if c.dep_ in ("compound", "poss", "nmod") for a in actors_of(c, index)]
    others += [a for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "to", "for")
               for o in c.children if o.dep_ == "pobj" for a in _np(o, index)]
    others = [a for a in others if a not in owners]
    negated = _negated(tok.head) if tok.dep_ == "attr" else False
    if family == "controls_reversed":
        return [Candidate(others, "controls", owners, tok, negated, "copula")]
    if family == "supports_reversed":
        return [Candidate(owners, "supports", others, tok, negated, "copula")]
    return [Candidate(owners, family, others, tok, negated, "copula")]
