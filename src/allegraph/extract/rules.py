"""Allegation rules over the dependency parse: predicates, one registered function per construction family.

verb        active, passive and agentless verbs, control and raising ("continued to bomb X"),
            accusation frames, planning ("sought to attack X" threatens X)
transfer    "X provided Y with drones", "X sent weapons to Y", "X bought drones from Y"
noun        nominal predicates with of/on/against/for/to/by and possessors, light verbs
            ("carried out strikes on X"), "with support from X"
modifier    compound and adjectival modifiers with and without hyphen ("X-backed", "X backed Y")
pro_modifier "pro-X militias"
symmetric   relations between equals ("A and B clashed", "fighting between A and B")
phrase      multi-word cues ("take control of", "fall to", "have a role in")
event_role  participation in an event ("involvement in the attack on X", "X was involved in ...")

Relations between actors that nouns of role and membership express live in ``roles.py``.
"""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import W
from .mentions import actors_of
from .registry import Candidate, Context, rule
from .syntax import event_agent, np_actors, objects_of, prep_objects, subjects_of
from .tree import conjuncts, governing_verb, negated, subject_token


def _family_of_verb(tok: Token, ctx: Context) -> str | None:
    lemma = tok.lemma_.lower()
    return ctx.lex.verbs.get(lemma) or ctx.lex.symmetric_verbs.get(lemma)


def _hyphen_before(tok: Token) -> bool:
    return tok.i >= 2 and tok.doc[tok.i - 1].text in ("-", "–", "‐")


@rule("verb", triggers=lambda lex: set(lex.verbs) | set(lex.symmetric_verbs))
def verb_rule(tok: Token, ctx: Context) -> list[Candidate]:
    """SUBJECT verb OBJECT in active or passive voice, with inherited subjects."""
    index, lex = ctx.index, ctx.lex
    lemma = tok.lemma_.lower()
    family = _family_of_verb(tok, ctx)
    if tok.pos_ != "VERB" or family is None or _hyphen_before(tok):
        return []
    if lemma in W.reporting_verbs and (family not in ("opposes", "threatens") or any(c.dep_ == "ccomp" for c in tok.children)):
        return []  # 'warned that …' reports; 'warned Israel against …' threatens
    charge = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "for")), None)
    if lemma in W.accusation_verbs and charge is not None:
        acts = [o for o in charge.children if o.dep_ == "pcomp" or o.pos_ == "VERB" or
                o.dep_ == "pobj" and (o.lemma_.lower() in lex.nouns or o.lemma_.lower() in lex.symmetric_nouns)]
        if acts:
            return []  # the accusation frame: the accused act, the accuser is the origin
        accused = [a for c in tok.children if c.dep_ in ("dobj", "nsubjpass") for a in np_actors(c, index)]
        return [Candidate(subjects_of(tok, index), "opposes", accused, tok, negated(tok))]  # 'accused X of war crimes'
    if lemma in W.membership_verbs | W.attributing_verbs:
        return []  # membership and attributed rules
    if lemma in W.founding_verbs and tok.dep_ in ("xcomp", "advcl") and tok.head.lemma_.lower() in W.membership_verbs:
        return []
    if any(c.dep_ == "dobj" and c.lower_ in W.reflexive_pronouns for c in tok.children) and lemma in W.rename_verbs:
        return []
    if tok.dep_ == "amod" or (tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.pos_ == "NOUN"
                              and lex.nouns.get(tok.head.lemma_.lower()) and family == "attacks"):
        return []  # 'launched attacks' is the noun's event, not a second one
    objects, heads = objects_of(tok, index, family)
    subjects = subjects_of(tok, index)
    is_neg = negated(tok)
    allies = [a for c in tok.children if c.dep_ == "prep" and c.lower_ in W.alliance_preps for a in prep_objects(c, index)]
    if allies and family == "attacks":  # 'fought alongside X': on X's side
        return [Candidate(subjects, "cooperates", allies, tok, is_neg)]
    if lemma in lex.symmetric_verbs:  # 'A and B clashed', 'A clashed with B'; never 'clashed at the UN'
        objects = [a for h in heads if h.dep_ == "dobj" or h.dep_ == "pobj" and h.head.lower_ in ("with", "against")
                   for a in np_actors(h, index)]
        if _verbal(tok):
            family = "opposes"  # envoys or ministers who clash quarrel
        if len(subjects) >= 2 and not objects:
            return [Candidate(subjects, family, [], tok, is_neg, symmetric=True)]
    if lemma in W.light_verbs and (not objects or any(h.lemma_.lower() in lex.nouns for h in heads)):
        return []  # the event noun carries it (noun rule)
    into = [a for c in tok.children if c.dep_ == "prep" and c.lower_ == "into" for a in prep_objects(c, index)]
    if lemma in W.entry_verbs and into and not [o for o in objects if o not in into]:
        family, objects = "captures", into  # 'invaded deeper into X', 'pushed into X': entering it
    if family in ("attacks", "captures") and tok.dep_ == "xcomp" and tok.head.lemma_.lower() in W.planning_verbs:
        family = "threatens"  # 'sought to attack X', 'plans to seize X'
    with_objects = [a for h in heads if h.dep_ == "pobj" and h.head.lower_ == "with" for a in np_actors(h, index)]
    if family == "controls" and with_objects and not any(h.dep_ == "dobj" for h in heads):
        family, objects = "cooperates", with_objects  # 'coordinated with X' is working together, not directing X
    if family == "captures" and any(c.dep_ == "dobj" and c.lemma_.lower() == "control" for c in tok.children):
        return []  # 'took control of X': phrase rule
    return [Candidate(subjects, family, objects, tok, is_neg)]


