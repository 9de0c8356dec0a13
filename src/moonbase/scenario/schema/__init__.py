"""The scenario: every input of a Moonbase Alpha run, validated, in SI.

Scenarios are TOML. Every physical field is a string with a unit (``"2.5 km/s"``),
parsed with astropy.units and stored as an SI float; every field documents its
meaning, unit, valid range and the source of its default (``moonbase scenario show``
prints them). Unknown keys are errors. Rates written as ``"%/yr"`` are compound
annual rates; models use continuous rates, converted by :mod:`moonbase.scenario.params`.

Python attribute names carry the SI unit (``exit_speed_m_s``); the TOML key is the
plain name (``exit_speed``). Each section lives in its own module of this package;
the model choices (site, regolith, process, conductor, store...) are the enums of the
model packages that use them.
"""

from __future__ import annotations

from pydantic import Field, field_validator, model_validator

from moonbase.city.habitat import HabitatShell
from moonbase.industry.extraction import ExtractionProcessName
from moonbase.industry.lunar_power import IlluminationSite, LunarSite
from moonbase.industry.regolith import RegolithType
from moonbase.massdriver.design import MassDriverEnergyModel, NightOperation
from moonbase.massdriver.electromagnetics import WindingConductor
from moonbase.massdriver.power_storage import PulseStorage
from moonbase.orbits.escape_criterion import EscapeModel
from moonbase.scenario.distributions import CorrelationList, UncertaintyTable, checked_uncertainty
from moonbase.scenario.schema.base import KindSection, Section
from moonbase.scenario.schema.city import City
from moonbase.scenario.schema.compute import Compute, Ground
from moonbase.scenario.schema.deep_space import DeepSpace
from moonbase.scenario.schema.earth_orbit import EarthOrbit
from moonbase.scenario.schema.economics import Economics, Finance
from moonbase.scenario.schema.launch import Launch
from moonbase.scenario.schema.lunar import LunarIndustry
from moonbase.scenario.schema.mass_driver import CoilStageDesign, MassDriver
from moonbase.scenario.schema.satellite import SatelliteDesign
from moonbase.scenario.schema.span import Span, World
from moonbase.scenario.schema.trajectory import Trajectory

__all__ = ["Section", "Scenario", "Span", "World", "Compute", "Ground", "Launch", "SatelliteDesign", "EarthOrbit",
           "LunarIndustry", "MassDriver", "CoilStageDesign", "DeepSpace", "Economics", "Finance", "Trajectory", "City",
           "HabitatShell", "ExtractionProcessName", "RegolithType", "LunarSite", "IlluminationSite",
           "MassDriverEnergyModel", "NightOperation", "WindingConductor", "PulseStorage", "EscapeModel"]


class Scenario(Section):
    """A complete Moonbase Alpha scenario."""

    name: str = Field(..., min_length=1, max_length=80, description="Scenario name.",
                      json_schema_extra={"source": "user"})
    description: str = Field("", max_length=2000, description="What the scenario represents.",
                             json_schema_extra={"source": "user"})
    span: Span = Field(default_factory=Span)
    world: World = Field(default_factory=World)
    compute: Compute = Field(default_factory=Compute)
    launch: Launch = Field(default_factory=Launch)
    ground: Ground = Field(default_factory=Ground)
    earth_orbit: EarthOrbit = Field(default_factory=EarthOrbit)
    lunar: LunarIndustry = Field(default_factory=LunarIndustry)
    mass_driver: MassDriver = Field(default_factory=MassDriver)
    deep_space: DeepSpace = Field(default_factory=DeepSpace)
    trajectory: Trajectory = Field(default_factory=Trajectory)
    economics: Economics = Field(default_factory=Economics)
    finance: Finance = Field(default_factory=Finance)
    city: City = Field(default_factory=City)
    uncertainty: UncertaintyTable = Field(
        default_factory=dict, description="Distributions of uncertain fields, keyed by dotted TOML path "
        "(see moonbase.scenario.distributions); used by runs with --samples above 1.",
        json_schema_extra={"source": "user input"})
    correlations: CorrelationList = Field(
        default_factory=tuple, description="Rank correlations between uncertain fields: [[correlations]] "
        "tables with a, b (field paths) and rho.", json_schema_extra={"source": "user input"})

    @field_validator("uncertainty")
    @classmethod
    def _distributions_fit_their_fields(cls, table: dict) -> dict:
        """Each distribution names a numeric field of this model and lies inside its valid range."""
        return checked_uncertainty(table, cls)

    @model_validator(mode="after")
    def _no_distribution_on_an_unread_field(self) -> "Scenario":
        """A distribution on a field the section's model choice does not read would be drawn and ignored."""
        for path in self.uncertainty:
            section_key, _, key = path.partition(".")
            section = getattr(self, section_key, None)
            if isinstance(section, KindSection) and key in section.unused_keys():
                kind = getattr(section, section.KIND_FIELD)
                raise ValueError(f"uncertainty.\"{path}\" draws a field that {section_key}.{section.KIND_FIELD} = "
                                 f"\"{getattr(kind, 'value', kind)}\" does not read; remove the distribution, or "
                                 f"choose {section.UNUSED_HINT}")
        return self
