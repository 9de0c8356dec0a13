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

import typing
from typing import Any

import numpy as np
from pydantic import BaseModel

from moonbase.constants import SECONDS_PER_YEAR
from moonbase.domain import Params
from moonbase.physics.photovoltaics import continuous_rate_per_s
from moonbase.city.step import CITY_CHOICES
from moonbase.massdriver.capacity import MASS_DRIVER_CHOICES
from moonbase.orbits.escape import ESCAPE_CHOICES
from moonbase.scenario.schema import City, EarthOrbit, LunarIndustry, MassDriver, Scenario, Trajectory
from moonbase.spacecraft.tier import EARTH_ORBIT_CHOICES

__all__ = ["Params", "Choices", "city_choices", "earth_orbit_choices", "escape_choices", "mass_driver_choices",
           "timeline_params",
           "timeline_choices", "scenario_fields",
           "continuous_growth_rate_per_s", "continuous_decline_rate_per_s", "GROWTH_FIELDS", "DECLINE_FIELDS"]

Choices = dict[str, Any]

# Fields given as compound annual growth (x(t+1 yr) = x(t) (1 + r)).
GROWTH_FIELDS = (
    "world.growth_per_s",
    "compute.improvement_per_s",
    "compute.supply_growth_per_s",
    "launch.growth_per_s",
    "launch.vehicles.growth_per_s",
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
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        key = f"{prefix}{name}"
        item = (typing.get_args(info.annotation) or (None,))[0]
        if isinstance(value, BaseModel):
            _flatten(value, key + ".", out)
        elif isinstance(value, bool):
            out[key] = value
        elif isinstance(value, (int, float)):
            out[key] = float(value)
        elif isinstance(value, list) and isinstance(item, type) and issubclass(item, BaseModel):
            _flatten_tables(item, value, key + ".", out)
        elif isinstance(value, list):
            out[key] = [float(v) for v in value]
        else:
            out[key] = value


def _flatten_tables(kind: type[BaseModel], tables: list[BaseModel], prefix: str, out: dict[str, Any]) -> None:
    """A list of tables of one kind (``[[launch.vehicles]]``): each numeric field as a list, one value a table."""
    for name, info in kind.model_fields.items():
        if info.annotation in (int, float):
            out[f"{prefix}{name}"] = [float(getattr(table, name)) for table in tables]


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


def _dotted(section: Any, path: str) -> str:
    for part in path.split("."):
        section = getattr(section, part)
    return str(section)


def city_choices(scenario: Scenario | None = None) -> dict[str, str]:
    """The city's model choices (:data:`moonbase.city.step.CITY_CHOICES`); the schema's defaults if None.

    ``habitat_shell`` from the ``city`` block; ``extraction_process`` and ``regolith`` from
    the ``lunar`` block (they set the oxygen the industry releases).
    """
    if scenario is None:  # the schema's defaults, read without building (and validating) the sections
        fields = {"habitat_shell": City.model_fields["habitat_shell"],
                  "extraction_process": LunarIndustry.model_fields["extraction_process"],
                  "regolith": LunarIndustry.model_fields["regolith"]}
        return {name: str(fields[name].default) for name in CITY_CHOICES}
    sections = {"habitat_shell": scenario.city, "extraction_process": scenario.lunar, "regolith": scenario.lunar}
    return {name: _dotted(sections[name], name) for name in CITY_CHOICES}


def mass_driver_choices(section: MassDriver | None = None) -> dict[str, str]:
    """The mass driver's model choices (:data:`moonbase.massdriver.capacity.MASS_DRIVER_CHOICES`) of a block."""
    section = MassDriver() if section is None else section
    return {name: _dotted(section, name) for name in MASS_DRIVER_CHOICES}


def escape_choices(section: Trajectory | None = None) -> dict[str, str]:
    """The escape model's choices (:data:`moonbase.orbits.escape.ESCAPE_CHOICES`) of a ``trajectory`` block."""
    section = Trajectory() if section is None else section
    return {name: _dotted(section, name) for name in ESCAPE_CHOICES}


def earth_orbit_choices(section: EarthOrbit | None = None) -> dict[str, str]:
    """The Earth-orbit tier's choices (:data:`moonbase.spacecraft.tier.EARTH_ORBIT_CHOICES`): its orbit kind."""
    section = EarthOrbit() if section is None else section
    return {name: _dotted(section, name) for name in EARTH_ORBIT_CHOICES}


def timeline_choices(scenario: Scenario | None) -> Choices:
    """Every model choice of a scenario, keyed by the subsystem that uses it (the schema's defaults if None)."""
    if scenario is None:
        return {"mass_driver": mass_driver_choices(), "city": city_choices(), "trajectory": escape_choices(),
                "earth_orbit": earth_orbit_choices(), "lunar": {"site": LunarIndustry().site.value}}
    return {"mass_driver": mass_driver_choices(scenario.mass_driver), "city": city_choices(scenario),
            "trajectory": escape_choices(scenario.trajectory), "earth_orbit": earth_orbit_choices(scenario.earth_orbit),
            "lunar": {"site": scenario.lunar.site.value}}
