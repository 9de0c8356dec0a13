"""The summary of one mass-driver design as plain JSON-ready data (SI, names carry the units).

:func:`design_summary` is the document ``moonbase massdriver --json`` prints, its
``--out`` folder saves as ``design.json`` and the web explorer's ``massdriver/design``
endpoint returns: one place builds it, so the three agree. It adds no physics beyond a
patched-conic escape verdict for the site's track
(:func:`moonbase.orbits.patched_conics.minimum_escape_exit_speed_m_s`; design note
``docs/design/patched_conic_escape.md``).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from moonbase.massdriver.design import MassDriverDesign
from moonbase.orbits.patched_conics import minimum_escape_exit_speed_m_s

__all__ = ["design_summary"]


def _escape_verdict(section: Any) -> dict[str, Any]:
    # section: the scenario's mass-driver block (moonbase.scenario.schema.MassDriver)
    """Patched-conic escape threshold of the section's site and track, and whether its exit speed reaches it."""
    threshold = float(minimum_escape_exit_speed_m_s(section.latitude_rad, section.longitude_rad, section.height_m,
                                                    section.azimuth_rad, section.elevation_rad))
    known = not math.isnan(threshold)
    return {"method": "patched_conic", "minimum_exit_speed_m_s": threshold if known else None,
            "escapes": bool(known and section.exit_speed_m_s >= threshold)}


def _as_float(value: Any) -> float:
    return float(np.asarray(value))


def design_summary(scenario: Any, design: MassDriverDesign) -> dict[str, Any]:
    """The JSON document of one mass-driver design (SI units, names carry them).

    Parameters
    ----------
    scenario : moonbase.scenario.schema.Scenario
        The scenario the design was made from; its name and its ``[mass_driver]`` block
        (site, illumination, track angles and exit speed for the escape verdict) are read.
    design : moonbase.massdriver.design.MassDriverDesign
        One design (scalar inputs) from :func:`moonbase.massdriver.design.mass_driver_design`.

    Returns
    -------
    dict
        Plain floats, ints, strings and booleans: ``inputs`` (``latitude_deg`` and
        ``longitude_deg`` in degrees, the only non-SI values, for display), track,
        energy, power, storage, mass and throughput figures, ``mass_breakdown_kg``,
        ``electromagnetics`` (exit-stage and extreme values) and ``escape``
        (``method``, ``minimum_exit_speed_m_s`` or ``None`` where no exit speed
        escapes, ``escapes``). ``deep_space_throughput_kg_per_year`` is the throughput
        if the payloads escape, else 0.

    Notes
    -----
    Library code: it prints nothing and writes nothing; the CLI prints it and the web
    API returns it.

    Examples
    --------
    With ``scenario`` loaded and ``design`` made from its ``[mass_driver]`` block (as
    ``moonbase massdriver`` does):

    >>> summary = design_summary(scenario, design)  # doctest: +SKIP
    >>> summary["escape"]["method"]  # doctest: +SKIP
    'patched_conic'
    """
    i, st = design.inputs, design.stages
    escape = _escape_verdict(scenario.mass_driver)
    throughput = _as_float(design.throughput_kg_per_year)
    return {
        "scenario": scenario.name,
        "inputs": {
            "exit_speed_m_s": _as_float(i.exit_speed_m_s), "max_acceleration_m_s2": _as_float(i.max_acceleration_m_s2),
            "payload_mass_kg": _as_float(i.payload_mass_kg), "carrier_mass_kg": _as_float(i.carrier_mass_kg),
            "carrier_rating_kg": _as_float(i.carrier_rating_kg), "launch_rate_per_s": _as_float(i.launch_rate_per_s),
            "latitude_deg": math.degrees(scenario.mass_driver.latitude_rad),
            "longitude_deg": math.degrees(scenario.mass_driver.longitude_rad),
            "illumination_site": str(scenario.mass_driver.illumination_site),
            "illumination_fraction": _as_float(i.illumination_fraction), "storage": i.storage,
            "night_operation": i.night_operation, "conductor": i.conductor,
            "power_available_w": _as_float(i.power_available_w),
        },
        "track_length_m": _as_float(design.track_length_m),
        "accelerator_length_m": _as_float(design.accelerator_length_m),
        "braking_length_m": _as_float(design.braking_length_m),
        "time_on_track_s": _as_float(design.time_on_track_s),
        "number_of_stages": int(_as_float(st.number_of_stages)),
        "kinetic_energy_j": _as_float(design.kinetic_energy_j),
        "stage_energy_per_launch_j": _as_float(design.stage_energy_per_launch_j),
        "energy_per_launch_j": _as_float(design.energy_per_launch_j),
        "energy_per_kg_j_kg": _as_float(design.energy_per_kg_j_kg),
        "overall_efficiency": _as_float(design.overall_efficiency),
        "launch_peak_power_w": _as_float(design.launch_peak_power_w),
        "peak_power_w": _as_float(design.peak_power_w),
        "firing_power_w": _as_float(design.firing_power_w),
        "average_power_w": _as_float(design.average_power_w),
        "storage_energy_j": _as_float(design.storage_energy_j),
        "storage_mass_kg": _as_float(design.storage_mass_kg),
        "night_storage_energy_j": _as_float(design.night_storage_energy_j),
        "solar_field_area_m2": _as_float(design.solar_field_area_m2),
        "radiator_area_m2": _as_float(design.radiator_area_m2),
        "waste_heat_w": _as_float(design.waste_heat_w),
        "mass_total_kg": _as_float(design.mass_total_kg),
        "mass_from_earth_kg": _as_float(design.mass_from_earth_kg),
        "mass_lunar_kg": _as_float(design.mass_lunar_kg),
        "mass_breakdown_kg": {item.name: {"mass_kg": _as_float(item.mass_kg),
                                          "from_earth_kg": _as_float(item.earth_made_kg)}
                              for item in design.mass.items},
        "earth_delivery_cost_usd": _as_float(design.earth_delivery_cost_usd),
        "launches_per_s": _as_float(i.launch_rate_per_s) * _as_float(design.effective_availability),
        "effective_availability": _as_float(design.effective_availability),
        "launches_in_flight": _as_float(design.launches_in_flight),
        "carriers": int(_as_float(design.carriers)),
        "carrier_cycle_time_s": _as_float(design.cycle_time_s),
        "throughput_kg_per_year": throughput,
        "deep_space_throughput_kg_per_year": throughput * (1.0 if escape["escapes"] else 0.0),
        "ruggedisation_mass_fraction": _as_float(design.ruggedisation_mass_fraction),
        "useful_payload_kg": _as_float(design.useful_payload_kg),
        "electromagnetics": {
            "air_gap_field_t": _as_float(st.air_gap_field_t[..., -1]),
            "max_linear_current_density_a_m": _as_float(np.max(st.linear_current_density_a_m)),
            "max_current_density_a_m2": _as_float(np.max(st.current_density_a_m2)),
            "exit_stage_drive_current_a": _as_float(st.drive_current_a[..., -1]),
            "exit_stage_voltage_v": _as_float(st.stage_voltage_v[..., -1]),
            "min_stage_efficiency": _as_float(np.min(st.efficiency)),
            "conductor_mass_kg": _as_float(st.conductor_mass_kg),
            "switch_rating_w": _as_float(st.switch_rating_w),
            "exit_speed_from_force_m_s": _as_float(st.exit_speed_from_force_m_s),
        },
        "escape": escape,
    }
