"""What an unknown name is: its kind from the words around it, and aliases a document defines.

The statistical NER is the fallback. A name the catalogue or gazetteer knows takes their kind
whatever label the model gave; a name neither knows takes its kind from its head noun ("M23
rebels"), its own last word ("Rapid Support Forces"), a title before it ("Gen. Burhan"), and only
then from the NER label.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ..schema.catalogue import Catalogue
from ..schema.gazetteer import place_key
from ..schema.ids import fold, slug
from ..schema.vocabulary import Vocabulary, load_vocabulary
from .lexicon import W

_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&.\-]{1,11}$")
_CONNECTORS = {"of", "the", "for", "and", "al", "el", "wal", "de", "du", "des", "la", "le", "ad", "ash", "as", "an"}
_ALIAS_CUES = (("or",), ("known", "as"), ("also", "known", "as"), ("called",), ("dubbed",), ("aka",))


def looks_like_place(text: str) -> bool:
    """A GPE the gazetteer lacks is a place only if it is written like one: no digits, not an acronym."""
    return not any(ch.isdigit() for ch in text) and any(ch.islower() for ch in text)


def kind_from_context(span: Span, vocab: Vocabulary) -> str | None:
    """Kind of an unknown name from the words around it, or None to fall back on the NER label."""
    doc = span.doc
    root = span.root
    if root.dep_ in ("compound", "nmod", "amod") and root.head.i >= span.end:
        head = root.head
        kind = vocab.head_nouns.get(head.lower_) or vocab.head_nouns.get(head.lemma_.lower())
        if kind:
            return kind
    for child in root.children:
        if child.dep_ == "appos" and child.i >= span.end:
            kind = vocab.head_nouns.get(child.lower_) or vocab.head_nouns.get(child.lemma_.lower())
            if kind:
                return kind  # 'the RSF, a paramilitary group'
    last = span[-1].text
    if len(span) > 1 and last in vocab.name_endings:
        return vocab.name_endings[last]
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.text in vocab.person_titles:
        return "person"
    if before is not None and before.text == "." and span.start > 1 and doc[span.start - 2].text + "." in vocab.person_titles:
        return "person"
    return None


def _long_form_before(doc: Doc, open_paren: int, ents_by_end: dict[int, Span]) -> Span | None:
    """The name that a parenthesised or 'or'-introduced short form abbreviates."""
    end = open_paren
    while end > 0 and doc[end - 1].is_space:
        end -= 1
    if end in ents_by_end:
        return ents_by_end[end]
    start = end
    while start > 0 and end - start < 9:
        tok = doc[start - 1]
        if tok.text[:1].isupper() or tok.like_num or tok.lower_ in _CONNECTORS or tok.text in ("-", "'", "’"):
            start -= 1
            continue
        break
    while start < end and (doc[start].lower_ in _CONNECTORS or doc[start].text in ("-", "'", "’")):
        start += 1
    if end - start < 2 or not doc[start].text[:1].isupper():
        return None
    return doc[start:end]


def defined_aliases(doc: Doc) -> list[tuple[Span, Span]]:
    """(long form, short form) pairs a document defines: 'Rapid Support Forces (RSF)',
    'the March 23 Movement, or M23', 'X, also known as Y'."""
    ents_by_end = {e.end: e for e in doc.ents}
    out: list[tuple[Span, Span]] = []
    for tok in doc:
        if tok.text == "(":
            close = next((t.i for t in doc[tok.i + 1: tok.i + 6] if t.text == ")"), None)
            if close is None or close == tok.i + 1:
                continue
            short = doc[tok.i + 1: close]
            if not _ACRONYM.match(short.text.replace(" ", "")) or not any(ch.isupper() for ch in short.text[1:] + short.text[:1]):
                continue
            if len(short) > 3:
                continue
            long = _long_form_before(doc, tok.i, ents_by_end)
            if long is not None and long.text != short.text:
                out.append((long, short))
        elif tok.text == "," and tok.i + 2 < len(doc):
            for cue in _ALIAS_CUES:
                words = [t.lower_ for t in doc[tok.i + 1: tok.i + 1 + len(cue)]]
                if tuple(words) != cue:
                    continue
                first = tok.i + 1 + len(cue)
                if first >= len(doc) or not _ACRONYM.match(doc[first].text):
                    continue
                end = first + 1
                long = _long_form_before(doc, tok.i, ents_by_end)
                if long is not None and (end >= len(doc) or doc[end].is_punct):
                    out.append((long, doc[first:end]))
                break
    return out


def extend_possessive_name(ent: Span, vocab: Vocabulary) -> Span:
    """'Lord's Resistance Army', 'People's Liberation Army': the NER often leaves out 'X's'."""
    doc = ent.doc
    if ent.label_ == "ORG" and ent.start >= 2 and doc[ent.start - 1].text in ("'s", "’s") \
            and doc[ent.start - 2].pos_ == "PROPN" and doc[ent.start - 2].text[:1].isupper() \
            and ent[-1].text in vocab.name_endings:
        return Span(doc, ent.start - 2, ent.end, label=ent.label_)
    return ent


