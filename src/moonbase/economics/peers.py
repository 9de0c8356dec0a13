"""Side by side with the public calculators: their arithmetic, and moonbase's on their inputs.

- **McCalip**, "Space Datacenters: Orbital vs Terrestrial Economics"
  (github.com/andrewmccalip/thoughts, ``static/js/math.js`` at commit 278ecbc, the
  version whose defaults give ~51 vs ~16 billion USD for 1 GW over 5 years):
  :func:`mccalip_reference` re-implements his totals; :func:`mccalip_moonbase` prices
  the same inputs the moonbase way (discounted, on matched energy bases, failed GPUs
  lost rather than replaced in orbit).
- **spacedc-mdao** 0.4.2 (PyPI; package ``orbitdc``): :data:`SPACEDC_SPACE` and
  :data:`SPACEDC_EARTH` are its bundled 1 MW text-inference and hyperscale examples;
  :func:`spacedc_moonbase_lcoc` runs moonbase's LCOC on the inputs and line items the
  package reports, so a test can run both live.
- **Starcloud** 40 MW, 10 years: :func:`moonbase.spacecraft.economics.starcloud_comparison`
  reproduces it; :func:`starcloud_moonbase` discounts it.

Where and why moonbase differs: ``docs/design/peer_comparison.md``.
"""

from __future__ import annotations

import math
from typing import Any

from moonbase.constants import JOULES_PER_KWH, JOULES_PER_MMBTU, SECONDS_PER_YEAR
from moonbase.economics.delivered import delivered_compute
from moonbase.economics.finance import annuity_factor_s
from moonbase.economics.lcoc import CostItems, levelized_cost_of_compute
from moonbase.spacecraft.economics import starcloud_comparison

HOURS_PER_YEAR_MCCALIP = 8760.0  # his constant (365 x 24), kept to reproduce his totals
JOULES_PER_MWH = 1_000.0 * JOULES_PER_KWH

#: McCalip's slider defaults (math.js, commit 278ecbc48dc672dc532f2853141f2f21ad2374ef).
MCCALIP_DEFAULTS: dict[str, float] = {
    "target_power_w": 1e9, "years": 5.0,
    "launch_price_usd_per_kg": 500.0, "satellite_cost_usd_per_w": 22.0, "specific_power_w_kg": 36.5,
    "satellite_power_w": 27e3, "sun_fraction": 0.98, "cell_degradation_per_year": 0.025,
    "gpu_failure_per_year": 0.09, "nre_usd": 1e9, "orbital_ops_fraction_per_year": 0.01,
    "turbine_capex_usd_per_w": 1.8, "electrical_usd_per_w": 5.25, "mechanical_usd_per_w": 3.0,
    "civil_usd_per_w": 2.5, "network_usd_per_w": 1.75, "pue": 1.2, "gas_price_usd_per_mmbtu": 4.30,
    "heat_rate_btu_per_kwh": 6200.0, "capacity_factor": 0.85,
}
MCCALIP_SOURCE = ("A. McCalip, 'Space Datacenters: Orbital vs Terrestrial Economics', "
                  "github.com/andrewmccalip/thoughts static/js/math.js, commit 278ecbc (2025)")


def _mccalip_inputs(overrides: dict[str, float]) -> dict[str, float]:
    unknown = set(overrides) - set(MCCALIP_DEFAULTS)
    if unknown:
        raise ValueError(f"unknown McCalip input(s): {sorted(unknown)}; choose from {sorted(MCCALIP_DEFAULTS)}")
    return {**MCCALIP_DEFAULTS, **overrides}


