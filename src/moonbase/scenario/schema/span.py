"""The simulated period, and the world's primary power (the Kardashev yardstick)."""

from __future__ import annotations

from pydantic import Field, model_validator

from moonbase.scenario.fields import field
from moonbase.scenario.schema.base import AnnualRate, PositivePower, Section


class Span(Section):
    """Simulated period and time step."""

    start_year: int = Field(2026, ge=1950, le=2500, description="First calendar year simulated (starts 1 January).",
                            json_schema_extra={"source": "moonbase default: 2026-2100 spans the build-up the 1 TW/yr and Kardashev questions ask about"})
    end_year: int = Field(2100, ge=1951, le=3000, description="Last calendar year simulated (ends 31 December).",
                          json_schema_extra={"source": "moonbase default: 2026-2100 spans the build-up the 1 TW/yr and Kardashev questions ask about"})
    steps_per_year: int = Field(12, ge=1, le=365, description="Time steps per year (12 = monthly).",
                                json_schema_extra={"source": "moonbase default: monthly steps (docs/design/timeline.md)"})

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
