"""The scenario: every input of a Moonbase Alpha run, validated, in SI.

Scenarios are TOML. Every physical field is a string with a unit (``"2.5 km/s"``),
parsed with astropy.units and stored as an SI float; every field documents its
meaning, unit, valid range and the source of its default (``moonbase scenario show``
prints them). Unknown keys are errors. Rates written as ``"%/yr"`` are compound
annual rates; models use continuous rates, converted by :mod:`moonbase.scenario.rates`.

Python attribute names carry the SI unit (``exit_speed_m_s``); the TOML key is the
plain name (``exit_speed``).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer, model_validator

from moonbase.industry.extraction import city_product_energy_j_kg, regolith_per_product_kg_kg
from moonbase.industry.lunar_power import city_illumination_fraction
from moonbase.scenario.distributions import CorrelationList, UncertaintyTable
from moonbase.scenario.fields import Quantity, field

FRACTION = Quantity("", ge=0.0, le=1.0, hint="it is a fraction, not a percent (write 0.9 or \"90 %\")")
OPEN_FRACTION = Quantity("", ge=0.0, lt=1.0, hint="it is a fraction below 1")
EFFICIENCY = Quantity("", gt=0.0, le=1.0, hint="an efficiency is a fraction in (0, 1]")
EMISSIVITY = Quantity("", gt=0.0, le=1.0, hint="emissivity is a fraction in (0, 1]")

Fraction = Annotated[float, FRACTION]
OpenFraction = Annotated[float, OPEN_FRACTION]
Efficiency = Annotated[float, EFFICIENCY]
Emissivity = Annotated[float, EMISSIVITY]
Mass = Annotated[float, Quantity("t", gt=0.0)]
MassOrZero = Annotated[float, Quantity("t", ge=0.0)]
Duration = Annotated[float, Quantity("yr", gt=0.0)]
AnnualRate = Annotated[float, Quantity("%/yr", ge=0.0, le=1000.0)]
AnnualDecline = Annotated[float, Quantity("%/yr", ge=0.0, lt=100.0)]
Power = Annotated[float, Quantity("GW", ge=0.0)]
PositivePower = Annotated[float, Quantity("GW", gt=0.0)]
PowerPerYear = Annotated[float, Quantity("GW/yr", ge=0.0)]
LaunchRate = Annotated[float, Quantity("1/yr", ge=0.0)]
PricePerKg = Annotated[float, Quantity("USD/kg", ge=0.0)]
PositivePricePerKg = Annotated[float, Quantity("USD/kg", gt=0.0)]
PricePerWatt = Annotated[float, Quantity("USD/W", ge=0.0)]
Temperature = Annotated[float, Quantity("K", gt=0.0)]
ArealDensity = Annotated[float, Quantity("kg/m2", gt=0.0)]
SpecificMass = Annotated[float, Quantity("kg/kW", gt=0.0)]
Angle = Annotated[float, Quantity("deg", ge=-360.0, le=360.0)]
Latitude = Annotated[float, Quantity("deg", ge=-90.0, le=90.0)]
Elevation = Annotated[float, Quantity("deg", ge=0.0, le=90.0)]
Speed = Annotated[float, Quantity("km/s", gt=0.0, hint="the exit speed must be positive")]
Height = Annotated[float, Quantity("m", ge=-10_000.0, le=20_000.0)]
Distance = Annotated[float, Quantity("AU", gt=0.05, le=50.0)]
Acceleration = Annotated[float, Quantity("m/s2", gt=0.0)]
EfficiencyPerEnergy = Annotated[float, Quantity("FLOP/J", gt=0.0)]
SpecificPower = Annotated[float, Quantity("W/kg", ge=0.0)]
EnergyPerMass = Annotated[float, Quantity("MJ/kg", ge=0.0)]
MoneyPerYear = Annotated[float, Quantity("USD/yr", ge=0.0)]

_OWN = "moonbase assumption (see docs/design/scenario_defaults.md)"


class Section(BaseModel):
    """Base of every scenario table: frozen, unknown keys forbidden, TOML keys as aliases."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True, populate_by_name=False)


class Span(Section):
    """Simulated period and time step."""

    start_year: int = Field(2026, ge=1950, le=2500, description="First calendar year simulated (starts 1 January).",
                            json_schema_extra={"source": "issue 2: default span 2026-2100"})
    end_year: int = Field(2100, ge=1951, le=3000, description="Last calendar year simulated (ends 31 December).",
                          json_schema_extra={"source": "issue 2: default span 2026-2100"})
    steps_per_year: int = Field(12, ge=1, le=365, description="Time steps per year (12 = monthly).",
                                json_schema_extra={"source": "issue 2: monthly steps"})

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end_year < self.start_year:
            raise ValueError(f"end_year = {self.end_year} is before start_year = {self.start_year}; "
                             "expected end_year >= start_year")
        return self


class World(Section):
    """Civilisation's primary power, the yardstick of the Kardashev index."""

    primary_power_w: PositivePower = field(
        "19647 GW", "primary_power", "World primary power in the reference year.",
        "Energy Institute, Statistical Review of World Energy 2024: 620 EJ in 2023 (= 19.65 TW)")
    reference_year: int = Field(2023, ge=1900, le=2200, description="Year of primary_power.",
                                json_schema_extra={"source": "Energy Institute 2024 (2023 data)"})
    growth_per_s: AnnualRate = field(
        "1.0 %/yr", "growth", "Compound annual growth of world primary power.",
        "Energy Institute 2024: ~1-2 %/yr average growth of primary energy 2013-2023")


class Compute(Section):
    """AI-accelerator technology roadmap and supply (shared by every tier)."""

    reference_year: int = Field(2025, ge=2000, le=2200, description="Year of the reference accelerator.",
                                json_schema_extra={"source": "NVIDIA B200 (HGX), shipping 2025"})
    reference_efficiency_flop_j: EfficiencyPerEnergy = field(
        "2.25e12 FLOP/J", "reference_efficiency", "Dense BF16 FLOP per joule of the reference accelerator.",
        "NVIDIA B200 (HGX) data sheet: 2,250 TFLOP/s BF16 dense at 1,000 W")
    improvement_per_s: AnnualRate = field(
        "40 %/yr", "improvement", "Compound annual improvement of accelerator energy efficiency.",
        "Epoch AI (2025): leading-GPU energy efficiency improves ~40 %/yr")
    ceiling_flop_j: EfficiencyPerEnergy = field(
        "1e15 FLOP/J", "ceiling", "Asymptotic energy efficiency of accelerators (CMOS limit).",
        "Ho, Erdil & Besiroglu, 'Limits to the energy efficiency of CMOS microprocessors', arXiv:2312.08595 (2023): order 1e15 FLOP/J")
    accelerator_cost_usd_per_w: PricePerWatt = field(
        "30 USD/W", "accelerator_cost", "Cost of compute hardware (accelerators, memory, boards) per watt.",
        "~515 kUSD DGX B200 list price / 14.3 kW maximum power (NVIDIA data sheet; press reports 2024)")
    supply_initial_w_per_s: Annotated[float, Quantity("GW/yr", gt=0.0)] = field(
        "15 GW/yr", "supply_initial", "World production of AI accelerators in the start year, as power.",
        "IEA, Energy and AI (2025): data-centre demand rising ~ 60-90 TWh/yr each year to 2030 (~10-15 GW/yr)")
    supply_max_w_per_s: Annotated[float, Quantity("GW/yr", gt=0.0)] = field(
        "5000 GW/yr", "supply_max", "Saturation of world accelerator production, as power per year.",
        _OWN + ": 5 TW/yr, ~300x 2025 output; semiconductor capacity beyond is speculative")
    supply_growth_per_s: AnnualRate = field(
        "30 %/yr", "supply_growth", "Compound annual growth of accelerator production.",
        "Epoch AI (2025): AI compute stock grows ~2.2x/yr while efficiency improves 1.4x/yr -> power ~1.5x/yr; tempered")
    space_share: Fraction = field(
        0.5, "space_share", "Largest fraction of world accelerator production space tiers may take.", _OWN)