def mccalip_reference(**overrides: float) -> dict[str, float]:
    """McCalip's calculator, re-implemented: 1 GW for 5 years in orbit and on on-site gas [USD].

    Parameters
    ----------
    **overrides
        Any of :data:`MCCALIP_DEFAULTS` (his sliders, in SI-like units noted in the keys).

    Returns
    -------
    dict
        ``orbital_total_usd``, ``terrestrial_total_usd``, their ``ratio``, the parts
        (hardware, launch, ops, gpu_replacement, nre; infrastructure, fuel), his
        ``orbital_lcoe_usd_per_mwh`` and ``terrestrial_lcoe_usd_per_mwh``, and his
        ``breakeven_launch_price_usd_per_kg``.

    Notes
    -----
    His arithmetic, undiscounted: the orbital fleet is sized so that its average output
    over the years (array degradation, sun fraction) is the target; GPU failures are
    charged as 9 %/yr of the *satellite* hardware cost; the terrestrial LCOE divides by
    IT energy times the capacity factor while the orbital one divides by the full
    target energy (the mismatched bases ``docs/design/peer_comparison.md`` discusses).

    Examples
    --------
    >>> r = mccalip_reference()
    >>> round(r["orbital_total_usd"] / 1e9, 1), round(r["terrestrial_total_usd"] / 1e9, 2)
    (51.1, 15.85)
    """
    x = _mccalip_inputs(overrides)
    hours = x["years"] * HOURS_PER_YEAR_MCCALIP
    retention = 1.0 - x["cell_degradation_per_year"]
    average = sum(retention ** year for year in range(int(x["years"]))) / x["years"]
    required_w = x["target_power_w"] / (average * x["sun_fraction"])
    satellites = math.ceil(required_w / x["satellite_power_w"])
    initial_w = satellites * x["satellite_power_w"]
    mass_kg = satellites * x["satellite_power_w"] / x["specific_power_w_kg"]
    hardware = x["satellite_cost_usd_per_w"] * initial_w
    launch = x["launch_price_usd_per_kg"] * mass_kg
    ops = hardware * x["orbital_ops_fraction_per_year"] * x["years"]
    gpu = hardware * x["gpu_failure_per_year"] * x["years"]
    orbital = hardware + launch + ops + gpu + x["nre_usd"]
    power_gen = x["turbine_capex_usd_per_w"] * x["pue"] * x["target_power_w"]
    infra = power_gen + (x["electrical_usd_per_w"] + x["mechanical_usd_per_w"] + x["civil_usd_per_w"]
                         + x["network_usd_per_w"]) * x["target_power_w"]
    it_mwh = x["target_power_w"] / 1e6 * hours * x["capacity_factor"]
    fuel_usd_per_mwh = x["heat_rate_btu_per_kwh"] * x["gas_price_usd_per_mmbtu"] / 1000.0
    fuel = fuel_usd_per_mwh * it_mwh * x["pue"]
    terrestrial = infra + fuel
    breakeven_mass = required_w / x["specific_power_w_kg"]
    return {
        "orbital_total_usd": orbital, "terrestrial_total_usd": terrestrial, "ratio": orbital / terrestrial,
        "hardware_usd": hardware, "launch_usd": launch, "ops_usd": ops, "gpu_replacement_usd": gpu,
        "nre_usd": x["nre_usd"], "infrastructure_usd": infra, "fuel_usd": fuel, "satellites": float(satellites),
        "mass_kg": mass_kg,
        "orbital_lcoe_usd_per_mwh": orbital / (x["target_power_w"] / 1e6 * hours),
        "terrestrial_lcoe_usd_per_mwh": terrestrial / it_mwh,
        "breakeven_launch_price_usd_per_kg": (terrestrial - x["satellite_cost_usd_per_w"] * required_w) / breakeven_mass,
    }


