"""Tests of moonbase.orbits.patched_conics: escape of mass-driver payloads.

Besides published cases and invariants, the patched-conic verdicts are checked against
a direct integration of the circular restricted three-body problem (CR3BP, Earth and
Moon on circular orbits about their barycentre, rotating frame, scipy DOP853). That
integration is also the source of the CR3BP numbers quoted in
``docs/design/patched_conic_escape.md``.
"""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.integrate import solve_ivp

import moonbase.orbits.patched_conics as pc
from moonbase.constants import (
    AU_M,
    GM_EARTH_M3_S2,
    GM_MOON_M3_S2,
    GM_SUN_M3_S2,
    MOON_ESCAPE_SPEED_M_S,
    MOON_MEAN_ORBITAL_SPEED_M_S,
    MOON_MEAN_RADIUS_M,
    MOON_SEMI_MAJOR_AXIS_M,
    SECONDS_PER_DAY,
)
from moonbase.errors import ModelDomainError
from moonbase.orbits.lunar_site import (
    launch_direction_moon_fixed,
    site_position_moon_fixed_m,
    surface_velocity_m_s,
)
from moonbase.orbits.patched_conics import (
    EARTH_ESCAPE_SPEED_AT_MOON_M_S,
    MOON_ORBITAL_VELOCITY_MOON_FIXED_M_S,
    earth_excess_speed_m_s,
    earth_frame_speed_at_moon_m_s,
    escape_speed_m_s,
    escapes_earth_moon_system,
    heliocentric_orbit_from_earth_excess,
    hohmann_transfer,
    hyperbolic_excess_velocity_m_s,
    minimum_escape_exit_speed_m_s,
    moon_excess_velocity_m_s,
    sphere_of_influence_radius_m,
)

DEG = np.pi / 180.0
SURFACE_ROTATION_M_S = 4.7  # equatorial surface speed 4.63 m/s bounds rotation effects
SPEED_ROUND_OFF_M_S = 1e-6  # speeds ~1e3 m/s from square roots of ~1e7 m^2/s^2 differences
BISECTION_TOLERANCE_M_S = 1e-5  # minimum_escape_exit_speed_m_s bisects below 1e-10 m/s
CR3BP_THRESHOLD_AGREEMENT_M_S = 30.0  # observed spread +/-25 m/s over 60 random launches


def random_launches(n, seed=21, min_elevation_rad=0.0):
    rng = np.random.default_rng(seed)
    return (np.arcsin(rng.uniform(-1.0, 1.0, n)), rng.uniform(-np.pi, np.pi, n), 0.0,
            rng.uniform(0.0, 2.0 * np.pi, n),
            np.arcsin(rng.uniform(np.sin(min_elevation_rad), 1.0, n)))


# --- published cases ------------------------------------------------------------------
def test_escape_speed_matches_nasa_moon_fact_sheet():
    # Fact sheet: 2.38 km/s from GM 4902.8 km^3/s^2 and R 1737.4 km; three digits.
    assert_allclose(escape_speed_m_s(GM_MOON_M3_S2, MOON_MEAN_RADIUS_M), MOON_ESCAPE_SPEED_M_S,
                    rtol=0.0025)


def test_earth_escape_speed_at_lunar_distance_is_1_44_km_s():
    # Our arithmetic from the fact sheets' GM_earth and a_moon: sqrt(2 * 398600.4 /
    # 384400) = 1.44010 km/s; 1.44 km/s is that value to three digits.
    assert_allclose(EARTH_ESCAPE_SPEED_AT_MOON_M_S, 1440.10, atol=0.01)
    assert_allclose(escape_speed_m_s(GM_EARTH_M3_S2, MOON_SEMI_MAJOR_AXIS_M), 1440.0, rtol=0.0005)


def test_hohmann_transfer_matches_curtis_earth_mars():
    # Earth -> Mars, 1 -> 1.5237 au: 2.94 + 2.65 km/s, 259 d (three digits each).
    transfer = hohmann_transfer(AU_M, 1.5237 * AU_M, GM_SUN_M3_S2)
    assert_allclose(transfer.delta_v1_m_s, 2940.0, rtol=0.005)
    assert_allclose(transfer.delta_v2_m_s, 2650.0, rtol=0.005)
    assert_allclose(transfer.transfer_time_s / SECONDS_PER_DAY, 259.0, rtol=0.003)


