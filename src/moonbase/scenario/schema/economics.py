"""Spending limits, and the finance of the economics view (cost of capital, utilisation, price)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from moonbase.scenario.fields import Quantity, field
from moonbase.scenario.schema.base import (
    _OWN, _PositiveFraction, AnnualRate, Duration, Fraction, MoneyPerYear, OpenFraction, Section,
)


class Economics(Section):
    """Spending limits."""

    budget_cap: bool = Field(False, description="Cap the architecture's yearly spending at annual_budget.",
                             json_schema_extra={"source": "scenario switch; off, spending is not capped"})
    annual_budget_usd_per_s: MoneyPerYear = field("1e12 USD/yr", "annual_budget",
                                                  "Yearly spending cap when budget_cap is true.", _OWN)


_FIN = "moonbase assumption, argued in docs/design/economics_lcoc.md"


def _finance_field(default: object, key: str, doc: str, source: str, date: str, confidence: str) -> object:
    """A Finance field: like :func:`field`, plus the date and confidence of its default."""
    return Field(default=default, alias=key, description=doc, json_schema_extra={
        "source": source, "default_text": default if isinstance(default, str) else repr(default),
        "date": date, "confidence": confidence})


class Finance(Section):
    """Cost of capital, delivery and the compute price: what the economics view needs.

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