def mccalip_moonbase(rate_per_s=0.0859 / SECONDS_PER_YEAR, utilisation=None, **overrides: float) -> dict[str, float]:
    """McCalip's inputs priced the moonbase way: discounted, matched energy bases [USD/MWh].

    Parameters
    ----------
    rate_per_s : float, optional
        Discount rate [1/s] (compound annual per second); default the scenario's WACC
        (8.59 %/yr).
    utilisation : float, optional
        Fraction of available IT energy sold, applied to *both* sides (default his
        capacity factor, 0.85).
    **overrides
        Any of :data:`MCCALIP_DEFAULTS`.

    Returns
    -------
    dict
        ``orbital_usd_per_mwh``, ``terrestrial_usd_per_mwh`` (levelized over IT energy
        sold), their ``ratio``, and the same with no discounting (``*_undiscounted``).

    Notes
    -----
    Orbit: the fleet he sizes (same satellites, mass, hardware, launch, NRE at t = 0;
    ops 1 %/yr), but failed GPUs cannot be replaced in orbit, so they shrink the output
    (``exp(-(d_cell + d_gpu) t)``, continuous) instead of being bought again. Ground:
    his five capex buckets at t = 0, fuel per MWh of IT energy times PUE. Both divide
    by IT energy sold at the same utilisation, discounted like the costs.

    Examples
    --------
    >>> r = mccalip_moonbase(rate_per_s=0.0)
    >>> round(r["ratio"], 2)
    3.23
    """
    x = _mccalip_inputs(overrides)
    ref = mccalip_reference(**overrides)
    u = x["capacity_factor"] if utilisation is None else float(utilisation)
    life = x["years"] * SECONDS_PER_YEAR
    initial_w = ref["satellites"] * x["satellite_power_w"]
    decay = -math.log(1.0 - x["cell_degradation_per_year"]) / SECONDS_PER_YEAR - math.log(
        1.0 - x["gpu_failure_per_year"]) / SECONDS_PER_YEAR

    def levelized(rate):
        capacity = float(annuity_factor_s(rate, 0.0, life))
        decaying = float(annuity_factor_s(rate, 0.0, life, decay))
        orbit_cost = (ref["hardware_usd"] + ref["launch_usd"] + ref["nre_usd"]
                      + ref["hardware_usd"] * x["orbital_ops_fraction_per_year"] / SECONDS_PER_YEAR * capacity)
        orbit_energy = initial_w * x["sun_fraction"] * u * decaying / JOULES_PER_MWH
        fuel_per_j = x["heat_rate_btu_per_kwh"] / JOULES_PER_KWH * JOULES_PER_MMBTU / 1e6 * (
            x["gas_price_usd_per_mmbtu"] / JOULES_PER_MMBTU) * x["pue"]
        ground_energy_j = x["target_power_w"] * u * capacity
        ground_cost = ref["infrastructure_usd"] + fuel_per_j * ground_energy_j
        return orbit_cost / orbit_energy, ground_cost / (ground_energy_j / JOULES_PER_MWH)

    orbit, ground = levelized(rate_per_s)
    orbit0, ground0 = levelized(0.0)
    return {"orbital_usd_per_mwh": orbit, "terrestrial_usd_per_mwh": ground, "ratio": orbit / ground,
            "orbital_usd_per_mwh_undiscounted": orbit0, "terrestrial_usd_per_mwh_undiscounted": ground0,
            "ratio_undiscounted": orbit0 / ground0}


def mccalip_launch_sweep(prices_usd_per_kg=(20.0, 100.0, 200.0, 500.0, 1000.0, 2000.0, 2940.0)) -> list[dict[str, float]]:
    """McCalip's orbital/terrestrial ratio and moonbase's, over launch prices (his slider range)."""
    return [{"launch_price_usd_per_kg": price,
             "mccalip_ratio": mccalip_reference(launch_price_usd_per_kg=price)["ratio"],
             "moonbase_ratio": mccalip_moonbase(launch_price_usd_per_kg=price)["ratio"]}
            for price in prices_usd_per_kg]


# --- spacedc-mdao 0.4.2 ------------------------------------------------------------------
SPACEDC_SOURCE = ("spacedc-mdao 0.4.2 (J. Hodge, PyPI 2026), examples/scenarios/orbital_1mw_inference.yaml and "
                  "earth_hyperscale_baseline.yaml; README: space 1,237 vs Earth 66 USD/PFLOP-day (~19x) for text inference")
#: The package's 1 MW text-inference example (communication intensity from its workload catalog: 1e-8 bit/FLOP).
SPACEDC_SPACE: dict[str, Any] = {
    "name": "1 MW orbital inference cluster", "kind": "space", "mission_life_years": 5, "accelerator": "h100_sxm",
    "utilization": 0.85, "sustained_fraction": 0.55, "discount_rate": 0.08, "workload": {"type": "llm_inference"},
    "space": {"orbit": {"type": "dawn_dusk_sso", "altitude_km": 650.0},
              "architecture": {"satellites": 64, "accelerators_per_satellite": 18, "crosslink": "optical",
                               "crosslink_gbps": 50000.0, "downlink_gbps": 200.0, "radiator_area_m2_per_sat": 45.0},
              "it_power_overhead_frac": 0.25, "non_it_power_frac": 0.10, "solar_array": "rigid_triple_junction",
              "battery": "li_ion_generic", "launch": "current_reusable", "radiator_panel": "deployable_osr",
              "coolant": "ammonia_single_phase", "chip_stack": "h100_direct_liquid",
              "thermal_environment": "conservative_leo", "thermal_eol": True, "annual_failure_rate": 0.05,
              "spare_fraction": 0.05, "reset_recovery_availability": 0.99},
}
#: The package's hyperscale Earth example.
SPACEDC_EARTH: dict[str, Any] = {
    "name": "Hyperscale terrestrial baseline", "kind": "earth", "mission_life_years": 5, "accelerator": "h100_sxm",
    "utilization": 0.85, "sustained_fraction": 0.55, "discount_rate": 0.08,
    "earth": {"n_accelerators": 1152, "pue": 1.10, "energy_price_per_kwh": 0.06, "facility_capex_per_mw_usd": 12e6,
              "availability": 0.995, "it_power_overhead_frac": 0.25},
}


