"""The timeline's step loop, compiled: every sample, every step, every tier.

:func:`run_steps` is the stock-and-flow recurrence of :mod:`moonbase.timeline.system`.
Per sample (outer loop) and step (inner loop) it steps the city and lands its resupply
first (:func:`moonbase.city.step.city_step_core`), builds the mass driver, plans the
lunar step (:func:`moonbase.industry.step.lunar_step_core`), gives Earth orbit
what launch capacity is left, rations accelerators and money
(:func:`moonbase.jit.fraction_met`), advances the cohort stocks
(:func:`moonbase.timeline.cohorts.cohort_stock_step`), and writes every column of the
timeline and the binding labels (:mod:`moonbase.timeline.binding`). Those formulas are
the same functions the numpy entry points run (:mod:`moonbase.jit`); this module holds
only the bookkeeping between them. The exogenous paths (launch price and capacity, chip
supply and efficiency, ground demand, world power) are computed before, with numpy
(``docs/design/timeline.md``).

Samples are independent, so the loop order (sample outer) keeps a sample's state in
registers and writes each output row contiguously: ~0.3 us per sample-step on the
reference machine.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from moonbase.jit import fraction_met, kernel, row
from moonbase.physics.kardashev import kardashev_index_core
from moonbase.timeline.binding import city_code, deep_space_code, earth_orbit_code, lunar_code
from moonbase.city.step import city_step_core
from moonbase.timeline.cohorts import cohort_stock_step
from moonbase.timeline.columns import LABEL_COLUMNS, NUMERIC_COLUMNS
from moonbase.timeline.tiers import HARDWARE_TIERS
from moonbase.industry.step import LunarInputs, lunar_step_core


class StepConstants(NamedTuple):
    """Per-sample constants of the step loop, ``(samples,)`` float arrays (flags 1.0/0.0, steps as floats)."""

    earth_orbit_on: np.ndarray
    lunar_on: np.ndarray
    deep_space_on: np.ndarray
    earth_orbit_start_step: np.ndarray
    seed_step: np.ndarray
    mass_driver_step: np.ndarray  # first step of the driver's construction
    fab_step: np.ndarray  # chip_fab_year's step (beyond the span without a fab)
    fab_max_power_share: np.ndarray
    fab_mass_kg: np.ndarray
    seed_mass_kg: np.ndarray
    driver_earth_mass_kg: np.ndarray
    driver_lunar_mass_kg: np.ndarray  # lunar-made part less its solar field
    earth_orbit_specific_power_w_kg: np.ndarray
    deep_space_specific_power_w_kg: np.ndarray  # with the driver's payload penalty
    earth_orbit_duty: np.ndarray
    deep_space_duty: np.ndarray
    earth_orbit_non_compute_fraction: np.ndarray
    earth_orbit_bus_cost_usd_per_kg: np.ndarray
    earth_orbit_spare_fraction: np.ndarray
    operations_cost_usd_per_s: np.ndarray  # fixed, once seeded
    teleoperator_cost_usd_per_s: np.ndarray  # per operator on Earth
    accelerator_cost_usd_per_w: np.ndarray
    earth_hardware_cost_usd_per_kg: np.ndarray
    budget_cap: np.ndarray
    budget_usd_per_s: np.ndarray
    earth_orbit_life_steps: np.ndarray
    deep_space_life_steps: np.ndarray
    ground_life_steps: np.ndarray
    earth_orbit_q_mass: np.ndarray  # survival per step (failures)
    earth_orbit_q_power: np.ndarray  # survival per step (failures and degradation)
    earth_orbit_life_q_mass: np.ndarray  # survival over a whole life
    earth_orbit_life_q_power: np.ndarray
    deep_space_q_mass: np.ndarray
    deep_space_q_power: np.ndarray
    deep_space_life_q_mass: np.ndarray
    deep_space_life_q_power: np.ndarray
    ground_q: np.ndarray
    ground_life_q: np.ndarray
    earth_orbit_satellite_mass_kg: np.ndarray
    deep_space_payload_mass_kg: np.ndarray  # per mass-driver launch


class StepPaths(NamedTuple):
    """Exogenous paths, ``(samples, steps)`` float arrays (C order)."""

    price_usd_per_kg: np.ndarray
    leo_available_kg: np.ndarray  # this architecture's share of heavy-launch mass
    launches_per_kg: np.ndarray  # heavy launches per kg launched (mean over the vehicle families)
    chips_available_w: np.ndarray
    chip_efficiency_flop_j: np.ndarray
    local_fraction: np.ndarray
    satellite_import_fraction: np.ndarray  # before the chip fab runs
    satellite_import_fraction_fab: np.ndarray  # once it runs
    ground_target_w: np.ndarray
    world_power_w: np.ndarray  # civilisation's primary power besides space compute


#: Timeline columns that are not written by the loop: the price path itself, and the
#: driver's launched mass, which is the factory's satellite output.
_NOT_WRITTEN = ("earth_launch_price_usd_per_kg", "mass_driver_launched_mass_kg")

#: What the loop records: every numeric column of :mod:`moonbase.timeline.columns` but
#: :data:`_NOT_WRITTEN`, ``(samples, steps)`` float arrays.
StepOutputs = NamedTuple("StepOutputs", [(name, np.ndarray) for name in NUMERIC_COLUMNS if name not in _NOT_WRITTEN])


#: What limited each tier in each step: every label column of :mod:`moonbase.timeline.columns`,
#: ``(samples, steps)`` int8 codes (:mod:`moonbase.timeline.binding`).
StepLabels = NamedTuple("StepLabels", [(name, np.ndarray) for name in LABEL_COLUMNS])


def empty_outputs(samples: int, steps: int) -> tuple[StepOutputs, StepLabels]:
    """Uninitialised outputs for ``samples`` x ``steps`` (:func:`run_steps` writes every element)."""
    return (StepOutputs(*(np.empty((samples, steps)) for _ in StepOutputs._fields)),
            StepLabels(*(np.empty((samples, steps), dtype=np.int8) for _ in StepLabels._fields)))


#: Rows of a sample's deployment history and stocks: one per hardware tier (registry order)...
_EO, _DS, _GR = (HARDWARE_TIERS.index(name) for name in ("earth_orbit", "deep_space", "ground"))
#: ... and one column per stocked quantity.
_MASS, _POWER, _FLOP = range(3)


class Rationed(NamedTuple):
    """A step's deployments after the shared accelerator supply and the budget, and its spending."""

    earth_orbit_kg: float
    growth_kg: float
    satellites_kg: float
    lunar_imports_kg: float
    chip_factor: float
    budget_factor: float
    earth_orbit_cost_usd: float  # before the budget factor
    cost_usd: float  # rationed variable spending plus operations


