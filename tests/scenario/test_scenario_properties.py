"""Property tests (hypothesis) of the scenario parser.

Tolerance: parsing ``"<x> <unit>"`` multiplies by the unit's scale factor and divides
by the display unit's; each step rounds to half an ulp, so the result matches
``x * factor`` to ``ROUND_OFF`` = 1e-14 relative (a few ulp, with margin for
composite units such as km/h). Examples are derandomized, so runs are reproducible.
"""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from moonbase.constants import AU_M, KG_PER_TONNE, SECONDS_PER_DAY, SECONDS_PER_YEAR
from moonbase.errors import ScenarioError
from moonbase.scenario.loader import scenario_from_dict, scenario_from_toml, scenario_to_toml
from moonbase.scenario.units import parse_quantity

ROUND_OFF = 1e-14
FORMAT_DIGITS = 5e-12  # 12 significant digits: half a unit in the 12th digit
SECONDS_PER_HOUR = SECONDS_PER_DAY / 24
PERCENT = 1e-2

FAST = settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
SLOWER = settings(max_examples=15, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])

# display unit of a field -> {unit a user may write: its size in SI}
CONVERTIBLE = {
    "km/s": {"m/s": 1.0, "km/s": 1e3, "km/h": 1e3 / SECONDS_PER_HOUR, "cm/s": 1e-2},
    "t": {"kg": 1.0, "t": KG_PER_TONNE, "g": 1e-3, "Mg": KG_PER_TONNE},
    "GW": {"W": 1.0, "kW": 1e3, "MW": 1e6, "GW": 1e9, "TW": 1e12},
    "GW/yr": {"GW/yr": 1e9 / SECONDS_PER_YEAR, "MW/d": 1e6 / SECONDS_PER_DAY, "W/s": 1.0, "TW/yr": 1e12 / SECONDS_PER_YEAR},
    "USD/kg": {"USD/kg": 1.0, "USD/t": 1e-3, "USD/g": 1e3},
    "USD/yr": {"USD/yr": 1 / SECONDS_PER_YEAR, "USD/s": 1.0, "USD/d": 1 / SECONDS_PER_DAY},
    "FLOP/J": {"FLOP/J": 1.0, "FLOP/kJ": 1e-3, "FLOP/(W s)": 1.0},
    "%/yr": {"%/yr": PERCENT / SECONDS_PER_YEAR, "1/yr": 1 / SECONDS_PER_YEAR, "1/s": 1.0},
    "AU": {"AU": AU_M, "km": 1e3, "m": 1.0},
    "deg": {"deg": math.pi / 180, "rad": 1.0, "arcmin": math.pi / 180 / 60},
    "": {"%": PERCENT, "": 1.0},
}

finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)


@st.composite
def quantity_texts(draw):
    display_unit = draw(st.sampled_from(sorted(CONVERTIBLE)))
    written_unit, factor = draw(st.sampled_from(sorted(CONVERTIBLE[display_unit].items())))
    number = draw(finite)
    return display_unit, f"{number!r} {written_unit}".strip(), number * factor


@FAST
@given(quantity_texts())
def test_any_convertible_unit_parses_to_the_si_value(case):
    display_unit, text, expected_si = case
    assert_allclose(parse_quantity(text, display_unit, "x.y"), expected_si, rtol=ROUND_OFF, atol=0.0)


@FAST
@given(st.floats(min_value=1e-3, max_value=1e4, allow_nan=False), st.sampled_from(sorted(CONVERTIBLE["km/s"].items())))
def test_exit_speed_in_any_speed_unit_reaches_the_scenario_in_m_s(number, unit_factor):
    written_unit, factor = unit_factor
    scenario = scenario_from_dict({"base": "alpha", "mass_driver": {"exit_speed": f"{number!r} {written_unit}"}})
    assert_allclose(scenario.mass_driver.exit_speed_m_s, number * factor, rtol=ROUND_OFF)


@FAST
@given(st.floats(min_value=0.0, max_value=1.0))
def test_fraction_as_number_text_or_percent_agree(fraction):
    as_number = parse_quantity(fraction, "", "f")
    as_text = parse_quantity(repr(fraction), "", "f")
    as_percent = parse_quantity(f"{fraction * 100!r} %", "", "f")
    assert as_number == as_text == fraction
    assert_allclose(as_percent, fraction, rtol=ROUND_OFF, atol=1e-300)


