"""Predicate, reporting, hedging and coreference vocabulary, loaded once from YAML."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

REPORTING = {
    "say", "report", "tell", "claim", "accuse", "deny", "allege", "confirm", "state", "announce", "note",
    "recall", "add", "write", "insist", "assert", "argue", "describe", "suggest", "acknowledge", "admit",
    "believe", "stress", "emphasize", "emphasise", "reiterate", "explain", "assign", "declare", "contend",
    "maintain", "charge", "blame", "quote", "publish", "reveal", "disclose", "cite", "observe", "point",
    "warn", "caution", "testify", "concede", "estimate", "predict", "indicate", "signal",
}
PLANNING = {"plot", "plan", "prepare", "threaten", "vow", "pledge", "intend", "seek", "aim", "scheme"}
DENIAL = {"deny", "reject", "dismiss", "refute", "rebut"}
ANONYMOUS_HEADS = {"source", "sources", "report", "reports", "witness", "witnesses", "official", "officials",
                   "observer", "observers", "activist", "activists", "insider", "insiders", "resident", "residents"}
HEDGE_WORDS = {
    "reportedly", "allegedly", "alleged", "supposedly", "apparently", "seemingly", "seem", "seems", "seemed",
    "appear", "appears", "appeared", "may", "might", "could", "possibly", "probably", "likely", "unconfirmed",
    "purportedly", "purported", "rumoured", "rumored", "suspected", "presumably", "perhaps", "maybe", "claimed",
}
HEDGE_PHRASES = (
    "not entirely impossible", "all indications are", "it is believed", "is said to", "are said to",
    "is believed to", "are believed to", "it appears", "it seems", "not impossible", "cannot be ruled out",
    "can not be ruled out", "not ruled out", "according to unconfirmed", "is thought to", "are thought to",
    "not coincidental", "is suspected of", "are suspected of",
)
GROUP_NOUNS = {"group", "groups", "mercenaries", "militia", "militias", "militants", "fighters", "faction",
               "factions", "organization", "organisation", "movement", "jihadists", "rebels", "terrorists",
               "extremists", "proxies", "proxy", "insurgents", "coalition", "alliance", "front", "army"}
GROUP_KINDS = {"armed_group", "coalition", "armed_force", "organization", "party"}
STATE_NOUNS = {"country", "government", "regime", "administration", "state", "kingdom", "republic"}
STATE_KINDS = {"state", "state_body"}
LIGHT_VERBS = {"launch", "conduct", "carry", "stage", "mount", "take", "make", "wage", "give", "provide",
               "lend", "offer", "extend", "receive", "enjoy", "have", "exchange", "undertake", "perform", "continue",
               "deploy", "open", "begin", "start", "intensify", "step"}
RECEIVE_VERBS = {"receive", "enjoy", "get", "obtain", "accept"}
PLACE_OBJECT_FAMILIES = {"captures", "attacks"}  # a town can be attacked or taken, not backed or allied with


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, str]
    nouns: dict[str, str]
    modifiers: dict[str, str]
    copula: dict[str, str]


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    data = yaml.safe_load(resources.files("allegraph.schema").joinpath("predicates.yaml").read_text(encoding="utf-8"))

    def invert(section: str) -> dict[str, str]:
        out: dict[str, str] = {}
        for family, words in (data.get(section) or {}).items():
            for w in words:
                out.setdefault(str(w).lower(), family)
        return out

    return Lexicon(invert("verbs"), invert("nouns"), invert("modifiers"), invert("copula_nouns"))
