"""The lunar city's step: residents, Earth resupply, power, and whether life support binds.

What the city does in one time step of the system model. Each step,
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
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from moonbase.domain import fraction as _fraction
from moonbase.domain import non_negative as _non_negative
from moonbase.domain import positive as _positive
from moonbase.city.habitat import (
    dome_shield_mass_per_volume_kg_m3,
    habitat_mass_per_person,
    shell_spec,
    shield_areal_density_kg_m2,
    shield_depth_m,
)
from moonbase.city.life_support import (
    city_power_core,
    food_flow_core,
    greenhouse_area_core,
    greenhouse_power_core,
    oxygen_flow_core,
    plant_oxygen_share_core,
    water_flow_core,
)
from moonbase.city.population import (
    city_population_core,
    earth_teleoperators_core,
    lunar_workers,
    lunar_workers_core,
    teleoperation_efficiency,
    teleoperation_round_trip_s,
    work_rate_core,
)
from moonbase.city.self_sufficiency import (
    closure_fraction_core,
    earth_resupply_core,
    food_grown_fraction_core,
    local_oxygen_capacity_core,
    local_supply_fraction_core,
    oxygen_per_metal_kg_kg,
    resupply_total_core,
    water_local_fraction_core,
)
from moonbase.constants import SECONDS_PER_DAY, SECONDS_PER_YEAR
from moonbase.jit import formula, kernel, row, where
from moonbase.domain import Params

__all__ = ["CITY_CHOICES", "CityConstants", "CityStep", "CityTimeline", "city_constants",
           "city_step", "city_step_core",
           "city_timeline", "resupply_threshold_year"]

_C = "city."
#: The model choices (strings) the city's step reads: ``habitat_shell`` (:mod:`moonbase.city.habitat`),
#: and the industry's ``extraction_process`` and ``regolith`` (they set the by-product oxygen).
CITY_CHOICES = ("habitat_shell", "extraction_process", "regolith")


class CityStep(NamedTuple):
    """One step of the city (SI; flows are amounts during the step).

    What :func:`city_step_core` returns: ``(samples,)`` arrays from numpy (flags as bool,
    :func:`city_step`), floats in a compiled kernel (flags 1.0 / 0.0), read by name.
    """

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
    labour_factor: np.ndarray  # residents present over those the industry's work needs, at most 1 [-]
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


class CityConstants(NamedTuple):
    """What the city's step needs that does not change during a run: ``(samples,)`` float arrays, SI.

    Flags (``enabled``, ``shell_lunar_made``, ``water_ice``) are 1.0 or 0.0. Built by
    :func:`city_constants`, read by :func:`city_step_core` (numpy and the step kernels).
    """

    enabled: np.ndarray
    first_crew_year: np.ndarray
    labour_per_output_s_kg: np.ndarray
    upkeep_labour_per_kg: np.ndarray
    automation: np.ndarray
    teleoperation_share: np.ndarray
    work_time_per_year_s: np.ndarray
    teleoperation_efficiency: np.ndarray
    support_ratio: np.ndarray
    population_ceiling: np.ndarray
    minimum_population: np.ndarray
    shell_lunar_made: np.ndarray
    shell_kg: np.ndarray  # habitat shell per resident
    outfitting_kg: np.ndarray  # outfitting per resident
    hardware_kg: np.ndarray  # shell + outfitting per resident
    total_kg: np.ndarray  # hardware + regolith cover per resident
    max_food_grown_fraction: np.ndarray
    greenhouse_area_per_person_m2: np.ndarray
    oxygen_crop_area_per_person_m2: np.ndarray
    oxygen_per_person_kg_s: np.ndarray
    oxygen_recovery: np.ndarray
    metal_share: np.ndarray
    oxygen_per_metal: np.ndarray  # by-product O2 per kg of reduced metal [kg/kg]
    water_per_person_kg_s: np.ndarray
    water_recovery: np.ndarray
    water_ice: np.ndarray
    food_per_person_kg_s: np.ndarray
    spares_per_s: np.ndarray
    max_resupply_kg_s: np.ndarray
    power_per_person_w: np.ndarray
    greenhouse_power_per_area_w_m2: np.ndarray


def city_constants(params: Params, choices: Mapping[str, str]) -> CityConstants:
    """The city's per-sample constants from flat parameters and the scenario's choices (checked here, once)."""
    picked = dict(choices)
    p = {k: np.atleast_1d(np.asarray(v, dtype=float)) for k, v in params.items() if k.startswith(_C)}
    samples = max(np.shape(v)[0] for v in p.values())
    for name in ("automation", "teleoperation_share", "oxygen_recovery", "water_recovery", "max_food_grown_fraction",
                 "metal_share"):
        _fraction(_C + name, p[_C + name])
    for name in ("labour_per_output_s_kg", "upkeep_labour_per_kg", "support_ratio", "population_ceiling",
                 "minimum_population", "oxygen_per_person_kg_s", "water_per_person_kg_s", "food_per_person_kg_s",
                 "greenhouse_area_per_person_m2", "spares_per_s", "max_resupply_kg_s", "power_per_person_w",
                 "greenhouse_power_per_area_w_m2"):
        _non_negative(_C + name, p[_C + name], "SI")
    _positive(_C + "oxygen_crop_area_per_person_m2", p[_C + "oxygen_crop_area_per_person_m2"], "m2")
    lunar_workers(0.0, 0.0, 0.0, p[_C + "work_time_per_year_s"])  # checks the work time
    mass, shell_lunar = _per_person(p, picked)
    eta = teleoperation_efficiency(teleoperation_round_trip_s(relay_latency_s=p[_C + "relay_latency_s"]),
                                   p[_C + "teleoperation_move_s"])
    o2_per_metal = oxygen_per_metal_kg_kg(picked["extraction_process"], picked["regolith"])

    def column(value):
        return np.ascontiguousarray(np.broadcast_to(np.asarray(value, dtype=float), (samples,)))

    return CityConstants(
        enabled=column(p[_C + "enabled"] > 0.5), first_crew_year=column(p[_C + "first_crew_year"]),
        labour_per_output_s_kg=column(p[_C + "labour_per_output_s_kg"]),
        upkeep_labour_per_kg=column(p[_C + "upkeep_labour_per_kg"]), automation=column(p[_C + "automation"]),
        teleoperation_share=column(p[_C + "teleoperation_share"]),
        work_time_per_year_s=column(p[_C + "work_time_per_year_s"]), teleoperation_efficiency=column(eta),
        support_ratio=column(p[_C + "support_ratio"]), population_ceiling=column(p[_C + "population_ceiling"]),
        minimum_population=column(p[_C + "minimum_population"]), shell_lunar_made=column(float(shell_lunar)),
        shell_kg=column(mass.shell_kg), outfitting_kg=column(mass.outfitting_kg), hardware_kg=column(mass.hardware_kg),
        total_kg=column(mass.total_kg), max_food_grown_fraction=column(p[_C + "max_food_grown_fraction"]),
        greenhouse_area_per_person_m2=column(p[_C + "greenhouse_area_per_person_m2"]),
        oxygen_crop_area_per_person_m2=column(p[_C + "oxygen_crop_area_per_person_m2"]),
        oxygen_per_person_kg_s=column(p[_C + "oxygen_per_person_kg_s"]),
        oxygen_recovery=column(p[_C + "oxygen_recovery"]), metal_share=column(p[_C + "metal_share"]),
        oxygen_per_metal=column(o2_per_metal), water_per_person_kg_s=column(p[_C + "water_per_person_kg_s"]),
        water_recovery=column(p[_C + "water_recovery"]), water_ice=column(p[_C + "water_ice"] > 0.5),
        food_per_person_kg_s=column(p[_C + "food_per_person_kg_s"]), spares_per_s=column(p[_C + "spares_per_s"]),
        max_resupply_kg_s=column(p[_C + "max_resupply_kg_s"]), power_per_person_w=column(p[_C + "power_per_person_w"]),
        greenhouse_power_per_area_w_m2=column(p[_C + "greenhouse_power_per_area_w_m2"]))


#: The fields of :class:`CityStep`, in order (the rows of :func:`city_timeline`'s output).
CITY_FIELDS = CityStep._fields


@formula
def city_step_core(c, step_s, year, industry_kg, production_kg, local_fraction, landing_capacity_kg, housed_prev):
    """One step of the city (a :mod:`moonbase.jit` formula).

    Residents the industry needs (work, automation, teleoperation); the Earth mass
    that keeps one alive and houses a new one; then the settlement: residents already
    housed stay while the resupply allowance keeps them alive, new ones need their keep
    and their habitat's Earth-made hardware (the only step-to-step coupling is
    ``housed_prev``); then the flows of the residents who live there.

    Parameters
    ----------
    c : CityConstants
        Constants: of every sample (numpy, :func:`city_constants`) or of one sample
        (a kernel, :func:`moonbase.jit.row`).
    step_s, year, industry_kg, production_kg, local_fraction, landing_capacity_kg, housed_prev
        As :func:`city_step` (``landing_capacity_kg`` ``inf`` when unlimited).

    Returns
    -------
    CityStep
        Flags as 1.0 / 0.0.
    """
    on = (c.enabled > 0.5) & (year >= c.first_crew_year) & (industry_kg > 0.0)
    rate = production_kg / step_s
    local = local_fraction
    work = work_rate_core(rate, industry_kg, c.labour_per_output_s_kg, c.upkeep_labour_per_kg)
    workers = lunar_workers_core(work, c.automation, c.teleoperation_share, c.work_time_per_year_s)
    operators = earth_teleoperators_core(work, c.automation, c.teleoperation_share, c.work_time_per_year_s,
                                         c.teleoperation_efficiency)
    ceiling = c.population_ceiling
    needed = np.maximum(city_population_core(workers, c.support_ratio, ceiling),
                        np.minimum(c.minimum_population, ceiling))
    demand = where(on, needed, 0.0)
    ceiling_binds = on & (workers * (1.0 + c.support_ratio) > ceiling)
    shell_import = where(c.shell_lunar_made > 0.5, 1.0 - local, 1.0)
    import_pp = c.shell_kg * shell_import + c.outfitting_kg * (1.0 - local)

    # what the Moon makes: food grown, by-product oxygen (shared among the residents asked for), water
    grown = food_grown_fraction_core(c.max_food_grown_fraction, local)
    plants = plant_oxygen_share_core(grown, c.greenhouse_area_per_person_m2, c.oxygen_crop_area_per_person_m2)
    oxygen_capacity = local_oxygen_capacity_core(rate, local, c.metal_share, c.oxygen_per_metal)
    oxygen_pp = oxygen_flow_core(1.0, c.oxygen_per_person_kg_s, c.oxygen_recovery, plants)[3]
    oxygen_local = local_supply_fraction_core(demand * oxygen_pp, oxygen_capacity)
    water_local = water_local_fraction_core(c.water_ice > 0.5, local, oxygen_local)
    water_pp = water_flow_core(1.0, c.water_per_person_kg_s, c.water_recovery)[3]
    food_pp = food_flow_core(1.0, c.food_per_person_kg_s, grown)[3]
    keep_pp = (oxygen_pp * (1.0 - oxygen_local) + water_pp * (1.0 - water_local) + food_pp
               + c.spares_per_s * c.hardware_kg * (1.0 - local)) * step_s
    allowance = np.minimum(c.max_resupply_kg_s * step_s, np.maximum(landing_capacity_kg, 0.0))

    # settle: who stays, who can come
    stay = np.minimum(housed_prev, demand)
    stay = where(keep_pp > 0.0, np.minimum(stay, allowance / where(keep_pp > 0.0, keep_pp, 1.0)), stay)
    left = np.maximum(allowance - stay * keep_pp, 0.0)
    per_new = keep_pp + import_pp
    room = np.maximum(demand - stay, 0.0)
    new = where(per_new > 0.0, np.minimum(room, left / where(per_new > 0.0, per_new, 1.0)), room)
    population = where(on, stay + new, 0.0)
    capacity = np.maximum(housed_prev, population)

    # the flows of those residents
    oxygen = oxygen_flow_core(population, c.oxygen_per_person_kg_s, c.oxygen_recovery, plants)
    water = water_flow_core(population, c.water_per_person_kg_s, c.water_recovery)
    food = food_flow_core(population, c.food_per_person_kg_s, grown)
    added = capacity - housed_prev
    built_kg = added * c.hardware_kg
    import_fraction = where(added > 0.0, import_pp / np.maximum(c.hardware_kg, 1e-300), 0.0)
    spares = c.spares_per_s * population * c.hardware_kg * (1.0 - local)
    o2_e, water_e, food_e, habitat_e, spares_e = earth_resupply_core(
        oxygen[3], oxygen_local, water[3], water_local, food[3], built_kg / step_s, import_fraction, spares)
    earth_total = resupply_total_core(o2_e, water_e, food_e, habitat_e, spares_e)
    consumables = oxygen[0] + water[0] + food[0]
    area = greenhouse_area_core(population, grown, c.greenhouse_area_per_person_m2)
    power = city_power_core(population, c.power_per_person_w,
                            greenhouse_power_core(area, c.greenhouse_power_per_area_w_m2))
    life_support_binds = on & (population < demand * (1.0 - 1e-9))
    # the industry works at the share of the residents its work needs who are there (ceiling or keep short)
    wanted = np.maximum(city_population_core(workers, c.support_ratio, np.inf), c.minimum_population)
    labour = where(on & (wanted > 0.0), np.minimum(population / np.maximum(wanted, 1e-300), 1.0), 1.0)
    return CityStep(
        population=population, demanded_population=demand, housed_capacity=capacity,
        workers=where(on, workers, 0.0), earth_teleoperators=where(on, operators, 0.0),
        habitat_mass_kg=capacity * c.total_kg, habitat_hardware_mass_kg=capacity * c.hardware_kg,
        habitat_built_kg=built_kg, resupply_kg=earth_total * step_s, resupply_oxygen_kg=o2_e * step_s,
        resupply_water_kg=water_e * step_s, resupply_food_kg=food_e * step_s, resupply_habitat_kg=habitat_e * step_s,
        resupply_spares_kg=spares_e * step_s, consumables_kg=consumables * step_s,
        closure=closure_fraction_core(consumables, o2_e + water_e + food_e),
        self_sufficiency=closure_fraction_core(consumables + built_kg / step_s + spares_e, earth_total),
        oxygen_local=oxygen_local, water_local=water_local, food_grown=grown, greenhouse_area_m2=area, power_w=power,
        life_support_binds=where(life_support_binds, 1.0, 0.0), ceiling_binds=where(ceiling_binds, 1.0, 0.0),
        labour_factor=labour)


def city_step(params: Params, step_s: float, *, year, industry_kg, production_kg, local_fraction, housed_prev,
              choices: Mapping[str, str], landing_capacity_kg=None) -> CityStep:
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
        The scenario's model choices, keyed by :data:`CITY_CHOICES`.

    Returns
    -------
    CityStep
        The numpy reading of :func:`city_step_core` (the kernels compile the same code).
    """
    c = city_constants(params, choices)
    landing = np.inf if landing_capacity_kg is None else np.asarray(landing_capacity_kg, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        values = city_step_core(c, float(step_s), np.asarray(year, dtype=float),
                                np.asarray(industry_kg, dtype=float), np.asarray(production_kg, dtype=float),
                                np.asarray(local_fraction, dtype=float), landing, np.asarray(housed_prev, dtype=float))
    shape = np.broadcast_shapes(*(np.shape(v) for v in values))
    step = values._replace(**{name: np.broadcast_to(np.asarray(v, dtype=float), shape).copy()
                              for name, v in values._asdict().items()})
    return step._replace(life_support_binds=step.life_support_binds > 0.5, ceiling_binds=step.ceiling_binds > 0.5)


@kernel
def _city_kernel(c, step_s, year, industry_kg, production_kg, local_fraction, landing_capacity_kg, out):
    """Every sample and step of the city into ``out`` (field, sample, step)."""
    samples, steps = industry_kg.shape
    for s in range(samples):
        housed = 0.0
        constants = row(c, s)
        for k in range(steps):
            values = city_step_core(constants, step_s, year[k], industry_kg[s, k], production_kg[s, k],
                                    local_fraction[s, k], landing_capacity_kg[s, k], housed)
            for j in range(len(values)):
                out[j, s, k] = values[j]
            housed = values.housed_capacity


@dataclass(frozen=True)
class CityTimeline:
    """Every :class:`CityStep` field as a ``(samples, steps)`` array, and the step's decimal year."""

    year: np.ndarray  # (steps,) decimal year at the end of each step
    step_s: float
    series: dict[str, np.ndarray]


def city_timeline(params: Params, year, industry_kg, production_kg, local_fraction, step_s: float,
                  choices: Mapping[str, str], landing_capacity_kg=None) -> CityTimeline:
    """The city over given industry paths, ``(samples, steps)`` each (compiled, :func:`city_step_core`).

    ``year`` is the ``(steps,)`` decimal year at the end of each step. Same results as
    calling :func:`city_step` step by step (tested).
    """
    c = city_constants(params, choices)
    dt = float(step_s)
    industry = np.atleast_2d(np.asarray(industry_kg, dtype=float))
    shape = industry.shape

    def grid(value):
        return np.ascontiguousarray(np.broadcast_to(np.asarray(value, dtype=float), shape))

    landing = np.inf if landing_capacity_kg is None else landing_capacity_kg
    years = np.asarray(year, dtype=float)
    out = np.empty((len(CITY_FIELDS),) + shape)
    _city_kernel(c, dt, np.ascontiguousarray(years), np.ascontiguousarray(industry), grid(production_kg),
                 grid(local_fraction), grid(landing), out)
    return CityTimeline(year=years, step_s=dt, series=dict(zip(CITY_FIELDS, out)))


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


def city_design_figures(params: Params, choices: Mapping[str, str], sample: int = 0) -> dict[str, float]:
    """The city's per-resident design figures for one sample (SI): delay, shield, habitat, consumables."""
    p = {k: np.asarray(v)[sample] if np.ndim(v) else v for k, v in params.items() if k.startswith(_C)}
    picked = dict(choices)
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
