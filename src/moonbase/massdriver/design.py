"""A whole mass driver from its design inputs: track, stages, power, storage, mass, throughput.

:func:`mass_driver_design` ties the models of this package together (kinematics,
electromagnetics, power and storage, mass model, throughput). It is vectorised: every
input may be an array over samples; outputs broadcast. Design note:
``docs/design/mass_driver_machine.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import StrEnum
from typing import NamedTuple

import numpy as np

from moonbase.constants import SECONDS_PER_YEAR
from moonbase.domain import require, scalar_or_array
from moonbase.errors import ModelDomainError
from moonbase.industry.lunar_power import lunar_night_duration_s, night_storage_energy_j
from moonbase.massdriver.electromagnetics import CoilStageProfile, coil_stage_profile
from moonbase.massdriver.kinematics import (
    braking_length_m,
    ruggedisation_mass_fraction,
    time_on_track_s,
)
from moonbase.massdriver.mass_model import (
    EARTH_MADE_FRACTION,
    MassBreakdown,
    earth_delivery_cost_usd,
    mass_breakdown,
    switch_mass_kg,
)
from moonbase.massdriver.power_storage import (
    pulse_store_energy_j,
    solar_array_area_m2,
    storage_mass_kg,
    storage_technology,
)
from moonbase.massdriver.throughput import (
    carrier_cycle_time_s,
    carriers_in_circulation,
    mass_driver_throughput_kg_s,
    max_launch_rate_per_s,
)
from moonbase.physics.radiator import radiator_area_m2

__all__ = ["MassDriverEnergyModel", "NightOperation", "NIGHT_OPERATIONS", "MassDriverInputs", "MassDriverDesign",
           "mass_driver_design"]


class MassDriverEnergyModel(StrEnum):
    """Where the mass driver's energy per launch comes from."""

    COIL_STAGE = "coil_stage"  # the stage-by-stage linear-motor design (moonbase.massdriver.design)
    LUMPED = "lumped"  # one electrical-to-kinetic efficiency (mass_driver.efficiency)


class NightOperation(StrEnum):
    """What the driver does when its solar field is dark."""

    IDLE = "idle"  # fire only in sunlight
    STORED = "stored"  # fire through the night from a battery bank charged by a larger solar field


#: The values of :class:`NightOperation`.
NIGHT_OPERATIONS = tuple(op.value for op in NightOperation)


@dataclass(frozen=True)
class MassDriverInputs:
    """Every design input in SI (floats or arrays over samples) plus the model choices."""

    exit_speed_m_s: object
    max_acceleration_m_s2: object
    jerk_m_s3: object
    payload_mass_kg: object
    carrier_mass_kg: object
    carrier_rating_kg: object  # largest payload a carrier is built for [kg]
    launch_rate_per_s: object  # shots per second while firing
    availability: object  # fraction of time able to fire (maintenance) [-]
    carrier_energy_recovery: object  # carrier kinetic energy recovered when braking [-]
    braking_deceleration_m_s2: object
    return_speed_m_s: object
    turnaround_s: object
    air_gap_field_t: object
    magnet_length_m: object
    magnet_width_m: object
    stage_length_m: object
    turns_per_stage: object
    temperature_rise_k: object
    max_current_density_a_m2: object
    end_winding_factor: object
    converter_efficiency: object
    illumination_fraction: object
    solar_cell_efficiency: object
    solar_packing_factor: object
    solar_areal_density_kg_m2: object
    radiator_temperature_k: object
    radiator_emissivity: object
    radiator_areal_density_kg_m2: object
    sink_temperature_k: object
    guideway_linear_density_kg_m: object
    switch_specific_mass_kg_w: object
    delivered_cost_usd_per_kg: object
    power_available_w: object
    satellite_rated_acceleration_m_s2: object
    satellite_structure_fraction: object
    ruggedisation_exponent: object
    conductor: str = "aluminium"
    storage: str = "flywheel"
    night_operation: str = "idle"


