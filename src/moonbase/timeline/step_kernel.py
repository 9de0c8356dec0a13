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

from moonbase.city.step import city_step_core
from moonbase.constants import SECONDS_PER_YEAR
from moonbase.industry.fab_step import (
    FabState,
    fab_build_core,
    fab_output_core,
    fab_queue_core,
)
from moonbase.industry.step import LunarInputs, lunar_step_core
from moonbase.jit import fraction_met, kernel, row
from moonbase.massdriver.fleet import FleetState, fleet_build_core, fleet_queue_core
from moonbase.physics.kardashev import kardashev_index_core
from moonbase.spacecraft.bus_learning import bus_cost_usd_per_kg
from moonbase.timeline.binding import (
    city_code,
    deep_space_code,
    earth_orbit_code,
    lunar_code,
)
from moonbase.timeline.cohorts import cohort_stock_step
from moonbase.timeline.columns import FAMILIES, SYSTEM_COLUMNS


class StepConstants(NamedTuple):
    """Per-sample constants of the step loop that are not a tier's, ``(samples,)`` float arrays (flags 1.0/0.0, steps as floats)."""

    lunar_on: np.ndarray
    seed_step: np.ndarray
    mass_driver_step: np.ndarray  # first step of the driver's construction
    fab_step: np.ndarray  # chip_fab_year's step (beyond the span without a fab)
    seed_mass_kg: np.ndarray
    payload_mass_kg: np.ndarray  # fired per mass-driver launch
    driver_growth_share: np.ndarray  # largest share of growth diverted to the driver being built
    operations_cost_usd_per_s: np.ndarray  # fixed, once seeded
    teleoperator_cost_usd_per_s: np.ndarray  # per operator on Earth
    accelerator_cost_usd_per_w: np.ndarray
    earth_hardware_cost_usd_per_kg: np.ndarray
    budget_cap: np.ndarray
    budget_usd_per_s: np.ndarray


class TierConstants(NamedTuple):
    """Per-sample constants of every hardware tier, ``(samples, hardware tiers)`` float arrays in registry order.

    Survival factors are per step and over a whole life, for mass (failures) and for power
    and FLOP/s (failures and degradation). The cost fields are read for Earth-orbit shells.
    """

    on: np.ndarray
    start_step: np.ndarray
    specific_power_w_kg: np.ndarray  # BOL compute power per kg deployed (deep space: with the driver's payload penalty)
    duty: np.ndarray  # orbit-averaged fraction of compute running
    unit_mass_kg: np.ndarray  # a satellite (Earth orbit), a mass-driver payload (deep space)
    non_compute_fraction: np.ndarray
    bus_cost_usd_per_kg: np.ndarray
    spare_fraction: np.ndarray
    launch_share: np.ndarray  # an Earth-orbit shell's share of the Earth-orbit launch mass
    life_steps: np.ndarray
    q_mass: np.ndarray
    q_power: np.ndarray
    life_q_mass: np.ndarray
    life_q_power: np.ndarray
    bus_reference_units: np.ndarray  # satellites built when bus_cost_usd_per_kg holds (Earth-orbit shells)
    bus_learning_rate: np.ndarray  # bus cost fall per doubling of Earth-orbit satellites built


class TierLayout(NamedTuple):
    """Where each tier's rows are in the kernel's tier-indexed arrays (registry order)."""

    ground: int  # hardware row
    deep_space: int
    earth_orbit: np.ndarray  # hardware rows of the Earth-orbit shells, int64
    space: np.ndarray  # (hardware tiers,) 1.0 for a space tier
    earth_orbit_binding: np.ndarray  # binding rows of the shells, int64
    lunar_binding: int
    deep_space_binding: int


class StepPaths(NamedTuple):
    """Exogenous paths, ``(samples, steps)`` float arrays (C order)."""

    price_usd_per_kg: np.ndarray
    leo_available_kg: np.ndarray  # this architecture's share of heavy-launch mass
    launches_per_kg: np.ndarray  # heavy launches per kg launched (mean over the vehicle families)
    chips_available_w: np.ndarray
    chip_efficiency_flop_j: np.ndarray
    local_fraction: np.ndarray
    satellite_import_fraction: np.ndarray  # Earth-made share of a satellite kg, accelerators from Earth
    satellite_import_fraction_fab: np.ndarray  # the same, accelerators from the lunar fab
    ground_target_w: np.ndarray
    world_power_w: np.ndarray  # civilisation's primary power besides space compute


#: System columns that are not written by the loop: the price path itself, and the
#: driver's launched mass, which is the factory's satellite output.
NOT_WRITTEN = ("earth_launch_price_usd_per_kg", "mass_driver_launched_mass_kg")