def _verbal(verb: Token) -> bool:
    subj = subject_token(verb)
    return subj is not None and (subj.lemma_.lower() in W.verbal_agents or subj.lower_ in W.verbal_agents)


@rule("transfer", confidence=0.6, triggers=lambda lex: W.transfer_verbs)
def transfer_rule(tok: Token, ctx: Context) -> list[Candidate]:
    """'X provided Y with drones', 'X sent weapons to Y', 'X supplies Y arms': X supports Y."""
    index = ctx.index
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in W.transfer_verbs:
        return []
    def names_actor(c: Token) -> bool:  # 'provided the RSF with …' (a recipient), not 'provided weapons' (a thing)
        return c.lower_ not in W.materiel_nouns and bool(np_actors(c, index))

    things = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass") and not names_actor(c)]
    recipients: list[str] = []
    for c in tok.children:
        if c.dep_ == "dative" and c.pos_ != "ADP" or c.dep_ == "dobj" and names_actor(c):
            recipients += np_actors(c, index)
        if c.dep_ in ("prep", "dative") and c.lower_ in ("to", "for"):
            recipients += prep_objects(c, index)
        if c.dep_ == "prep" and c.lower_ == "with":
            things += [o for o in c.children if o.dep_ == "pobj"]
    if things and all(t.lower_ in W.personnel_nouns or t.lemma_.lower() in W.personnel_nouns for t in things):
        recipients = [r for r in recipients if index.kinds.get(r) not in ("state", "place")]  # 'sent troops to Syria': a destination
    if not any(t.lemma_.lower() in W.materiel_nouns or t.lower_ in W.materiel_nouns or
               any(d.lower_ in W.materiel_nouns for d in t.children if d.dep_ in ("compound", "amod")) for t in things):
        return []
    givers = subjects_of(tok, index)
    recipients = [r for r in dict.fromkeys(recipients) if r not in givers]
    return [Candidate(givers, "supports", recipients, tok, negated(tok))] if recipients else []


