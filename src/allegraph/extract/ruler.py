"""allegraph_actor_ruler: marks catalogue names before the statistical NER, longest match first.

Names written without lower-case letters ("HTS", "US") or with inner capitals ("DiCarlo") match
case-sensitively; other names match case-insensitively.
"""

from __future__ import annotations

from typing import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

LABELS = {"state": "GPE", "place": "GPE", "person": "PERSON", "media": "ORG", "process": "EVENT"}


def _case_sensitive(name: str) -> bool:
    if not any(ch.islower() for ch in name):
        return True  # acronyms: HTS, US, U.S.
    return " " not in name and "-" not in name and any(ch.isupper() for ch in name[1:])  # DiCarlo, PressTV


class ActorRuler:
    def __init__(self, nlp: Language, name: str = "allegraph_actor_ruler") -> None:
        self.nlp = nlp
        self.name = name
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.kinds: dict[str, str] = {}

    def add_names(self, names: Iterable[tuple[str, str, str, bool]]) -> None:
        """(name, actor id, kind, exact case) tuples; exact-case names also match in capitals."""
        exact: dict[str, list[Doc]] = {}
        folded: dict[str, list[Doc]] = {}
        expanded = []
        for text, actor_id, kind, exact_case in names:  # "People's" and "People’s" are one name
            expanded.append((text, actor_id, kind, exact_case))
            for a, b in (("'", "’"), ("’", "'")):
                if a in text:
                    expanded.append((text.replace(a, b), actor_id, kind, exact_case))
        for text, actor_id, kind, exact_case in expanded:
            self.kinds[actor_id] = kind
            sensitive = exact_case or _case_sensitive(text)
            target = exact if sensitive else folded
            target.setdefault(actor_id, []).append(self.nlp.make_doc(text))
            if sensitive and any(ch.islower() for ch in text):
                exact.setdefault(actor_id, []).append(self.nlp.make_doc(text.upper()))
        for actor_id, docs in exact.items():
            self.exact.add(actor_id, docs)
        for actor_id, docs in folded.items():
            self.folded.add(actor_id, docs)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for matcher in (self.exact, self.folded):
            for match_id, start, end in matcher(doc):
                actor_id = self.nlp.vocab.strings[match_id]
                span = Span(doc, start, end, label=LABELS.get(self.kinds.get(actor_id, ""), "ORG"), kb_id=actor_id)
                if span.text.strip() and not span[0].is_space:
                    spans.append(span)
        spans.sort(key=lambda s: (s.start, -(s.end - s.start), s.kb_id_))
        kept = filter_spans(spans)
        matched = {i for s in kept for i in range(s.start, s.end)}
        doc.ents = [s for s in kept if not self._inside_longer_name(s, matched)]
        return doc

    def _inside_longer_name(self, span: Span, matched: set[int]) -> bool:
        """'Syrian' in 'Syrian Free Army', 'Libyan' in 'Libyan National Army': a demonym that opens a
        longer proper name the catalogue lacks is left to the NER, which sees the whole name."""
        from ..schema.vocabulary import load_vocabulary

        doc = span.doc
        vocab = load_vocabulary()
        kind = self.kinds.get(span.kb_id_, "")
        before = doc[span.start - 1] if span.start > 0 else None
        if kind not in ("person", "state", "place", "media") and before is not None \
                and before.text in vocab.institution_prefixes and before.i not in matched:
            return True  # 'Security Council' inside 'National Security Council'
        if len(span) != 1 or span[0].pos_ != "ADJ" and span[0].tag_ not in ("JJ", "NNP"):
            return False
        endings = vocab.name_endings
        i = span.end
        while i < len(doc) and i - span.end < 4 and doc[i].text[:1].isupper() and doc[i].pos_ == "PROPN":
            if doc[i].text in endings and endings[doc[i].text] in ("armed_group", "party"):
                return True
            i += 1
        return False


@Language.factory("allegraph_actor_ruler")
def make_actor_ruler(nlp: Language, name: str) -> ActorRuler:
    return ActorRuler(nlp, name)


@Language.component("allegraph_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break ends a sentence: headings and paragraphs never run into each other."""
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if "\n" in prev.text_with_ws and not token.is_space:
            token.is_sent_start = True
        elif prev.is_space and "\n" in prev.text:
            token.is_sent_start = True
    return doc