#: What the loop records: each hardware family of :mod:`moonbase.timeline.columns` as a
#: ``(hardware tiers, samples, steps)`` array, and each system numeric column but
#: :data:`NOT_WRITTEN` as ``(samples, steps)``.
StepOutputs = NamedTuple("StepOutputs", [
    *((family.suffix, np.ndarray) for family in FAMILIES if family.hardware),
    *((column.name, np.ndarray) for column in SYSTEM_COLUMNS
      if column.kind not in ("key", "label") and column.name not in NOT_WRITTEN)])

#: What limited each tier in each step (:mod:`moonbase.timeline.binding` codes, int8): the
#: label family as ``(binding tiers, samples, steps)``, and each system label column.
StepLabels = NamedTuple("StepLabels", [
    *((family.suffix, np.ndarray) for family in FAMILIES if not family.hardware),
    *((column.name, np.ndarray) for column in SYSTEM_COLUMNS if column.kind == "label")])


def empty_outputs(samples: int, steps: int, hardware_tiers: int, binding_tiers: int
                  ) -> tuple[StepOutputs, StepLabels]:
    """Uninitialised outputs: :func:`run_steps` writes every element that becomes a column (the ground's
    rows of the satellite families are never read)."""
    family_suffixes = {family.suffix for family in FAMILIES}
    outputs = StepOutputs(*(np.empty((hardware_tiers, samples, steps)) if name in family_suffixes
                            else np.empty((samples, steps)) for name in StepOutputs._fields))
    labels = StepLabels(*(np.empty((binding_tiers, samples, steps), dtype=np.int8) if name in family_suffixes
                          else np.empty((samples, steps), dtype=np.int8) for name in StepLabels._fields))
    return outputs, labels


#: The stocked quantities of a sample's deployment history and stocks (their second axis).
_MASS, _POWER, _FLOP = range(3)


class Rationed(NamedTuple):
    """A step's deployments after the shared accelerator supply and the budget, and its spending.

    An Earth-orbit shell deploys ``plan * chip_factor * budget_factor`` of its planned mass.
    """

    earth_orbit_kg: float  # every shell
    growth_kg: float
    satellites_kg: float
    lunar_imports_kg: float
    chip_factor: float
    budget_factor: float
    earth_orbit_cost_usd: float  # before the budget factor
    cost_usd: float  # rationed variable spending plus operations and committed cargo
    # line items after the budget factor [USD]; with the city's resupply they sum to the step's cost
    earth_orbit_launch_usd: float
    earth_orbit_bus_usd: float
    earth_orbit_chips_usd: float
    seed_usd: float
    imports_usd: float  # Earth-made parts of the industry's growth and of deep-space satellites
    deep_space_chips_usd: float
    mass_driver_usd: float
    fab_usd: float
    operations_usd: float  # the base's fixed cost and its teleoperators
    lunar_chip_fraction: float  # share of the deep-space accelerators made by the lunar fab [-]
    earth_chips_w: float  # accelerators bought on Earth for deep-space satellites (after the budget factor)
    satellite_import_fraction: float  # Earth-made share of each deep-space satellite kg [-]


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
def _deploy_satellites(tc, history, stocks, t, k, kg, added_w, efficiency):
    """Record a satellite tier's deployment in step ``k`` and advance its stocks; return the mass retired."""
    history[t, _MASS, k] = kg
    history[t, _POWER, k] = added_w
    history[t, _FLOP, k] = added_w * efficiency
    life = int(tc.life_steps[t])
    retired = _advance(history, stocks, t, _MASS, k, life, tc.q_mass[t], tc.life_q_mass[t])
    _advance(history, stocks, t, _POWER, k, life, tc.q_power[t], tc.life_q_power[t])
    _advance(history, stocks, t, _FLOP, k, life, tc.q_power[t], tc.life_q_power[t])
    return retired


@kernel
def _deploy_ground(tc, history, stocks, t, k, ground_target_w, efficiency):
    """Commission what the logistic demand path needs beyond the survivors; return the power added."""
    life = int(tc.life_steps[t])
    survivors = (stocks[t, _POWER] * tc.q_power[t]
                 - _lagged(history, t, _POWER, k, life) * tc.life_q_power[t])
    added = max(ground_target_w - survivors, 0.0)
    history[t, _POWER, k] = added
    history[t, _FLOP, k] = added * efficiency
    _advance(history, stocks, t, _POWER, k, life, tc.q_power[t], tc.life_q_power[t])
    _advance(history, stocks, t, _FLOP, k, life, tc.q_power[t], tc.life_q_power[t])
    return added