def test_sphere_of_influence_matches_curtis_table_a2():
    # Curtis Table A.2: 66,100 km (three significant figures).
    radius_m = sphere_of_influence_radius_m(MOON_SEMI_MAJOR_AXIS_M, GM_MOON_M3_S2, GM_EARTH_M3_S2)
    assert_allclose(radius_m, 66.1e6, rtol=0.005)


# --- selenocentric hyperbola ----------------------------------------------------------
def test_excess_speed_obeys_energy_without_rotation():
    # v_inf^2 = v0^2 - v_esc^2 for an inertial launch velocity (rotation off).
    lat, lon, height_m, az, el = random_launches(400, min_elevation_rad=1.0 * DEG)
    speed_m_s = np.random.default_rng(2).uniform(2400.0, 5000.0, 400)
    position_m = site_position_moon_fixed_m(lat, lon, height_m)
    velocity_m_s = speed_m_s[:, None] * launch_direction_moon_fixed(lat, lon, az, el)
    v_inf_m_s = hyperbolic_excess_velocity_m_s(position_m, velocity_m_s, GM_MOON_M3_S2,
                                               MOON_MEAN_RADIUS_M)
    v_esc_m_s = escape_speed_m_s(GM_MOON_M3_S2, MOON_MEAN_RADIUS_M)
    assert_allclose(np.linalg.norm(v_inf_m_s, axis=-1), np.sqrt(speed_m_s**2 - v_esc_m_s**2),
                    atol=SPEED_ROUND_OFF_M_S)


def test_excess_speed_includes_surface_rotation():
    lat, lon, height_m, az, el = random_launches(300, min_elevation_rad=1.0 * DEG)
    exit_m_s = 2800.0
    v_inf_m_s = moon_excess_velocity_m_s(lat, lon, height_m, az, el, exit_m_s)
    v0_m_s = exit_m_s * launch_direction_moon_fixed(lat, lon, az, el) + surface_velocity_m_s(
        lat, lon, height_m)
    expected_sq = np.sum(v0_m_s**2, axis=-1) - escape_speed_m_s(GM_MOON_M3_S2, MOON_MEAN_RADIUS_M)**2
    assert_allclose(np.sum(v_inf_m_s**2, axis=-1), expected_sq, rtol=1e-12)
    # an eastward launch gains the surface speed, a westward one loses it
    east = np.linalg.norm(moon_excess_velocity_m_s(0.0, 0.0, 0.0, 90 * DEG, 10 * DEG, exit_m_s))
    west = np.linalg.norm(moon_excess_velocity_m_s(0.0, 0.0, 0.0, 270 * DEG, 10 * DEG, exit_m_s))
    assert east > west


def test_asymptote_is_launch_point_turned_by_true_anomaly_change():
    # Planar check in the lunar equator without rotation: the angle from the launch
    # radius to the asymptote equals nu_inf - nu_0 (Curtis ch. 2), turned prograde.
    rng = np.random.default_rng(8)
    flight_path_rad = rng.uniform(0.0, 80.0 * DEG, 200)
    speed_m_s = rng.uniform(2400.0, 6000.0, 200)
    position_m = np.array([MOON_MEAN_RADIUS_M, 0.0, 0.0])
    velocity_m_s = speed_m_s[:, None] * np.stack(
        [np.sin(flight_path_rad), np.cos(flight_path_rad), 0.0 * speed_m_s], axis=-1)
    v_inf_m_s = hyperbolic_excess_velocity_m_s(position_m, velocity_m_s, GM_MOON_M3_S2)
    mu = GM_MOON_M3_S2
    h = MOON_MEAN_RADIUS_M * speed_m_s * np.cos(flight_path_rad)
    v_r = speed_m_s * np.sin(flight_path_rad)
    e_cos = h**2 / (mu * MOON_MEAN_RADIUS_M) - 1.0
    e_sin = h * v_r / mu
    nu0 = np.arctan2(e_sin, e_cos)
    nu_inf = np.arccos(-1.0 / np.hypot(e_cos, e_sin))
    turned = np.arctan2(v_inf_m_s[:, 1], v_inf_m_s[:, 0])
    assert_allclose(np.mod(turned, 2 * np.pi), nu_inf - nu0, atol=1e-9)  # round-off only


