"""The rule book: importing the rule modules registers their rules; which of them run."""

from __future__ import annotations

from typing import Iterable

from . import rules  # noqa: F401, I001 - importing registers the rules; registration order is run order
from . import roles  # noqa: F401, E402
from . import surface  # noqa: F401, E402
from .registry import LAYERS, RULES, Rule


def all_rules() -> dict[str, Rule]:
    return RULES


def enabled(disabled: Iterable[str] = ()) -> list[Rule]:
    """Rules in run order (parse layer, then surface), minus the disabled ones."""
    registered = all_rules()
    off = set(disabled)
    unknown = off - set(registered)
    if unknown:
        from ..errors import SettingsError

        raise SettingsError(f"disabled_rules names unknown rule(s) {', '.join(sorted(unknown))}; "
                            f"'allegraph rules' lists them")
    return [r for layer in LAYERS for r in registered.values() if r.layer == layer and r.name not in off]


def base_confidence(name: str) -> float:
    r = all_rules().get(name)
    return r.confidence if r else 0.6