@kernel
def _ration(c, tc, layout, lc, price, chips_available_w, eo_plan, growth, sat_out, import_earth, import_lunar,
            lunar_share, local, seed_landed, driver_landed, fab_landed, ops, city_cost, dt, eo_built):
    """Share the accelerator supply between the space tiers, then the budget among every variable spend.

    ``eo_plan``: the planned mass of each Earth-orbit shell. ``lunar_share`` of the deep-space
    satellites' accelerators is made by the lunar fab; the rest comes from Earth's supply,
    shared with Earth orbit, and a satellite's Earth-made share of mass follows
    (``import_earth`` with Earth chips, ``import_lunar`` with lunar chips). The city's resupply
    and operations are fixed this step (life-critical, never cut), and so is the cargo of the
    seed, the mass driver and the fab under construction (committed, landed in full). A shell's bus
    costs :func:`~moonbase.spacecraft.bus_learning.bus_cost_usd_per_kg` after the ``eo_built``
    Earth-orbit satellites built before the step.
    """
    accel, hardware_cost, landed_per_leo = c.accelerator_cost_usd_per_w, c.earth_hardware_cost_usd_per_kg, lc.landed_per_leo
    ds = layout.deep_space
    sp_ds = tc.specific_power_w_kg[ds]
    eo_chip_need = 0.0
    for j in range(len(layout.earth_orbit)):
        eo_chip_need += eo_plan[j] * tc.specific_power_w_kg[layout.earth_orbit[j]]
    ds_chip_need = (1.0 - lunar_share) * sat_out * sp_ds
    chip_factor = fraction_met(chips_available_w, eo_chip_need + ds_chip_need)
    eo_kg = eo_cost = eo_bus = eo_chips = 0.0
    for j in range(len(layout.earth_orbit)):
        t = layout.earth_orbit[j]
        shell_kg = eo_plan[j] * chip_factor
        eo_kg += shell_kg
        bus = bus_cost_usd_per_kg(eo_built, tc.bus_cost_usd_per_kg[t], tc.bus_reference_units[t],
                                  tc.bus_learning_rate[t])
        eo_cost += shell_kg * (price + tc.non_compute_fraction[t] * bus
                               + tc.specific_power_w_kg[t] * (1.0 + tc.spare_fraction[t]) * accel)
        eo_bus += shell_kg * tc.non_compute_fraction[t] * bus
        eo_chips += shell_kg * tc.specific_power_w_kg[t] * (1.0 + tc.spare_fraction[t]) * accel
    chip_scale = lunar_share + (1.0 - lunar_share) * chip_factor  # the satellites the accelerators allow
    sat_out = sat_out * chip_scale
    lunar_fraction = lunar_share / chip_scale if chip_scale > 0.0 else lunar_share
    sat_import = _import_fraction(import_earth, import_lunar, lunar_fraction)
    earth_chips_w = sat_out * (1.0 - lunar_fraction) * sp_ds
    lunar_imports = growth * (1.0 - local) + sat_out * sat_import
    unit_cost = price / landed_per_leo + hardware_cost
    lunar_cost = lunar_imports * unit_cost + earth_chips_w * accel
    variable = eo_cost + lunar_cost
    committed = ops + (seed_landed + driver_landed + fab_landed) * unit_cost
    allowance = max(c.budget_usd_per_s * dt - committed - city_cost, 0.0)
    budget_factor = fraction_met(allowance, variable) if c.budget_cap > 0.5 else 1.0
    return Rationed(earth_orbit_kg=eo_kg * budget_factor, growth_kg=growth * budget_factor,
                    satellites_kg=sat_out * budget_factor, lunar_imports_kg=lunar_imports * budget_factor,
                    chip_factor=chip_factor, budget_factor=budget_factor, earth_orbit_cost_usd=eo_cost,
                    cost_usd=variable * budget_factor + committed, lunar_chip_fraction=lunar_fraction,
                    earth_chips_w=earth_chips_w * budget_factor, satellite_import_fraction=sat_import,
                    earth_orbit_launch_usd=eo_kg * price * budget_factor, earth_orbit_bus_usd=eo_bus * budget_factor,
                    earth_orbit_chips_usd=eo_chips * budget_factor, seed_usd=seed_landed * unit_cost,
                    imports_usd=lunar_imports * unit_cost * budget_factor,
                    deep_space_chips_usd=earth_chips_w * accel * budget_factor,
                    mass_driver_usd=driver_landed * unit_cost, fab_usd=fab_landed * unit_cost, operations_usd=ops)