def test_radial_launch_asymptote_is_radial():
    position_m = site_position_moon_fixed_m(0.3, 1.1, 0.0)
    unit = position_m / np.linalg.norm(position_m)
    v_inf_m_s = hyperbolic_excess_velocity_m_s(position_m, 3000.0 * unit, GM_MOON_M3_S2)
    assert_allclose(v_inf_m_s, np.sqrt(3000.0**2 - escape_speed_m_s(GM_MOON_M3_S2, np.linalg.norm(
        position_m))**2) * unit, atol=SPEED_ROUND_OFF_M_S)


def test_low_energy_asymptote_swings_round_the_moon():
    # Barely escaping horizontal launches leave nearly antipodal to the launch point
    # (nu_inf -> 180 deg): from the sub-Earth point the asymptote points away from Earth.
    v_inf_m_s = moon_excess_velocity_m_s(0.0, 0.0, 0.0, 90 * DEG, 0.0, 2400.0)
    direction = v_inf_m_s / np.linalg.norm(v_inf_m_s)
    assert direction[0] < -0.9


def test_non_escaping_payloads_give_nan():
    assert np.all(np.isnan(moon_excess_velocity_m_s(0.0, 0.0, 0.0, 0.0, 30 * DEG, 2300.0)))
    # descending into the ground: impact, whatever the speed
    assert np.all(np.isnan(moon_excess_velocity_m_s(0.0, 0.0, 0.0, 0.0, -10 * DEG, 5000.0)))
    assert np.isnan(earth_frame_speed_at_moon_m_s(0.0, 0.0, 0.0, 0.0, -10 * DEG, 5000.0))
    assert np.isnan(earth_excess_speed_m_s(0.0, 0.0, 0.0, 0.0, 30 * DEG, 2300.0))
    assert not escapes_earth_moon_system(0.0, 0.0, 0.0, 0.0, 30 * DEG, 2300.0)
    # a slightly descending track from a 5 km high site clears the mean surface
    assert np.all(np.isfinite(moon_excess_velocity_m_s(0.0, 0.0, 5000.0, 0.0, -0.5 * DEG, 3000.0)))


# --- geocentric leg ---------------------------------------------------------------------
def test_moon_velocity_constant_is_fact_sheet_speed_along_minus_y():
    assert_allclose(MOON_ORBITAL_VELOCITY_MOON_FIXED_M_S, [0.0, -MOON_MEAN_ORBITAL_SPEED_M_S, 0.0])


def test_earth_excess_speed_obeys_geocentric_energy():
    lat, lon, height_m, az, el = random_launches(300)
    speed_m_s = earth_frame_speed_at_moon_m_s(lat, lon, height_m, az, el, 3200.0)
    excess_m_s = earth_excess_speed_m_s(lat, lon, height_m, az, el, 3200.0)
    escapes = escapes_earth_moon_system(lat, lon, height_m, az, el, 3200.0)
    assert escapes.dtype == bool and escapes.any() and not escapes.all()
    assert_allclose(excess_m_s[escapes]**2 + EARTH_ESCAPE_SPEED_AT_MOON_M_S**2,
                    speed_m_s[escapes]**2, rtol=1e-12)
    assert np.all(np.isnan(excess_m_s[~escapes]))


def test_radial_launch_escape_thresholds():
    # Vertical launch: v_inf is radial (up to the 4.6 m/s surface speed), so from the
    # leading apex it adds to the Moon's velocity and from the trailing apex subtracts:
    # s = sqrt((v_esc,E -/+ v_moon)^2 + v_esc,moon^2) = 2412.2 and 3421.3 m/s.
    v_esc_m_s = escape_speed_m_s(GM_MOON_M3_S2, MOON_MEAN_RADIUS_M)
    leading = minimum_escape_exit_speed_m_s(0.0, -90 * DEG, 0.0, 0.0, 90 * DEG)
    trailing = minimum_escape_exit_speed_m_s(0.0, 90 * DEG, 0.0, 0.0, 90 * DEG)
    # The 4.6 m/s sideways surface speed changes |v0| by < 0.01 m/s and the asymptote
    # by ~0.1 deg: 0.5 m/s covers both.
    assert_allclose(leading, np.hypot(EARTH_ESCAPE_SPEED_AT_MOON_M_S - MOON_MEAN_ORBITAL_SPEED_M_S,
                                      v_esc_m_s), atol=0.5)
    assert_allclose(trailing, np.hypot(EARTH_ESCAPE_SPEED_AT_MOON_M_S + MOON_MEAN_ORBITAL_SPEED_M_S,
                                       v_esc_m_s), atol=0.5)
    assert leading < trailing