garbage = st.one_of(
    st.text(max_size=30),
    st.text(alphabet="0123456789.eE+-% /*()^kmgstWJKUSDFLOPyrhAuda", max_size=20),
    st.builds(lambda n, u: f"{n} {u}", finite.map(repr), st.text(max_size=10)),
    st.integers(), st.floats(), st.booleans(), st.none(),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


@FAST
@given(garbage, st.sampled_from(sorted(CONVERTIBLE)))
def test_garbage_values_raise_only_scenario_error(value, display_unit):
    try:
        result = parse_quantity(value, display_unit, "launch.payload")
    except ScenarioError as exc:
        assert str(exc).startswith("launch.payload = ")
        assert "\n" not in str(exc)
    else:
        assert isinstance(result, float) and math.isfinite(result)


toml_values = st.recursive(
    st.one_of(st.integers(min_value=-10**6, max_value=10**6), st.floats(allow_nan=False, allow_infinity=False),
              st.booleans(), st.text(max_size=12)),
    lambda children: st.one_of(st.lists(children, max_size=3),
                               st.dictionaries(st.from_regex(r"[a-z_]{1,8}", fullmatch=True), children, max_size=3)),
    max_leaves=6,
)
FIELD_PATHS = ("mass_driver.exit_speed", "launch.payload", "lunar.local_fractions", "span.end_year",
               "earth_orbit.design.radiator_emissivity", "compute.improvement", "deep_space.enabled",
               "mass_driver", "name", "trajectory.escape_model", "unknown_section.key")


@FAST
@given(st.sampled_from(FIELD_PATHS), toml_values)
def test_any_value_at_any_field_raises_only_scenario_error(path, value):
    data: dict = {"base": "alpha"}
    *tables, key = path.split(".")
    table = data
    for name in tables:
        table = table.setdefault(name, {})
    table[key] = value
    try:
        scenario_from_dict(data)
    except ScenarioError as exc:
        assert "\n" not in str(exc)


@FAST
@given(st.text(max_size=80))
def test_any_text_as_toml_raises_only_scenario_error(text):
    try:
        scenario_from_toml(text, "file 'fuzz.toml'")
    except ScenarioError as exc:
        assert "\n" not in str(exc)


def _decimal(mantissa_digits: int, exponents: tuple[int, int]):
    """Decimal text with few significant digits, like a person writes: '2.35e3'."""
    return st.builds(lambda m, e: f"{m}e{e}", st.integers(1, 10**mantissa_digits - 1), st.integers(*exponents))


overrides = st.fixed_dictionaries({
    "mass_driver": st.fixed_dictionaries({
        "exit_speed": st.builds(lambda x, u: f"{x} {u}", _decimal(4, (-3, 0)), st.just("km/s")),
        "efficiency": st.floats(min_value=0.01, max_value=1.0).map(lambda x: round(x, 4)),
        "energy_model": st.just("lumped"),  # the model that reads efficiency (coil_stage rejects it)
        "payload_mass": st.builds(lambda x, u: f"{x} {u}", _decimal(3, (-2, 3)), st.sampled_from(["kg", "t"])),
    }),
    "launch": st.fixed_dictionaries({
        "growth": st.builds(lambda x: f"{x} %/yr", _decimal(3, (-2, 0))),
        "learning_rate": st.sampled_from(["10 %", "20 %", 0.25, "0.3"]),
    }),
    "span": st.integers(2026, 2150).map(lambda end: {"end_year": end}),
    "lunar": st.fixed_dictionaries({
        "local_fractions": st.lists(st.integers(0, 100).map(lambda pct: f"{pct} %"), min_size=1, max_size=8),
        "enabled": st.booleans(),
    }),
    "earth_orbit": st.fixed_dictionaries({
        "design": st.fixed_dictionaries({"radiator_temperature": st.integers(250, 400).map(lambda k: f"{k} K")}),
    }),
})


@SLOWER
@given(overrides)
def test_valid_overrides_round_trip_through_toml(override):
    scenario = scenario_from_dict({"base": "alpha", "name": "fuzzed", **override})
    text = scenario_to_toml(scenario)
    again = scenario_from_toml(text)
    assert again == scenario
    assert scenario_to_toml(again) == text


@SLOWER
@given(st.floats(min_value=1e-3, max_value=1e5), st.sampled_from(["km/h", "cm/s", "m/s", "km/s"]))
def test_resolved_speed_text_is_a_fixed_point(number, written_unit):
    # Units with a non-decimal ratio to the display unit (km/h vs km/s) are written back with
    # 12 significant digits (FORMAT_DIGITS); after one trip the text no longer changes.
    scenario = scenario_from_dict({"base": "alpha", "mass_driver": {"exit_speed": f"{number!r} {written_unit}"}})
    text = scenario_to_toml(scenario)
    again = scenario_from_toml(text)
    assert_allclose(again.mass_driver.exit_speed_m_s, scenario.mass_driver.exit_speed_m_s, rtol=FORMAT_DIGITS)
    assert scenario_to_toml(again) == text