class Launch(Section):
    """Fully reusable heavy launch from Earth (Starship class)."""

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
    architecture_share: Fraction = field(
        0.5, "architecture_share", "Fraction of heavy-launch capacity this architecture can buy.", _OWN)


_DESIGN = "design preset (src/moonbase/spacecraft/presets/<preset>.toml; argued in docs/design/satellite_design.md)"
_NoFraction = Annotated[float, Quantity("", ge=0.0, le=1.0, hint="it is a fraction, not a percent")]
_PositiveFraction = Annotated[float, Quantity("", gt=0.0, le=1.0, hint="it is a fraction in (0, 1]")]


def _design_field(key: str, doc: str) -> object:
    """A satellite-design field whose value comes from the named design preset unless given."""
    return field(..., key, doc, _DESIGN)


class SatelliteDesign(Section):
    """A satellite designed from components (``moonbase.spacecraft.design``).

    ``preset`` names a design preset (``moonbase satellite --help`` lists them); every
    field not written takes the preset's value, so a tier can say
    ``preset = "sso-datacenter"`` and override a few fields.
    """

    preset: str = Field("sso-datacenter", alias="preset", description="Design preset the unwritten fields come from.",
                        json_schema_extra={"source": "issue 5: sso-datacenter, starlink-v2-mini, deep-space-lunar"})
    # compute payload
    accelerators: int = Field(..., ge=0, le=10_000_000, alias="accelerators",
                              description="Powered accelerators (or payload units) per satellite.",
                              json_schema_extra={"source": _DESIGN})
    accelerator_power_w: Annotated[float, Quantity("kW", gt=0.0)] = _design_field(
        "accelerator_power", "Electrical power per accelerator, its share of host, memory and network included.")
    accelerator_flop_s: Annotated[float, Quantity("FLOP/s", ge=0.0)] = _design_field(
        "accelerator_flops", "Dense BF16 throughput per accelerator.")
    accelerator_memory_bit: Annotated[float, Quantity("GB", ge=0.0)] = _design_field(
        "accelerator_memory", "High-bandwidth memory per accelerator.")
    compute_specific_mass_kg_w: SpecificMass = _design_field(
        "compute_specific_mass", "Compute payload mass per kW (accelerators, boards, memory, cold plates).")
    spare_fraction: _NoFraction = _design_field("spare_fraction", "Cold-spare accelerators carried, per powered one.")
    tid_tolerance_gy: Annotated[float, Quantity("Gy", gt=0.0)] = _design_field(
        "tid_tolerance", "Total ionising dose the electronics tolerate (1 krad = 10 Gy).")
    shield_areal_density_kg_m2: ArealDensity = _design_field(
        "shield_areal_density", "Shielding around the payload, aluminium-equivalent (10 mm Al = 27 kg/m2).")
    payload_density_kg_m3: Annotated[float, Quantity("kg/m3", gt=0.0)] = _design_field(
        "payload_density", "Packed density of the compute payload (sets the shielded enclosure's area).")
    # solar array
    cell_efficiency: Efficiency = _design_field(
        "cell_efficiency", "Solar cell efficiency at the reference temperature, beginning of life.")
    cell_junctions: int = Field(..., ge=1, le=6, alias="cell_junctions", description="Junctions of the cells.",
                                json_schema_extra={"source": _DESIGN})
    cell_temperature_coefficient_per_k: Annotated[float, Quantity("%/K", ge=-2.0, le=2.0)] = _design_field(
        "cell_temperature_coefficient", "Relative change of cell efficiency per kelvin above the reference.")
    cell_reference_temperature_k: Temperature = _design_field(
        "cell_reference_temperature", "Temperature at which cell_efficiency is rated (AM0, 28 C = 301.15 K).")
    packing_factor: Efficiency = _design_field("packing_factor", "Fraction of array area covered by active cells.")
    array_areal_density_kg_m2: ArealDensity = _design_field(
        "array_areal_density", "Solar array mass per area (cells, substrate, deployment).")
    array_absorptivity: _PositiveFraction = _design_field("array_absorptivity", "Solar absorptivity of the array front.")
    array_emissivity: _PositiveFraction = _design_field("array_emissivity", "Infrared emissivity of each array face.")
    array_degradation_per_s: AnnualDecline = _design_field(
        "array_degradation", "Array power lost per year in its environment (compound).")
    # radiator
    radiator_temperature_k: Temperature = _design_field("radiator_temperature", "Radiator surface temperature.")
    radiator_max_temperature_k: Temperature = _design_field(
        "radiator_max_temperature", "Hottest radiator surface the electronics allow.")
    radiator_emissivity: Emissivity = _design_field("radiator_emissivity", "Radiator infrared emissivity.")
    radiator_absorptivity: _PositiveFraction = _design_field("radiator_absorptivity", "Radiator solar absorptivity.")
    radiator_sides: int = Field(..., ge=1, le=2, alias="radiator_sides", description="Radiating faces (1 or 2).",
                                json_schema_extra={"source": _DESIGN})
    radiator_areal_density_kg_m2: ArealDensity = _design_field(
        "radiator_areal_density", "Radiator mass per planform area (panels, heat pipes, loop).")
    sink_temperature_k: Temperature = _design_field(
        "sink_temperature", "Sky temperature the radiator sees besides the planet (3 K: deep space).")
    radiator_earth_view_scale: _NoFraction = _design_field(
        "radiator_earth_view_scale", "Radiator's view of the planet as a fraction of an edge-on panel's.")
    radiator_sun_view_factor: _NoFraction = _design_field(
        "radiator_sun_view_factor", "Cosine-weighted exposure of one radiator face to the Sun.")
    # bus
    bus_power_fraction: OpenFraction = _design_field(
        "bus_power_fraction", "Fraction of the load used by the bus (conversion, avionics, attitude, pumps).")
    structure_mass_fraction: OpenFraction = _design_field(
        "structure_mass_fraction", "Structure mass as a fraction of the dry mass.")
    other_mass_fraction: OpenFraction = _design_field(
        "other_mass_fraction", "Avionics, harness and power electronics as a fraction of the dry mass.")
    acs_mass_fraction: OpenFraction = _design_field(
        "acs_mass_fraction", "Attitude control (wheels, sensors) as a fraction of the dry mass.")
    propulsion_dry_mass_fraction: OpenFraction = _design_field(
        "propulsion_dry_mass_fraction", "Thrusters, tanks and feed as a fraction of the dry mass.")
    station_keeping_delta_v_m_s_per_s: Annotated[float, Quantity("m/(s yr)", ge=0.0)] = _design_field(
        "station_keeping_delta_v", "Velocity change per year for drag make-up, formation and disposal.")
    specific_impulse_s: Annotated[float, Quantity("s", gt=0.0)] = _design_field(
        "specific_impulse", "Specific impulse of the station-keeping thrusters.")
    battery_specific_energy_j_kg: Annotated[float, Quantity("W h/kg", gt=0.0)] = _design_field(
        "battery_specific_energy", "Battery energy per kg at the cell-pack level.")
    battery_depth_of_discharge: _PositiveFraction = _design_field(
        "battery_depth_of_discharge", "Fraction of battery capacity used in the longest eclipse.")
    battery_round_trip_efficiency: _PositiveFraction = _design_field(
        "battery_round_trip_efficiency", "Energy out of the battery per energy in.")
    eclipse_compute_fraction: _NoFraction = _design_field(
        "eclipse_compute_fraction", "Fraction of the compute kept running through eclipses (on batteries).")
    optical_terminals: int = Field(..., ge=0, le=64, alias="optical_terminals",
                                   description="Laser terminals (inter-satellite and ground links).",
                                   json_schema_extra={"source": _DESIGN})
    terminal_mass_kg: Annotated[float, Quantity("kg", ge=0.0)] = _design_field("terminal_mass", "Mass per terminal.")
    terminal_power_w: Annotated[float, Quantity("W", ge=0.0)] = _design_field(
        "terminal_power", "Electrical power per terminal.")
    terminal_transmit_power_w: Annotated[float, Quantity("W", ge=0.0)] = _design_field(
        "terminal_transmit_power", "Optical power each terminal transmits.")
    terminal_aperture_m: Annotated[float, Quantity("m", gt=0.0)] = _design_field(
        "terminal_aperture", "Telescope aperture diameter of each terminal.")
    terminal_max_rate_bit_s: Annotated[float, Quantity("Gbit/s", gt=0.0)] = _design_field(
        "terminal_max_rate", "Highest data rate a terminal modulates.")
    design_life_s: Duration = _design_field("design_life", "Design life of the satellite.")

    @model_validator(mode="before")
    @classmethod
    def _from_preset(cls, data: object) -> object:
        if not isinstance(data, dict):
            return data
        from moonbase.spacecraft.design_presets import design_preset_data  # data files only

        name = data.get("preset", cls.model_fields["preset"].default)
        if not name:
            return data
        preset = design_preset_data(name).get("design", {})
        return {**preset, **data, "preset": name}

    @model_validator(mode="after")
    def _fractions(self) -> SatelliteDesign:
        pair = self.structure_mass_fraction + self.other_mass_fraction
        if pair >= 1.0:
            raise ValueError(f"structure_mass_fraction + other_mass_fraction = {pair:.3g} must be below 1")
        total = pair + self.acs_mass_fraction + self.propulsion_dry_mass_fraction
        if total >= 1.0:
            raise ValueError(
                f"structure_mass_fraction + other_mass_fraction + acs_mass_fraction + propulsion_dry_mass_fraction = "
                f"{total:.3g} must be below 1")
        return self


