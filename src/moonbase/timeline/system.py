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

from moonbase.city.step import CityConstants, city_constants
from moonbase.constants import SECONDS_PER_YEAR
from moonbase.industry.bootstrap import local_manufacture_fraction
from moonbase.industry.fab_step import FabConstants, fab_constants
from moonbase.industry.satellite_bom import satellite_import_fraction
from moonbase.industry.step import LunarConstants, lunar_constants
from moonbase.launch.cadence import launch_rate_per_s
from moonbase.launch.price_learning import wright_price_usd_per_kg
from moonbase.massdriver.capacity import mass_driver_capacity, mass_driver_inputs
from moonbase.massdriver.design import mass_driver_design
from moonbase.industry.transmission import power_site_route_m
from moonbase.massdriver.fleet import DriverSupply, FleetConstants, driver_unit, fleet_constants
from moonbase.orbits.escape import escape_fraction
from moonbase.physics.logistic import logistic_value
from moonbase.scenario.params import Choices, Params, timeline_choices
from moonbase.spacecraft.compute_roadmap import accelerator_efficiency_flop_j
from moonbase.spacecraft.tier import tier_design
from moonbase.timeline.binding import (  # noqa: F401  (re-exported: the label names by tier)
    CITY_LIMITS,
    DEEP_SPACE_LIMITS,
    EARTH_ORBIT_LIMITS,
    LUNAR_LIMITS,
)
from moonbase.timeline.cohorts import cohort_decay_factors
from moonbase.timeline.columns import FAMILIES, label_columns, numeric_columns
from moonbase.timeline.step_kernel import (
    StepConstants,
    StepLabels,
    StepOutputs,
    StepPaths,
    TierConstants,
    TierLayout,
    empty_outputs,
    run_steps,
)
from moonbase.timeline.tiers import TIERS, TierKind, binding_tiers, hardware_tiers


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
    labels: dict[str, np.ndarray]  # integer codes into binding_labels()[name]
    escape_fraction: np.ndarray  # (samples,) fraction of fired payloads that escape

    @property
    def samples(self) -> int:
        return int(self.escape_fraction.shape[0])


def simulate(params: Params, span: Span, escape: np.ndarray | None = None,
             choices: Choices | None = None) -> Timeline:
    """Run the stock-and-flow model over ``span`` for every sample in ``params``.

    The city's Earth resupply is life-critical, so in every step it is sized from the
    industry as the step starts and landed before any other lunar cargo
    (``docs/design/timeline.md``). The step loop is compiled
    (:func:`moonbase.timeline.step_kernel.run_steps`).

    Parameters
    ----------
    params
        Flat parameter arrays from :func:`moonbase.scenario.params.timeline_params`.
    span
        Calendar span and step.
    escape
        Optional per-sample fraction of fired payloads that escape (defaults to the
        patched-conic verdict, :func:`escape_fraction`).
    choices
        Model choices by subsystem (:func:`moonbase.scenario.params.timeline_choices`);
        the schema's defaults when omitted.

    Returns
    -------
    Timeline
        Every column of :mod:`moonbase.timeline.columns` as ``(samples, steps)``.
    """
    choices = timeline_choices(None) if choices is None else choices
    phi = escape_fraction(params, choices["trajectory"]) if escape is None else np.asarray(escape, dtype=float)
    setup = _setup(params, span, phi, choices)
    samples, steps = setup.paths.price_usd_per_kg.shape
    out, labels = empty_outputs(samples, steps, len(setup.layout.space), len(binding_tiers()))
    run_steps(setup.constants, setup.tiers, setup.layout, setup.lunar, setup.fab, setup.fleet, setup.city, setup.paths,
              float(span.step_s), setup.year_end, out, labels)
    series = _tier_series(out, (samples, steps))
    series["earth_launch_price_usd_per_kg"] = setup.paths.price_usd_per_kg
    series["mass_driver_launched_mass_kg"] = out.lunar_satellite_output_kg
    label_series = {f"{name}_binding": labels.binding[i] for i, name in enumerate(binding_tiers())}
    label_series.update({name: getattr(labels, name) for name in StepLabels._fields if name != "binding"})
    return Timeline(span=span, series={name: series[name] for name in numeric_columns()},
                    labels={name: label_series[name] for name in label_columns()}, escape_fraction=phi)


