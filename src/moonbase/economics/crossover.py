"""When each space tier's levelized cost crosses each Earth baseline, and at what prices.

Pure functions over a finished timeline (``moonbase.timeline.run.RunResult``): the launch
price comes from the timeline's own Wright's law on cumulative launched mass; the
satellite bus cost follows Wright's law on cumulative **satellites built** (never on
calendar years); the deep-space satellite's cost per kg is what the lunar route spends,
recovered over its output. For every year and sample:

- the LCOC of each tier (``ground`` per baseline, ``earth_orbit``, ``deep_space``);
- the first year a space tier is at or below a baseline (the crossover year);
- the launch price, bus (hardware) price and specific power at which the Earth-orbit
  tier would equal each baseline in that year (LCOC is linear in the first two and in
  the inverse of the third, so these are exact).

Choices: ``docs/design/economics_lcoc.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from moonbase.constants import SECONDS_PER_YEAR
from moonbase.economics.delivered import tier_delivery
from moonbase.economics.earth_baselines import Baseline, baseline_names, load_baseline
from moonbase.economics.finance import capital_recovery_factor
from moonbase.economics.lcoc import lunar_satellite_cost_usd_per_kg, scenario_wacc_per_s
from moonbase.economics.tier_costs import (
    deep_space_lcoc,
    deep_space_mass_factors,
    earth_orbit_lcoc,
    ground_lcoc,
)
from moonbase.industry.satellite_bom import satellite_import_fraction
from moonbase.launch.price_learning import wright_price_usd_per_kg
from moonbase.scenario.params import earth_orbit_choices, timeline_choices
from moonbase.spacecraft.tier import tier_design
from moonbase.timeline.tiers import space_compute_tiers


@dataclass(frozen=True)
class CrossoverResult:
    """LCOC paths and crossovers; arrays are ``(samples, years)`` or ``(samples,)``."""

    years: np.ndarray  # (years,)
    lcoc_usd_per_pflop_day: dict[str, np.ndarray]  # "earth_orbit", "deep_space", "ground:<baseline>"
    launch_price_usd_per_kg: np.ndarray  # timeline's, yearly mean
    bus_cost_usd_per_kg: np.ndarray  # Wright's law on satellites built
    satellites_built: np.ndarray  # cumulative Earth-orbit satellites at year end
    deep_space_cost_usd_per_kg: np.ndarray  # lunar satellite cost per kg fired
    crossover_year: dict[str, np.ndarray]  # "<tier>:<baseline>" -> first year at or below (NaN never)
    breakeven_launch_price_usd_per_kg: dict[str, np.ndarray]  # baseline -> (samples, years); < 0: none
    breakeven_bus_cost_usd_per_kg: dict[str, np.ndarray]
    breakeven_specific_power_w_kg: dict[str, np.ndarray]  # inf: no specific power suffices
    launch_price_crossover_year: dict[str, np.ndarray]  # first year the timeline's price is below break-even


def yearly_mean(series: np.ndarray, steps_per_year: int) -> np.ndarray:
    """Mean of a ``(samples, steps)`` series over each calendar year -> ``(samples, years)``."""
    samples, steps = series.shape
    return series.reshape(samples, steps // steps_per_year, steps_per_year).mean(axis=2)


def yearly_sum(series: np.ndarray, steps_per_year: int) -> np.ndarray:
    """Sum of a ``(samples, steps)`` flow over each calendar year -> ``(samples, years)``."""
    samples, steps = series.shape
    return series.reshape(samples, steps // steps_per_year, steps_per_year).sum(axis=2)


def first_year(condition: np.ndarray, years: np.ndarray) -> np.ndarray:
    """First year where ``condition`` (samples, years) holds, per sample; NaN if never."""
    hit = np.asarray(condition, dtype=bool)
    return np.where(hit.any(axis=1), years[np.argmax(hit, axis=1)].astype(float), np.nan)


def bus_cost_path_usd_per_kg(params, satellites_built):
    """Bus cost per kg after ``satellites_built`` satellites, Wright's law on units [USD/kg].

    ``earth_orbit.bus_cost`` holds at ``finance.bus_reference_units``; each doubling of
    satellites built multiplies it by ``1 - finance.bus_learning_rate``. Fewer than one
    satellite counts as one (the first unit's cost).
    """
    col = (slice(None), None)
    return wright_price_usd_per_kg(np.maximum(satellites_built, 1.0), params["earth_orbit.bus_cost_usd_per_kg"][col],
                                   params["finance.bus_reference_units"][col], params["finance.bus_learning_rate"][col])


def earth_orbit_spending_usd(params, timeline, design) -> np.ndarray:
    """The timeline's Earth-orbit spending per step, (samples, steps) [USD].

    The same line items as the timeline's money block (launch, bus on non-compute mass,
    accelerators with spares), from its deployed mass and launch price.
    """
    s, p, col = timeline.series, params, (slice(None), None)
    per_kg = (s["earth_launch_price_usd_per_kg"] + (design.non_compute_mass_fraction * p["earth_orbit.bus_cost_usd_per_kg"]
              + design.specific_power_w_kg * (1.0 + p["earth_orbit.design.spare_fraction"])
              * p["compute.accelerator_cost_usd_per_w"])[col])
    return s["earth_orbit_deployed_mass_kg"] * per_kg


def deep_space_cost_path_usd_per_kg(params, timeline, design_eo, sp_ds) -> np.ndarray:
    """Cost of one kg of satellite fired from the Moon, per year, (samples, years) [USD/kg].

    Lunar-route spending (everything the timeline spends beyond the Earth-orbit tier) is
    split into operations, satellite imports and chips (variable) and the rest (seed,
    industry imports, mass driver, city, fab: capital). Capital spent in the last
    ``finance.lunar_base_life`` years is recovered with the capital recovery factor at the
    space WACC; operations and capital are spread over the year's fired mass; imports
    are charged per kg. NaN in years that fire nothing.
    """
    p, s, span = params, timeline.series, timeline.span
    spy = span.steps_per_year
    col = (slice(None), None)
    lunar = s["cost_usd"] - earth_orbit_spending_usd(p, timeline, design_eo)
    fired = s["lunar_satellite_output_kg"]
    steps = np.arange(span.steps)[None, :]
    fab = np.where(p["lunar.chip_fab"] > 0.5, span.step_of_year(p["lunar.chip_fab_year"]), span.steps + 1)[col]
    import_fraction = satellite_import_fraction(s["lunar_local_fraction"], p["deep_space.earth_made_mass_fraction"][col],
                                                steps >= fab)
    imports_per_kg = lunar_satellite_cost_usd_per_kg(import_fraction, s["earth_launch_price_usd_per_kg"],
                                                     p["lunar.landed_per_leo_mass"][col],
                                                     p["lunar.earth_hardware_cost_usd_per_kg"][col])
    chips = np.where(steps >= fab, 0.0, fired * sp_ds[col] * p["compute.accelerator_cost_usd_per_w"][col])
    operations = s["lunar_operations_cost_usd"]
    capital = np.maximum(lunar - operations - chips - fired * imports_per_kg, 0.0)
    capital_year = yearly_sum(capital, spy)
    window = np.maximum(np.round(p["finance.lunar_base_life_s"] / SECONDS_PER_YEAR).astype(int), 1)
    cumulative = np.cumsum(capital_year, axis=1)
    years = capital_year.shape[1]
    lagged_index = np.arange(years)[None, :] - window[:, None]
    lagged = np.where(lagged_index >= 0, np.take_along_axis(cumulative, np.maximum(lagged_index, 0), axis=1), 0.0)
    in_service = cumulative - lagged
    crf = capital_recovery_factor(scenario_wacc_per_s(p, space=True), p["finance.lunar_base_life_s"])
    charge = np.asarray(crf)[col] * in_service + yearly_sum(operations, spy)
    fired_year = yearly_sum(fired, spy)
    imports_year = yearly_sum(fired * imports_per_kg, spy)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(fired_year > 0.0, (charge + imports_year) / np.where(fired_year > 0.0, fired_year, 1.0), np.nan)


def crossover_analysis(result, baselines: tuple[str | Baseline, ...] | None = None) -> CrossoverResult:
    """LCOC paths of every tier and their crossovers with the Earth baselines.

    Parameters
    ----------
    result : moonbase.timeline.run.RunResult
        A finished run (its params, timeline and scenario).
    baselines : tuple of str or Baseline, optional
        Earth baselines to cross (default: every shipped baseline).

    Returns
    -------
    CrossoverResult
    """

    p, tl = result.params, result.timeline
    span, s = tl.span, tl.series
    spy = span.steps_per_year
    years = np.arange(span.start_year, span.end_year + 1)
    chosen = [load_baseline(b) if isinstance(b, str) else b for b in (baselines or tuple(baseline_names()))]

    orbit = earth_orbit_choices(result.scenario.earth_orbit)["orbit"]
    design_eo = tier_design(p, "earth_orbit", orbit)
    price = yearly_mean(s["earth_launch_price_usd_per_kg"], spy)
    built = np.cumsum(yearly_sum(s["earth_orbit_deployed_mass_kg"], spy), axis=1) / design_eo.satellite_mass_kg[:, None]
    bus = bus_cost_path_usd_per_kg(p, built)
    sp_ds, phi, design_ds = mass = deep_space_mass_factors(p, timeline_choices(result.scenario))
    ds_cost = deep_space_cost_path_usd_per_kg(p, tl, design_eo, sp_ds)
    fab_year = np.where(p["lunar.chip_fab"] > 0.5, p["lunar.chip_fab_year"], np.inf)
    delivery_eo = tier_delivery(p, "earth_orbit", orbit=orbit)
    delivery_ds = tier_delivery(p, "deep_space")

    shape = (tl.samples, years.size)
    paths = {"earth_orbit": np.empty(shape), "deep_space": np.empty(shape)}
    paths.update({f"ground:{b.name}": np.empty(shape) for b in chosen})
    launch_be = {b.name: np.empty(shape) for b in chosen}
    bus_be = {b.name: np.empty(shape) for b in chosen}
    sp_be = {b.name: np.empty(shape) for b in chosen}
    for j, year in enumerate(years):
        def eo(launch=None, bus_cost=None, sp=None):
            return earth_orbit_lcoc(p, year, price[:, j] if launch is None else launch,
                                    bus[:, j] if bus_cost is None else bus_cost, sp, design=design_eo,
                                    delivery=delivery_eo).usd_per_pflop_day

        here = eo()
        paths["earth_orbit"][:, j] = here
        accel_ds = np.where(year >= fab_year, 0.0, p["compute.accelerator_cost_usd_per_w"])
        paths["deep_space"][:, j] = np.where(
            np.isfinite(ds_cost[:, j]),
            deep_space_lcoc(p, year, np.nan_to_num(ds_cost[:, j]), accel_ds, mass, delivery_ds).usd_per_pflop_day,
            np.nan)
        # linear in launch price and bus cost, linear in 1/specific power: two evaluations each
        at_zero_launch, at_unit_launch = eo(launch=0.0), eo(launch=1.0)
        at_zero_bus, at_unit_bus = eo(bus_cost=0.0), eo(bus_cost=1.0)
        sp0 = design_eo.specific_power_w_kg
        at_sp, at_double_sp = here, eo(sp=2.0 * sp0)
        beta = 2.0 * sp0 * (at_sp - at_double_sp)  # LCOC = alpha + beta / sp
        alpha = 2.0 * at_double_sp - at_sp
        for b in chosen:
            target = ground_lcoc(p, b, year).usd_per_pflop_day
            paths[f"ground:{b.name}"][:, j] = target
            launch_be[b.name][:, j] = (target - at_zero_launch) / (at_unit_launch - at_zero_launch)
            bus_be[b.name][:, j] = (target - at_zero_bus) / (at_unit_bus - at_zero_bus)
            with np.errstate(divide="ignore"):
                sp_be[b.name][:, j] = np.where(target > alpha, beta / np.maximum(target - alpha, 1e-300), np.inf)
    crossover = {}
    for tier in (name for name in space_compute_tiers() if name in paths):  # tiers with a cost path here
        for b in chosen:
            crossover[f"{tier}:{b.name}"] = first_year(paths[tier] <= paths[f"ground:{b.name}"], years)
    price_years = {b.name: first_year(price <= launch_be[b.name], years) for b in chosen}
    return CrossoverResult(years=years, lcoc_usd_per_pflop_day=paths, launch_price_usd_per_kg=price,
                           bus_cost_usd_per_kg=bus, satellites_built=built, deep_space_cost_usd_per_kg=ds_cost,
                           crossover_year=crossover, breakeven_launch_price_usd_per_kg=launch_be,
                           breakeven_bus_cost_usd_per_kg=bus_be, breakeven_specific_power_w_kg=sp_be,
                           launch_price_crossover_year=price_years)
