"""Who asserts what: reporting verbs and their subjects, 'according to', speaker labels, carry-over.

Attribution is decided per allegation: the reporting verbs above the allegation's cue in the
parse tree are its reporters, the nearest one its origin and the outer ones relays ("She recalled
that CENTCOM said it struck ...": CENTCOM is the origin, she relays). A sentence with no reporter
of its own takes its paragraph's speaker label, a quote's carried-over source, or the author.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from .lexicon import W, load_lexicon
from .mention_index import MentionIndex
from .mentions import actors_of

_LABEL = re.compile(r"^([^:\n.?!]{1,90}(?:\.[^:\n?!]{0,40})?):\s")


@dataclass
class Attribution:
    kind: str  # author | named | anonymous
    origin: str | None
    relays: list[str] = field(default_factory=list)
    denied: bool = False
    reporter: int | None = None  # token index of the nearest reporting verb


def trailing_reporter(verb: Token, index: MentionIndex) -> Token | None:
    """'…, the Syrian Observatory said.': the small parser often hangs the source on the object as an
    apposition and leaves the reporting verb without a subject; the actor just before it is the source."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) or verb.i == 0:
        return None
    prev = verb.doc[verb.i - 1]
    return prev if index.at(prev) is not None else None


def _reporter_source(verb: Token, index: MentionIndex) -> tuple[str, str | None, list[str]]:
    """(kind, origin, relays) of one reporting verb."""
    relays: list[str] = []
    trailing = trailing_reporter(verb, index)
    if trailing is not None and (speaker := index.at(trailing)) is not None:
        return "named", speaker.actor, relays
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    named = [c for c in subjects if (m := index.at(c)) is not None and m.kind in ("person", "media", "organization")]
    subj = named[0] if named else (subjects[0] if subjects else None)
    if subj is not None and subj.dep_ == "nsubjpass":
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        subj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if subj is None and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if verb.lemma_ == "tell":
        for c in verb.children:
            if c.dep_ in ("dative", "dobj") or (c.dep_ == "prep" and c.lower_ == "to"):
                target = c if c.dep_ != "prep" else next((p for p in c.children if p.dep_ == "pobj"), None)
                if target is not None:  # "sources told Reuters": an outlet passes it on; an audience does not
                    relays += [a for a in actors_of(target, index) if index.kinds.get(a) == "media"]
    if subj is None:
        return "anonymous", None, relays
    for c in subj.children:  # "Kamal Alam writing in Middle East Eye"
        if c.dep_ == "acl" and c.lemma_ in ("write", "speak", "report"):
            for p in c.children:
                if p.dep_ == "prep":
                    relays += [a for o in p.children if o.dep_ == "pobj" for a in actors_of(o, index)]
    origins = actors_of(subj, index)
    cited = _cited(verb, index)
    if cited:  # 'Reuters, citing Izvestia, said': Izvestia the origin, Reuters relays it
        return "named", cited[0], relays + origins[:1]
    if origins:
        return "named", origins[0], relays
    if subj.lemma_.lower() in W.source_nouns:  # 'a report by X said', 'a statement from X'
        by = [a for c in subj.children if c.dep_ == "prep" and c.lower_ in ("by", "from", "of")
              for o in c.children if o.dep_ == "pobj" for a in actors_of(o, index)]
        if by:
            return "named", by[0], relays
    if subj.lemma_.lower() in W.anonymous_heads or subj.lower_ in W.anonymous_heads or subj.pos_ in ("NOUN", "PRON"):
        return "anonymous", None, relays
    return "anonymous", None, relays


def _cited(verb: Token, index: MentionIndex) -> list[str]:
    """Sources a reporting verb's subject cites: 'X, citing Y, said' / 'X said, quoting Y'."""
    out: list[str] = []
    for node in [verb, *[c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]]:
        for c in node.children:
            if c.lemma_.lower() in W.citing_verbs and c.dep_ in ("advcl", "acl", "xcomp", "conj", "prep", "appos", "ccomp"):
                out += [a for d in c.children if d.dep_ in ("dobj", "pobj", "attr") for a in actors_of(d, index)]
    return out


