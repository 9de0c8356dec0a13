"""The arithmetic a claim implies, and the hard limits it meets, from the model's own functions.

Every figure below is a model function applied to the claim's stated numbers and the
scenario's designs (:class:`moonbase.claims.context.ModelContext`); the ledger holds
only the claim. Implied quantities are returned as ``{name: {"value", "unit"}}`` with
masses in t, areas in km2, powers in W and counts bare; hard limits as
``{"limit", "value", "needed", "unit", "margin"}`` where ``margin = value / needed``
(below 1: the claim needs more than the limit allows).

Hard limits named here (each a property of the Sun, the Moon or orbital mechanics, not a
model input):

- **the Sun's output**: the nominal solar luminosity (IAU 2015 B3);
- **the Moon's surface**: :data:`moonbase.industry.limits.MOON_SURFACE_AREA_M2`;
- **sunlight on the Moon**: the solar constant on the Moon's cross-section, pi R^2 S;
- **waste heat on the Moon**: the whole surface radiating to its sink at the city's radiator
  temperature (:func:`moonbase.physics.radiator.radiator_net_flux_w_m2`, one side);
- **regolith in reach**: the whole Moon's regolith to the scenario's mining depth
  (:func:`moonbase.industry.limits.regolith_reserve_kg`);
- **the Moon's mass** (NASA Moon fact sheet);
- **the energy of the orbit**: :func:`moonbase.claims.context.orbit_energy_j_kg` at the
  ground baseline's energy price, below which no launch price can fall.
"""

from __future__ import annotations

import math
from typing import Any

from moonbase.claims.context import ModelContext
from moonbase.claims.ledger import Claim
from moonbase.constants import (
    KG_PER_TONNE,
    MOON_MASS_KG,
    MOON_MEAN_RADIUS_M,
    SECONDS_PER_DAY,
    SECONDS_PER_YEAR,
    SOLAR_CONSTANT_W_M2,
    SOLAR_LUMINOSITY_W,
    WORLD_PRIMARY_POWER_2023_W,
)
from moonbase.industry.kardashev_trajectory import (
    doubling_time_needed_s,
    solar_fraction_power_w,
)
from moonbase.industry.limits import (
    MOON_SURFACE_AREA_M2,
    regolith_mined_kg,
    regolith_reserve_kg,
)
from moonbase.launch.price_learning import cumulative_mass_for_price_kg
from moonbase.massdriver.fleet import drivers_needed
from moonbase.physics.kardashev import kardashev_index
from moonbase.physics.radiator import radiator_net_flux_w_m2
from moonbase.spacecraft.economics import (
    breakeven_launch_price_usd_per_kg,
    launched_power_price_usd_per_kw_year,
)

M2_PER_KM2 = 1e6  # SI: 1 km2 = 10^6 m2
SECONDS_PER_HOUR = SECONDS_PER_DAY / 24.0


def quantity(value: float, unit: str) -> dict[str, Any]:
    """One implied figure, JSON-ready."""
    return {"value": float(value), "unit": unit}


def limit(name: str, value: float, needed: float, unit: str, floor: bool = False) -> dict[str, Any]:
    """One hard limit checked: the limit, what the claim needs, and the margin.

    A ceiling (the default) holds when ``needed <= value``: margin ``value / needed``. A
    floor holds when ``needed >= value``: margin ``needed / value``. Below 1, the claim
    breaks the limit.
    """
    if floor:
        margin = math.inf if value <= 0.0 else needed / value
    else:
        margin = math.inf if needed <= 0.0 else value / needed
    return {"limit": name, "value": float(value), "needed": float(needed), "unit": unit, "margin": float(margin),
            "kind": "floor" if floor else "ceiling"}


def sun_limit(power_w: float) -> dict[str, Any]:
    """The Sun's output against a power the claim needs."""
    return limit("the Sun's output (IAU 2015 nominal luminosity)", SOLAR_LUMINOSITY_W, power_w, "W")


def power_per_year_w(claim: Claim) -> float:
    """A claim's rate of adding power, as W added within one year (the ledger's ``GW/yr`` is W/s in SI)."""
    return claim.claimed_si * SECONDS_PER_YEAR


def years_sustained(claim: Claim, m: ModelContext) -> float:
    """Years from the claim's date (or the span's start) to the end of the span [yr]."""
    start = max(int(str(claim.date)[:4]), m.scenario.span.start_year)
    return float(max(m.scenario.span.end_year - start, 1))


# --- Earth launch ------------------------------------------------------------------------------