@rule("noun", confidence=0.6, triggers=lambda lex: set(lex.nouns))
def noun_rule(tok: Token, ctx: Context) -> list[Candidate]:
    """Nominal predicates: 'Israeli strikes on X', 'Iran's support for Y', 'carried out raids against Z'."""
    index, lex = ctx.index, ctx.lex
    word = tok.lower_
    family = lex.nouns.get(word) or lex.nouns.get(tok.lemma_.lower())
    if tok.pos_ != "NOUN" or family is None:
        return []
    if _between(tok) and (word in lex.symmetric_nouns or tok.lemma_.lower() in lex.symmetric_nouns):
        return []  # symmetric rule
    if tok.lemma_.lower() in lex.copula and (tok.dep_ in ("attr", "appos") or tok.head.lower_ == "as"):
        return []  # 'X is a proxy of Y': the copula rule reads the direction
    subjects = event_agent(tok, index)
    verb = governing_verb(tok)
    base = tok
    while base.dep_ == "conj" and base.head.i != base.i:
        base = base.head
    if base.dep_ == "pobj" and base.head.lower_ in ("of", "in") and base.head.head.lemma_.lower() in W.quantity_nouns:
        base = base.head.head  # 'carried out hundreds of air strikes': the strikes stand where 'hundreds' is
    objects: list[str] = []
    preps = [c for c in tok.children if c.dep_ == "prep"]
    if base is not tok and base.lemma_.lower() in W.quantity_nouns:
        preps += [c for c in base.children if c.dep_ == "prep" and c.lower_ != "of"]  # 'hundreds of strikes across X'
    for c in preps:
        if c.lower_ in ("of", "on", "against", "for", "to", "at", "into", "with", "over", "toward", "towards", "upon"):
            objects += [a for a in prep_objects(c, index) if a not in subjects or c.lower_ != "by"]
    for c in tok.children:  # 'airstrikes targeting X', 'attacks aimed at Y'
        if c.dep_ == "acl" and _family_of_verb(c, ctx) in ("attacks", family):
            found, _ = objects_of(c, index, family)
            objects += found
    planned = verb is not None and base.dep_ == "dobj" and (verb.lemma_.lower() in W.planning_verbs or (
        verb.dep_ == "xcomp" and verb.head.lemma_.lower() in W.planning_verbs))  # 'pledged to continue attacks on X'
    if planned and family == "attacks":
        family = "threatens"  # 'plotting attacks against X' threatens X
    via_light = base.dep_ in ("dobj", "attr") and verb is not None and (
        verb.lemma_.lower() in W.light_verbs | W.receive_verbs | W.planning_verbs or verb.lemma_ == "be"
        or family == "supports" and verb.lemma_.lower() in W.grant_verbs) or (
        base.dep_ == "pobj" and base.head.lower_ == "for" and verb is not None and verb.lemma_.lower() in W.advocacy_verbs)
    via_prep = base.dep_ == "pobj" and base.head.lower_ in W.event_preps and base.head.head.pos_ in ("VERB", "AUX")
    if verb is not None and not subjects and (via_light or via_prep):
        subjects = subjects_of(verb, index)
    if not subjects and base.dep_ == "pobj" and base.head.lower_ in ("of", "for") and verb is not None \
            and verb.lemma_.lower() in W.accusation_verbs:  # 'accused X of attacks on Y': X attacks Y
        subjects = [a for c in verb.children if c.dep_ in ("dobj", "nsubjpass") for a in np_actors(c, index)]
    if verb is not None and base.dep_ == "dobj" and verb.lemma_.lower() in W.receive_verbs:
        receivers = subjects_of(verb, index)
        givers = [a for c in verb.children if c.dep_ == "prep" and c.lower_ == "from" for a in prep_objects(c, index)]
        objects, subjects = receivers, [a for a in subjects + givers if a not in receivers]
    if verb is not None and not objects and via_light:
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in ("with", "against", "on", "to", "at") and base not in c.children:
                objects += prep_objects(c, index)
    for c in tok.children:  # 'a raid that resulted in the death of X': X was its target
        if c.dep_ in ("relcl", "acl") and c.lemma_.lower() in W.result_verbs:
            for p in c.children:
                if p.dep_ == "prep" and p.lower_ in ("in", "to"):
                    for o in p.children:
                        if o.dep_ == "pobj" and (o.lemma_.lower() in W.outcome_nouns or o.lower_ in W.outcome_nouns):
                            objects += [a for q in o.children if q.dep_ == "prep" and q.lower_ == "of"
                                        for a in prep_objects(q, index)]
    directed = word not in lex.symmetric_nouns and tok.lemma_.lower() not in lex.symmetric_nouns
    if not objects and family in ("captures", "attacks") and directed:  # 'strikes in Daraa'; not 'the war in X'
        objects += [a for c in preps if c.lower_ in W.locative_preps for a in prep_objects(c, index)
                    if index.kinds.get(a) == "state" or index.kinds.get(a) == "place" and not _water(a, index)]
    if base.dep_ == "pobj" and base.head.lower_ in ("with", "without") and (subjects or not preps or
                                                                           all(p.lower_ == "from" for p in preps)):
        givers = subjects or [a for c in preps if c.lower_ == "from" for a in prep_objects(c, index)]
        root = verb if verb is not None else tok.sent.root  # 'struck X, with support from A and B': for the agent
        receivers = [a for c in root.children if c.dep_ in ("nsubjpass", "nsubj") for a in np_actors(c, index)]
        if givers and receivers and family == "supports":
            return [Candidate(givers, family, [a for a in receivers if a not in givers], tok, False)]
    is_neg = verb is not None and negated(verb) or any(c.lower_ == "no" and c.dep_ == "det" for c in tok.children)
    return [Candidate(subjects, family, objects, tok, is_neg)]


