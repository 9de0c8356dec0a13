"""The lunar_surface tier for one time step: seed landing, production, satellites.

The seam between the lunar-industry models and the timeline. ``lunar_step`` plans a
step of the city: the seed lands as launch capacity allows, the industry produces its
own mass every replication time, production is split between satellites (once the
mass driver fires and its payloads escape) and growth (up to the land-area ceiling),
and the plan is scaled by the tightest of energy and Earth imports. Accelerator supply
and money are rationed afterwards by the caller, across tiers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from moonbase.constants import MOON_MEAN_RADIUS_M
from moonbase.industry.lunar_power import lunar_solar_average_power_w
from moonbase.timeline.params import Params
from moonbase.timeline.rationing import fraction_met


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


def max_industry_mass_kg(params: Params) -> np.ndarray:
    """Largest industry the city's allowed solar-field area can power, per sample [kg].

    ``usable_area_fraction x 4 pi R_moon^2`` of sun-tracking arrays at the city's cell
    efficiency and illumination fraction, divided by the power each kg of industry needs.
    """
    p = params
    max_power_w = lunar_solar_average_power_w(
        p["lunar.usable_area_fraction"] * 4.0 * np.pi * MOON_MEAN_RADIUS_M**2,
        p["lunar.solar_cell_efficiency"], p["lunar.illumination_fraction"])
    return max_power_w / np.maximum(p["lunar.power_per_mass_w_kg"], 1e-30)


def lunar_step(params: Params, step_s: float, *, industry, seed_pending, seed_arriving, leo_available_kg,
               local_fraction, fab, mass_driver_ready, escape, mass_driver_capacity_kg,
               mass_driver_energy_j_kg, max_industry_kg) -> LunarStep:
    """Plan one step of the lunar city (see the module docstring)."""
    p = params
    landed_per_leo = p["lunar.landed_per_leo_mass"]
    local = local_fraction
    seed_pending = seed_pending + seed_arriving
    lunar_leo = p["lunar.max_launch_share"] * leo_available_kg
    seed_landed = np.minimum(seed_pending, lunar_leo * landed_per_leo)
    seed_pending = seed_pending - seed_landed
    industry = industry + seed_landed
    landing_capacity = np.maximum(lunar_leo * landed_per_leo - seed_landed, 0.0)

    seeded = industry > 0.0
    chips_from_earth = np.maximum(p["deep_space.earth_made_mass_fraction"], 1.0 - local)
    satellite_import_fraction = np.where(fab, 1.0 - local, chips_from_earth)
    production = industry / p["lunar.replication_time_s"] * step_s
    mass_driver_active = mass_driver_ready & seeded
    firing = mass_driver_active & (escape > 0.0)
    satellites_wanted = np.where(firing, p["lunar.satellite_share"] * production, 0.0)
    satellites_plan = np.minimum(satellites_wanted, mass_driver_capacity_kg)
    room = np.maximum(max_industry_kg - industry, 0.0)
    growth_plan = np.minimum(production - satellites_plan, room)
    land_bound = (production - satellites_plan) > room
    import_need = growth_plan * (1.0 - local) + satellites_plan * satellite_import_fraction
    energy_need = (p["lunar.production_energy_j_kg"] * (growth_plan + satellites_plan)
                   + mass_driver_energy_j_kg * satellites_plan)
    base_power = industry * p["lunar.power_per_mass_w_kg"]
    power_factor = fraction_met(base_power * step_s, energy_need)
    import_factor = fraction_met(landing_capacity, import_need)
    growth = growth_plan * power_factor * np.where(local < 1.0, import_factor, 1.0)
    satellites = satellites_plan * power_factor * np.where(satellite_import_fraction > 0.0, import_factor, 1.0)
    return LunarStep(
        industry_kg=industry, seed_pending_kg=seed_pending, seed_landed_kg=seed_landed, seeded=seeded, fab=fab,
        satellite_import_fraction=satellite_import_fraction, mass_driver_active=mass_driver_active,
        satellites_wanted_kg=satellites_wanted, land_bound=land_bound, power_factor=power_factor,
        import_factor=import_factor, growth_kg=growth, satellites_kg=satellites)