def test_prograde_horizontal_launch_is_cheapest_from_the_trailing_apex():
    # The brief expected "a prograde horizontal launch from the leading apex needs less
    # than a retrograde one from the trailing apex". The hyperbola says the reverse: a
    # barely escaping payload turns by ~170 deg round the Moon, so the horizontal launch
    # that leaves along the Moon's velocity starts near the TRAILING apex going east
    # (prograde). The CR3BP test below confirms these verdicts.
    east_trailing = minimum_escape_exit_speed_m_s(0.0, 90 * DEG, 0.0, 90 * DEG, 0.0)
    east_leading = minimum_escape_exit_speed_m_s(0.0, -90 * DEG, 0.0, 90 * DEG, 0.0)
    west_trailing = minimum_escape_exit_speed_m_s(0.0, 90 * DEG, 0.0, 270 * DEG, 0.0)
    assert east_trailing < west_trailing < east_leading
    assert east_trailing < 2420.0 and east_leading > 2850.0  # 2411 and 2892 m/s


def test_north_south_mirror_symmetry():
    # Mirroring through the lunar equator (lat -> -lat, az -> pi - az) leaves the Moon's
    # velocity unchanged and mirrors v_inf (z -> -z).
    lat, lon, height_m, az, el = random_launches(200)
    v_north = moon_excess_velocity_m_s(lat, lon, height_m, az, el, 3000.0)
    v_south = moon_excess_velocity_m_s(-lat, lon, height_m, np.pi - az, el, 3000.0)
    assert_allclose(v_south, v_north * np.array([1.0, 1.0, -1.0]), atol=SPEED_ROUND_OFF_M_S)
    assert_allclose(minimum_escape_exit_speed_m_s(-lat, lon, height_m, np.pi - az, el),
                    minimum_escape_exit_speed_m_s(lat, lon, height_m, az, el),
                    atol=BISECTION_TOLERANCE_M_S)


def test_escape_verdict_switches_at_the_minimum_exit_speed():
    lat, lon, height_m, az, el = random_launches(500, seed=4)
    threshold_m_s = minimum_escape_exit_speed_m_s(lat, lon, height_m, az, el)
    assert np.all((threshold_m_s > 2370.0) & (threshold_m_s < 3430.0))  # 2408..3424 m/s
    assert np.all(escapes_earth_moon_system(lat, lon, height_m, az, el, threshold_m_s + 1e-3))
    assert not np.any(escapes_earth_moon_system(lat, lon, height_m, az, el, threshold_m_s - 1e-3))


def test_earth_frame_speed_grows_with_exit_speed():
    # Monotonic on a 0.5 m/s grid for random launches (why a bisection is safe).
    lat, lon, height_m, az, el = random_launches(300, seed=9)
    exit_m_s = np.arange(2400.0, 3600.0, 0.5)[:, None]
    speed_m_s = earth_frame_speed_at_moon_m_s(lat, lon, height_m, az, el, exit_m_s)
    escaped = speed_m_s > EARTH_ESCAPE_SPEED_AT_MOON_M_S
    assert not np.any(escaped[:-1] & ~escaped[1:])


def test_impacting_track_has_no_minimum_escape_speed():
    assert np.isnan(minimum_escape_exit_speed_m_s(0.0, 0.0, 0.0, 0.0, -20 * DEG))


def test_higher_site_needs_less_exit_speed():
    low = minimum_escape_exit_speed_m_s(0.0, 90 * DEG, 0.0, 90 * DEG, 0.0)
    high = minimum_escape_exit_speed_m_s(0.0, 90 * DEG, 5000.0, 90 * DEG, 0.0)
    assert high < low


# --- heliocentric summaries -----------------------------------------------------------
def test_zero_excess_leaves_earth_orbit_unchanged():
    orbit = heliocentric_orbit_from_earth_excess(0.0, 0.7)
    assert_allclose([orbit.semi_major_axis_m, orbit.perihelion_m, orbit.aphelion_m], AU_M,
                    rtol=1e-12)
    assert_allclose(orbit.eccentricity, 0.0, atol=1e-7)  # sqrt of a round-off-sized number