def _tier_series(out: StepOutputs, shape: tuple[int, int]) -> dict[str, np.ndarray]:
    """The kernel's outputs as named columns: a row of a tier family per tier, and the system columns."""
    rows = {name: i for i, name in enumerate(hardware_tiers())}
    series: dict[str, np.ndarray] = {}
    for family in FAMILIES:
        if not family.hardware:
            continue
        values = getattr(out, family.suffix)
        for tier in family.tiers():
            series[f"{tier.name}_{family.suffix}"] = values[rows[tier.name]] if tier.hardware else np.zeros(shape)
    series.update({name: getattr(out, name) for name in StepOutputs._fields if name not in series
                   and name not in {family.suffix for family in FAMILIES}})
    return series


@dataclass(frozen=True)
class _Setup:
    """The loop's constants and exogenous paths."""

    constants: StepConstants
    tiers: TierConstants
    layout: TierLayout
    lunar: LunarConstants
    fab: FabConstants
    fleet: FleetConstants
    city: CityConstants
    paths: StepPaths
    year_end: np.ndarray  # (steps,) decimal year at the end of each step


def _setup(params: Params, span: Span, phi: np.ndarray, choices: Choices) -> _Setup:
    """Per-sample constants and exogenous ``(samples, steps)`` paths (numpy, before the loop)."""
    p = params
    samples = int(np.shape(p["launch.payload_kg"])[0])
    steps, dt = span.steps, span.step_s
    start = float(span.start_year)

    design = mass_driver_design(mass_driver_inputs(p, choices["mass_driver"]))
    driver = mass_driver_capacity(p, dt, choices["mass_driver"], design)
    # one driver with its own power plant and storage at its site, in the energy model the scenario chose
    unit = _driver_unit(p, design, choices)._replace(energy_per_kg_j_kg=driver.energy_per_kg_j_kg)
    fleet = fleet_constants(unit, choices["mass_driver"]["fleet.policy"], p["mass_driver.fleet.trigger_s"],
                            p["mass_driver.fleet.payback_horizon_s"])
    fab_on = p["lunar.chip_fab"] > 0.5
    generation_starts = (np.arange(p["lunar.local_fractions"].shape[1])[None, :]
                         * p["lunar.generation_interval_s"][:, None])
    seed_step = span.step_of_year(p["lunar.seed_year"])

    def column(value):
        return np.ascontiguousarray(np.broadcast_to(np.asarray(value, dtype=float), (samples,)))

    constants = StepConstants(
        lunar_on=column(p["lunar.enabled"] > 0.5), seed_step=column(seed_step),
        mass_driver_step=column(span.step_of_year(p["mass_driver.first_launch_year"])),
        fab_step=column(np.where(fab_on, span.step_of_year(p["lunar.chip_fab_year"]), steps + 1)),
        seed_mass_kg=column(p["lunar.seed_mass_kg"]),
        payload_mass_kg=column(driver.payload_mass_kg), driver_growth_share=column(p["mass_driver.fleet.growth_share"]),
        operations_cost_usd_per_s=column(p["lunar.operations_cost_usd_per_s"]),
        teleoperator_cost_usd_per_s=column(p["city.teleoperator_cost_usd_per_s"]),
        accelerator_cost_usd_per_w=column(p["compute.accelerator_cost_usd_per_w"]),
        earth_hardware_cost_usd_per_kg=column(p["lunar.earth_hardware_cost_usd_per_kg"]),
        budget_cap=column(p["economics.budget_cap"] > 0.5), budget_usd_per_s=column(p["economics.annual_budget_usd_per_s"]))
    tiers, layout = _tier_constants(p, span, choices, driver)

    # --- exogenous paths, (samples, steps): computed once, outside the loop --------------
    col = (slice(None), None)
    t_mid_all = (np.arange(steps) + 0.5) * dt
    since_ref = (start - p["compute.reference_year"][col]) * SECONDS_PER_YEAR + t_mid_all
    chip_efficiency_all = accelerator_efficiency_flop_j(
        since_ref, p["compute.reference_efficiency_flop_j"][col], p["compute.improvement_per_s"][col],
        p["compute.ceiling_flop_j"][col])
    market_kg_all, price_all, launches_per_kg = _launch_market(p, t_mid_all, dt)
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
    earth_made = p["deep_space.earth_made_mass_fraction"][col]

    def grid(value):
        return np.ascontiguousarray(np.broadcast_to(np.asarray(value, dtype=float), (samples, steps)))

    paths = StepPaths(
        price_usd_per_kg=grid(price_all), leo_available_kg=grid(p["launch.architecture_share"][col] * market_kg_all),
        launches_per_kg=grid(launches_per_kg),
        chips_available_w=grid(chips_available_all), chip_efficiency_flop_j=grid(chip_efficiency_all),
        local_fraction=grid(local_all),
        satellite_import_fraction=grid(satellite_import_fraction(local_all, earth_made, False)),
        satellite_import_fraction_fab=grid(satellite_import_fraction(local_all, earth_made, True)),
        ground_target_w=grid(ground_target_all), world_power_w=grid(world_all))
    year_end = span.start_year + (np.arange(steps) + 1) / span.steps_per_year
    # the fleet caps the satellites (the kernel passes its rate); the drivers' own plants power them
    lunar = lunar_constants(p, np.full(samples, np.inf), np.zeros(samples), phi)
    return _Setup(constants=constants, tiers=tiers, layout=layout, lunar=lunar, fab=fab_constants(p, dt), fleet=fleet,
                  city=city_constants(p, choices["city"]), paths=paths, year_end=year_end)


