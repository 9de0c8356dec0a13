"""Field types for scenarios: a quantity with a display unit and a valid range.

A scenario field is declared as ``Annotated[float, Quantity("km/s", gt=0)]`` plus a
:func:`field` that carries its TOML key, default text, documentation and the source of
the default. The validator parses ``"2.5 km/s"`` to SI (m/s) with astropy and checks
the range in the display unit, so messages read in the user's terms.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from pydantic import Field
from pydantic_core import PydanticCustomError, core_schema

from moonbase.errors import ScenarioError
from moonbase.scenario.units import format_quantity, parse_quantity, si_to_display

PATH_MARK = "\u2063"  # invisible separator; replaced by the dotted field path


def _number_text(value: float) -> str:
    return f"{value:.6g}"


@dataclass(frozen=True)
class Quantity:
    """Metadata of a physical field: display unit and bounds (in the display unit)."""

    unit: str
    ge: float | None = None
    gt: float | None = None
    le: float | None = None
    lt: float | None = None
    hint: str = ""

    def describe_range(self) -> str:
        """The valid range as text, e.g. ``"> 0 km/s"`` or ``"[0, 1]"``."""
        unit = f" {self.unit}" if self.unit else ""
        low = (f"[{_number_text(self.ge)}" if self.ge is not None else
               f"({_number_text(self.gt)}" if self.gt is not None else None)
        high = (f"{_number_text(self.le)}]" if self.le is not None else
                f"{_number_text(self.lt)})" if self.lt is not None else None)
        if low and high:
            return f"{low}, {high}{unit}"
        if low:
            return (">= " if self.ge is not None else "> ") + low[1:] + unit
        if high:
            return ("<= " if self.le is not None else "< ") + high[:-1] + unit
        return "any finite value" + unit

    def check(self, value: Any) -> float:
        """Parse ``value`` to SI and check the range; raise ScenarioError otherwise."""
        si = parse_quantity(value, self.unit, PATH_MARK)
        shown = si_to_display(si, self.unit)
        # compare in display units with a relative slack of 1e-12 for round-off in unit scaling
        slack = 1e-12 * max(1.0, abs(shown))
        bad = (
            (self.ge is not None and shown < self.ge - slack)
            or (self.gt is not None and shown <= self.gt + (slack if self.gt else 0.0))
            or (self.le is not None and shown > self.le + slack)
            or (self.lt is not None and shown >= self.lt - (slack if self.lt else 0.0))
        )
        if bad:
            hint = f"; {self.hint}" if self.hint else ""
            raise ScenarioError(
                f"{PATH_MARK} = {value!r} is outside the valid range {self.describe_range()}{hint}."
            )
        return si

    def format(self, value_si: float) -> str | float:
        return format_quantity(value_si, self.unit)

    # --- pydantic integration ---------------------------------------------------------
    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> core_schema.CoreSchema:
        def validate(value: Any) -> float:
            if isinstance(value, float) and not isinstance(value, bool) and _is_internal(value):
                return value
            try:
                return self.check(value)
            except ScenarioError as exc:
                raise PydanticCustomError("moonbase_quantity", "{message}", {"message": str(exc)}) from None

        return core_schema.no_info_plain_validator_function(
            validate,
            serialization=core_schema.plain_serializer_function_ser_schema(self.format),
        )

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> dict[str, Any]:
        return {"type": ["string", "number"], "x-unit": self.unit, "x-range": self.describe_range()}


class _Internal(float):
    """A float already in SI (used when building scenarios in code, e.g. Monte Carlo)."""


def _is_internal(value: float) -> bool:
    return isinstance(value, _Internal)


def si(value: float) -> float:
    """Mark an SI float so a Quantity field accepts it without unit parsing."""
    if not math.isfinite(value):
        raise ScenarioError(f"value {value!r} is not finite; expected a finite SI number.")
    return _Internal(value)


def field(default: Any, key: str, doc: str, source: str) -> Any:
    """A scenario field: TOML ``key``, documented meaning and the source of its default."""
    return Field(
        default=default,
        alias=key,
        description=doc,
        json_schema_extra={"source": source, "default_text": default if isinstance(default, str) else repr(default)},
    )