@kernel
def _lagged(history, tier, quantity, k, life):
    """What ``tier`` deployed (``history[tier, quantity]``) ``life`` steps before step ``k`` (0 before the span)."""
    index = k - life
    return history[tier, quantity, index] if index >= 0 else 0.0


@kernel
def _advance(history, stocks, tier, quantity, k, life, step_factor, life_factor):
    """Advance one cohort stock by this step's deployment; return what left it."""
    stocks[tier, quantity], removed = cohort_stock_step(
        stocks[tier, quantity], history[tier, quantity, k], _lagged(history, tier, quantity, k, life),
        step_factor, life_factor)
    return removed


@kernel
def _deploy_hardware(c, history, stocks, k, eo_kg, eo_added_w, escaped_kg, ds_added_w, ground_target_w, efficiency):
    """Record the step's deployments and advance every hardware stock; return (eo retired, ds retired, ground added)."""
    history[_EO, _MASS, k] = eo_kg
    history[_EO, _POWER, k] = eo_added_w
    history[_EO, _FLOP, k] = eo_added_w * efficiency
    history[_DS, _MASS, k] = escaped_kg
    history[_DS, _POWER, k] = ds_added_w
    history[_DS, _FLOP, k] = ds_added_w * efficiency
    eo_life, ds_life, gr_life = int(c.earth_orbit_life_steps), int(c.deep_space_life_steps), int(c.ground_life_steps)
    eo_retired = _advance(history, stocks, _EO, _MASS, k, eo_life, c.earth_orbit_q_mass, c.earth_orbit_life_q_mass)
    _advance(history, stocks, _EO, _POWER, k, eo_life, c.earth_orbit_q_power, c.earth_orbit_life_q_power)
    _advance(history, stocks, _EO, _FLOP, k, eo_life, c.earth_orbit_q_power, c.earth_orbit_life_q_power)
    ds_retired = _advance(history, stocks, _DS, _MASS, k, ds_life, c.deep_space_q_mass, c.deep_space_life_q_mass)
    _advance(history, stocks, _DS, _POWER, k, ds_life, c.deep_space_q_power, c.deep_space_life_q_power)
    _advance(history, stocks, _DS, _FLOP, k, ds_life, c.deep_space_q_power, c.deep_space_life_q_power)
    # ground: commission what the logistic demand path needs beyond the survivors
    survivors = (stocks[_GR, _POWER] * c.ground_q
                 - _lagged(history, _GR, _POWER, k, gr_life) * c.ground_life_q)
    ground_added = max(ground_target_w - survivors, 0.0)
    history[_GR, _POWER, k] = ground_added
    history[_GR, _FLOP, k] = ground_added * efficiency
    _advance(history, stocks, _GR, _POWER, k, gr_life, c.ground_q, c.ground_life_q)
    _advance(history, stocks, _GR, _FLOP, k, gr_life, c.ground_q, c.ground_life_q)
    return eo_retired, ds_retired, ground_added