def _driver_unit(p: Params, design, choices: Choices):
    """One driver with its power plant: its own field at its site, or a line from the industry's power site
    (``mass_driver.supply``, :func:`moonbase.massdriver.fleet.driver_unit`)."""
    if choices["mass_driver"]["supply.kind"] != DriverSupply.LINE.value:
        return driver_unit(design)
    route = power_site_route_m(choices["lunar"]["site"], p["mass_driver.latitude_rad"], p["mass_driver.longitude_rad"])
    return driver_unit(design, DriverSupply.LINE, route_length_m=route,
                       power_site_illumination=p["lunar.illumination_fraction"],
                       line_loss_fraction=p["mass_driver.supply.line_loss"],
                       line_voltage_v=p["mass_driver.supply.line_voltage_v"])


def _tier_constants(p: Params, span: Span, choices: Choices, driver) -> tuple[TierConstants, TierLayout]:
    """Per-sample constants of every hardware tier of the registry, and where its rows are.

    The tiers' satellites come from their designs (:mod:`moonbase.spacecraft`): specific power
    at beginning of life, orbit-averaged duty (eclipses shed compute load), life (capped by
    radiation), array degradation. Every Earth-orbit shell reads the ``earth_orbit`` inputs in
    its own orbit kind (the scenario's ``earth_orbit.orbit`` unless the tier names one) and
    takes its weight's share of the Earth-orbit launch mass.
    """
    samples, dt = int(np.shape(p["launch.payload_kg"])[0]), span.step_s
    hardware = [tier for tier in TIERS if tier.hardware]
    shells = [tier for tier in hardware if tier.kind == TierKind.EARTH_ORBIT]
    total_weight = sum(tier.launch_weight for tier in shells)
    fields: dict[str, list[np.ndarray]] = {name: [] for name in TierConstants._fields}

    def add(**values):
        for name in TierConstants._fields:
            fields[name].append(np.broadcast_to(np.asarray(values.get(name, 0.0), dtype=float), (samples,)))

    def life_steps(life_s):
        return np.maximum(np.round(life_s / dt).astype(int), 1)

    def satellites(design, failure_rate, **values):
        life = life_steps(design.design_life_s)
        q_m, ql_m = cohort_decay_factors(failure_rate, dt, life)
        q_p, ql_p = cohort_decay_factors(failure_rate + design.degradation_rate_per_s, dt, life)
        add(duty=design.duty_factor, life_steps=life, q_mass=q_m, q_power=q_p, life_q_mass=ql_m,
            life_q_power=ql_p, **values)

    for tier in hardware:
        if tier.kind == TierKind.GROUND:
            life = life_steps(p["ground.hardware_life_s"])
            q, ql = cohort_decay_factors(np.zeros(samples), dt, life)
            add(on=1.0, life_steps=life, q_mass=q, q_power=q, life_q_mass=ql, life_q_power=ql)
        elif tier.kind == TierKind.EARTH_ORBIT:
            design = tier_design(p, TierKind.EARTH_ORBIT.value, tier.orbit or choices["earth_orbit"]["orbit"])
            satellites(design, p["earth_orbit.failure_rate_per_s"], on=p["earth_orbit.enabled"] > 0.5,
                       start_step=span.step_of_year(p["earth_orbit.start_year"]),
                       specific_power_w_kg=design.specific_power_w_kg, unit_mass_kg=design.satellite_mass_kg,
                       non_compute_fraction=design.non_compute_mass_fraction,
                       bus_cost_usd_per_kg=p["earth_orbit.bus_cost_usd_per_kg"],
                       bus_reference_units=p["finance.bus_reference_units"],
                       bus_learning_rate=p["finance.bus_learning_rate"],
                       spare_fraction=p["earth_orbit.design.spare_fraction"],
                       launch_share=tier.launch_weight / total_weight)
        else:  # deep space: satellites fired by the driver carry extra structure for its g-load
            design = tier_design(p, TierKind.DEEP_SPACE.value)
            satellites(design, p["deep_space.failure_rate_per_s"],
                       on=(p["deep_space.enabled"] > 0.5) & (p["lunar.enabled"] > 0.5),
                       start_step=span.step_of_year(p["mass_driver.first_launch_year"]),
                       specific_power_w_kg=design.specific_power_w_kg * driver.useful_payload_fraction,
                       unit_mass_kg=driver.payload_mass_kg)
    tiers = TierConstants(**{name: np.ascontiguousarray(np.stack(values, axis=1)) for name, values in fields.items()})
    rows = {tier.name: i for i, tier in enumerate(hardware)}
    binding_rows = {name: i for i, name in enumerate(binding_tiers())}
    ground, = (tier.name for tier in hardware if tier.kind == TierKind.GROUND)
    deep_space, = (tier.name for tier in hardware if tier.kind == TierKind.DEEP_SPACE)
    lunar, = (tier.name for tier in TIERS if tier.kind == TierKind.LUNAR_SURFACE)
    layout = TierLayout(
        ground=rows[ground], deep_space=rows[deep_space],
        earth_orbit=np.array([rows[tier.name] for tier in shells], dtype=np.int64),
        space=np.array([1.0 if tier.space else 0.0 for tier in hardware]),
        earth_orbit_binding=np.array([binding_rows[tier.name] for tier in shells], dtype=np.int64),
        lunar_binding=binding_rows[lunar], deep_space_binding=binding_rows[deep_space])
    return tiers, layout


