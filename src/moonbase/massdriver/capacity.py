"""What the mass driver can do per time step, per sample: its capacity in the system model.

The scenario's ``[mass_driver]`` block is turned into a whole machine by
:func:`moonbase.massdriver.design.mass_driver_design`; the system model reads its ceiling
on payload mass per step, its energy per kg, its power, and the mass that must be landed
from Earth before the first launch.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np

from moonbase.industry.lunar_power import illumination_fraction
from moonbase.massdriver.design import MassDriverDesign, MassDriverInputs, mass_driver_design
from moonbase.massdriver.energy import mass_driver_energy_per_launch_j
from moonbase.domain import Params

__all__ = ["MASS_DRIVER_CHOICES", "MassDriverCapacity", "mass_driver_inputs", "mass_driver_capacity"]

_MD = "mass_driver."
_EM = "mass_driver.electromagnetics."
#: Model choices (strings) of the scenario's mass-driver block that the machine reads; params carry
#: numbers only. ``energy_model`` is ``"coil_stage"`` (the design's energy per kg) or ``"lumped"``
#: (one efficiency, :func:`moonbase.massdriver.energy.mass_driver_energy_per_launch_j`).
MASS_DRIVER_CHOICES = ("energy_model", "storage", "illumination_site", "night_operation", "electromagnetics.conductor",
                       "fleet.policy", "supply.kind")
#: The ``energy_model`` choice that uses one lumped efficiency instead of the coil-stage design.
LUMPED_ENERGY_MODEL = "lumped"


@dataclass(frozen=True)
class MassDriverCapacity:
    """Per-sample limits and needs of the installed mass driver(s); arrays of shape ``(samples,)``."""

    payload_mass_kg: np.ndarray  # satellite mass per shot [kg]
    mass_per_step_kg: np.ndarray  # most payload mass it can fire in one step (availability, night) [kg]
    energy_per_kg_j_kg: np.ndarray  # electrical energy from the base per kg of payload fired [J/kg]
    firing_power_w: np.ndarray  # average power drawn while firing at the full rate [W]
    average_power_w: np.ndarray  # time-averaged power at the full rate (availability, night idle) [W]
    peak_power_w: np.ndarray  # pulse-store output with every launch on the track [W]
    storage_energy_j: np.ndarray  # pulse store [J]
    earth_made_mass_kg: np.ndarray  # machine mass to land from Earth before the first launch [kg]
    lunar_made_mass_kg: np.ndarray  # machine mass the lunar industry must make before the first launch [kg]
    solar_field_mass_kg: np.ndarray  # the driver's own solar field, part of lunar_made_mass_kg [kg]
    earth_delivery_cost_usd: np.ndarray  # cost of the Earth-made part, landed [USD]
    track_length_m: np.ndarray  # accelerator + braking section [m]
    useful_payload_fraction: np.ndarray  # payload left after ruggedising for the g-load [-]


def mass_driver_inputs(params: Params, choices: Mapping[str, str]) -> MassDriverInputs:
    """Design inputs from the flat parameter arrays and the block's model choices (:data:`MASS_DRIVER_CHOICES`)."""
    picked = dict(choices)
    p: Mapping[str, Any] = params
    return MassDriverInputs(
        exit_speed_m_s=p[_MD + "exit_speed_m_s"], max_acceleration_m_s2=p[_MD + "max_acceleration_m_s2"],
        jerk_m_s3=p[_MD + "ramp_jerk_m_s3"], payload_mass_kg=p[_MD + "payload_mass_kg"],
        carrier_mass_kg=p[_MD + "carrier_mass_kg"], carrier_rating_kg=p[_MD + "carrier_rating_kg"],
        launch_rate_per_s=p[_MD + "max_launch_rate_per_s"], availability=p[_MD + "availability"],
        carrier_energy_recovery=p[_MD + "carrier_energy_recovery"],
        braking_deceleration_m_s2=p[_MD + "braking_deceleration_m_s2"], return_speed_m_s=p[_MD + "return_speed_m_s"],
        turnaround_s=p[_MD + "turnaround_s"], air_gap_field_t=p[_EM + "air_gap_field_t"],
        magnet_length_m=p[_EM + "magnet_length_m"], magnet_width_m=p[_EM + "magnet_width_m"],
        stage_length_m=p[_EM + "stage_length_m"], turns_per_stage=p[_EM + "turns_per_stage"],
        temperature_rise_k=p[_EM + "temperature_rise_k"], max_current_density_a_m2=p[_EM + "max_current_density_a_m2"],
        end_winding_factor=p[_EM + "end_winding_factor"], converter_efficiency=p[_EM + "converter_efficiency"],
        illumination_fraction=np.full(np.shape(p[_MD + "exit_speed_m_s"]),
                                      illumination_fraction(picked["illumination_site"])),
        solar_cell_efficiency=p[_MD + "solar_cell_efficiency"], solar_packing_factor=p[_MD + "solar_packing_factor"],
        solar_areal_density_kg_m2=p[_MD + "solar_areal_density_kg_m2"],
        radiator_temperature_k=p[_MD + "radiator_temperature_k"], radiator_emissivity=p[_MD + "radiator_emissivity"],
        radiator_areal_density_kg_m2=p[_MD + "radiator_areal_density_kg_m2"],
        sink_temperature_k=p[_MD + "sink_temperature_k"],
        guideway_linear_density_kg_m=p[_MD + "guideway_linear_density_kg_m"],
        switch_specific_mass_kg_w=p[_MD + "switch_specific_mass_kg_w"],
        delivered_cost_usd_per_kg=p[_MD + "delivered_cost_usd_per_kg"], power_available_w=p[_MD + "power_available_w"],
        satellite_rated_acceleration_m_s2=p[_MD + "satellite_rated_acceleration_m_s2"],
        satellite_structure_fraction=p["deep_space.design.structure_mass_fraction"],
        ruggedisation_exponent=p[_MD + "ruggedisation_exponent"],
        conductor=picked["electromagnetics.conductor"], storage=picked["storage"],
        night_operation=picked["night_operation"],
    )


