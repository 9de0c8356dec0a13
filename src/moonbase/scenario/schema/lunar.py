"""The self-growing lunar industry: seed, replication, site, regolith and extraction process."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import Field, SerializerFunctionWrapHandler, model_serializer, model_validator

from moonbase.constants import SECONDS_PER_YEAR
from moonbase.industry.chip_fab import (
    FAB_EARTH_FRACTION, FAB_MASS_PER_WAFER_RATE_KG_S, FAB_RAMP_TIME_S, H100_DIE_AREA_M2, H100_SXM_TDP_W,
    TSMC_2022_ENERGY_PER_WAFER_J, TSMC_N5_DEFECT_DENSITY_PER_M2, WAFER_DIAMETER_300MM_M,
)
from moonbase.industry.choices import LUNAR_CHOICE_FIELDS, lunar_choice_values
from moonbase.industry.extraction import ExtractionProcessName
from moonbase.industry.lunar_power import LunarSite
from moonbase.industry.regolith import RegolithType
from moonbase.scenario.fields import Quantity, field
from moonbase.scenario.schema.base import (
    _OWN, Duration, Efficiency, Emissivity, EnergyPerMass, Fraction, Mass, MassOrZero, MoneyPerYear, PricePerKg, Section, SpecificPower, Temperature,
)

_LUNAR_NOTE = "our estimate, argued in docs/design/lunar_limits.md"
_FAB_NOTE = " (docs/design/chip_fab.md)"

# the defaults of the three choices that derive production_energy, regolith_per_product, illumination_fraction
_DEFAULT_PROCESS = ExtractionProcessName.MOLTEN_REGOLITH_ELECTROLYSIS
_DEFAULT_REGOLITH = RegolithType.POLAR
_DEFAULT_SITE = LunarSite.POLAR_RIDGE
_DEFAULT_VALUES = lunar_choice_values(_DEFAULT_PROCESS, _DEFAULT_REGOLITH, _DEFAULT_SITE)
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
    DERIVED_FIELDS: ClassVar[tuple[str, ...]] = LUNAR_CHOICE_FIELDS
    DERIVED_MARK: ClassVar[str] = "derived"

    enabled: bool = Field(True, description="Build the lunar route.", json_schema_extra={"source": "scenario switch; the Moonbase Alpha architecture has every tier"})
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
        f"{_DEFAULT_VALUES['production_energy_j_kg'] / 1e6:.4g} MJ/kg", "production_energy",
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
        _DEFAULT_VALUES["illumination_fraction"], "illumination_fraction",
        "Fraction of time the city's solar fields are lit (unset: from site).",
        _DERIVED + "; polar-ridge 0.70 (Metzger et al. 2013 polar duty cycle), equatorial 0.50")
    chip_fab: bool = Field(True, description="Build a semiconductor fab on the Moon at chip_fab_year.",
                           json_schema_extra={"source": "scenario switch; off, every chip is imported from Earth"})
    chip_fab_year: int = Field(2055, ge=1950, le=3000, description="Year the first lunar chip fab's tools are sent.",
                               json_schema_extra={"source": _OWN})
    landed_per_leo_mass: Efficiency = field(
        0.25, "landed_per_leo_mass", "kg landed on the Moon per kg launched to LEO.",
        "Metzger et al. (2013): ~4 kg in LEO per kg landed at the poles")
    earth_hardware_cost_usd_per_kg: PricePerKg = field(
        "1000 USD/kg", "earth_hardware_cost", "Cost of Earth-made machinery sent to the Moon, per kg.", _OWN)
    operations_cost_usd_per_s: MoneyPerYear = field(
        "1e9 USD/yr", "operations_cost", "Fixed yearly cost of running the lunar base once seeded.", _OWN)
    site: LunarSite = Field(_DEFAULT_SITE, description="Site kind: a polar ridge or the equator.",
                            json_schema_extra={"source": "Bussey et al. (2010) for polar illumination; Metzger et al. (2013) polar duty cycle"})
    regolith: RegolithType = Field(
        _DEFAULT_REGOLITH, description="Regolith chemistry mined by the city.",
        json_schema_extra={"source": "Lunar Sourcebook (1991) Table 7.15; LCROSS (Colaprete et al. 2010) for polar-icy"})
    extraction_process: ExtractionProcessName = Field(
        _DEFAULT_PROCESS, description="Main regolith-to-metal process.",
        json_schema_extra={"source": "NASA ISRU molten regolith electrolysis; Schwandt et al. (2012)"})
    regolith_per_product: Annotated[float, Quantity("", ge=1.0, le=1000.0, hint="kg of regolith per kg of product")] = field(
        round(_DEFAULT_VALUES["regolith_per_product"], 3), "regolith_per_product",
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
    chip_fab_mass_kg: MassOrZero = field(
        "5000 t", "chip_fab_mass",
        "Earth-made tools of the first lunar chip fab, landed from chip_fab_year (its lunar-made rest follows "
        "from chip_fab_earth_fraction).", _LUNAR_NOTE)
    chip_fab_max_power_share: Annotated[float, Quantity("", gt=0.0, le=1.0)] = field(
        0.5, "chip_fab_max_power_share", "Largest share of the industry's power the chip fabs may draw.", _OWN)
    chip_fab_growth_share: Fraction = field(
        0.25, "chip_fab_growth_share",
        "Largest share of the industry's growth diverted to building more fab while the fabs make fewer "
        "accelerators than the deep-space satellites need (the fab-building policy).", _OWN)
    chip_die_area_m2: Annotated[float, Quantity("mm2", gt=0.0, le=2000.0, hint="one accelerator die")] = field(
        f"{H100_DIE_AREA_M2 * 1e6:g} mm2", "chip_die_area", "Area of one accelerator die made by the lunar fab.",
        "NVIDIA H100 architecture whitepaper (2022): GH100 is 814 mm2" + _FAB_NOTE)
    chip_die_power_w: Annotated[float, Quantity("W", gt=0.0, le=10_000.0)] = field(
        f"{H100_SXM_TDP_W:g} W", "chip_die_power", "Rated power of the accelerator one good die becomes.",
        "NVIDIA H100 SXM5 data sheet: up to 700 W TDP" + _FAB_NOTE)
    chip_wafer_diameter_m: Annotated[float, Quantity("mm", ge=50.0, le=450.0)] = field(
        f"{WAFER_DIAMETER_300MM_M * 1e3:g} mm", "chip_wafer_diameter", "Diameter of the fab's wafers.",
        "SEMI M1 300 mm standard wafer" + _FAB_NOTE)
    chip_defect_density_per_m2: Annotated[float, Quantity("1/cm2", ge=0.0, le=100.0, hint="killer defects per cm2")] = field(
        f"{TSMC_N5_DEFECT_DENSITY_PER_M2 / 1e4:g} /cm2", "chip_defect_density",
        "Killer-defect density of the fab's process (Murphy yield model).",
        "TSMC Technology Symposium 2020 (N5: 0.10-0.11 /cm2), as read by AnandTech (25 Aug 2020)" + _FAB_NOTE)
    chip_packaging_yield: Annotated[float, Quantity("", gt=0.0, le=1.0)] = field(
        1.0, "chip_packaging_yield", "Fraction of good dies that survive packaging and final test.",
        "no published assembly yield found: 1.0 (every good die packaged) is the upper bound, stated in docs/design/chip_fab.md" + _FAB_NOTE)
    chip_fab_energy_per_wafer_j: Annotated[float, Quantity("GJ", ge=0.0)] = field(
        f"{TSMC_2022_ENERGY_PER_WAFER_J / 1e9:.6g} GJ", "chip_fab_energy_per_wafer",
        "Fab electricity per wafer started (tools, cleanroom air, water, abatement).",
        "TSMC 2022: 21.06 TWh over 15.30 M 12-inch-equivalent wafers = 1,376 kWh (restated totals)" + _FAB_NOTE)
    chip_fab_mass_per_wafer_rate_kg_s: Annotated[float, Quantity("kg yr", gt=0.0, hint="kg of fab per wafer/yr of capacity")] = field(
        f"{FAB_MASS_PER_WAFER_RATE_KG_S / SECONDS_PER_YEAR:.6g} kg yr", "chip_fab_mass_per_wafer_rate",
        "Fab mass per unit of wafer-start capacity (kg per wafer/yr): structure, cleanroom, tools, utilities.",
        "our derivation from Intel's typical fab (35,000 t steel, 1,200 tools, 1,500 utility units) at "
        "20,000 wafers/month: 54,500 t" + _FAB_NOTE)
    chip_fab_earth_fraction: Fraction = field(
        FAB_EARTH_FRACTION, "chip_fab_earth_fraction",
        "Earth-made fraction of the fab's mass (lithography and precision process tools).",
        "our derivation: 12,000 t of tools in 54,500 t" + _FAB_NOTE)
    chip_fab_ramp_time_s: Annotated[float, Quantity("yr", ge=0.0, le=30.0)] = field(
        f"{FAB_RAMP_TIME_S / SECONDS_PER_YEAR:g} yr", "chip_fab_ramp_time", "Time from a fab's start to full output.",
        "Intel: a fab takes about three to five years to complete" + _FAB_NOTE)

    def derived_values(self) -> dict[str, float]:
        """The numbers the site / regolith / process choices imply (SI), by attribute name
        (:func:`moonbase.industry.choices.lunar_choice_values`)."""
        return lunar_choice_values(self.extraction_process.value, self.regolith.value, self.site.value)

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