class EarthOrbit(Section):
    """AI data-center satellites in Earth orbit (dawn-dusk sun-synchronous by default), launched from Earth."""

    enabled: bool = Field(True, description="Deploy the Earth-orbit tier.", json_schema_extra={"source": "issue 2"})
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


_LUNAR_NOTE = "our estimate, argued in docs/design/lunar_limits.md"


class LunarSite(StrEnum):
    """Where the lunar city stands (sets the light regime its power must live with)."""

    POLAR_RIDGE = "polar-ridge"
    EQUATORIAL = "equatorial"


class RegolithType(StrEnum):
    """Bulk regolith chemistry (keys of ``moonbase.industry.regolith.OXIDE_WEIGHT_PERCENT``)."""

    HIGHLANDS = "highlands"
    MARE = "mare"
    MARE_LOW_TI = "mare-low-ti"
    POLAR = "polar"
    POLAR_ICY = "polar-icy"


class ExtractionProcessName(StrEnum):
    """Main process turning regolith into metal and oxygen (``moonbase.industry.extraction.PROCESSES``)."""

    MOLTEN_REGOLITH_ELECTROLYSIS = "molten-regolith-electrolysis"
    CARBOTHERMAL = "carbothermal"
    HYDROGEN_REDUCTION = "hydrogen-reduction"
    MOLTEN_SALT_ELECTROLYSIS = "molten-salt-electrolysis"


# the defaults of the three choices that derive production_energy, regolith_per_product, illumination_fraction
_DEFAULT_PROCESS = ExtractionProcessName.MOLTEN_REGOLITH_ELECTROLYSIS
_DEFAULT_REGOLITH = RegolithType.POLAR
_DEFAULT_SITE = LunarSite.POLAR_RIDGE
_DERIVED = ("derived from the choices when not given (docs/design/lunar_materials.md, 'From the choices to "
            "the timeline'); a number, or an [uncertainty] distribution on it, overrides")


