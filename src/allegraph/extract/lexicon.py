"""The extraction vocabulary, loaded once from schema/predicates.yaml and schema/lexicon.yaml.

Both files are validated when loaded: an unknown family, an entry listed twice in one class, an
upper-case lemma, or an entry that can never match (a multi-word entry where one word is read,
an underscore) is an error naming the file and the entry. ``W`` gives lazy attribute access to
the word classes (``W.reporting_verbs``); nothing is read at import time.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..errors import LexiconError
from ..schema.vocabulary import invert_classes


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]  # lemmas, lower case
    family: str
    reversed: bool = False
    negated: bool = False

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True)
class Lexicon:
    families: dict[str, dict[str, Any]]
    verbs: dict[str, str]
    nouns: dict[str, str]
    modifiers: dict[str, str]
    copula: dict[str, str]
    symmetric_verbs: dict[str, str]
    symmetric_nouns: dict[str, str]
    phrases: tuple[Phrase, ...]
    words: dict[str, frozenset[str]]
    hedge_phrases: tuple[str, ...]

    def __getattr__(self, name: str) -> frozenset[str]:
        words = object.__getattribute__(self, "words")
        if name in words:
            found: frozenset[str] = words[name]
            return found
        raise AttributeError(name)


_PHRASE_CLASSES = {"hedge_phrases"}


def _read(name: str) -> dict[str, Any]:
    text = resources.files("allegraph.schema").joinpath(name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise LexiconError(f"schema/{name}: expected a mapping")
    return data


def _check_word(word: Any, where: str, multiword: bool = False) -> str:
    w = str(word)
    if w != w.lower():
        raise LexiconError(f"{where}: {w!r} must be lower case (lemmas are compared in lower case)")
    if "_" in w:
        raise LexiconError(f"{where}: {w!r} can never match (underscore); multi-word cues go under 'phrases'")
    if " " in w and not multiword:
        raise LexiconError(f"{where}: {w!r} can never match (one word is read here); move it to 'phrases'")
    return w


def _families_section(data: dict[str, Any], section: str, families: set[str], file: str,
                      extra: set[str] = frozenset()) -> dict[str, str]:  # type: ignore[assignment]
    return invert_classes(data.get(section), set(families) | set(extra), f"schema/{file}: {section}", LexiconError,
                          _check_word)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    return parse_lexicon(_read("predicates.yaml"), _read("lexicon.yaml"))


def parse_lexicon(cues: dict[str, Any], data: dict[str, Any]) -> Lexicon:
    """Validate and load the two vocabulary files (already parsed from YAML)."""
    families = dict(cues.get("families") or {})
    names = set(families)
    verbs = _families_section(cues, "verbs", names, "predicates.yaml")
    nouns = _families_section(cues, "nouns", names, "predicates.yaml")
    modifiers = _families_section(cues, "modifiers", names, "predicates.yaml")
    copula = _families_section(cues, "copula_nouns", names, "predicates.yaml",
                               {"controls_reversed", "supports_reversed"})
    sym = cues.get("symmetric") or {}
    sym_verbs = _families_section(sym, "verbs", names, "predicates.yaml symmetric")
    sym_nouns = _families_section(sym, "nouns", names, "predicates.yaml symmetric")
    for w, family in sym_verbs.items():
        if w in verbs:
            raise LexiconError(f"schema/predicates.yaml: {w!r} is both a verb and a symmetric verb")
    phrases = []
    seen = set()
    for entry in cues.get("phrases") or []:
        cue = _check_word(entry.get("cue", ""), "schema/predicates.yaml: phrases", multiword=True)
        if entry.get("family") not in names:
            raise LexiconError(f"schema/predicates.yaml: phrase {cue!r} names unknown family {entry.get('family')!r}")
        if len(cue.split()) < 2 or cue in seen:
            raise LexiconError(f"schema/predicates.yaml: phrase {cue!r} is a single word or listed twice")
        seen.add(cue)
        phrases.append(Phrase(tuple(cue.split()), entry["family"], bool(entry.get("reversed")), bool(entry.get("negated"))))
    words: dict[str, frozenset[str]] = {}
    lists: dict[str, tuple[str, ...]] = {}
    for section, entries in data.items():
        if section == "version":
            continue
        if not isinstance(entries, list):
            raise LexiconError(f"schema/lexicon.yaml: {section} must be a list")
        checked = [_check_word(e, f"schema/lexicon.yaml: {section}", multiword=section in _PHRASE_CLASSES) for e in entries]
        if len(set(checked)) != len(checked):
            dupes = sorted({w for w in checked if checked.count(w) > 1})
            raise LexiconError(f"schema/lexicon.yaml: {section} lists {', '.join(dupes)} twice")
        words[section] = frozenset(checked)
        lists[section] = tuple(checked)
    return Lexicon(families, verbs, nouns, modifiers, copula, sym_verbs, sym_nouns, tuple(phrases), words,
                   lists.get("hedge_phrases", ()))


class _Words:
    """Lazy access to the word classes: ``W.reporting_verbs``."""

    def __getattr__(self, name: str) -> frozenset[str]:
        found: frozenset[str] = getattr(load_lexicon(), name)
        return found


W = _Words()
PLACE_OBJECT_FAMILIES = ("captures", "attacks")  # a town can be attacked or taken, not backed or allied with


CUE_KINDS = (("verbs", "verbs (SUBJECT verb OBJECT; passive: the by-agent acts)"),
             ("nouns", "nouns (\"Israeli strikes on Damascus\", \"Iran's support for the Houthis\")"),
             ("modifiers", "modifiers (\"Turkish-backed SNA\", \"RSF-led\")"),
             ("copula", "copula nouns (\"X is the arm of Y\"; reversed: \"X is a proxy of Y\" means Y controls X)"),
             ("symmetric_verbs", "symmetric verbs (\"A and B clashed\": one claim between equals)"),
             ("symmetric_nouns", "symmetric nouns (\"fighting between A and B\")"),
             ("phrases", "phrases (matched on lemmas)"))


def cues_of(lex: Any, family: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for kind, _ in CUE_KINDS:
        if kind == "phrases":
            words = [" ".join(p.words) + (" (reversed)" if p.reversed else "") + (" (negated)" if p.negated else "")
                     for p in lex.phrases if p.family == family]
        else:
            table = getattr(lex, kind)
            words = [w + (" (reversed)" if f != family else "") for w, f in table.items()
                     if f == family or f == f"{family}_reversed"]
        if words:
            out[kind] = words
    return out


def predicates_text(family: str | None = None) -> str:
    """The families, their meaning, examples and cues, as `allegraph predicates` prints them."""
    from ..errors import UsageError

    lex = load_lexicon()
    names = list(lex.families)
    if family is not None and family not in names:
        from difflib import get_close_matches

        near = get_close_matches(family, names, n=3)
        raise UsageError(f"no predicate family {family!r}" + (f"; did you mean {', '.join(near)}?" if near else "")
                         + f" (families: {', '.join(names)})")
    kinds = dict(CUE_KINDS)
    out = []
    for name in [family] if family else names:
        spec = lex.families[name]
        out += [f"{name} - \"{spec.get('label', name)}\"" + (" (symmetric)" if spec.get("symmetric") else ""),
                f"  {spec.get('description', '')}"]
        out += [f"  e.g. {e}" for e in spec.get("examples", [])]
        for kind, words in cues_of(lex, name).items():
            out.append(f"  {kinds[kind].split(' (')[0]}: {', '.join(words)}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
