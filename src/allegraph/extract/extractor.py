"""Documents -> claims: runs the pipeline, then attribution and allegation rules per sentence."""

from __future__ import annotations

import re
from typing import Any, Iterable, Iterator

from spacy.tokens import Doc, Span

from ..schema.catalogue import Catalogue
from ..schema.ids import claim_id, slug
from ..schema.model import Actor, Claim, Document, Extraction
from ..settings import Settings
from .attribution import Attribution, according_to, attribute, carries_quote, in_quotation, speaker_labels
from .lexicon import PLACE_OBJECT_FAMILIES, W, load_lexicon
from .mention_index import Mention, MentionIndex
from .mentions import build_mentions, title_affiliations
from .pipeline import load_pipeline
from .registry import Candidate, Context, Dispatch
from .rulebook import base_confidence, enabled
from .syntax import subjects_of

_WORD = re.compile(r"[a-z']+")


def hedge_cues(sentence: str) -> list[str]:
    lowered = sentence.lower()
    cues = [p for p in load_lexicon().hedge_phrases if p in lowered]
    covered = " ".join(cues)
    cues += [w for w in dict.fromkeys(_WORD.findall(lowered)) if w in W.hedge_words and w not in covered]
    return cues


class Extractor:
    """Holds the loaded pipeline; one per process."""

    def __init__(self, settings: Settings, catalogue: Catalogue) -> None:
        self.settings = settings
        self.catalogue = catalogue
        self.nlp = load_pipeline(settings.model, catalogue)
        self.lexicon = load_lexicon()
        self.ruler = self.nlp.get_pipe("allegraph_actor_ruler")
        self.rules = enabled(settings.disabled_rule_names)
        self.dispatch = Dispatch(self.rules, self.lexicon)
    # ------------------------------------------------------------------ public
    def parse(self, texts: Iterable[str], n_process: int = 1) -> Iterator[Doc]:
        """Parse a stream of texts with n_process spaCy processes (0 = one per core) when there is
        enough work to share: at least four batches per process, as measured in docs/performance.md.
        Only that much is read ahead to decide; the rest streams."""
        import itertools
        import os

        texts = iter(texts)
        n_process = n_process or os.cpu_count() or 1
        head = list(itertools.islice(texts, 4 * n_process * self.settings.batch_size))
        if len(head) < 4 * n_process * self.settings.batch_size:
            n_process = 1
        yield from self.nlp.pipe(itertools.chain(head, texts), batch_size=self.settings.batch_size, n_process=n_process)

    def extract_many(self, documents: Iterable[Document], n_process: int = 1) -> Iterator[Extraction]:
        """Extractions in input order. Documents are pulled as the parser needs them, so only the
        ones in flight are held in memory. One parser stream for the whole input: restarting it to
        shed the workers' growth was measured to cost more, as fresh workers fork from a parent that
        has grown meanwhile (docs/performance.md)."""
        from collections import deque

        pending: deque[Document] = deque()

        def texts() -> Iterator[str]:
            for document in documents:
                pending.append(document)
                yield document.text if document.language in ("en", "") else ""

        try:
            yield from self._extract_parsed(self.parse(texts(), n_process), pending)
        except (KeyboardInterrupt, GeneratorExit):  # interrupted, or abandoned: the workers are not needed
            if n_process != 1:
                from .pipeline import stop_workers

                stop_workers()
            raise

    def _extract_parsed(self, parsed: Iterable[Doc], pending: Any) -> Iterator[Extraction]:
        for doc in parsed:
            document = pending.popleft()
            try:
                extraction = self.extract_doc(document, doc)
            except Exception as exc:  # one bad document never costs the batch: stored without claims
                where = document.path or document.id
                extraction = Extraction(document, (), (), (f"{where}: extraction failed ({type(exc).__name__}: {exc}); "
                                                           "stored without claims; please report it with this text",))
            yield extraction

    def resolved_actors(self, document: Document) -> list[dict]:  # type: ignore[type-arg]
        """Every actor the mentions of a document resolve to, with all their names (for evaluation)."""
        doc = next(self.parse([document.text]))
        index = build_mentions(doc, self.catalogue)
        out = []
        for actor_id in sorted({m.actor for m in index.mentions} | {m.place for m in index.mentions if m.place}):
            cat = self.catalogue.resolve_any(actor_id)
            actor = index.actors.get(actor_id)
            names = list(cat.names()) if cat is not None else list(actor.aliases) if actor is not None else []
            name = cat.name if cat is not None else actor.name if actor is not None else actor_id
            out.append({"id": actor_id, "name": name, "aliases": names})
        return out

    def extract(self, document: Document) -> Extraction:
        return next(self.extract_many([document]))

    # ------------------------------------------------------------------ one document
    def _context_mentions(self, document: Document) -> list[Mention]:
        text = "\n".join(t for t in (document.title, document.subtitle) if t)
        if not text:
            return []
        small = self.ruler(self.nlp.make_doc(text))
        out = []
        for ent in small.ents:
            cat = self.catalogue.get(ent.kb_id_)
            if cat is not None:
                out.append(Mention(-1, -1, cat.id, cat.kind, ent.text, -1))
        return out

    def _actor_for_name(self, name: str, default_kind: str) -> Actor | None:
        if not name:
            return None
        small = self.ruler(self.nlp.make_doc(name))
        for ent in small.ents:  # the whole name: 'Sudan Tribune' or 'Times of Israel' is an outlet, not the state
            cat = self.catalogue.get(ent.kb_id_) if len(ent) == len(small) else None
            if cat is not None and cat.kind in ("media", "organization", "agency", "state", "state_body", "ngo", "person"):
                return Actor(cat.id, cat.name, cat.kind, tuple(cat.aliases), cat.qid)
        cat = self.catalogue.lookup(name)
        if cat is not None:
            return Actor(cat.id, cat.name, cat.kind, tuple(cat.aliases), cat.qid)
        return Actor(slug(name), name, default_kind, (), "", source="document")

    def document_voice(self, document: Document) -> Actor | None:
        """The origin of the document's own voice: its outlet, else its author."""
        return self._actor_for_name(document.outlet, "media") or self._actor_for_name(document.author.split(",")[0], "person")

    def extract_doc(self, document: Document, doc: Doc) -> Extraction:
        if document.language not in ("en", ""):
            return Extraction(document, (), (), (f"{document.path or document.id}: language looks like "
                                                 f"{document.language!r}, not English; stored without claims",))
        index = build_mentions(doc, self.catalogue)
        index.subjects_of = subjects_of
        index.context = self._context_mentions(document)
        voice = self.document_voice(document)
        actors = dict(index.actors)
        if voice is not None:
            actors.setdefault(voice.id, voice)
        for actor_id in list(actors):
            cat = self.catalogue.get(actor_id)
            if cat is not None and cat.parent:
                index.affiliations[actor_id] = self.catalogue.speaks_for(actor_id)
        labels = speaker_labels(index)
        label_tokens = {t.i for (s, e, _) in labels.values() for t in doc.char_span(s, e, alignment_mode="expand") or []}
        for i in label_tokens:
            index.by_token.pop(i, None)
        claims: dict[str, Claim] = {}
        speaker: str | None = None
        paragraph = -1
        prev: Span | None = None
        prev_attr: Attribution | None = None
        author = Attribution("author", voice.id if voice else None)
        for sent in doc.sents:
            para = index.paras[sent.start] if index.paras else 0
            if para != paragraph:
                paragraph, prev, prev_attr = para, None, None
                if para in labels:
                    speaker = labels[para][2]
            if speaker:
                index.speaker_of_paragraph[para] = speaker
            default = self._default_attribution(sent, index, author, speaker, prev, prev_attr)
            cues = hedge_cues(sent.text)
            for cand in self._candidates(sent, index):
                for claim in self._claims(cand, sent, document, index, default, cues):
                    claims.setdefault(claim.id, claim)
                if cand.family == "attacks" and cand.subjects and cand.objects:
                    index.events["attacks"] = list(cand.subjects)
            prev, prev_attr = sent, default
        used = {a for c in claims.values() for a in (c.subject, c.object, c.origin, *c.relays) if a}
        links = tuple(x for x in title_affiliations(index) if x[0] in used)
        used |= {parent for _, parent, _ in links}
        return Extraction(document, tuple(sorted(claims.values(), key=lambda c: (c.start, c.id))),
                          tuple(actors[a] for a in sorted(used) if a in actors), affiliations=links)

    def _default_attribution(self, sent: Span, index: MentionIndex, author: Attribution, speaker: str | None,
                             prev: Span | None, prev_attr: Attribution | None) -> Attribution:
        found = according_to(sent, index)
        if found:
            relays = [author.origin] if author.origin and author.origin != found[1] else []
            return Attribution(found[0], found[1], relays)
        if speaker:
            return Attribution("named", speaker, [author.origin] if author.origin and author.origin != speaker else [])
        if prev_attr is not None and prev_attr.kind != "author" and carries_quote(prev, sent):
            return prev_attr
        return author

    def _candidates(self, sent: Span, index: MentionIndex) -> Iterable[Candidate]:
        ctx = Context(sent, self.lexicon, index)
        for rule, tokens in self.dispatch.plan(sent):
            for tok in tokens:
                yield from rule(tok, ctx)

    def _claims(self, cand: Candidate, sent: Span, document: Document, index: MentionIndex,
                default: Attribution, cues: list[str]) -> Iterator[Claim]:
        if not cand.subjects or (not cand.objects and not (cand.symmetric and len(cand.subjects) >= 2)):
            return
        attr = attribute(cand.cue, index, default)
        if attr.kind != "author" and default.kind == "author" and default.origin and default.origin != attr.origin:
            attr.relays.append(default.origin)  # the site passing the report on
        kinds = index.kinds
        polarity = "denied" if cand.negated != attr.denied else "asserted"
        relays = tuple(dict.fromkeys(r for r in attr.relays if r and r != attr.origin))
        pairs = _pairs(cand)
        for subject, obj in pairs:
            if subject == obj:
                continue
            if kinds.get(subject) in ("place", "process"):
                continue
            if kinds.get(obj) == "place" and cand.family not in PLACE_OBJECT_FAMILIES:
                continue
            if kinds.get(obj) != "place" and cand.family == "captures" and kinds.get(obj) not in (None, "state"):
                continue
            family = cand.family
            if family == "controls" and kinds.get(obj) == "process":
                family = "affiliated_with"  # founding a process or agreement makes one a party to it
            confidence = base_confidence(cand.rule)
            confidence -= 0.1 * sum(1 for a in (subject, obj) if a not in self.catalogue.actors)
            yield Claim(
                id=claim_id(document.id, sent.start_char, sent.end_char, subject, family, obj),
                document_id=document.id, subject=subject, predicate=family, object=obj,
                predicate_text=cand.cue.text, origin=attr.origin, attribution=attr.kind, relays=relays,
                polarity=polarity, hedged=bool(cues), hedge_cues=tuple(cues),
                confidence=round(max(0.1, confidence), 3), evidence_text=sent.text.strip(),
                start=sent.start_char, end=sent.start_char + len(sent.text.rstrip()),
                cue_start=cand.cue.idx, cue_end=cand.cue.idx + len(cand.cue.text), rule=cand.rule,
                quoted=in_quotation(sent.text, cand.cue.idx - sent.start_char),
            )


def _pairs(cand: Candidate) -> list[tuple[str, str]]:
    """Subject-object pairs: every subject with every object; for a symmetric relation, each
    pair of parties once, in the order the text names them."""
    if cand.symmetric and not cand.objects:
        parties = list(dict.fromkeys(cand.subjects))
        return [(a, b) for i, a in enumerate(parties) for b in parties[i + 1:]]
    return [(s, o) for s in dict.fromkeys(cand.subjects) for o in dict.fromkeys(cand.objects)]