def test_heliocentric_orbit_agrees_with_hohmann_transfers():
    to_mars = hohmann_transfer(AU_M, 1.5237 * AU_M, GM_SUN_M3_S2)
    to_venus = hohmann_transfer(AU_M, 0.7233 * AU_M, GM_SUN_M3_S2)
    outward = heliocentric_orbit_from_earth_excess(to_mars.delta_v1_m_s, 0.0)
    inward = heliocentric_orbit_from_earth_excess(to_venus.delta_v1_m_s, np.pi)
    assert_allclose(outward.aphelion_m, 1.5237 * AU_M, rtol=1e-12)
    assert_allclose(outward.perihelion_m, AU_M, rtol=1e-12)
    assert_allclose(inward.perihelion_m, 0.7233 * AU_M, rtol=1e-12)


def test_heliocentric_energy_and_solar_escape():
    rng = np.random.default_rng(1)
    v_inf_m_s = rng.uniform(0.0, 8000.0, 100)
    angle_rad = rng.uniform(-np.pi, np.pi, 100)
    orbit = heliocentric_orbit_from_earth_excess(v_inf_m_s, angle_rad)
    earth_m_s = np.sqrt(GM_SUN_M3_S2 / AU_M)
    speed_sq = earth_m_s**2 + v_inf_m_s**2 + 2 * earth_m_s * v_inf_m_s * np.cos(angle_rad)
    assert_allclose(orbit.semi_major_axis_m, 1.0 / (2.0 / AU_M - speed_sq / GM_SUN_M3_S2), rtol=1e-10)
    assert np.all(orbit.perihelion_m <= AU_M * (1 + 1e-12))
    assert np.all(orbit.aphelion_m >= AU_M * (1 - 1e-12))
    # leaving the Solar System prograde takes (sqrt(2) - 1) V = 12.3 km/s
    escape = heliocentric_orbit_from_earth_excess((np.sqrt(2.0) - 1.0) * earth_m_s * 1.001, 0.0)
    assert escape.eccentricity > 1.0 and np.isinf(escape.aphelion_m)
    assert escape.semi_major_axis_m < 0.0


def test_hohmann_limits_and_reversal():
    same = hohmann_transfer(AU_M, AU_M, GM_SUN_M3_S2)
    assert_allclose([same.delta_v1_m_s, same.delta_v2_m_s], 0.0, atol=1e-9)
    assert_allclose(same.transfer_time_s, np.pi * np.sqrt(AU_M**3 / GM_SUN_M3_S2), rtol=1e-12)
    out = hohmann_transfer(AU_M, 1.5237 * AU_M, GM_SUN_M3_S2)
    back = hohmann_transfer(1.5237 * AU_M, AU_M, GM_SUN_M3_S2)
    assert_allclose([back.delta_v1_m_s, back.delta_v2_m_s], [out.delta_v2_m_s, out.delta_v1_m_s],
                    rtol=1e-12)


# --- shapes ---------------------------------------------------------------------------
def test_shapes_scalar_1d_and_sample_by_time_agree():
    lat, lon, height_m, az, el = random_launches(6, seed=12)
    exit_m_s = np.linspace(2500.0, 3500.0, 6)
    one_d = moon_excess_velocity_m_s(lat, lon, height_m, az, el, exit_m_s)
    scalar = np.array([moon_excess_velocity_m_s(*args, 0.0, a, e, s)
                       for args, a, e, s in zip(zip(lat, lon), az, el, exit_m_s)])
    two_d = moon_excess_velocity_m_s(lat.reshape(2, 3), lon.reshape(2, 3), 0.0, az.reshape(2, 3),
                                     el.reshape(2, 3), exit_m_s.reshape(2, 3))
    assert one_d.shape == (6, 3) and two_d.shape == (2, 3, 3)
    assert_allclose(scalar, one_d, atol=SPEED_ROUND_OFF_M_S)
    assert_allclose(two_d.reshape(6, 3), one_d, atol=SPEED_ROUND_OFF_M_S)
    # (sample, time): 6 sites x 4 exit speeds
    grid_speed = np.array([2450.0, 2800.0, 3100.0, 3450.0])
    grid = escapes_earth_moon_system(lat[:, None], lon[:, None], 0.0, az[:, None], el[:, None],
                                     grid_speed[None, :])
    assert grid.shape == (6, 4)
    assert_allclose(grid[:, 2], escapes_earth_moon_system(lat, lon, 0.0, az, el, 3100.0))
    assert earth_excess_speed_m_s(lat[:, None], lon[:, None], 0.0, az[:, None], el[:, None],
                                  grid_speed[None, :]).shape == (6, 4)
    threshold = minimum_escape_exit_speed_m_s(lat.reshape(2, 3), lon.reshape(2, 3), 0.0,
                                              az.reshape(2, 3), el.reshape(2, 3))
    assert threshold.shape == (2, 3)
    assert np.ndim(minimum_escape_exit_speed_m_s(lat[0], lon[0], 0.0, az[0], el[0])) == 0
    assert_allclose(threshold.ravel(), [minimum_escape_exit_speed_m_s(*args, 0.0, a, e)
                                        for args, a, e in zip(zip(lat, lon), az, el)],
                    atol=BISECTION_TOLERANCE_M_S)
    orbit = heliocentric_orbit_from_earth_excess(np.ones((2, 3)) * 1000.0, np.zeros(3))
    assert all(np.shape(part) == (2, 3) for part in orbit)
    assert hohmann_transfer(AU_M, AU_M * np.ones((4, 1)), GM_SUN_M3_S2 * np.ones(5)
                            ).transfer_time_s.shape == (4, 5)


