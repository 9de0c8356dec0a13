"""Model choices (strings and enums) the subsystems' steps need; params carry numbers only."""

from __future__ import annotations

from typing import Any

from moonbase.city.step import CITY_CHOICES
from moonbase.massdriver.capacity import MASS_DRIVER_CHOICES
from moonbase.orbits.escape import ESCAPE_CHOICES
from moonbase.scenario.schema import City, LunarIndustry, MassDriver, Scenario, Trajectory

Choices = dict[str, Any]


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


def timeline_choices(scenario: Scenario | None) -> Choices:
    """Every model choice of a scenario, keyed by the subsystem that uses it (schema defaults if None)."""
    if scenario is None:
        return {"mass_driver": mass_driver_choices(), "city": city_choices(), "trajectory": escape_choices()}
    return {"mass_driver": mass_driver_choices(scenario.mass_driver), "city": city_choices(scenario),
            "trajectory": escape_choices(scenario.trajectory)}