@kernel
def _write_tiers(out, s, k, tc, layout, stocks, added_w, deployed_kg, retired_kg):
    """The tier families of step ``k`` of sample ``s``, and the space totals; return the space compute power."""
    space_w = space_added_w = 0.0
    for t in range(stocks.shape[0]):
        out.compute_power_w[t, s, k] = stocks[t, _POWER]
        out.power_added_w[t, s, k] = added_w[t]
        out.compute_flop_s[t, s, k] = stocks[t, _FLOP]
        if t != layout.ground:
            out.satellites[t, s, k] = stocks[t, _MASS] / tc.unit_mass_kg[t]
            out.mass_kg[t, s, k] = stocks[t, _MASS]
            out.deployed_mass_kg[t, s, k] = deployed_kg[t]
            out.retired_mass_kg[t, s, k] = retired_kg[t]
        if layout.space[t] > 0.5:
            space_w += stocks[t, _POWER]
            space_added_w += added_w[t]
    out.space_compute_power_w[s, k] = space_w
    out.total_compute_power_w[s, k] = space_w + stocks[layout.ground, _POWER]
    out.space_power_added_w[s, k] = space_added_w
    return space_w


@kernel
def _write_columns(out, s, k, lc, mc, paths, dt, payload_kg, space_w, residents, r, escaped, landed, launched, industry, local,
                   seeded, sat_out, cost, city_cost, cumulative_cost, regolith_mined, ops):
    """Every system column of step ``k`` of sample ``s``."""
    world_w = paths.world_power_w[s, k]
    out.earth_launches[s, k] = launched * paths.launches_per_kg[s, k]
    out.earth_launched_mass_kg[s, k] = launched
    out.lunar_landed_mass_kg[s, k] = landed
    out.lunar_industry_mass_kg[s, k] = industry
    out.lunar_industry_power_w[s, k] = industry * lc.power_per_mass_w_kg
    out.lunar_local_fraction[s, k] = local if seeded else 0.0
    out.lunar_satellite_output_kg[s, k] = sat_out
    out.mass_driver_launches[s, k] = sat_out / payload_kg
    out.mass_driver_lost_mass_kg[s, k] = sat_out - escaped
    driver_w = sat_out * mc.energy_per_kg_j_kg / dt
    out.mass_driver_power_w[s, k] = driver_w
    out.transmission_loss_w[s, k] = driver_w * mc.line_loss_fraction / (1.0 - mc.line_loss_fraction)
    out.cost_usd[s, k] = cost
    out.cumulative_cost_usd[s, k] = cumulative_cost
    civilization_w = world_w + space_w + industry * lc.power_per_mass_w_kg + driver_w / (1.0 - mc.line_loss_fraction)
    out.civilization_power_w[s, k] = civilization_w
    out.kardashev_index[s, k] = kardashev_index_core(civilization_w)
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
    out.earth_orbit_launch_cost_usd[s, k] = r.earth_orbit_launch_usd
    out.earth_orbit_bus_cost_usd[s, k] = r.earth_orbit_bus_usd
    out.earth_orbit_chip_cost_usd[s, k] = r.earth_orbit_chips_usd
    out.lunar_seed_cost_usd[s, k] = r.seed_usd
    out.lunar_import_cost_usd[s, k] = r.imports_usd
    out.deep_space_chip_cost_usd[s, k] = r.deep_space_chips_usd
    out.mass_driver_cost_usd[s, k] = r.mass_driver_usd
    out.lunar_fab_cost_usd[s, k] = r.fab_usd
    out.city_resupply_cost_usd[s, k] = city_cost


@kernel
def run_steps(constants, tiers, layout, lunar, fab, fleet, city, paths, step_s, year_end, out, labels):
    """The step loop over every sample; fills ``out`` (:class:`StepOutputs`) and ``labels`` (:class:`StepLabels`).

    ``constants`` are :class:`StepConstants`, ``tiers`` :class:`TierConstants` and ``layout``
    :class:`TierLayout`, ``lunar`` :class:`moonbase.industry.step.LunarConstants`, ``fab``
    :class:`moonbase.industry.fab_step.FabConstants`, ``fleet``
    :class:`moonbase.massdriver.fleet.FleetConstants`, ``city``
    :class:`moonbase.city.step.CityConstants`, ``paths`` :class:`StepPaths`; ``year_end``
    ``(steps,)`` decimal years at the end of each step.
    """
    samples, steps = paths.price_usd_per_kg.shape
    hardware = tiers.on.shape[1]
    history = np.zeros((hardware, 3, steps))  # one sample's deployments: tier, quantity, step
    stocks = np.zeros((hardware, 3))  # its working hardware: tier, quantity
    for s in range(samples):
        history[:, :, :] = 0.0
        stocks[:, :] = 0.0
        _run_sample(s, row(constants, s), row(tiers, s), layout, row(lunar, s), row(fab, s), row(fleet, s),
                    row(city, s), paths, step_s, year_end, out, labels, history, stocks)


