"""Lunar-made compute satellites in heliocentric orbit."""

from __future__ import annotations

from pydantic import Field

from moonbase.scenario.fields import field
from moonbase.scenario.schema.base import _OWN, AnnualDecline, Distance, Fraction, Section
from moonbase.scenario.schema.satellite import SatelliteDesign


class DeepSpace(Section):
    """Lunar-made AI satellites in heliocentric orbit."""

    enabled: bool = Field(True, description="Deploy the deep-space tier.", json_schema_extra={"source": "scenario switch; the Moonbase Alpha architecture has every tier"})
    design: SatelliteDesign = Field(
        default_factory=lambda: SatelliteDesign.model_validate({"preset": "deep-space-lunar"}),
        description="Satellite design (lunar-made: cruder and heavier than Earth-made; a preset and overrides).")
    heliocentric_distance_m: Distance = field("1 AU", "heliocentric_distance", "Mean distance from the Sun.",
                                              "Escape at low excess speed leaves payloads near 1 au")
    failure_rate_per_s: AnnualDecline = field("2 %/yr", "failure_rate", "Random failures per year.", _OWN)
    earth_made_mass_fraction: Fraction = field(0.05, "earth_made_mass_fraction",
                                               "Fraction of satellite mass imported from Earth (chips) before the lunar fab.", _OWN)
