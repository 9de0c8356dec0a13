"""The deep-space tier per delivered unit of compute, two ways: Earth cash and the lunar resource ledger.

Both are cumulative to each year's end, over what the deep-space satellites fired by then
deliver over their lives (undiscounted delivered PFLOP-days): the Earth cash is the
timeline's lunar-route line items (:func:`moonbase.economics.crossover.tier_spending_usd`),
the lunar ledger is what the Moon gave: regolith mined and mass fired, the industry's
energy (and the mass drivers' and fabs' share of it), its residents' hours, the Earth
teleoperators' hours and the land its power plant and radiators cover. The whole route is
charged to the satellites (growth included), so in a year of fast growth a unit carries
the capacity built for later ones. Choices: ``docs/design/economics_lcoc.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from moonbase.constants import PFLOP_DAY_FLOP, SECONDS_PER_YEAR
from moonbase.economics.crossover import tier_spending_usd, yearly_sum
from moonbase.economics.delivered import tier_delivery
from moonbase.economics.finance import annuity_factor_s
from moonbase.economics.tier_costs import efficiency_in_year_flop_j
from moonbase.industry.limits import city_area_per_power_m2_w

SECONDS_PER_HOUR = 3600.0

#: The lunar resources of the ledger and their units.
RESOURCE_UNITS = {"fired_mass_kg": "kg", "regolith_mined_kg": "kg", "energy_j": "J", "mass_driver_energy_j": "J",
                  "fab_energy_j": "J", "labour_hours": "person-h", "teleoperator_hours": "person-h",
                  "land_m2_yr": "m2 yr"}


@dataclass(frozen=True)
class DeepSpaceLedger:
    """Cumulative to each year's end, ``(samples, years)``."""

    years: np.ndarray
    delivered_pflop_day: np.ndarray  # what the satellites fired so far deliver over their lives (undiscounted)
    earth_cash_usd: dict[str, np.ndarray]  # the lunar route's line items
    resources: dict[str, np.ndarray]  # RESOURCE_UNITS

    def per_pflop_day(self, values: np.ndarray) -> np.ndarray:
        """``values`` per delivered PFLOP-day (NaN before anything is delivered)."""
        d = self.delivered_pflop_day
        return np.where(d > 0.0, values / np.where(d > 0.0, d, 1.0), np.nan)


def lifetime_pflop_day_per_w(params, year, mass_factors) -> np.ndarray:
    """Delivered PFLOP-days over its life of one W (beginning of life) of deep-space compute of ``year``,
    undiscounted, per sample: :math:`\\eta f_d \\int_0^L e^{-\\delta t} dt / 8.64\\times10^{19}`
    (the LCOC's denominator at zero cost of capital, :func:`moonbase.economics.lcoc.levelized_cost_of_compute`)."""
    p = params
    _, _, design = mass_factors
    decay = p["deep_space.failure_rate_per_s"] + design.degradation_rate_per_s
    life = annuity_factor_s(0.0, 0.0, design.design_life_s, decay)
    fraction = tier_delivery(p, "deep_space").delivered_fraction
    return efficiency_in_year_flop_j(p, year) * fraction * life / PFLOP_DAY_FLOP


def deep_space_ledger(params, timeline, mass_factors) -> DeepSpaceLedger:
    """Earth cash and lunar resources of the deep-space route per delivered PFLOP-day, cumulative by year.

    ``mass_factors`` are :func:`moonbase.economics.tier_costs.deep_space_mass_factors`
    (compute W per kg fired, escape fraction, design).
    """
    p, s, span = params, timeline.series, timeline.span
    spy, dt = span.steps_per_year, span.step_s
    years = np.arange(span.start_year, span.end_year + 1)
    sp = np.asarray(mass_factors[0], dtype=float)
    added_w = yearly_sum(s["deep_space_deployed_mass_kg"], spy) * sp[:, None]
    per_w = np.stack([np.broadcast_to(lifetime_pflop_day_per_w(p, int(y), mass_factors), (timeline.samples,))
                      for y in years], axis=1)
    delivered = np.cumsum(added_w * per_w, axis=1)

    def total(series):
        return np.cumsum(yearly_sum(series, spy), axis=1)

    land_per_w = city_area_per_power_m2_w(
        p["lunar.solar_cell_efficiency"], p["lunar.illumination_fraction"], p["lunar.radiator_temperature_k"],
        p["lunar.radiator_emissivity"], p["lunar.radiator_sink_temperature_k"])
    industry_w = s["lunar_industry_power_w"]
    resources = {
        "fired_mass_kg": total(s["lunar_satellite_output_kg"]),
        "regolith_mined_kg": s["lunar_regolith_mined_kg"][:, spy - 1::spy],
        "energy_j": total(industry_w * dt), "mass_driver_energy_j": total(s["mass_driver_power_w"] * dt),
        "fab_energy_j": total(s["lunar_fab_power_w"] * dt),
        "labour_hours": total(s["lunar_population"] * dt / SECONDS_PER_HOUR),
        "teleoperator_hours": total(s["earth_teleoperators"] * dt / SECONDS_PER_HOUR),
        "land_m2_yr": total(industry_w * np.asarray(land_per_w)[:, None] * dt / SECONDS_PER_YEAR)}
    cash = {item: total(v) for item, v in tier_spending_usd(p, timeline)["deep_space"].items()}
    return DeepSpaceLedger(years=years, delivered_pflop_day=delivered, earth_cash_usd=cash, resources=resources)
