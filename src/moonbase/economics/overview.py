"""The economics of a run in one JSON-ready dict: LCOC by tier, crossovers, investor view, provenance.

``economics_overview(result)`` is what ``moonbase economics`` prints and writes, and what a
run summary or report can embed (pure function over a finished run; no I/O).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from moonbase.constants import SECONDS_PER_YEAR
from moonbase.economics.crossover import (
    DEEP_SPACE_NOTES,
    CrossoverResult,
    crossover_analysis,
    tier_spending_usd,
)
from moonbase.economics.earth_baselines import baseline_names, load_baseline
from moonbase.economics.investor import band, investor_summary, investor_view
from moonbase.economics.lcoc import LevelizedCost, scenario_wacc_per_s
from moonbase.economics.ledger import RESOURCE_UNITS, DeepSpaceLedger, deep_space_ledger
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
    entry = {
        "usd_per_pflop_day": banded(cost.usd_per_pflop_day),
        "usd_per_gpu_hour": banded(cost.usd_per_gpu_hour),
        "usd_per_mwh": banded(cost.usd_per_mwh),
        "delivered_fraction": banded(cost.delivered_fraction),
        "binding": str(labels.reshape(-1)[0]),
        "breakdown_usd_per_pflop_day": {k: banded(v) for k, v in cost.breakdown_usd_per_pflop_day.items()},
    }
    lines = cost.breakdown_usd_per_pflop_day
    if "spares" in lines:  # a space tier: its chips are the accelerators and their spares
        entry["chips_usd_per_pflop_day"] = banded(lines["accelerators"] + lines["spares"])
    return entry


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
        # samples without satellites get a stand-in cost (any finite value) and are masked out of the bands;
        # the lunar satellite's cost per kg enters by line item (fabs, mass drivers, teleoperation, ...)
        items = {name: np.where(made, v[:, j], np.median(v[made, j]))
                 for name, v in crossover.deep_space_cost_items_usd_per_kg.items()}
        out["deep_space"] = _lcoc_entry(deep_space_lcoc(p, year, items, accel, mass),
                                        None if np.all(made) else ~made)
        out["deep_space"]["satellite_cost_usd_per_kg"] = band(cost_per_kg)
    return out


def _lcoc_item(entry: dict[str, Any] | None, item: str) -> Any:
    """A line item's share of a space tier's LCOC (``chips``: accelerators and spares); None without the tier."""
    if entry is None:
        return None
    return entry["chips_usd_per_pflop_day"] if item == "chips" else entry["breakdown_usd_per_pflop_day"].get(item)


def line_items(result, lcoc: dict[str, Any], ledger: DeepSpaceLedger, year: int) -> dict[str, Any]:
    """Each space tier's line items: the timeline's spending over the span (Earth cash) and, for
    hardware of ``year``, the line's share of the LCOC [USD per delivered PFLOP-day]; deep space
    adds the notes of :data:`moonbase.economics.crossover.DEEP_SPACE_NOTES` and the mass drivers'
    and fabs' share of the lunar industry's energy (their power plants are lunar-made)."""
    spending = tier_spending_usd(result.params, result.timeline)
    out: dict[str, Any] = {}
    for tier, items in spending.items():
        out[tier] = {}
        for item, series in items.items():
            out[tier][item] = {"span_spending_usd": band(series.sum(axis=1)),
                               "usd_per_pflop_day": _lcoc_item(lcoc.get(tier), item)}
            if tier == "deep_space":
                out[tier][item]["note"] = DEEP_SPACE_NOTES[item]
    j = int(np.searchsorted(ledger.years, year))
    energy = ledger.resources["energy_j"][:, j]
    drawn = ledger.resources["mass_driver_energy_j"][:, j] + ledger.resources["fab_energy_j"][:, j]
    out["deep_space"]["power"]["lunar_energy_share"] = band(np.where(energy > 0.0, drawn / np.where(
        energy > 0.0, energy, 1.0), np.nan))
    return out


def per_delivered(ledger: DeepSpaceLedger, year: int) -> dict[str, Any]:
    """The deep-space route to ``year``'s end per delivered PFLOP-day: Earth cash by line item and the
    lunar resource ledger (:mod:`moonbase.economics.ledger`)."""
    j = int(np.searchsorted(ledger.years, year))
    cash = {item: band(ledger.per_pflop_day(v)[:, j]) for item, v in ledger.earth_cash_usd.items()}
    cash["total"] = band(ledger.per_pflop_day(sum(ledger.earth_cash_usd.values()))[:, j])
    return {
        "year": year,
        "basis": "everything the lunar route spent or consumed to the year's end, over the PFLOP-days the "
                 "deep-space satellites fired by then deliver over their lives (undiscounted)",
        "delivered_pflop_day": band(ledger.delivered_pflop_day[:, j]),
        "earth_cash_usd_per_pflop_day": cash,
        "lunar_resources_per_pflop_day": {name: band(ledger.per_pflop_day(v)[:, j])
                                          for name, v in ledger.resources.items()},
        "units": dict(RESOURCE_UNITS),
    }


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
    lcoc = lcoc_by_tier(result, crossover, when, chosen)
    ledger = deep_space_ledger(result.params, result.timeline,
                               deep_space_mass_factors(result.params, timeline_choices(result.scenario)))
    investors = {result.scenario.name: investor_summary(investor_view(result))}
    if alternative is not None:
        investors[alternative.scenario.name] = investor_summary(investor_view(alternative))
    return {
        "scenario": result.scenario.name,
        "samples": result.timeline.samples,
        "year": when,
        "wacc_per_year": band(np.asarray(scenario_wacc_per_s(result.params)) * SECONDS_PER_YEAR),
        "lcoc": lcoc,
        "line_items": line_items(result, lcoc, ledger, when),
        "deep_space_per_delivered": per_delivered(ledger, when),
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