# --- bad input ------------------------------------------------------------------------
LAUNCH = dict(latitude_rad=0.1, longitude_rad=0.2, height_m=0.0, azimuth_rad=1.0,
              elevation_rad=0.2, exit_speed_m_s=3000.0)
SPEED_FUNCTIONS = [moon_excess_velocity_m_s, earth_frame_speed_at_moon_m_s, earth_excess_speed_m_s,
                   escapes_earth_moon_system]


@pytest.mark.parametrize("function", SPEED_FUNCTIONS)
@pytest.mark.parametrize(
    ("argument", "bad"),
    [("exit_speed_m_s", 0.0), ("exit_speed_m_s", -5.0), ("exit_speed_m_s", np.nan),
     ("elevation_rad", 1.6), ("elevation_rad", -95 * DEG), ("latitude_rad", 91 * DEG),
     ("latitude_rad", -1.6), ("height_m", -2.0e6)],
)
def test_bad_launch_is_rejected(function, argument, bad):
    with pytest.raises(ModelDomainError, match=argument):
        function(**{**LAUNCH, argument: np.array([LAUNCH[argument], bad])})


@pytest.mark.parametrize(("argument", "bad"), [("elevation_rad", 2.0), ("latitude_rad", 1.6)])
def test_bad_minimum_speed_input_is_rejected(argument, bad):
    launch = {k: v for k, v in LAUNCH.items() if k != "exit_speed_m_s"}
    with pytest.raises(ModelDomainError, match=argument):
        minimum_escape_exit_speed_m_s(**{**launch, argument: bad})


def test_bad_two_body_input_is_rejected():
    with pytest.raises(ModelDomainError, match="gm_m3_s2"):
        escape_speed_m_s(0.0, 1.0)
    with pytest.raises(ModelDomainError, match="radius_m"):
        escape_speed_m_s(GM_MOON_M3_S2, -1.0)
    with pytest.raises(ModelDomainError, match="position_m"):
        hyperbolic_excess_velocity_m_s([0.0, 0.0, 0.0], [1.0, 0.0, 0.0], GM_MOON_M3_S2)
    with pytest.raises(ModelDomainError, match="v_inf_earth_m_s"):
        heliocentric_orbit_from_earth_excess(-1.0, 0.0)
    with pytest.raises(ModelDomainError, match="r2_m"):
        hohmann_transfer(AU_M, 0.0, GM_SUN_M3_S2)
    with pytest.raises(ModelDomainError, match="gm_large_m3_s2"):
        sphere_of_influence_radius_m(1.0, 1.0, -1.0)


