"""The scenario seen flat: parameter arrays with a leading sample axis, and model choices.

The timeline reads its inputs as ``params["mass_driver.exit_speed_m_s"]``: one numpy
array of shape ``(samples,)`` per numeric scenario field, keyed by the dotted path of
the Python attribute (SI unit in the name). A Monte Carlo run replaces entries with
sampled arrays; nothing else changes. Compound annual rates written in the scenario
as ``"%/yr"`` are converted here, once, to the continuous rates the models use. Model
choices (strings) travel beside the numbers in :func:`timeline_choices`, keyed by the
subsystem that reads them.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from pydantic import BaseModel

from moonbase.constants import SECONDS_PER_YEAR
from moonbase.domain import Params
from moonbase.physics.photovoltaics import continuous_rate_per_s
from moonbase.scenario.schema import Scenario
from moonbase.timeline.city import city_choices
from moonbase.timeline.mass_driver_capacity import mass_driver_choices

__all__ = ["Params", "Choices", "timeline_params", "timeline_choices", "scenario_fields",
           "continuous_growth_rate_per_s", "continuous_decline_rate_per_s", "GROWTH_FIELDS", "DECLINE_FIELDS"]

Choices = dict[str, Any]

# Fields given as compound annual growth (x(t+1 yr) = x(t) (1 + r)).
GROWTH_FIELDS = (
    "world.growth_per_s",
    "compute.improvement_per_s",
    "compute.supply_growth_per_s",
    "launch.growth_per_s",
    "ground.growth_per_s",
)
# Fields given as compound annual losses (x(t+1 yr) = x(t) (1 - d)).
DECLINE_FIELDS = (
    "earth_orbit.failure_rate_per_s",
    "deep_space.failure_rate_per_s",
    "earth_orbit.design.array_degradation_per_s",
    "deep_space.design.array_degradation_per_s",
)


def continuous_growth_rate_per_s(compound_rate_per_s):
    """Continuous rate k [1/s] equal to a compound annual growth rate r [1/s].

    ``k = ln(1 + r * yr) / yr``: 40 %/yr compound is 33.6 %/yr continuous.
    """
    annual = np.asarray(compound_rate_per_s, dtype=float) * SECONDS_PER_YEAR
    return np.log1p(annual) / SECONDS_PER_YEAR


def continuous_decline_rate_per_s(compound_loss_per_s):
    """Continuous decay rate k [1/s] equal to a compound annual loss d [1/s].

    ``k = -ln(1 - d * yr) / yr``: losing 2 %/yr compound is 2.02 %/yr continuous.
    """
    return continuous_rate_per_s(np.asarray(compound_loss_per_s, dtype=float) * SECONDS_PER_YEAR)


def _flatten(model: BaseModel, prefix: str, out: dict[str, Any]) -> None:
    for name in type(model).model_fields:
        value = getattr(model, name)
        key = f"{prefix}{name}"
        if isinstance(value, BaseModel):
            _flatten(value, key + ".", out)
        elif isinstance(value, bool):
            out[key] = value
        elif isinstance(value, (int, float)):
            out[key] = float(value)
        elif isinstance(value, list):
            out[key] = [float(v) for v in value]
        else:
            out[key] = value


def scenario_fields(scenario: Scenario) -> dict[str, Any]:
    """Every field of the scenario by dotted attribute path (SI floats, bools, lists, str)."""
    out: dict[str, Any] = {}
    _flatten(scenario, "", out)
    return out


def timeline_params(scenario: Scenario, samples: int = 1) -> Params:
    """Numeric scenario fields as ``(samples,)`` arrays, rates made continuous.

    Booleans become 0/1 floats; lists (e.g. ``lunar.local_fractions``) become
    ``(samples, n)`` arrays; strings (names, model choices) are left out. Lunar
    fields the scenario does not give hold what its choices imply
    (:meth:`moonbase.scenario.schema.LunarIndustry.derived_values`).
    """
    params: Params = {}
    for key, value in scenario_fields(scenario).items():
        if isinstance(value, bool):
            params[key] = np.full(samples, 1.0 if value else 0.0)
        elif isinstance(value, float):
            params[key] = np.full(samples, value)
        elif isinstance(value, list):
            params[key] = np.tile(np.asarray(value, dtype=float), (samples, 1))
    for key in GROWTH_FIELDS:
        params[key] = continuous_growth_rate_per_s(params[key])
    for key in DECLINE_FIELDS:
        params[key] = continuous_decline_rate_per_s(params[key])
    return params


def timeline_choices(scenario: Scenario | None) -> Choices:
    """Every model choice of a scenario, keyed by the subsystem that uses it (empty if None)."""
    if scenario is None:
        return {}
    return {"mass_driver": mass_driver_choices(scenario.mass_driver), "city": city_choices(scenario)}
