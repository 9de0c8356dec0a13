"""Compute satellites in Earth orbit, launched from Earth."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from moonbase.scenario.fields import Quantity, field
from moonbase.scenario.schema.base import _OWN, AnnualDecline, PricePerKg, Section
from moonbase.scenario.schema.satellite import SatelliteDesign


class EarthOrbit(Section):
    """AI data-center satellites in Earth orbit (dawn-dusk sun-synchronous by default), launched from Earth."""

    enabled: bool = Field(True, description="Deploy the Earth-orbit tier.", json_schema_extra={"source": "scenario switch; the Moonbase Alpha architecture has every tier"})
    start_year: int = Field(2028, ge=1950, le=3000, description="First year compute satellites are launched.",
                            json_schema_extra={"source": _OWN})
    design: SatelliteDesign = Field(default_factory=lambda: SatelliteDesign.model_validate({"preset": "sso-datacenter"}),
                                    description="Satellite design (a preset and overrides).")
    altitude_m: Annotated[float, Quantity("km", ge=160.0, le=50_000.0)] = field(
        "650 km", "altitude", "Circular orbit altitude (35786 km for GEO).",
        "Agüera y Arcas et al. (2025): illustrative cluster at 650 km, dawn-dusk SSO")
    sun_synchronous: bool = Field(True, description="Sun-synchronous: the inclination follows from the altitude "
                                  "(J2) and the node stays at ltan; otherwise the node drifts.",
                                  json_schema_extra={"source": "Agüera y Arcas et al. (2025): dawn-dusk SSO"})
    inclination_rad: Annotated[float, Quantity("deg", ge=0.0, le=180.0)] = field(
        "53 deg", "inclination", "Inclination when not sun-synchronous (0 for GEO).",
        "Starlink shells at 53 deg (FCC filings); used only when sun_synchronous = false")
    ltan_s: Annotated[float, Quantity("h", ge=0.0, le=24.0)] = field(
        "18 h", "ltan", "Local time of the ascending node of a sun-synchronous orbit (6 h or 18 h: dawn-dusk).",
        "Agüera y Arcas et al. (2025): dawn-dusk SSO")
    failure_rate_per_s: AnnualDecline = field("2 %/yr", "failure_rate", "Random failures per year (compound); "
                                              "life, mass and array degradation come from the design.", _OWN)
    bus_cost_usd_per_kg: PricePerKg = field("1000 USD/kg", "bus_cost",
                                            "Manufacturing cost per kg of satellite (compute hardware excluded).",
                                            "Starlink v2 mini ~0.8 MUSD for ~800 kg (press estimates): " + _OWN)
