"""The lunar_surface tier for one time step: seed landing, production, satellites.

The seam between the lunar-industry models and the timeline. ``lunar_step`` plans a
step of the city: the seed lands as launch capacity allows, the industry produces its
own mass every replication time, production is split between satellites (once the
mass driver fires and its payloads escape) and growth (up to the land-area ceiling),
and the plan is scaled by the tightest of energy, Earth imports and the regolith in
reach. The physics of the step is :func:`moonbase.industry.production.production_step`, shared with
``moonbase industry``. Accelerator supply and money are rationed afterwards by the
caller, across tiers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from moonbase.industry.lunar_power import sunlit_replication_time_s
from moonbase.industry.production import ProductionStep, production_core
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
    # added by issue 6 (the city model): books of the step, before the caller's chip and budget rationing
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
    with np.errstate(divide="ignore", invalid="ignore"):
        values = lunar_step_core(
            float(step_s), np.asarray(industry, dtype=float), np.asarray(seed_pending, dtype=float),
            np.asarray(seed_arriving, dtype=float), np.asarray(leo_available_kg, dtype=float),
            np.asarray(local_fraction, dtype=float), np.asarray(fab, dtype=bool), np.asarray(mass_driver_ready, dtype=bool),
            np.asarray(escape, dtype=float), mass_driver_capacity_kg, mass_driver_energy_j_kg, max_industry_kg,
            np.full(np.shape(industry), np.nan) if regolith_mined_kg is None else np.asarray(regolith_mined_kg, float),
            regolith_in_reach_kg(p) if regolith_in_reach is None else regolith_in_reach,
            np.asarray(sat_import, dtype=float), p["lunar.landed_per_leo_mass"], p["lunar.max_launch_share"],
            p["lunar.chip_fab_power_w"], site_replication_time_s(p), p["lunar.satellite_share"],
            p["lunar.production_energy_j_kg"], p["lunar.power_per_mass_w_kg"], p["lunar.regolith_per_product"])
    industry, seed_pending, seed_landed, seeded, mass_driver_active, fab_power, production = values
    city = ProductionStep(*(np.asarray(v) for v in production[:-1]),
                          limit_code=np.asarray(production[-1]).astype(np.int8))
    return LunarStep(
        industry_kg=industry, seed_pending_kg=seed_pending, seed_landed_kg=seed_landed, seeded=seeded,
        fab=np.asarray(fab, dtype=bool), satellite_import_fraction=np.asarray(sat_import, dtype=float),
        mass_driver_active=mass_driver_active,
        satellites_wanted_kg=city.satellites_wanted_kg, land_bound=city.land_bound, power_factor=city.power_factor,
        import_factor=city.import_factor, growth_kg=city.growth_kg, satellites_kg=city.satellites_kg,
        imports_kg=city.imports_kg, regolith_kg=city.regolith_kg, waste_kg=city.waste_kg,
        power_w=industry * p["lunar.power_per_mass_w_kg"], energy_used_j=city.energy_used_j, fab_power_w=fab_power,
        regolith_factor=city.regolith_factor, regolith_bound=city.regolith_bound, limit_code=city.limit_code)


@formula
def lunar_step_core(step_s, industry, seed_pending, seed_arriving, leo_available_kg, local, fab, mass_driver_ready,
                    escape, mass_driver_capacity_kg, mass_driver_energy_j_kg, max_industry_kg, regolith_mined_kg,
                    regolith_in_reach, sat_import, landed_per_leo, max_launch_share, chip_fab_power_w,
                    replication_time_s, satellite_share, production_energy_j_kg, power_per_mass_w_kg,
                    regolith_per_product):
    """The formulas of :func:`lunar_step` (a :mod:`moonbase.jit` formula, positional arguments).

    ``regolith_mined_kg`` NaN means "not tracked" (``industry x regolith_per_product``
    stands in). Returns ``(industry, seed_pending, seed_landed, seeded,
    mass_driver_active, fab_power_w, production)`` where ``production`` is the tuple of
    :func:`moonbase.industry.production.production_core`.
    """
    seed_pending = seed_pending + seed_arriving
    lunar_leo = max_launch_share * leo_available_kg
    seed_landed = np.minimum(seed_pending, lunar_leo * landed_per_leo)
    seed_pending = seed_pending - seed_landed
    industry = industry + seed_landed
    landing_capacity = np.maximum(lunar_leo * landed_per_leo - seed_landed, 0.0)

    seeded = industry > 0.0
    mass_driver_active = mass_driver_ready & seeded
    mined = where(regolith_mined_kg >= 0.0, regolith_mined_kg, industry * regolith_per_product)
    fab_power = where(fab & seeded, chip_fab_power_w, 0.0)
    production = production_core(
        industry, step_s, replication_time_s, local, sat_import, satellite_share, mass_driver_active & (escape > 0.0),
        mass_driver_capacity_kg, mass_driver_energy_j_kg, max_industry_kg, production_energy_j_kg,
        power_per_mass_w_kg, fab_power, landing_capacity, regolith_per_product,
        np.maximum(regolith_in_reach - mined, 0.0))
    return industry, seed_pending, seed_landed, seeded, mass_driver_active, fab_power, production
