"""The report of one satellite design as plain JSON-ready data (SI, names carry the units).

:func:`satellite_report` is the document ``moonbase satellite --json`` prints, its
``--out`` folder saves as ``satellite.json`` and the web explorer's ``satellite/design``
endpoint returns: one place builds it, so the three agree. It adds no physics: the orbit
comes from :func:`moonbase.spacecraft.environment.orbit_environment`, the budgets from
:func:`moonbase.spacecraft.design.satellite_design`, the costs from
:mod:`moonbase.spacecraft.economics`, the downlink from :mod:`moonbase.spacecraft.links`
and the workloads that fit from :mod:`moonbase.spacecraft.workloads`.
"""

from __future__ import annotations

from typing import Any

from moonbase.constants import GRAY_PER_RAD, JOULES_PER_KWH, SECONDS_PER_YEAR
from moonbase.spacecraft.design import satellite_design
from moonbase.spacecraft.economics import (
    breakeven_launch_price_usd_per_kg,
    ground_energy_cost_usd_per_kw_year,
    launched_power_price_usd_per_kw_year,
    orbit_cost,
)
from moonbase.spacecraft.environment import orbit_environment
from moonbase.spacecraft.links import DSOC_GROUND, link_rate_bit_s, round_trip_light_time_s
from moonbase.spacecraft.workloads import WORKLOADS, useful_compute_fraction, workload_fits

__all__ = ["satellite_report"]