def _vehicle_market(t_mid_s, step_s, initial_rate, max_rate, growth, payload_kg, reference_price,
                    reference_cumulative_kg, learning_rate, floor_price, initial_cumulative_kg):
    """One vehicle family's heavy-launch mass per step and its price, ``(samples, steps)``: the logistic
    cadence of :func:`moonbase.launch.cadence.launch_rate_per_s` and Wright's law on the family's own
    cumulative mass at mid-step (:func:`moonbase.launch.price_learning.wright_price_usd_per_kg`)."""
    rate = launch_rate_per_s(t_mid_s, initial_rate, max_rate, growth)
    market_kg = rate * step_s * payload_kg
    cumulative_mid = initial_cumulative_kg + np.cumsum(market_kg, axis=1) - 0.5 * market_kg
    return market_kg, wright_price_usd_per_kg(cumulative_mid, reference_price, reference_cumulative_kg,
                                              learning_rate, floor_price)


#: The fields of a vehicle family, in the order :func:`_vehicle_market` takes them.
_VEHICLE_FIELDS = ("initial_rate_per_s", "max_rate_per_s", "growth_per_s", "payload_kg", "reference_price_usd_per_kg",
                   "reference_cumulative_mass_kg", "learning_rate", "floor_price_usd_per_kg",
                   "initial_cumulative_mass_kg")


def _launch_market(p: Params, t_mid_s: np.ndarray, step_s: float):
    """Heavy-launch mass per step of every vehicle family, its mean price and launches per kg, ``(samples, steps)``.

    The first family is ``[launch]``; each ``[[launch.vehicles]]`` table adds one. The
    architecture buys the same share of every family's flights, so the price it pays is the
    mass-weighted mean of the families' prices, and a kg launched takes the mass-weighted mean
    of ``1 / payload`` launches (``docs/design/launch_learning.md``).
    """
    col = (slice(None), None)
    first = [p[f"launch.{name}"][col] for name in _VEHICLE_FIELDS]
    market_kg, price = _vehicle_market(t_mid_s, step_s, *first)
    payload = p["launch.payload_kg"][col]
    extra = p["launch.vehicles.payload_kg"].shape[1]
    if extra == 0:
        return market_kg, price, np.broadcast_to(1.0 / payload, market_kg.shape)
    spend, launches, total_kg = market_kg * price, market_kg / payload, market_kg.copy()
    for v in range(extra):
        fields = [p[f"launch.vehicles.{name}"][:, v][:, None] for name in _VEHICLE_FIELDS]
        mass_v, price_v = _vehicle_market(t_mid_s, step_s, *fields)
        spend, launches, total_kg = spend + mass_v * price_v, launches + mass_v / fields[3], total_kg + mass_v
    flown = total_kg > 0.0
    safe = np.where(flown, total_kg, 1.0)
    return total_kg, np.where(flown, spend / safe, price), np.where(flown, launches / safe, 1.0 / payload)