@rule("modifier", confidence=0.6, triggers=lambda lex: set(lex.modifiers))
def modifier_rule(tok: Token, ctx: Context) -> list[Candidate]:
    """'Turkish-backed SNA', 'Iran backed militias', 'RSF-led forces': the modifier's actor does it to the head."""
    index, lex = ctx.index, ctx.lex
    word = tok.lower_
    if word not in lex.modifiers or tok.i < 1:
        return []
    hyphen = _hyphen_before(tok)
    owner = next((c for c in tok.head.children if c.dep_ == "poss"), None) if tok.dep_ == "amod" else None
    if not hyphen and owner is not None and lex.modifiers[word] == "affiliated_with":
        owners = actors_of(owner, index)  # 'Turkey and its affiliated group, the SNA': the SNA is affiliated with Turkey
        members = [a for a in actors_of(tok.head, index, use_coref=False) if a not in owners]
        return [Candidate(members, "affiliated_with", owners, tok, False)] if owners and members else []
    if not hyphen and not (tok.dep_ in ("amod", "compound", "acl") and tok.head.i > tok.i and tok.tag_ in ("VBN", "VBD")):
        return []  # without a hyphen only an attributive participle: 'Iran backed militias'
    left_tok = tok.doc[tok.i - 2] if hyphen else tok.doc[tok.i - 1]
    left = index.at(left_tok)
    if left is None:
        return []
    family = lex.modifiers[word]
    inside = index.at(tok)
    if inside is not None and inside is left:  # 'Iranian-backed proxy groups' is one catalogue actor
        cat = index.catalogue.lookup(tok.doc[left.start: tok.i - 1].text) if index.catalogue else None
        if cat is None or cat.id == inside.actor:
            return []
        return [Candidate([cat.id], family, [inside.actor], tok, False)]
    if inside is not None and inside.actor != left.actor:
        return [Candidate([left.actor], family, [inside.actor], tok, False)]
    head = tok.head if tok.head.i > tok.i else tok
    while head.dep_ in ("amod", "compound") and head.head.i != head.i and head.i < head.head.i:
        head = head.head
    objects = [a for c in conjuncts(head) for a in actors_of(c, index, use_coref=False) if a != left.actor]
    return [Candidate([left.actor], family, objects, tok, False)]


@rule("pro_modifier", confidence=0.6, triggers=lambda lex: {"pro"})
def pro_modifier_rule(tok: Token, ctx: Context) -> list[Candidate]:
    """'pro-Iranian militias', 'pro-government forces': the head supports the actor after 'pro'."""
    index = ctx.index
    if tok.lower_ != "pro" or tok.i + 2 >= len(tok.doc) or tok.doc[tok.i + 1].text not in ("-", "–"):
        return []
    right = index.at(tok.doc[tok.i + 2])
    if right is None:
        return []
    head = tok.doc[tok.i + 2]
    while head.dep_ in ("amod", "compound", "nmod") and head.head.i > head.i:
        head = head.head
    subjects = [a for a in actors_of(head, index, use_coref=False) if a != right.actor]
    return [Candidate(subjects, "supports", [right.actor], tok, False)]