@kernel
def _ration(c, lc, price, chips_available_w, eo_plan_kg, growth, sat_out, sat_import, local, seed_landed,
            driver_landed, fab_running, ops, city_cost, dt):
    """Share the accelerator supply between the space tiers, then the budget among every variable spend.

    After the fab runs, deep-space chips are lunar-made; the city's resupply and operations
    are fixed this step (life-critical, never cut).
    """
    sp_eo, sp_ds = c.earth_orbit_specific_power_w_kg, c.deep_space_specific_power_w_kg
    accel, hardware_cost, landed_per_leo = c.accelerator_cost_usd_per_w, c.earth_hardware_cost_usd_per_kg, lc.landed_per_leo
    ds_chip_need = 0.0 if fab_running else sat_out * sp_ds
    chip_factor = fraction_met(chips_available_w, eo_plan_kg * sp_eo + ds_chip_need)
    eo_kg = eo_plan_kg * chip_factor
    if not fab_running:
        sat_out = sat_out * chip_factor
    eo_cost = eo_kg * (price + c.earth_orbit_non_compute_fraction * c.earth_orbit_bus_cost_usd_per_kg
                       + sp_eo * (1.0 + c.earth_orbit_spare_fraction) * accel)
    lunar_imports = growth * (1.0 - local) + sat_out * sat_import
    lunar_cost = ((seed_landed + lunar_imports + driver_landed) * (price / landed_per_leo + hardware_cost)
                  + (0.0 if fab_running else sat_out * sp_ds * accel))
    variable = eo_cost + lunar_cost
    allowance = max(c.budget_usd_per_s * dt - ops - city_cost, 0.0)
    budget_factor = fraction_met(allowance, variable) if c.budget_cap > 0.5 else 1.0
    return Rationed(earth_orbit_kg=eo_kg * budget_factor, growth_kg=growth * budget_factor,
                    satellites_kg=sat_out * budget_factor, lunar_imports_kg=lunar_imports * budget_factor,
                    chip_factor=chip_factor, budget_factor=budget_factor, earth_orbit_cost_usd=eo_cost,
                    cost_usd=variable * budget_factor + ops)


