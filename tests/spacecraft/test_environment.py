"""Tests of moonbase.spacecraft.environment: orbit registry, view factors, lunar light, dose."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.constants import AU_M, GRAY_PER_RAD, SECONDS_PER_YEAR, SOLAR_CONSTANT_W_M2
from moonbase.errors import ModelDomainError
from moonbase.spacecraft.environment import (
    OrbitKind,
    edge_on_planet_view_factor,
    lunar_sunlit_fraction,
    mean_earth_distance_m,
    orbit_dose_rate_gy_s,
    orbit_environment,
    radiation_limited_life_s,
)

FLOAT_RTOL = 1e-12


def test_orbit_dose_matches_google_150_rad_per_year_behind_10_mm_al():
    # arXiv:2511.19468: ~150 rad(Si)/yr behind ~10 mm Al (27 kg/m2) at 650 km SSO
    rate = orbit_dose_rate_gy_s("sso-dawn-dusk", 27.0)
    assert_allclose(rate * SECONDS_PER_YEAR / GRAY_PER_RAD, 150.0, rtol=FLOAT_RTOL)
    # 5 years -> 750 rad, as the paper says
    assert_allclose(rate * 5 * SECONDS_PER_YEAR / GRAY_PER_RAD, 750.0, rtol=FLOAT_RTOL)


def test_more_shielding_less_trapped_dose_but_not_less_cosmic_ray_dose():
    assert orbit_dose_rate_gy_s("leo", 54.0) < orbit_dose_rate_gy_s("leo", 27.0)
    assert orbit_dose_rate_gy_s("heliocentric", 54.0) == orbit_dose_rate_gy_s("heliocentric", 27.0)


def test_edge_on_view_factor_matches_radiator_note_and_vanishes_far_away():
    # docs/design/radiator.md: 0.241 per face at 650 km
    assert_allclose(edge_on_planet_view_factor(650e3), 0.241, atol=5e-4)
    assert edge_on_planet_view_factor(1e9) < 1e-6
    assert edge_on_planet_view_factor(1.0) == pytest.approx(0.5, abs=0.01)  # on the ground: half the sky


def test_lunar_equator_is_half_lit_and_poles_are_seasonal():
    assert_allclose(lunar_sunlit_fraction(0.0), 0.5, atol=1e-12)
    assert_allclose(lunar_sunlit_fraction(np.radians(45.0)), 0.5, atol=0.01)
    assert 0.0 <= lunar_sunlit_fraction(np.radians(89.9)) <= 1.0


def test_mean_earth_distance_at_one_au_is_four_over_pi():
    assert_allclose(mean_earth_distance_m(AU_M) / AU_M, 4.0 / np.pi, rtol=1e-5)  # 720-point midpoint rule


@pytest.mark.parametrize("kind", list(OrbitKind))
def test_every_orbit_kind_builds_a_consistent_environment(kind):
    env = orbit_environment(kind)
    assert 0.0 <= env.eclipse_fraction <= env.max_eclipse_fraction <= 1.0
    assert env.solar_flux_w_m2 > 0.0 and env.dose_rate_gy_s > 0.0
    assert env.max_eclipse_s >= 0.0


def test_heliocentric_has_no_shadow_or_planet_and_inverse_square_flux():
    env = orbit_environment("heliocentric", heliocentric_distance_m=2 * AU_M)
    assert env.eclipse_fraction == 0.0 and env.planet_view_factor == 0.0
    assert_allclose(env.solar_flux_w_m2, SOLAR_CONSTANT_W_M2 / 4.0, rtol=FLOAT_RTOL)


def test_leo_environment_broadcasts_over_samples():
    env = orbit_environment("leo", altitude_m=np.array([400e3, 800e3]), inclination_rad=np.array([0.9, 0.9]))
    single = orbit_environment("leo", altitude_m=800e3, inclination_rad=0.9)
    assert_allclose(env.eclipse_fraction[1], single.eclipse_fraction, rtol=FLOAT_RTOL)
    assert env.eclipse_fraction[0] > env.eclipse_fraction[1]  # lower orbits see more shadow


def test_radiation_life_is_tolerance_over_rate():
    assert_allclose(radiation_limited_life_s(20.0, 1.5 / SECONDS_PER_YEAR) / SECONDS_PER_YEAR, 40.0 / 3.0,
                    rtol=FLOAT_RTOL)
    assert radiation_limited_life_s(20.0, 0.0) == np.inf


@pytest.mark.parametrize(("call", "name"), [
    (lambda: orbit_environment("moon-orbit"), "orbit"),
    (lambda: orbit_dose_rate_gy_s("mars", 27.0), "kind"),
    (lambda: orbit_dose_rate_gy_s("leo", 0.0), "shield_kg_m2"),
    (lambda: radiation_limited_life_s(0.0, 1e-8), "tid_tolerance_gy"),
    (lambda: orbit_environment("sso-dawn-dusk", ltan_s=-1.0), "ltan_s"),
    (lambda: lunar_sunlit_fraction(2.0), "latitude_rad"),
])
def test_bad_input_names_the_argument(call, name):
    with pytest.raises(ModelDomainError, match=name):
        call()
