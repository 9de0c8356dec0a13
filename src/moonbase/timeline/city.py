"""The lunar city in the timeline: residents, Earth resupply, power, and whether life support binds.

The seam between :mod:`moonbase.city` and the system model. Each step,
:func:`city_step` turns the industry's state (installed mass, output, local
manufacture fraction) into the residents it needs and then asks whether habitats
and life support can hold them: residents live only in built habitats, and only as
many as the Earth resupply allowance can keep alive (consumables the loops, the
greenhouses and the industry do not supply; habitat hardware and spares the Moon
cannot make yet). When that allowance is short, the population is cut and
``life_support_binds`` is set. Habitats, once built, stay. Vectorised over samples.
Assumptions and their sizes: ``docs/design/lunar_city.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

import numpy as np

from moonbase.city.habitat import (
    dome_shield_mass_per_volume_kg_m3,
    habitat_mass_per_person,
    shell_spec,
    shield_areal_density_kg_m2,
    shield_depth_m,
)
from moonbase.city.life_support import (
    city_power_w,
    food_flow,
    greenhouse_area_m2,
    greenhouse_power_w,
    oxygen_flow,
    plant_oxygen_share,
    water_flow,
)
from moonbase.city.population import (
    city_population,
    earth_teleoperators,
    lunar_workers,
    teleoperation_efficiency,
    teleoperation_round_trip_s,
    work_rate,
)
from moonbase.city.self_sufficiency import (
    closure_fraction,
    earth_resupply_kg_s,
    food_grown_fraction,
    local_oxygen_capacity_kg_s,
    local_supply_fraction,
    oxygen_per_metal_kg_kg,
    water_local_fraction,
)
from moonbase.constants import SECONDS_PER_DAY, SECONDS_PER_YEAR
from moonbase.scenario.schema import City, LunarIndustry, Scenario
from moonbase.timeline.params import Params

__all__ = ["CityStep", "CityTimeline", "city_choices", "city_step", "city_timeline", "resupply_threshold_year"]

_C = "city."


def city_choices(scenario: Scenario | None = None) -> dict[str, str]:
    """Model choices the city needs (strings; params carry numbers only).

    ``habitat_shell`` from the ``city`` block; ``extraction_process`` and
    ``regolith`` from the ``lunar`` block (they set the oxygen the industry releases).
    Defaults are the schema's.
    """
    if scenario is None:  # the schema's defaults, read without building (and validating) the sections
        return {"habitat_shell": str(City.model_fields["habitat_shell"].default),
                "extraction_process": str(LunarIndustry.model_fields["extraction_process"].default),
                "regolith": str(LunarIndustry.model_fields["regolith"].default)}
    return {"habitat_shell": str(scenario.city.habitat_shell),
            "extraction_process": str(scenario.lunar.extraction_process), "regolith": str(scenario.lunar.regolith)}


@dataclass(frozen=True)
class CityStep:
    """One step of the city, ``(samples,)`` arrays (SI; flows are amounts during the step)."""

    population: np.ndarray  # residents at the end of the step [persons]
    demanded_population: np.ndarray  # residents the industry needs, after the ceiling [persons]
    housed_capacity: np.ndarray  # residents the built habitats hold (stock) [persons]
    workers: np.ndarray  # resident workers [persons]
    earth_teleoperators: np.ndarray  # operators on Earth [persons]
    habitat_mass_kg: np.ndarray  # built habitats: shells, outfitting and regolith cover (stock) [kg]
    habitat_hardware_mass_kg: np.ndarray  # shells and outfitting (stock) [kg]
    habitat_built_kg: np.ndarray  # shells and outfitting built during the step [kg]
    resupply_kg: np.ndarray  # landed from Earth for the city during the step [kg]
    resupply_oxygen_kg: np.ndarray
    resupply_water_kg: np.ndarray
    resupply_food_kg: np.ndarray
    resupply_habitat_kg: np.ndarray
    resupply_spares_kg: np.ndarray
    consumables_kg: np.ndarray  # oxygen, water and food used during the step [kg]
    closure: np.ndarray  # fraction of consumables recycled, grown or made on the Moon [-]
    self_sufficiency: np.ndarray  # fraction of all needs (consumables, habitat, spares) met on the Moon [-]
    oxygen_local: np.ndarray  # fraction of makeup oxygen made on the Moon [-]
    water_local: np.ndarray  # fraction of makeup water made on the Moon [-]
    food_grown: np.ndarray  # fraction of food grown in the city [-]
    greenhouse_area_m2: np.ndarray
    power_w: np.ndarray  # electric power the city draws [W]
    life_support_binds: np.ndarray  # bool: the resupply allowance cut the population
    ceiling_binds: np.ndarray  # bool: the scenario's population ceiling cut the population


def _per_person(params: Params, picked: Mapping[str, str]):
    p = params
    shield_sigma = shield_areal_density_kg_m2(p[_C + "dose_limit_sv_s"], p[_C + "surface_dose_rate_sv_s"],
                                              p[_C + "shield_attenuation_kg_m2"])
    depth = shield_depth_m(shield_sigma, p[_C + "shield_bulk_density_kg_m3"])
    spec = shell_spec(picked["habitat_shell"])
    mass = habitat_mass_per_person(
        p[_C + "volume_per_person_m3"], spec.mass_per_volume_kg_m3, p[_C + "outfitting_mass_per_person_kg"],
        dome_shield_mass_per_volume_kg_m3(depth, p[_C + "dome_radius_m"], p[_C + "shield_bulk_density_kg_m3"]))
    return mass, spec.lunar_made


@dataclass(frozen=True)
class _Drivers:
    """What the city needs and gets in a step, before habitats and the allowance settle it."""

    on: np.ndarray
    demand: np.ndarray
    workers: np.ndarray
    operators: np.ndarray
    ceiling_binds: np.ndarray
    keep_pp: np.ndarray  # Earth mass that keeps one resident alive for the step [kg]
    import_pp: np.ndarray  # Earth-made habitat hardware per new resident [kg]
    allowance: np.ndarray  # Earth resupply the city may land this step [kg]


def _columns(params: Params, ndim: int) -> Params:
    """The city's parameters shaped to broadcast against ``ndim``-dimensional (sample, ...) arrays."""
    shape = (slice(None),) + (None,) * (ndim - 1)
    return {k: np.asarray(v)[shape] for k, v in params.items() if k.startswith(_C)}