def earth_launch_implied(claim: Claim, m: ModelContext, power_w: float) -> dict[str, Any]:
    """Launch mass, flights and satellites a year for ``power_w`` of compute added per year from Earth."""
    mass_kg = power_w / m.eo_specific_power_w_kg
    payload = m.value("launch.payload_kg")
    out = {
        "earth_orbit_specific_power": quantity(m.eo_specific_power_w_kg, "W/kg"),
        "launch_mass_per_year": quantity(mass_kg / KG_PER_TONNE, "t/yr"),
        "flights_per_year": quantity(mass_kg / payload, "1/yr"),
        "flights_per_hour": quantity(mass_kg / payload / (SECONDS_PER_YEAR / SECONDS_PER_HOUR), "1/h"),
        "satellites_per_year": quantity(mass_kg / m.first(m.earth_orbit.satellite_mass_kg), "1/yr"),
    }
    if "specific_power" in claim.numbers:
        out["launch_mass_per_year_at_claimed_specific_power"] = quantity(
            power_w / claim.numbers["specific_power"] / KG_PER_TONNE, "t/yr")
    if "payload" in claim.numbers:
        out["flights_per_year_at_claimed_payload"] = quantity(mass_kg / claim.numbers["payload"], "1/yr")
    return out


def earth_launch_limits(m: ModelContext, power_w: float) -> list[dict[str, Any]]:
    """The Sun's output; the launch energy of a year's mass against the world's primary power."""
    mass_kg_s = power_w / m.eo_specific_power_w_kg / SECONDS_PER_YEAR
    energy_w = mass_kg_s * m.launch_energy_floor_usd_per_kg / m.baseline.energy_price_usd_per_j
    return [sun_limit(power_w),
            limit("world primary power (2023) against the orbit's energy of the mass launched", WORLD_PRIMARY_POWER_2023_W,
                  energy_w, "W")]


# --- lunar route -------------------------------------------------------------------------------


def lunar_figures(m: ModelContext, power_w: float) -> dict[str, float]:
    """Mass rate, industry power, land and regolith for ``power_w`` added per year from the Moon (SI)."""
    mass_kg_s = power_w / m.ds_specific_power_w_kg / SECONDS_PER_YEAR
    production_w = mass_kg_s * m.value("lunar.production_energy_j_kg")
    driver_w = mass_kg_s * m.driver_energy_j_kg
    industry_w = production_w + driver_w
    return {
        "mass_kg_s": mass_kg_s, "production_w": production_w, "driver_w": driver_w, "industry_w": industry_w,
        "drivers": float(drivers_needed(mass_kg_s, m.driver_throughput_kg_s)),
        "land_m2": industry_w * m.city_area_per_power_m2_w,
        "regolith_kg_s": float(regolith_mined_kg(mass_kg_s, m.value("lunar.regolith_per_product"))),
        "earth_parts_kg_s": mass_kg_s * m.value("deep_space.earth_made_mass_fraction"),
    }


def lunar_implied(claim: Claim, m: ModelContext, power_w: float) -> dict[str, Any]:
    """The lunar route's arithmetic for ``power_w`` added per year."""
    f = lunar_figures(m, power_w)
    year = SECONDS_PER_YEAR
    landed = m.value("launch.payload_kg") * m.value("lunar.landed_per_leo_mass")
    return {
        "deep_space_specific_power": quantity(m.ds_specific_power_w_kg, "W/kg"),
        "satellite_mass_per_year": quantity(f["mass_kg_s"] * year / KG_PER_TONNE, "t/yr"),
        "mass_drivers": quantity(f["drivers"], ""),
        "mass_driver_rate_each": quantity(m.driver_throughput_kg_s * year / KG_PER_TONNE, "t/yr"),
        "lunar_industrial_power": quantity(f["industry_w"], "W"),
        "lunar_land": quantity(f["land_m2"] / M2_PER_KM2, "km2"),
        "regolith_mined_per_year": quantity(f["regolith_kg_s"] * year / KG_PER_TONNE, "t/yr"),
        "waste_heat_on_the_moon": quantity(f["industry_w"], "W"),
        "earth_made_parts_per_year": quantity(f["earth_parts_kg_s"] * year / KG_PER_TONNE, "t/yr"),
        "earth_flights_for_parts_per_year": quantity(f["earth_parts_kg_s"] * year / landed, "1/yr"),
    }


def lunar_limits(claim: Claim, m: ModelContext, power_w: float) -> list[dict[str, Any]]:
    """Land, sunlight, regolith in reach (sustained to the span's end) and the Sun."""
    f = lunar_figures(m, power_w)
    reserve = regolith_reserve_kg(MOON_SURFACE_AREA_M2, m.value("lunar.mining_depth_m"),
                                  m.value("lunar.regolith_bulk_density_kg_m3"))
    sunlight = math.pi * MOON_MEAN_RADIUS_M**2 * SOLAR_CONSTANT_W_M2
    collected = f["industry_w"] / m.value("lunar.solar_cell_efficiency")
    years = years_sustained(claim, m)
    radiated = float(radiator_net_flux_w_m2(m.value("lunar.radiator_temperature_k"), m.value("lunar.radiator_emissivity"),
                                            sides=1, sink_temperature_k=m.value("lunar.radiator_sink_temperature_k")))
    return [
        limit("the Moon's surface", MOON_SURFACE_AREA_M2 / M2_PER_KM2, f["land_m2"] / M2_PER_KM2, "km2"),
        limit("sunlight on the Moon's cross-section", sunlight, collected, "W"),
        limit("waste heat: the whole Moon's surface as a radiator at the city's radiator temperature",
              radiated * MOON_SURFACE_AREA_M2, f["industry_w"], "W"),
        limit(f"regolith in reach (whole Moon to the mining depth), sustained {years:.0f} yr",
              float(reserve) / KG_PER_TONNE, f["regolith_kg_s"] * SECONDS_PER_YEAR * years / KG_PER_TONNE, "t"),
        sun_limit(power_w),
    ]


