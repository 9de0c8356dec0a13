"""Ensemble propagator: invariants (two-body energy and Kepler, restricted three-body Jacobi), events, chunks."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.constants import (
    EARTH_ATMOSPHERE_INTERFACE_M,
    EARTH_EQUATORIAL_RADIUS_M,
    MOON_MEAN_RADIUS_M,
    SECONDS_PER_DAY,
)
from moonbase.errors import ModelDomainError
from moonbase.orbits import propagator as prop
from moonbase.orbits.ephemeris import TdbEpoch, body_state_m, epoch_from_utc, gm_m3_s2, tabulate_bodies
from moonbase.orbits.frames import site_state_icrf
from moonbase.orbits.propagator import PropagatorSettings, earth_hill_radius_m, propagate

EPOCH = epoch_from_utc("2030-01-01T00:00:00")
J2000 = TdbEpoch(2451545.0, 0.0)
GM_E = 3.986004418e14
LEADING_POINT = (0.0, np.radians(-90.0))


def _fixed_earth_table(days):
    return tabulate_bodies(lambda body, t: np.zeros(np.shape(t) + (3,)), ("earth",), [GM_E], J2000, 0.0,
                           days * SECONDS_PER_DAY)


def _kepler_state(a_m, e, mean_anomaly_rad):
    """Planar Kepler position and velocity about GM_E, periapsis on +x."""
    anomaly = mean_anomaly_rad
    for _ in range(50):
        anomaly -= (anomaly - e * np.sin(anomaly) - mean_anomaly_rad) / (1.0 - e * np.cos(anomaly))
    n = np.sqrt(GM_E / a_m**3)
    r = a_m * (1.0 - e * np.cos(anomaly))
    position = a_m * np.array([np.cos(anomaly) - e, np.sqrt(1 - e * e) * np.sin(anomaly), 0.0])
    velocity = a_m * n / r * a_m * np.array([-np.sin(anomaly), np.sqrt(1 - e * e) * np.cos(anomaly), 0.0])
    return position, velocity


def test_two_body_orbit_conserves_energy_and_follows_kepler():
    a_m, e, days = 2.0e7, 0.5, 30.0
    table = _fixed_earth_table(days)
    p0, v0 = _kepler_state(a_m, e, 0.0)
    run = propagate(J2000, p0[None], v0[None], 0.0, days * SECONDS_PER_DAY, table=table)
    r, v = run.final_position_m[0], run.final_velocity_m_s[0]
    energy = 0.5 * v @ v - GM_E / np.linalg.norm(r)
    # 92 orbits at rtol 1e-12 (per step, on |r| ~ 2e7 m): the energy drifts by < 1e-9 relatively
    assert_allclose(energy, -GM_E / (2 * a_m), rtol=1e-9)
    mean_anomaly = np.sqrt(GM_E / a_m**3) * days * SECONDS_PER_DAY
    p_kepler, _ = _kepler_state(a_m, e, np.mod(mean_anomaly, 2 * np.pi))
    # along-track error after 92 orbits: well under 10 m on a 20,000 km orbit
    assert_allclose(r, p_kepler, atol=10.0)
    assert run.outcome[0] == prop.RUNNING_INSIDE_HILL


def _cr3bp_table(days):
    gm1, gm2 = gm_m3_s2("earth"), gm_m3_s2("moon")
    mu = gm2 / (gm1 + gm2)
    distance_m = 3.844e8
    rate = np.sqrt((gm1 + gm2) / distance_m**3)

    def circular(body, times_s):
        angle = rate * np.asarray(times_s)
        unit = np.stack([np.cos(angle), np.sin(angle), np.zeros_like(angle)], axis=-1)
        return unit * (-mu * distance_m if body == "earth" else (1 - mu) * distance_m)

    table = tabulate_bodies(circular, ("earth", "moon"), [gm1, gm2], J2000, 0.0, days * SECONDS_PER_DAY)
    return table, circular, rate, gm1, gm2


def _jacobi(position, velocity, t_s, circular, rate, gm1, gm2):
    r1 = np.linalg.norm(position - circular("earth", t_s), axis=-1)
    r2 = np.linalg.norm(position - circular("moon", t_s), axis=-1)
    omega = np.array([0.0, 0.0, rate])
    v_rot = velocity - np.cross(omega, position)  # velocity seen in the rotating frame, inertial axes
    rho2 = position[..., 0] ** 2 + position[..., 1] ** 2
    return rate**2 * rho2 + 2 * (gm1 / r1 + gm2 / r2) - np.sum(v_rot * v_rot, axis=-1)


def test_restricted_three_body_keeps_the_jacobi_constant():
    days = 30.0
    table, circular, rate, gm1, gm2 = _cr3bp_table(days)
    # three payloads on distinct geocentric orbits, one reaching towards the Moon
    earth0 = circular("earth", 0.0)
    position = earth0 + np.array([[1.0e8, 0, 0], [0, 1.5e8, 0], [-2.0e8, 0, 2e7]])
    speed = np.sqrt(gm1 / np.linalg.norm(position - earth0, axis=1))
    velocity = np.array([[0, 1.0, 0], [-1.0, 0, 0], [0, -1.2, 0]]) * speed[:, None]
    velocity += np.cross([0, 0, rate], earth0)  # the Earth's own motion about the barycentre
    run = propagate(J2000, position, velocity, 0.0, days * SECONDS_PER_DAY, table=table)
    c0 = _jacobi(position, velocity, 0.0, circular, rate, gm1, gm2)
    c1 = _jacobi(run.final_position_m, run.final_velocity_m_s, run.final_time_s, circular, rate, gm1, gm2)
    # the integrator conserves C to 1e-9 relatively over a month (we obtain ~1e-11)
    assert_allclose(c1, c0, rtol=1e-9)
    assert np.all(run.outcome == prop.RUNNING_INSIDE_HILL)


def _radial_flight_time_s(gm, r0_m, speed_m_s, r_end_m=None):
    """Time for a radial Kepler orbit launched outwards at ``r0`` to fall back to ``r_end`` (default r0)."""
    energy = 0.5 * speed_m_s**2 - gm / r0_m
    a = -gm / (2 * energy)
    r_end_m = r0_m if r_end_m is None else r_end_m

    def time_from_periapsis(r):
        eta = np.arccos(1 - r / a)
        return np.sqrt(a**3 / gm) * (eta - np.sin(eta))

    apoapsis_time = np.sqrt(a**3 / gm) * np.pi
    return (apoapsis_time - time_from_periapsis(r0_m)) + (apoapsis_time - time_from_periapsis(r_end_m))


def test_vertical_launch_below_escape_speed_falls_back_on_the_moon():
    speed = 1800.0
    p, v = site_state_icrf(*LEADING_POINT, 0.0, 0.0, np.pi / 2, speed, EPOCH)
    run = propagate(EPOCH, p[None], v[None], 0.0, 5 * SECONDS_PER_DAY)
    assert run.outcome[0] == prop.LUNAR_IMPACT
    expected_s = _radial_flight_time_s(gm_m3_s2("moon"), MOON_MEAN_RADIUS_M, speed)
    # two-body radial orbit: the Earth's tide and the rotation change the 6-hour flight by < 1 %
    assert_allclose(run.event_time_s[0], expected_s, rtol=0.01)
    moon_p, _ = body_state_m("moon", EPOCH, run.final_time_s[0])
    # the impact state lies on the surface to the bisection's precision
    assert_allclose(np.linalg.norm(run.final_position_m[0] - moon_p), MOON_MEAN_RADIUS_M, atol=1.0)
    assert_allclose(run.final_time_s[0], run.event_time_s[0])


def test_payload_falling_on_the_earth_stops_at_the_entry_interface():
    earth_p, earth_v = body_state_m("earth", EPOCH)
    start_radius = EARTH_EQUATORIAL_RADIUS_M + 2.0e6
    direction = np.array([0.0, 0.0, 1.0])  # over the pole, away from the Moon's pull
    run = propagate(EPOCH, (earth_p + start_radius * direction)[None], earth_v[None], 0.0, SECONDS_PER_DAY)
    assert run.outcome[0] == prop.EARTH_IMPACT
    impact_radius = EARTH_EQUATORIAL_RADIUS_M + EARTH_ATMOSPHERE_INTERFACE_M
    earth_now, _ = body_state_m("earth", EPOCH, run.event_time_s[0])
    assert_allclose(np.linalg.norm(run.final_position_m[0] - earth_now), impact_radius, atol=1.0)
    # drop from rest: a radial orbit with apoapsis at the start radius, a = r0 / 2
    a = start_radius / 2
    eta = np.arccos(1 - impact_radius / a)
    fall_s = np.sqrt(a**3 / GM_E) * (np.pi - (eta - np.sin(eta)))
    # the Sun's and Moon's tides act for ~20 minutes: < 0.1 %
    assert_allclose(run.event_time_s[0], fall_s, rtol=1e-3)


def test_radial_escape_leaves_the_hill_sphere():
    p, v = site_state_icrf(*LEADING_POINT, 0.0, 0.0, np.pi / 2, 2500.0, EPOCH)
    run = propagate(EPOCH, p[None], v[None], 0.0, 60 * SECONDS_PER_DAY)
    assert run.outcome[0] == prop.OUTSIDE_HILL
    assert 5 * SECONDS_PER_DAY < run.event_time_s[0] < 30 * SECONDS_PER_DAY
    earth_end, _ = body_state_m("earth", EPOCH, run.final_time_s[0])
    assert np.linalg.norm(run.final_position_m[0] - earth_end) > earth_hill_radius_m()
    stopped = propagate(EPOCH, p[None], v[None], 0.0, 60 * SECONDS_PER_DAY,
                        PropagatorSettings(stop_at_hill_exit=True))
    assert stopped.outcome[0] == prop.OUTSIDE_HILL
    # stops at the first step ending outside: within one (at most 5-day) step of the crossing
    assert run.event_time_s[0] <= stopped.final_time_s[0] < run.event_time_s[0] + 5 * SECONDS_PER_DAY


def _mixed_states(count, seed=7):
    rng = np.random.default_rng(seed)
    return site_state_icrf(*LEADING_POINT, 0.0, rng.uniform(0, 2 * np.pi, count),
                           np.radians(rng.uniform(20, 70, count)), rng.uniform(2200, 2600, count), EPOCH)


def test_chunks_and_threads_give_identical_results():
    p, v = _mixed_states(24)
    duration = 40 * SECONDS_PER_DAY
    whole = propagate(EPOCH, p, v, 0.0, duration, PropagatorSettings(threads=2))
    one_thread = propagate(EPOCH, p, v, 0.0, duration, PropagatorSettings(threads=1))
    halves = [propagate(EPOCH, p[s], v[s], 0.0, duration) for s in (slice(0, 10), slice(10, None))]
    for other in (one_thread,):
        np.testing.assert_array_equal(whole.final_position_m, other.final_position_m)
        np.testing.assert_array_equal(whole.outcome, other.outcome)
    np.testing.assert_array_equal(whole.final_position_m, np.concatenate([h.final_position_m for h in halves]))
    progress = []
    chunked = propagate(EPOCH, p, v, 0.0, duration, progress=progress.append, chunk_size=10)
    assert progress == [10, 10, 4]
    np.testing.assert_array_equal(whole.final_velocity_m_s, chunked.final_velocity_m_s)


def test_samples_follow_the_path_and_stop_at_impact():
    p, v = site_state_icrf(*LEADING_POINT, 0.0, 0.0, np.pi / 2, np.array([1800.0, 2500.0]), EPOCH)
    offsets = np.linspace(0.0, 2 * SECONDS_PER_DAY, 9)
    run = propagate(EPOCH, p, v, 0.0, 2 * SECONDS_PER_DAY, sample_offsets_s=offsets)
    assert run.samples_m.shape == (2, 9, 3)
    assert_allclose(run.samples_m[:, 0], p, atol=1e-3)
    assert np.isnan(run.samples_m[0, -1]).all()  # the slow payload hit the Moon after ~6 h
    assert np.isfinite(run.samples_m[1]).all()
    assert_allclose(run.samples_m[1, -1], run.final_position_m[1], atol=1e-3)


def test_bad_inputs_raise():
    p, v = _mixed_states(2)
    with pytest.raises(ModelDomainError, match="duration_s"):
        propagate(EPOCH, p, v, 0.0, 0.0)
    with pytest.raises(ModelDomainError, match="position_m"):
        propagate(EPOCH, p * np.nan, v, 0.0, 10.0)
    with pytest.raises(ModelDomainError, match="position_m"):
        propagate(EPOCH, p[:, :2], v, 0.0, 10.0)
    with pytest.raises(ModelDomainError, match="relative_tolerance"):
        propagate(EPOCH, p, v, 0.0, 10.0, PropagatorSettings(relative_tolerance=0.0))


def test_a_single_state_may_be_a_3_vector():
    p, v = site_state_icrf(*LEADING_POINT, 0.0, 0.0, np.pi / 2, 2500.0, EPOCH)
    run = propagate(EPOCH, p, v, 0.0, SECONDS_PER_DAY)
    assert run.final_position_m.shape == (1, 3)


def test_hill_radius_matches_hill_formula():
    # a (m / 3 M)^(1/3) with m the Earth-Moon mass: 1.50 million km (Murray & Dermott eq. 3.75)
    assert_allclose(earth_hill_radius_m(), 1.503e9, rtol=1e-3)