class LunarIndustry(Section):
    """The self-growing industry on the Moon (the lunar_surface tier).

    ``production_energy``, ``regolith_per_product`` and ``illumination_fraction`` are
    derived from ``extraction_process``, ``regolith`` and ``site`` when the scenario
    gives no number: the section's validator fills them in (:meth:`derived_values`), so
    every reader of the attribute gets the value the models use. Unset, they are written
    ``"derived"`` when the scenario is shown.
    """

    #: Fields derived from the site / regolith / process choices when the scenario leaves them out.
    DERIVED_FIELDS: ClassVar[tuple[str, ...]] = ("production_energy_j_kg", "regolith_per_product",
                                                 "illumination_fraction")
    DERIVED_MARK: ClassVar[str] = "derived"

    enabled: bool = Field(True, description="Build the lunar route.", json_schema_extra={"source": "issue 2"})
    seed_year: int = Field(2032, ge=1950, le=3000, description="Year the seed industry lands.",
                           json_schema_extra={"source": _OWN})
    seed_mass_kg: Mass = field("100 t", "seed_mass", "Industrial mass landed as the seed.",
                               "Metzger et al. (2013) landed 12-41 t; " + _OWN)
    replication_time_s: Duration = field(
        "2 yr", "replication_time",
        "Time for the industry to produce its own mass, working 70 % of the time (a polar site); at a site lit a "
        "fraction f of the time it takes 0.70 / f as long (the machines idle in the dark).",
        "Metzger et al. (2013): generations ~2 yr apart; 41 t -> 40,000 t in ~12 yr implies e-folding 1.7 yr")
    generation_interval_s: Duration = field("2 yr", "generation_interval",
                                            "Time between industrial generations.", "Metzger et al. (2013)")
    local_fractions: list[Fraction] = Field(
        default_factory=lambda: [0.0, 0.5, 0.7, 0.9, 0.95, 0.99, 1.0], alias="local_fractions",
        description="Fraction of each new kg made from lunar material, per generation.",
        json_schema_extra={"source": "Metzger et al. (2013): 90 % by gen 3.0, 95 % by 4.0, 99 % by 5.0, 100 % by 6.0"})
    power_per_mass_w_kg: SpecificPower = field(
        "10 W/kg", "power_per_mass", "Average electrical power per kg of industry (its own solar fields).", _OWN)
    production_energy_j_kg: EnergyPerMass = field(
        f"{city_product_energy_j_kg(_DEFAULT_PROCESS, _DEFAULT_REGOLITH) / 1e6:.4g} MJ/kg", "production_energy",
        "Electrical energy per kg of finished product from regolith (unset: extraction_process on regolith).",
        _DERIVED + "; the default is molten regolith electrolysis on polar feed "
        "(moonbase.industry.extraction.city_product_energy_j_kg)")
    satellite_share: Fraction = field(0.5, "satellite_share",
                                      "Fraction of production turned into satellites once the mass driver runs.", _OWN)
    max_launch_share: Fraction = field(
        0.5, "max_launch_share", "Largest share of the architecture's Earth launches that may carry lunar cargo.", _OWN)
    usable_area_fraction: Fraction = field(
        0.01, "usable_area_fraction", "Fraction of the Moon's surface the city may cover with solar fields.",
        _OWN + ": 1 % of 3.8e7 km2")
    solar_cell_efficiency: Efficiency = field(
        0.15, "solar_cell_efficiency", "Efficiency of lunar-made solar cells.",
        "Ignatiev & Freundlich: thin-film Si cells from regolith ~ 5-15 % (1998 NASA study); " + _OWN)
    illumination_fraction: Fraction = field(
        city_illumination_fraction(_DEFAULT_SITE), "illumination_fraction", "Fraction of time the city's solar fields are lit (unset: from site).",
        _DERIVED + "; polar-ridge 0.70 (Metzger et al. 2013 polar duty cycle), equatorial 0.50")
    chip_fab: bool = Field(True, description="Build a semiconductor fab on the Moon at chip_fab_year.",
                           json_schema_extra={"source": "issue 6: a scenario switch"})
    chip_fab_year: int = Field(2055, ge=1950, le=3000, description="Year lunar chips replace Earth imports.",
                               json_schema_extra={"source": _OWN})
    landed_per_leo_mass: Efficiency = field(
        0.25, "landed_per_leo_mass", "kg landed on the Moon per kg launched to LEO.",
        "Metzger et al. (2013): ~4 kg in LEO per kg landed at the poles")
    earth_hardware_cost_usd_per_kg: PricePerKg = field(
        "1000 USD/kg", "earth_hardware_cost", "Cost of Earth-made machinery sent to the Moon, per kg.", _OWN)
    operations_cost_usd_per_s: MoneyPerYear = field(
        "1e9 USD/yr", "operations_cost", "Fixed yearly cost of running the lunar base once seeded.", _OWN)
    site: LunarSite = Field(_DEFAULT_SITE, description="Site kind: a polar ridge or the equator.",
                            json_schema_extra={"source": "issue 6; Bussey et al. (2010) for polar illumination"})
    regolith: RegolithType = Field(
        _DEFAULT_REGOLITH, description="Regolith chemistry mined by the city.",
        json_schema_extra={"source": "Lunar Sourcebook (1991) Table 7.15; LCROSS (Colaprete et al. 2010) for polar-icy"})
    extraction_process: ExtractionProcessName = Field(
        _DEFAULT_PROCESS, description="Main regolith-to-metal process.",
        json_schema_extra={"source": "NASA ISRU molten regolith electrolysis; Schwandt et al. (2012)"})
    regolith_per_product: Annotated[float, Quantity("", ge=1.0, le=1000.0, hint="kg of regolith per kg of product")] = field(
        round(regolith_per_product_kg_kg(_DEFAULT_PROCESS, _DEFAULT_REGOLITH), 3), "regolith_per_product",
        "Regolith mined per kg of locally made product (unset: 1 / the process's metal yield on regolith).",
        _DERIVED + "; the default is molten regolith electrolysis on polar feed "
        "(moonbase.industry.extraction.regolith_per_product_kg_kg)")
    mining_depth_m: Annotated[float, Quantity("m", ge=0.0, le=100.0)] = field(
        "3 m", "mining_depth", "Depth to which the city mines the regolith under its usable area.",
        "McKay et al. (1991), Lunar Sourcebook ch. 7: regolith 4-5 m thick on maria, 10-15 m in highlands; " + _LUNAR_NOTE)
    regolith_bulk_density_kg_m3: Annotated[float, Quantity("g/cm3", gt=0.5, le=5.0)] = field(
        "1.66 g/cm3", "regolith_bulk_density", "In-place bulk density of the mined regolith.",
        "Carrier et al. (1991), Lunar Sourcebook Table 9.4: 1.66 +/- 0.05 g/cm3 over 0-60 cm")
    radiator_temperature_k: Temperature = field("350 K", "radiator_temperature",
                                                "Temperature of the city's heat-rejection radiators.", _LUNAR_NOTE)
    radiator_sink_temperature_k: Temperature = field(
        "250 K", "radiator_sink_temperature", "Effective sink the city's radiators see (sky and warm ground).", _LUNAR_NOTE)
    radiator_emissivity: Emissivity = field(0.9, "radiator_emissivity", "Emissivity of the city's radiators.",
                                            "Starcloud white paper (2024): 0.92; " + _LUNAR_NOTE)
    chip_fab_mass_kg: MassOrZero = field("5000 t", "chip_fab_mass",
                                         "Earth-made mass of the lunar semiconductor fab, landed at chip_fab_year.", _LUNAR_NOTE)
    chip_fab_power_w: Power = field("100 MW", "chip_fab_power", "Average electrical power the running fab draws.",
                                    _LUNAR_NOTE)
    chip_fab_max_power_share: Annotated[float, Quantity("", gt=0.0, le=1.0)] = field(
        0.5, "chip_fab_max_power_share",
        "The fab starts only when its power is at most this share of the city's power (else chips stay imported).",
        _OWN)

    def derived_values(self) -> dict[str, float]:
        """The numbers the site / regolith / process choices imply (SI), by attribute name.

        ``production_energy_j_kg`` and ``regolith_per_product`` are the chosen extraction
        process on the chosen regolith, the product being the alloy (or glass) it frees
        (:func:`moonbase.industry.extraction.city_product_energy_j_kg`,
        :func:`~moonbase.industry.extraction.regolith_per_product_kg_kg`);
        ``illumination_fraction`` is the site's
        (:func:`moonbase.industry.lunar_power.city_illumination_fraction`).
        """
        process, regolith = self.extraction_process.value, self.regolith.value
        return {"production_energy_j_kg": city_product_energy_j_kg(process, regolith),
                "regolith_per_product": regolith_per_product_kg_kg(process, regolith),
                "illumination_fraction": city_illumination_fraction(self.site.value)}

    def derived_fields(self) -> dict[str, float]:
        """The derived values this section uses: those of :meth:`derived_values` it was not given."""
        return {name: value for name, value in self.derived_values().items() if name not in self.model_fields_set}

    @model_validator(mode="after")
    def _derive_from_choices(self) -> "LunarIndustry":
        """Fill the fields the scenario left out with what its choices imply (kept out of ``model_fields_set``)."""
        for name, value in self.derived_fields().items():
            object.__setattr__(self, name, value)
        return self

    @model_validator(mode="before")
    @classmethod
    def _derived_left_out(cls, data: Any) -> Any:
        """``"derived"`` (as ``scenario show`` writes it) means: not given, derive it."""
        if not isinstance(data, dict):
            return data
        keys = {cls.model_fields[name].alias or name for name in cls.DERIVED_FIELDS}
        return {key: value for key, value in data.items()
                if not (key in keys and isinstance(value, str) and value.strip().lower() == cls.DERIVED_MARK)}

    @model_serializer(mode="wrap")
    def _show_derived(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data = handler(self)
        for name in self.DERIVED_FIELDS:
            if name not in self.model_fields_set:
                alias = type(self).model_fields[name].alias
                key = alias if alias in data else name
                data[key] = self.DERIVED_MARK
        return data


_MD_NOTE = "moonbase design choice for the mass driver, argued in docs/design/mass_driver_machine.md (Defaults)"


class MassDriverEnergyModel(StrEnum):
    """How the timeline gets the mass driver's energy per launch."""

    COIL_STAGE = "coil_stage"  # the stage-by-stage linear-motor design (moonbase.massdriver.design)
    LUMPED = "lumped"  # one electrical-to-kinetic efficiency (mass_driver.efficiency)


class WindingConductor(StrEnum):
    """Stator winding material (moonbase.massdriver.electromagnetics.CONDUCTORS)."""

    ALUMINIUM = "aluminium"
    COPPER = "copper"


class PulseStorage(StrEnum):
    """Energy store between shots (moonbase.massdriver.power_storage.STORAGE_TECHNOLOGIES)."""

    FLYWHEEL = "flywheel"
    CAPACITOR = "capacitor"
    SMES = "smes"


class IlluminationSite(StrEnum):
    """Kind of site for the driver's solar field (moonbase.industry.lunar_power.ILLUMINATION_FRACTION_BY_SITE)."""

    POLAR_RIDGE_BEST = "polar-ridge-best"
    POLAR_RIDGE_PAIR = "polar-ridge-pair"
    POLAR_METZGER_2013 = "polar-metzger-2013"
    LOW_LATITUDE_METZGER_2013 = "low-latitude-metzger-2013"
    EQUATORIAL = "equatorial"


class NightOperation(StrEnum):
    """What the driver does when its solar field is dark."""

    IDLE = "idle"  # fire only in sunlight
    STORED = "stored"  # fire through the night from batteries


class CoilStageDesign(Section):
    """The accelerator's linear synchronous motor: carrier magnet and pulsed stator stages."""

    air_gap_field_t: Annotated[float, Quantity("T", gt=0.0, le=20.0)] = field(
        "1 T", "air_gap_field", "Peak field of the carrier magnet at the stator windings.",
        _MD_NOTE + ": NdFeB Halbach arrays give ~1 T (remanence 1.2-1.4 T); superconducting carriers several T")
    magnet_length_m: Annotated[float, Quantity("m", gt=0.0)] = field(
        "2 m", "magnet_length", "Length of the carrier magnet along the track.", _MD_NOTE)
    magnet_width_m: Annotated[float, Quantity("m", gt=0.0)] = field(
        "0.5 m", "magnet_width", "Width of the carrier magnet (and active stator width).", _MD_NOTE)
    stage_length_m: Annotated[float, Quantity("m", gt=0.0)] = field(
        "2 m", "stage_length", "Length of one independently switched stator stage.",
        _MD_NOTE + "; Mass Driver 1 (MIT 1977): ~20 coils in ~2 m (0.1 m stages)")
    turns_per_stage: Annotated[float, Quantity("", gt=0.0)] = field(
        4.0, "turns_per_stage", "Turns of each stage winding (sets drive current against voltage).", _MD_NOTE)
    conductor: WindingConductor = Field(WindingConductor.ALUMINIUM, description="Stator winding material.",
                                        json_schema_extra={"source": _MD_NOTE + ": aluminium is what a lunar smelter makes"})
    temperature_rise_k: Annotated[float, Quantity("K", gt=0.0, le=300.0)] = field(
        "50 K", "temperature_rise", "Adiabatic temperature rise allowed in a winding per pulse.", _MD_NOTE)
    max_current_density_a_m2: Annotated[float, Quantity("A/mm2", gt=0.0)] = field(
        "200 A/mm2", "max_current_density", "Cap on the winding current density (mechanical, insulation).", _MD_NOTE)
    end_winding_factor: Annotated[float, Quantity("", ge=1.0, le=5.0)] = field(
        1.5, "end_winding_factor", "Winding length per unit of active width (end turns).", _MD_NOTE)
    converter_efficiency: Efficiency = field(
        0.95, "converter_efficiency", "Efficiency of the switches between the store and the stages.",
        _MD_NOTE + "; thyristor/IGBT converters 95-99 %")


class MassDriver(Section):
    """The electromagnetic launcher that fires satellites off the Moon."""

    first_launch_year: int = Field(2040, ge=1950, le=3000, description="Year the mass driver first fires.",
                                   json_schema_extra={"source": _OWN})
    latitude_rad: Latitude = field("0 deg", "latitude", "Selenographic latitude of the track's exit.",
                                   "Trailing apex of the Moon (Mare Smythii, ~1 N 87 E): see docs/design/patched_conic_escape.md")
    longitude_rad: Angle = field("90 deg", "longitude", "Selenographic longitude (east positive) of the exit.",
                                 "Trailing apex: the cheapest horizontal escape, 2.41 km/s (docs/design/patched_conic_escape.md)")
    height_m: Height = field("0 m", "height", "Exit height above the mean lunar radius.", _OWN)
    azimuth_rad: Angle = field("90 deg", "azimuth", "Track direction, clockwise from local north.",
                               "Due east at the trailing apex: patched-conic minimum 2.412 km/s at 1 deg elevation")
    elevation_rad: Elevation = field("1 deg", "elevation", "Track elevation above the local horizontal.",
                                     _OWN + ": clears local terrain; horizontal tracks need the least speed")
    exit_speed_m_s: Speed = field("2.6 km/s", "exit_speed", "Speed at the end of the track, relative to the surface.",
                                  "2.412 km/s patched-conic threshold + 188 m/s margin (> the 120 m/s the design note asks for)")
    max_acceleration_m_s2: Acceleration = field("1000 m/s2", "max_acceleration",
                                                "Largest acceleration on the track (payload g-limit).",
                                                "Issue 4 example; Mass Driver 1 reached 20-35 g")
    payload_mass_kg: Mass = field("1 t", "payload_mass", "Satellite mass fired per launch.",
                                  "Snow & Kolm (NASA 1992): 1-ton containers")
    carrier_mass_kg: MassOrZero = field("0.5 t", "carrier_mass", "Recirculating carrier (bucket) mass.",
                                        "O'Neill (1976): ~5 kg buckets for ~9 kg payloads")
    efficiency: Efficiency = field(0.6, "efficiency", "Electrical-to-kinetic efficiency (energy_model = lumped).",
                                   "O'Neill (SSI 1976): overall efficiency estimated above 60 %")
    carrier_energy_recovery: Fraction = field(0.5, "carrier_energy_recovery",
                                              "Fraction of the carrier's kinetic energy recovered when braking.", _OWN)
    max_launch_rate_per_s: Annotated[float, Quantity("1/s", gt=0.0)] = field(
        "2 1/s", "max_launch_rate", "Largest launch rate of the installed drivers.",
        "NASA SP-413 (1977): five launches per second; " + _OWN)
    availability: Efficiency = field(0.9, "availability", "Fraction of time the driver can fire.", _OWN)
    energy_model: MassDriverEnergyModel = Field(
        MassDriverEnergyModel.COIL_STAGE, description="Energy per launch from the coil-stage design or one efficiency.",
        json_schema_extra={"source": "issue 4"})
    ramp_jerk_m_s3: Annotated[float, Quantity("m/s3", gt=0.0)] = field(
        "1000 m/s3", "ramp_jerk", "Rate of rise of acceleration at the start of the track.",
        _MD_NOTE + ": 1 s to reach 100 g0")
    carrier_rating_kg: Mass = field("1.5 t", "carrier_rating", "Largest payload a carrier is built to fire.", _MD_NOTE)
    braking_deceleration_m_s2: Acceleration = field(
        "2000 m/s2", "braking_deceleration", "Deceleration of the empty carrier on the braking section.",
        _MD_NOTE + ": the empty carrier is rated above the payload's g-limit")
    return_speed_m_s: Annotated[float, Quantity("m/s", gt=0.0)] = field(
        "100 m/s", "return_speed", "Cruise speed of empty carriers on the return track.", _MD_NOTE)
    turnaround_s: Annotated[float, Quantity("s", ge=0.0)] = field(
        "60 s", "turnaround", "Loading and checkout time of a carrier at the breech.", _MD_NOTE)
    electromagnetics: CoilStageDesign = Field(default_factory=CoilStageDesign,
                                              description="Linear-motor design of the accelerator.")
    storage: PulseStorage = Field(PulseStorage.FLYWHEEL, description="Energy store between shots.",
                                  json_schema_extra={"source": "EMALS stores launch energy in flywheels (disk alternators)"})
    illumination_site: IlluminationSite = Field(
        IlluminationSite.EQUATORIAL, description="Kind of site of the driver's solar field (sets its illumination).",
        json_schema_extra={"source": "default site at 0 N (trailing apex): lit half of each 29.53-day synodic month"})
    night_operation: NightOperation = Field(
        NightOperation.IDLE, description="Idle in the dark, or fire through the night from batteries.",
        json_schema_extra={"source": _MD_NOTE + ": batteries for a 14.77-day night outweigh the driver"})
    solar_cell_efficiency: Efficiency = field(
        0.15, "solar_cell_efficiency", "Efficiency of the driver's (lunar-made) solar cells.",
        "Ignatiev & Freundlich: thin-film Si cells from regolith ~ 5-15 % (1998 NASA study); " + _MD_NOTE)
    solar_packing_factor: Efficiency = field(0.9, "solar_packing_factor",
                                             "Cell-covered fraction of the solar field.", _MD_NOTE)
    solar_areal_density_kg_m2: ArealDensity = field(
        "5 kg/m2", "solar_areal_density", "Solar field mass per area (cells, glass, frames, wiring).", _MD_NOTE)
    radiator_temperature_k: Temperature = field("350 K", "radiator_temperature",
                                                "Temperature of the radiators that reject the driver's losses.", _MD_NOTE)
    radiator_emissivity: Emissivity = field(0.9, "radiator_emissivity", "Radiator infrared emissivity.",
                                            "Starcloud white paper (2024): 0.92")
    radiator_areal_density_kg_m2: ArealDensity = field(
        "5 kg/m2", "radiator_areal_density", "Radiator mass per planform area.",
        "Spacecraft deployable radiators 3-6 kg/m2 (Gilmore, Spacecraft Thermal Control Handbook, 2002)")
    sink_temperature_k: Temperature = field("250 K", "sink_temperature",
                                            "Effective radiative sink of radiators on the lunar surface.", _MD_NOTE)
    guideway_linear_density_kg_m: Annotated[float, Quantity("kg/m", gt=0.0)] = field(
        "250 kg/m", "guideway_linear_density", "Guideway mass per metre: beams, stator back iron, supports.",
        _MD_NOTE + "; a UIC 60 rail is 60 kg/m (EN 13674-1)")
    switch_specific_mass_kg_w: Annotated[float, Quantity("kg/MW", ge=0.0)] = field(
        "0.1 kg/MW", "switch_specific_mass", "Stage switch mass per watt of pulse rating (with drives, bus bars).",
        _MD_NOTE + ": press-pack thyristors, several kV x kA per ~1-2 kg device, x5 installed")
    delivered_cost_usd_per_kg: PricePerKg = field(
        "2000 USD/kg", "delivered_cost", "Cost to make and land one kg of Earth-made driver hardware on the Moon.",
        _MD_NOTE + ": 200 USD/kg to LEO / 0.25 landed per LEO kg + 1000 USD/kg hardware")
    power_available_w: PositivePower = field(
        "50 GW", "power_available", "Largest average power the site's power system can give the driver.", _MD_NOTE)
    satellite_rated_acceleration_m_s2: Acceleration = field(
        "60 m/s2", "satellite_rated_acceleration", "Load a rocket-launched satellite's structure is built for.",
        "launch-vehicle quasi-static axial design loads ~6 g0 (e.g. SpaceX Falcon user's guide)")
    ruggedisation_exponent: Annotated[float, Quantity("", ge=0.0, le=1.0)] = field(
        0.5, "ruggedisation_exponent", "Structure mass grows as (g-load)^exponent above the rated load.",
        "Ashby, Materials Selection in Mechanical Design (2011) ch. 5: 1 ties, 1/2 columns, 1/3 panels")


class DeepSpace(Section):
    """Lunar-made AI satellites in heliocentric orbit."""

    enabled: bool = Field(True, description="Deploy the deep-space tier.", json_schema_extra={"source": "issue 2"})
    design: SatelliteDesign = Field(
        default_factory=lambda: SatelliteDesign.model_validate({"preset": "deep-space-lunar"}),
        description="Satellite design (lunar-made: cruder and heavier than Earth-made; a preset and overrides).")
    heliocentric_distance_m: Distance = field("1 AU", "heliocentric_distance", "Mean distance from the Sun.",
                                              "Escape at low excess speed leaves payloads near 1 au")
    failure_rate_per_s: AnnualDecline = field("2 %/yr", "failure_rate", "Random failures per year.", _OWN)
    earth_made_mass_fraction: Fraction = field(0.05, "earth_made_mass_fraction",
                                               "Fraction of satellite mass imported from Earth (chips) before the lunar fab.", _OWN)


class Ground(Section):
    """Terrestrial AI data centers: the reference tier."""

    initial_power_w: PositivePower = field("20 GW", "initial_power", "AI data-center compute power at the start.",
                                           "IEA, Energy and AI (2025): data centres 415 TWh in 2024 (~47 GW), AI share rising")
    max_power_w: PositivePower = field("1000 GW", "max_power", "Ceiling of terrestrial AI power (grid, siting).", _OWN)
    growth_per_s: AnnualRate = field("25 %/yr", "growth", "Early compound annual growth (logistic).",
                                     "IEA (2025): 415 TWh (2024) -> 945 TWh (2030), ~15 %/yr all data centres; AI faster")
    hardware_life_s: Duration = field("5 yr", "hardware_life", "Accelerator replacement cycle.", _OWN)


class Economics(Section):
    """Spending limits."""

    budget_cap: bool = Field(False, description="Cap the architecture's yearly spending at annual_budget.",
                             json_schema_extra={"source": "issue 2"})
    annual_budget_usd_per_s: MoneyPerYear = field("1e12 USD/yr", "annual_budget",
                                                  "Yearly spending cap when budget_cap is true.", _OWN)


_FIN = "moonbase assumption, argued in docs/design/economics_lcoc.md"


def _finance_field(default: object, key: str, doc: str, source: str, date: str, confidence: str) -> object:
    """A Finance field: like :func:`field`, plus the date and confidence of its default (issue 10)."""
    return Field(default=default, alias=key, description=doc, json_schema_extra={
        "source": source, "default_text": default if isinstance(default, str) else repr(default),
        "date": date, "confidence": confidence})


class Finance(Section):
    """Cost of capital, delivery and the compute price: what the economics view needs (issue 10).

    The rates are compound annual rates; the economics modules convert them (they are
    not in ``GROWTH_FIELDS``). ``ground_baseline`` and ``price_baseline`` name Earth
    baselines (``moonbase economics --help`` lists them).
    """

    cost_of_equity_per_s: AnnualRate = _finance_field(
        "12 %/yr", "cost_of_equity", "Return equity investors require (compound annual, nominal).",
        "Lazard LCOE+ v17.0 (June 2024) key assumptions: 12 % cost of equity", "2024", "medium")
    cost_of_debt_per_s: AnnualRate = _finance_field(
        "8 %/yr", "cost_of_debt", "Interest rate on debt (compound annual, nominal).",
        "Lazard LCOE+ v17.0 (June 2024) key assumptions: 8 % cost of debt", "2024", "medium")
    debt_share: Fraction = _finance_field(
        0.6, "debt_share", "Debt over total capital (D/V).", "Lazard LCOE+ v17.0 (June 2024): 60 % debt", "2024",
        "medium")
    tax_rate: Fraction = _finance_field(
        0.21, "tax_rate", "Marginal tax rate (interest is deductible).",
        "US federal corporate income tax, 26 U.S.C. 11(b) as amended 2017", "2018", "high")
    space_risk_premium_per_s: AnnualRate = _finance_field(
        "0 %/yr", "space_risk_premium", "Added to the WACC of the space tiers (unproven technology).",
        _FIN + ": 0 keeps the comparison on the same money; sweep it", "2025", "low")
    utilisation: _PositiveFraction = _finance_field(
        0.85, "utilisation", "Fraction of available hardware time doing paid work (every tier).",
        "spacedc-mdao 0.4.2 default utilization 0.85", "2026", "low")
    sustained_fraction: _PositiveFraction = _finance_field(
        0.55, "sustained_fraction", "Achieved over peak dense FLOP/s of running hardware (every tier).",
        "spacedc-mdao 0.4.2 default 0.55; Llama 3 pre-training reached 38-43 % MFU (Dubey et al. 2024)", "2026", "low")
    space_availability: _PositiveFraction = _finance_field(
        0.99, "space_availability", "Fraction of time working satellites can compute (resets, upsets, safe modes).",
        "spacedc-mdao 0.4.2 reset_recovery_availability 0.99", "2026", "low")
    space_operations_per_s: AnnualRate = _finance_field(
        "1 %/yr", "space_operations", "Yearly operations (ground segment, control, insurance), fraction of capex.",
        "McCalip calculator (2025): orbital ops 1 % of hardware per year; spacedc-mdao 0.4.2: 5 MUSD/yr on ~557 MUSD",
        "2025", "medium")
    space_construction_s: Duration = _finance_field(
        "1 yr", "space_construction", "Build, launch and commissioning time of a satellite, capital spent evenly.",
        _FIN, "2025", "low")
    lunar_base_life_s: Duration = _finance_field(
        "20 yr", "lunar_base_life", "Life over which the lunar industry's capital is recovered from its satellites.",
        _FIN, "2025", "low")
    bus_learning_rate: OpenFraction = _finance_field(
        0.1, "bus_learning_rate", "Satellite bus cost fall per doubling of satellites built (Wright's law).",
        "NASA Cost Estimating Handbook v4.0 (2015): aerospace learning curves ~85-95 %; " + _FIN, "2015", "low")
    bus_reference_units: Annotated[float, Quantity("", gt=0.0)] = _finance_field(
        1000.0, "bus_reference_units", "Satellites built when earth_orbit.bus_cost holds (Wright reference).",
        _FIN, "2025", "low")
    ground_baseline: str = Field("hyperscale-grid", min_length=1, description="Earth baseline of the ground tier.",
                                 json_schema_extra={"source": _FIN, "date": "2025", "confidence": "medium"})
    price_baseline: str = Field("hyperscale-grid", min_length=1,
                                description="Earth baseline whose levelized cost sets the compute price path.",
                                json_schema_extra={"source": _FIN + ": a competitive market prices compute at the "
                                                   "cheapest Earth supply's cost", "date": "2025", "confidence": "low"})
    price_markup: Annotated[float, Quantity("", ge=0.0, le=10.0, hint="a fraction: 0.2 is a 20 % markup")] = (
        _finance_field(0.0, "price_markup", "Markup of the compute price over the price baseline's levelized cost.",
                       _FIN + ": 0 asks whether space earns its WACC at Earth's cost", "2025", "low"))


class EscapeModel(StrEnum):
    """How the timeline decides whether mass-driver payloads reach heliocentric orbit."""

    PATCHED_CONIC = "patched_conic"
    PROPAGATED = "propagated"


_TRAJ = "moonbase assumption (see docs/design/fates.md)"


class Trajectory(Section):
    """Which model decides the fate of mass-driver payloads, and the propagated ensemble's settings.

    With ``escape_model = "propagated"`` an ensemble of ``count`` payloads, fired from
    the ``[mass_driver]`` site and track at times spread uniformly over ``window`` from
    ``epoch``, with normal dispersions of exit speed and angles, is propagated through
    the DE421 solar system for ``duration`` (once per scenario, cached); the fraction
    ending heliocentric is the timeline's escape fraction.
    """

    escape_model: EscapeModel = Field(EscapeModel.PATCHED_CONIC, description="Escape criterion.",
                                      json_schema_extra={"source": "issue 2 (patched conic); issue 3 adds propagation"})
    epoch: str = Field("2040-01-01T00:00:00", description="Start of the firing window (ISO 8601, UTC), 1900-2199 (DE421).",
                       json_schema_extra={"source": _TRAJ + ": the default first firing year of the mass driver"})
    window_s: Annotated[float, Quantity("d", ge=0.0, le=3650.0)] = field(
        "365 d", "window", "Firing times spread uniformly over this span from epoch (all Moon phases and seasons).", _TRAJ)
    count: int = Field(256, ge=1, le=100_000, description="Payloads propagated per scenario.",
                       json_schema_extra={"source": _TRAJ + ": 1/sqrt(256) = 6 % sampling error at worst"})
    duration_s: Annotated[float, Quantity("d", gt=0.0, le=3650.0)] = field(
        "120 d", "duration", "Propagated time per payload; heliocentric = outside Earth's Hill sphere at the end.", _TRAJ)
    speed_sigma_m_s: Annotated[float, Quantity("m/s", ge=0.0, le=1000.0)] = field(
        "1 m/s", "speed_sigma", "Standard deviation of the exit speed.", _TRAJ)
    angle_sigma_rad: Annotated[float, Quantity("deg", ge=0.0, le=10.0)] = field(
        "0.05 deg", "angle_sigma", "Standard deviation of the track azimuth and elevation.", _TRAJ)
    seed: int = Field(0, ge=0, description="Seed of the dispersions and firing times.",
                      json_schema_extra={"source": _TRAJ})

    @model_validator(mode="after")
    def _epoch_is_iso(self) -> Trajectory:
        from datetime import datetime

        try:
            year = datetime.fromisoformat(self.epoch).year
        except ValueError:
            raise ValueError(f"epoch = {self.epoch!r} is not an ISO 8601 date; write e.g. 2040-01-01T00:00:00 (UTC)") from None
        if not 1900 <= year <= 2199:
            raise ValueError(f"epoch = {self.epoch!r} is outside 1900-2199, the span of the DE421 ephemeris")
        return self


_CITY = "moonbase assumption for the lunar city, argued in docs/design/lunar_city.md"


class HabitatShellKind(StrEnum):
    """Pressure shell of the city's habitats (``moonbase.city.habitat.HABITAT_SHELLS``)."""

    RIGID = "rigid"  # metal modules: Earth-made at first, lunar-made as the industry matures
    INFLATABLE = "inflatable"  # fabric modules: always Earth-made


class City(Section):
    """The people on the Moon: how many the industry needs, their habitats and life support."""

    enabled: bool = Field(True, description="Crew the lunar industry (otherwise it is fully robotic).",
                          json_schema_extra={"source": "issue 11"})
    first_crew_year: int = Field(2034, ge=1950, le=3000, description="Year the first residents arrive.",
                                 json_schema_extra={"source": _CITY + ": two years after the seed lands"})
    labour_per_output_s_kg: Annotated[float, Quantity("h/t", ge=0.0)] = field(
        "20 h/t", "labour_per_output", "Hands-on work per tonne of output if nothing were automated.",
        _CITY + ": car assembly ~20-30 h per ~1.5 t vehicle, primary steel ~1-2 h/t")
    upkeep_labour_per_kg: Annotated[float, Quantity("h/(t yr)", ge=0.0)] = field(
        "2 h/(t yr)", "upkeep_labour", "Inspection and repair work per tonne of installed industry per year.", _CITY)
    automation: Fraction = field(0.95, "automation", "Fraction of the work done by autonomous machines.",
                                 _CITY + "; Metzger et al. (2013) assume mostly robotic, Earth-supervised industry")
    teleoperation_share: Fraction = field(
        0.8, "teleoperation_share", "Fraction of the remaining work done by operators on Earth.",
        _CITY + "; limited to tasks slower than the 2.56 s light round trip")
    teleoperation_move_s: Annotated[float, Quantity("s", gt=0.0)] = field(
        "5 s", "teleoperation_move", "Open-loop move an Earth operator commits before waiting to see it.",
        "Ferrell (1965) move-and-wait; " + _CITY)
    relay_latency_s: Annotated[float, Quantity("s", ge=0.0)] = field(
        "0.5 s", "relay_latency", "Delay added to the light round trip by networks, relays and video coding.", _CITY)
    teleoperator_cost_usd_per_s: MoneyPerYear = field(
        "100000 USD/yr", "teleoperator_cost",
        "Yearly cost of one operator on Earth (pay, employer overheads, console and link), added to lunar operations.",
        _CITY + "; BLS Occupational Outlook Handbook: aerospace engineering and operations technicians' median "
        "wage 61,530 USD/yr (May 2012)")
    work_time_per_year_s: Annotated[float, Quantity("h", gt=0.0, le=8766.0)] = field(
        "2000 h", "work_time_per_year", "Working hours of one resident worker per year.", "40 h x 50 weeks")
    support_ratio: Annotated[float, Quantity("", ge=0.0, le=100.0)] = field(
        1.0, "support_ratio", "Residents who support the workers (medicine, food, city upkeep) per worker.", _CITY)
    population_ceiling: Annotated[float, Quantity("", ge=0.0)] = field(
        1e6, "population_ceiling", "Largest number of residents the scenario allows.", _CITY)
    minimum_population: Annotated[float, Quantity("", ge=0.0)] = field(
        4.0, "minimum_population", "Smallest crew once the city is crewed (below the ceiling).",
        "NASA Artemis Base Camp concept: surface crews of 4")
    habitat_shell: HabitatShellKind = Field(
        HabitatShellKind.RIGID, description="Pressure shell: rigid (lunar-made later) or inflatable (Earth-made).",
        json_schema_extra={"source": "ISS Destiny (rigid, 139 kg/m3); NASA BEAM (inflatable, 88 kg/m3)"})
    volume_per_person_m3: Annotated[float, Quantity("m3", gt=0.0)] = field(
        "55 m3", "volume_per_person", "Pressurised volume per resident.",
        "NASA ISS Reference Guide (2010): 388 m3 habitable for a crew of 7")
    outfitting_mass_per_person_kg: Annotated[float, Quantity("t", ge=0.0)] = field(
        "5 t", "outfitting_mass_per_person", "Interior, furniture and life-support machinery per resident.", _CITY)
    dome_radius_m: Annotated[float, Quantity("m", gt=0.0)] = field(
        "10 m", "dome_radius", "Inner radius of the hemispherical habitat domes under the regolith cover.", _CITY)
    dose_limit_sv_s: Annotated[float, Quantity("mSv/yr", gt=0.0)] = field(
        "20 mSv/yr", "dose_limit", "Dose equivalent allowed inside the habitats.",
        "ICRP Publication 103 (2007): 20 mSv/yr occupational (5-yr average); Globus & Strout (2017) for settlers")
    surface_dose_rate_sv_s: Annotated[float, Quantity("mSv/yr", ge=0.0)] = field(
        "500 mSv/yr", "surface_dose_rate", "Dose-equivalent rate on the open lunar surface.",
        "Zhang et al., Sci. Adv. 6:eaaz1334 (2020), Chang'E-4 LND: 1,369 uSv/day")
    shield_attenuation_kg_m2: Annotated[float, Quantity("t/m2", gt=0.0)] = field(
        "2.5 t/m2", "shield_attenuation", "Regolith areal density that cuts the dose by a factor e.",
        "Globus & Strout (2017): ~10 t/m2 regolith for 20 mSv/yr; Dobynde & Guo (2024): GCR negligible at ~3 m; "
        + _CITY)
    shield_bulk_density_kg_m3: Annotated[float, Quantity("t/m3", gt=0.5, le=5.0)] = field(
        "1.5 t/m3", "shield_bulk_density", "Bulk density of regolith piled over the habitats.",
        "Carrier et al. (1991), Lunar Sourcebook ch. 9: ~1.5 g/cm3 near the surface (loose)")
    oxygen_per_person_kg_s: Annotated[float, Quantity("kg/d", ge=0.0)] = field(
        "0.84 kg/d", "oxygen_per_person", "Metabolic oxygen per resident.", "Wieland, NASA RP-1324 (1994)")
    water_per_person_kg_s: Annotated[float, Quantity("kg/d", ge=0.0)] = field(
        "27.4 kg/d", "water_per_person", "Drinking, food-preparation and hygiene water per resident.",
        "Wieland, NASA RP-1324 (1994): drink 1.62 + food preparation 0.76 + hygiene 25.08 kg/d")
    food_per_person_kg_s: Annotated[float, Quantity("kg/d", ge=0.0)] = field(
        "1.77 kg/d", "food_per_person", "Food as delivered (solids and the water in them) per resident.",
        "Wieland, NASA RP-1324 (1994): 0.62 kg solids + 1.15 kg water in food")
    oxygen_recovery: Fraction = field(0.5, "oxygen_recovery", "Fraction of oxygen recovered from exhaled CO2.",
                                      "ISS ECLSS Sabatier: ~50 %; NASA's exploration goal is 75 %")
    water_recovery: Fraction = field(0.98, "water_recovery", "Fraction of used water the loop recovers.",
                                     "NASA (20 June 2023): ISS ECLSS reached 98 % with the Brine Processor Assembly")
    max_food_grown_fraction: Fraction = field(
        0.9, "max_food_grown_fraction", "Fraction of food the city grows once its industry makes all its hardware.",
        _CITY)
    greenhouse_area_per_person_m2: Annotated[float, Quantity("m2", gt=0.0)] = field(
        "50 m2", "greenhouse_area_per_person", "Crop area that feeds one resident fully.",
        "Wheeler (2014), NTRS 20140017323: about 50 m2 for dietary calories")
    oxygen_crop_area_per_person_m2: Annotated[float, Quantity("m2", gt=0.0)] = field(
        "22.5 m2", "oxygen_crop_area_per_person", "Crop area that makes one resident's oxygen.",
        "Wheeler (2014), NTRS 20140017323: about 20-25 m2")
    greenhouse_power_per_area_w_m2: Annotated[float, Quantity("W/m2", ge=0.0)] = field(
        "300 W/m2", "greenhouse_power_per_area", "Electric power per m2 of lit crops (lamps and climate).",
        _CITY + ": 500 umol/m2/s from LEDs at 2.5 umol/J is 200 W/m2, +50 % for climate control")
    power_per_person_w: Annotated[float, Quantity("kW", ge=0.0)] = field(
        "5 kW", "power_per_person", "Electric power per resident for life support, habitat and living.",
        _CITY + "; the ISS gives 84-120 kW for 7 crew, research included")
    water_ice: bool = Field(True, description="The site can mine polar ice for water.",
                            json_schema_extra={"source": "LCROSS (Colaprete et al. 2010): 5.6 wt% water at Cabeus"})
    metal_share: Fraction = field(0.3, "metal_share",
                                  "Fraction of the local output that is reduced metal or silicon (releases oxygen).",
                                  _CITY)
    spares_per_s: Annotated[float, Quantity("%/yr", ge=0.0, le=100.0)] = field(
        "5 %/yr", "spares", "Spare parts per year, as a fraction of the Earth-made habitat hardware.", _CITY)
    max_resupply_kg_s: Annotated[float, Quantity("t/yr", ge=0.0)] = field(
        "20000 t/yr", "max_resupply", "Largest Earth resupply landed for the city per year (its launch allocation).",
        _CITY)
    resupply_threshold_kg_s: Annotated[float, Quantity("kg/yr", gt=0.0)] = field(
        "100 kg/yr", "resupply_threshold", "Earth resupply per resident below which the city counts as self-supplied.",
        _CITY)


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
        json_schema_extra={"source": "issue 7: user input"})
    correlations: CorrelationList = Field(
        default_factory=tuple, description="Rank correlations between uncertain fields: [[correlations]] "
        "tables with a, b (field paths) and rho.", json_schema_extra={"source": "issue 7: user input"})
