"""Tests of the carrier-recirculation and supply-limit helpers in moonbase.massdriver.throughput."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.errors import ModelDomainError
from moonbase.massdriver.throughput import carrier_cycle_time_s, carriers_in_circulation, max_launch_rate_per_s

FLOAT_RTOL = 1e-12


def test_cycle_time_adds_its_legs():
    assert_allclose(carrier_cycle_time_s(3.1, 1.3, 5000.0, 100.0, 60.0), 3.1 + 1.3 + 50.0 + 60.0, rtol=FLOAT_RTOL)


def test_littles_law_rounds_up_and_zero_rate_needs_none():
    assert carriers_in_circulation(0.1, 114.4) == 12.0
    assert carriers_in_circulation(0.0, 114.4) == 0.0
    assert carriers_in_circulation(np.array([0.5, 2.0]), 10.0).tolist() == [5.0, 20.0]


def test_max_rate_is_power_over_energy():
    assert_allclose(max_launch_rate_per_s(1e9, 5e9), 0.2, rtol=FLOAT_RTOL)
    assert max_launch_rate_per_s(0.0, 5e9) == 0.0


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: carrier_cycle_time_s(-1.0, 1.0, 1.0, 1.0, 1.0), "time_on_track_s"),
        (lambda: carrier_cycle_time_s(1.0, 1.0, 1.0, 0.0, 1.0), "return_speed_m_s"),
        (lambda: carriers_in_circulation(-0.1, 10.0), "launch_rate_per_s"),
        (lambda: max_launch_rate_per_s(1e9, 0.0), "bus_energy_per_launch_j"),
    ],
)
def test_recirculation_bad_input(call, name):
    with pytest.raises(ModelDomainError, match=name):
        call()
