"""Specific power of each tier's satellites, from the scenario's satellite designs.

The seam between the spacecraft models and the timeline: the timeline asks for one
number per sample and tier (compute watts per kg of satellite) and never sees the
design details.
"""

from __future__ import annotations

import numpy as np

from moonbase.constants import SOLAR_CONSTANT_W_M2
from moonbase.physics.solar_flux import solar_flux_w_m2
from moonbase.spacecraft.mass_budget import satellite_specific_power_w_kg
from moonbase.timeline.params import Params

TIER_FLUX = {
    # dawn-dusk sun-synchronous LEO: the array sees the full solar constant at 1 au
    "earth_orbit": lambda p: np.full_like(p["earth_orbit.satellite_mass_kg"], SOLAR_CONSTANT_W_M2),
    "deep_space": lambda p: solar_flux_w_m2(p["deep_space.heliocentric_distance_m"]),
}


def tier_specific_power_w_kg(params: Params, tier: str) -> np.ndarray:
    """Compute power per kg of a tier's satellites, per sample [W/kg]."""
    d = f"{tier}.design."
    p = params
    return satellite_specific_power_w_kg(
        TIER_FLUX[tier](p), p[d + "cell_efficiency"], p[d + "packing_factor"],
        p[d + "array_areal_density_kg_m2"], p[d + "compute_specific_mass_kg_w"],
        p[d + "radiator_temperature_k"], p[d + "radiator_emissivity"],
        p[d + "radiator_sides"], p[d + "radiator_areal_density_kg_m2"],
        p[d + "sink_temperature_k"], p[d + "bus_power_fraction"],
        p[d + "structure_mass_fraction"], p[d + "other_mass_fraction"],
    )
