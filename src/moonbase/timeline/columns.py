"""The timeline's output columns: name, unit and meaning (one source of truth).

``timeline.parquet`` is tidy: one row per (sample, step). Flows ("this step") are
amounts during the step; stocks are values at the end of the step. Column names end
with their unit; counts and fractions have none. The README and the Parquet schema
metadata are generated from this table.

The layout mixes system columns (one each) and tier families (one column per tier of
the registry, :mod:`moonbase.timeline.tiers`, named ``<tier>_<suffix>``): the step kernel
writes a family as one ``(tiers, samples, steps)`` array and the columns are its rows,
so a tier registered at run time gets its columns with no change here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from moonbase.timeline.tiers import TIERS, ComputeTier, space_tiers, tier_labels


@dataclass(frozen=True)
class Column:
    name: str
    unit: str
    kind: str  # "key", "stock", "flow", "rate", "label"
    description: str


@dataclass(frozen=True)
class Family:
    """One column per selected tier: ``<tier>_<suffix>``.

    ``hardware``: the step kernel writes the family over the hardware tiers (a tier
    without hardware, selected here, reads zero); else over the binding tiers (labels).
    """

    suffix: str
    unit: str
    kind: str
    selects: Callable[[ComputeTier], bool]
    describe: Callable[[ComputeTier, str], str]  # (tier, its label) -> description
    hardware: bool = True

    def tiers(self) -> tuple[ComputeTier, ...]:
        return tuple(tier for tier in TIERS if self.selects(tier))

    def columns(self) -> tuple[Column, ...]:
        labels = tier_labels()
        return tuple(Column(f"{t.name}_{self.suffix}", self.unit, self.kind, self.describe(t, labels[t.name]))
                     for t in self.tiers())


def _every(tier: ComputeTier) -> bool:
    return True


def _hardware(tier: ComputeTier) -> bool:
    return tier.hardware


def _satellites(tier: ComputeTier) -> bool:
    return tier.satellites


def _binding(tier: ComputeTier) -> bool:
    return tier.binding


def _space_total_description(column: Column) -> Column:
    labels = tier_labels()
    return Column(column.name, column.unit, column.kind,
                  " + ".join(labels[t] for t in space_tiers()) + " compute power.")


#: The columns in order: keys, tier families and system columns.
LAYOUT: tuple[Column | Family, ...] = (
    Column("sample", "", "key", "Monte Carlo sample index (0 for a single run)."),
    Column("step", "", "key", "Time step index (0 = first month of the span)."),
    Column("year", "yr", "key", "Calendar time at the end of the step, as a decimal year."),
    # deployed compute power by tier (electrical power fed to compute hardware)
    Family("compute_power_w", "W", "stock", _every, lambda t, label: f"Compute power of {t.where}."),
    Column("space_compute_power_w", "W", "stock", "Compute power of every space tier."),  # described per registry
    Column("total_compute_power_w", "W", "stock", "Ground + space compute power."),
    # additions (beginning-of-life power of hardware deployed during the step)
    Family("power_added_w", "W", "flow", _hardware,
           lambda t, label: f"Beginning-of-life compute power deployed during the step: {t.where}."),
    Column("space_power_added_w", "W", "flow", "Space compute power added during the step (every space tier)."),
    # compute throughput
    Family("compute_flop_s", "FLOP/s", "stock", _hardware, lambda t, label: f"Peak dense FLOP/s of {t.where}."),
    # satellites
    Family("satellites", "", "stock", _satellites,
           lambda t, label: f"Working satellites of the {label} tier (expected count)."),
    Family("mass_kg", "kg", "stock", _satellites, lambda t, label: f"Mass of working satellites of the {label} tier."),
    Family("deployed_mass_kg", "kg", "flow", _satellites,
           lambda t, label: f"Satellite mass deployed to the {label} tier during the step."),
    Family("retired_mass_kg", "kg", "flow", _satellites,
           lambda t, label: f"Satellite mass of the {label} tier lost to failure or end of life during the step."),
    # Earth launch
    Column("earth_launches", "", "flow", "Heavy-lift launches from Earth during the step (compute satellites and lunar cargo)."),
    Column("earth_launched_mass_kg", "kg", "flow", "Mass launched from Earth during the step (satellites to orbit, cargo bound for the Moon)."),
    Column("earth_launch_price_usd_per_kg", "USD/kg", "rate", "Price per kg to low Earth orbit (Wright's law on cumulative launched mass)."),
    Column("lunar_landed_mass_kg", "kg", "flow", "Cargo landed on the Moon from Earth during the step (seed, imports, chips)."),
    # lunar surface
    Column("lunar_industry_mass_kg", "kg", "stock", "Mass of the self-growing lunar industry (machines, plants, power)."),
    Column("lunar_industry_power_w", "W", "stock", "Average electrical power of the lunar industry (its solar plant)."),
    Column("lunar_local_fraction", "", "rate", "Fraction of each new tonne made from lunar material [-]."),
    Column("lunar_regolith_mined_kg", "kg", "stock", "Regolith mined by the lunar industry since it landed."),
    Column("lunar_satellite_output_kg", "kg", "flow", "Satellite mass the lunar factory completed during the step."),
    # the lunar chip fab (moonbase.industry.fab_step)
    Column("lunar_fab_mass_kg", "kg", "stock", "Built mass of the lunar chip fabs (Earth-made tools and lunar-made rest)."),
    Column("lunar_fab_capacity_w_per_yr", "W/yr", "rate", "Accelerator power the working lunar fabs could make, per year."),
    Column("lunar_chip_output_w_per_yr", "W/yr", "rate", "Accelerator power the lunar fabs made, per year."),
    Column("lunar_fab_power_w", "W", "rate", "Average electrical power the lunar fabs drew during the step."),
    Column("earth_chip_imports_w_per_yr", "W/yr", "rate", "Accelerator power bought on Earth for deep-space satellites, per year."),
    Column("deep_space_lunar_chip_fraction", "", "rate", "Share of the deep-space satellites' accelerators made on the Moon [-]."),
    # mass driver
    Column("mass_driver_launches", "", "flow", "Mass-driver launches during the step."),
    Column("mass_driver_launched_mass_kg", "kg", "flow", "Payload mass fired by the mass driver during the step."),
    Column("mass_driver_lost_mass_kg", "kg", "flow", "Fired payload mass that does not reach heliocentric orbit."),
    Column("mass_driver_power_w", "W", "rate", "Average power the mass drivers drew from their own plants during the step."),
    Column("transmission_loss_w", "W", "rate", "Average power lost on the lines feeding the mass drivers (zero with their own fields)."),
    Column("mass_driver_count", "", "stock", "Working mass drivers at the end of the step."),
    Column("mass_driver_rate_per_s", "1/s", "rate", "Launches per second the working mass drivers can fire (time-averaged)."),
    # the lunar surface's books: where landed and lunar-made mass went, and the industry's electricity
    Column("lunar_seed_landed_mass_kg", "kg", "flow", "Seed industry mass landed on the Moon during the step."),
    Column("lunar_import_landed_mass_kg", "kg", "flow",
           "Earth-made parts of the industry's growth and of deep-space satellites landed during the step."),
    Column("mass_driver_earth_landed_mass_kg", "kg", "flow", "Earth-made mass-driver parts landed during the step."),
    Column("lunar_fab_tools_landed_mass_kg", "kg", "flow", "Earth-made chip-fab tools landed during the step."),
    Column("lunar_growth_mass_kg", "kg", "flow",
           "Hardware the lunar industry made for itself during the step, before the part built into drivers and fabs."),
    Column("lunar_spare_output_mass_kg", "kg", "flow",
           "Hardware the land-limited industry made from production it could not use to grow, built into drivers "
           "and fabs during the step."),
    Column("mass_driver_lunar_built_mass_kg", "kg", "flow",
           "Lunar-made mass-driver mass (track, own power plant, storage) built during the step."),
    Column("lunar_fab_lunar_built_mass_kg", "kg", "flow",
           "Lunar-made chip-fab mass (structure, cleanroom, utilities) built during the step."),
    Column("lunar_energy_produced_j", "J", "flow", "Electricity the lunar industry's plant produced during the step."),
    Column("lunar_production_energy_j", "J", "flow",
           "Electricity used to make the step's lunar products (growth, spare output and the satellites fired)."),
    Column("lunar_fab_energy_j", "J", "flow", "Electricity the lunar chip fabs drew during the step."),
    Column("mass_driver_energy_j", "J", "flow",
           "Electricity the lunar industry's plant supplied to the mass drivers during the step (zero: each driver "
           "has its own plant, mass_driver_power_w)."),
    Column("lunar_energy_curtailed_j", "J", "flow", "Electricity the lunar industry's plant could produce but no use drew during the step."),
    # the city (moonbase.city.step)
    Column("lunar_population", "", "stock", "Residents of the lunar city (expected count)."),
    Column("earth_teleoperators", "", "stock", "Operators on Earth teleoperating the lunar industry."),
    Column("city_habitat_mass_kg", "kg", "stock", "Built habitats: shells, outfitting and regolith cover."),
    Column("city_resupply_mass_kg", "kg", "flow", "Mass landed from Earth for the city during the step."),
    Column("city_power_w", "W", "stock", "Electric power the city draws (life support, greenhouses, homes)."),
    Column("city_closure", "", "rate", "Fraction of the city's consumables recycled, grown or made on the Moon [-]."),
    # money
    Column("cost_usd", "USD", "flow", "Spending during the step (launch, hardware, lunar operations, city resupply), 2025 USD."),
    Column("earth_orbit_cost_usd", "USD", "flow", "Spending on the Earth-orbit shells during the step (launch, buses, accelerators)."),
    Column("lunar_cost_usd", "USD", "flow", "Spending on the lunar route during the step (cargo, Earth hardware, chips, operations, city resupply)."),
    Column("lunar_operations_cost_usd", "USD", "flow", "Lunar operations during the step: the base's fixed cost and its Earth teleoperators."),
    # the step's cost by line item (they sum to cost_usd)
    Column("earth_orbit_launch_cost_usd", "USD", "flow", "Launch of Earth-orbit satellites during the step."),
    Column("earth_orbit_bus_cost_usd", "USD", "flow", "Buses (every kg but the accelerators) of Earth-orbit satellites during the step."),
    Column("earth_orbit_chip_cost_usd", "USD", "flow", "Accelerators (with spares) of Earth-orbit satellites during the step."),
    Column("lunar_seed_cost_usd", "USD", "flow", "The lunar seed landed during the step: launch, landing and Earth hardware."),
    Column("lunar_import_cost_usd", "USD", "flow", "Earth-made parts of the industry's growth and of deep-space satellites landed during the step."),
    Column("lunar_satellite_import_cost_usd", "USD", "flow", "Of lunar_import_cost_usd: the Earth-made parts of deep-space satellites."),
    Column("deep_space_chip_cost_usd", "USD", "flow", "Accelerators bought on Earth for deep-space satellites during the step."),
    Column("mass_driver_cost_usd", "USD", "flow", "Earth-made parts of mass drivers landed during the step."),
    Column("lunar_fab_cost_usd", "USD", "flow", "Earth-made tools of lunar chip fabs landed during the step."),
    Column("city_resupply_cost_usd", "USD", "flow", "The city's Earth resupply landed during the step."),
    # the bus's learning (Wright's law on Earth-orbit satellites built)
    Column("earth_orbit_bus_cost_usd_per_kg", "USD/kg", "rate", "Bus cost per kg of Earth-orbit satellites bought during the step."),
    Column("earth_orbit_satellites_built", "", "stock", "Earth-orbit satellites built since the start of the span."),
    Column("cumulative_cost_usd", "USD", "stock", "Cumulative spending since the start of the span, 2025 USD."),
    # civilisation
    Column("civilization_power_w", "W", "stock", "World primary power, space compute power, the lunar industry's and the mass drivers' power."),
    Column("kardashev_index", "", "stock", "Sagan's Kardashev index of civilization_power_w [-]."),
    # what limited growth
    Family("binding", "", "label", _binding, lambda t, label: f"What limited the {label} tier during the step.",
           hardware=False),
    Column("city_binding", "", "label", "What limited the lunar city's population during the step."),
)

#: The tier families, and the system columns the step kernel writes as ``(samples, steps)``.
FAMILIES: tuple[Family, ...] = tuple(entry for entry in LAYOUT if isinstance(entry, Family))
SYSTEM_COLUMNS: tuple[Column, ...] = tuple(entry for entry in LAYOUT if isinstance(entry, Column))


def columns() -> tuple[Column, ...]:
    """Every column, for the tiers registered now (:data:`moonbase.timeline.tiers.TIERS`)."""
    return _columns(TIERS.version)


@lru_cache(maxsize=8)
def _columns(version: int) -> tuple[Column, ...]:
    out: list[Column] = []
    for entry in LAYOUT:
        if isinstance(entry, Family):
            out.extend(entry.columns())
        elif entry.name == "space_compute_power_w":
            out.append(_space_total_description(entry))
        else:
            out.append(entry)
    return tuple(out)


def column_by_name() -> dict[str, Column]:
    return {column.name: column for column in columns()}


def numeric_columns() -> tuple[str, ...]:
    """Names of the numeric columns (every column but the keys and the labels), in order."""
    return tuple(c.name for c in columns() if c.kind not in ("key", "label"))


def label_columns() -> tuple[str, ...]:
    """Names of the binding-label columns, in order."""
    return tuple(c.name for c in columns() if c.kind == "label")
