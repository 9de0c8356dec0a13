"""The Moonbase Alpha system model: monthly stocks and flows for every tier.

``simulate(params, span)`` advances four tiers in fixed steps (monthly by default),
vectorised over a leading sample axis so a Monte Carlo batch costs one call:

- ``ground``: terrestrial AI data centres follow a logistic demand path (reference);
- ``earth_orbit``: satellites launched from Earth with the heavy-launch capacity this
  architecture can buy, priced by Wright's law;
- ``lunar_surface``: an industry landed as a seed that produces its own mass every
  replication time, imports what it cannot yet make, and runs on its own power;
- ``deep_space``: satellites the lunar industry builds and the mass driver fires;
  only the fraction that escapes the Earth-Moon system is deployed.

In each step the growth of each tier is the smallest of its limits (launch capacity,
accelerator supply, factory output, mass-driver rate, lunar power, Earth imports,
money); the limit that bound is recorded per tier and step. The stock-and-flow
structure and its assumptions are described in ``docs/design/timeline.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from moonbase.constants import SECONDS_PER_YEAR
from moonbase.industry.bootstrap import local_manufacture_fraction
from moonbase.launch.cadence import launch_rate_per_s
from moonbase.launch.price_learning import wright_price_usd_per_kg
from moonbase.physics.kardashev import kardashev_index
from moonbase.physics.logistic import logistic_value
from moonbase.spacecraft.compute_roadmap import accelerator_efficiency_flop_j
from moonbase.timeline.choices import Choices
from moonbase.timeline.city import city_timeline
from moonbase.timeline.cohorts import cohort_decay_factors, cohort_stock_step
from moonbase.timeline.escape import escape_fraction
from moonbase.industry.satellite_bom import satellite_import_fraction
from moonbase.timeline.lunar_surface import lunar_step, max_industry_mass_kg, regolith_in_reach_kg
from moonbase.timeline.mass_driver_capacity import mass_driver_capacity
from moonbase.timeline.params import Params
from moonbase.timeline.rationing import fraction_met
from moonbase.timeline.satellite_power import tier_design

# What limited each tier's growth in a step (stored as small integer codes).
EARTH_ORBIT_LIMITS = ("disabled", "not_started", "launch_capacity", "chip_supply", "budget")
LUNAR_LIMITS = ("disabled", "not_started", "replication", "power", "earth_imports", "land_area", "regolith",
                "budget")
DEEP_SPACE_LIMITS = (
    "disabled", "not_started", "building_mass_driver", "below_escape", "factory_output", "mass_driver_rate",
    "power", "earth_imports", "chip_supply", "budget",
)
CITY_LIMITS = ("disabled", "no_residents", "industry_demand", "life_support", "population_ceiling")
BINDING_LABELS = {
    "earth_orbit_binding": EARTH_ORBIT_LIMITS,
    "lunar_surface_binding": LUNAR_LIMITS,
    "deep_space_binding": DEEP_SPACE_LIMITS,
    "city_binding": CITY_LIMITS,
}


@dataclass(frozen=True)
class Span:
    """The simulated calendar span."""

    start_year: int
    end_year: int
    steps_per_year: int

    @property
    def steps(self) -> int:
        return (self.end_year - self.start_year + 1) * self.steps_per_year

    @property
    def step_s(self) -> float:
        return SECONDS_PER_YEAR / self.steps_per_year

    def step_of_year(self, year):
        """Index of the first step of calendar ``year`` (may be outside the span)."""
        return np.round((np.asarray(year, dtype=float) - self.start_year) * self.steps_per_year).astype(int)


@dataclass(frozen=True)
class Timeline:
    """Simulation output: ``(samples, steps)`` arrays keyed by column name, and labels."""

    span: Span
    series: dict[str, np.ndarray]
    labels: dict[str, np.ndarray]  # integer codes into BINDING_LABELS[name]
    escape_fraction: np.ndarray  # (samples,) fraction of fired payloads that escape

    @property
    def samples(self) -> int:
        return int(self.escape_fraction.shape[0])


def _limit_code(options: tuple[str, ...], name: str) -> int:
    return options.index(name)


def simulate(params: Params, span: Span, escape: np.ndarray | None = None,
             choices: Choices | None = None) -> Timeline:
    """Run the stock-and-flow model over ``span`` for every sample in ``params``.

    The city's Earth resupply is life-critical, so it is landed before any other lunar
    cargo: a first pass finds what the city needs, a second pass reserves that much of
    the lunar cargo capacity for it in every step (``docs/design/timeline.md``).

    Parameters
    ----------
    params
        Flat parameter arrays from :func:`moonbase.timeline.params.timeline_params`.
    span
        Calendar span and step.
    escape
        Optional per-sample fraction of fired payloads that escape (defaults to the
        patched-conic verdict, :func:`escape_fraction`).
    choices
        Model choices by seam (:func:`moonbase.timeline.choices.timeline_choices`);
        the schema's defaults when omitted.

    Returns
    -------
    Timeline
        Every column of :mod:`moonbase.timeline.columns` as ``(samples, steps)``.
    """
    phi = escape_fraction(params) if escape is None else np.asarray(escape, dtype=float)
    first = _simulate_pass(params, span, phi, choices or {}, city_reserve_kg=None)
    if not np.any(first.series["city_resupply_mass_kg"] > 0.0):
        return first
    return _simulate_pass(params, span, phi, choices or {}, city_reserve_kg=first.series["city_resupply_mass_kg"])


def _simulate_pass(params: Params, span: Span, phi: np.ndarray, choices: Choices,
                   city_reserve_kg: np.ndarray | None) -> Timeline:
    """One pass of the model; ``city_reserve_kg`` (samples, steps) is landed for the city first.

    Without a reserve (the first pass) the city may use the whole lunar cargo capacity.
    """
    p = params
    samples = int(np.shape(p["launch.payload_kg"])[0])
    steps, dt = span.steps, span.step_s
    rows = np.arange(samples)

    out = {name: np.zeros((samples, steps)) for name in (
        "ground_compute_power_w", "earth_orbit_compute_power_w", "lunar_surface_compute_power_w",
        "deep_space_compute_power_w", "space_compute_power_w", "total_compute_power_w",
        "ground_power_added_w", "earth_orbit_power_added_w", "deep_space_power_added_w", "space_power_added_w",
        "ground_compute_flop_s", "earth_orbit_compute_flop_s", "deep_space_compute_flop_s",
        "earth_orbit_satellites", "deep_space_satellites", "earth_orbit_mass_kg", "deep_space_mass_kg",
        "earth_orbit_deployed_mass_kg", "deep_space_deployed_mass_kg",
        "earth_orbit_retired_mass_kg", "deep_space_retired_mass_kg",
        "earth_launches", "earth_launched_mass_kg", "earth_launch_price_usd_per_kg", "lunar_landed_mass_kg",
        "lunar_industry_mass_kg", "lunar_surface_power_w", "lunar_local_fraction", "lunar_satellite_output_kg",
        "mass_driver_launches", "mass_driver_launched_mass_kg", "mass_driver_lost_mass_kg", "mass_driver_power_w",
        "cost_usd", "cumulative_cost_usd", "civilization_power_w", "kardashev_index",
        "lunar_population", "earth_teleoperators", "city_habitat_mass_kg", "city_resupply_mass_kg", "city_power_w",
        "city_closure", "lunar_regolith_mined_kg", "earth_orbit_cost_usd", "lunar_cost_usd",
    )}
    factors = {name: np.zeros((samples, steps)) for name in (
        "chip", "budget", "power", "imports", "land", "regolith", "sat_wanted", "seeded", "sat_import_fraction",
        "building", "fab")}
    # flows kept for end-of-life retirement (cohort recurrence needs a_{k-L})
    # flows kept for end-of-life retirement, (samples, quantity, steps) per tier: mass, power, FLOP/s
    eo_hist = np.zeros((samples, 3, steps))
    ds_hist = np.zeros((samples, 3, steps))
    gr_hist = np.zeros((samples, 2, steps))

    # --- per-sample constants ----------------------------------------------------------
    start = float(span.start_year)
    eo_on = p["earth_orbit.enabled"] > 0.5
    lunar_on = p["lunar.enabled"] > 0.5
    ds_on = (p["deep_space.enabled"] > 0.5) & lunar_on
    eo_start = span.step_of_year(p["earth_orbit.start_year"])
    seed_step = span.step_of_year(p["lunar.seed_year"])
    md_step = span.step_of_year(p["mass_driver.first_launch_year"])

    driver = mass_driver_capacity(p, dt, choices.get("mass_driver"))
    # the tiers' satellites, from their designs (moonbase.spacecraft): specific power at beginning of
    # life, orbit-averaged duty (eclipses shed compute load), life (capped by radiation), array degradation
    eo_design = tier_design(p, "earth_orbit")
    ds_design = tier_design(p, "deep_space")
    sp_eo = eo_design.specific_power_w_kg
    # satellites fired by the driver carry extra structure for its g-load (useful_payload_fraction)
    sp_ds = ds_design.specific_power_w_kg * driver.useful_payload_fraction
    payload = driver.payload_mass_kg
    energy_per_kg = driver.energy_per_kg_j_kg
    md_capacity_kg = driver.mass_per_step_kg
    landed_per_leo = p["lunar.landed_per_leo_mass"]
    fab_step = np.where(p["lunar.chip_fab"] > 0.5, span.step_of_year(p["lunar.chip_fab_year"]), steps + 1)
    max_industry = max_industry_mass_kg(p)
    generation_starts = (np.arange(p["lunar.local_fractions"].shape[1])[None, :]
                         * p["lunar.generation_interval_s"][:, None])

    eo_life = np.maximum(np.round(eo_design.design_life_s / dt).astype(int), 1)
    ds_life = np.maximum(np.round(ds_design.design_life_s / dt).astype(int), 1)
    gr_life = np.maximum(np.round(p["ground.hardware_life_s"] / dt).astype(int), 1)
    # survival factors per step and over a whole life, for [mass, power, FLOP/s]
    eo_q, eo_qL = cohort_decay_factors(np.stack([
        p["earth_orbit.failure_rate_per_s"],
        p["earth_orbit.failure_rate_per_s"] + eo_design.degradation_rate_per_s,
        p["earth_orbit.failure_rate_per_s"] + eo_design.degradation_rate_per_s], axis=1), dt, eo_life[:, None])
    ds_q, ds_qL = cohort_decay_factors(np.stack([
        p["deep_space.failure_rate_per_s"],
        p["deep_space.failure_rate_per_s"] + ds_design.degradation_rate_per_s,
        p["deep_space.failure_rate_per_s"] + ds_design.degradation_rate_per_s], axis=1), dt, ds_life[:, None])
    gr_q, gr_qL = cohort_decay_factors(np.zeros(samples), dt, gr_life)

    # --- exogenous paths, (samples, steps): computed once, outside the loop --------------
    col = (slice(None), None)
    t_mid_all = (np.arange(steps) + 0.5) * dt
    since_ref = (start - p["compute.reference_year"][col]) * SECONDS_PER_YEAR + t_mid_all
    chip_efficiency_all = accelerator_efficiency_flop_j(
        since_ref, p["compute.reference_efficiency_flop_j"][col], p["compute.improvement_per_s"][col],
        p["compute.ceiling_flop_j"][col])
    rate_all = launch_rate_per_s(t_mid_all, p["launch.initial_rate_per_s"][col], p["launch.max_rate_per_s"][col],
                                 p["launch.growth_per_s"][col])
    market_kg_all = rate_all * dt * p["launch.payload_kg"][col]  # the whole market's heavy-launch mass
    cumulative_mid = p["launch.initial_cumulative_mass_kg"][col] + np.cumsum(market_kg_all, axis=1) - 0.5 * market_kg_all
    price_all = wright_price_usd_per_kg(
        cumulative_mid, p["launch.reference_price_usd_per_kg"][col], p["launch.reference_cumulative_mass_kg"][col],
        p["launch.learning_rate"][col], p["launch.floor_price_usd_per_kg"][col])
    leo_available_all = p["launch.architecture_share"][col] * market_kg_all
    chips_available_all = p["compute.space_share"][col] * logistic_value(
        t_mid_all, p["compute.supply_initial_w_per_s"][col], p["compute.supply_max_w_per_s"][col],
        p["compute.supply_growth_per_s"][col]) * dt
    ground_target_all = logistic_value(t_mid_all, p["ground.initial_power_w"][col], p["ground.max_power_w"][col],
                                       p["ground.growth_per_s"][col])
    world_all = p["world.primary_power_w"][col] * np.exp(
        p["world.growth_per_s"][col] * ((start - p["world.reference_year"][col]) * SECONDS_PER_YEAR + t_mid_all))
    local_all = local_manufacture_fraction(
        np.maximum(t_mid_all - seed_step[col] * dt, 0.0), generation_starts[:, None, :],
        p["lunar.local_fractions"][:, None, :])

    # Earth-made fraction of a satellite kg, without and with the lunar chip fab running
    sat_import_all = satellite_import_fraction(local_all, p["deep_space.earth_made_mass_fraction"][col], False)
    sat_import_fab_all = satellite_import_fraction(local_all, p["deep_space.earth_made_mass_fraction"][col], True)
    regolith_reach = regolith_in_reach_kg(p)

    # --- state ---------------------------------------------------------------------------
    eo_stock = np.zeros((samples, 3))
    ds_stock = np.zeros((samples, 3))
    gr_stock = np.zeros((samples, 2))
    industry = np.zeros(samples)
    seed_pending = np.zeros(samples)
    regolith_mined = np.zeros(samples)
    city_leo = np.zeros((samples, steps))
    # the mass driver is built from first_launch_year on: its Earth-made part lands as priority cargo,
    # its lunar-made part (less its solar field: the base's power already pays its energy) is diverted
    # from the industry's growth; it fires once both are complete
    driver_earth_pending = np.zeros(samples)
    driver_lunar_pending = np.zeros(samples)
    driver_lunar_mass = np.maximum(driver.lunar_made_mass_kg - driver.solar_field_mass_kg, 0.0)
    fab_mass = np.where(p["lunar.chip_fab"] > 0.5, p["lunar.chip_fab_mass_kg"], 0.0)
    fab_running = np.zeros(samples, dtype=bool)

    def lagged(hist: np.ndarray, k: int, life: np.ndarray) -> np.ndarray:
        """Amounts deployed ``life`` steps before step k, (samples, quantities); zero before the span."""
        index = k - life
        return hist[rows, :, np.maximum(index, 0)] * (index >= 0)[:, None]

    for k in range(steps):
        price = price_all[:, k]
        leo_available = leo_available_all[:, k]
        # the city's resupply (life-critical) is landed first
        city_leo[:, k] = (0.0 if city_reserve_kg is None else np.minimum(
            city_reserve_kg[:, k] / landed_per_leo, p["lunar.max_launch_share"] * leo_available))
        leo_available = leo_available - city_leo[:, k]
        chips_available_w = chips_available_all[:, k]
        chip_efficiency = chip_efficiency_all[:, k]
        local = local_all[:, k]

        # the chip fab runs from chip_fab_year once the city can power it (then it stays on)
        fab_running = fab_running | ((k >= fab_step) & (industry * p["lunar.power_per_mass_w_kg"]
                                                        * p["lunar.chip_fab_max_power_share"]
                                                        >= p["lunar.chip_fab_power_w"]))

        # --- the mass driver's construction: Earth-made part first in the lunar cargo ----------
        starts_building = ds_on & (k == md_step)
        driver_earth_pending = driver_earth_pending + np.where(starts_building, driver.earth_made_mass_kg, 0.0)
        driver_lunar_pending = driver_lunar_pending + np.where(starts_building, driver_lunar_mass, 0.0)
        driver_built = ds_on & (k >= md_step) & (driver_earth_pending <= 0.0) & (driver_lunar_pending <= 0.0)
        lunar_cargo_kg = p["lunar.max_launch_share"] * leo_available * landed_per_leo
        driver_landed = np.where(industry > 0.0, np.minimum(driver_earth_pending, lunar_cargo_kg), 0.0)
        driver_earth_pending = driver_earth_pending - driver_landed
        leo_for_driver = driver_landed / landed_per_leo

        # --- lunar surface: seed, production, satellites -------------------------------------
        plan = lunar_step(
            p, dt, industry=industry, seed_pending=seed_pending,
            seed_arriving=(np.where(lunar_on & (k == seed_step), p["lunar.seed_mass_kg"], 0.0)
                           + np.where(lunar_on & (k == fab_step), fab_mass, 0.0)),
            leo_available_kg=np.maximum(leo_available - leo_for_driver / np.maximum(p["lunar.max_launch_share"], 1e-30),
                                        0.0),
            local_fraction=local, fab=fab_running, mass_driver_ready=driver_built, escape=phi,
            mass_driver_capacity_kg=md_capacity_kg, mass_driver_energy_j_kg=energy_per_kg,
            max_industry_kg=max_industry, regolith_mined_kg=regolith_mined, regolith_in_reach=regolith_reach,
            satellite_import_fraction=np.where(fab_running, sat_import_fab_all[:, k], sat_import_all[:, k]))
        industry, seed_pending, seed_landed = plan.industry_kg, plan.seed_pending_kg, plan.seed_landed_kg
        seeded, fab, sat_import_fraction = plan.seeded, plan.fab, plan.satellite_import_fraction
        md_active, sat_wanted, land_bound = plan.mass_driver_active, plan.satellites_wanted_kg, plan.land_bound
        power_factor, import_factor = plan.power_factor, plan.import_factor
        growth, sat_out = plan.growth_kg, plan.satellites_kg
        regolith_bound = plan.regolith_bound
        building = ds_on & (k >= md_step) & ~driver_built

        # --- Earth orbit: what launch capacity remains after lunar cargo ---------------------
        lunar_imports = growth * (1.0 - local) + sat_out * sat_import_fraction
        leo_for_lunar = (seed_landed + lunar_imports) / landed_per_leo + leo_for_driver
        eo_active = eo_on & (k >= eo_start)
        eo_plan_kg = np.where(eo_active, np.maximum(leo_available - leo_for_lunar, 0.0), 0.0)

        # --- accelerator supply shared by both space tiers -----------------------------------
        ds_chip_need = np.where(fab, 0.0, sat_out * sp_ds)  # after the fab, chips are lunar-made
        chip_factor = fraction_met(chips_available_w, eo_plan_kg * sp_eo + ds_chip_need)
        eo_kg = eo_plan_kg * chip_factor
        sat_out = np.where(fab, sat_out, sat_out * chip_factor)

        # --- money -----------------------------------------------------------------------------
        ops = np.where(seeded, p["lunar.operations_cost_usd_per_s"] * dt, 0.0)
        accel = p["compute.accelerator_cost_usd_per_w"]
        eo_cost = eo_kg * (price + eo_design.non_compute_mass_fraction * p["earth_orbit.bus_cost_usd_per_kg"]
                           + sp_eo * (1.0 + p["earth_orbit.design.spare_fraction"]) * accel)
        lunar_imports = growth * (1.0 - local) + sat_out * sat_import_fraction
        lunar_cost = ((seed_landed + lunar_imports + driver_landed)
                      * (price / landed_per_leo + p["lunar.earth_hardware_cost_usd_per_kg"])
                      + np.where(fab, 0.0, sat_out * sp_ds * accel))
        variable = eo_cost + lunar_cost
        capped = p["economics.budget_cap"] > 0.5
        # fixed this step: lunar operations and the city's reserved resupply (life-critical, never cut)
        city_cost = city_leo[:, k] * (price + landed_per_leo * p["lunar.earth_hardware_cost_usd_per_kg"])
        allowance = np.maximum(p["economics.annual_budget_usd_per_s"] * dt - ops - city_cost, 0.0)
        budget_factor = np.where(capped, fraction_met(allowance, variable), 1.0)
        eo_kg = eo_kg * budget_factor
        growth = growth * budget_factor
        sat_out = sat_out * budget_factor
        lunar_imports = lunar_imports * budget_factor
        cost = variable * budget_factor + ops

        # --- stocks --------------------------------------------------------------------------
        regolith_mined = regolith_mined + p["lunar.regolith_per_product"] * (
            growth * local + sat_out * (1.0 - sat_import_fraction))
        to_driver = np.minimum(growth, driver_lunar_pending)  # lunar-made driver parts, diverted from growth
        driver_lunar_pending = driver_lunar_pending - to_driver
        industry = industry + growth - to_driver
        fired = sat_out
        escaped = fired * phi
        eo_added_w = eo_kg * sp_eo * eo_design.duty_factor  # orbit-averaged: eclipses shed compute load
        ds_added_w = escaped * sp_ds * ds_design.duty_factor
        # cohort stocks per tier: [mass, power, FLOP/s] (ground: [power, FLOP/s])
        eo_hist[:, :, k] = np.stack([eo_kg, eo_added_w, eo_added_w * chip_efficiency], axis=1)
        ds_hist[:, :, k] = np.stack([escaped, ds_added_w, ds_added_w * chip_efficiency], axis=1)
        eo_stock, eo_removed = cohort_stock_step(eo_stock, eo_hist[:, :, k], lagged(eo_hist, k, eo_life),
                                                 eo_q, eo_qL)
        ds_stock, ds_removed = cohort_stock_step(ds_stock, ds_hist[:, :, k], lagged(ds_hist, k, ds_life),
                                                 ds_q, ds_qL)
        eo_mass, eo_power, eo_flops = eo_stock.T
        ds_mass, ds_power, ds_flops = ds_stock.T
        eo_retired, ds_retired = eo_removed[:, 0], ds_removed[:, 0]

        # ground: commission what the logistic demand path needs beyond the survivors
        target = ground_target_all[:, k]
        gr_lagged = lagged(gr_hist, k, gr_life)
        survivors = gr_stock[:, 0] * gr_q - gr_lagged[:, 0] * gr_qL
        gr_added = np.maximum(target - survivors, 0.0)
        gr_hist[:, :, k] = np.stack([gr_added, gr_added * chip_efficiency], axis=1)
        gr_stock, _ = cohort_stock_step(gr_stock, gr_hist[:, :, k], gr_lagged, gr_q[:, None], gr_qL[:, None])
        gr_power, gr_flops = gr_stock.T

        # --- record the step (derived columns and labels are computed after the loop) -------
        f = factors
        f["chip"][:, k] = chip_factor
        f["budget"][:, k] = budget_factor
        f["power"][:, k] = power_factor
        f["imports"][:, k] = import_factor
        f["land"][:, k] = land_bound
        f["regolith"][:, k] = regolith_bound
        f["building"][:, k] = building
        f["fab"][:, k] = fab_running
        f["sat_wanted"][:, k] = sat_wanted
        f["seeded"][:, k] = seeded
        f["sat_import_fraction"][:, k] = sat_import_fraction
        o = out
        o["ground_compute_power_w"][:, k] = gr_power
        o["earth_orbit_compute_power_w"][:, k] = eo_power
        o["deep_space_compute_power_w"][:, k] = ds_power
        o["ground_power_added_w"][:, k] = gr_added
        o["ground_compute_flop_s"][:, k] = gr_flops
        o["earth_orbit_compute_flop_s"][:, k] = eo_flops
        o["deep_space_compute_flop_s"][:, k] = ds_flops
        o["earth_orbit_mass_kg"][:, k] = eo_mass
        o["deep_space_mass_kg"][:, k] = ds_mass
        o["earth_orbit_retired_mass_kg"][:, k] = eo_retired
        o["deep_space_retired_mass_kg"][:, k] = ds_retired
        o["lunar_landed_mass_kg"][:, k] = seed_landed + lunar_imports + driver_landed
        o["lunar_regolith_mined_kg"][:, k] = regolith_mined
        o["lunar_industry_mass_kg"][:, k] = industry
        o["lunar_satellite_output_kg"][:, k] = fired
        o["cost_usd"][:, k] = cost
        o["earth_orbit_cost_usd"][:, k] = eo_cost * budget_factor

    # --- derived columns, vectorised over (samples, steps) ----------------------------------
    o = out
    o["earth_orbit_deployed_mass_kg"][:] = eo_hist[:, 0]
    o["deep_space_deployed_mass_kg"][:] = ds_hist[:, 0]
    o["earth_orbit_power_added_w"][:] = eo_hist[:, 1]
    o["deep_space_power_added_w"][:] = ds_hist[:, 1]
    o["space_power_added_w"][:] = eo_hist[:, 1] + ds_hist[:, 1]
    o["space_compute_power_w"][:] = o["earth_orbit_compute_power_w"] + o["deep_space_compute_power_w"]
    o["total_compute_power_w"][:] = o["space_compute_power_w"] + o["ground_compute_power_w"]
    o["earth_orbit_satellites"][:] = o["earth_orbit_mass_kg"] / eo_design.satellite_mass_kg[:, None]
    o["deep_space_satellites"][:] = o["deep_space_mass_kg"] / payload[col]
    # the city: residents the industry needs, held by habitats and by what Earth can resupply
    year_end = span.start_year + (np.arange(steps) + 1) / span.steps_per_year
    if city_reserve_kg is None:  # first pass: the city may claim all the lunar cargo capacity
        city_landing = p["lunar.max_launch_share"][col] * leo_available_all * landed_per_leo[col]
    else:
        city_landing = city_leo * landed_per_leo[col]
    city = city_timeline(p, year_end, o["lunar_industry_mass_kg"],
                         o["lunar_industry_mass_kg"] / p["lunar.replication_time_s"][col] * dt,
                         o["lunar_local_fraction"], dt, landing_capacity_kg=city_landing, choices=choices.get("city"))
    c = city.series
    o["lunar_population"][:] = c["population"]
    o["earth_teleoperators"][:] = c["earth_teleoperators"]
    o["city_habitat_mass_kg"][:] = c["habitat_mass_kg"]
    o["city_resupply_mass_kg"][:] = c["resupply_kg"]
    o["city_power_w"][:] = c["power_w"]
    o["city_closure"][:] = c["closure"]
    o["cost_usd"][:] += c["resupply_kg"] * (price_all / landed_per_leo[col] + p["lunar.earth_hardware_cost_usd_per_kg"][col])
    o["lunar_cost_usd"][:] = o["cost_usd"] - o["earth_orbit_cost_usd"]
    o["earth_launched_mass_kg"][:] = (eo_hist[:, 0]
                                      + (o["lunar_landed_mass_kg"] + c["resupply_kg"]) / landed_per_leo[col])
    o["earth_launches"][:] = o["earth_launched_mass_kg"] / p["launch.payload_kg"][col]
    o["earth_launch_price_usd_per_kg"][:] = price_all
    o["lunar_surface_power_w"][:] = o["lunar_industry_mass_kg"] * p["lunar.power_per_mass_w_kg"][col]
    seeded_all = factors["seeded"] > 0.5
    o["lunar_local_fraction"][:] = np.where(seeded_all, local_all, 0.0)
    fired_all = o["lunar_satellite_output_kg"]
    o["mass_driver_launches"][:] = fired_all / payload[col]
    o["mass_driver_launched_mass_kg"][:] = fired_all
    o["mass_driver_lost_mass_kg"][:] = fired_all - ds_hist[:, 0]
    o["mass_driver_power_w"][:] = fired_all * energy_per_kg[col] / dt
    o["cumulative_cost_usd"][:] = np.cumsum(o["cost_usd"], axis=1)
    o["civilization_power_w"][:] = world_all + o["space_compute_power_w"]
    o["kardashev_index"][:] = kardashev_index(o["civilization_power_w"])
    labels = binding_labels(factors, eo_on[:, None] & (np.arange(steps) >= eo_start[:, None]), eo_on,
                            lunar_on, ds_on[:, None] & (np.arange(steps) >= md_step[:, None]) & seeded_all, ds_on,
                            phi, md_capacity_kg, factors["fab"] > 0.5)

    labels["city_binding"] = city_labels(c, o["lunar_population"], lunar_on)
    return Timeline(span=span, series=out, labels=labels, escape_fraction=phi)


def binding_labels(f: dict[str, np.ndarray], eo_active, eo_on, lunar_on, md_active, ds_on, phi,
                   md_capacity_kg, fab) -> dict[str, np.ndarray]:
    """Integer codes of what limited each tier in each step, from the step's rationing factors.

    Later rules override earlier ones: a tier that is off or not started says so; else the
    tightest active limit is named (budget over supply over capacity).
    """
    col = (slice(None), None)
    code = _limit_code
    eo = np.full(f["chip"].shape, code(EARTH_ORBIT_LIMITS, "launch_capacity"), dtype=np.int8)
    eo = np.where(f["chip"] < 1.0, code(EARTH_ORBIT_LIMITS, "chip_supply"), eo)
    eo = np.where(f["budget"] < 1.0, code(EARTH_ORBIT_LIMITS, "budget"), eo)
    eo = np.where(~eo_active, code(EARTH_ORBIT_LIMITS, "not_started"), eo)
    eo = np.where(~eo_on[col], code(EARTH_ORBIT_LIMITS, "disabled"), eo)

    seeded = f["seeded"] > 0.5
    power_bound = (f["power"] < 1.0) & (f["power"] <= f["imports"])
    lu = np.full(f["chip"].shape, code(LUNAR_LIMITS, "replication"), dtype=np.int8)
    lu = np.where(f["land"] > 0.5, code(LUNAR_LIMITS, "land_area"), lu)
    lu = np.where(f["regolith"] > 0.5, code(LUNAR_LIMITS, "regolith"), lu)
    lu = np.where(f["imports"] < 1.0, code(LUNAR_LIMITS, "earth_imports"), lu)
    lu = np.where(power_bound, code(LUNAR_LIMITS, "power"), lu)
    lu = np.where(f["budget"] < 1.0, code(LUNAR_LIMITS, "budget"), lu)
    lu = np.where(~seeded, code(LUNAR_LIMITS, "not_started"), lu)
    lu = np.where(~lunar_on[col], code(LUNAR_LIMITS, "disabled"), lu)

    ds = np.where(f["sat_wanted"] > md_capacity_kg[col], code(DEEP_SPACE_LIMITS, "mass_driver_rate"),
                  code(DEEP_SPACE_LIMITS, "factory_output")).astype(np.int8)
    ds = np.where((f["imports"] < 1.0) & (f["sat_import_fraction"] > 0.0), code(DEEP_SPACE_LIMITS, "earth_imports"), ds)
    ds = np.where(power_bound, code(DEEP_SPACE_LIMITS, "power"), ds)
    ds = np.where((f["chip"] < 1.0) & ~fab, code(DEEP_SPACE_LIMITS, "chip_supply"), ds)
    ds = np.where(f["budget"] < 1.0, code(DEEP_SPACE_LIMITS, "budget"), ds)
    ds = np.where(f["building"] > 0.5, code(DEEP_SPACE_LIMITS, "building_mass_driver"), ds)
    ds = np.where(md_active & (phi[col] <= 0.0), code(DEEP_SPACE_LIMITS, "below_escape"), ds)
    ds = np.where(~md_active, code(DEEP_SPACE_LIMITS, "not_started"), ds)
    ds = np.where(~ds_on[col], code(DEEP_SPACE_LIMITS, "disabled"), ds)
    return {"earth_orbit_binding": eo.astype(np.int8), "lunar_surface_binding": lu.astype(np.int8),
            "deep_space_binding": ds.astype(np.int8)}


def city_labels(city: dict[str, np.ndarray], population, lunar_on) -> np.ndarray:
    """What limited the city's population in each step (codes into :data:`CITY_LIMITS`)."""
    code = _limit_code
    labels = np.full(np.shape(population), code(CITY_LIMITS, "industry_demand"), dtype=np.int8)
    labels = np.where(city["ceiling_binds"] > 0.5, code(CITY_LIMITS, "population_ceiling"), labels)
    labels = np.where(city["life_support_binds"] > 0.5, code(CITY_LIMITS, "life_support"), labels)
    labels = np.where(population <= 0.0, code(CITY_LIMITS, "no_residents"), labels)
    labels = np.where(~lunar_on[:, None], code(CITY_LIMITS, "disabled"), labels)
    return labels.astype(np.int8)
