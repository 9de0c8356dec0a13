"""The economics of a run in one JSON-ready dict: LCOC by tier, crossovers, investor view, provenance.

``economics_overview(result)`` is what ``moonbase economics`` prints and writes, and what a
run summary or report can embed (pure function over a finished run; no I/O).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from moonbase.constants import SECONDS_PER_YEAR
from moonbase.economics.crossover import CrossoverResult, crossover_analysis
from moonbase.economics.earth_baselines import baseline_names, load_baseline
from moonbase.economics.investor import band, investor_summary, investor_view
from moonbase.economics.lcoc import LevelizedCost, scenario_wacc_per_s
from moonbase.economics.provenance import (
    defaults_with_prefix,
    scenario_section_defaults,
)
from moonbase.economics.tier_costs import (
    deep_space_lcoc,
    deep_space_mass_factors,
    earth_orbit_lcoc,
    ground_lcoc,
)
from moonbase.scenario.params import timeline_choices


def _lcoc_entry(cost: LevelizedCost, missing: np.ndarray | None = None) -> dict[str, Any]:
    """JSON-ready LCOC; samples flagged in ``missing`` (the tier does not exist there) are left
    out of the bands, which then report the share of samples they cover."""
    def banded(values: Any) -> Any:
        if missing is None:
            return band(values)
        return band(np.where(missing, np.nan, np.broadcast_to(values, missing.shape)))

    labels = np.asarray(cost.binding)
    if missing is not None:
        labels = np.broadcast_to(labels, missing.shape)[~missing]
    return {
        "usd_per_pflop_day": banded(cost.usd_per_pflop_day),
        "usd_per_gpu_hour": banded(cost.usd_per_gpu_hour),
        "usd_per_mwh": banded(cost.usd_per_mwh),
        "delivered_fraction": banded(cost.delivered_fraction),
        "binding": str(labels.reshape(-1)[0]),
        "breakdown_usd_per_pflop_day": {k: banded(v) for k, v in cost.breakdown_usd_per_pflop_day.items()},
    }


def lcoc_by_tier(result, crossover: CrossoverResult, year: int, baselines: list[str]) -> dict[str, Any]:
    """LCOC with line items of every tier for hardware of ``year`` (the timeline's prices that year)."""

    p = result.params
    j = int(np.searchsorted(crossover.years, year))
    out: dict[str, Any] = {}
    for name in baselines:
        out[f"ground:{name}"] = _lcoc_entry(ground_lcoc(p, name, year))
    if result.scenario.earth_orbit.enabled:
        out["earth_orbit"] = _lcoc_entry(earth_orbit_lcoc(
            p, year, crossover.launch_price_usd_per_kg[:, j], crossover.bus_cost_usd_per_kg[:, j],
            orbit=timeline_choices(result.scenario)["earth_orbit"]["orbit"]))
        out["earth_orbit"]["launch_price_usd_per_kg"] = band(crossover.launch_price_usd_per_kg[:, j])
        out["earth_orbit"]["bus_cost_usd_per_kg"] = band(crossover.bus_cost_usd_per_kg[:, j])
    cost_per_kg = crossover.deep_space_cost_usd_per_kg[:, j]
    made = np.isfinite(cost_per_kg)  # samples whose city makes deep-space satellites by ``year``
    if result.scenario.deep_space.enabled and np.any(made):
        accel = (1.0 - crossover.deep_space_lunar_chip_fraction[:, j]) * p["compute.accelerator_cost_usd_per_w"]
        mass = deep_space_mass_factors(p, timeline_choices(result.scenario))
        # samples without satellites get a stand-in cost (any finite value) and are masked out of the bands
        filled = np.where(made, cost_per_kg, np.median(cost_per_kg[made]))
        out["deep_space"] = _lcoc_entry(deep_space_lcoc(p, year, filled, accel, mass),
                                        None if np.all(made) else ~made)
        out["deep_space"]["satellite_cost_usd_per_kg"] = band(cost_per_kg)
    return out


def crossover_summary(crossover: CrossoverResult, year: int) -> dict[str, Any]:
    """Crossover years, and the break-even prices and specific power in ``year``."""
    j = int(np.searchsorted(crossover.years, year))
    return {
        "crossover_year": {k: band(v) for k, v in crossover.crossover_year.items()},
        "launch_price_reaches_breakeven_year": {k: band(v) for k, v in crossover.launch_price_crossover_year.items()},
        "in_year": year,
        "breakeven_launch_price_usd_per_kg": {k: band(v[:, j]) for k, v in
                                              crossover.breakeven_launch_price_usd_per_kg.items()},
        "breakeven_bus_cost_usd_per_kg": {k: band(v[:, j]) for k, v in crossover.breakeven_bus_cost_usd_per_kg.items()},
        "breakeven_specific_power_w_kg": {k: band(v[:, j]) for k, v in
                                          crossover.breakeven_specific_power_w_kg.items()},
        "timeline_launch_price_usd_per_kg": band(crossover.launch_price_usd_per_kg[:, j]),
        "satellites_built": band(crossover.satellites_built[:, j]),
    }


def provenance_used(scenario, baselines: list[str]) -> list[dict[str, Any]]:
    """The economic defaults a run's economics used: Finance fields, baselines, units of compute."""
    names = sorted(set(baselines) | {scenario.finance.ground_baseline, scenario.finance.price_baseline})
    for name in names:
        load_baseline(name)  # registers a user baseline file too
    used = defaults_with_prefix([f"baseline.{load_baseline(n).name}." for n in names] + ["unit."])
    return [d.as_dict() for d in (*scenario_section_defaults(scenario.finance, "finance"), *used)]


def economics_overview(result, year: int | None = None, baselines: list[str] | None = None,
                       alternative=None) -> dict[str, Any]:
    """Everything ``moonbase economics`` reports for a run (and an optional alternative run).

    Parameters
    ----------
    result : moonbase.timeline.run.RunResult
        The run.
    year : int, optional
        Vintage year of the LCOC table and the break-even prices (default: 2030 or the
        span's first year if later).
    baselines : list of str, optional
        Earth baselines to compare with (default: every shipped baseline).
    alternative : RunResult, optional
        A second run (e.g. ``earth-orbit-only``) for the investor comparison.
    """
    span = result.scenario.span
    chosen = baselines or baseline_names()
    when = int(np.clip(year if year is not None else max(2030, span.start_year), span.start_year, span.end_year))
    crossover = crossover_analysis(result, tuple(chosen))
    investors = {result.scenario.name: investor_summary(investor_view(result))}
    if alternative is not None:
        investors[alternative.scenario.name] = investor_summary(investor_view(alternative))
    return {
        "scenario": result.scenario.name,
        "samples": result.timeline.samples,
        "year": when,
        "wacc_per_year": band(np.asarray(scenario_wacc_per_s(result.params)) * SECONDS_PER_YEAR),
        "lcoc": lcoc_by_tier(result, crossover, when, chosen),
        "crossover": crossover_summary(crossover, when),
        "investor": investors,
        "provenance": provenance_used(result.scenario, chosen),
    }


def lcoc_paths_table(crossover: CrossoverResult) -> dict[str, list]:
    """The yearly LCOC paths (median over samples) as columns, for CSV or charts."""
    table: dict[str, list] = {"year": [int(y) for y in crossover.years]}
    for name, values in crossover.lcoc_usd_per_pflop_day.items():
        finite = np.isfinite(values)
        counts = finite.sum(axis=0)
        ordered = np.sort(np.where(finite, values, np.inf), axis=0)  # NaN-free median per year
        low = np.take_along_axis(ordered, np.maximum((counts - 1) // 2, 0)[None, :], axis=0)[0]
        high = np.take_along_axis(ordered, np.maximum(counts // 2, 0)[None, :], axis=0)[0]
        median = np.where(counts > 0, 0.5 * (low + high), np.nan)
        table[f"{name}_usd_per_pflop_day"] = [None if not np.isfinite(v) else float(v) for v in median]
    table["launch_price_usd_per_kg"] = [float(v) for v in np.median(crossover.launch_price_usd_per_kg, axis=0)]
    table["bus_cost_usd_per_kg"] = [float(v) for v in np.median(crossover.bus_cost_usd_per_kg, axis=0)]
    return table
