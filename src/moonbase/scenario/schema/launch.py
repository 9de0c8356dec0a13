"""Heavy launch from Earth: vehicles, their cadence and price learning."""

from __future__ import annotations

from pydantic import Field

from moonbase.scenario.fields import field
from moonbase.scenario.schema.base import (
    _OWN, AnnualRate, Fraction, LaunchRate, Mass, MassOrZero, OpenFraction, PositivePricePerKg, PricePerKg, Section,
)


class LaunchVehicle(Section):
    """One heavy-lift vehicle family: its market's cadence and its price learning (Starship class by default)."""

    name: str = Field("starship", min_length=1, max_length=60, description="Name of the vehicle family.",
                      json_schema_extra={"source": "label only"})

    initial_rate_per_s: LaunchRate = field(
        "10 1/yr", "initial_rate", "Heavy launches per year (all customers) in the start year.",
        _OWN + ": Starship flew 5 test flights in 2025")
    max_rate_per_s: LaunchRate = field(
        "2000 1/yr", "max_rate", "Saturation cadence of heavy launches per year (all customers).", _OWN)
    growth_per_s: AnnualRate = field(
        "40 %/yr", "growth", "Early compound annual growth of the cadence (logistic).",
        "Agüera y Arcas et al., arXiv:2511.19468 (2025): ~180 Starship flights/yr by 2035 (10/yr x 1.4^9 = 207)")
    payload_kg: Mass = field("100 t", "payload", "Payload to low Earth orbit per launch.",
                             "SpaceX Starship V3 reusable payload target (100+ t)")
    reference_price_usd_per_kg: PositivePricePerKg = field(
        "1800 USD/kg", "reference_price", "Price to LEO at the reference cumulative mass.",
        "Agüera y Arcas et al. (2025): ~1,800 USD/kg at ~400 t cumulative (Falcon Heavy era)")
    reference_cumulative_mass_kg: Mass = field(
        "400 t", "reference_cumulative_mass", "Cumulative launched mass at the reference price.",
        "Agüera y Arcas et al. (2025)")
    learning_rate: OpenFraction = field(
        0.2, "learning_rate", "Fractional price fall per doubling of cumulative launched mass (Wright's law).",
        "Agüera y Arcas et al. (2025): 20 % per doubling")
    floor_price_usd_per_kg: PricePerKg = field(
        "20 USD/kg", "floor_price", "Price floor (propellant and operations) that learning cannot go below.",
        _OWN + "; Starship propellant ~1-2 MUSD per flight for 100-150 t")
    initial_cumulative_mass_kg: MassOrZero = field(
        "400 t", "initial_cumulative_mass", "Cumulative heavy-launch mass already flown at the start.",
        "Agüera y Arcas et al. (2025) reference point")


class Launch(LaunchVehicle):
    """Heavy launch from Earth: the first vehicle's fields, further vehicles in ``[[launch.vehicles]]``.

    A scenario with one vehicle writes it in ``[launch]`` (as always); each
    ``[[launch.vehicles]]`` table adds another family with its own cadence and learning
    curve. The architecture buys ``architecture_share`` of every family's flights.
    """

    vehicles: list[LaunchVehicle] = Field(
        default_factory=list, max_length=16,
        description="Further vehicle families beside the first (each a table of the same fields).",
        json_schema_extra={"source": "scenario choice"})
    architecture_share: Fraction = field(
        0.5, "architecture_share", "Fraction of heavy-launch capacity this architecture can buy.", _OWN)
