"""Unit strings at the scenario boundary: ``"2.5 km/s"`` -> SI float and back.

Tolerances: a unit conversion is one or two float multiplications by scale factors,
each rounded to half an ulp (1.1e-16 relative), so parsed values agree with the
hand-computed SI value to ``ROUND_OFF`` = 1e-15 relative. Writing back keeps 12
significant digits (``moonbase.scenario.units``), so ``FORMAT_DIGITS`` = 5e-12
(half a unit in the 12th digit).
"""

from __future__ import annotations

import math

import pytest
from numpy.testing import assert_allclose

from moonbase.constants import AU_M, KG_PER_TONNE, SECONDS_PER_DAY, SECONDS_PER_YEAR
from moonbase.errors import ScenarioError
from moonbase.scenario.units import format_quantity, parse_quantity, si_to_display, si_unit, unit

ROUND_OFF = 1e-15  # a few ulp of float64 from the unit's scale factors
FORMAT_DIGITS = 5e-12  # 12 significant digits: half a unit in the 12th digit
GIGA = 1e9
KILO = 1e3
PERCENT = 1e-2
SECONDS_PER_HOUR = SECONDS_PER_DAY / 24


@pytest.mark.parametrize(
    ("text", "display_unit", "expected_si"),
    [
        # speeds [m/s]
        ("2.5 km/s", "km/s", 2.5 * KILO),
        ("2500 m/s", "km/s", 2500.0),
        ("9000 km/h", "km/s", 9000 * KILO / SECONDS_PER_HOUR),
        # masses [kg]
        ("100 t", "t", 100 * KG_PER_TONNE),
        ("1e5 kg", "t", 1e5),
        ("0.5 t", "t", 0.5 * KG_PER_TONNE),
        # powers [W] and per-year power flows [W/s]
        ("20 GW", "GW", 20 * GIGA),
        ("19647 GW", "GW", 19647 * GIGA),
        ("15 GW/yr", "GW/yr", 15 * GIGA / SECONDS_PER_YEAR),
        ("5 TW/yr", "GW/yr", 5e12 / SECONDS_PER_YEAR),
        # money [USD/kg, USD/W, USD/s]
        ("1800 USD/kg", "USD/kg", 1800.0),
        ("1.8 USD/g", "USD/kg", 1800.0),
        ("30 USD/W", "USD/W", 30.0),
        ("30000 USD/kW", "USD/W", 30.0),
        ("1e9 USD/yr", "USD/yr", 1e9 / SECONDS_PER_YEAR),
        # accelerator efficiency [FLOP/J]
        ("2.25e12 FLOP/J", "FLOP/J", 2.25e12),
        ("1e15 FLOP/J", "FLOP/J", 1e15),
        # per-year counts and compound-rate strings [1/s] (the compound -> continuous
        # conversion happens once in moonbase.scenario.params, not here)
        ("10 1/yr", "1/yr", 10 / SECONDS_PER_YEAR),
        ("40 %/yr", "%/yr", 40 * PERCENT / SECONDS_PER_YEAR),
        ("0.4 1/yr", "%/yr", 0.4 / SECONDS_PER_YEAR),
        # specific quantities and the rest
        ("1.5 kg/m2", "kg/m2", 1.5),
        ("8 kg/kW", "kg/kW", 8 / KILO),
        ("30 MJ/kg", "MJ/kg", 30e6),
        ("330 K", "K", 330.0),
        ("270 deg", "deg", 1.5 * math.pi),
        ("1 AU", "AU", AU_M),
        ("5 yr", "yr", 5 * SECONDS_PER_YEAR),
    ],
)
def test_parse_quantity_converts_to_si(text, display_unit, expected_si):
    assert_allclose(parse_quantity(text, display_unit, "a.b"), expected_si, rtol=ROUND_OFF)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("90 %", 0.9), ("100 %", 1.0), (0.9, 0.9), ("0.9", 0.9), (1, 1.0), (0, 0.0), ("  0.25 ", 0.25), ("1e-1", 0.1)],
)
def test_parse_quantity_reads_fractions_and_percentages(value, expected):
    assert_allclose(parse_quantity(value, "", "compute.space_share"), expected, rtol=ROUND_OFF)


def test_parse_quantity_returns_plain_float():
    assert type(parse_quantity("2.5 km/s", "km/s", "x")) is float
    assert type(parse_quantity(1, "", "x")) is float


@pytest.mark.parametrize(
    ("display_unit", "si_text"),
    [("km/s", "m/s"), ("t", "kg"), ("GW", "W"), ("GW/yr", "W/s"), ("USD/kg", "USD/kg"), ("FLOP/J", "FLOP/J"),
     ("%/yr", "1/s"), ("deg", "rad"), ("%", "")],
)
def test_si_unit_drops_the_scale(display_unit, si_text):
    assert si_unit(display_unit) == unit(si_text)
    assert si_unit(display_unit).scale == 1.0