@kernel
def _deploy_tiers(tc, layout, history, stocks, k, eo_plan, r, escaped, ground_target_w, efficiency, added_w,
                  deployed_kg, retired_kg):
    """Deploy the step's hardware in every tier (Earth-orbit shells, deep space, ground) and advance the stocks;
    fills ``added_w``, ``deployed_kg`` and ``retired_kg`` by hardware row."""
    for j in range(len(layout.earth_orbit)):
        t = layout.earth_orbit[j]
        deployed_kg[t] = eo_plan[j] * r.chip_factor * r.budget_factor
        added_w[t] = deployed_kg[t] * tc.specific_power_w_kg[t] * tc.duty[t]  # orbit-averaged
        retired_kg[t] = _deploy_satellites(tc, history, stocks, t, k, deployed_kg[t], added_w[t], efficiency)
    ds = layout.deep_space
    deployed_kg[ds] = escaped
    added_w[ds] = escaped * tc.specific_power_w_kg[ds] * tc.duty[ds]
    retired_kg[ds] = _deploy_satellites(tc, history, stocks, ds, k, escaped, added_w[ds], efficiency)
    added_w[layout.ground] = _deploy_ground(tc, history, stocks, layout.ground, k, ground_target_w, efficiency)


@kernel
def _spare_output_kg(lc, dt, plan, production, r, made):
    """What the land-limited industry can still make from production it cannot use to grow: its unused
    output (after the budget), within the electricity its plant has left this step."""
    unused_kg = (production.production_kg - production.growth_kg - production.satellites_kg) * r.budget_factor
    left_j = (plan.industry_kg * lc.power_per_mass_w_kg * dt - made.power_w * dt
              - (lc.production_energy_j_kg + lc.mass_driver_energy_j_kg) * r.satellites_kg
              - lc.production_energy_j_kg * r.growth_kg)
    return max(min(unused_kg, max(left_j, 0.0) / max(lc.production_energy_j_kg, 1e-300)), 0.0)


@kernel
def _import_fraction(import_earth, import_lunar, lunar_share):
    """Earth-made share of a deep-space satellite kg when ``lunar_share`` of its accelerators are lunar-made."""
    return import_earth - lunar_share * (import_earth - import_lunar)


@kernel
def _write_fab(out, s, k, dt, fab, made, r):
    """The lunar fab's columns of step ``k`` (rates per year of accelerator power)."""
    per_year = SECONDS_PER_YEAR / dt
    out.lunar_fab_mass_kg[s, k] = fab.lunar_built_kg + fab.earth_built_kg
    out.lunar_fab_capacity_w_per_yr[s, k] = made.capacity_w * per_year
    out.lunar_chip_output_w_per_yr[s, k] = made.output_w * per_year
    out.lunar_fab_power_w[s, k] = made.power_w
    out.earth_chip_imports_w_per_yr[s, k] = r.earth_chips_w * per_year
    out.deep_space_lunar_chip_fraction[s, k] = r.lunar_chip_fraction


@kernel
def _write_fleet(out, s, k, mc, fleet, payload_kg):
    """The mass-driver fleet's columns of step ``k``: the drivers working at its end, and their rate."""
    out.mass_driver_count[s, k] = fleet.drivers
    out.mass_driver_rate_per_s[s, k] = fleet.drivers * mc.throughput_kg_s / payload_kg


@kernel
def _write_ledger(out, s, k, lc, dt, plan, r, made, driver_landed, fab_landed, to_driver, to_fab, from_spare):
    """The lunar surface's books of step ``k``: the mass landed from Earth by destination, the growth
    the industry made, its spare output, what was built into drivers and fabs, and the electricity its
    plant produced (the industry after the seed landed, for the whole step), drew for production
    (growth and fired satellites at ``production_energy``), for the fab and for the driver
    (``mass_driver_energy`` per kg fired), and curtailed."""
    out.lunar_seed_landed_mass_kg[s, k] = plan.seed_landed_kg
    out.lunar_import_landed_mass_kg[s, k] = r.lunar_imports_kg
    out.mass_driver_earth_landed_mass_kg[s, k] = driver_landed
    out.lunar_fab_tools_landed_mass_kg[s, k] = fab_landed
    out.lunar_growth_mass_kg[s, k] = r.growth_kg
    out.lunar_spare_output_mass_kg[s, k] = from_spare
    out.mass_driver_lunar_built_mass_kg[s, k] = to_driver
    out.lunar_fab_lunar_built_mass_kg[s, k] = to_fab
    produced = plan.industry_kg * lc.power_per_mass_w_kg * dt
    production = lc.production_energy_j_kg * (r.growth_kg + from_spare + r.satellites_kg)
    fab = made.power_w * dt
    driver = lc.mass_driver_energy_j_kg * r.satellites_kg
    out.lunar_energy_produced_j[s, k] = produced
    out.lunar_production_energy_j[s, k] = production
    out.lunar_fab_energy_j[s, k] = fab
    out.mass_driver_energy_j[s, k] = driver
    out.lunar_energy_curtailed_j[s, k] = produced - production - fab - driver


