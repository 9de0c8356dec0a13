"""The investor's view of a run: capex, funding curve, NPV, IRR and payback at a compute price path.

Pure functions over a finished timeline (``moonbase.timeline.run.RunResult``). The
architecture spends what the timeline spends (``cost_usd``: launches, satellites,
accelerators, lunar cargo and operations, city resupply) plus yearly operations of the
Earth-orbit fleet (``finance.space_operations`` of its capex). It sells the compute its
space tiers deliver (the timeline's FLOP/s through the delivery chain of
:mod:`moonbase.economics.delivered`, without the power factor the timeline already
applied) at a price path: the levelized cost of compute of ``finance.price_baseline`` in
each year, times ``1 + finance.price_markup`` -- the price a competitive market would
pay if the cheapest Earth supply set it. Cash flows are yearly, at mid-year, discounted
at the space WACC; no terminal value is counted for satellites still working at the
end of the span (``docs/design/economics_lcoc.md`` sizes what that leaves out).
With several samples every figure comes with P10/P50/P90.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from moonbase.constants import PFLOP_DAY_FLOP, SECONDS_PER_YEAR
from moonbase.economics.crossover import yearly_sum
from moonbase.economics.delivered import tier_delivery
from moonbase.economics.finance import (
    internal_rate_of_return_per_s,
    net_present_value_usd,
    payback_time_s,
)
from moonbase.economics.lcoc import scenario_wacc_per_s
from moonbase.economics.tier_costs import ground_lcoc
from moonbase.scenario.params import earth_orbit_choices
from moonbase.spacecraft.tier import tier_design

PERCENTILES = (10, 50, 90)


@dataclass(frozen=True)
class InvestorView:
    """Yearly money of a run; ``(samples, years)`` arrays unless noted."""

    scenario: str
    years: np.ndarray  # (years,)
    price_usd_per_pflop_day: np.ndarray
    revenue_usd: np.ndarray
    spending_usd: np.ndarray  # capex and operations
    cash_flow_usd: np.ndarray
    cumulative_capex_usd: np.ndarray
    cumulative_cash_usd: np.ndarray
    funding_need_usd: np.ndarray  # capital raised by then: running maximum of -cumulative cash
    peak_funding_usd: np.ndarray  # (samples,)
    npv_usd: np.ndarray  # (samples,), at the space WACC, valued at the start of the span
    irr_per_s: np.ndarray  # (samples,), NaN if the flows never pay back
    payback_year: np.ndarray  # (samples,), NaN if not within the span
    wacc_per_s: np.ndarray  # (samples,)


def compute_price_path_usd_per_pflop_day(params, years, baseline: str, markup) -> np.ndarray:
    """Compute price per delivered PFLOP-day in each year, (samples, years) [USD].

    The levelized cost of compute of ``baseline`` for hardware of that year (it falls as
    accelerators get more efficient) times ``1 + markup``.
    """
    return np.stack([ground_lcoc(params, baseline, year).usd_per_pflop_day for year in years], axis=1) * (
        1.0 + np.asarray(markup, dtype=float)[:, None])


def _delivered_over_powered(params, tier: str, orbit: str) -> np.ndarray:
    """Delivered fraction without the power factor (the timeline's FLOP/s already carry it)."""
    d = tier_delivery(params, tier, orbit=orbit)
    return d.delivered_fraction / np.where(d.factors["power"] > 0.0, d.factors["power"], 1.0)


def investor_view(result, price_baseline: str | None = None, markup=None) -> InvestorView:
    """Capex, funding, NPV, IRR and payback of a run at its compute price path.

    Parameters
    ----------
    result : moonbase.timeline.run.RunResult
        A finished run.
    price_baseline : str, optional
        Earth baseline that sets the price (default ``finance.price_baseline``).
    markup : float or array_like, optional
        Markup over that baseline's levelized cost (default ``finance.price_markup``).

    Returns
    -------
    InvestorView
    """

    p, tl = result.params, result.timeline
    s, span = tl.series, tl.span
    spy, dt = span.steps_per_year, span.step_s
    years = np.arange(span.start_year, span.end_year + 1)
    baseline = price_baseline or result.scenario.finance.price_baseline
    up = p["finance.price_markup"] if markup is None else np.broadcast_to(np.asarray(markup, dtype=float), (tl.samples,))
    price = compute_price_path_usd_per_pflop_day(p, years, baseline, up)
    orbit = earth_orbit_choices(result.scenario.earth_orbit)["orbit"]
    delivered_flop = (s["earth_orbit_compute_flop_s"] * _delivered_over_powered(p, "earth_orbit", orbit)[:, None]
                      + s["deep_space_compute_flop_s"] * _delivered_over_powered(p, "deep_space", orbit)[:, None]) * dt
    revenue = yearly_sum(delivered_flop, spy) / PFLOP_DAY_FLOP * price
    design = tier_design(p, "earth_orbit", orbit)
    col = (slice(None), None)
    fleet_capex_per_kg = (s["earth_launch_price_usd_per_kg"] + design.non_compute_mass_fraction[col]
                          * s["earth_orbit_bus_cost_usd_per_kg"] + (
        design.specific_power_w_kg * (1.0 + p["earth_orbit.design.spare_fraction"])
        * p["compute.accelerator_cost_usd_per_w"])[col])
    operations = p["finance.space_operations_per_s"][col] * dt * s["earth_orbit_mass_kg"] * fleet_capex_per_kg
    capex = yearly_sum(s["cost_usd"], spy)
    spending = capex + yearly_sum(operations, spy)
    cash = revenue - spending
    cumulative = np.cumsum(cash, axis=1)
    funding = np.maximum.accumulate(np.maximum(-cumulative, 0.0), axis=1)
    times = (years - span.start_year + 0.5) * SECONDS_PER_YEAR
    wacc = scenario_wacc_per_s(p, space=True)
    payback = payback_time_s(cash, times)
    return InvestorView(
        scenario=result.scenario.name, years=years, price_usd_per_pflop_day=price, revenue_usd=revenue,
        spending_usd=spending, cash_flow_usd=cash, cumulative_capex_usd=np.cumsum(capex, axis=1),
        cumulative_cash_usd=cumulative, funding_need_usd=funding, peak_funding_usd=funding[:, -1],
        npv_usd=np.atleast_1d(net_present_value_usd(cash, times, wacc)),
        irr_per_s=np.atleast_1d(internal_rate_of_return_per_s(cash, times)),
        payback_year=np.where(np.isnan(payback), np.nan, span.start_year + np.floor(payback / SECONDS_PER_YEAR)),
        wacc_per_s=np.atleast_1d(wacc))


def band(values) -> float | dict[str, float] | None:
    """One number for one sample; P10/P50/P90 (NaN-aware) and the share that is finite for several."""
    values = np.asarray(values, dtype=float).reshape(-1)
    finite = values[np.isfinite(values)]
    if values.size == 1:
        return float(values[0]) if finite.size else None
    if finite.size == 0:
        return {"p10": None, "p50": None, "p90": None, "fraction_finite": 0.0}
    p10, p50, p90 = np.percentile(finite, PERCENTILES)
    return {"p10": float(p10), "p50": float(p50), "p90": float(p90), "fraction_finite": float(finite.size / values.size)}


def investor_summary(view: InvestorView) -> dict[str, Any]:
    """JSON-ready headline of an investor view (P10/P50/P90 when sampled)."""
    return {
        "scenario": view.scenario,
        "npv_usd": band(view.npv_usd),
        "irr_per_year": band(view.irr_per_s * SECONDS_PER_YEAR),
        "wacc_per_year": band(view.wacc_per_s * SECONDS_PER_YEAR),
        "payback_year": band(view.payback_year),
        "peak_funding_usd": band(view.peak_funding_usd),
        "cumulative_capex_usd": band(view.cumulative_capex_usd[:, -1]),
        "cumulative_revenue_usd": band(view.revenue_usd.sum(axis=1)),
    }