def unlabelled_names(doc: Doc, covered: set[int], vocab: Vocabulary, stop_acronyms: frozenset[str]) -> list[Span]:
    """Names the statistical NER missed: a capitalised run ending in a name word ("Lord's
    Resistance Army", "Popular Mobilization Forces") or a bare acronym used as a noun ("RSF
    fighters"). Tokens already inside a mention are never taken."""
    out: list[Span] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if i in covered:
            i += 1
            continue
        if tok.text in vocab.name_endings and tok.text[:1].isupper() and vocab.name_endings[tok.text] != "place":
            start = i
            while start > 0 and start - 1 not in covered and i - start < 7:
                prev = doc[start - 1]
                if prev.text[:1].isupper() and not prev.is_sent_start or prev.text in ("'s", "’s", "of", "for", "the") \
                        or prev.text[:1].isupper() and prev.is_sent_start and prev.lower_ not in ("the", "a", "an"):
                    start -= 1
                    continue
                break
            while start < i and doc[start].lower_ in ("of", "for", "the", "'s", "’s"):
                start += 1
            if i - start >= 1 and doc[start].text[:1].isupper():
                out.append(doc[start: i + 1])
                i += 1
                continue
        if (_ACRONYM_ONLY.match(tok.text) and tok.pos_ in ("PROPN", "NOUN") and tok.lower_ not in stop_acronyms
                and tok.lower_ not in vocab.title_forms
                and not (tok.is_sent_start and len(tok) < 2)):
            out.append(doc[i: i + 1])
        i += 1
    return out


_ACRONYM_ONLY = re.compile(r"^[A-Z][A-Z0-9]{1,6}$")


def unknown_actor(ent: Span, label: str, text: str, catalogue: Catalogue, vocab: Vocabulary,
                   persons_by_surname: dict[str, str]) -> tuple[str, str, str]:
    """(actor id, kind, source) for a name the catalogue does not know: the gazetteer's place,
    else the kind its context gives, else the NER label's."""
    titled = kind_from_context(ent, vocab) == "person"
    surname = label == "PERSON" and " " not in text and fold(text) in persons_by_surname
    if surname:
        return persons_by_surname[fold(text)], "person", "ner"
    if not titled and label in ("GPE", "LOC", "FAC", "PERSON", "ORG"):
        place = catalogue.place(text)
        primary = place is not None and place_key(place.name) == place_key(text)
        if place is not None and (primary or label in ("GPE", "LOC", "FAC")):
            return place.id, "place", "gazetteer"
    kind = kind_from_context(ent, vocab)
    if kind is None:
        kind = vocab.ner_kinds.get(label, "organization")
        if kind == "place" and not looks_like_place(text):
            kind = "organization"  # an acronym or a numbered name tagged GPE is a group, not a town
    actor_id = slug(text)
    if kind == "person" and " " in text:
        persons_by_surname.setdefault(fold(text.split()[-1]), actor_id)
    return actor_id, kind, "ner"


def trim_entity(ent: Span) -> Span:
    while len(ent) > 1 and (ent[0].dep_ == "det" or ent[0].lower_ == "the"):
        ent = ent[1:]
    while len(ent) > 1 and (ent[-1].dep_ == "case" or ent[-1].is_punct):
        ent = ent[:-1]
    return ent


def is_title(text: str, vocab: Vocabulary) -> bool:
    bare = text.rstrip(".").lower()
    return text == "." or bool(bare) and bare in vocab.title_forms


def is_descriptor(ent: Span, label: str) -> bool:
    """'Sunni', 'Salafi jihadist organization', 'Secretary of State': words, not actors."""
    head = ent.root.head
    if len(ent) > 1 and ent[-1].text in load_vocabulary().name_endings and all(t.text[:1].isupper() for t in ent):
        return False  # 'Libyan National Army': a name, however the parser attached its first word
    if ent.root.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in W.title_words | {
            "department", "ministry", "secretary", "office", "minister", "council"}:
        return True
    return (ent.root.dep_ == "amod" or label == "NORP" and ent.root.dep_ in ("compound", "nmod", "npadvmod")
            and head.lower_ not in W.community_heads
            or ent.root.pos_ == "ADJ" and head.lower_ not in W.community_heads
            or (ent.root.dep_ in ("compound", "nmod") and head.i >= ent.end
                                          and head.text.islower() and (label == "NORP" or head.i > ent.end or head.lower_ not in load_vocabulary().head_nouns)
            and not (label != "NORP" and head.i == ent.end and (head.lower_ in W.title_words | W.leader_nouns | W.member_nouns
                                                                or head.lemma_.lower() in W.title_words | W.leader_nouns))))


def drop_generic_heads(doc: Doc, spans: list[tuple[int, int, str, str, str, str]]
                        ) -> list[tuple[int, int, str, str, str, str]]:
    """A catalogue alias that is a common noun ('rebels', 'the militia') gives way to the name that
    modifies it: in 'the M23 rebels' the rebels are the M23, not the catalogue's generic rebels."""
    starts = {s[0] for s in spans}
    out = []
    for span in spans:
        start, end, _, _, text, _ = span
        root = doc[start:end].root
        generic = text.islower() and end - start == 1
        before = [doc[start - 1]] if start > 0 else []
        named = [c for c in [*root.children, *before] if c.dep_ in ("compound", "nmod", "amod") and c.i < start
                 and (c.i in starts or c.pos_ == "PROPN" and c.text[:1].isupper())]
        if generic and named:
            continue
        out.append(span)
    return out
