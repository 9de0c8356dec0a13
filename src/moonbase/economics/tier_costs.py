"""Each tier's levelized cost of compute from a scenario's parameters, for one vintage year.

The bridge between the scenario (flat parameter arrays, one per sample) and
:mod:`moonbase.economics.lcoc`: the ground tier from an Earth baseline, the Earth-orbit
tier from its satellite design and a launch price, the deep-space tier from its
lunar-made design, the mass driver's g-load structure and escape fraction, and a cost
per kg of lunar satellite. Chips of a vintage keep their efficiency for life; every
tier uses the same accelerator roadmap and price, so differences between tiers come
from everything but the chips. Prices the timeline computes (launch price, learning)
are passed in by :mod:`moonbase.economics.crossover`.
"""

from __future__ import annotations

import numpy as np

from moonbase.constants import SECONDS_PER_YEAR
from moonbase.economics.delivered import tier_delivery
from moonbase.economics.earth_baselines import Baseline, load_baseline
from moonbase.economics.lcoc import (
    LevelizedCost,
    deep_space_cost_items,
    earth_orbit_cost_items,
    ground_cost_items,
    levelized_cost_of_compute,
    scenario_wacc_per_s,
)
from moonbase.massdriver.capacity import mass_driver_capacity
from moonbase.orbits.escape import escape_fraction
from moonbase.scenario.params import earth_orbit_choices, timeline_choices
from moonbase.spacecraft.compute_roadmap import accelerator_efficiency_flop_j
from moonbase.spacecraft.tier import tier_design

__all__ = ["efficiency_in_year_flop_j", "ground_lcoc", "earth_orbit_lcoc", "deep_space_lcoc", "deep_space_mass_factors"]


def efficiency_in_year_flop_j(params, year):
    """Peak dense FLOP per J of accelerators made in (the middle of) ``year``, per sample [FLOP/J]."""
    since = (np.asarray(year, dtype=float) + 0.5 - params["compute.reference_year"]) * SECONDS_PER_YEAR
    return accelerator_efficiency_flop_j(since, params["compute.reference_efficiency_flop_j"],
                                         params["compute.improvement_per_s"], params["compute.ceiling_flop_j"])


def ground_lcoc(params, baseline: Baseline | str, year) -> LevelizedCost:
    """LCOC of the ground tier in an Earth baseline for hardware of ``year`` (per sample)."""
    b = load_baseline(baseline) if isinstance(baseline, str) else baseline
    items = ground_cost_items(b, params["compute.accelerator_cost_usd_per_w"], params["ground.hardware_life_s"],
                              scenario_wacc_per_s(params), efficiency_in_year_flop_j(params, year),
                              tier_delivery(params, "ground", availability=b.availability))
    return levelized_cost_of_compute(items)


def earth_orbit_lcoc(params, year, launch_price_usd_per_kg=None, bus_cost_usd_per_kg=None,
                     specific_power_w_kg=None, accelerator_cost_usd_per_w=None, design=None,
                     delivery=None, orbit=None) -> LevelizedCost:
    """LCOC of the Earth-orbit tier for satellites of ``year`` (per sample).

    Defaults: the launch reference price, the scenario's bus cost, the design's specific
    power and the scenario's accelerator cost; pass the timeline's values to follow its
    learning (:mod:`moonbase.economics.crossover`).
    """

    orbit = earth_orbit_choices()["orbit"] if orbit is None else orbit
    d = tier_design(params, "earth_orbit", orbit) if design is None else design
    p = params
    price = p["launch.reference_price_usd_per_kg"] if launch_price_usd_per_kg is None else launch_price_usd_per_kg
    bus = p["earth_orbit.bus_cost_usd_per_kg"] if bus_cost_usd_per_kg is None else bus_cost_usd_per_kg
    sp = d.specific_power_w_kg if specific_power_w_kg is None else specific_power_w_kg
    accel = p["compute.accelerator_cost_usd_per_w"] if accelerator_cost_usd_per_w is None else accelerator_cost_usd_per_w
    items = earth_orbit_cost_items(
        sp, d.non_compute_mass_fraction, p["earth_orbit.design.spare_fraction"], d.design_life_s,
        p["earth_orbit.failure_rate_per_s"] + d.degradation_rate_per_s, price, bus, accel,
        p["finance.space_operations_per_s"], p["finance.space_construction_s"], scenario_wacc_per_s(p, space=True),
        efficiency_in_year_flop_j(p, year), tier_delivery(p, "earth_orbit", orbit=orbit) if delivery is None else delivery)
    return levelized_cost_of_compute(items)


def deep_space_mass_factors(params, choices=None):
    """Per sample: (compute W per kg of fired satellite, escape fraction, design) of the deep-space tier.

    The specific power includes the mass driver's g-load structure
    (``useful_payload_fraction``), as the timeline does.
    """

    design = tier_design(params, "deep_space")
    driver = mass_driver_capacity(params, SECONDS_PER_YEAR / 12.0, (choices or timeline_choices(None))["mass_driver"])
    return design.specific_power_w_kg * driver.useful_payload_fraction, escape_fraction(params), design


def deep_space_lcoc(params, year, satellite_cost_usd_per_kg, accelerator_cost_usd_per_w=None,
                    mass_factors=None, delivery=None) -> LevelizedCost:
    """LCOC of the deep-space tier for lunar-made satellites of ``year`` (per sample).

    ``satellite_cost_usd_per_kg`` comes from
    :func:`moonbase.economics.lcoc.lunar_satellite_cost_usd_per_kg`, or by line item from
    :func:`moonbase.economics.crossover.deep_space_cost_items_usd_per_kg`; accelerators default
    to the Earth price (before a lunar chip fab; pass 0 after it).
    """
    p = params
    sp, phi, d = deep_space_mass_factors(p) if mass_factors is None else mass_factors
    accel = p["compute.accelerator_cost_usd_per_w"] if accelerator_cost_usd_per_w is None else accelerator_cost_usd_per_w
    items = deep_space_cost_items(
        satellite_cost_usd_per_kg, sp, np.maximum(phi, 1e-12), p["deep_space.design.spare_fraction"], accel,
        d.design_life_s, p["deep_space.failure_rate_per_s"] + d.degradation_rate_per_s,
        p["finance.space_operations_per_s"], p["finance.space_construction_s"], scenario_wacc_per_s(p, space=True),
        efficiency_in_year_flop_j(p, year), tier_delivery(p, "deep_space") if delivery is None else delivery)
    return levelized_cost_of_compute(items)