def spacedc_moonbase_lcoc(capex_usd: dict[str, float], annual_opex_usd: float, it_power_w: float, peak_flop_s: float,
                          factors: dict[str, float], life_years: float, discount_rate_per_year: float,
                          energy_usd_per_j_it: float = 0.0) -> dict[str, float]:
    """moonbase's LCOC on a spacedc-mdao evaluation's own inputs and line items [USD/PFLOP-day].

    Parameters
    ----------
    capex_usd : dict
        The evaluation's capex line items [USD] (``cost_breakdown_usd`` without the
        ``*_total`` opex entries).
    annual_opex_usd : float
        Fixed yearly opex (operations, maintenance, replacements) [USD/yr].
    it_power_w, peak_flop_s : float
        IT power [W] and installed peak dense throughput [FLOP/s].
    factors : dict
        Its waterfall factors (software, power, thermal, network, availability, utilization).
    life_years, discount_rate_per_year : float
        Mission life and discount rate as the package takes them.
    energy_usd_per_j_it : float, optional
        Energy bill per J of IT energy drawn while running (PUE included) [USD/J].

    Returns
    -------
    dict
        ``usd_per_pflop_day`` and ``usd_per_gpu_hour`` from :func:`levelized_cost_of_compute`.
    """
    delivery = delivered_compute(1.0, sustained=factors["software"], power=factors["power"],
                                 thermal=factors["thermal"], network=factors["network"],
                                 availability=factors["availability"], utilisation=factors["utilization"])
    items = CostItems(
        capex_usd_per_w={k: v / it_power_w for k, v in capex_usd.items()},
        fixed_usd_per_w_s={"operations_maintenance": annual_opex_usd / it_power_w / SECONDS_PER_YEAR},
        energy_usd_per_j={"energy": energy_usd_per_j_it},
        life_s=life_years * SECONDS_PER_YEAR, rate_per_s=discount_rate_per_year / SECONDS_PER_YEAR,
        decay_rate_per_s=0.0, efficiency_flop_j=peak_flop_s / it_power_w, delivery=delivery)
    lcoc = levelized_cost_of_compute(items)
    return {"usd_per_pflop_day": float(lcoc.usd_per_pflop_day), "usd_per_gpu_hour": float(lcoc.usd_per_gpu_hour)}


def starcloud_moonbase(rate_per_s=0.0859 / SECONDS_PER_YEAR) -> dict[str, float]:
    """The Starcloud 40 MW, 10-year comparison with the ground's energy bill discounted [USD].

    Space spends at t = 0 (launch, array, shielding); the ground pays its energy over
    ten years. Discounting lowers the ground's present cost, so the white paper's
    ratio narrows; the bigger correction (the missing compute payload and a 10x
    heavier structure) is in ``docs/design/satellite_economics.md``.

    Examples
    --------
    >>> r = starcloud_moonbase(0.0)
    >>> round(r["ground_present_usd"] / 1e6)
    167
    """

    case = starcloud_comparison()
    duration = 10 * SECONDS_PER_YEAR
    energy_rate = case.ground_energy_usd / duration
    ground = float(energy_rate * annuity_factor_s(rate_per_s, 0.0, duration)) + case.ground_total_usd - case.ground_energy_usd
    return {"space_present_usd": case.space_total_usd, "ground_present_usd": ground,
            "ratio_ground_over_space": ground / case.space_total_usd,
            "published_ratio_ground_over_space": case.ground_total_usd / case.space_total_usd}


__all__ = ["MCCALIP_DEFAULTS", "mccalip_reference", "mccalip_moonbase", "mccalip_launch_sweep", "SPACEDC_SPACE",
           "SPACEDC_EARTH", "spacedc_moonbase_lcoc", "starcloud_moonbase"]
