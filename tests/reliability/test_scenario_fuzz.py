"""Fuzzing the scenario parser: whatever a user writes, the answer is a Scenario or a ScenarioError.

Any other exception (a KeyError, a TypeError from pydantic or astropy, a traceback from
the TOML parser) would break the command-line contract: one line naming the field, exit
status 2. Examples are derandomized so a failure reproduces; hypothesis prints the
smallest input that fails. Validating one scenario takes ~0.2 s, so the default run
tries a dozen structured examples per property; a deep run takes more:
``MOONBASE_FUZZ_EXAMPLES=1000 pytest tests/reliability/test_scenario_fuzz.py``.
"""

from __future__ import annotations

import os
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from moonbase.cli import app
from moonbase.errors import ScenarioError
from moonbase.scenario.loader import load_scenario, scenario_from_dict, scenario_from_toml, scenario_to_dict
from moonbase.scenario.schema import Scenario

EXAMPLES = int(os.environ.get("MOONBASE_FUZZ_EXAMPLES", "12"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
FEW = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])

ALPHA = scenario_to_dict(load_scenario("alpha"))


def _leaves(data, prefix=()):
    """Every (path, value) leaf of a nested scenario dict."""
    for key, value in data.items():
        if isinstance(value, dict) and value:
            yield from _leaves(value, prefix + (key,))
        else:
            yield prefix + (key,), value


LEAF_PATHS = sorted(path for path, _ in _leaves(ALPHA))
SECTIONS = sorted(k for k, v in ALPHA.items() if isinstance(v, dict))
UNITS = ["", "%", "m", "km", "km/s", "m/s2", "kg", "t", "W", "GW", "W/kg", "K", "deg", "rad", "yr", "%/yr",
         "USD", "USD/kg", "FLOP/J", "1/s", "AU", "T", "Gy", "Sv/yr", "furlong", "km/s/s", "s**-1", "m^2",
         "(", "1e999", "nan", "inf", "\x00"]

numbers = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(min_value=-10**30, max_value=10**30))
quantity_text = st.builds(lambda n, unit: f"{n} {unit}".strip(), numbers, st.sampled_from(UNITS))
scalars = st.one_of(numbers, st.booleans(), st.text(max_size=20), quantity_text, st.none().map(lambda _: ""))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                      max_leaves=8)


def _parse_only_scenario_error(call):
    try:
        result = call()
    except ScenarioError as exc:
        message = str(exc)
        assert message and "\n" not in message.strip(), f"a multi-line error message: {message!r}"
        return None
    assert isinstance(result, Scenario)
    return result


@settings(FUZZ, max_examples=10 * EXAMPLES)  # unstructured text fails fast in the TOML parser
@given(st.text(max_size=400))
def test_any_text_is_a_scenario_or_a_scenario_error(text):
    _parse_only_scenario_error(lambda: scenario_from_toml(text))


toml_lines = st.lists(st.one_of(
    st.builds(lambda s: f"[{s}]", st.sampled_from(SECTIONS + ["nope", "span.x", "uncertainty"])),
    st.builds(lambda k, v: f"{k} = {v}", st.sampled_from(sorted({p[-1] for p in LEAF_PATHS}) + ["base", "name"]),
              st.one_of(quantity_text.map(lambda t: '"' + t.replace("\\", "").replace('"', "") + '"'),
                        st.integers().map(str), st.sampled_from(["true", "false", "[]", "{}", "nan", "inf", "1e400",
                                                                  '"alpha"', '"nope"', '"ground-only"']))),
), max_size=12)


@FUZZ
@given(toml_lines)
def test_toml_shaped_text_is_a_scenario_or_a_scenario_error(lines):
    _parse_only_scenario_error(lambda: scenario_from_toml("\n".join(lines)))


@FUZZ
@given(st.dictionaries(st.sampled_from(SECTIONS + ["base", "name", "bogus"]), values, max_size=5))
def test_any_nested_data_is_a_scenario_or_a_scenario_error(data):
    _parse_only_scenario_error(lambda: scenario_from_dict(data))


def _set(data, path, value):
    import copy

    data = copy.deepcopy(data)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(LEAF_PATHS), values), min_size=1, max_size=3))
def test_alpha_with_fields_replaced_by_junk_is_a_scenario_or_a_scenario_error(replacements):
    data = ALPHA
    for path, value in replacements:
        data = _set(data, path, value)
    _parse_only_scenario_error(lambda: scenario_from_dict(data))


@FUZZ
@given(st.dictionaries(st.sampled_from(["launch.learning_rate", "mass_driver.exit_speed", "lunar.seed_mass",
                                        "nope.field", "span.end_year", ""]),
                       st.dictionaries(st.sampled_from(["distribution", "low", "high", "mode", "mean", "sigma",
                                                        "median", "values", "weights", "extra"]),
                                       st.one_of(values, st.sampled_from(["uniform", "normal", "lognormal",
                                                                          "triangular", "choice"])),
                                       max_size=4), max_size=3))
def test_uncertainty_tables_are_a_scenario_or_a_scenario_error(uncertainty):
    _parse_only_scenario_error(lambda: scenario_from_dict({"base": "alpha", "uncertainty": uncertainty}))


@FEW
@given(st.binary(max_size=300))
def test_scenario_validate_command_exits_0_or_2_with_one_line(tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("fuzz") / "scenario.toml"
    path.write_bytes(raw)
    result = CliRunner().invoke(app, ["scenario", "validate", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 2)
    if result.exit_code == 2:
        assert result.output.startswith("error: ") and "Traceback" not in result.output


@pytest.mark.parametrize("text", [
    "span = 1", "[span]\nend_year = 1e999", 'base = "alpha"\nbase = "alpha"', "[[span]]\nx=1",
    '[span]\nstart_year = "nan yr"', "name = " + '"' + "x" * 10000 + '"', "\ufeff[span]",
    'base = "' + string.ascii_letters + '"', "[mass_driver]\nexit_speed = \"1 W\"",
])
def test_known_awkward_inputs(text):
    _parse_only_scenario_error(lambda: scenario_from_toml(text))
