"""Provenance of every economic default: value, unit, source, date and confidence.

Economic defaults are where a cost model hides its opinions. Each one the economics
modules use is registered here as a :class:`Default` (the Earth baselines' parameters,
the Finance section of the scenario, the units of compute), so ``moonbase provenance``
lists them all and a run's economics report lists the ones it used.

Confidence levels: ``high`` (a measurement, a statute, a data sheet), ``medium`` (two
independent estimates agree), ``low`` (one estimate, or moonbase's own assumption).
"""

from __future__ import annotations

import importlib
from dataclasses import asdict, dataclass
from typing import Any, Iterable

from moonbase.errors import ScenarioError

CONFIDENCE_LEVELS = ("high", "medium", "low")
#: Modules that register defaults when imported (listed so the registry can be filled on demand).
REGISTERING_MODULES = ("moonbase.economics.earth_baselines", "moonbase.economics.lcoc")

_REGISTRY: dict[str, "Default"] = {}


@dataclass(frozen=True)
class Default:
    """One economic default and where it comes from."""

    key: str  # dotted name, e.g. "baseline.onsite-gas.heat_rate"
    value_si: float  # in SI (USD, J, s, W, kg)
    text: str  # as written, with its display unit ("6200 Btu/(kW h)")
    unit: str  # display unit ("" for a pure number)
    source: str
    date: str  # when the figure was published or observed (YYYY or YYYY-MM)
    confidence: str  # one of CONFIDENCE_LEVELS

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def register(default: Default) -> Default:
    """Add a default to the registry (idempotent for identical entries).

    Raises
    ------
    ScenarioError
        If the confidence is not one of :data:`CONFIDENCE_LEVELS`, the source or date is
        empty, or the key is already registered with different content.
    """
    if default.confidence not in CONFIDENCE_LEVELS:
        raise ScenarioError(f"{default.key}.confidence = {default.confidence!r} is unknown; "
                            f"choose one of: {', '.join(CONFIDENCE_LEVELS)}.")
    if not default.source.strip() or not default.date.strip():
        raise ScenarioError(f"{default.key} has no source or date; every economic default needs both.")
    known = _REGISTRY.get(default.key)
    if known is not None and known != default:
        raise ScenarioError(f"{default.key} is registered twice with different values or sources.")
    _REGISTRY[default.key] = default
    return default


def registered() -> tuple[Default, ...]:
    """Every registered default, sorted by key (imports the registering modules first)."""
    for module in REGISTERING_MODULES:
        importlib.import_module(module)
    return tuple(_REGISTRY[key] for key in sorted(_REGISTRY))


def lookup(key: str) -> Default:
    """The registered default ``key`` (ScenarioError naming close keys if unknown)."""
    registered()
    if key not in _REGISTRY:
        import difflib

        close = difflib.get_close_matches(key, list(_REGISTRY), n=1)
        hint = f" Did you mean '{close[0]}'?" if close else ""
        raise ScenarioError(f"provenance key {key!r} is unknown.{hint}")
    return _REGISTRY[key]


def defaults_with_prefix(prefixes: Iterable[str]) -> tuple[Default, ...]:
    """Registered defaults whose key starts with any of ``prefixes`` (what a run used)."""
    wanted = tuple(prefixes)
    return tuple(d for d in registered() if d.key.startswith(wanted))


def scenario_section_defaults(section: Any, prefix: str) -> tuple[Default, ...]:
    """Provenance of a scenario section's fields as set (value, source, date, confidence).

    Fields declared with ``json_schema_extra`` keys ``date`` and ``confidence`` carry
    them; others show ``"not recorded"`` and confidence ``low``.
    """
    out = []
    shown = section.model_dump(by_alias=True)
    for name, info in type(section).model_fields.items():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        key = info.alias or name
        value = getattr(section, name)
        out.append(Default(
            key=f"{prefix}.{key}",
            value_si=float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else float("nan"),
            text=str(shown.get(key, value)),
            unit="",
            source=str(extra.get("source", "not recorded")),
            date=str(extra.get("date", "not recorded")),
            confidence=str(extra.get("confidence", "low")),
        ))
    return tuple(out)