def is_reporting(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in W.reporting_verbs


def _in_subject(token: Token, verb: Token) -> bool:
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass", "agent") and token.i in {t.i for t in c.subtree}:
            return True
    return False


def according_to(sent: Span, index: MentionIndex) -> tuple[str, str | None] | None:
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "to":
            to = tok.nbor(1)
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None) or next(
                (c for c in tok.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            if index.at(pobj) is None and pobj.lemma_.lower() not in W.anonymous_heads | W.source_nouns \
                    and not actors_of(pobj, index):
                continue  # "according to Washington's dictates" is not a source
            tail = []
            for t in tok.doc[pobj.i + 1: min(pobj.i + 6, tok.sent.end)]:
                if t.is_punct:
                    break
                if t.pos_ != "CCONJ" and index.at(t) is None:
                    tail.append(t)
            if tail and tail[0].pos_ == "NOUN":
                continue  # "according to Washington and Tel Aviv dictates"
            if any(t.dep_ == "conj" and t.pos_ == "NOUN" and index.at(t) is None for t in pobj.children):
                continue
            found = actors_of(pobj, index)
            return ("named", found[0]) if found else ("anonymous", None)
    return None


def _has_source(verb: Token, index: MentionIndex | None = None) -> bool:
    """A reporting verb names who reports: a subject or a passive agent ('was confirmed' does not)."""
    if index is not None and trailing_reporter(verb, index) is not None:
        return True
    if any(c.dep_ == "agent" for c in verb.children):
        return True
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return False
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)
    if subj is not None:
        lex = load_lexicon()  # 'The X–Y clashes describe …': an event is no source
        return not (index is not None and index.at(subj) is None and (subj.lemma_.lower() in lex.nouns or
                                                                      subj.lemma_.lower() in lex.symmetric_nouns))
    return verb.dep_ in ("conj", "advcl") and any(c.dep_ == "nsubj" for c in verb.head.children)


def _via(token: Token, verb: Token) -> str:
    """The dependency by which the path from token enters verb."""
    node = token
    while node.head.i != verb.i and node.head.i != node.i:
        node = node.head
    return node.dep_


def reporters_above(token: Token, index: MentionIndex) -> list[Token]:
    """Reporting verbs that govern the token (nearest first), excluding ones it is the subject of.

    A relative clause is the writer's background, not part of the report: the climb stops there.
    """
    out: list[Token] = []
    node = token
    while node.head.i != node.i:
        if node.dep_ == "relcl":
            break
        node = node.head
        if is_reporting(node) and _has_source(node, index) and not _in_subject(token, node):
            out.append(node)
    return out


def attribute(token: Token, index: MentionIndex, default: Attribution) -> Attribution:
    reporters = reporters_above(token, index)
    if not reporters:
        return Attribution(default.kind, default.origin, list(default.relays), False, None)
    denied = False
    first = reporters[0]
    if any(c.dep_ == "advmod" and c.lower_ in W.false_report_adverbs for c in first.children):
        # 'X falsely accused Y of …': the text's own voice denies what X alleges; X relays the allegation
        accuser = _reporter_source(first, index)[1]
        return Attribution(default.kind, default.origin, [a for a in [accuser] if a], True, first.i)
    kind, origin, relays = _reporter_source(first, index)
    denied = first.lemma_.lower() in W.denial_verbs and _via(token, first) in ("dobj", "ccomp", "xcomp", "attr", "acl")
    for outer in reporters[1:]:
        k, o, r = _reporter_source(outer, index)
        if o:
            relays.append(o)
        relays += r
        denied = denied != (outer.lemma_.lower() in W.denial_verbs and _via(token, outer) in ("dobj", "ccomp", "xcomp", "attr"))
    if default.kind != "author" and default.origin:
        relays.append(default.origin)  # the paragraph's speaker passes it on
    return Attribution(kind, origin, relays, denied, first.i)


def speaker_labels(index: MentionIndex) -> dict[int, tuple[int, int, str | None]]:
    """Paragraph number -> (label start char, label end char, speaker actor or None for 'Q')."""
    doc = index.doc
    text = doc.text
    labels: dict[int, tuple[int, int, str | None]] = {}
    offset = 0
    starts = [doc[m.start].idx for m in index.mentions]
    import bisect

    for number, para in enumerate(text.split("\n\n")):
        m = _LABEL.match(para)
        if m and len(m.group(1).split()) <= 8 and m.group(1)[:1].isupper() and not set("()[]\"“”") & set(m.group(1)):
            start, end = offset, offset + m.end(1)
            label = m.group(1).strip()
            speaker = None
            if label.upper() not in ("Q", "QUESTION", "MODERATOR", "REPORTER"):
                lo, hi = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
                found = [mm for mm in index.mentions[lo:hi] if doc[mm.end - 1].idx < end]
                if not found:
                    offset += len(para) + 2
                    continue
                speaker = found[0].actor
            labels[number] = (start, end, speaker)
        offset += len(para) + 2
    return labels


def in_quotation(text: str, at: int) -> bool:
    """Whether offset ``at`` of a sentence lies inside a direct quotation: after an opening
    quotation mark (“ or a first ") that no closing one follows before it."""
    before = text[:max(at, 0)]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def carries_quote(prev: Span | None, sent: Span) -> bool:
    """A sentence inside an open quotation continues the previous sentence's source."""
    if prev is None:
        return False
    opened = prev.text.count("“") - prev.text.count("”") + prev.text.count('"') % 2
    return opened > 0 or sent.text.lstrip().startswith(("“", '"'))