# --- a share of the Sun ------------------------------------------------------------------------


def kardashev_implied(claim: Claim, m: ModelContext) -> dict[str, Any]:
    """Power, index, satellite mass and the doubling time a share of the Sun implies."""
    power = float(solar_fraction_power_w(claim.claimed_si))
    start = m.scenario.span.start_year
    years = (claim.by_year or m.scenario.span.end_year) - start
    return {
        "power": quantity(power, "W"),
        "kardashev_index": quantity(float(kardashev_index(power)), ""),
        "times_world_primary_power": quantity(power / WORLD_PRIMARY_POWER_2023_W, ""),
        "deep_space_satellite_mass": quantity(power / m.ds_specific_power_w_kg / KG_PER_TONNE, "t"),
        "doubling_time_needed": quantity(float(doubling_time_needed_s(
            WORLD_PRIMARY_POWER_2023_W, power, years * SECONDS_PER_YEAR)) / SECONDS_PER_YEAR, "yr"),
    }


def kardashev_limits(claim: Claim, m: ModelContext) -> list[dict[str, Any]]:
    """The Sun, the Moon's mass and the regolith in reach against the satellites a share of the Sun needs."""
    power = float(solar_fraction_power_w(claim.claimed_si))
    mass = power / m.ds_specific_power_w_kg
    reserve = regolith_reserve_kg(MOON_SURFACE_AREA_M2, m.value("lunar.mining_depth_m"),
                                  m.value("lunar.regolith_bulk_density_kg_m3"))
    regolith = float(regolith_mined_kg(mass, m.value("lunar.regolith_per_product")))
    return [sun_limit(power),
            limit("the Moon's mass", MOON_MASS_KG / KG_PER_TONNE, mass / KG_PER_TONNE, "t"),
            limit("regolith in reach (whole Moon to the mining depth)", float(reserve) / KG_PER_TONNE,
                  regolith / KG_PER_TONNE, "t")]


# --- launch price ------------------------------------------------------------------------------


def breakeven_price_usd_per_kg(m: ModelContext) -> float:
    """Launch price at which an Earth-orbit satellite's launch costs what the ground's energy and
    facility cost over its life (bus cost counted as other overhead) [USD/kg]."""
    eo = m.earth_orbit
    bus = m.value("earth_orbit.bus_cost_usd_per_kg") * m.first(eo.satellite_mass_kg) * m.first(
        eo.non_compute_mass_fraction)
    return float(breakeven_launch_price_usd_per_kg(m.ground_usd_per_kw_year, m.first(eo.satellite_mass_kg),
                                                   m.first(eo.budget.mean_compute_power_w), m.first(eo.design_life_s),
                                                   bus))


def price_implied(m: ModelContext, price_usd_per_kg: float) -> dict[str, Any]:
    """Cumulative mass Wright's law needs for a price, and the launched power's cost per kW-year at it."""
    p = {k: m.value(f"launch.{k}") for k in ("reference_price_usd_per_kg", "reference_cumulative_mass_kg",
                                             "learning_rate", "floor_price_usd_per_kg", "payload_kg")}
    eo = m.earth_orbit
    out = {"earth_orbit_specific_power": quantity(m.eo_specific_power_w_kg, "W/kg")}
    if price_usd_per_kg > p["floor_price_usd_per_kg"]:
        mass = float(cumulative_mass_for_price_kg(price_usd_per_kg, p["reference_price_usd_per_kg"],
                                                  p["reference_cumulative_mass_kg"], p["learning_rate"],
                                                  p["floor_price_usd_per_kg"]))
        out["cumulative_launched_mass_needed"] = quantity(mass / KG_PER_TONNE, "t")
        out["flights_needed"] = quantity(mass / p["payload_kg"], "")
    out["launched_power_cost"] = quantity(float(launched_power_price_usd_per_kw_year(
        m.first(eo.satellite_mass_kg), price_usd_per_kg, m.first(eo.budget.compute_power_w),
        m.first(eo.design_life_s))), "USD/(kW yr)")
    out["ground_energy_and_facility_cost"] = quantity(m.ground_usd_per_kw_year, "USD/(kW yr)")
    return out


def price_limits(m: ModelContext, price_usd_per_kg: float) -> list[dict[str, Any]]:
    """A launch price against the orbit's energy bought at the ground's energy price."""
    return [limit("the orbit's energy per kg at the ground's energy price (a floor under any launch price)",
                  m.launch_energy_floor_usd_per_kg, price_usd_per_kg, "USD/kg", floor=True)]
