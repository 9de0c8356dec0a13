"""Model choices (strings and enums) the timeline's seams need; params carry numbers only."""

from __future__ import annotations

from typing import Any

from moonbase.scenario.schema import Scenario
from moonbase.timeline.city import city_choices
from moonbase.timeline.mass_driver_capacity import mass_driver_choices

Choices = dict[str, Any]


def timeline_choices(scenario: Scenario | None) -> Choices:
    """Every model choice of a scenario, keyed by the seam that uses it (schema defaults if None)."""
    if scenario is None:
        return {}
    return {"mass_driver": mass_driver_choices(scenario.mass_driver), "city": city_choices(scenario)}
