"""The [uncertainty] and correlations tables: parsing, units, errors, inverse CDFs."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from moonbase.constants import SECONDS_PER_YEAR
from moonbase.errors import ScenarioError
from moonbase.scenario.distributions import Z90, copula_correlation, resolved_uncertainty
from moonbase.scenario.field_paths import field_target
from moonbase.scenario.loader import scenario_from_dict, scenario_from_toml, scenario_to_toml

# Inverse CDFs are closed forms evaluated in float64: agreement to 1e-12 relative is
# round-off, not approximation.
ROUND_OFF = 1e-12
KM_S = 1e3

UNCERTAIN = {
    "lunar.replication_time": {"distribution": "lognormal", "median": "2 yr", "p90": "3.5 yr"},
    "mass_driver.exit_speed": {"distribution": "uniform", "low": "2.55 km/s", "high": "2.8 km/s"},
    "lunar.seed_year": {"distribution": "discrete", "values": [2032, 2035, 2040], "weights": [0.5, 0.3, 0.2]},
    "compute.improvement": {"distribution": "triangular", "low": "20 %/yr", "mode": "40 %/yr", "high": "50 %/yr"},
    "mass_driver.efficiency": {"distribution": "normal", "mean": 0.6, "std": 0.3},
}


def scenario(uncertainty=None, correlations=None):
    data = {"base": "alpha", "name": "uncertain", "uncertainty": UNCERTAIN if uncertainty is None else uncertainty,
            "mass_driver": {"energy_model": "lumped"}}  # the model that reads mass_driver.efficiency
    if correlations is not None:
        data["correlations"] = correlations
    return scenario_from_dict(data)


def one_line_error(pattern, **kwargs):
    with pytest.raises(ScenarioError, match=pattern) as caught:
        scenario(**kwargs)
    assert "\n" not in str(caught.value)
    return str(caught.value)


def test_parameters_are_parsed_in_the_fields_units():
    resolved = resolved_uncertainty(scenario())
    assert_allclose(resolved["mass_driver.exit_speed"].params, (2.55 * KM_S, 2.8 * KM_S), rtol=ROUND_OFF)
    assert_allclose(resolved["lunar.replication_time"].params, (2 * SECONDS_PER_YEAR, 3.5 * SECONDS_PER_YEAR),
                    rtol=ROUND_OFF)
    assert resolved["lunar.seed_year"].target.attribute == "lunar.seed_year"
    assert resolved["lunar.replication_time"].target.attribute == "lunar.replication_time_s"


def test_resolved_scenario_keeps_the_tables_and_round_trips():
    s = scenario(correlations=[{"a": "lunar.replication_time", "b": "compute.improvement", "rho": -0.5}])
    text = scenario_to_toml(s)
    assert '[uncertainty."lunar.replication_time"]' in text
    again = scenario_from_toml(text)
    assert again == s
    assert scenario_to_toml(again) == text


def test_lognormal_median_and_p90_are_its_quantiles():
    r = resolved_uncertainty(scenario())["lunar.replication_time"]
    assert_allclose(r.ppf(np.array([0.5, 0.9])) / SECONDS_PER_YEAR, [2.0, 3.5], rtol=ROUND_OFF)
    assert Z90 == pytest.approx(1.2815515655446004, rel=ROUND_OFF)


def test_uniform_and_triangular_quantiles():
    resolved = resolved_uncertainty(scenario())
    u = np.array([0.0, 0.25, 1.0])
    assert_allclose(resolved["mass_driver.exit_speed"].ppf(u), [2550.0, 2612.5, 2800.0], rtol=ROUND_OFF)
    tri = resolved["compute.improvement"]
    low, mode, high = tri.params
    split = (mode - low) / (high - low)  # CDF at the mode
    assert_allclose(tri.ppf(np.array([0.0, split, 1.0])), [low, mode, high], rtol=ROUND_OFF)


def test_discrete_draws_follow_the_weights():
    r = resolved_uncertainty(scenario())["lunar.seed_year"]
    u = (np.arange(10_000) + 0.5) / 10_000  # an even grid: frequencies are exact
    values, counts = np.unique(r.ppf(u), return_counts=True)
    assert values.tolist() == [2032, 2035, 2040]
    assert counts.tolist() == [5000, 3000, 2000]


def test_normal_is_truncated_to_the_valid_range():
    r = resolved_uncertainty(scenario())["mass_driver.efficiency"]  # (0, 1], mean 0.6, std 0.3
    x = r.ppf(np.linspace(0.0, 1.0, 1001))
    assert np.all(x > 0.0) and np.all(x <= 1.0)
    assert np.all(np.diff(x) >= 0.0)  # an inverse CDF is monotone


@pytest.fixture(scope="module")
def resolved():
    return list(resolved_uncertainty(scenario()).values())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(u=st.floats(min_value=0.0, max_value=1.0))
def test_every_draw_lies_in_the_fields_range(resolved, u):
    for r in resolved:
        value = float(r.ppf(np.array([u]))[0])
        assert r.target.inside(value), (r.target.path, value)


def test_copula_correlation_is_the_spearman_conversion():
    s = scenario(correlations=[{"a": "lunar.replication_time", "b": "compute.improvement", "rho": -0.5}])
    matrix = copula_correlation(list(s.uncertainty), s.correlations)
    assert_allclose(matrix[0, 3], 2 * math.sin(-math.pi * 0.5 / 6), rtol=ROUND_OFF)
    assert_allclose(matrix, matrix.T, rtol=0)


# --- bad input: one line naming the path, the value and what is expected -------------------


def test_negative_standard_deviation():
    one_line_error(r'uncertainty\."mass_driver\.efficiency"\.std = -0\.1 is negative; expected a standard deviation > 0',
                   uncertainty={"mass_driver.efficiency": {"distribution": "normal", "mean": 0.6, "std": -0.1}})


def test_lower_bound_above_upper():
    one_line_error(r'uncertainty\."mass_driver\.exit_speed"\.low = "2\.9 km/s" is not below high = "2\.8 km/s"',
                   uncertainty={"mass_driver.exit_speed": {"distribution": "uniform", "low": "2.9 km/s",
                                                           "high": "2.8 km/s"}})


def test_p90_below_the_median():
    one_line_error(r'uncertainty\."lunar\.replication_time"\.p90 = "1 yr" is below the median "2 yr"',
                   uncertainty={"lunar.replication_time": {"distribution": "lognormal", "median": "2 yr",
                                                           "p90": "1 yr"}})


def test_unknown_field_path_suggests_the_closest():
    one_line_error(r"names no scenario field.*Did you mean 'lunar\.replication_time'",
                   uncertainty={"lunar.replicaton_time": {"distribution": "uniform", "low": "1 yr", "high": "2 yr"}})


@pytest.mark.parametrize("path, kind", [("deep_space.enabled", "bool"), ("lunar.local_fractions", "list"),
                                        ("name", "str"), ("trajectory.escape_model", "EscapeModel")])
def test_distribution_on_a_non_numeric_field(path, kind):
    one_line_error(rf"{re_escape(path)} is not a numeric field \(it is a {kind}\)",
                   uncertainty={path: {"distribution": "uniform", "low": 0, "high": 1}})


def re_escape(text):
    import re

    return re.escape(text)


def test_wrong_unit_is_named():
    one_line_error(r'uncertainty\."mass_driver\.exit_speed"\.low = .2\.55 km. has unit .km. \(length\); expected a speed',
                   uncertainty={"mass_driver.exit_speed": {"distribution": "uniform", "low": "2.55 km",
                                                           "high": "2.8 km/s"}})


def test_bounded_distribution_outside_the_valid_range():
    one_line_error(r'uncertainty\."mass_driver\.efficiency"\.high = 1\.2 is outside the valid range \(0, 1\]',
                   uncertainty={"mass_driver.efficiency": {"distribution": "uniform", "low": 0.5, "high": 1.2}})


def test_unknown_distribution_and_parameter():
    one_line_error(r"distribution = 'gaussian' is unknown; choose one of: normal, lognormal",
                   uncertainty={"mass_driver.efficiency": {"distribution": "gaussian", "mean": 0.6, "std": 0.1}})
    one_line_error(r"\.sd is not a parameter of a normal distribution; expected: mean, std",
                   uncertainty={"mass_driver.efficiency": {"distribution": "normal", "mean": 0.6, "std": 0.1,
                                                           "sd": 0.1}})


def test_span_cannot_be_uncertain():
    one_line_error(r"span\.end_year sets the time axis",
                   uncertainty={"span.end_year": {"distribution": "uniform", "low": 2090, "high": 2100}})


def test_correlation_errors():
    one_line_error(r"correlations\[0\]\.b = 'world\.growth' has no distribution in \[uncertainty\]",
                   correlations=[{"a": "lunar.replication_time", "b": "world.growth", "rho": 0.3}])
    one_line_error(r"correlations\[0\]\.rho = 1\.5 is invalid; expected a rank correlation in \[-1, 1\]",
                   correlations=[{"a": "lunar.replication_time", "b": "compute.improvement", "rho": 1.5}])
    one_line_error(r"not positive definite",
                   correlations=[{"a": "lunar.replication_time", "b": "compute.improvement", "rho": 1.0}])


def test_field_target_parses_with_the_fields_quantity():
    target = field_target("mass_driver.exit_speed")
    assert target.attribute == "mass_driver.exit_speed_m_s"
    assert target.parse("2.6 km/s", "x") == 2600.0
    with pytest.raises(ScenarioError, match="x = 2.6 has no unit"):
        target.parse(2.6, "x")


toml_values = st.recursive(
    st.one_of(st.integers(-10**6, 10**6), st.floats(allow_nan=True), st.booleans(), st.text(max_size=10)),
    lambda children: st.one_of(st.lists(children, max_size=3),
                               st.dictionaries(st.sampled_from(["distribution", "low", "high", "mean", "std",
                                                                "median", "p90", "values", "weights", "x"]),
                                               children, max_size=4)),
    max_leaves=8,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["mass_driver.exit_speed", "lunar.seed_year", "nope", "mass_driver", "span.end_year"]),
       toml_values, toml_values)
def test_any_uncertainty_table_raises_only_scenario_error(path, spec, correlations):
    try:
        scenario(uncertainty={path: spec}, correlations=correlations)
    except ScenarioError as exc:
        assert "\n" not in str(exc)


def test_a_distribution_on_a_field_the_model_choice_does_not_read_is_an_error():
    """Drawn and then ignored would be a silent no-op: coil_stage does not read efficiency, geo not altitude."""
    for section, path, low, high in (({}, "mass_driver.efficiency", 0.5, 0.7),
                                     ({"earth_orbit": {"orbit": "geo"}}, "earth_orbit.altitude", "500 km", "700 km")):
        with pytest.raises(ScenarioError, match=f'uncertainty."{path}" draws a field that .* does not read') as caught:
            scenario_from_dict({"base": "alpha", "name": "u", **section,
                                "uncertainty": {path: {"distribution": "uniform", "low": low, "high": high}}})
        assert "\n" not in str(caught.value)