@kernel
def _write_columns(out, s, k, c, lc, paths, dt, stocks, residents, r, eo_added_w, ds_added_w, escaped, retired,
                   ground_added, landed, launched, industry, local, seeded, sat_out, cost, cumulative_cost,
                   regolith_mined, ops):
    """Every numeric column of step ``k`` of sample ``s``."""
    eo_p, ds_p, gr_p = stocks[_EO, _POWER], stocks[_DS, _POWER], stocks[_GR, _POWER]
    space_w = eo_p + ds_p
    world_w = paths.world_power_w[s, k]
    out.ground_compute_power_w[s, k] = gr_p
    out.earth_orbit_compute_power_w[s, k] = eo_p
    out.lunar_surface_compute_power_w[s, k] = 0.0
    out.deep_space_compute_power_w[s, k] = ds_p
    out.space_compute_power_w[s, k] = space_w
    out.total_compute_power_w[s, k] = space_w + gr_p
    out.ground_power_added_w[s, k] = ground_added
    out.earth_orbit_power_added_w[s, k] = eo_added_w
    out.deep_space_power_added_w[s, k] = ds_added_w
    out.space_power_added_w[s, k] = eo_added_w + ds_added_w
    out.ground_compute_flop_s[s, k] = stocks[_GR, _FLOP]
    out.earth_orbit_compute_flop_s[s, k] = stocks[_EO, _FLOP]
    out.deep_space_compute_flop_s[s, k] = stocks[_DS, _FLOP]
    out.earth_orbit_satellites[s, k] = stocks[_EO, _MASS] / c.earth_orbit_satellite_mass_kg
    out.deep_space_satellites[s, k] = stocks[_DS, _MASS] / c.deep_space_payload_mass_kg
    out.earth_orbit_mass_kg[s, k] = stocks[_EO, _MASS]
    out.deep_space_mass_kg[s, k] = stocks[_DS, _MASS]
    out.earth_orbit_deployed_mass_kg[s, k] = r.earth_orbit_kg
    out.deep_space_deployed_mass_kg[s, k] = escaped
    out.earth_orbit_retired_mass_kg[s, k] = retired[0]
    out.deep_space_retired_mass_kg[s, k] = retired[1]
    out.earth_launches[s, k] = launched * paths.launches_per_kg[s, k]
    out.earth_launched_mass_kg[s, k] = launched
    out.lunar_landed_mass_kg[s, k] = landed
    out.lunar_industry_mass_kg[s, k] = industry
    out.lunar_surface_power_w[s, k] = industry * lc.power_per_mass_w_kg
    out.lunar_local_fraction[s, k] = local if seeded else 0.0
    out.lunar_satellite_output_kg[s, k] = sat_out
    out.mass_driver_launches[s, k] = sat_out / c.deep_space_payload_mass_kg
    out.mass_driver_lost_mass_kg[s, k] = sat_out - escaped
    out.mass_driver_power_w[s, k] = sat_out * lc.mass_driver_energy_j_kg / dt
    out.cost_usd[s, k] = cost
    out.cumulative_cost_usd[s, k] = cumulative_cost
    out.civilization_power_w[s, k] = world_w + space_w
    out.kardashev_index[s, k] = kardashev_index_core(world_w + space_w)
    out.lunar_population[s, k] = residents.population
    out.earth_teleoperators[s, k] = residents.earth_teleoperators
    out.city_habitat_mass_kg[s, k] = residents.habitat_mass_kg
    out.city_resupply_mass_kg[s, k] = residents.resupply_kg
    out.city_power_w[s, k] = residents.power_w
    out.city_closure[s, k] = residents.closure
    out.lunar_regolith_mined_kg[s, k] = regolith_mined
    out.earth_orbit_cost_usd[s, k] = r.earth_orbit_cost_usd * r.budget_factor
    out.lunar_cost_usd[s, k] = cost - r.earth_orbit_cost_usd * r.budget_factor
    out.lunar_operations_cost_usd[s, k] = ops


