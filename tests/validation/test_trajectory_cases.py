"""Trajectory cases: several published points in time, every one held to the tolerance."""

from __future__ import annotations

import sys
import types

import numpy as np
import pytest

from moonbase.constants import SECONDS_PER_YEAR
from moonbase.errors import ScenarioError
from moonbase.validation.cases import evaluate_case, load_cases

MODULE = "moonbase_trajectory_test_model"

CASE = '''
[[case]]
id = "grow"
kind = "reproduction"
source_kind = "paper"
model = "{module}:{function}"
source = "A. Author, a study (2020), Fig. 1"
quantity = "a growing mass"
inputs = {{ start_kg = "{start}", doubling_s = "1 yr" }}
{times}
{expected}
rel_tolerance = 0.05
tolerance_note = "two digits"
'''


@pytest.fixture(autouse=True)
def model_module(monkeypatch):
    module = types.ModuleType(MODULE)

    def doubling(times_s, start_kg, doubling_s):
        return start_kg * 2.0 ** (np.asarray(times_s) / doubling_s)

    def scalar(times_s, start_kg, doubling_s):
        return float(start_kg)

    module.doubling, module.scalar = doubling, scalar
    monkeypatch.setitem(sys.modules, MODULE, module)


def _load(tmp_path, times='times = ["0 yr", "1 yr", "2 yr"]', expected='expected = ["10 kg", "20 kg", "40 kg"]',
          start="10 kg", function="doubling"):
    (tmp_path / "c.toml").write_text(CASE.format(module=MODULE, function=function, start=start, times=times,
                                                 expected=expected))
    return load_cases(tmp_path)[0]


def test_a_trajectory_case_loads_its_points_in_si(tmp_path):
    case = _load(tmp_path)
    assert case.is_trajectory
    np.testing.assert_allclose(case.times_s, [0.0, SECONDS_PER_YEAR, 2 * SECONDS_PER_YEAR])
    assert case.expected_points == (10.0, 20.0, 40.0) and case.expected == 40.0


def test_every_point_inside_passes(tmp_path):
    result = evaluate_case(_load(tmp_path))
    assert result.passed and result.relative_error < 1e-12
    assert result.obtained_points == pytest.approx((10.0, 20.0, 40.0)) and result.obtained == pytest.approx(40.0)


def test_one_point_outside_fails_even_when_the_end_point_agrees(tmp_path):
    result = evaluate_case(_load(tmp_path, expected='expected = ["10 kg", "25 kg", "40 kg"]'))
    assert not result.passed
    assert result.relative_error == pytest.approx(0.2)  # the worst point, not the last
    assert abs(result.obtained - result.case.expected) < 1e-9


def test_a_perturbed_input_fails_the_case(tmp_path):
    assert not evaluate_case(_load(tmp_path, start="11 kg")).passed


@pytest.mark.parametrize("times, expected, match", [
    ('times = ["0 yr", "1 yr"]', 'expected = ["10 kg", "20 kg", "40 kg"]', "same length"),
    ('times = ["0 yr"]', 'expected = ["10 kg"]', "at least 2"),
    ('times = ["1 yr", "0 yr", "2 yr"]', 'expected = ["10 kg", "20 kg", "40 kg"]', "must increase"),
    ('', 'expected = ["10 kg", "20 kg", "40 kg"]', "times"),
])
def test_a_malformed_trajectory_is_refused_naming_times(tmp_path, times, expected, match):
    with pytest.raises(ScenarioError, match=match):
        _load(tmp_path, times=times, expected=expected)


def test_a_model_that_returns_the_wrong_shape_is_an_error(tmp_path):
    with pytest.raises(ValueError, match="shape"):
        evaluate_case(_load(tmp_path, function="scalar"))


def test_the_shipped_trajectory_cases_have_several_points():
    trajectories = [c for c in load_cases() if c.is_trajectory]
    assert len(trajectories) >= 2
    assert all(len(c.times_s) >= 2 and len(c.expected_points) == len(c.times_s) for c in trajectories)