@pytest.mark.parametrize(
    "text",
    ["2.6 km/s", "100 t", "0.5 t", "15 GW/yr", "19647 GW", "1800 USD/kg", "30 USD/W", "1000000000 USD/yr", "1e+12 USD/yr",
     "2.25e+12 FLOP/J", "40 %/yr", "1.5 %/yr", "10 1/yr", "1000 m/s2", "270 deg", "-10 deg", "1 AU", "4 K"],
)
def test_format_quantity_round_trips_canonical_text(text):
    display_unit = text.split(" ", 1)[1]
    value_si = parse_quantity(text, display_unit, "x")
    assert format_quantity(value_si, display_unit) == text
    assert parse_quantity(format_quantity(value_si, display_unit), display_unit, "x") == value_si


@pytest.mark.parametrize("fraction", [0.0, 0.22, 0.9, 1.0])
def test_format_quantity_writes_fractions_as_bare_floats(fraction):
    assert format_quantity(fraction, "") == fraction


@pytest.mark.parametrize("display_unit", ["km/s", "t", "GW/yr", "USD/yr", "%/yr", "AU"])
def test_format_quantity_keeps_twelve_significant_digits(display_unit):
    value_si = math.pi * parse_quantity(f"1 {display_unit}", display_unit, "x")
    written = format_quantity(value_si, display_unit)
    assert_allclose(parse_quantity(written, display_unit, "x"), value_si, rtol=FORMAT_DIGITS)
    assert_allclose(si_to_display(value_si, display_unit), math.pi, rtol=ROUND_OFF)


@pytest.mark.parametrize(
    ("value", "display_unit", "pattern"),
    [
        # wrong dimension: names the unit found and the kind expected
        ("2.5 kg", "km/s", r"^mass_driver\.exit_speed = '2\.5 kg' has unit 'kg' \(mass\); expected a speed"),
        ("100 m", "t", r"^mass_driver\.exit_speed = '100 m' has unit 'm' \(length\); expected a mass"),
        ("15 GW", "GW/yr", r"'15 GW' has unit 'GW' \(power.*\); expected a .* convertible to GW/yr"),
        ("90 %/yr", "", r"'90 %/yr' has unit .*; expected a dimensionless number"),
        # no unit where one is needed
        ("2.5", "km/s", r"'2\.5' has no unit; expected a speed.*\"2\.5 km/s\""),
        (2.5, "km/s", r"= 2\.5 has no unit; expected a speed with its unit"),
        # not a quantity at all
        ("fast", "km/s", r"'fast' is not a number with a unit; expected a speed"),
        ("", "t", r"'' is not a number with a unit; expected a mass"),
        ("km/s", "km/s", r"'km/s' is not a number with a unit"),
        ("2.5 furlongs", "km/s", r"'2\.5 furlongs' is not a number with a unit"),
        (True, "", r"= True is a boolean; expected a quantity"),
        (["1 t"], "t", r"= \['1 t'\] is a list; expected a string with a unit"),
        ({"value": 1}, "t", r"is a dict; expected a string with a unit"),
        # non-finite
        ("nan km/s", "km/s", r"'nan km/s' is not a finite number"),
        ("inf t", "t", r"'inf t' is not a finite number"),
        ("1e400 t", "t", r"'1e400 t' is not a finite number"),
        (float("nan"), "", r"= nan is not a finite number"),
        # a digit group is not silently taken as a scale factor (1 x "500 t")
        ("1 500 t", "t", r"'1 500 t' has a number inside its unit"),
    ],
)
def test_parse_quantity_errors_name_path_value_and_kind(value, display_unit, pattern):
    path = "mass_driver.exit_speed"
    with pytest.raises(ScenarioError, match=pattern) as caught:
        parse_quantity(value, display_unit, path)
    message = str(caught.value)
    assert message.startswith(path + " = ")
    assert "\n" not in message


def test_parse_quantity_overflow_is_an_error_not_a_warning(recwarn):
    with pytest.raises(ScenarioError, match=r"'1e308 TW' is not a finite number"):
        parse_quantity("1e308 TW", "GW", "ground.max_power")
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]


@pytest.mark.parametrize(
    ("text", "display_unit"),
    [("41 %", ""), ("57 %", ""), ("12.5 %", ""), ("1234.5 kg", "t"), ("2600 m/s", "km/s"), ("150 MW", "GW"),
     ("0.3 t", "t"), ("330 K", "K")],
)
def test_value_written_in_a_decimal_multiple_of_its_unit_round_trips_exactly(text, display_unit):
    # "41 %" must be the float nearest 0.41 (not 41 * 0.01 = 0.41000000000000003), or the
    # resolved scenario.toml would not reproduce the run bit for bit.
    value_si = parse_quantity(text, display_unit, "x")
    assert parse_quantity(format_quantity(value_si, display_unit), display_unit, "x") == value_si


def test_percent_is_the_nearest_float_to_the_fraction():
    assert parse_quantity("41 %", "", "x") == 0.41
    assert parse_quantity("1234.5 kg", "t", "x") == 1234.5