def _drivers(p: Params, dt, year, industry, production, local, landing, picked):
    on = (p[_C + "enabled"] > 0.5) & (year >= p[_C + "first_crew_year"]) & (industry > 0.0)
    rate = production / dt
    work = work_rate(rate, industry, p[_C + "labour_per_output_s_kg"], p[_C + "upkeep_labour_per_kg"])
    workers = lunar_workers(work, p[_C + "automation"], p[_C + "teleoperation_share"], p[_C + "work_time_per_year_s"])
    eta = teleoperation_efficiency(teleoperation_round_trip_s(relay_latency_s=p[_C + "relay_latency_s"]),
                                   p[_C + "teleoperation_move_s"])
    operators = earth_teleoperators(work, p[_C + "automation"], p[_C + "teleoperation_share"],
                                    p[_C + "work_time_per_year_s"], eta)
    needed = np.maximum(city_population(workers, p[_C + "support_ratio"], p[_C + "population_ceiling"]),
                        np.minimum(p[_C + "minimum_population"], p[_C + "population_ceiling"]))
    demand = np.where(on, needed, 0.0)
    ceiling_binds = on & (workers * (1.0 + p[_C + "support_ratio"]) > p[_C + "population_ceiling"])
    mass_pp, shell_lunar = _per_person(p, picked)
    shell_import = 1.0 - local if shell_lunar else np.ones_like(local)
    import_pp = mass_pp.shell_kg * shell_import + mass_pp.outfitting_kg * (1.0 - local)
    one = _supply(p, rate, local, 1.0, picked, sizing=demand)
    keep_pp = (one["oxygen"].makeup_kg_s * (1.0 - one["oxygen_local"])
               + one["water"].makeup_kg_s * (1.0 - one["water_local"]) + one["food"].makeup_kg_s
               + p[_C + "spares_per_s"] * mass_pp.hardware_kg * (1.0 - local)) * dt
    allowance = p[_C + "max_resupply_kg_s"] * dt
    if landing is not None:
        allowance = np.minimum(allowance, np.maximum(landing, 0.0))
    shape = np.shape(demand)
    return _Drivers(on=on, demand=demand, workers=np.where(on, workers, 0.0), operators=np.where(on, operators, 0.0),
                    ceiling_binds=ceiling_binds, keep_pp=np.broadcast_to(keep_pp, shape),
                    import_pp=np.broadcast_to(import_pp, shape), allowance=np.broadcast_to(allowance, shape))