def satellite_report(resolved: Any) -> dict[str, Any]:
    """Budgets, environment, links and economics of a resolved design, as plain JSON data (SI).

    Parameters
    ----------
    resolved : moonbase.scenario.satellite_design.DesignFile
        A validated design with its orbit, economics and sizing (SI), from
        :func:`moonbase.scenario.satellite_design.resolve_design_data` or
        :func:`~moonbase.scenario.satellite_design.load_design_file`.

    Returns
    -------
    dict
        Plain floats and strings: mass, power, compute and thermal figures with their
        budgets (``mass_breakdown_kg``, ``power_budget_w``, ``thermal_budget_w``), the
        environment (eclipse, dose in rad(Si)/yr, ``design_life_years`` and
        ``radiation_life_years``: the only non-SI values, named with their units), the
        costs against the ground (``cost_breakdown_usd``, per kW-year in USD, break-even
        launch prices in USD/kg), the link to Earth and the workloads that fit; with
        ``reference`` (the published figures) when the design has them.

    Notes
    -----
    Economics not given in ``resolved.economics`` take these defaults: launch
    200 USD/kg, ground electricity 0.06 USD/(kW h), PUE 1.09, no ground facility cost,
    bus 1000 USD/kg, accelerators 30 USD/W, integration 10 % of the hardware.

    Two break-even launch prices are reported. ``breakeven_launch_price_usd_per_kg``
    follows arXiv:2511.19468: launch alone against ground energy, on the
    beginning-of-life array power. ``breakeven_launch_price_all_in_usd_per_kg`` also
    counts the bus, spares and integration, on the compute power actually delivered
    over the life; it is negative where those alone cost more than the ground.

    Library code: it prints nothing and writes nothing; the CLI prints it and the web
    API returns it.

    Examples
    --------
    >>> from moonbase.scenario.satellite_design import load_design_preset
    >>> report = satellite_report(load_design_preset("sso-datacenter"))  # doctest: +SKIP
    >>> report["orbit"]  # doctest: +SKIP
    'sso-dawn-dusk'
    """
    d = resolved.inputs
    env = orbit_environment(resolved.orbit_kind, **resolved.orbit, shield_kg_m2=d.shield_areal_density_kg_m2)
    b = satellite_design(d, env, **resolved.sizing)
    e = resolved.economics
    launch_price = e.get("launch_price_usd_per_kg", 200.0)
    ground = float(ground_energy_cost_usd_per_kw_year(e.get("electricity_price_usd_per_j", 0.06 / JOULES_PER_KWH),
                                                      e.get("pue", 1.09), e.get("ground_facility_cost_usd_per_w", 0.0)))
    cost = orbit_cost(b.mass_kg, b.compute_mass_kg, b.compute_power_w, d.spare_fraction, b.mean_compute_power_w,
                      b.life_s, launch_price, e.get("bus_cost_usd_per_kg", 1000.0),
                      e.get("accelerator_cost_usd_per_w", 30.0), e.get("integration_fraction", 0.1))
    non_launch = float(cost.capex_usd - cost.launch_usd - cost.accelerators_usd)
    # Google's convention: launch alone against ground energy, on beginning-of-life array power
    breakeven = float(breakeven_launch_price_usd_per_kg(ground, b.mass_kg, b.power_w, b.life_s))
    # all in: bus, spares and integration too, on the compute power actually delivered
    breakeven_all_in = float(breakeven_launch_price_usd_per_kg(ground, b.mass_kg, b.mean_compute_power_w, b.life_s,
                                                               non_launch))
    distance = float(env.earth_distance_m)
    downlink = float(link_rate_bit_s(d.terminal_transmit_power_w, d.terminal_aperture_m, max(distance, 1.0),
                                     DSOC_GROUND, d.terminal_max_rate_bit_s))
    round_trip = float(round_trip_light_time_s(distance))
    flops = float(b.flops_per_s)
    report = {
        "design": resolved.name, "description": resolved.description, "orbit": resolved.orbit_kind.value,
        "mass_kg": float(b.mass_kg), "power_w": float(b.power_w), "compute_power_w": float(b.compute_power_w),
        "specific_power_w_kg": float(b.specific_power_w_kg),
        "compute_specific_power_w_kg": float(b.compute_specific_power_w_kg),
        "flops_per_s": flops, "flops_per_kg": float(b.flops_per_kg), "accelerators": float(b.accelerators),
        "memory_bytes": float(b.memory_bit) / 8.0,
        "radiator_area_m2": float(b.radiator_area_m2), "radiator_temperature_k": float(b.radiator_temperature_k),
        "solar_array_area_m2": float(b.solar_array_area_m2), "array_temperature_k": float(b.array_temperature_k),
        "cell_efficiency_operating": float(b.cell_efficiency_operating),
        "eclipse_fraction": float(env.eclipse_fraction), "max_eclipse_s": float(env.max_eclipse_s),
        "design_life_years": float(b.life_s) / SECONDS_PER_YEAR,
        "radiation_life_years": float(b.radiation_life_s) / SECONDS_PER_YEAR,
        "dose_rad_per_year": float(b.dose_rate_gy_s) * SECONDS_PER_YEAR / GRAY_PER_RAD,
        "dose_source": env.dose.source,
        "end_of_life_power_fraction": float(b.end_of_life_power_fraction),
        "mean_compute_power_w": float(b.mean_compute_power_w),
        "mass_breakdown_kg": {k: float(v) for k, v in b.mass_breakdown_kg().items()},
        "power_budget_w": {"compute": float(b.compute_power_w), "optical_terminals": float(b.terminal_power_w),
                           "bus": float(b.bus_power_w), "battery_charge": float(b.battery_charge_power_w),
                           "array_output": float(b.power_w)},
        "thermal_budget_w": {"waste_heat": float(b.waste_heat_w), "absorbed_by_radiator": float(b.radiator_absorbed_w),
                             "radiated": float(b.radiator_emitted_w)},
        "launch_price_usd_per_kg": float(launch_price),
        "launched_power_price_usd_per_kw_year": float(launched_power_price_usd_per_kw_year(
            b.mass_kg, launch_price, b.power_w, b.life_s)),
        "capex_usd": float(cost.capex_usd), "capex_usd_per_w": float(cost.capex_usd_per_w),
        "cost_breakdown_usd": {"launch": float(cost.launch_usd), "bus": float(cost.bus_usd),
                               "accelerators": float(cost.accelerators_usd), "spares": float(cost.spares_usd),
                               "integration": float(cost.integration_usd)},
        "cost_per_kw_year_usd": float(cost.overhead_usd_per_kw_year),
        "total_cost_per_kw_year_usd": float(cost.total_usd_per_kw_year),
        "ground_cost_per_kw_year_usd": ground,
        "breakeven_launch_price_usd_per_kg": breakeven,
        "breakeven_launch_price_all_in_usd_per_kg": breakeven_all_in,
        "earth_distance_m": distance, "round_trip_light_time_s": round_trip, "downlink_rate_bit_s": downlink,
        "workloads": {name: float(workload_fits(w, round_trip, downlink, flops)) for name, w in WORKLOADS.items()},
        "useful_compute_fraction": float(useful_compute_fraction(round_trip, downlink, flops)),
    }
    if resolved.reference:
        report["reference"] = resolved.reference
    return report