def _water(actor_id: str, index) -> bool:  # type: ignore[no-untyped-def]
    """Seas, gulfs, straits: where an attack happens, not what it targets."""
    from ..schema.vocabulary import load_vocabulary

    cat = index.catalogue.resolve_any(actor_id) if index.catalogue is not None else None
    name = cat.name if cat is not None else index.actors[actor_id].name if actor_id in index.actors else ""
    return any(word in load_vocabulary().water_words for word in name.split())


def _between(tok: Token) -> Token | None:
    """'fighting between A and B', 'hostilities unfolding between A and B'."""
    found = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in W.between_preps), None)
    if found is None:
        for acl in (c for c in tok.children if c.dep_ == "acl"):
            found = next((c for c in acl.children if c.dep_ == "prep" and c.lower_ in W.between_preps), None) or found
    return found


@rule("symmetric", confidence=0.6, triggers=lambda lex: set(lex.symmetric_nouns))
def symmetric_rule(tok: Token, ctx: Context) -> list[Candidate]:
    """'fighting between A and B', 'talks between A and B', 'A and B signed an agreement'."""
    index, lex = ctx.index, ctx.lex
    family = lex.symmetric_nouns.get(tok.lower_) or lex.symmetric_nouns.get(tok.lemma_.lower())
    if tok.pos_ not in ("NOUN", "VERB") or family is None:
        return []
    between = _between(tok)
    if between is None and tok.dep_ in ("nsubj", "nsubjpass", "dobj") and tok.head.lemma_.lower() in W.occurrence_verbs:
        between = next((c for c in tok.head.children if c.dep_ == "prep" and c.lower_ in W.between_preps), None)
    if any(c.dep_ in ("compound", "amod") and c.lower_ in W.indirect_modifiers for c in tok.children):
        return []  # 'proxy war between A and B', 'trade war': no fighting between them
    gov = governing_verb(tok)
    parties: list[str] = []
    others: list[str] = []  # the other side, when the text names one ('clashes with X')
    if between is not None:
        parties = [a for o in between.children if o.dep_ == "pobj" for a in np_actors(o, index)]
    elif tok.dep_ == "dobj" and tok.head.pos_ == "VERB" and family == "cooperates" and tok.head.lemma_.lower() in W.pact_verbs:
        parties = subjects_of(tok.head, index)  # 'A and B signed an agreement'
    elif family == "attacks" and gov is not None and gov.lemma_.lower() in W.light_verbs | W.aspect_verbs - W.cessation_verbs \
            and len(subjects_of(gov, index)) >= 2:
        parties = subjects_of(gov, index)  # 'A and B continued fighting', 'A and B resumed hostilities'''
    elif any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children):  # 'clashes with X', 'talks with Y'
        parties = event_agent(tok, index) or (subjects_of(gov, index) if gov is not None else [])
        others = [a for c in tok.children if c.dep_ == "prep" and c.lower_ == "with" for a in prep_objects(c, index)]
    elif tok.dep_ == "compound" or any(c.dep_ in ("compound", "nmod", "amod") for c in tok.children):
        parties = [a for c in tok.children if c.dep_ in ("compound", "nmod", "amod") for x in conjuncts(c)
                   for a in actors_of(x, index, use_coref=False)]  # 'SDF–government clashes'
    parties = [p for p in dict.fromkeys(parties) if index.kinds.get(p) not in ("place", "process")]
    others = [p for p in dict.fromkeys(others) if index.kinds.get(p) not in ("place", "process") and p not in parties]
    if len(parties) + len(others) < 2 or not parties:
        return []
    is_neg = gov is not None and negated(gov)
    return [Candidate(parties, family, others, tok, is_neg, symmetric=True)]


def _lemma_run(tok: Token, words: tuple[str, ...]) -> list[Token] | None:
    doc = tok.doc
    out = []
    i = tok.i
    for w in words:
        while i < len(doc) and doc[i].lower_ in ("a", "an", "the", "full", "complete", "effective", "no", "any",
                                                   "key", "major", "direct", "leading", "central"):
            if w in ("a", "the", "no"):
                break
            i += 1
        if i >= len(doc) or doc[i].lemma_.lower() != w and doc[i].lower_ != w:
            return None
        out.append(doc[i])
        i += 1
    return out