def _supply(p: Params, rate, local, population, picked, sizing):
    """Consumable flows of ``population`` residents and the local fractions of their makeup.

    The by-product oxygen is shared among ``sizing`` residents (those the industry asked for).
    """
    grown = food_grown_fraction(p[_C + "max_food_grown_fraction"], local)
    plants = plant_oxygen_share(grown, p[_C + "greenhouse_area_per_person_m2"], p[_C + "oxygen_crop_area_per_person_m2"])
    oxygen = oxygen_flow(population, p[_C + "oxygen_per_person_kg_s"], p[_C + "oxygen_recovery"], plants)
    capacity = local_oxygen_capacity_kg_s(rate, local, p[_C + "metal_share"],
                                          oxygen_per_metal_kg_kg(picked["extraction_process"], picked["regolith"]))
    per_resident = oxygen_flow(1.0, p[_C + "oxygen_per_person_kg_s"], p[_C + "oxygen_recovery"], plants).makeup_kg_s
    oxygen_local = local_supply_fraction(sizing * per_resident, capacity)
    return {"grown": grown, "oxygen": oxygen, "oxygen_local": oxygen_local,
            "water": water_flow(population, p[_C + "water_per_person_kg_s"], p[_C + "water_recovery"]),
            "water_local": water_local_fraction(p[_C + "water_ice"] > 0.5, local, oxygen_local),
            "food": food_flow(population, p[_C + "food_per_person_kg_s"], grown)}


