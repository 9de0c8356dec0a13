"""How each kind of claim is tested: the timeline series and threshold, or the figure it states.

A claim names its kind in the ledger; :data:`KINDS` is the one registry every consumer
iterates. A *series* kind compares a timeline column by calendar year with a threshold
(the claim's number, or a figure the model derives from it) by the year the claim names;
a *figure* kind recomputes a number the claim states with the model's functions
(:data:`FIGURES`); the *statement* kind is a claim with no number the model can test.
Each kind names the inputs that move it (``inputs``), searched when the model does not
reach the claim on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from moonbase.claims import arithmetic as a
from moonbase.claims.context import ModelContext
from moonbase.claims.ledger import Claim
from moonbase.constants import (
    KG_PER_TONNE,
    SECONDS_PER_YEAR,
    SOLAR_CONSTANT_W_M2,
    SOLAR_LUMINOSITY_W,
    WORLD_PRIMARY_POWER_2023_W,
)
from moonbase.economics.peers import mccalip_moonbase
from moonbase.errors import ScenarioError
from moonbase.industry.kardashev_trajectory import solar_fraction_power_w
from moonbase.physics.kardashev import kardashev_index

__all__ = ["FIGURES", "KINDS", "SELF_GROWING_LOCAL_FRACTION", "ClaimKind", "FigureResult", "kind_of"]

#: Local share of each new tonne at which the lunar industry counts as self-growing [-]: the
#: third generation of Metzger et al. (2013)'s bootstrap, where 90 % of new mass is lunar
#: (the ``lunar.local_fractions`` default; P. T. Metzger et al., J. Aerospace Eng. 26(1):18-29, 2013).
SELF_GROWING_LOCAL_FRACTION = 0.9


@dataclass(frozen=True)
class FigureResult:
    """A figure a claim states, recomputed by the model (SI, the claim's quantity)."""

    value_si: float
    space_favourable: str  # "lower" or "higher": which way favours space compute
    implied: dict[str, Any]
    limits: list[dict[str, Any]]
    believe: list[dict[str, Any]]


@dataclass(frozen=True)
class ClaimKind:
    """One way of testing a claim."""

    name: str
    test: str  # "series", "figure" or "statement"
    column: str = ""
    at_least: bool = True
    tier: str = ""  # whose binding label explains the series
    inputs: tuple[str, ...] = ()
    threshold: Callable[[Claim, ModelContext], float] | None = None
    implied: Callable[[Claim, ModelContext], dict[str, Any]] | None = None
    limits: Callable[[Claim, ModelContext], list[dict[str, Any]]] | None = None
    optimiser: bool = False  # a rate of adding power: the optimiser searches the inputs jointly


def _power(claim: Claim, m: ModelContext) -> float:
    return a.power_per_year_w(claim)


def _satellite_power(claim: Claim, m: ModelContext) -> float:
    """Compute power added per year to replace a fleet of the claimed size over its life [W/yr]."""
    return claim.claimed_si * m.first(m.earth_orbit.budget.compute_power_w) / (
        m.first(m.earth_orbit.design_life_s) / SECONDS_PER_YEAR)


def _satellite_implied(claim: Claim, m: ModelContext) -> dict[str, Any]:
    n = claim.claimed_si
    mass = n * m.first(m.earth_orbit.satellite_mass_kg)
    life_yr = m.first(m.earth_orbit.design_life_s) / SECONDS_PER_YEAR
    payload = m.value("launch.payload_kg")
    return {"compute_power": a.quantity(n * m.first(m.earth_orbit.budget.compute_power_w), "W"),
            "satellite_mass": a.quantity(m.first(m.earth_orbit.satellite_mass_kg), "kg"),
            "fleet_mass": a.quantity(mass / KG_PER_TONNE, "t"),
            "flights_to_launch_it": a.quantity(mass / payload, ""),
            "replacement_flights_per_year": a.quantity(mass / life_yr / payload, "1/yr")}


def _city_implied(claim: Claim, m: ModelContext) -> dict[str, Any]:
    fractions = np.asarray(m.params["lunar.local_fractions"], dtype=float).reshape(-1)
    generations = int(np.argmax(fractions >= SELF_GROWING_LOCAL_FRACTION)) if (
        fractions >= SELF_GROWING_LOCAL_FRACTION).any() else len(fractions)
    interval = m.value("lunar.generation_interval_s") / SECONDS_PER_YEAR
    return {"generations_to_self_growing": a.quantity(generations, ""),
            "earliest_year_by_generations": a.quantity(m.value("lunar.seed_year") + generations * interval, "yr"),
            "seed_mass": a.quantity(m.value("lunar.seed_mass_kg") / KG_PER_TONNE, "t"),
            "replication_time": a.quantity(m.value("lunar.replication_time_s") / SECONDS_PER_YEAR, "yr")}


def _launch_price_threshold(claim: Claim, m: ModelContext) -> float:
    return claim.claimed_si


KINDS: dict[str, ClaimKind] = {k.name: k for k in (
    ClaimKind("earth_launch_power", "series", "earth_orbit_power_added_w", True, "earth_orbit",
              ("launch.max_rate", "launch.architecture_share", "earth_orbit.design.compute_specific_mass"),
              _power, lambda c, m: a.earth_launch_implied(c, m, _power(c, m)),
              lambda c, m: a.earth_launch_limits(m, _power(c, m)), optimiser=True),
    ClaimKind("lunar_launch_power", "series", "deep_space_power_added_w", True, "deep_space",
              ("lunar.replication_time", "mass_driver.max_launch_rate", "lunar.satellite_share",
               "lunar.usable_area_fraction"),
              _power, lambda c, m: a.lunar_implied(c, m, _power(c, m)),
              lambda c, m: a.lunar_limits(c, m, _power(c, m)), optimiser=True),
    ClaimKind("kardashev_share", "series", "kardashev_index", True, "deep_space",
              ("lunar.replication_time", "mass_driver.max_launch_rate", "lunar.usable_area_fraction"),
              lambda c, m: float(kardashev_index(solar_fraction_power_w(c.claimed_si))),
              a.kardashev_implied, a.kardashev_limits),
    ClaimKind("launch_price", "series", "earth_launch_price_usd_per_kg", False, "earth_orbit",
              ("launch.learning_rate", "launch.floor_price", "launch.max_rate"),
              _launch_price_threshold, lambda c, m: a.price_implied(m, c.claimed_si),
              lambda c, m: a.price_limits(m, c.claimed_si)),
    ClaimKind("orbit_cheaper", "series", "earth_launch_price_usd_per_kg", False, "earth_orbit",
              ("launch.learning_rate", "launch.floor_price", "launch.max_rate"),
              lambda c, m: a.breakeven_price_usd_per_kg(m),
              lambda c, m: {"breakeven_launch_price": a.quantity(a.breakeven_price_usd_per_kg(m), "USD/kg"),
                            **a.price_implied(m, max(a.breakeven_price_usd_per_kg(m), 0.0))},
              lambda c, m: a.price_limits(m, a.breakeven_price_usd_per_kg(m))
              if a.breakeven_price_usd_per_kg(m) > 0.0 else []),
    ClaimKind("satellite_count", "series", "earth_orbit_satellites", True, "earth_orbit",
              ("launch.max_rate", "launch.architecture_share"),
              lambda c, m: c.claimed_si, _satellite_implied,
              lambda c, m: a.earth_launch_limits(m, _satellite_power(c, m))),
    ClaimKind("city_self_growing", "series", "lunar_local_fraction", True, "lunar_surface",
              ("lunar.replication_time", "lunar.generation_interval", "lunar.seed_year"),
              lambda c, m: SELF_GROWING_LOCAL_FRACTION, _city_implied, lambda c, m: []),
    ClaimKind("figure", "figure"),
    ClaimKind("statement", "statement"),
)}


def kind_of(claim: Claim) -> ClaimKind:
    """The kind a claim names (an unknown kind or figure is an error naming the choices)."""
    if claim.kind not in KINDS:
        raise ScenarioError(f"claim {claim.id}: kind = {claim.kind!r} is unknown; choose one of: {', '.join(KINDS)}.")
    if claim.kind == "figure" and claim.figure not in FIGURES:
        raise ScenarioError(f"claim {claim.id}: figure = {claim.figure!r} is unknown; choose one of: "
                            f"{', '.join(FIGURES)}.")
    return KINDS[claim.kind]


# --- figures a claim states, recomputed ---------------------------------------------------------


def _price_row(m: ModelContext, needed_usd_per_kg: float) -> dict[str, Any]:
    today = m.value("launch.reference_price_usd_per_kg")
    return {"input": "launch price to LEO", "needed": f"{needed_usd_per_kg:,.3g} USD/kg",
            "published": f"{today:,.0f} USD/kg", "published_source": "launch.reference_price of the scenario",
            "ratio": needed_usd_per_kg / today, "needed_si": needed_usd_per_kg, "published_si": today}


def _orbit_energy_cost(claim: Claim, m: ModelContext) -> FigureResult:
    """Launch and stated extras of the model's satellites for the claimed power, at the claim's launch price."""
    n = claim.numbers
    mass = n["power"] / m.eo_specific_power_w_kg
    value = mass * n["launch_price"] + n.get("other_cost", 0.0)
    needed = (claim.claimed_si - n.get("other_cost", 0.0)) / mass
    implied = {"earth_orbit_specific_power": a.quantity(m.eo_specific_power_w_kg, "W/kg"),
               "satellite_mass_for_the_power": a.quantity(mass / KG_PER_TONNE, "t"),
               "flights_at_the_model_payload": a.quantity(mass / m.value("launch.payload_kg"), ""),
               "cost_at_the_claimed_launch_price": a.quantity(value, "USD"),
               "launch_price_that_meets_the_claim": a.quantity(needed, "USD/kg")}
    limits = a.price_limits(m, needed) if needed > 0.0 else [
        a.limit("the claimed cost against the stated extras alone", claim.claimed_si, n.get("other_cost", 0.0), "USD")]
    return FigureResult(value, "lower", implied, limits, [_price_row(m, needed)] if needed > 0.0 else [])


def _array_area(claim: Claim, m: ModelContext) -> FigureResult:
    """Solar array area of the model's Earth-orbit design for the claimed power."""
    b = m.earth_orbit.budget
    per_w = m.first(b.solar_array_area_m2) / m.first(b.power_w)
    power = claim.numbers["power"]
    implied = {"array_power_per_area": a.quantity(1.0 / per_w, "W/m2"),
               "array_area_for_the_power": a.quantity(power * per_w / a.M2_PER_KM2, "km2"),
               "side_of_a_square_array": a.quantity(float(np.sqrt(power * per_w)) / 1e3, "km")}
    limits = [a.limit("sunlight at 1 au: the area of a perfect converter (a floor under any array)",
                      power / SOLAR_CONSTANT_W_M2, claim.claimed_si, "m2", floor=True)]
    return FigureResult(power * per_w, "lower", implied, limits, [])


def _launch_allowance(claim: Claim, m: ModelContext) -> FigureResult:
    """Launch-plus-build price a ground capex per W allows at the model's mass per watt."""
    n = claim.numbers
    value = n["ground_capex_high"] * m.eo_specific_power_w_kg
    implied = {"earth_orbit_mass_per_power": a.quantity(1.0 / m.eo_specific_power_w_kg * 1e3, "kg/kW"),
               "allowance_at_low_ground_capex": a.quantity(n["ground_capex_low"] * m.eo_specific_power_w_kg, "USD/kg"),
               "allowance_at_high_ground_capex": a.quantity(value, "USD/kg"),
               "breakeven_launch_price_energy_only": a.quantity(a.breakeven_price_usd_per_kg(m), "USD/kg")}
    return FigureResult(value, "higher", implied, a.price_limits(m, value), [])


def _mccalip_ratio(claim: Claim, m: ModelContext) -> FigureResult:
    """McCalip's inputs priced the moonbase way (:func:`moonbase.economics.peers.mccalip_moonbase`)."""
    r = mccalip_moonbase()
    implied = {"orbital_cost_per_mwh": a.quantity(r["orbital_usd_per_mwh"], "USD/MWh"),
               "terrestrial_cost_per_mwh": a.quantity(r["terrestrial_usd_per_mwh"], "USD/MWh"),
               "ratio_undiscounted": a.quantity(r["ratio_undiscounted"], ""),
               "model_breakeven_launch_price": a.quantity(a.breakeven_price_usd_per_kg(m), "USD/kg")}
    return FigureResult(r["ratio"], "lower", implied, [], [])


def _sun_share(claim: Claim, m: ModelContext) -> FigureResult:
    """A multiple of the world's primary power as a share of the Sun's output."""
    power = claim.numbers["multiple"] * WORLD_PRIMARY_POWER_2023_W
    implied = {"power": a.quantity(power, "W"), "kardashev_index": a.quantity(float(kardashev_index(power)), ""),
               "share_of_the_sun": a.quantity(power / SOLAR_LUMINOSITY_W, "")}
    return FigureResult(power / SOLAR_LUMINOSITY_W, "lower", implied, [a.sun_limit(power)], [])


FIGURES: dict[str, Callable[[Claim, ModelContext], FigureResult]] = {
    "orbit_energy_cost": _orbit_energy_cost,
    "array_area": _array_area,
    "launch_allowance": _launch_allowance,
    "mccalip_ratio": _mccalip_ratio,
    "sun_share": _sun_share,
}