@dataclass(frozen=True)
class MassDriverDesign:
    """The designed machine (SI; arrays broadcast over samples)."""

    inputs: MassDriverInputs
    stages: CoilStageProfile
    # kinematics
    accelerator_length_m: object
    braking_length_m: object
    track_length_m: object  # accelerator + braking section
    time_on_track_s: object
    braking_time_s: object
    # energy and power
    kinetic_energy_j: object  # payload kinetic energy at the muzzle
    stage_energy_per_launch_j: object  # delivered to the stages by the store
    energy_per_launch_j: object  # drawn from the power system (storage losses, braking recovery)
    overall_efficiency: object  # payload kinetic energy / energy_per_launch_j
    launch_peak_power_w: object  # one launch's peak electrical power
    peak_power_w: object  # store output with every launch on the track
    firing_power_w: object  # average power while the driver fires
    average_power_w: object  # time average, availability and night included
    energy_per_kg_j_kg: object  # per kg of payload
    # storage and supply
    launches_in_flight: object
    storage_energy_j: object
    storage_mass_kg: object
    night_storage_energy_j: object
    night_store_mass_kg: object
    solar_field_area_m2: object
    solar_field_mass_kg: object
    waste_heat_w: object
    radiator_area_m2: object
    radiator_mass_kg: object
    # mass and cost
    mass: MassBreakdown
    mass_total_kg: object
    mass_from_earth_kg: object
    mass_lunar_kg: object
    earth_delivery_cost_usd: object
    # throughput
    cycle_time_s: object
    carriers: object
    effective_availability: object
    throughput_kg_s: object
    throughput_kg_per_year: object
    ruggedisation_mass_fraction: object
    useful_payload_kg: object  # payload minus the extra structure the g-load costs
    energy_per_useful_kg_j_kg: object


def _check_choices(inputs: MassDriverInputs) -> None:
    if inputs.night_operation not in NIGHT_OPERATIONS:
        raise ModelDomainError(f"night_operation = {inputs.night_operation!r} is unknown; "
                               f"choose one of: {', '.join(NIGHT_OPERATIONS)}.")


def _check_limits(payload, rating, rate, bus_energy, power_available, effective_rate_share) -> None:
    require(payload > 0.0, "payload_mass_kg", payload, "a payload mass > 0 kg")
    require(rate > 0.0, "launch_rate_per_s", rate, "a shot rate > 0 per s")
    over = payload > rating
    if np.any(over):
        shown = np.broadcast_to(payload, over.shape)[over].flat[0]
        limit = np.broadcast_to(rating, over.shape)[over].flat[0]
        raise ModelDomainError(f"payload_mass_kg = {shown:g} kg is above the carrier's rating "
                               f"carrier_rating_kg = {limit:g} kg; expected a payload <= the rating "
                               "(raise the rating, which makes the carrier heavier, or fire lighter payloads).")
    max_rate = max_launch_rate_per_s(power_available, bus_energy * effective_rate_share)
    short = rate > max_rate * (1.0 + 1e-12)
    if np.any(short):
        first = np.broadcast_to(rate, short.shape)[short].flat[0]
        cap = np.broadcast_to(max_rate, short.shape)[short].flat[0]
        supply = np.broadcast_to(power_available, short.shape)[short].flat[0]
        need = first * np.broadcast_to(bus_energy * effective_rate_share, short.shape)[short].flat[0]
        raise ModelDomainError(f"launch_rate_per_s = {first:g} needs {need / 1e9:.3g} GW from the power system, "
                               f"which supplies power_available_w = {supply / 1e9:.3g} GW; "
                               f"expected a rate <= {cap:.3g} per s.")


