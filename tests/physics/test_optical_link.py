"""Tests of moonbase.physics.optical_link (Friis link budget, photon-limited rate, light time)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.constants import AU_M
from moonbase.errors import ModelDomainError
from moonbase.physics.optical_link import (
    aperture_gain,
    light_time_s,
    photon_energy_j,
    photon_limited_rate_bit_s,
    received_power_w,
)

FLOAT_RTOL = 1e-12


def test_received_power_matches_google_isl_1p6_uw_at_5000_km():
    # arXiv:2511.19468: 5 W, 105.1 dB apertures, 1.55 um, 3 dB losses -> 1.6 uW at 5,000 km (two digits)
    gain = 10 ** (105.1 / 10)
    assert_allclose(received_power_w(5.0, gain, gain, 5.0e6, 1.55e-6, 3.0), 1.6e-6, rtol=0.04)


def test_ideal_10_cm_gain_is_one_db_above_the_published_105_1_db():
    # the paper's 105.1 dB is the ideal 106.14 dB less ~1 dB of aperture efficiency
    ideal_db = 10 * math.log10(aperture_gain(0.1, 1.55e-6))
    assert_allclose(ideal_db, 106.14, atol=0.005)


def test_inverse_square_law_and_zero_power():
    near, far = received_power_w(1.0, 1e10, 1e10, np.array([1e6, 2e6]), 1.55e-6)
    assert_allclose(near / far, 4.0, rtol=FLOAT_RTOL)
    assert received_power_w(0.0, 1e10, 1e10, 1e6, 1.55e-6) == 0.0


def test_rate_is_photons_over_energy_and_capped():
    power = 1e-9
    expected = power / (2.0 * photon_energy_j(1.55e-6))
    assert_allclose(photon_limited_rate_bit_s(power, 1.55e-6, 2.0), expected, rtol=FLOAT_RTOL)
    assert photon_limited_rate_bit_s(power, 1.55e-6, 2.0, 1e6) == 1e6


def test_light_time_of_one_au():
    assert_allclose(light_time_s(AU_M), 499.004784, rtol=1e-9)  # IAU: 1 au / c = 499.004784 s


def test_shapes_broadcast():
    distances = np.array([1e6, 1e7, 1e8])
    scalar = [received_power_w(5.0, 1e10, 1e10, d, 1.55e-6) for d in distances]
    assert_allclose(received_power_w(5.0, 1e10, 1e10, distances, 1.55e-6), scalar, rtol=FLOAT_RTOL)
    assert received_power_w(np.ones((2, 1)), 1e10, 1e10, distances, 1.55e-6).shape == (2, 3)


@pytest.mark.parametrize(("call", "name"), [
    (lambda: aperture_gain(0.0, 1.55e-6), "diameter_m"),
    (lambda: aperture_gain(0.1, 1.55e-6, 1.5), "aperture_efficiency"),
    (lambda: received_power_w(-1.0, 1e10, 1e10, 1e6, 1.55e-6), "transmit_power_w"),
    (lambda: received_power_w(1.0, 1e10, 1e10, 1e6, 1.55e-6, -3.0), "other_loss_db"),
    (lambda: photon_limited_rate_bit_s(1e-9, 1.55e-6, 0.0), "photons_per_bit"),
    (lambda: light_time_s(-1.0), "distance_m"),
])
def test_bad_input_names_the_argument(call, name):
    with pytest.raises(ModelDomainError, match=name):
        call()
