"""Tests of moonbase.orbits.lunar_site: site positions and launch directions on the Moon."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.constants import MOON_MEAN_RADIUS_M, MOON_SIDEREAL_ROTATION_RATE_RAD_S
from moonbase.errors import ModelDomainError
from moonbase.orbits.lunar_site import (
    azimuth_elevation_from_direction,
    launch_direction_moon_fixed,
    site_position_moon_fixed_m,
    surface_velocity_m_s,
)

ROUND_OFF = 1e-12  # unit vectors built from sines and cosines: double-precision round-off
ONE_MILLIMETRE = 1e-3  # positions of order 1e6 m: round-off is ~1e-9 m, far below this
DEG = np.pi / 180.0


def random_geometry(n, seed=11):
    """Sites uniform on the sphere; directions uniform on the upper hemisphere."""
    rng = np.random.default_rng(seed)
    return (np.arcsin(rng.uniform(-0.99, 0.99, n)), rng.uniform(-np.pi, np.pi, n),
            rng.uniform(0.0, 2.0 * np.pi, n), np.arcsin(rng.uniform(-0.99, 0.99, n)))


# --- known positions and directions --------------------------------------------------
@pytest.mark.parametrize(
    ("lat_deg", "lon_deg", "expected"),
    [(0.0, 0.0, [1.0, 0.0, 0.0]), (0.0, 90.0, [0.0, 1.0, 0.0]), (0.0, -90.0, [0.0, -1.0, 0.0]),
     (90.0, 37.0, [0.0, 0.0, 1.0]), (-90.0, 0.0, [0.0, 0.0, -1.0]), (0.0, 180.0, [-1.0, 0.0, 0.0])],
)
def test_site_position_points_to_known_places(lat_deg, lon_deg, expected):
    position_m = site_position_moon_fixed_m(lat_deg * DEG, lon_deg * DEG, 0.0)
    assert_allclose(position_m, MOON_MEAN_RADIUS_M * np.array(expected), atol=ONE_MILLIMETRE)


def test_site_position_radius_is_mean_radius_plus_height():
    lat, lon, _, _ = random_geometry(100)
    height_m = np.linspace(-9000.0, 11000.0, 100)
    radius_m = np.linalg.norm(site_position_moon_fixed_m(lat, lon, height_m), axis=-1)
    assert_allclose(radius_m, MOON_MEAN_RADIUS_M + height_m, atol=ONE_MILLIMETRE)


@pytest.mark.parametrize(
    ("lat_deg", "lon_deg", "az_deg", "el_deg", "expected"),
    [
        (0.0, 0.0, 90.0, 0.0, [0.0, 1.0, 0.0]),  # east at the sub-Earth point is +y
        (0.0, 0.0, 0.0, 0.0, [0.0, 0.0, 1.0]),  # north on the equator is +z
        (0.0, 0.0, 270.0, 0.0, [0.0, -1.0, 0.0]),  # west
        (0.0, 0.0, 123.0, 90.0, [1.0, 0.0, 0.0]),  # straight up: towards Earth
        (0.0, -90.0, 0.0, 90.0, [0.0, -1.0, 0.0]),  # up at the leading apex
        (0.0, -90.0, 90.0, 0.0, [1.0, 0.0, 0.0]),  # east at the leading apex: towards Earth
        (0.0, 90.0, 90.0, 0.0, [-1.0, 0.0, 0.0]),  # east at the trailing apex: away from Earth
        (45.0, 0.0, 180.0, 45.0, [1.0, 0.0, 0.0]),  # south at 45 deg up from 45 N: +x
    ],
)
def test_launch_direction_known_directions(lat_deg, lon_deg, az_deg, el_deg, expected):
    direction = launch_direction_moon_fixed(lat_deg * DEG, lon_deg * DEG, az_deg * DEG, el_deg * DEG)
    assert_allclose(direction, expected, atol=ROUND_OFF)


def test_moon_orbital_velocity_is_along_minus_y_and_leading_apex_is_90_west():
    # Derivation: seen from the Moon, Earth is at +x; a prograde circular orbit has its
    # angular velocity along +z (the lunar spin axis, synchronous rotation), so the
    # Moon's velocity relative to Earth is omega z x (-a x) = -a omega y.
    omega = np.array([0.0, 0.0, 1.0])
    moon_from_earth = -np.array([1.0, 0.0, 0.0])
    velocity_direction = np.cross(omega, moon_from_earth)
    assert_allclose(velocity_direction, [0.0, -1.0, 0.0], atol=ROUND_OFF)
    # The apex of the leading hemisphere is the site whose local vertical is that direction.
    up_leading = launch_direction_moon_fixed(0.0, -90.0 * DEG, 0.0, 90.0 * DEG)
    assert_allclose(up_leading, velocity_direction, atol=ROUND_OFF)
    az, el = azimuth_elevation_from_direction(0.0, -90.0 * DEG, velocity_direction)
    assert_allclose(el, 90.0 * DEG, atol=1e-7)  # arcsin near 1: sqrt(round-off) ~ 1e-8 rad


def test_azimuth_of_plus_y_at_sub_earth_point_is_east():
    az, el = azimuth_elevation_from_direction(0.0, 0.0, [0.0, 2.0, 0.0])
    assert_allclose([az, el], [90.0 * DEG, 0.0], atol=ROUND_OFF)


# --- round trips and invariants -------------------------------------------------------
def test_direction_is_a_unit_vector():
    lat, lon, az, el = random_geometry(500)
    assert_allclose(np.linalg.norm(launch_direction_moon_fixed(lat, lon, az, el), axis=-1), 1.0,
                    atol=ROUND_OFF)


def test_azimuth_elevation_round_trip():
    lat, lon, az, el = random_geometry(1000)
    az_back, el_back = azimuth_elevation_from_direction(
        lat, lon, launch_direction_moon_fixed(lat, lon, az, el))
    # |el| <= 82 deg here, so atan2/arcsin lose at most ~1e-15/cos(el) rad
    assert_allclose(el_back, el, atol=1e-10)
    assert_allclose(np.angle(np.exp(1j * (az_back - az))), 0.0, atol=1e-10)


def test_direction_round_trip_from_moon_fixed_side():
    lat, lon, _, _ = random_geometry(300, seed=3)
    rng = np.random.default_rng(5)
    direction = rng.normal(size=(300, 3))
    direction /= np.linalg.norm(direction, axis=-1, keepdims=True)
    az, el = azimuth_elevation_from_direction(lat, lon, direction)
    assert_allclose(launch_direction_moon_fixed(lat, lon, az, el), direction, atol=1e-10)
    assert np.all((az >= 0.0) & (az < 2.0 * np.pi))


def test_elevation_is_angle_to_local_vertical():
    lat, lon, az, el = random_geometry(200)
    up = site_position_moon_fixed_m(lat, lon, 0.0) / MOON_MEAN_RADIUS_M
    direction = launch_direction_moon_fixed(lat, lon, az, el)
    assert_allclose(np.sum(direction * up, axis=-1), np.sin(el), atol=ROUND_OFF)


def test_surface_velocity_is_eastward_4_6_m_s_on_the_equator_and_zero_at_the_poles():
    speed_equator_m_s = MOON_SIDEREAL_ROTATION_RATE_RAD_S * MOON_MEAN_RADIUS_M  # 4.627 m/s
    lon = np.linspace(-np.pi, np.pi, 9)
    velocity_m_s = surface_velocity_m_s(0.0, lon, 0.0)
    east = launch_direction_moon_fixed(0.0, lon, 90.0 * DEG, 0.0)
    assert_allclose(velocity_m_s, speed_equator_m_s * east, atol=1e-12)
    assert_allclose(surface_velocity_m_s(90.0 * DEG, 0.3, 0.0), 0.0, atol=1e-12)
    lat, lon, _, _ = random_geometry(50)
    assert_allclose(np.linalg.norm(surface_velocity_m_s(lat, lon, 0.0), axis=-1),
                    speed_equator_m_s * np.cos(lat), rtol=1e-12)


# --- shapes ---------------------------------------------------------------------------
def test_shapes_scalar_1d_and_sample_by_time_agree():
    lat, lon, az, el = random_geometry(6)
    scalar = np.array([launch_direction_moon_fixed(*args) for args in zip(lat, lon, az, el)])
    one_d = launch_direction_moon_fixed(lat, lon, az, el)
    two_d = launch_direction_moon_fixed(lat.reshape(2, 3), lon.reshape(2, 3), az.reshape(2, 3),
                                        el.reshape(2, 3))
    assert one_d.shape == (6, 3) and two_d.shape == (2, 3, 3)
    assert_allclose(one_d, scalar, atol=ROUND_OFF)
    assert_allclose(two_d.reshape(6, 3), one_d, atol=ROUND_OFF)
    # broadcasting: one site, many azimuths x elevations (sample, time)
    grid = launch_direction_moon_fixed(lat[0], lon[0], az[:, None], el[None, :])
    assert grid.shape == (6, 6, 3)
    assert_allclose(np.diagonal(grid, axis1=0, axis2=1).T,
                    launch_direction_moon_fixed(lat[0], lon[0], az, el), atol=ROUND_OFF)
    assert site_position_moon_fixed_m(0.1, 0.2, 0.0).shape == (3,)
    assert site_position_moon_fixed_m(lat.reshape(2, 3), 0.2, np.zeros((1, 3))).shape == (2, 3, 3)
    az2, el2 = azimuth_elevation_from_direction(lat.reshape(2, 3), lon.reshape(2, 3), two_d)
    assert az2.shape == (2, 3) and el2.shape == (2, 3)


# --- bad input ------------------------------------------------------------------------
@pytest.mark.parametrize("bad_lat", [1.6, -1.6, np.nan, 91.0])
def test_latitude_outside_range_is_rejected(bad_lat):
    with pytest.raises(ModelDomainError, match="latitude_rad"):
        site_position_moon_fixed_m(bad_lat, 0.0, 0.0)
    with pytest.raises(ModelDomainError, match="latitude_rad"):
        launch_direction_moon_fixed(np.array([0.0, bad_lat]), 0.0, 0.0, 0.0)
    with pytest.raises(ModelDomainError, match="latitude_rad"):
        azimuth_elevation_from_direction(bad_lat, 0.0, [1.0, 0.0, 0.0])


@pytest.mark.parametrize("bad_el", [1.6, -2.0, np.nan])
def test_elevation_outside_range_is_rejected(bad_el):
    with pytest.raises(ModelDomainError, match="elevation_rad"):
        launch_direction_moon_fixed(0.0, 0.0, 0.0, bad_el)


def test_site_inside_the_moon_centre_is_rejected():
    with pytest.raises(ModelDomainError, match="height_m"):
        site_position_moon_fixed_m(0.0, 0.0, -2.0e6)


def test_zero_direction_is_rejected():
    with pytest.raises(ModelDomainError, match="direction"):
        azimuth_elevation_from_direction(0.0, 0.0, [0.0, 0.0, 0.0])
