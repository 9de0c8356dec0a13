"""The lunar industry's step in the system model: seed landing, production, satellites.

:func:`lunar_step_core` (numpy, or compiled in the timeline's kernel) and its numpy entry
point :func:`lunar_step` plan a step of the industry: the seed lands as launch capacity allows, the industry produces its
own mass every replication time, production is split between satellites (once the
mass driver fires and its payloads escape) and growth (up to the land-area ceiling),
and the plan is scaled by the tightest of energy, Earth imports and the regolith in
reach. The physics of the step is :func:`moonbase.industry.production.production_step`, shared with
``moonbase industry``. Accelerator supply and money are rationed afterwards by the
caller, across tiers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from moonbase.industry.fab_step import first_fab_power_w
from moonbase.industry.lunar_power import sunlit_replication_time_s
from moonbase.industry.production import ProductionStep, as_arrays, production_core
from moonbase.industry.limits import (
    MOON_SURFACE_AREA_M2,
    city_area_per_power_m2_w,
    max_city_power_w,
    regolith_reserve_kg,
)
from moonbase.industry.satellite_bom import satellite_import_fraction as _satellite_import_fraction
from moonbase.jit import formula, where
from moonbase.domain import Params


@dataclass(frozen=True)
class LunarStep:
    """The lunar plan of one step, per sample (kg are amounts during the step)."""

    industry_kg: np.ndarray  # industry after the seed landed this step (growth not yet added)
    seed_pending_kg: np.ndarray
    seed_landed_kg: np.ndarray
    seeded: np.ndarray
    fab: np.ndarray
    satellite_import_fraction: np.ndarray  # Earth-made fraction of each satellite kg [-]
    mass_driver_active: np.ndarray
    satellites_wanted_kg: np.ndarray
    land_bound: np.ndarray
    power_factor: np.ndarray
    import_factor: np.ndarray
    growth_kg: np.ndarray
    satellites_kg: np.ndarray
    # books of the step, before the caller's chip and budget rationing
    imports_kg: np.ndarray  # Earth-made parts of growth and satellites
    regolith_kg: np.ndarray  # regolith mined
    waste_kg: np.ndarray  # mined regolith not in a product
    power_w: np.ndarray  # average electrical power of the city
    energy_used_j: np.ndarray  # production + mass driver + fab
    fab_power_w: np.ndarray  # drawn by the running chip fab
    regolith_factor: np.ndarray
    regolith_bound: np.ndarray
    limit_code: np.ndarray  # index into moonbase.industry.production.PRODUCTION_LIMITS


def usable_area_m2(params: Params) -> np.ndarray:
    """Surface the city may cover, per sample [m2]: ``usable_area_fraction x 4 pi R_moon^2``."""
    return params["lunar.usable_area_fraction"] * MOON_SURFACE_AREA_M2


def max_industry_mass_kg(params: Params) -> np.ndarray:
    """Largest industry the city's usable surface can power and cool, per sample [kg].

    Solar fields (the city's cell efficiency and illumination fraction) plus the
    radiators that reject the same power as heat (``lunar.radiator_*``) must fit on
    ``usable_area_fraction x 4 pi R_moon^2``; divided by the power each kg of
    industry needs (:func:`moonbase.industry.limits.city_area_per_power_m2_w`).
    """
    p = params
    per_watt = city_area_per_power_m2_w(
        p["lunar.solar_cell_efficiency"], p["lunar.illumination_fraction"], p["lunar.radiator_temperature_k"],
        p["lunar.radiator_emissivity"], p["lunar.radiator_sink_temperature_k"])
    return max_city_power_w(usable_area_m2(p), per_watt) / np.maximum(p["lunar.power_per_mass_w_kg"], 1e-30)


def site_replication_time_s(params: Params) -> np.ndarray:
    """Calendar replication time of the industry at its site, per sample [s].

    ``lunar.replication_time`` is quoted at Metzger et al.'s 70 % polar duty cycle; the
    machines work only while the site is lit
    (:func:`moonbase.industry.lunar_power.sunlit_replication_time_s`).
    """
    return sunlit_replication_time_s(params["lunar.replication_time_s"], params["lunar.illumination_fraction"])


def regolith_in_reach_kg(params: Params) -> np.ndarray:
    """Regolith under the usable area to the mining depth, per sample [kg]."""
    p = params
    return regolith_reserve_kg(usable_area_m2(p), p["lunar.mining_depth_m"], p["lunar.regolith_bulk_density_kg_m3"])


class LunarConstants(NamedTuple):
    """What the lunar step needs that does not change during a run: ``(samples,)`` arrays, or one sample's floats."""

    landed_per_leo: float  # kg landed on the Moon per kg launched to LEO [-]
    max_launch_share: float  # share of the architecture's LEO mass the lunar route may use [-]
    chip_fab_power_w: float  # the first fab at full output (moonbase.industry.fab_step.first_fab_power_w)
    replication_time_s: float  # at the site (sunlit hours only)
    satellite_share: float  # share of production made into satellites while the driver fires [-]
    production_energy_j_kg: float
    power_per_mass_w_kg: float
    regolith_per_product: float  # kg of regolith per kg of local product [-]
    escape: float  # fraction of fired payloads that escape [-]
    mass_driver_capacity_kg: float  # per step
    mass_driver_energy_j_kg: float
    max_industry_kg: float  # the land-area ceiling
    regolith_in_reach_kg: float


class LunarInputs(NamedTuple):
    """The state and flows the lunar step starts from (numpy arrays, or floats in a kernel)."""

    industry_kg: float
    seed_pending_kg: float  # seed mass waiting for launch capacity
    seed_arriving_kg: float  # seed (and fab) mass arriving for landing this step
    leo_available_kg: float  # the architecture's LEO mass this step, before the lunar share
    local_fraction: float  # mass fraction of new hardware made on the Moon [-]
    fab_power_w: float  # drawn by the chip fab this step (mean)
    mass_driver_ready: bool  # the driver is built
    regolith_mined_kg: float  # cumulative; NaN: not tracked (industry x regolith_per_product stands in)
    satellite_import_fraction: float  # Earth-made fraction of each satellite kg [-]
    satellite_cap_kg: float  # most satellite mass this step may make besides the driver's rate (inf: none)
    labour_factor: float  # share of the work the industry needs that its residents can do, in (0, 1] [-]


class LunarPlan(NamedTuple):
    """What :func:`lunar_step_core` returns: the seed's landing, and the step's production."""

    industry_kg: float  # industry after the seed landed this step (growth not yet added)
    seed_pending_kg: float
    seed_landed_kg: float
    seeded: bool
    mass_driver_active: bool
    fab_power_w: float
    production: ProductionStep


def lunar_constants(params: Params, mass_driver_capacity_kg, mass_driver_energy_j_kg, escape) -> LunarConstants:
    """The lunar step's per-sample constants from flat parameters and the mass driver's capacity (C order)."""
    p = params
    samples = np.shape(p["lunar.landed_per_leo_mass"])

    def column(value):
        return np.ascontiguousarray(np.broadcast_to(np.asarray(value, dtype=float), samples))

    return LunarConstants(
        landed_per_leo=column(p["lunar.landed_per_leo_mass"]), max_launch_share=column(p["lunar.max_launch_share"]),
        chip_fab_power_w=column(first_fab_power_w(p)), replication_time_s=column(site_replication_time_s(p)),
        satellite_share=column(p["lunar.satellite_share"]),
        production_energy_j_kg=column(p["lunar.production_energy_j_kg"]),
        power_per_mass_w_kg=column(p["lunar.power_per_mass_w_kg"]),
        regolith_per_product=column(p["lunar.regolith_per_product"]), escape=column(escape),
        mass_driver_capacity_kg=column(mass_driver_capacity_kg), mass_driver_energy_j_kg=column(mass_driver_energy_j_kg),
        max_industry_kg=column(max_industry_mass_kg(p)), regolith_in_reach_kg=column(regolith_in_reach_kg(p)))


def lunar_step(params: Params, step_s: float, *, industry, seed_pending, seed_arriving, leo_available_kg,
               local_fraction, fab, mass_driver_ready, escape, mass_driver_capacity_kg,
               mass_driver_energy_j_kg, max_industry_kg, regolith_mined_kg=None, regolith_in_reach=None,
               satellite_import_fraction=None) -> LunarStep:
    """Plan one step of the lunar city (see the module docstring).

    ``regolith_mined_kg`` is the regolith mined before this step (cumulative, per
    sample); when the caller does not track it, ``industry x regolith_per_product``
    stands in (a lower bound: it forgets the regolith in satellites already fired).
    ``regolith_in_reach`` (:func:`regolith_in_reach_kg`) and ``satellite_import_fraction``
    (:func:`moonbase.industry.satellite_bom.satellite_import_fraction`) may be passed in
    when the caller has computed them for every step at once.
    """
    p = params
    sat_import = (_satellite_import_fraction(local_fraction, p["deep_space.earth_made_mass_fraction"], fab)
                  if satellite_import_fraction is None else satellite_import_fraction)
    constants = lunar_constants(p, mass_driver_capacity_kg, mass_driver_energy_j_kg, escape)._replace(
        max_industry_kg=np.asarray(max_industry_kg, dtype=float),
        regolith_in_reach_kg=regolith_in_reach_kg(p) if regolith_in_reach is None else regolith_in_reach)
    inputs = LunarInputs(
        industry_kg=np.asarray(industry, dtype=float), seed_pending_kg=np.asarray(seed_pending, dtype=float),
        seed_arriving_kg=np.asarray(seed_arriving, dtype=float), leo_available_kg=np.asarray(leo_available_kg, dtype=float),
        local_fraction=np.asarray(local_fraction, dtype=float),
        fab_power_w=np.where(np.asarray(fab, dtype=bool), constants.chip_fab_power_w, 0.0),
        mass_driver_ready=np.asarray(mass_driver_ready, dtype=bool),
        regolith_mined_kg=(np.full(np.shape(industry), np.nan) if regolith_mined_kg is None
                           else np.asarray(regolith_mined_kg, float)),
        satellite_import_fraction=np.asarray(sat_import, dtype=float), satellite_cap_kg=np.full(np.shape(industry), np.inf),
        labour_factor=np.ones(np.shape(industry)))
    with np.errstate(divide="ignore", invalid="ignore"):
        plan = lunar_step_core(constants, float(step_s), inputs)
    city = as_arrays(plan.production)
    return LunarStep(
        industry_kg=plan.industry_kg, seed_pending_kg=plan.seed_pending_kg, seed_landed_kg=plan.seed_landed_kg,
        seeded=plan.seeded, fab=np.asarray(fab, dtype=bool), satellite_import_fraction=np.asarray(sat_import, dtype=float),
        mass_driver_active=plan.mass_driver_active,
        satellites_wanted_kg=city.satellites_wanted_kg, land_bound=city.land_bound, power_factor=city.power_factor,
        import_factor=city.import_factor, growth_kg=city.growth_kg, satellites_kg=city.satellites_kg,
        imports_kg=city.imports_kg, regolith_kg=city.regolith_kg, waste_kg=city.waste_kg,
        power_w=plan.industry_kg * p["lunar.power_per_mass_w_kg"], energy_used_j=city.energy_used_j,
        fab_power_w=plan.fab_power_w, regolith_factor=city.regolith_factor, regolith_bound=city.regolith_bound,
        limit_code=city.limit_code)


@formula
def lunar_step_core(c, step_s, x):
    """The formulas of :func:`lunar_step` (a :mod:`moonbase.jit` formula).

    ``c`` are :class:`LunarConstants`, ``x`` the step's :class:`LunarInputs`; returns a
    :class:`LunarPlan` whose ``production`` is the
    :class:`~moonbase.industry.production.ProductionStep` of
    :func:`moonbase.industry.production.production_core`.
    """
    seed_pending = x.seed_pending_kg + x.seed_arriving_kg
    lunar_leo = c.max_launch_share * x.leo_available_kg
    seed_landed = np.minimum(seed_pending, lunar_leo * c.landed_per_leo)
    seed_pending = seed_pending - seed_landed
    industry = x.industry_kg + seed_landed
    landing_capacity = np.maximum(lunar_leo * c.landed_per_leo - seed_landed, 0.0)

    seeded = industry > 0.0
    mass_driver_active = x.mass_driver_ready & seeded
    mined = where(x.regolith_mined_kg >= 0.0, x.regolith_mined_kg, industry * c.regolith_per_product)
    fab_power = where(seeded, x.fab_power_w, 0.0)
    # short of labour, the industry replicates at the share of its work its residents can do
    production = production_core(
        industry, step_s, c.replication_time_s / np.maximum(x.labour_factor, 1e-300), x.local_fraction,
        x.satellite_import_fraction, c.satellite_share,
        mass_driver_active & (c.escape > 0.0), np.minimum(c.mass_driver_capacity_kg, x.satellite_cap_kg),
        c.mass_driver_energy_j_kg,
        c.max_industry_kg, c.production_energy_j_kg, c.power_per_mass_w_kg, fab_power, landing_capacity,
        c.regolith_per_product, np.maximum(c.regolith_in_reach_kg - mined, 0.0))
    return LunarPlan(industry_kg=industry, seed_pending_kg=seed_pending, seed_landed_kg=seed_landed, seeded=seeded,
                     mass_driver_active=mass_driver_active, fab_power_w=fab_power, production=production)
