"""What every scenario section shares: the frozen base model and the common quantity types.

Every physical field is a string with a unit (``"2.5 km/s"``) parsed by
:class:`moonbase.scenario.fields.Quantity` and stored as an SI float; the aliases below
name the common kinds (a fraction, a mass in t, a rate in %/yr) with their unit and range.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, SerializerFunctionWrapHandler, model_serializer, model_validator

from moonbase.scenario.fields import Quantity

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
_NoFraction = Annotated[float, Quantity("", ge=0.0, le=1.0, hint="it is a fraction, not a percent")]
_PositiveFraction = Annotated[float, Quantity("", gt=0.0, le=1.0, hint="it is a fraction in (0, 1]")]


class Section(BaseModel):
    """Base of every scenario table: frozen, unknown keys forbidden, TOML keys as aliases."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True, populate_by_name=False)


def without_marked(data: Any, mark: str) -> Any:
    """A section's raw TOML table without the keys whose value is the text ``mark`` (any case).

    ``scenario show`` writes such marks (``"derived"``, ``"unused"``) for fields the section fills
    in or does not read; reading them back means "not given".
    """
    if not isinstance(data, dict):
        return data
    return {key: value for key, value in data.items()
            if not (isinstance(value, str) and value.strip().lower() == mark)}


class KindSection(Section):
    """A section whose model choice (the field named by ``KIND_FIELD``) decides which fields are read.

    A field the chosen kind does not read is an error when given, and ``scenario show``
    writes it as ``"unused"`` (read back as "not given"), so a resolved scenario never
    shows a number the model ignores. Subclasses set ``KIND_FIELD``, ``UNUSED_BY_KIND``
    (kind -> attribute names it does not read) and ``UNUSED_HINT`` (which kinds read what).
    """

    #: What ``scenario show`` writes for a field the kind does not read (and reads back as "not given").
    UNUSED_MARK: ClassVar[str] = "unused"
    KIND_FIELD: ClassVar[str] = ""
    UNUSED_BY_KIND: ClassVar[dict[Any, tuple[str, ...]]] = {}
    UNUSED_HINT: ClassVar[str] = ""

    @model_validator(mode="before")
    @classmethod
    def _unused_left_out(cls, data: Any) -> Any:
        """``"unused"`` (as ``scenario show`` writes it) means: not given."""
        return without_marked(data, cls.UNUSED_MARK)

    def unused_fields(self) -> tuple[str, ...]:
        """Attribute names the section's kind does not read."""
        return self.UNUSED_BY_KIND.get(getattr(self, self.KIND_FIELD), ())

    def unused_keys(self) -> tuple[str, ...]:
        """TOML keys (aliases) of the fields the section's kind does not read."""
        return tuple(type(self).model_fields[name].alias or name for name in self.unused_fields())

    @model_validator(mode="after")
    def _no_unused_field_given(self) -> "KindSection":
        given = [key for name, key in zip(self.unused_fields(), self.unused_keys()) if name in self.model_fields_set]
        if given:
            keys = ", ".join(given)
            kind = getattr(self, self.KIND_FIELD)
            raise ValueError(f"{keys} is not read for {self.KIND_FIELD} = \"{getattr(kind, 'value', kind)}\"; "
                             f"remove it, or choose {self.UNUSED_HINT}")
        return self

    @model_serializer(mode="wrap")
    def _show_unused(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data = handler(self)
        for name in self.unused_fields():
            alias = type(self).model_fields[name].alias
            data[alias if alias in data else name] = self.UNUSED_MARK
        return data