def mass_driver_design(inputs: MassDriverInputs, n_segments: int = 256) -> MassDriverDesign:
    """Design a lunar mass driver from its inputs.

    Parameters
    ----------
    inputs : MassDriverInputs
        Design inputs in SI (scalars or arrays over samples) and model choices.
    n_segments : int, optional
        Integration segments of the electromagnetic profile.

    Returns
    -------
    MassDriverDesign
        Track, stages, energy and power, storage, mass split, cost and throughput.

    Raises
    ------
    ModelDomainError
        A speed or acceleration <= 0, a payload above the carrier's rating, a rate
        the power system cannot supply, or any argument outside its model's range.

    Notes
    -----
    Energy drawn from the power system per launch:

    .. math:: E = E_{stages}/\\eta_{store} - \\rho\\,\\tfrac12 m_c v^2 \\ \\ge\\ \\tfrac12 m_p v^2

    where :math:`E_{stages}` comes from :func:`~moonbase.massdriver.electromagnetics.coil_stage_profile`.
    The solar field supplies the firing power while lit; with ``night_operation = "idle"``
    the driver fires only in sunlight (availability times illumination), with
    ``"stored"`` a battery bank carries it through the night and the field is
    oversized to charge it. Waste heat, :math:`(E - \\tfrac12 m_p v^2) f`, is
    rejected by radiators at ``radiator_temperature_k``.

    Examples
    --------
    See ``moonbase massdriver --help`` and ``tests/massdriver/test_design.py``.
    """
    _check_choices(inputs)
    i = inputs
    arr = {f.name: np.asarray(getattr(i, f.name), dtype=float) for f in fields(i)
           if f.name not in ("conductor", "storage", "night_operation")}
    speed, accel, payload = arr["exit_speed_m_s"], arr["max_acceleration_m_s2"], arr["payload_mass_kg"]
    require(speed > 0.0, "exit_speed_m_s", i.exit_speed_m_s, "a speed > 0 m/s")
    require(accel > 0.0, "max_acceleration_m_s2", i.max_acceleration_m_s2, "an acceleration > 0 m/s2")
    carrier = arr["carrier_mass_kg"]
    store = storage_technology(i.storage)
    lit = arr["illumination_fraction"]
    require((lit > 0.0) & (lit <= 1.0), "illumination_fraction", i.illumination_fraction, "a fraction in (0, 1]")

    stages = coil_stage_profile(
        speed, accel, payload + carrier, jerk_m_s3=arr["jerk_m_s3"], air_gap_field_t=arr["air_gap_field_t"],
        magnet_length_m=arr["magnet_length_m"], magnet_width_m=arr["magnet_width_m"],
        stage_length_m=arr["stage_length_m"], turns_per_stage=arr["turns_per_stage"], conductor_name=i.conductor,
        temperature_rise_k=arr["temperature_rise_k"], max_current_density_a_m2=arr["max_current_density_a_m2"],
        end_winding_factor=arr["end_winding_factor"], converter_efficiency=arr["converter_efficiency"],
        n_segments=n_segments)
    on_track = np.asarray(time_on_track_s(speed, accel, arr["jerk_m_s3"]))
    braking = np.asarray(braking_length_m(speed, arr["braking_deceleration_m_s2"]))
    braking_time = speed / arr["braking_deceleration_m_s2"]

    kinetic = 0.5 * payload * speed**2
    stage_energy = np.asarray(stages.launch_electrical_energy_j)
    bus_energy = stage_energy / store.round_trip_efficiency - arr["carrier_energy_recovery"] * 0.5 * carrier * speed**2
    stored_night = i.night_operation == "stored"
    # share of a day's launches the supply must carry per shot (stored: battery losses on the night share)
    night_battery = storage_technology("battery")
    supply_share = np.where(stored_night, lit + (1.0 - lit) / night_battery.round_trip_efficiency, 1.0)
    _check_limits(payload, arr["carrier_rating_kg"], arr["launch_rate_per_s"], bus_energy,
                  arr["power_available_w"], supply_share)

    rate = arr["launch_rate_per_s"]
    in_flight = rate * on_track
    firing_power = bus_energy * rate
    effective_availability = arr["availability"] * (1.0 if stored_night else lit)
    average_power = firing_power * effective_availability
    launch_peak = np.asarray(stages.peak_power_w)
    # overlapping launches, spaced 1/rate, with power rising along the track: sum <= P_peak + rate E
    peak = np.where(in_flight > 1.0, launch_peak + rate * stage_energy, launch_peak)
    storage_energy = np.asarray(pulse_store_energy_j(stage_energy, in_flight, store.usable_fraction))
    store_power = np.maximum(peak - firing_power, launch_peak - firing_power * np.minimum(in_flight, 1.0))
    store_mass = np.asarray(storage_mass_kg(storage_energy, np.maximum(store_power, 0.0), store.specific_energy_j_kg,
                                            store.specific_power_w_kg))

    plant = _site_plant(arr, stored_night, firing_power, supply_share, lit,
                        np.maximum(bus_energy - kinetic, 0.0) * rate)
    night_energy, night_mass, field_area, field_mass = (plant.night_energy_j, plant.night_mass_kg,
                                                        plant.field_area_m2, plant.field_mass_kg)
    waste_heat, radiator_area, radiator_mass = plant.waste_heat_w, plant.radiator_area_m2, plant.radiator_mass_kg

    return_length = np.asarray(stages.length_m) + braking
    cycle = np.asarray(carrier_cycle_time_s(on_track, braking_time, return_length, arr["return_speed_m_s"],
                                            arr["turnaround_s"]))
    carriers = np.asarray(carriers_in_circulation(rate, cycle))
    breakdown = _machine_mass(arr, stages, braking, return_length, store, store_mass, carriers * carrier, plant)
    earth = np.asarray(breakdown.earth_made_kg)

    throughput = np.asarray(mass_driver_throughput_kg_s(rate, payload, effective_availability))
    rugged, useful, per_useful = _useful_payload(arr, bus_energy)
    s = scalar_or_array
    return MassDriverDesign(
        inputs=inputs, stages=stages,
        accelerator_length_m=stages.length_m, braking_length_m=s(braking),
        track_length_m=s(np.asarray(stages.length_m) + braking), time_on_track_s=s(on_track),
        braking_time_s=s(braking_time),
        kinetic_energy_j=s(kinetic), stage_energy_per_launch_j=s(stage_energy), energy_per_launch_j=s(bus_energy),
        overall_efficiency=s(kinetic / bus_energy), launch_peak_power_w=stages.peak_power_w, peak_power_w=s(peak),
        firing_power_w=s(firing_power), average_power_w=s(average_power), energy_per_kg_j_kg=s(bus_energy / payload),
        launches_in_flight=s(in_flight), storage_energy_j=s(storage_energy), storage_mass_kg=s(store_mass),
        night_storage_energy_j=s(night_energy), night_store_mass_kg=s(night_mass),
        solar_field_area_m2=s(field_area), solar_field_mass_kg=s(field_mass), waste_heat_w=s(waste_heat),
        radiator_area_m2=s(radiator_area), radiator_mass_kg=s(radiator_mass),
        mass=breakdown, mass_total_kg=breakdown.total_kg, mass_from_earth_kg=breakdown.earth_made_kg,
        mass_lunar_kg=breakdown.lunar_made_kg,
        earth_delivery_cost_usd=earth_delivery_cost_usd(earth, arr["delivered_cost_usd_per_kg"]),
        cycle_time_s=s(cycle), carriers=s(carriers), effective_availability=s(np.asarray(effective_availability)),
        throughput_kg_s=s(throughput), throughput_kg_per_year=s(throughput * SECONDS_PER_YEAR),
        ruggedisation_mass_fraction=s(rugged), useful_payload_kg=s(useful), energy_per_useful_kg_j_kg=s(per_useful),
    )