@kernel
def _write_cost_paths(out, s, k, c, tc, layout, lc, r, price, deployed_kg, eo_built):
    """The learned bus price of step ``k`` and the satellites' share of the lunar imports; return the
    Earth-orbit satellites built through the step (the bus's Wright count)."""
    bus = 0.0
    built = eo_built
    for j in range(len(layout.earth_orbit)):
        t = layout.earth_orbit[j]
        if j == 0:
            bus = bus_cost_usd_per_kg(eo_built, tc.bus_cost_usd_per_kg[t], tc.bus_reference_units[t],
                                      tc.bus_learning_rate[t])
        built += deployed_kg[t] / tc.unit_mass_kg[t]
    out.earth_orbit_bus_cost_usd_per_kg[s, k] = bus
    out.earth_orbit_satellites_built[s, k] = built
    out.lunar_satellite_import_cost_usd[s, k] = r.satellites_kg * r.satellite_import_fraction * (
        price / lc.landed_per_leo + c.earth_hardware_cost_usd_per_kg)
    return built


@kernel
def _write_labels(labels, s, k, c, tc, layout, r, production, residents, lunar_on, ds_on, seeded, building, phi,
                  fab_binds, fleet_capacity_kg):
    """What limited each tier in step ``k`` (:mod:`moonbase.timeline.binding`)."""
    for j in range(len(layout.earth_orbit)):
        t = layout.earth_orbit[j]
        eo_on = tc.on[t] > 0.5
        labels.binding[layout.earth_orbit_binding[j], s, k] = earth_orbit_code(
            eo_on, eo_on and k >= tc.start_step[t], r.chip_factor, r.budget_factor)
    labour_short = residents.labour_factor < 1.0 - 1e-9
    labels.binding[layout.lunar_binding, s, k] = lunar_code(
        lunar_on, seeded, production.power_factor, production.import_factor, production.land_bound,
        production.regolith_bound, labour_short, r.budget_factor)
    labels.binding[layout.deep_space_binding, s, k] = deep_space_code(
        ds_on, ds_on and k >= c.mass_driver_step and seeded, building, phi, production.satellites_wanted_kg,
        fleet_capacity_kg, production.power_factor, production.import_factor, r.satellite_import_fraction,
        r.chip_factor, r.lunar_chip_fraction, fab_binds, labour_short, r.budget_factor)
    labels.city_binding[s, k] = city_code(lunar_on, residents.population, residents.life_support_binds > 0.5,
                                          residents.ceiling_binds > 0.5)


@kernel
def _plan_lunar(lc, dt, x, lunar_share, lunar_chips_w, specific_power_w_kg, import_earth, import_lunar):
    """The lunar step (:func:`moonbase.industry.step.lunar_step_core`), planned once with the lunar share of
    the plan's upper bound, then, if the fabs make some but not all of the accelerators, again with their
    share of what the first plan made, capped so the lunar accelerators suffice. Returns (plan, lunar share,
    whether the fabs' output capped the satellites)."""
    plan = lunar_step_core(lc, dt, x)
    if not (0.0 < lunar_share < 1.0 and plan.production.satellites_kg > 0.0):
        return plan, lunar_share, False
    share = min(lunar_chips_w / (plan.production.satellites_kg * specific_power_w_kg), 1.0)
    plan = lunar_step_core(lc, dt, LunarInputs(
        industry_kg=x.industry_kg, seed_pending_kg=x.seed_pending_kg, seed_arriving_kg=x.seed_arriving_kg,
        leo_available_kg=x.leo_available_kg, local_fraction=x.local_fraction, fab_power_w=x.fab_power_w,
        mass_driver_ready=x.mass_driver_ready, regolith_mined_kg=x.regolith_mined_kg,
        satellite_import_fraction=_import_fraction(import_earth, import_lunar, share),
        satellite_cap_kg=min(lunar_chips_w / (share * specific_power_w_kg), x.satellite_cap_kg),
        labour_factor=x.labour_factor))
    made_kg = plan.production.satellites_kg
    capped = (share * made_kg * specific_power_w_kg >= lunar_chips_w * (1.0 - 1e-9)
              and made_kg < min(plan.production.satellites_wanted_kg, x.satellite_cap_kg))
    return plan, share, capped


