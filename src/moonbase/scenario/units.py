"""Unit strings at the boundary: ``"2.5 km/s"`` -> SI float, and back for display.

This is the only place user-facing unit strings are parsed (astropy.units). Models
never see a Quantity: they get SI floats from here.

Custom units registered with astropy here: ``USD`` (2025 US dollars) and ``FLOP``
(one floating-point operation).
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, localcontext

import astropy.units as u

from moonbase.errors import ScenarioError

USD = u.def_unit(["USD", "usd"], doc="US dollar, 2025 price year")
FLOP = u.def_unit(["FLOP", "flop"], doc="one floating-point operation")
u.add_enabled_units([USD, FLOP])

# Atomic group and possessive quantifier: the match never backtracks, so it takes time linear
# in the length of the text (the plain form, (\d+\.?\d*), is quadratic on a long digit string).
_NUMBER_ONLY = re.compile(r"[-+]?(?>\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d++)?")
_LEADING_NUMBER = re.compile(r"[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")
_SIGNIFICANT_DIGITS = 12  # digits kept when writing a value back in its display unit
#: Longest quantity text read: "-1.234567890123456789e+300 kg m2 / (s3 A)" is 41 characters;
#: a longer string is refused before any parsing, and error messages show only its start.
MAX_QUANTITY_CHARS = 100
_SHOWN_CHARS = 40  # characters of an over-long value repeated in its error message


def unit(text: str) -> u.UnitBase:
    """Return the astropy unit named by ``text`` (with moonbase's custom units)."""
    return u.Unit(text, parse_strict="raise")


def si_unit(display_unit: str) -> u.UnitBase:
    """The SI unit of a display unit: its decomposition with the scale factor dropped.

    ``"km/s"`` -> m/s, ``"GW"`` -> kg m2 / s3 (= W), ``"USD/kg"`` -> USD/kg (USD and
    FLOP are kept as base units), ``"%"`` -> dimensionless.
    """
    decomposed = unit(display_unit).decompose()
    return u.CompositeUnit(1.0, decomposed.bases, decomposed.powers)


def _kind(display_unit: str) -> str:
    """What a unit measures, in words: "speed", "power", "quantity" when astropy has no name."""
    physical_type = str(unit(display_unit).physical_type)
    if physical_type == "dimensionless":
        return "dimensionless number"
    if physical_type == "unknown":
        return "quantity"
    return physical_type.split("/")[0]  # "power/radiant flux" -> "power"


def parse_quantity(value: object, display_unit: str, path: str) -> float:
    """Parse ``value`` (``"2.5 km/s"``, or a bare number for dimensionless fields) to SI.

    Parameters
    ----------
    value
        A string ``"<number> <unit>"``; for a dimensionless field also a bare number
        (a plain fraction: ``0.9``) or a percentage string (``"90 %"``).
    display_unit
        The unit the field is documented in (``"km/s"``); the result is in the
        matching SI unit (m/s).
    path
        Dotted field path used in error messages.

    Returns
    -------
    float
        The value in SI units.

    Raises
    ------
    ScenarioError
        When the text is not a number with a unit, or the unit has the wrong dimension.
    """
    expected = unit(display_unit)
    dimensionless = expected.physical_type == "dimensionless"
    example = f'"1 {display_unit}"' if display_unit else '"1"'
    if isinstance(value, bool):
        raise ScenarioError(f"{path} = {value!r} is a boolean; expected a quantity such as {example}.")
    if isinstance(value, (int, float)):
        if not dimensionless:
            raise ScenarioError(
                f"{path} = {value!r} has no unit; expected a {_kind(display_unit)} with its unit, "
                f'for example "{value} {display_unit}".'
            )
        return finite_number(float(value), repr(value), path)  # a bare number is already a fraction
    if not isinstance(value, str):
        raise ScenarioError(
            f"{path} = {value!r} is a {type(value).__name__}; expected a string with a unit such as {example}."
        )
    if len(value) > MAX_QUANTITY_CHARS:
        raise ScenarioError(
            f"{path} = {value[:_SHOWN_CHARS]!r}... is {len(value):,} characters long; expected a number and a "
            f"unit of at most {MAX_QUANTITY_CHARS} characters, such as {example}."
        )
    text = value.strip()
    if _NUMBER_ONLY.fullmatch(text):
        if not dimensionless:
            raise ScenarioError(
                f"{path} = {value!r} has no unit; expected a {_kind(display_unit)}, for example "
                f'"{text} {display_unit}".'
            )
        return finite_number(float(text), repr(value), path)
    try:
        quantity = u.Quantity(text)
    except (TypeError, ValueError) as exc:
        raise ScenarioError(
            f"{path} = {value!r} is not a number with a unit; expected a {_kind(display_unit)} "
            f"such as {example} ({_short(exc)})."
        ) from None
    if getattr(quantity.unit, "scale", 1.0) != 1.0:
        # astropy reads "1 500 t" as 1 x (500 t): a digit group or stray number in the unit
        raise ScenarioError(
            f"{path} = {value!r} has a number inside its unit ('{quantity.unit}'); expected one number "
            f"and a unit, for example {example} (write 1500, not 1 500)."
        )
    try:
        scale = quantity.unit.to(si_unit(display_unit))
    except u.UnitConversionError:
        got = str(quantity.unit.physical_type)
        raise ScenarioError(
            f"{path} = {value!r} has unit '{quantity.unit}' ({got}); expected a {_kind(display_unit)} "
            f"in a unit convertible to {display_unit or 'a pure number'}, for example {example}."
        ) from None
    return finite_number(_correctly_rounded_product(text, quantity.value, scale), repr(value), path)


def _correctly_rounded_product(text: str, number: float, scale: float) -> float:
    """``number * scale`` rounded once, from the number as written.

    "41 %" is 0.41 (the float nearest 41/100), not 41 * 0.01 = 0.41000000000000003, so a
    value written in another unit than its display unit survives the TOML round trip.
    """
    written = _LEADING_NUMBER.match(text)
    exact = Decimal(written.group()) if written and float(written.group()) == number else Decimal(number)
    with localcontext() as context:
        context.prec = 80  # exact product of two 17-digit decimals, then one rounding to float
        return float(exact * Decimal(repr(float(scale))))


def finite_number(number: float, shown: str, path: str) -> float:
    """``number`` as a float, or ScenarioError ``<path> = <shown> is not a finite number``."""
    if not math.isfinite(number):
        raise ScenarioError(f"{path} = {shown} is not a finite number; expected a finite value.")
    return float(number)


def _short(exc: Exception) -> str:
    """astropy's reason, in one short clause."""
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    unknown = re.match(r"'([^']*)' did not parse as unit", text)
    if unknown:
        return f"'{unknown.group(1)}' is not a unit moonbase knows"
    if "does not start with a number" in text:
        return "it does not start with a number"
    return text[:120]


def si_to_display(value_si: float, display_unit: str) -> float:
    """Convert an SI value to its display unit (the inverse of :func:`parse_quantity`)."""
    return float((value_si * si_unit(display_unit)).to_value(unit(display_unit)))


def format_quantity(value_si: float, display_unit: str) -> str | float:
    """Write an SI value as ``"<number> <display unit>"`` (a bare float if dimensionless)."""
    shown = si_to_display(value_si, display_unit)
    number = float(f"{shown:.{_SIGNIFICANT_DIGITS}g}")
    if not display_unit:
        return number
    text = f"{number:.{_SIGNIFICANT_DIGITS}g}"
    return f"{text} {display_unit}"