# --- cross-check against the circular restricted three-body problem --------------------
CR3BP_GM_M3_S2 = GM_EARTH_M3_S2 + GM_MOON_M3_S2
CR3BP_MASS_RATIO = GM_MOON_M3_S2 / CR3BP_GM_M3_S2
CR3BP_RATE_RAD_S = np.sqrt(CR3BP_GM_M3_S2 / MOON_SEMI_MAJOR_AXIS_M**3)
CR3BP_EARTH_M = np.array([-CR3BP_MASS_RATIO * MOON_SEMI_MAJOR_AXIS_M, 0.0, 0.0])
CR3BP_MOON_M = np.array([(1.0 - CR3BP_MASS_RATIO) * MOON_SEMI_MAJOR_AXIS_M, 0.0, 0.0])
# Rotating frame: +x from Earth to Moon, so Moon-fixed (x to Earth) = rotation by pi about z.
MOON_FIXED_TO_ROTATING = np.diag([-1.0, -1.0, 1.0])
EARTH_HILL_RADIUS_M = 1.5e9  # AU (GM_earth / 3 GM_sun)^(1/3) = 1.497e9 m


def _cr3bp_rhs(_t, state):
    r, v = state[:3], state[3:]
    to_earth, to_moon = r - CR3BP_EARTH_M, r - CR3BP_MOON_M
    n = CR3BP_RATE_RAD_S
    gravity = (-GM_EARTH_M3_S2 * to_earth / np.dot(to_earth, to_earth) ** 1.5
               - GM_MOON_M3_S2 * to_moon / np.dot(to_moon, to_moon) ** 1.5)
    frame = np.array([2 * n * v[1] + n * n * r[0], -2 * n * v[0] + n * n * r[1], 0.0])
    return np.concatenate([v, gravity + frame])


def _leaves_hill_sphere(_t, state):
    return np.linalg.norm(state[:3] - CR3BP_EARTH_M) - EARTH_HILL_RADIUS_M


def _hits_moon(_t, state):
    return np.linalg.norm(state[:3] - CR3BP_MOON_M) - MOON_MEAN_RADIUS_M


_leaves_hill_sphere.terminal = True
_hits_moon.terminal = True
_hits_moon.direction = -1


def cr3bp_escapes(lat, lon, height_m, az, el, exit_m_s, days=60.0):
    """CR3BP verdict: geocentric two-body energy > 0 when the payload reaches the Earth's
    Hill radius or after ``days``; False on lunar impact. The site rides the rotating
    frame (synchronous Moon), so its rotating-frame velocity is the exit velocity."""
    r0 = CR3BP_MOON_M + MOON_FIXED_TO_ROTATING @ site_position_moon_fixed_m(lat, lon, height_m)
    v0 = MOON_FIXED_TO_ROTATING @ (exit_m_s * launch_direction_moon_fixed(lat, lon, az, el))
    solution = solve_ivp(_cr3bp_rhs, (0.0, days * SECONDS_PER_DAY), np.concatenate([r0, v0]),
                         method="DOP853", rtol=1e-10, atol=1e-3,
                         events=(_leaves_hill_sphere, _hits_moon))
    if solution.t_events[1].size:
        return False
    final = solution.y[:, -1]
    from_earth_m = final[:3] - CR3BP_EARTH_M
    velocity_m_s = final[3:] + np.cross([0.0, 0.0, CR3BP_RATE_RAD_S], from_earth_m)
    energy_j_kg = 0.5 * velocity_m_s @ velocity_m_s - GM_EARTH_M3_S2 / np.linalg.norm(from_earth_m)
    return bool(energy_j_kg > 0.0)


NAMED_LAUNCHES_DEG = [  # (lat, lon, azimuth, elevation)
    (0.0, 90.0, 90.0, 0.0),  # trailing apex, prograde horizontal: cheapest
    (0.0, -90.0, 90.0, 0.0),  # leading apex, prograde horizontal: dear (asymptote swings)
    (0.0, -90.0, 0.0, 90.0),  # leading apex, vertical
    (0.0, 90.0, 0.0, 90.0),  # trailing apex, vertical: the dearest
    (0.0, 0.0, 270.0, 0.0),  # sub-Earth point, westward
    (0.0, 180.0, 90.0, 0.0),  # far-side centre, eastward
    (4.0, 15.0, 270.0, 20.0),  # SP-413 Cayley site, westward, 20 deg up
    (-89.0, 0.0, 0.0, 30.0),  # south polar site
]