def _settle(d: _Drivers, housed_prev):
    """Residents the built habitats and the resupply allowance can hold (the only step-to-step coupling).

    Residents already housed stay while the allowance keeps them alive; new residents
    need both their keep and their habitat's Earth-made hardware.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        stay = np.minimum(housed_prev, d.demand)
        stay = np.where(d.keep_pp > 0.0, np.minimum(stay, d.allowance / d.keep_pp), stay)
        left = np.maximum(d.allowance - stay * d.keep_pp, 0.0)
        per_new = d.keep_pp + d.import_pp
        room = np.maximum(d.demand - stay, 0.0)
        new = np.where(per_new > 0.0, np.minimum(room, left / per_new), room)
    population = np.where(d.on, stay + new, 0.0)
    return population, np.maximum(housed_prev, population)


def _flows(p: Params, dt, d: _Drivers, rate, local, population, capacity, housed_prev, picked) -> dict:
    mass_pp, _ = _per_person(p, picked)
    supply = _supply(p, rate, local, population, picked, sizing=d.demand)
    oxygen_local, water_local = supply["oxygen_local"], supply["water_local"]
    added = capacity - housed_prev
    built_kg = added * mass_pp.hardware_kg
    with np.errstate(divide="ignore", invalid="ignore"):
        import_fraction = np.where(added > 0.0, d.import_pp / np.maximum(mass_pp.hardware_kg, 1e-300), 0.0)
    spares = p[_C + "spares_per_s"] * population * mass_pp.hardware_kg * (1.0 - local)
    o2, water, food = supply["oxygen"], supply["water"], supply["food"]
    earth = earth_resupply_kg_s(o2.makeup_kg_s, oxygen_local, water.makeup_kg_s, water_local, food.makeup_kg_s,
                                built_kg / dt, import_fraction, spares)
    consumables = o2.demand_kg_s + water.demand_kg_s + food.demand_kg_s
    earth_consumables = earth.oxygen_kg_s + earth.water_kg_s + earth.food_kg_s
    area = greenhouse_area_m2(population, supply["grown"], p[_C + "greenhouse_area_per_person_m2"])
    power = city_power_w(population, p[_C + "power_per_person_w"],
                         greenhouse_power_w(area, p[_C + "greenhouse_power_per_area_w_m2"]))
    shape = np.shape(population)

    def arr(value):
        return np.broadcast_to(np.asarray(value, dtype=float), shape).copy()

    return dict(
        population=population, demanded_population=d.demand, housed_capacity=capacity, workers=arr(d.workers),
        earth_teleoperators=arr(d.operators), habitat_mass_kg=capacity * mass_pp.total_kg,
        habitat_hardware_mass_kg=capacity * mass_pp.hardware_kg, habitat_built_kg=arr(built_kg),
        resupply_kg=arr(earth.total_kg_s * dt), resupply_oxygen_kg=arr(earth.oxygen_kg_s * dt),
        resupply_water_kg=arr(earth.water_kg_s * dt), resupply_food_kg=arr(earth.food_kg_s * dt),
        resupply_habitat_kg=arr(earth.habitat_kg_s * dt), resupply_spares_kg=arr(earth.spares_kg_s * dt),
        consumables_kg=arr(consumables * dt), closure=arr(closure_fraction(consumables, earth_consumables)),
        self_sufficiency=arr(closure_fraction(consumables + built_kg / dt + earth.spares_kg_s, earth.total_kg_s)),
        oxygen_local=arr(oxygen_local), water_local=arr(water_local), food_grown=arr(supply["grown"]),
        greenhouse_area_m2=arr(area), power_w=arr(power),
        life_support_binds=d.on & (population < d.demand * (1.0 - 1e-9)), ceiling_binds=arr(d.ceiling_binds) > 0.5)


def city_step(params: Params, step_s: float, *, year, industry_kg, production_kg, local_fraction, housed_prev,
              landing_capacity_kg=None, choices: Mapping[str, str] | None = None) -> CityStep:
    """Advance the city by one step.

    Parameters
    ----------
    params
        Flat parameter arrays (``params["city.*"]``), ``(samples,)`` each.
    step_s
        Step length [s].
    year
        Calendar time of the step (decimal year), scalar or ``(samples,)``.
    industry_kg
        Installed lunar industry [kg].
    production_kg
        Industry output during the step [kg] (growth and satellites).
    local_fraction
        Fraction of new hardware made from lunar material [-].
    housed_prev
        Residents the habitats built so far hold [persons] (``housed_capacity`` of the
        previous step; zeros at the start).
    landing_capacity_kg
        Landing capacity left for the city this step [kg]; the city takes at most
        ``city.max_resupply`` x step of it. ``None``: only ``city.max_resupply`` limits.
    choices
        :func:`city_choices` of the scenario (defaults: the schema's).

    Returns
    -------
    CityStep

    Notes
    -----
    About 7 ms per call (argument checks of ~90 model calls); for a whole run,
    :func:`city_timeline` computes every step at once and loops only over the
    habitat recurrence.
    """
    picked = city_choices() if choices is None else dict(choices)
    p = _columns(params, 1)
    dt = float(step_s)
    industry = np.asarray(industry_kg, dtype=float)
    local = np.asarray(local_fraction, dtype=float)
    rate = np.asarray(production_kg, dtype=float) / dt
    housed_prev = np.asarray(housed_prev, dtype=float)
    landing = None if landing_capacity_kg is None else np.asarray(landing_capacity_kg, dtype=float)
    d = _drivers(p, dt, np.asarray(year, dtype=float), industry, rate * dt, local, landing, picked)
    population, capacity = _settle(d, housed_prev)
    return CityStep(**_flows(p, dt, d, rate, local, population, capacity, housed_prev, picked))


@dataclass(frozen=True)
class CityTimeline:
    """Every :class:`CityStep` field as a ``(samples, steps)`` array, and the step's decimal year."""

    year: np.ndarray  # (steps,) decimal year at the end of each step
    step_s: float
    series: dict[str, np.ndarray]


def city_timeline(params: Params, year, industry_kg, production_kg, local_fraction, step_s: float,
                  landing_capacity_kg=None, choices: Mapping[str, str] | None = None) -> CityTimeline:
    """The city over given industry paths, ``(samples, steps)`` each, in one vectorised pass.

    ``year`` is the ``(steps,)`` decimal year at the end of each step. Same results as
    calling :func:`city_step` step by step (tested); only the habitat recurrence loops.
    """
    picked = city_choices() if choices is None else dict(choices)
    p = _columns(params, 2)
    dt = float(step_s)
    industry = np.atleast_2d(np.asarray(industry_kg, dtype=float))
    shape = industry.shape
    production = np.broadcast_to(np.asarray(production_kg, dtype=float), shape)
    local = np.broadcast_to(np.asarray(local_fraction, dtype=float), shape)
    landing = None if landing_capacity_kg is None else np.broadcast_to(
        np.asarray(landing_capacity_kg, dtype=float), shape)
    years = np.asarray(year, dtype=float)
    d = _drivers(p, dt, np.broadcast_to(years[None, :], shape), industry, production, local, landing, picked)
    population = np.zeros(shape)
    capacity = np.zeros(shape)
    housed = np.zeros(shape[0])
    for k in range(shape[1]):
        step = _Drivers(*(np.asarray(getattr(d, f.name))[:, k] for f in fields(_Drivers)))
        population[:, k], housed = _settle(step, housed)
        capacity[:, k] = housed
    housed_prev = np.concatenate([np.zeros((shape[0], 1)), capacity[:, :-1]], axis=1)
    series = _flows(p, dt, d, production / dt, local, population, capacity, housed_prev, picked)
    return CityTimeline(year=years, step_s=dt, series={k: np.asarray(v, dtype=float) for k, v in series.items()})


def resupply_threshold_year(year, resupply_kg, population, threshold_kg_s, step_s: float):
    """First calendar year in which the Earth resupply per resident stays below a threshold [yr].

    Parameters
    ----------
    year : array_like
        ``(steps,)`` decimal year at the end of each step.
    resupply_kg, population : array_like
        ``(samples, steps)`` resupply during each step [kg] and residents.
    threshold_kg_s : float or array_like
        Threshold per resident [kg/s] (100 kg/yr is 3.17e-6 kg/s), per sample.
    step_s : float
        Step length [s].

    Returns
    -------
    numpy.ndarray
        ``(samples,)`` first calendar year with residents whose yearly resupply per
        resident is below the threshold and stays so to the end; NaN if never.
    """
    years = np.floor(np.asarray(year, dtype=float) - 1e-9).astype(int)
    resupply = np.atleast_2d(np.asarray(resupply_kg, dtype=float))
    people = np.atleast_2d(np.asarray(population, dtype=float))
    calendar = np.unique(years)
    per_year = np.stack([resupply[:, years == y].sum(axis=1) for y in calendar], axis=1)
    residents = np.stack([people[:, years == y].mean(axis=1) for y in calendar], axis=1)
    limit = np.broadcast_to(np.asarray(threshold_kg_s, dtype=float), (resupply.shape[0],))[:, None] * SECONDS_PER_YEAR
    with np.errstate(divide="ignore", invalid="ignore"):
        below = (residents > 0.0) & (per_year / residents < limit)
    holds = np.flip(np.logical_and.accumulate(np.flip(below, axis=1), axis=1), axis=1)
    first = np.argmax(holds, axis=1)
    return np.where(holds.any(axis=1), calendar[first].astype(float), np.nan)


#: Yearly table columns: (name, CityStep field, how a year aggregates it).
_YEARLY = (
    ("population", "population", "end"),
    ("demanded_population", "demanded_population", "end"),
    ("workers", "workers", "end"),
    ("earth_teleoperators", "earth_teleoperators", "end"),
    ("habitat_mass_kg", "habitat_mass_kg", "end"),
    ("habitat_hardware_mass_kg", "habitat_hardware_mass_kg", "end"),
    ("resupply_kg_per_yr", "resupply_kg", "sum"),
    ("resupply_oxygen_kg_per_yr", "resupply_oxygen_kg", "sum"),
    ("resupply_water_kg_per_yr", "resupply_water_kg", "sum"),
    ("resupply_food_kg_per_yr", "resupply_food_kg", "sum"),
    ("resupply_habitat_kg_per_yr", "resupply_habitat_kg", "sum"),
    ("resupply_spares_kg_per_yr", "resupply_spares_kg", "sum"),
    ("consumables_kg_per_yr", "consumables_kg", "sum"),
    ("closure", "closure", "end"),
    ("self_sufficiency", "self_sufficiency", "end"),
    ("greenhouse_area_m2", "greenhouse_area_m2", "end"),
    ("power_w", "power_w", "end"),
    ("life_support_binds", "life_support_binds", "any"),
    ("ceiling_binds", "ceiling_binds", "any"),
)


def yearly_city_table(timeline: CityTimeline, sample: int = 0) -> dict[str, np.ndarray]:
    """One row per calendar year for one sample: stocks at year end, flows summed, flags if any step.

    Adds ``year`` and ``resupply_per_person_kg_per_yr`` (NaN without residents).
    """
    years = np.floor(timeline.year - 1e-9).astype(int)
    calendar = np.unique(years)
    last = np.array([np.flatnonzero(years == y)[-1] for y in calendar])
    table: dict[str, np.ndarray] = {"year": calendar.astype(float)}
    for name, source, how in _YEARLY:
        values = timeline.series[source][sample]
        if how == "end":
            column = values[last]
        elif how == "sum":
            column = np.array([values[years == y].sum() for y in calendar])
        else:
            column = np.array([float(values[years == y].max() > 0.5) for y in calendar])
        table[name] = column
    with np.errstate(divide="ignore", invalid="ignore"):
        table["resupply_per_person_kg_per_yr"] = np.where(
            table["population"] > 0.0, table["resupply_kg_per_yr"] / table["population"], np.nan)
    return table


def city_design_figures(params: Params, choices: Mapping[str, str] | None = None, sample: int = 0) -> dict[str, float]:
    """The city's per-resident design figures for one sample (SI): delay, shield, habitat, consumables."""
    p = {k: np.asarray(v)[sample] if np.ndim(v) else v for k, v in params.items() if k.startswith(_C)}
    picked = city_choices() if choices is None else dict(choices)
    round_trip = teleoperation_round_trip_s(relay_latency_s=p[_C + "relay_latency_s"])
    sigma = shield_areal_density_kg_m2(p[_C + "dose_limit_sv_s"], p[_C + "surface_dose_rate_sv_s"],
                                       p[_C + "shield_attenuation_kg_m2"])
    mass, _ = _per_person(p, picked)
    return {
        "light_round_trip_s": float(teleoperation_round_trip_s()),
        "teleoperation_round_trip_s": float(round_trip),
        "teleoperation_efficiency": float(teleoperation_efficiency(round_trip, p[_C + "teleoperation_move_s"])),
        "shield_areal_density_kg_m2": float(sigma),
        "shield_depth_m": float(shield_depth_m(sigma, p[_C + "shield_bulk_density_kg_m3"])),
        "habitat_shell": picked["habitat_shell"],
        "habitat_shell_kg_per_person": float(mass.shell_kg),
        "habitat_outfitting_kg_per_person": float(mass.outfitting_kg),
        "habitat_shield_kg_per_person": float(mass.shield_kg),
        "habitat_total_kg_per_person": float(mass.total_kg),
        "consumables_kg_per_person_day": float(
            (p[_C + "oxygen_per_person_kg_s"] + p[_C + "water_per_person_kg_s"] + p[_C + "food_per_person_kg_s"])
            * SECONDS_PER_DAY),
    }
