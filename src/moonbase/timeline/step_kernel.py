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
from moonbase.timeline.columns import NUMERIC_COLUMNS
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
    launch_payload_kg: np.ndarray  # per Earth launch


class StepPaths(NamedTuple):
    """Exogenous paths, ``(samples, steps)`` float arrays (C order)."""

    price_usd_per_kg: np.ndarray
    leo_available_kg: np.ndarray  # this architecture's share of heavy-launch mass
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


class StepLabels(NamedTuple):
    """What limited each tier in each step, ``(samples, steps)`` int8 codes (:mod:`moonbase.timeline.binding`)."""

    earth_orbit_binding: np.ndarray
    lunar_surface_binding: np.ndarray
    deep_space_binding: np.ndarray
    city_binding: np.ndarray


def empty_outputs(samples: int, steps: int) -> tuple[StepOutputs, StepLabels]:
    """Uninitialised outputs for ``samples`` x ``steps`` (:func:`run_steps` writes every element)."""
    return (StepOutputs(*(np.empty((samples, steps)) for _ in StepOutputs._fields)),
            StepLabels(*(np.empty((samples, steps), dtype=np.int8) for _ in StepLabels._fields)))


@kernel
def _lagged(history, quantity, k, life):
    """What was deployed (``history[quantity]``) ``life`` steps before step ``k`` (0 before the span)."""
    index = k - life
    return history[quantity, index] if index >= 0 else 0.0