@rule("phrase", confidence=0.6, triggers=lambda lex: {p.words[0] for p in lex.phrases})
def phrase_rule(tok: Token, ctx: Context) -> list[Candidate]:
    """Multi-word cues from predicates.yaml: 'took control of X', 'X fell to Y', 'is behind the attack'."""
    index, lex = ctx.index, ctx.lex
    out = []
    for phrase in lex.phrases:
        if tok.lemma_.lower() != phrase.words[0] and tok.lower_ != phrase.words[0]:
            continue
        run = _lemma_run(tok, phrase.words)
        if run is None or run[-1].i >= ctx.sent.end:
            continue
        head = run[0]
        last = run[-1]
        objects = []
        target = [o for o in last.children if o.dep_ in ("pobj", "dobj")] if last.dep_ in ("prep", "agent") or \
            last.pos_ == "ADP" else [o for o in last.children if o.dep_ in ("dobj", "pobj", "attr")]
        if not target and last.i + 1 < len(tok.doc):
            nxt = tok.doc[last.i + 1]
            target = [nxt] if index.at(nxt) is not None or nxt.pos_ in ("NOUN", "PROPN") else []
        for t in target:
            objects += np_actors(t, index)
        subjects = subjects_of(head, index) if head.pos_ in ("VERB", "AUX") else []
        if not subjects and head.dep_ in ("pobj", "dobj", "attr"):
            subjects = subjects_of(governing_verb(head) or head.head, index)
        is_neg = negated(head) or any(t.lower_ == "no" for t in tok.doc[head.i: last.i + 1]) or phrase.negated
        family = phrase.family
        if phrase.reversed:
            subjects, objects = objects, subjects
        if family == "controls" and target and target[0].lemma_.lower() in lex.nouns:
            event = target[0]  # 'was behind the attack on X': X is the one attacked
            family = lex.nouns[event.lemma_.lower()]
            objects = [a for p in event.children if p.dep_ == "prep" and p.lower_ in ("on", "against", "in", "at")
                       for a in prep_objects(p, index)]
        out.append(Candidate(subjects, family, objects, head, is_neg))
    return out


@rule("event_role", confidence=0.6, triggers=lambda lex: W.participation_nouns | W.participation_verbs)
def event_role_rule(tok: Token, ctx: Context) -> list[Candidate]:
    """'denied any involvement in the attack on X', 'X was involved in the strikes on Y'."""
    index, lex = ctx.index, ctx.lex
    lemma = tok.lemma_.lower()
    if not (tok.pos_ == "NOUN" and lemma in W.participation_nouns or tok.pos_ == "VERB" and lemma in W.participation_verbs):
        return []
    inside = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "in"), None)
    event = next((o for o in inside.children if o.dep_ == "pobj"), None) if inside is not None else None
    if event is None:
        return []
    family = lex.nouns.get(event.lower_) or lex.nouns.get(event.lemma_.lower())
    if family is None or family in ("affiliated_with",):
        return []
    targets = [a for p in event.children if p.dep_ == "prep" and p.lower_ in ("on", "against", "at", "of")
               for a in prep_objects(p, index)]
    in_no_way = tok.dep_ == "acl" and tok.head.lower_ == "way" and tok.head.dep_ == "pobj"
    if in_no_way:  # 'X was in no way involved in …'
        owners = subjects_of(tok.head.head.head, index)
        return [Candidate(owners, family, targets, tok, any(c.lower_ == "no" for c in tok.head.children))]
    if tok.pos_ == "VERB":
        owners = [a for c in tok.children if c.dep_ == "nsubjpass" for a in np_actors(c, index)] or subjects_of(tok, index)
        verb: Token | None = tok
    else:
        owners = [a for c in tok.children if c.dep_ == "poss" for a in actors_of(c, index)]
        verb = governing_verb(tok)
        if not owners and verb is not None:
            owners = subjects_of(verb, index)
    is_neg = (verb is not None and negated(verb)) or any(c.lower_ == "no" for c in tok.children) or any(
        c.dep_ == "prep" and any(d.lower_ == "no" for d in c.subtree) and c.lower_ == "in" and c is not inside
        for c in tok.children)
    return [Candidate(owners, family, targets, tok, is_neg)]
