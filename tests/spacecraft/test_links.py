"""Tests of moonbase.spacecraft.links and moonbase.spacecraft.workloads."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.constants import AU_M
from moonbase.errors import ModelDomainError
from moonbase.spacecraft.links import (
    DSOC_APERTURE_M,
    DSOC_GROUND,
    DSOC_MAX_RATE_BIT_S,
    DSOC_TRANSMIT_POWER_W,
    dsoc_downlink_rate_bit_s,
    isl_rate_bit_s,
    link_rate_bit_s,
    round_trip_light_time_s,
)
from moonbase.spacecraft.workloads import WORKLOADS, useful_compute_fraction, workload_fits


def test_dsoc_photon_budget_supports_267_mbps_at_0p2_au():
    # NASA/JPL: 267 Mb/s (the terminal's peak) from ~19 million miles; our photon budget must exceed it
    uncapped = link_rate_bit_s(DSOC_TRANSMIT_POWER_W, DSOC_APERTURE_M, 30.58e9, DSOC_GROUND)
    assert uncapped > DSOC_MAX_RATE_BIT_S
    assert_allclose(dsoc_downlink_rate_bit_s(30.58e9), 267e6, rtol=1e-12)


def test_dsoc_matches_25_mbps_at_140_million_miles():
    # NASA/JPL: 25 Mb/s from ~140 million miles (225.3e9 m); our assumed losses give 21.6 Mb/s
    assert_allclose(dsoc_downlink_rate_bit_s(225.3e9), 25e6, rtol=0.3)


def test_rate_falls_as_inverse_square_once_photon_limited():
    near, far = dsoc_downlink_rate_bit_s(np.array([1e11, 2e11]))
    assert_allclose(near / far, 4.0, rtol=1e-12)


def test_isl_runs_at_terminal_rate_at_formation_spacing_and_falls_far_away():
    assert_allclose(isl_rate_bit_s(np.array([100.0, 200.0])), 9.6e12, rtol=1e-12)
    assert isl_rate_bit_s(5.0e6) < 9.6e12  # 1.6 uW at 5,000 km cannot carry 9.6 Tb/s
    spacings = np.geomspace(1e3, 1e8, 20)
    assert np.all(np.diff(isl_rate_bit_s(spacings)) <= 0.0)


def test_light_time_round_trip():
    assert_allclose(round_trip_light_time_s(AU_M), 998.0, rtol=1e-3)


def test_interactive_inference_does_not_fit_deep_space_and_training_does():
    trip = round_trip_light_time_s(1.27 * AU_M)
    assert workload_fits(WORKLOADS["interactive_inference"], trip, 1e9, 1e17) == 0.0
    assert workload_fits(WORKLOADS["training"], trip, 1e9, 1e17) == 1.0
    assert workload_fits(WORKLOADS["interactive_inference"], 0.01, 1e12, 1e17) == 1.0


def test_useful_fraction_is_share_weighted_and_link_limited():
    assert_allclose(useful_compute_fraction(0.01, 1e15, 1e18), 1.0)  # LEO, fat link
    assert_allclose(useful_compute_fraction(1000.0, 1e15, 1e18), 0.8)  # deep space: no interactive share
    starved = useful_compute_fraction(1000.0, 1.0, 1e18)
    assert 0.0 <= starved < 0.01  # a 1 bit/s link starves everything
    assert useful_compute_fraction(0.01, 0.0, 0.0) == 1.0  # zero compute: nothing to starve


def test_shapes_broadcast():
    fractions = useful_compute_fraction(np.array([0.01, 1000.0]), 1e15, 1e18)
    assert fractions.shape == (2,)


@pytest.mark.parametrize(("call", "name"), [
    (lambda: workload_fits(WORKLOADS["training"], -1.0, 1.0, 1.0), "round_trip_s"),
    (lambda: workload_fits(WORKLOADS["training"], 1.0, -1.0, 1.0), "link_rate_bit_s"),
    (lambda: dsoc_downlink_rate_bit_s(0.0), "distance_m"),
])
def test_bad_input_names_the_argument(call, name):
    with pytest.raises(ModelDomainError, match=name):
        call()
