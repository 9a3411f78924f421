"""Actor mentions in a parsed Doc, and how a noun phrase resolves to actors (with coreference)."""

from __future__ import annotations


from spacy.tokens import Doc, Span, Token

from ..schema.catalogue import Catalogue, CatalogueActor
from ..schema.gazetteer import place_key
from ..schema.ids import fold
from ..schema.model import Actor
from ..schema.vocabulary import load_vocabulary
from .naming import (defined_aliases, drop_generic_heads, extend_possessive_name, is_descriptor, is_title, trim_entity,
                     unknown_actor, unlabelled_names)
from .coref import corefer
from .lexicon import PLACE_OBJECT_FAMILIES, W
from .mention_index import Mention, MentionIndex
from .tree import conjuncts, noun_phrase_head


def paragraph_of(doc: Doc) -> list[int]:
    para = 0
    out = []
    for tok in doc:
        out.append(para)
        if "\n\n" in tok.text_with_ws or (tok.is_space and "\n\n" in tok.text):
            para += 1
    return out


def _clean_entity_text(text: str) -> str:
    text = text.strip().strip("\"“”'’")
    for prefix in ("the ", "The "):
        if text.startswith(prefix):
            text = text[len(prefix):]
    for suffix in ("'s", "’s", "′s", "'", "’", "′"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text.strip()


def _unlabelled_places(doc: Doc, covered: set[int], catalogue: Catalogue) -> list[tuple[int, int, CatalogueActor]]:
    """Populated places the NER missed, taken only where the syntax wants a place ('X fell', 'in X')."""
    out = []
    for tok in doc:
        if tok.i in covered or tok.pos_ != "PROPN" or not tok.text[:1].isupper():
            continue
        for end in (tok.i + 3, tok.i + 2, tok.i + 1):
            if end > len(doc) or any(i in covered for i in range(tok.i, end)):
                continue
            span = doc[tok.i:end]
            place = catalogue.place(span.text)
            if place is not None and place_key(place.name) == place_key(span.text) and in_place_slot(span.root):
                out.append((tok.i, end, place))
                covered = covered | set(range(tok.i, end))
                break
    return out


def build_mentions(doc: Doc, catalogue: Catalogue, learned: dict[str, Actor] | None = None) -> MentionIndex:
    """Actor mentions of a parsed document. ``learned`` maps short forms other documents defined
    ('RSF' -> the Rapid Support Forces) to that actor; the document's own definitions win."""
    vocab = load_vocabulary()
    paras = paragraph_of(doc)
    mentions: list[Mention] = []
    actors: dict[str, Actor] = {}
    persons_by_surname: dict[str, str] = {}

    def add_catalogue(cat: CatalogueActor) -> tuple[str, str]:
        actors.setdefault(cat.id, Actor(cat.id, cat.name, cat.kind, tuple(cat.aliases), cat.qid,
                                        source="gazetteer" if cat.source == "gazetteer" else "catalogue"))
        return cat.id, cat.kind

    named_ids = {e.kb_id_ for e in doc.ents if e.kb_id_}
    named_ids |= {p.part_of for p in (catalogue.get(i) for i in list(named_ids)) if p is not None and p.part_of}

    descriptors: list[Span] = []  # names read as descriptors, kept if a coordinated name is an actor

    def resolve(ent: Span, label: str, parity: bool = False) -> tuple[str, str] | None:
        if ent.kb_id_:
            cat = catalogue.get(ent.kb_id_)
            if cat is not None and cat.context and fold(ent.text) in {fold(n) for n in cat.generic_aliases} \
                    and not named_ids & set(cat.context):
                return None  # 'rebels' are the Syrian opposition only in a text about Syria
            return add_catalogue(cat) if cat is not None else None
        ent = trim_entity(ent)
        while len(ent) > 1 and is_title(ent[0].text, vocab):  # 'Mr. Kirby' is Kirby
            ent = ent[1:]
        if len(ent) == 1 and is_title(ent.text, vocab):
            return None
        text = _clean_entity_text(ent.text)
        if len(text) < 2 or not any(ch.isupper() for ch in text) or not any(ch.isalpha() for ch in text):
            return None
        if text in defined:
            return defined[text]
        cat = catalogue.lookup(text)
        if cat is not None:
            return add_catalogue(cat)
        if label not in load_vocabulary().ner_kinds:
            return None
        if is_descriptor(ent, label) and not parity:
            descriptors.append(ent)
            return None
        actor_id, kind, source = unknown_actor(ent, label, text, catalogue, vocab, persons_by_surname)
        if source == "gazetteer":
            place = catalogue.places.get(actor_id)
            if place is not None:
                return add_catalogue(place)
        actors.setdefault(actor_id, Actor(actor_id, text, kind, (), "", source=source))
        return actor_id, actors[actor_id].kind

    # aliases the document defines ('Rapid Support Forces (RSF)'): the short form is the same actor
    defined: dict[str, tuple[str, str]] = {}
    own: set[str] = set()
    short_spans: list[tuple[Span, tuple[str, str]]] = []
    for long, short in defined_aliases(doc):
        found = resolve(long, long.label_ if long.label_ in vocab.ner_kinds else "ORG")
        if found is None:
            continue
        defined.setdefault(short.text, found)
        own.add(short.text)
        short_spans.append((short, found))
        actor = actors.get(found[0])
        if actor is not None and actor.source != "catalogue" and short.text not in actor.aliases:
            actors[found[0]] = Actor(actor.id, actor.name, actor.kind, (*actor.aliases, short.text), actor.qid, actor.source)
    for short_form, actor in (learned or {}).items():  # defined by an earlier document of the corpus
        if short_form not in defined and catalogue.lookup(short_form) is None:
            defined[short_form] = (actor.id, actor.kind)
            actors.setdefault(actor.id, actor)
    index_defined = {k: actors[v[0]] for k, v in defined.items() if k in own and v[0] in actors}
    spans: list[tuple[int, int, str, str, str, str]] = []
    for ent in doc.ents:
        if not ent.kb_id_:
            ent = extend_possessive_name(ent, vocab)
        found = defined.get(_clean_entity_text(ent.text)) or resolve(ent, ent.label_)
        if found is None:
            continue
        place = ""
        cat = catalogue.get(found[0])
        if cat is not None and cat.metonyms and fold(ent.text) in {fold(n) for n in cat.metonyms}:
            city = catalogue.metonym_place(ent.text)
            place = city.id if city is not None else ""
            if city is not None:
                actors.setdefault(city.id, Actor(city.id, city.name, "place", tuple(city.aliases), city.qid, source="gazetteer"))
        spans.append((ent.start, ent.end, found[0], found[1], ent.text, place))
    kept = {i for sp in spans for i in range(sp[0], sp[1])}
    for ent in descriptors:  # 'Druze and Bedouin armed groups': if Bedouin is an actor, so is Druze
        partners = [c for c in ent.root.children if c.dep_ == "conj"] + ([ent.root.head] if ent.root.dep_ == "conj" else [])
        if any(p.i in kept for p in partners):
            found = resolve(ent, ent.label_, parity=True)
            if found is not None:
                spans.append((ent.start, ent.end, found[0], found[1], ent.text, ""))
    spans = drop_generic_heads(doc, spans)
    covered = {i for s in spans for i in range(s[0], s[1])}
    for name in unlabelled_names(doc, covered, vocab, W.non_actor_acronyms):  # names the NER missed
        if set(range(name.start, name.end)) & covered:
            continue
        found = defined.get(name.text) or resolve(name, "ORG")
        if found is not None:
            spans.append((name.start, name.end, found[0], found[1], name.text, ""))
            covered |= set(range(name.start, name.end))
    for start, end, spot in _unlabelled_places(doc, covered, catalogue):  # 'Goma fell to …' with no NER entity
        actors.setdefault(spot.id, Actor(spot.id, spot.name, "place", tuple(spot.aliases), spot.qid,
                                         source="gazetteer" if spot.source == "gazetteer" else "catalogue"))
        spans.append((start, end, spot.id, "place", doc[start:end].text, ""))
        covered |= set(range(start, end))
    for short, found in short_spans:
        if short.start not in covered:
            spans.append((short.start, short.end, found[0], found[1], short.text, ""))
            covered |= set(range(short.start, short.end))
    if defined:  # the short form where the model saw no entity
        for tok in doc:
            if tok.i not in covered and tok.text in defined:
                spans.append((tok.i, tok.i + 1, *defined[tok.text], tok.text, ""))
    spans.sort()
    for start, end, actor_id, kind, text, place in spans:
        mentions.append(Mention(start, end, actor_id, kind, text, paras[start], place))
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    by_paragraph: dict[int, list[Mention]] = {}
    for m in mentions:
        by_paragraph.setdefault(m.paragraph, []).append(m)
    first: dict[str, Mention] = {}
    for m in mentions:
        first.setdefault(m.actor, m)
    kinds = {m.actor: m.kind for m in mentions}
    kinds.update({m.place: "place" for m in mentions if m.place})
    return MentionIndex(doc, mentions, by_token, actors, catalogue=catalogue, paras=paras, by_paragraph=by_paragraph,
                        kinds=kinds, first=first, defined=index_defined)


def title_affiliations(index: MentionIndex) -> list[tuple[str, str, str]]:
    """'Iranian foreign minister Abbas Araghchi' -> (person, Iran, 'foreign minister') for people the
    catalogue lacks: a title word with a nationality or organisation just before the name."""
    out = []
    doc = index.doc
    for m in index.mentions:
        if m.kind != "person" or (index.catalogue is not None and m.actor in index.catalogue.actors):
            continue
        window = doc[max(0, m.start - 6): m.start]
        if not any(t.lower_ in W.title_words for t in window):
            continue
        for t in reversed(list(window)):
            owner = index.at(t)
            if owner is not None and owner.actor != m.actor and owner.kind in (
                    "state", "armed_group", "armed_force", "agency", "organization", "media", "coalition", "state_body", "party"):
                role = " ".join(x.text for x in doc[owner.end: m.start] if not x.is_punct).strip()
                out.append((m.actor, owner.actor, role))
                break
    return sorted(set(out))


def _led_by(token: Token, index: MentionIndex) -> list[str]:
    """'HTS-led factions' denote HTS; 'Iran-linked targets' denote Iran's."""
    for child in token.children:
        if child.dep_ in ("amod", "compound") and child.lower_ in ("led", "run", "linked", "held", "controlled"):
            left = child.i - 2
            if left >= 0 and index.doc[child.i - 1].text in ("-", "–"):
                m = index.at(index.doc[left])
                if m:
                    return [m.actor]
    return []


def _before_reporting_verb(token: Token) -> bool:
    """An 'apposition' followed by 'said' is the sentence's source, misattached by the parser."""

    if token.head.dep_ in ("nsubj", "nsubjpass"):
        return False  # 'news site Izvestia reports': a real apposition on the subject
    end = max(t.i for t in token.subtree) + 1
    return end < len(token.doc) and token.doc[end].pos_ == "VERB" and token.doc[end].lemma_.lower() in W.reporting_verbs


def _cue_family(token: Token) -> str | None:
    from .lexicon import load_lexicon

    lex = load_lexicon()
    lemma = token.lemma_.lower()
    if token.pos_ in ("VERB", "AUX"):
        return lex.verbs.get(lemma)
    return lex.nouns.get(token.lower_) or lex.nouns.get(lemma)


def in_place_slot(token: Token) -> bool:
    """A name stands for the place, not its government, as the object of taking or striking and
    in locative phrases: 'took control of X', 'strikes on X', 'in X', 'X fell to'."""
    head = noun_phrase_head(token)
    gov = head.head
    if head.dep_ == "pobj":
        prep = gov.lower_
        if prep in W.locative_preps:
            return True
        if prep in W.target_preps | {"of"} and _cue_family(gov.head) in PLACE_OBJECT_FAMILIES:
            return True
        return prep == "of" and gov.head.lemma_.lower() == "control"
    if head.dep_ in ("dobj", "nsubjpass") and _cue_family(gov) in PLACE_OBJECT_FAMILIES:
        return True
    return head.dep_ == "nsubj" and gov.lemma_.lower() == "fall"


def reading(index: MentionIndex, mention: Mention, token: Token) -> str:
    """The actor a mention denotes here: a capital is its city in a place slot, else its government."""
    if mention.place and in_place_slot(token):
        return mention.place
    return mention.actor


def _metonyms(index: MentionIndex, actor_id: str) -> tuple[str, ...]:
    cat = index.catalogue.get(actor_id) if index.catalogue is not None else None
    return cat.metonyms if cat is not None else ()


def actors_of(token: Token, index: MentionIndex, *, use_coref: bool = True, depth: int = 0) -> list[str]:
    """Actors a noun phrase headed by ``token`` denotes (conjuncts included by the caller)."""
    if depth > 4:
        return []
    m = index.at(token)
    if m:
        return [reading(index, m, token)]
    if token.lower_ in W.relative_pronouns and token.head.dep_ == "relcl":
        return actors_of(token.head.head, index, use_coref=use_coref, depth=depth + 1)
    if token.pos_ == "PRON" or token.lower_ in W.person_pronouns | W.thing_pronouns | W.plural_pronouns | W.first_plural_pronouns:
        return corefer(index, token) if use_coref else []
    found = _led_by(token, index)
    if found:
        return found
    if token.lemma_.lower() in W.place_heads or token.lower_ in W.place_heads:  # 'El Fasher district', 'the city of Goma'
        places = [m.actor for c in token.children if c.dep_ in ("compound", "nmod") and (m := index.at(c)) is not None
                  and m.kind == "place"]
        places += [m.actor for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children
                   if o.dep_ == "pobj" and (m := index.at(o)) is not None and m.kind == "place"]
        if places:
            return places
    for child in token.children:
        if child.dep_ == "appos" and not _before_reporting_verb(child):
            found += [a for c in conjuncts(child) for a in actors_of(c, index, use_coref=False, depth=depth + 1)]
    if found:
        return found
    lemma = token.lemma_.lower()
    if lemma in W.offshoot_nouns:  # 'HTS, the al-Qaida offshoot': the offshoot is HTS, not al-Qaida
        return actors_of(token.head, index, use_coref=False, depth=depth + 1) if token.dep_ == "appos" else []
    if lemma not in W.controller_nouns:
        group_head = (lemma in W.group_nouns or token.lower_ in W.group_nouns) and not (
            lemma in W.state_force_nouns or token.lower_ in W.state_force_nouns)  # 'the Sudanese army' is the state's
        for child in token.children:
            if child.dep_ in ("compound", "amod", "nmod", "npadvmod") or (child.dep_ == "poss" and lemma in W.possessed_agent_nouns):
                for c in conjuncts(child):
                    cm = index.at(c)
                    if cm and cm.kind not in load_vocabulary().non_agent_kinds and not (group_head and cm.kind in ("state", "group")):
                        found.append(cm.actor)
                    elif cm is None and c.dep_ == "poss" and c.pos_ == "PRON" and use_coref:
                        found += corefer(index, c)
                    elif cm is None and c.dep_ == "compound" and c.lower_ in W.state_nouns and use_coref:
                        found += corefer(index, c)  # 'government calls for a ceasefire': the government named before
        if found:
            return list(dict.fromkeys(found))
    for child in token.children:  # "major players, including Saudi Arabia and Iraq"
        if child.dep_ == "prep" and child.lower_ in ("including", "like"):
            found += [a for o in child.children if o.dep_ == "pobj" for c in conjuncts(o)
                      for a in actors_of(c, index, use_coref=False, depth=depth + 1)]
    if found:
        return found
    if lemma in (W.agent_nouns | W.group_nouns) or token.lower_ in (W.agent_nouns | W.group_nouns):
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "from", "with", "in"):  # 'fighters with the YPG'
                for pobj in child.children:
                    if pobj.dep_ != "pobj":
                        continue
                    inner = [a for c in conjuncts(pobj) for a in actors_of(c, index, use_coref=False, depth=depth + 1)]
                    if child.lower_ == "in":  # 'officials in Ankara' speak for the state; 'forces in Syria' do not
                        m = index.at(pobj)
                        inner = [m.actor] if m is not None and m.text in _metonyms(index, m.actor) else []
                    found += inner
        if found:
            return found
    described = any(c.dep_ in ("compound", "nmod") or (c.dep_ == "amod" and c.text[:1].isupper()) for c in token.children)
    if use_coref and not described and (lemma in W.group_nouns or token.lower_ in W.group_nouns or lemma in W.state_nouns) and any(
            c.lower_ in ("the", "this", "that", "these", "those", "both") for c in token.children):
        return corefer(index, token)
    return []
