"""Accelerator technology and supply, and the terrestrial reference tier."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from moonbase.scenario.fields import Quantity, field
from moonbase.scenario.schema.base import (
    _OWN, AnnualRate, Duration, EfficiencyPerEnergy, Fraction, PositivePower, PricePerWatt, Section,
)


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


class Ground(Section):
    """Terrestrial AI data centers: the reference tier."""

    initial_power_w: PositivePower = field("20 GW", "initial_power", "AI data-center compute power at the start.",
                                           "IEA, Energy and AI (2025): data centres 415 TWh in 2024 (~47 GW), AI share rising")
    max_power_w: PositivePower = field("1000 GW", "max_power", "Ceiling of terrestrial AI power (grid, siting).", _OWN)
    growth_per_s: AnnualRate = field("25 %/yr", "growth", "Early compound annual growth (logistic).",
                                     "IEA (2025): 415 TWh (2024) -> 945 TWh (2030), ~15 %/yr all data centres; AI faster")
    hardware_life_s: Duration = field("5 yr", "hardware_life", "Accelerator replacement cycle.", _OWN)
