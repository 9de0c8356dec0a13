"""Compute satellites in Earth orbit, launched from Earth."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import Field, SerializerFunctionWrapHandler, model_serializer, model_validator

from moonbase.scenario.fields import Quantity, field
from moonbase.scenario.schema.base import _OWN, AnnualDecline, PricePerKg, Section, without_marked
from moonbase.scenario.schema.satellite import SatelliteDesign
from moonbase.spacecraft.environment import EARTH_ORBIT_ALTITUDE_RANGE_M, EarthOrbitKind


class EarthOrbit(Section):
    """AI data-center satellites in Earth orbit (dawn-dusk sun-synchronous by default), launched from Earth."""

    enabled: bool = Field(True, description="Deploy the Earth-orbit tier.", json_schema_extra={"source": "scenario switch; the Moonbase Alpha architecture has every tier"})
    start_year: int = Field(2028, ge=1950, le=3000, description="First year compute satellites are launched.",
                            json_schema_extra={"source": _OWN})
    design: SatelliteDesign = Field(default_factory=lambda: SatelliteDesign.model_validate({"preset": "sso-datacenter"}),
                                    description="Satellite design (a preset and overrides).")
    altitude_m: Annotated[float, Quantity("km", ge=160.0, le=50_000.0)] = field(
        "650 km", "altitude", "Circular orbit altitude (not read for geo: 35,786 km).",
        "Agüera y Arcas et al. (2025): illustrative cluster at 650 km, dawn-dusk SSO")
    orbit: EarthOrbitKind = Field(
        EarthOrbitKind.SSO_DAWN_DUSK,
        description="Orbit kind: sso-dawn-dusk (inclination from J2, node held at ltan), leo or meo (inclination "
                    "given, node drifting), geo (altitude and inclination fixed).",
        json_schema_extra={"source": "Agüera y Arcas et al. (2025): dawn-dusk SSO"})
    inclination_rad: Annotated[float, Quantity("deg", ge=0.0, le=180.0)] = field(
        "53 deg", "inclination", "Inclination of a leo or meo orbit (the other kinds set their own).",
        "Starlink shells at 53 deg (FCC filings)")
    ltan_s: Annotated[float, Quantity("h", ge=0.0, le=24.0)] = field(
        "18 h", "ltan", "Local time of the ascending node of a sun-synchronous orbit (6 h or 18 h: dawn-dusk).",
        "Agüera y Arcas et al. (2025): dawn-dusk SSO")
    failure_rate_per_s: AnnualDecline = field("2 %/yr", "failure_rate", "Random failures per year (compound); "
                                              "life, mass and array degradation come from the design.", _OWN)
    bus_cost_usd_per_kg: PricePerKg = field("1000 USD/kg", "bus_cost",
                                            "Manufacturing cost per kg of satellite (compute hardware excluded).",
                                            "Starlink v2 mini ~0.8 MUSD for ~800 kg (press estimates): " + _OWN)

    #: What ``scenario show`` writes for a field the orbit kind does not read (and reads back as "not given").
    UNUSED_MARK: ClassVar[str] = "unused"
    #: The fields each orbit kind does not read: GEO fixes altitude and inclination, J2 sets a
    #: sun-synchronous inclination, a drifting node has no local time.
    UNUSED_BY_KIND: ClassVar[dict[EarthOrbitKind, tuple[str, ...]]] = {
        EarthOrbitKind.SSO_DAWN_DUSK: ("inclination_rad",),
        EarthOrbitKind.LEO: ("ltan_s",),
        EarthOrbitKind.MEO: ("ltan_s",),
        EarthOrbitKind.GEO: ("altitude_m", "inclination_rad", "ltan_s"),
    }

    @model_validator(mode="before")
    @classmethod
    def _unused_left_out(cls, data: Any) -> Any:
        """``"unused"`` (as ``scenario show`` writes it) means: not given."""
        return without_marked(data, cls.UNUSED_MARK)

    @model_validator(mode="after")
    def _altitude_fits_the_orbit(self) -> "EarthOrbit":
        """The altitude lies in its orbit kind's range; no field the kind does not read is given."""
        unused = [name for name in self.UNUSED_BY_KIND[self.orbit] if name in self.model_fields_set]
        if unused:
            keys = ", ".join(type(self).model_fields[name].alias or name for name in unused)
            raise ValueError(f"{keys} is not read for orbit = \"{self.orbit.value}\"; remove it, or choose an "
                             "orbit kind that reads it (leo and meo read inclination, sso-dawn-dusk reads ltan)")
        low, high = EARTH_ORBIT_ALTITUDE_RANGE_M[self.orbit]
        if "altitude_m" not in self.UNUSED_BY_KIND[self.orbit] and not low <= self.altitude_m <= high:
            raise ValueError(f"altitude = {self.altitude_m / 1e3:g} km is outside the {self.orbit.value} range "
                             f"[{low / 1e3:g}, {high / 1e3:g}] km; choose another altitude or orbit kind")
        return self

    @model_serializer(mode="wrap")
    def _show_unused(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data = handler(self)
        for name in self.UNUSED_BY_KIND[self.orbit]:
            alias = type(self).model_fields[name].alias
            data[alias if alias in data else name] = self.UNUSED_MARK
        return data