@kernel
def run_steps(constants, lunar, city, paths, step_s, year_end, out, labels):
    """The step loop over every sample; fills ``out`` (:class:`StepOutputs`) and ``labels`` (:class:`StepLabels`).

    ``constants`` are :class:`StepConstants`, ``lunar`` :class:`moonbase.industry.step.LunarConstants`,
    ``city`` :class:`moonbase.city.step.CityConstants`, ``paths`` :class:`StepPaths`; ``year_end``
    ``(steps,)`` decimal years at the end of each step.
    """
    samples, steps = paths.price_usd_per_kg.shape
    history = np.zeros((len(HARDWARE_TIERS), 3, steps))  # one sample's deployments: tier, quantity, step
    stocks = np.zeros((len(HARDWARE_TIERS), 3))  # its working hardware: tier, quantity
    for s in range(samples):
        history[:, :, :] = 0.0
        stocks[:, :] = 0.0
        _run_sample(s, row(constants, s), row(lunar, s), row(city, s), paths, step_s, year_end, out, labels,
                    history, stocks)


@kernel
def _run_sample(s, c, lc, city_constants, paths, dt, year_end, out, labels, history, stocks):
    """Every step of sample ``s``: the city, the mass driver's construction, the industry, the tiers."""
    eo_on, lunar_on, ds_on = c.earth_orbit_on > 0.5, c.lunar_on > 0.5, c.deep_space_on > 0.5
    landed_per_leo, share, phi = lc.landed_per_leo, lc.max_launch_share, lc.escape
    industry = seed_pending = regolith_mined = 0.0
    driver_earth_pending = driver_lunar_pending = 0.0
    fab_running = False
    housed = cumulative_cost = 0.0
    for k in range(paths.price_usd_per_kg.shape[1]):
        price = paths.price_usd_per_kg[s, k]
        leo_available = paths.leo_available_kg[s, k]
        local = paths.local_fraction[s, k]

        # the city first: the residents the industry (as it starts the step) needs, held by their
        # habitats and by the Earth resupply that keeps them alive, landed before any other lunar cargo
        residents = city_step_core(
            city_constants, dt, year_end[k], industry, industry / lc.replication_time_s * dt,
            local if industry > 0.0 else 0.0, share * leo_available * landed_per_leo, housed)
        housed = residents.housed_capacity
        city_leo = residents.resupply_kg / landed_per_leo
        leo_available = leo_available - city_leo

        # the chip fab runs from chip_fab_year once the city can power it (then it stays on)
        fab_running = fab_running or (k >= c.fab_step and industry * lc.power_per_mass_w_kg
                                      * c.fab_max_power_share >= lc.chip_fab_power_w)

        # the mass driver's construction: its Earth-made part first in the lunar cargo
        if ds_on and k == c.mass_driver_step:
            driver_earth_pending += c.driver_earth_mass_kg
            driver_lunar_pending += c.driver_lunar_mass_kg
        driver_built = (ds_on and k >= c.mass_driver_step and driver_earth_pending <= 0.0
                        and driver_lunar_pending <= 0.0)
        lunar_cargo_kg = share * leo_available * landed_per_leo
        driver_landed = min(driver_earth_pending, lunar_cargo_kg) if industry > 0.0 else 0.0
        driver_earth_pending -= driver_landed
        leo_for_driver = driver_landed / landed_per_leo

        # lunar surface: seed, production, satellites
        arriving = (c.seed_mass_kg if lunar_on and k == c.seed_step else 0.0) + (
            c.fab_mass_kg if lunar_on and k == c.fab_step else 0.0)
        sat_import = (paths.satellite_import_fraction_fab[s, k] if fab_running
                      else paths.satellite_import_fraction[s, k])
        plan = lunar_step_core(lc, dt, LunarInputs(
            industry_kg=industry, seed_pending_kg=seed_pending, seed_arriving_kg=arriving,
            leo_available_kg=max(leo_available - leo_for_driver / max(share, 1e-30), 0.0), local_fraction=local,
            fab=fab_running, mass_driver_ready=driver_built, regolith_mined_kg=regolith_mined,
            satellite_import_fraction=sat_import))
        industry, seed_pending, seeded, production = plan.industry_kg, plan.seed_pending_kg, plan.seeded, plan.production
        building = ds_on and k >= c.mass_driver_step and not driver_built

        # Earth orbit: what launch capacity remains after lunar cargo
        lunar_imports = production.growth_kg * (1.0 - local) + production.satellites_kg * sat_import
        leo_for_lunar = (plan.seed_landed_kg + lunar_imports) / landed_per_leo + leo_for_driver
        eo_plan_kg = max(leo_available - leo_for_lunar, 0.0) if eo_on and k >= c.earth_orbit_start_step else 0.0

        # accelerators and money; operations: the base's fixed cost and its crew on Earth
        ops = ((c.operations_cost_usd_per_s * dt if seeded else 0.0)
               + residents.earth_teleoperators * c.teleoperator_cost_usd_per_s * dt)
        city_cost = city_leo * (price + landed_per_leo * c.earth_hardware_cost_usd_per_kg)
        r = _ration(c, lc, price, paths.chips_available_w[s, k], eo_plan_kg, production.growth_kg,
                    production.satellites_kg, sat_import, local, plan.seed_landed_kg, driver_landed, fab_running,
                    ops, city_cost, dt)

        # stocks
        regolith_mined += lc.regolith_per_product * (r.growth_kg * local + r.satellites_kg * (1.0 - sat_import))
        to_driver = min(r.growth_kg, driver_lunar_pending)  # lunar-made driver parts, diverted from growth
        driver_lunar_pending -= to_driver
        industry = industry + r.growth_kg - to_driver
        escaped = r.satellites_kg * phi
        eo_added_w = r.earth_orbit_kg * c.earth_orbit_specific_power_w_kg * c.earth_orbit_duty  # orbit-averaged
        ds_added_w = escaped * c.deep_space_specific_power_w_kg * c.deep_space_duty
        efficiency = paths.chip_efficiency_flop_j[s, k]
        eo_retired, ds_retired, ground_added = _deploy_hardware(
            c, history, stocks, k, r.earth_orbit_kg, eo_added_w, escaped, ds_added_w, paths.ground_target_w[s, k],
            efficiency)

        # the step's columns, and what limited each tier
        cost = r.cost_usd + city_cost
        cumulative_cost += cost
        landed = plan.seed_landed_kg + r.lunar_imports_kg + driver_landed
        launched = r.earth_orbit_kg + (landed + residents.resupply_kg) / landed_per_leo
        _write_columns(out, s, k, c, lc, paths, dt, stocks, residents, r, eo_added_w, ds_added_w, escaped,
                       (eo_retired, ds_retired), ground_added, landed, launched, industry, local, seeded,
                       r.satellites_kg, cost, cumulative_cost, regolith_mined, ops)
        labels.earth_orbit_binding[s, k] = earth_orbit_code(eo_on, eo_on and k >= c.earth_orbit_start_step,
                                                            r.chip_factor, r.budget_factor)
        labels.lunar_surface_binding[s, k] = lunar_code(
            lunar_on, seeded, production.power_factor, production.import_factor, production.land_bound,
            production.regolith_bound, r.budget_factor)
        labels.deep_space_binding[s, k] = deep_space_code(
            ds_on, ds_on and k >= c.mass_driver_step and seeded, building, phi, production.satellites_wanted_kg,
            lc.mass_driver_capacity_kg, production.power_factor, production.import_factor, sat_import,
            r.chip_factor, fab_running, r.budget_factor)
        labels.city_binding[s, k] = city_code(lunar_on, residents.population, residents.life_support_binds > 0.5,
                                              residents.ceiling_binds > 0.5)