def _lumped_energy_per_kg_j_kg(params: Params) -> np.ndarray:
    payload = params[_MD + "payload_mass_kg"]
    energy = mass_driver_energy_per_launch_j(
        payload, params[_MD + "carrier_mass_kg"], params[_MD + "exit_speed_m_s"], params[_MD + "efficiency"],
        params[_MD + "carrier_energy_recovery"])
    return energy / payload


def mass_driver_capacity(params: Params, step_s: float, choices: Mapping[str, str],
                         design: MassDriverDesign | None = None) -> MassDriverCapacity:
    """Throughput ceiling, energy per kg, power and machine mass from the scenario's mass-driver block.

    Parameters
    ----------
    params : Params
        Flat parameter arrays, ``(samples,)`` each.
    step_s : float
        Time step [s].
    choices : mapping
        The scenario's model choices, keyed by :data:`MASS_DRIVER_CHOICES`.
    design : MassDriverDesign, optional
        An already computed design of the same params (saves recomputing it).
    """
    picked = dict(choices)
    built = design if design is not None else mass_driver_design(mass_driver_inputs(params, picked))
    payload = np.asarray(params[_MD + "payload_mass_kg"], dtype=float)
    if picked["energy_model"] == LUMPED_ENERGY_MODEL:
        energy_per_kg = _lumped_energy_per_kg_j_kg(params)
    else:
        energy_per_kg = np.asarray(built.energy_per_kg_j_kg)

    def arr(value) -> np.ndarray:
        return np.broadcast_to(np.asarray(value, dtype=float), payload.shape).copy()

    return MassDriverCapacity(
        payload_mass_kg=payload,
        mass_per_step_kg=arr(built.throughput_kg_s) * step_s,
        energy_per_kg_j_kg=arr(energy_per_kg),
        firing_power_w=arr(built.firing_power_w),
        average_power_w=arr(built.average_power_w),
        peak_power_w=arr(built.peak_power_w),
        storage_energy_j=arr(built.storage_energy_j),
        earth_made_mass_kg=arr(built.mass_from_earth_kg),
        lunar_made_mass_kg=arr(built.mass_lunar_kg),
        solar_field_mass_kg=arr(built.solar_field_mass_kg),
        earth_delivery_cost_usd=arr(built.earth_delivery_cost_usd),
        track_length_m=arr(built.track_length_m),
        useful_payload_fraction=arr(built.useful_payload_kg) / payload,
    )
