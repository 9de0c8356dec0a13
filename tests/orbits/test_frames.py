"""The lunar ME frame from DE421 librations; launch states in barycentric ICRF and back."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from moonbase.constants import MOON_MEAN_RADIUS_M, MOON_SIDEREAL_ROTATION_RATE_RAD_S, SECONDS_PER_DAY
from moonbase.errors import ModelDomainError
from moonbase.orbits.ephemeris import body_state_m, epoch_from_utc
from moonbase.orbits.frames import (
    PA_TO_ME,
    icrf_from_moon_fixed,
    icrf_to_moon_me,
    moon_angular_velocity_rad_s,
    moon_fixed_from_icrf,
    site_from_state_icrf,
    site_state_icrf,
    synodic_basis,
)
from moonbase.orbits.lunar_site import surface_velocity_m_s

EPOCH = epoch_from_utc("2030-01-01T00:00:00")
ROUND_OFF_M = 1e-3  # barycentric coordinates of 1.5e11 m carry ~3e-5 m of round-off; 1 mm is generous


def test_rotation_is_orthonormal_and_proper():
    m = icrf_to_moon_me(EPOCH, np.linspace(0, 30 * SECONDS_PER_DAY, 7))
    assert_allclose(m @ np.swapaxes(m, -1, -2), np.broadcast_to(np.eye(3), m.shape), atol=1e-14)
    assert_allclose(np.linalg.det(m), 1.0, atol=1e-14)


def test_pa_to_me_is_the_de421_small_rotation():
    angle_rad = np.arccos((np.trace(PA_TO_ME) - 1.0) / 2.0)
    # sqrt(67.92^2 + 78.56^2 + 0.30^2) = 103.9 arcsec, Williams et al. (2008) sec. 5
    assert_allclose(np.degrees(angle_rad) * 3600.0, 103.85, atol=0.05)


def test_angular_velocity_matches_finite_difference_of_the_rotation():
    dt_s = 10.0
    t_s = 5000.0
    m0 = icrf_to_moon_me(EPOCH, t_s)
    dm = (icrf_to_moon_me(EPOCH, t_s + dt_s) - icrf_to_moon_me(EPOCH, t_s - dt_s)) / (2 * dt_s)
    skew = -dm @ m0.T  # [w_ME]x with r_ME = M r_ICRF
    omega_me = np.array([skew[2, 1], skew[0, 2], skew[1, 0]])
    # central difference: relative error ~ (w dt)^2 ~ 1e-9
    assert_allclose(m0 @ moon_angular_velocity_rad_s(EPOCH, t_s), omega_me, rtol=1e-6, atol=1e-14)


def test_rotation_rate_is_synchronous():
    w = moon_angular_velocity_rad_s(EPOCH, np.linspace(0, 27 * SECONDS_PER_DAY, 40))
    # the physical librations change the rate by < 2 %
    assert_allclose(np.linalg.norm(w, axis=-1).mean(), MOON_SIDEREAL_ROTATION_RATE_RAD_S, rtol=0.02)


def test_me_frame_x_axis_points_at_the_earth_within_the_librations():
    times = np.arange(0.0, 6 * 365.25 * SECONDS_PER_DAY, 0.37 * SECONDS_PER_DAY)
    earth_p, _ = body_state_m("earth", EPOCH, times)
    moon_p, _ = body_state_m("moon", EPOCH, times)
    d = np.einsum("...ij,...j->...i", icrf_to_moon_me(EPOCH, times), earth_p - moon_p)
    longitude_deg = np.degrees(np.arctan2(d[:, 1], d[:, 0]))
    latitude_deg = np.degrees(np.arcsin(d[:, 2] / np.linalg.norm(d, axis=1)))
    # optical librations: at most about 8.1 deg in longitude and 6.9 deg in latitude
    assert np.abs(longitude_deg).max() < 8.2 and np.abs(latitude_deg).max() < 7.0
    # the ME frame is the mean-Earth frame: the mean sub-Earth point lies within 0.1 deg of its origin (the
    # optical librations' second-order terms do not average out over 6 years; the 104-arcsec PA -> ME rotation
    # is below what this check resolves, its convention is that of the NAIF frame kernel for DE421)
    assert abs(longitude_deg.mean()) < 0.1 and abs(latitude_deg.mean()) < 0.1


def test_a_point_at_rest_on_the_surface_moves_with_the_rotation():
    position, velocity = icrf_from_moon_fixed([MOON_MEAN_RADIUS_M, 0.0, 0.0], [0.0, 0.0, 0.0], EPOCH)
    moon_p, moon_v = body_state_m("moon", EPOCH)
    assert_allclose(np.linalg.norm(position - moon_p), MOON_MEAN_RADIUS_M, atol=ROUND_OFF_M)
    # 4.62 m/s eastward on the equator (lunar_site's mean rotation); librations change it by < 3 %
    expected = np.linalg.norm(surface_velocity_m_s(0.0, 0.0, 0.0))
    assert_allclose(np.linalg.norm(velocity - moon_v), expected, rtol=0.03)


@settings(max_examples=40, deadline=None)
@given(lat=st.floats(-89.0, 89.0), lon=st.floats(-179.0, 179.0), height=st.floats(-5e3, 15e3),
       az=st.floats(0.0, 359.0), el=st.floats(-80.0, 89.0), speed=st.floats(1.0, 4000.0),
       days=st.floats(0.0, 400.0))
def test_site_state_round_trip(lat, lon, height, az, el, speed, days):
    state = site_state_icrf(np.radians(lat), np.radians(lon), height, np.radians(az), np.radians(el), speed,
                            EPOCH, days * SECONDS_PER_DAY)
    back = site_from_state_icrf(*state, EPOCH, days * SECONDS_PER_DAY)
    # 1 mm of position round-off over 1,737 km is 6e-10 rad; directions of a 1 m/s velocity with 1e-9 m/s of
    # round-off are good to ~1e-8 rad
    assert_allclose(np.degrees(back.latitude_rad), lat, atol=1e-6)
    assert_allclose(np.degrees(back.longitude_rad), lon, atol=1e-6)
    assert_allclose(back.height_m, height, atol=ROUND_OFF_M)
    assert_allclose(np.degrees(back.elevation_rad), el, atol=1e-5)
    assert_allclose(np.degrees(np.angle(np.exp(1j * (back.azimuth_rad - np.radians(az))))), 0.0, atol=1e-5)
    assert_allclose(back.exit_speed_m_s, speed, rtol=1e-9, atol=1e-6)


def test_moon_fixed_round_trip_for_arbitrary_states():
    rng = np.random.default_rng(3)
    position_me = rng.normal(0.0, 1e7, (5, 3))
    velocity_me = rng.normal(0.0, 1e3, (5, 3))
    times = rng.uniform(0.0, 100 * SECONDS_PER_DAY, 5)
    back_p, back_v = moon_fixed_from_icrf(*icrf_from_moon_fixed(position_me, velocity_me, EPOCH, times), EPOCH, times)
    assert_allclose(back_p, position_me, atol=ROUND_OFF_M)
    assert_allclose(back_v, velocity_me, atol=1e-8)


def test_zero_exit_speed_leaves_with_the_surface():
    position, velocity = site_state_icrf(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, EPOCH)
    reference = icrf_from_moon_fixed([MOON_MEAN_RADIUS_M, 0.0, 0.0], [0.0, 0.0, 0.0], EPOCH)
    assert_allclose(position, reference[0], atol=ROUND_OFF_M)
    assert_allclose(velocity, reference[1], atol=1e-9)


def test_launch_speed_relative_to_the_moon_adds_the_surface_motion():
    position, velocity = site_state_icrf(0.0, 0.0, 0.0, np.pi / 2, 0.0, 2000.0, EPOCH)  # due east
    _, moon_v = body_state_m("moon", EPOCH)
    # eastward launch on the equator gains the ~4.6 m/s rotation speed
    assert_allclose(np.linalg.norm(velocity - moon_v), 2004.6, atol=0.2)


@pytest.mark.parametrize("shape", [(), (3,), (2, 4)])
def test_site_state_broadcasts(shape):
    speed = np.full(shape, 2500.0)
    position, velocity = site_state_icrf(0.1, -1.5, 0.0, 0.2, 0.7, speed, EPOCH)
    assert position.shape == shape + (3,) and velocity.shape == shape + (3,)
    single = site_state_icrf(0.1, -1.5, 0.0, 0.2, 0.7, 2500.0, EPOCH)
    assert_allclose(velocity.reshape(-1, 3), np.broadcast_to(single[1], (int(np.prod(shape)), 3)), rtol=0, atol=0)


def test_bad_launch_inputs_raise():
    with pytest.raises(ModelDomainError, match="latitude_rad"):
        site_state_icrf(2.0, 0.0, 0.0, 0.0, 0.5, 2500.0, EPOCH)
    with pytest.raises(ModelDomainError, match="exit_speed_m_s"):
        site_state_icrf(0.0, 0.0, 0.0, 0.0, 0.5, -1.0, EPOCH)
    with pytest.raises(ModelDomainError, match="height_m"):
        site_state_icrf(0.0, 0.0, -2e6, 0.0, 0.5, 2500.0, EPOCH)


def test_synodic_basis_is_orthonormal_and_puts_the_moon_on_x():
    epoch = epoch_from_utc("2030-01-01T00:00:00")
    days = np.linspace(0.0, 27.3, 40) * SECONDS_PER_DAY
    moon_r, moon_v = body_state_m("moon", epoch, days)
    earth_r, earth_v = body_state_m("earth", epoch, days)
    r, v = moon_r - earth_r, moon_v - earth_v
    basis = synodic_basis(r, v)
    assert basis.shape == (40, 3, 3)
    np.testing.assert_allclose(basis @ np.swapaxes(basis, -1, -2), np.broadcast_to(np.eye(3), (40, 3, 3)),
                               atol=1e-12)  # orthonormal to rounding
    np.testing.assert_allclose(np.linalg.det(basis), 1.0, rtol=1e-12)  # proper: right-handed
    in_frame = np.einsum("tij,tj->ti", basis, r)
    np.testing.assert_allclose(in_frame[:, 1:], 0.0, atol=1e-6)  # the Moon sits on +x (to a micrometre)
    np.testing.assert_allclose(in_frame[:, 0], np.linalg.norm(r, axis=1), rtol=1e-12)
    assert np.all(np.einsum("tij,tj->ti", basis, v)[:, 1] > 0)  # it moves towards +y
