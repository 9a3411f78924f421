"""The parse-robust layer: surface patterns over actor mentions and cue forms.

The small model mis-tags verbs as nouns ("Qatar funds HTS": *funds* as NNS) and then the
parse layer sees no predicate. This layer looks for MENTION (adverb) CUE (determiner) MENTION
in a sentence where the cue is a verb cue of the lexicon in any inflection, and emits the claim
with a lower base confidence. It runs after the parse layer; a claim already found is kept as
the parse found it (claim ids include subject, family and object).
"""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import W
from .mentions import actors_of
from .registry import Candidate, Context, rule
from .tree import negated

_SKIP = {"ADV", "DET", "PART", "AUX"}


def _verb_lemma(tok: Token, ctx: Context) -> str | None:
    lex = ctx.lex
    for form in (tok.lemma_.lower(), tok.lower_):
        for cand in (form, form[:-1] if form.endswith("s") else "", form[:-2] if form.endswith("es") else "",
                     form[:-2] if form.endswith("ed") else "", form[:-1] if form.endswith("ed") else ""):
            if cand and (cand in lex.verbs or cand in lex.symmetric_verbs):
                return cand
    return None


def _forms(lex) -> set[str]:  # type: ignore[no-untyped-def]
    """Every inflection the surface layer reads: lemma, -s, -es, -ed, -d."""
    out: set[str] = set()
    for v in list(lex.verbs) + list(lex.symmetric_verbs):
        out |= {v, v + "s", v + "es", v + "ed", v + "d"}
    return out


@rule("surface", layer="surface", confidence=0.5, triggers=lambda lex: _forms(lex))
def surface_rule(tok: Token, ctx: Context) -> list[Candidate]:
    """MENTION cue MENTION where the parse missed the verb ('Qatar funds HTS' with *funds* tagged a noun)."""
    index, lex = ctx.index, ctx.lex
    if tok.pos_ == "VERB" or tok.is_punct or index.at(tok) is not None:
        return []
    lemma = _verb_lemma(tok, ctx)
    if lemma is None or tok.tag_ not in ("NNS", "NN", "NNP", "NNPS", "JJ", "VBZ", "VBD", "VBN"):
        return []
    doc = tok.doc
    i = tok.i - 1
    while i >= ctx.sent.start and doc[i].pos_ in _SKIP and doc[i].lower_ not in ("the", "a", "an"):
        i -= 1
    left = index.at(doc[i]) if i >= ctx.sent.start else None
    j = tok.i + 1
    while j < ctx.sent.end and (doc[j].pos_ in ("DET",) or doc[j].lower_ in ("the",)):
        j += 1
    right = index.at(doc[j]) if j < ctx.sent.end else None
    if left is not None and right is None:  # 'X, which A backs, …': the antecedent undergoes it
        k = left.start - 1
        while k > ctx.sent.start and doc[k].lower_ in ("the", "a", "an"):
            k -= 1
        if k > ctx.sent.start and doc[k].lower_ in W.relative_pronouns and doc[k - 1].text == ",":
            objects = [a for a in actors_of(doc[k - 2], index, use_coref=False) if a != left.actor] if k >= 2 else []
            family = lex.verbs.get(lemma) or lex.symmetric_verbs[lemma]
            return [Candidate([left.actor], family, objects, tok, negated(tok))] if objects else []
    if left is None or right is None or left.actor == right.actor:
        return []
    if any(doc[k].pos_ in ("VERB", "AUX") for k in range(left.end, tok.i)):
        return []  # another verb between: the parse layer's business
    family = lex.verbs.get(lemma) or lex.symmetric_verbs[lemma]
    return [Candidate([left.actor], family, [right.actor], tok, negated(tok))]
