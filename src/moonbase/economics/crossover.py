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
from moonbase.economics.lcoc import scenario_wacc_per_s
from moonbase.economics.tier_costs import (
    deep_space_lcoc,
    deep_space_mass_factors,
    earth_orbit_lcoc,
    ground_lcoc,
)
from moonbase.scenario.params import earth_orbit_choices, timeline_choices
from moonbase.spacecraft.bus_learning import bus_cost_usd_per_kg
from moonbase.spacecraft.tier import tier_design
from moonbase.timeline.tiers import TierKind, space_compute_tiers, tiers_of_kind


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
    deep_space_lunar_chip_fraction: np.ndarray  # share of the year's fired accelerators made on the Moon
    deep_space_cost_items_usd_per_kg: dict[str, np.ndarray]  # the lunar satellite's cost per kg by line item


def lunar_chip_fraction_by_year(timeline) -> np.ndarray:
    """Share of each year's deep-space accelerators the lunar fabs made, weighted by fired mass
    (the timeline's ``deep_space_lunar_chip_fraction``), ``(samples, years)``; 0 in years that fire nothing."""
    s, spy = timeline.series, timeline.span.steps_per_year
    fired = yearly_sum(s["lunar_satellite_output_kg"], spy)
    lunar = yearly_sum(s["lunar_satellite_output_kg"] * s["deep_space_lunar_chip_fraction"], spy)
    return np.where(fired > 0.0, lunar / np.where(fired > 0.0, fired, 1.0), 0.0)


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
    """Bus cost per kg after ``satellites_built`` satellites [USD/kg]: the timeline's formula
    (:func:`moonbase.spacecraft.bus_learning.bus_cost_usd_per_kg`) with the scenario's learning.

    ``earth_orbit.bus_cost`` holds at ``finance.bus_reference_units``; each doubling of
    satellites built multiplies it by ``1 - finance.bus_learning_rate``. Fewer than one
    satellite counts as one (the first unit's cost).
    """
    col = (slice(None), None)
    return bus_cost_usd_per_kg(np.asarray(satellites_built, dtype=float), params["earth_orbit.bus_cost_usd_per_kg"][col],
                               params["finance.bus_reference_units"][col], params["finance.bus_learning_rate"][col])


#: The timeline's line items of the Earth-orbit tier [USD per step].
EARTH_ORBIT_ITEMS = {"launch": "earth_orbit_launch_cost_usd", "bus": "earth_orbit_bus_cost_usd",
                     "chips": "earth_orbit_chip_cost_usd"}

#: The deep-space tier's line items charged as they are spent (per kg fired in the year);
#: the others are capital, recovered over ``finance.lunar_base_life``. Chips are the
#: accelerators line of the LCOC.
DEEP_SPACE_RUNNING = ("teleoperation", "operations", "satellite_parts")
DEEP_SPACE_CAPITAL = ("fabs", "mass_drivers", "power", "transmission", "imports", "seed", "city")

#: Why a deep-space line item reads as it does (for reports).
DEEP_SPACE_NOTES = {
    "chips": "accelerators bought on Earth for deep-space satellites (none for those the lunar fabs make)",
    "fabs": "Earth-made tools of the lunar chip fabs, landed",
    "mass_drivers": "Earth-made parts of the mass drivers, landed",
    "power": "0 USD: the drivers' and fabs' power plants are built by the lunar industry from lunar mass; "
             "their draw is in the lunar resource ledger",
    "transmission": "the timeline's transmission_cost_usd column; 0 USD when the timeline builds no line",
    "teleoperation": "earth_teleoperators x city.teleoperator_cost",
    "operations": "the lunar base's fixed operations (lunar.operations_cost)",
    "satellite_parts": "Earth-made parts of the deep-space satellites, landed",
    "imports": "Earth-made parts of the lunar industry's growth, landed",
    "seed": "the lunar seed, landed",
    "city": "the city's Earth resupply, landed",
}


def tier_spending_usd(params, timeline) -> dict[str, dict[str, np.ndarray]]:
    """Each tier's spending per step by line item, read from the timeline's columns, (samples, steps) [USD].

    ``earth_orbit``: launch, bus (learning on satellites built), chips. ``deep_space`` (the
    whole lunar route, city included): the items of :data:`DEEP_SPACE_NOTES`; teleoperation
    is ``earth_teleoperators x city.teleoperator_cost`` and operations the rest of
    ``lunar_operations_cost_usd``. Both tiers together are the timeline's ``cost_usd``.
    """
    s, dt = timeline.series, timeline.span.step_s
    zeros = np.zeros_like(s["cost_usd"])
    teleoperation = s["earth_teleoperators"] * params["city.teleoperator_cost_usd_per_s"][:, None] * dt
    deep = {
        "chips": s["deep_space_chip_cost_usd"], "fabs": s["lunar_fab_cost_usd"],
        "mass_drivers": s["mass_driver_cost_usd"], "power": zeros,
        "transmission": s["transmission_cost_usd"] if "transmission_cost_usd" in s else zeros,
        "teleoperation": teleoperation, "operations": s["lunar_operations_cost_usd"] - teleoperation,
        "satellite_parts": s["lunar_satellite_import_cost_usd"],
        "imports": s["lunar_import_cost_usd"] - s["lunar_satellite_import_cost_usd"],
        "seed": s["lunar_seed_cost_usd"], "city": s["city_resupply_cost_usd"]}
    return {"earth_orbit": {item: s[name] for item, name in EARTH_ORBIT_ITEMS.items()}, "deep_space": deep}