@pytest.mark.parametrize("launch_deg", NAMED_LAUNCHES_DEG)
def test_patched_conic_verdict_matches_cr3bp_away_from_threshold(launch_deg):
    lat, lon, az, el = (x * DEG for x in launch_deg)
    threshold_m_s = float(minimum_escape_exit_speed_m_s(lat, lon, 0.0, az, el))
    margin_m_s = 100.0  # > 4x the largest patched-conic vs CR3BP threshold gap seen (25 m/s)
    assert cr3bp_escapes(lat, lon, 0.0, az, el, threshold_m_s + margin_m_s)
    assert not cr3bp_escapes(lat, lon, 0.0, az, el, threshold_m_s - margin_m_s)
    assert escapes_earth_moon_system(lat, lon, 0.0, az, el, threshold_m_s + margin_m_s)
    assert not escapes_earth_moon_system(lat, lon, 0.0, az, el, threshold_m_s - margin_m_s)


def cr3bp_threshold_m_s(lat, lon, az, el, guess_m_s, half_width_m_s=100.0, resolution_m_s=0.5):
    """Bisect the CR3BP escape threshold inside guess +/- half_width (NaN if not bracketed)."""
    low, high = guess_m_s - half_width_m_s, guess_m_s + half_width_m_s
    if cr3bp_escapes(lat, lon, 0.0, az, el, low) or not cr3bp_escapes(lat, lon, 0.0, az, el, high):
        return np.nan
    while high - low > resolution_m_s:
        middle = 0.5 * (low + high)
        low, high = (low, middle) if cr3bp_escapes(lat, lon, 0.0, az, el, middle) else (middle, high)
    return high


@pytest.mark.slow
def test_patched_conic_threshold_within_30_m_s_of_cr3bp():
    # Design note numbers: over 60 random launches the CR3BP threshold differs from the
    # patched conic by -20..+25 m/s (mean +1, std 9 m/s). Here 20 of them (fixed seed).
    lat, lon, _, az, el = random_launches(20, seed=7)
    patched = minimum_escape_exit_speed_m_s(lat, lon, 0.0, az, el)
    gaps = np.array([cr3bp_threshold_m_s(*args, guess) - guess
                     for args, guess in zip(zip(lat, lon, az, el), patched)])
    assert np.isfinite(gaps).sum() >= 18  # chaotic near-capture cases may not bracket
    assert np.nanmax(np.abs(gaps)) < CR3BP_THRESHOLD_AGREEMENT_M_S


def test_design_note_orientation_and_eccentricity_effects(monkeypatch):
    # Numbers quoted in docs/design/patched_conic_escape.md: turning the Moon's velocity
    # out of the lunar equator by 6.68 deg moves the threshold by up to ~150 m/s (up to
    # ~50 m/s for launches whose threshold is below 2.5 km/s); perigee/apogee speeds move
    # it by -9..+76 / -66..+5 m/s.
    lat, lon, height_m, az, el = random_launches(2000, seed=3)
    base = minimum_escape_exit_speed_m_s(lat, lon, height_m, az, el)
    cheap = base < 2500.0
    tilt = 6.68 * DEG
    monkeypatch.setattr(pc, "MOON_ORBITAL_VELOCITY_MOON_FIXED_M_S",
                        MOON_MEAN_ORBITAL_SPEED_M_S * np.array([0.0, -np.cos(tilt), np.sin(tilt)]))
    shift = np.abs(minimum_escape_exit_speed_m_s(lat, lon, height_m, az, el) - base)
    assert 100.0 < shift.max() < 160.0 and shift[cheap].max() < 60.0
    eccentricity = 0.0549  # NASA Moon fact sheet
    for sign, lowest, highest in ((-1, -10.0, 80.0), (1, -70.0, 6.0)):
        radius_m = MOON_SEMI_MAJOR_AXIS_M * (1 + sign * eccentricity)
        speed_m_s = np.sqrt(CR3BP_GM_M3_S2 * (2 / radius_m - 1 / MOON_SEMI_MAJOR_AXIS_M))
        monkeypatch.setattr(pc, "MOON_ORBITAL_VELOCITY_MOON_FIXED_M_S", np.array([0, -speed_m_s, 0]))
        monkeypatch.setattr(pc, "MOON_MEAN_ORBITAL_SPEED_M_S", speed_m_s)
        monkeypatch.setattr(pc, "EARTH_ESCAPE_SPEED_AT_MOON_M_S",
                            float(escape_speed_m_s(GM_EARTH_M3_S2, radius_m)))
        change = minimum_escape_exit_speed_m_s(lat, lon, height_m, az, el) - base
        assert lowest < change.min() and change.max() < highest