@kernel
def run_steps(constants, lunar, city, paths, step_s, year_end, out, labels):
    """The step loop over every sample; fills ``out`` (:class:`StepOutputs`) and ``labels`` (:class:`StepLabels`).

    ``constants`` are :class:`StepConstants`, ``lunar`` :class:`moonbase.industry.step.LunarConstants`,
    ``city`` :class:`moonbase.city.step.CityConstants`,
    ``paths`` :class:`StepPaths`; ``year_end`` ``(steps,)`` decimal years at the end of each step.
    """
    samples, steps = paths.price_usd_per_kg.shape
    dt = step_s
    history = np.zeros((8, steps))  # deployments of one sample: eo mass/power/FLOP, ds mass/power/FLOP, ground power/FLOP
    for s in range(samples):
        history[:, :] = 0.0
        c = row(constants, s)
        lc = row(lunar, s)
        eo_on = c.earth_orbit_on > 0.5
        lunar_on = c.lunar_on > 0.5
        ds_on = c.deep_space_on > 0.5
        landed_per_leo = lc.landed_per_leo
        share = lc.max_launch_share
        sp_eo = c.earth_orbit_specific_power_w_kg
        sp_ds = c.deep_space_specific_power_w_kg
        accel = c.accelerator_cost_usd_per_w
        hardware_cost = c.earth_hardware_cost_usd_per_kg
        eo_life = int(c.earth_orbit_life_steps)
        ds_life = int(c.deep_space_life_steps)
        gr_life = int(c.ground_life_steps)
        phi = lc.escape
        eo_m = eo_p = eo_f = ds_m = ds_p = ds_f = gr_p = gr_f = 0.0
        industry = seed_pending = regolith_mined = 0.0
        driver_earth_pending = driver_lunar_pending = 0.0
        fab_running = False
        housed = 0.0
        cumulative_cost = 0.0
        city_constants = row(city, s)
        for k in range(steps):
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
            efficiency = paths.chip_efficiency_flop_j[s, k]

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
            arriving = 0.0
            if lunar_on and k == c.seed_step:
                arriving += c.seed_mass_kg
            if lunar_on and k == c.fab_step:
                arriving += c.fab_mass_kg
            sat_import = (paths.satellite_import_fraction_fab[s, k] if fab_running
                          else paths.satellite_import_fraction[s, k])
            plan = lunar_step_core(lc, dt, LunarInputs(
                industry_kg=industry, seed_pending_kg=seed_pending, seed_arriving_kg=arriving,
                leo_available_kg=max(leo_available - leo_for_driver / max(share, 1e-30), 0.0), local_fraction=local,
                fab=fab_running, mass_driver_ready=driver_built, regolith_mined_kg=regolith_mined,
                satellite_import_fraction=sat_import))
            industry, seed_pending, seed_landed, seeded = (plan.industry_kg, plan.seed_pending_kg, plan.seed_landed_kg,
                                                           plan.seeded)
            production = plan.production
            growth = production.growth_kg
            sat_out = production.satellites_kg
            building = ds_on and k >= c.mass_driver_step and not driver_built

            # Earth orbit: what launch capacity remains after lunar cargo
            lunar_imports = growth * (1.0 - local) + sat_out * sat_import
            leo_for_lunar = (seed_landed + lunar_imports) / landed_per_leo + leo_for_driver
            eo_plan_kg = 0.0
            if eo_on and k >= c.earth_orbit_start_step:
                eo_plan_kg = max(leo_available - leo_for_lunar, 0.0)

            # accelerator supply shared by both space tiers (after the fab, deep-space chips are lunar-made)
            ds_chip_need = 0.0 if fab_running else sat_out * sp_ds
            chip_factor = fraction_met(paths.chips_available_w[s, k], eo_plan_kg * sp_eo + ds_chip_need)
            eo_kg = eo_plan_kg * chip_factor
            if not fab_running:
                sat_out = sat_out * chip_factor

            # money
            # operations: the base's fixed cost and its crew on Earth (the city sized them as the step began)
            ops = ((c.operations_cost_usd_per_s * dt if seeded else 0.0)
                   + residents.earth_teleoperators * c.teleoperator_cost_usd_per_s * dt)
            eo_cost = eo_kg * (price + c.earth_orbit_non_compute_fraction * c.earth_orbit_bus_cost_usd_per_kg
                               + sp_eo * (1.0 + c.earth_orbit_spare_fraction) * accel)
            lunar_imports = growth * (1.0 - local) + sat_out * sat_import
            lunar_cost = ((seed_landed + lunar_imports + driver_landed) * (price / landed_per_leo + hardware_cost)
                          + (0.0 if fab_running else sat_out * sp_ds * accel))
            variable = eo_cost + lunar_cost
            # fixed this step: lunar operations and the city's resupply (life-critical, never cut)
            city_cost = city_leo * (price + landed_per_leo * hardware_cost)  # resupply x (price / landed + hardware)
            allowance = max(c.budget_usd_per_s * dt - ops - city_cost, 0.0)
            budget_factor = fraction_met(allowance, variable) if c.budget_cap > 0.5 else 1.0
            eo_kg *= budget_factor
            growth *= budget_factor
            sat_out *= budget_factor
            lunar_imports *= budget_factor
            cost = variable * budget_factor + ops

            # stocks
            regolith_mined += lc.regolith_per_product * (growth * local + sat_out * (1.0 - sat_import))
            to_driver = min(growth, driver_lunar_pending)  # lunar-made driver parts, diverted from growth
            driver_lunar_pending -= to_driver
            industry = industry + growth - to_driver
            escaped = sat_out * phi
            eo_added_w = eo_kg * sp_eo * c.earth_orbit_duty  # orbit-averaged: eclipses shed compute load
            ds_added_w = escaped * sp_ds * c.deep_space_duty
            gr_target = paths.ground_target_w[s, k]
            history[0, k] = eo_kg
            history[1, k] = eo_added_w
            history[2, k] = eo_added_w * efficiency
            history[3, k] = escaped
            history[4, k] = ds_added_w
            history[5, k] = ds_added_w * efficiency
            eo_m, eo_retired = cohort_stock_step(eo_m, eo_kg, _lagged(history, 0, k, eo_life),
                                                 c.earth_orbit_q_mass, c.earth_orbit_life_q_mass)
            eo_p, _ = cohort_stock_step(eo_p, eo_added_w, _lagged(history, 1, k, eo_life),
                                        c.earth_orbit_q_power, c.earth_orbit_life_q_power)
            eo_f, _ = cohort_stock_step(eo_f, history[2, k], _lagged(history, 2, k, eo_life),
                                        c.earth_orbit_q_power, c.earth_orbit_life_q_power)
            ds_m, ds_retired = cohort_stock_step(ds_m, escaped, _lagged(history, 3, k, ds_life),
                                                 c.deep_space_q_mass, c.deep_space_life_q_mass)
            ds_p, _ = cohort_stock_step(ds_p, ds_added_w, _lagged(history, 4, k, ds_life),
                                        c.deep_space_q_power, c.deep_space_life_q_power)
            ds_f, _ = cohort_stock_step(ds_f, history[5, k], _lagged(history, 5, k, ds_life),
                                        c.deep_space_q_power, c.deep_space_life_q_power)
            # ground: commission what the logistic demand path needs beyond the survivors
            gr_lag_p = _lagged(history, 6, k, gr_life)
            gr_lag_f = _lagged(history, 7, k, gr_life)
            survivors = gr_p * c.ground_q - gr_lag_p * c.ground_life_q
            gr_added = max(gr_target - survivors, 0.0)
            history[6, k] = gr_added
            history[7, k] = gr_added * efficiency
            gr_p, _ = cohort_stock_step(gr_p, gr_added, gr_lag_p, c.ground_q, c.ground_life_q)
            gr_f, _ = cohort_stock_step(gr_f, history[7, k], gr_lag_f, c.ground_q, c.ground_life_q)

            # the step's columns, and what limited each tier
            cost += city_cost
            cumulative_cost += cost
            space_w = eo_p + ds_p
            landed = seed_landed + lunar_imports + driver_landed
            launched = eo_kg + (landed + residents.resupply_kg) / landed_per_leo
            out.ground_compute_power_w[s, k] = gr_p
            out.earth_orbit_compute_power_w[s, k] = eo_p
            out.lunar_surface_compute_power_w[s, k] = 0.0
            out.deep_space_compute_power_w[s, k] = ds_p
            out.space_compute_power_w[s, k] = space_w
            out.total_compute_power_w[s, k] = space_w + gr_p
            out.ground_power_added_w[s, k] = gr_added
            out.earth_orbit_power_added_w[s, k] = eo_added_w
            out.deep_space_power_added_w[s, k] = ds_added_w
            out.space_power_added_w[s, k] = eo_added_w + ds_added_w
            out.ground_compute_flop_s[s, k] = gr_f
            out.earth_orbit_compute_flop_s[s, k] = eo_f
            out.deep_space_compute_flop_s[s, k] = ds_f
            out.earth_orbit_satellites[s, k] = eo_m / c.earth_orbit_satellite_mass_kg
            out.deep_space_satellites[s, k] = ds_m / c.deep_space_payload_mass_kg
            out.earth_orbit_mass_kg[s, k] = eo_m
            out.deep_space_mass_kg[s, k] = ds_m
            out.earth_orbit_deployed_mass_kg[s, k] = eo_kg
            out.deep_space_deployed_mass_kg[s, k] = escaped
            out.earth_orbit_retired_mass_kg[s, k] = eo_retired
            out.deep_space_retired_mass_kg[s, k] = ds_retired
            out.earth_launches[s, k] = launched / c.launch_payload_kg
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
            out.civilization_power_w[s, k] = paths.world_power_w[s, k] + space_w
            out.kardashev_index[s, k] = kardashev_index_core(paths.world_power_w[s, k] + space_w)
            out.lunar_population[s, k] = residents.population
            out.earth_teleoperators[s, k] = residents.earth_teleoperators
            out.city_habitat_mass_kg[s, k] = residents.habitat_mass_kg
            out.city_resupply_mass_kg[s, k] = residents.resupply_kg
            out.city_power_w[s, k] = residents.power_w
            out.city_closure[s, k] = residents.closure
            out.lunar_regolith_mined_kg[s, k] = regolith_mined
            out.earth_orbit_cost_usd[s, k] = eo_cost * budget_factor
            out.lunar_cost_usd[s, k] = cost - eo_cost * budget_factor
            out.lunar_operations_cost_usd[s, k] = ops
            labels.earth_orbit_binding[s, k] = earth_orbit_code(eo_on, eo_on and k >= c.earth_orbit_start_step,
                                                                chip_factor, budget_factor)
            labels.lunar_surface_binding[s, k] = lunar_code(
                lunar_on, seeded, production.power_factor, production.import_factor, production.land_bound,
                production.regolith_bound, budget_factor)
            labels.deep_space_binding[s, k] = deep_space_code(
                ds_on, ds_on and k >= c.mass_driver_step and seeded, building, phi, production.satellites_wanted_kg,
                lc.mass_driver_capacity_kg, production.power_factor, production.import_factor, sat_import,
                chip_factor, fab_running, budget_factor)
            labels.city_binding[s, k] = city_code(lunar_on, residents.population,
                                                  residents.life_support_binds > 0.5, residents.ceiling_binds > 0.5)