def _machine_mass(arr, stages, braking_length_m, return_length_m, store, store_mass_kg, carriers_mass_kg, plant):
    """Mass of each part of the machine [kg], split into Earth-made and lunar-made (:func:`mass_breakdown`)."""
    masses = {
        "guideway": (np.asarray(stages.length_m) + braking_length_m + return_length_m)
        * arr["guideway_linear_density_kg_m"],
        "windings": np.asarray(stages.conductor_mass_kg),
        "switches": np.asarray(switch_mass_kg(stages.switch_rating_w, arr["switch_specific_mass_kg_w"])),
        "pulse_store": store_mass_kg,
        "carriers": carriers_mass_kg,
        "solar_field": plant.field_mass_kg,
        "radiators": plant.radiator_mass_kg,
        "night_store": plant.night_mass_kg,
    }
    return mass_breakdown(masses, dict(EARTH_MADE_FRACTION, pulse_store=store.earth_made_fraction))


def _useful_payload(arr, bus_energy_j):
    """Ruggedisation mass fraction [-], useful payload [kg] and bus energy per useful kg [J/kg] of a launch."""
    payload = arr["payload_mass_kg"]
    rugged = np.asarray(ruggedisation_mass_fraction(arr["max_acceleration_m_s2"],
                                                    arr["satellite_rated_acceleration_m_s2"],
                                                    arr["satellite_structure_fraction"],
                                                    arr["ruggedisation_exponent"]))
    useful = payload * np.maximum(1.0 - rugged, 0.0)
    with np.errstate(divide="ignore"):
        per_useful = np.where(useful > 0.0, bus_energy_j / np.where(useful > 0.0, useful, 1.0), np.inf)
    return rugged, useful, per_useful


class _SitePlant(NamedTuple):
    """The driver's own power plant at its site: night store, solar field and radiators (SI)."""

    night_energy_j: np.ndarray
    night_mass_kg: np.ndarray
    field_area_m2: np.ndarray
    field_mass_kg: np.ndarray
    waste_heat_w: np.ndarray
    radiator_area_m2: np.ndarray
    radiator_mass_kg: np.ndarray


def _site_plant(arr: dict[str, np.ndarray], stored_night: bool, firing_power, supply_share, lit,
                waste_heat_w) -> _SitePlant:
    """Size the driver's solar field (with a battery for the night when it fires through it) and radiators."""
    night_battery = storage_technology("battery")
    night_s = np.asarray(lunar_night_duration_s(lit))
    if stored_night:
        night_energy = np.asarray(night_storage_energy_j(firing_power * arr["availability"], night_s)
                                  ) / night_battery.usable_fraction
        night_mass = np.asarray(storage_mass_kg(night_energy, firing_power, night_battery.specific_energy_j_kg,
                                                night_battery.specific_power_w_kg))
        field_power = firing_power * supply_share / lit
    else:
        night_energy = np.zeros_like(firing_power)
        night_mass = np.zeros_like(firing_power)
        field_power = firing_power
    field_area = np.asarray(solar_array_area_m2(field_power, arr["solar_cell_efficiency"], arr["solar_packing_factor"]))
    radiator_area = np.asarray(radiator_area_m2(waste_heat_w, arr["radiator_temperature_k"],
                                                arr["radiator_emissivity"], sides=2,
                                                sink_temperature_k=arr["sink_temperature_k"]))
    return _SitePlant(night_energy_j=night_energy, night_mass_kg=night_mass, field_area_m2=field_area,
                      field_mass_kg=field_area * arr["solar_areal_density_kg_m2"], waste_heat_w=waste_heat_w,
                      radiator_area_m2=radiator_area,
                      radiator_mass_kg=radiator_area * arr["radiator_areal_density_kg_m2"])
