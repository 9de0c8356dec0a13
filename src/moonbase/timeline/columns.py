"""The timeline's output columns: name, unit and meaning (one source of truth).

``timeline.parquet`` is tidy: one row per (sample, step). Flows ("this step") are
amounts during the step; stocks are values at the end of the step. Column names end
with their unit; counts and fractions have none. The README and the Parquet schema
metadata are generated from this table.
"""

from __future__ import annotations

from dataclasses import dataclass

from moonbase.timeline.tiers import BINDING_TIERS, SATELLITE_TIERS, SPACE_TIERS, TIER_LABELS, TIERS


@dataclass(frozen=True)
class Column:
    name: str
    unit: str
    kind: str  # "key", "stock", "flow", "rate", "label"
    description: str


COLUMNS: tuple[Column, ...] = (
    Column("sample", "", "key", "Monte Carlo sample index (0 for a single run)."),
    Column("step", "", "key", "Time step index (0 = first month of the span)."),
    Column("year", "yr", "key", "Calendar time at the end of the step, as a decimal year."),
    # deployed compute power by tier (electrical power fed to compute hardware)
    *(Column(f"{t.name}_compute_power_w", "W", "stock", f"Compute power of {t.where}.") for t in TIERS),
    Column("space_compute_power_w", "W", "stock", " + ".join(TIER_LABELS[t] for t in SPACE_TIERS) + " compute power."),
    Column("total_compute_power_w", "W", "stock", "Ground + space compute power."),
    # additions (beginning-of-life power of hardware deployed during the step)
    *(Column(f"{t.name}_power_added_w", "W", "flow",
             f"Beginning-of-life compute power deployed during the step: {t.where}.") for t in TIERS if t.hardware),
    Column("space_power_added_w", "W", "flow", "Space compute power added during the step (every space tier)."),
    # compute throughput
    *(Column(f"{t.name}_compute_flop_s", "FLOP/s", "stock", f"Peak dense FLOP/s of {t.where}.")
      for t in TIERS if t.hardware),
    # satellites
    *(Column(f"{t}_satellites", "", "stock", f"Working satellites of the {TIER_LABELS[t]} tier (expected count).")
      for t in SATELLITE_TIERS),
    *(Column(f"{t}_mass_kg", "kg", "stock", f"Mass of working satellites of the {TIER_LABELS[t]} tier.")
      for t in SATELLITE_TIERS),
    *(Column(f"{t}_deployed_mass_kg", "kg", "flow", f"Satellite mass deployed to the {TIER_LABELS[t]} tier during the step.")
      for t in SATELLITE_TIERS),
    *(Column(f"{t}_retired_mass_kg", "kg", "flow",
             f"Satellite mass of the {TIER_LABELS[t]} tier lost to failure or end of life during the step.")
      for t in SATELLITE_TIERS),
    # Earth launch
    Column("earth_launches", "", "flow", "Heavy-lift launches from Earth during the step (compute satellites and lunar cargo)."),
    Column("earth_launched_mass_kg", "kg", "flow", "Mass launched from Earth during the step (satellites to orbit, cargo bound for the Moon)."),
    Column("earth_launch_price_usd_per_kg", "USD/kg", "rate", "Price per kg to low Earth orbit (Wright's law on cumulative launched mass)."),
    Column("lunar_landed_mass_kg", "kg", "flow", "Cargo landed on the Moon from Earth during the step (seed, imports, chips)."),
    # lunar surface
    Column("lunar_industry_mass_kg", "kg", "stock", "Mass of the self-growing lunar industry (machines, plants, power)."),
    Column("lunar_surface_power_w", "W", "stock", "Average electrical power of the lunar base."),
    Column("lunar_local_fraction", "", "rate", "Fraction of each new tonne made from lunar material [-]."),
    Column("lunar_regolith_mined_kg", "kg", "stock", "Regolith mined by the lunar industry since it landed."),
    Column("lunar_satellite_output_kg", "kg", "flow", "Satellite mass the lunar factory completed during the step."),
    # mass driver
    Column("mass_driver_launches", "", "flow", "Mass-driver launches during the step."),
    Column("mass_driver_launched_mass_kg", "kg", "flow", "Payload mass fired by the mass driver during the step."),
    Column("mass_driver_lost_mass_kg", "kg", "flow", "Fired payload mass that does not reach heliocentric orbit."),
    Column("mass_driver_power_w", "W", "rate", "Average electrical power drawn by the mass driver during the step."),
    # the city (moonbase.city.step)
    Column("lunar_population", "", "stock", "Residents of the lunar city (expected count)."),
    Column("earth_teleoperators", "", "stock", "Operators on Earth teleoperating the lunar industry."),
    Column("city_habitat_mass_kg", "kg", "stock", "Built habitats: shells, outfitting and regolith cover."),
    Column("city_resupply_mass_kg", "kg", "flow", "Mass landed from Earth for the city during the step."),
    Column("city_power_w", "W", "stock", "Electric power the city draws (life support, greenhouses, homes)."),
    Column("city_closure", "", "rate", "Fraction of the city's consumables recycled, grown or made on the Moon [-]."),
    # money
    Column("cost_usd", "USD", "flow", "Spending during the step (launch, hardware, lunar operations, city resupply), 2025 USD."),
    Column("earth_orbit_cost_usd", "USD", "flow", "Spending on the Earth-orbit tier during the step (launch, buses, accelerators)."),
    Column("lunar_cost_usd", "USD", "flow", "Spending on the lunar route during the step (cargo, Earth hardware, chips, operations, city resupply)."),
    Column("lunar_operations_cost_usd", "USD", "flow", "Lunar operations during the step: the base's fixed cost and its Earth teleoperators."),
    Column("cumulative_cost_usd", "USD", "stock", "Cumulative spending since the start of the span, 2025 USD."),
    # civilisation
    Column("civilization_power_w", "W", "stock", "World primary power plus space compute power."),
    Column("kardashev_index", "", "stock", "Sagan's Kardashev index of civilization_power_w [-]."),
    # what limited growth
    *(Column(f"{t}_binding", "", "label", f"What limited the {TIER_LABELS[t]} tier during the step.")
      for t in BINDING_TIERS),
    Column("city_binding", "", "label", "What limited the lunar city's population during the step."),
)

COLUMN_BY_NAME = {column.name: column for column in COLUMNS}
NUMERIC_COLUMNS = tuple(c.name for c in COLUMNS if c.kind not in ("key", "label"))
LABEL_COLUMNS = tuple(c.name for c in COLUMNS if c.kind == "label")