@kernel
def _lunar_chips(fc, lc, tc, ds, dt, fab, chip_stock_w, industry, fleet_capacity_kg, firing):
    """The accelerators the lunar fab can give this step's deep-space satellites: their planned
    mass is at most the factory's satellite share of production, within the drivers' rate, so
    the fab makes what that plan can use (less any stock) within its capacity and power.
    Returns (wanted W, :class:`~moonbase.industry.fab_step.FabOutput`, lunar W available, lunar share)."""
    planned_kg = min(lc.satellite_share * industry / lc.replication_time_s * dt, fleet_capacity_kg) \
        if firing else 0.0
    wanted_w = planned_kg * tc.specific_power_w_kg[ds]
    made = fab_output_core(fc, dt, fab, max(wanted_w - chip_stock_w, 0.0), industry * lc.power_per_mass_w_kg)
    available_w = chip_stock_w + made.output_w
    share = min(available_w / wanted_w, 1.0) if wanted_w > 0.0 else 0.0
    return wanted_w, made, available_w, share


@kernel
def _run_sample(s, c, tc, layout, lc, fc, mc, city_constants, paths, dt, year_end, out, labels, history, stocks):
    """Every step of sample ``s``: the city, the mass drivers' and the fab's construction, the industry, the tiers."""
    lunar_on, ds = c.lunar_on > 0.5, layout.deep_space
    ds_on = tc.on[ds] > 0.5
    landed_per_leo, share, phi = lc.landed_per_leo, lc.max_launch_share, lc.escape
    industry = seed_pending = regolith_mined = chip_stock_w = 0.0
    fleet = FleetState(drivers=0.0, lunar_pending_kg=0.0, earth_pending_kg=0.0, building=0.0, excess_s=0.0)
    fab = FabState(lunar_built_kg=0.0, earth_built_kg=0.0, working_kg=0.0, lunar_pending_kg=0.0, earth_pending_kg=0.0)
    housed = cumulative_cost = 0.0
    eo_built = 0.0  # Earth-orbit satellites built: the bus's learning
    shells = len(layout.earth_orbit)
    eo_plan = np.zeros(shells)
    hardware = stocks.shape[0]
    added_w, deployed_kg, retired_kg = np.zeros(hardware), np.zeros(hardware), np.zeros(hardware)
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

        # construction cargo: the mass drivers' Earth-made parts, then the fab's tools (they pay back within years)
        if ds_on and k == c.mass_driver_step:
            fleet = fleet_queue_core(mc, dt, fleet, True, 0.0)
        if lunar_on and ds_on and k == c.fab_step:
            fab = fab_queue_core(fc, dt, fab, True, 0.0, 0.0)
        driver_built = fleet.drivers > 0.5
        fleet_capacity_kg = fleet.drivers * mc.throughput_kg_s * dt
        lunar_cargo_kg = share * leo_available * landed_per_leo
        driver_landed = min(fleet.earth_pending_kg, lunar_cargo_kg) if industry > 0.0 else 0.0
        fab_landed = min(fab.earth_pending_kg, fc.growth_share * (lunar_cargo_kg - driver_landed)) \
            if industry > 0.0 else 0.0
        leo_for_cargo = (driver_landed + fab_landed) / landed_per_leo

        # the fab's accelerators for this step's satellites, and its power
        wanted_w, made, lunar_chips_w, lunar_share = _lunar_chips(
            fc, lc, tc, ds, dt, fab, chip_stock_w, industry, fleet_capacity_kg, driver_built and industry > 0.0 and phi > 0.0)
        import_earth, import_lunar = paths.satellite_import_fraction[s, k], paths.satellite_import_fraction_fab[s, k]

        # lunar surface: seed, production, satellites
        inputs = LunarInputs(
            industry_kg=industry, seed_pending_kg=seed_pending,
            seed_arriving_kg=c.seed_mass_kg if lunar_on and k == c.seed_step else 0.0,
            leo_available_kg=max(leo_available - leo_for_cargo / max(share, 1e-30), 0.0), local_fraction=local,
            fab_power_w=made.power_w, mass_driver_ready=driver_built, regolith_mined_kg=regolith_mined,
            satellite_import_fraction=_import_fraction(import_earth, import_lunar, lunar_share),
            satellite_cap_kg=fleet_capacity_kg, labour_factor=residents.labour_factor)
        plan, lunar_share, fab_binds = _plan_lunar(lc, dt, inputs, lunar_share, lunar_chips_w,
                                                   tc.specific_power_w_kg[ds], import_earth, import_lunar)
        industry, seed_pending, seeded, production = plan.industry_kg, plan.seed_pending_kg, plan.seeded, plan.production
        building = ds_on and k >= c.mass_driver_step and not driver_built  # the first driver

        # Earth orbit: what launch capacity remains after lunar cargo, shared between the shells
        lunar_imports = production.growth_kg * (1.0 - local) + production.satellites_kg * _import_fraction(
            import_earth, import_lunar, lunar_share)
        leo_for_lunar = (plan.seed_landed_kg + lunar_imports) / landed_per_leo + leo_for_cargo
        eo_available = max(leo_available - leo_for_lunar, 0.0)
        for j in range(shells):
            t = layout.earth_orbit[j]
            eo_plan[j] = eo_available * tc.launch_share[t] if tc.on[t] > 0.5 and k >= tc.start_step[t] else 0.0

        # accelerators and money; operations: the base's fixed cost and its crew on Earth
        ops = ((c.operations_cost_usd_per_s * dt if seeded else 0.0)
               + residents.earth_teleoperators * c.teleoperator_cost_usd_per_s * dt)
        city_cost = city_leo * (price + landed_per_leo * c.earth_hardware_cost_usd_per_kg)
        r = _ration(c, tc, layout, lc, price, paths.chips_available_w[s, k], eo_plan, production.growth_kg,
                    production.satellites_kg, import_earth, import_lunar, lunar_share, local, plan.seed_landed_kg,
                    driver_landed, fab_landed, ops, city_cost, dt, eo_built)

        # stocks: the drivers' and the fab's lunar-made parts come from the production the industry cannot use
        # to grow (at its land limit) and then from its growth; regolith; the industry
        spare_kg = _spare_output_kg(lc, dt, plan, production, r, made) if production.land_bound else 0.0
        pool_kg = r.growth_kg + spare_kg
        to_driver = min(c.driver_growth_share * pool_kg, fleet.lunar_pending_kg)
        # the fleet is sized by the output it holds back: what the factory wanted to fire when the drivers'
        # rate is what capped the satellites, else what was fired (then nothing outruns the fleet)
        fleet_binds = production.satellites_kg >= fleet_capacity_kg * (1.0 - 1e-9) and not fab_binds
        fleet = fleet_queue_core(mc, dt, fleet_build_core(fleet, driver_landed, to_driver), False,
                                 production.satellites_wanted_kg if fleet_binds else production.satellites_kg)
        # the fab's lunar part leads its tools by at most the first fab's (the hall before the tools arrive)
        tools_kg = fab.earth_built_kg + fab_landed + fc.seed_earth_mass_kg
        lead_kg = tools_kg * (1.0 - fc.earth_fraction) / max(fc.earth_fraction, 1e-30) - fab.lunar_built_kg
        to_fab = max(min(pool_kg - to_driver, fab.lunar_pending_kg, lead_kg), 0.0)
        from_spare = min(to_driver + to_fab, spare_kg)
        regolith_mined += lc.regolith_per_product * ((r.growth_kg + from_spare) * local
                                                     + r.satellites_kg * (1.0 - r.satellite_import_fraction))
        industry = industry + r.growth_kg - (to_driver + to_fab - from_spare)
        fab = fab_build_core(fc, dt, fab, fab_landed, to_fab)
        chip_stock_w = lunar_chips_w - r.lunar_chip_fraction * r.satellites_kg * tc.specific_power_w_kg[ds]
        fab = fab_queue_core(fc, dt, fab, False, wanted_w - lunar_chips_w, pool_kg)
        escaped = r.satellites_kg * phi
        _deploy_tiers(tc, layout, history, stocks, k, eo_plan, r, escaped, paths.ground_target_w[s, k],
                      paths.chip_efficiency_flop_j[s, k], added_w, deployed_kg, retired_kg)

        # the step's columns, and what limited each tier
        cost = r.cost_usd + city_cost
        cumulative_cost += cost
        landed = plan.seed_landed_kg + r.lunar_imports_kg + driver_landed + fab_landed
        launched = r.earth_orbit_kg + (landed + residents.resupply_kg) / landed_per_leo
        space_w = _write_tiers(out, s, k, tc, layout, stocks, added_w, deployed_kg, retired_kg)
        _write_columns(out, s, k, lc, mc, paths, dt, c.payload_mass_kg, space_w, residents, r, escaped, landed,
                       launched, industry, local, seeded, r.satellites_kg, cost, city_cost, cumulative_cost, regolith_mined,
                       ops)
        _write_fab(out, s, k, dt, fab, made, r)
        eo_built = _write_cost_paths(out, s, k, c, tc, layout, lc, r, price, deployed_kg, eo_built)
        _write_labels(labels, s, k, c, tc, layout, r, production, residents, lunar_on, ds_on, seeded, building,
                      phi, fab_binds, fleet_capacity_kg)
        _write_fleet(out, s, k, mc, fleet, c.payload_mass_kg)
        _write_ledger(out, s, k, lc, dt, plan, r, made, driver_landed, fab_landed, to_driver, to_fab, from_spare)