def earth_orbit_spending_usd(params, timeline) -> np.ndarray:
    """The timeline's Earth-orbit spending per step, (samples, steps) [USD]: its line items' sum."""
    return sum(tier_spending_usd(params, timeline)["earth_orbit"].values())


def _in_service(capital_year: np.ndarray, window: np.ndarray) -> np.ndarray:
    """Capital spent in the last ``window`` years (per sample), each year, (samples, years) [USD]."""
    cumulative = np.cumsum(capital_year, axis=1)
    lagged_index = np.arange(capital_year.shape[1])[None, :] - window[:, None]
    lagged = np.where(lagged_index >= 0, np.take_along_axis(cumulative, np.maximum(lagged_index, 0), axis=1), 0.0)
    return cumulative - lagged


def deep_space_cost_items_usd_per_kg(params, timeline) -> dict[str, np.ndarray]:
    """Cost of one kg of satellite fired from the Moon by line item, per year, (samples, years) [USD/kg].

    The timeline's deep-space line items (:func:`tier_spending_usd`) but chips, which are
    the accelerators of the LCOC: running items (:data:`DEEP_SPACE_RUNNING`) are charged in
    the year they are spent; capital spent in the last ``finance.lunar_base_life`` years is
    recovered with the capital recovery factor at the space WACC. Both are spread over the
    year's fired mass; NaN in years that fire nothing.
    """
    p, span = params, timeline.span
    spy = span.steps_per_year
    items = tier_spending_usd(p, timeline)["deep_space"]
    window = np.maximum(np.round(p["finance.lunar_base_life_s"] / SECONDS_PER_YEAR).astype(int), 1)
    crf = np.asarray(capital_recovery_factor(scenario_wacc_per_s(p, space=True), p["finance.lunar_base_life_s"]))
    fired_year = yearly_sum(timeline.series["lunar_satellite_output_kg"], spy)
    fires = fired_year > 0.0
    per_kg = {}
    for name in DEEP_SPACE_RUNNING + DEEP_SPACE_CAPITAL:
        spent = yearly_sum(items[name], spy)
        charge = spent if name in DEEP_SPACE_RUNNING else crf[:, None] * _in_service(spent, window)
        per_kg[name] = np.where(fires, charge / np.where(fires, fired_year, 1.0), np.nan)
    return per_kg


def deep_space_cost_path_usd_per_kg(params, timeline) -> np.ndarray:
    """Cost of one kg of satellite fired from the Moon, per year, (samples, years) [USD/kg]: the sum of
    :func:`deep_space_cost_items_usd_per_kg` (NaN in years that fire nothing)."""
    return sum(deep_space_cost_items_usd_per_kg(params, timeline).values())


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
    built = s["earth_orbit_satellites_built"][:, spy - 1::spy]
    bus = yearly_mean(s["earth_orbit_bus_cost_usd_per_kg"], spy)
    mass = deep_space_mass_factors(p, timeline_choices(result.scenario))
    ds_items = deep_space_cost_items_usd_per_kg(p, tl)
    ds_cost = sum(ds_items.values())
    lunar_chips = lunar_chip_fraction_by_year(tl)
    delivery_eo = tier_delivery(p, "earth_orbit", orbit=orbit)
    delivery_ds = tier_delivery(p, "deep_space")

    # Earth-orbit shells registered beside the shipped one: the same learned bus and launch price, their own
    # orbit's design and delivered fraction (their LCOC path only; the break-evens are the shipped shell's)
    shells = [(tier.name, tier_design(p, "earth_orbit", tier.orbit or orbit),
               tier_delivery(p, "earth_orbit", orbit=tier.orbit or orbit))
              for tier in tiers_of_kind(TierKind.EARTH_ORBIT) if tier.name != "earth_orbit"]
    shape = (tl.samples, years.size)
    paths = {"earth_orbit": np.empty(shape), "deep_space": np.empty(shape)}
    paths.update({name: np.empty(shape) for name, _, _ in shells})
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
        for name, design, delivery in shells:
            paths[name][:, j] = earth_orbit_lcoc(p, year, price[:, j], bus[:, j], None, design=design,
                                                 delivery=delivery).usd_per_pflop_day
        accel_ds = (1.0 - lunar_chips[:, j]) * p["compute.accelerator_cost_usd_per_w"]
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
                           launch_price_crossover_year=price_years, deep_space_lunar_chip_fraction=lunar_chips,
                           deep_space_cost_items_usd_per_kg=ds_items)
