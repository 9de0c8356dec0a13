"""What the mass driver can do per time step, per sample: the timeline's view of it.

The seam between the mass-driver models and the timeline.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from moonbase.massdriver.energy import mass_driver_energy_per_launch_j
from moonbase.timeline.params import Params


@dataclass(frozen=True)
class MassDriverCapacity:
    """Per-sample limits of the installed mass driver(s)."""

    payload_mass_kg: np.ndarray  # satellite mass per shot [kg]
    mass_per_step_kg: np.ndarray  # most payload mass it can fire in one step [kg]
    energy_per_kg_j_kg: np.ndarray  # electrical energy per kg of payload fired [J/kg]


def mass_driver_capacity(params: Params, step_s: float) -> MassDriverCapacity:
    """Throughput ceiling and energy per kg from the scenario's mass-driver block."""
    md = "mass_driver."
    p = params
    payload = p[md + "payload_mass_kg"]
    energy = mass_driver_energy_per_launch_j(
        payload, p[md + "carrier_mass_kg"], p[md + "exit_speed_m_s"], p[md + "efficiency"],
        p[md + "carrier_energy_recovery"])
    return MassDriverCapacity(
        payload_mass_kg=payload,
        mass_per_step_kg=p[md + "max_launch_rate_per_s"] * p[md + "availability"] * payload * step_s,
        energy_per_kg_j_kg=energy / payload,
    )
