"""DE421 ephemeris: time scales, body states, mass parameters, the propagator's Chebyshev table."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.constants import GM_MOON_M3_S2, SECONDS_PER_DAY
from moonbase.errors import ModelDomainError
from moonbase.orbits.ephemeris import (
    BODIES,
    TABLE_TRUNCATION_M,
    TdbEpoch,
    body_state_m,
    body_table,
    epoch_from_utc,
    gm_m3_s2,
    libration_angles_rad,
    mean_distance_m,
    table_positions_m,
    tabulate_bodies,
    utc_iso,
)

EPOCH = epoch_from_utc("2030-01-01T00:00:00")
FIVE_CM = 0.05  # the table's truncation bound is 1 cm per body; jplephem's own evaluation carries ~1-3 cm


def test_tdb_minus_utc_in_2030_is_leap_seconds_plus_32_184_s():
    # 37 leap seconds (since 2017) + 32.184 s (TT - TAI); TDB - TT is below 1.7 ms
    offset_s = ((EPOCH.jd1 - 2462502.5) + EPOCH.jd2) * SECONDS_PER_DAY
    assert_allclose(offset_s, 69.184, atol=0.002)


def test_utc_iso_inverts_epoch_from_utc():
    assert utc_iso(EPOCH).startswith("2030-01-01T00:00:00.000")
    assert utc_iso(EPOCH, 1.5 * SECONDS_PER_DAY).startswith("2030-01-02T12:00:00.000")


def test_epoch_outside_de421_raises():
    with pytest.raises(ModelDomainError, match="epoch"):
        epoch_from_utc("2300-01-01T00:00:00")
    with pytest.raises(ModelDomainError, match="epoch"):
        epoch_from_utc("not a date")


def test_unknown_body_raises():
    with pytest.raises(ModelDomainError, match="body"):
        body_state_m("pluto-charon", EPOCH)
    with pytest.raises(ModelDomainError, match="body"):
        gm_m3_s2("ceres")


def test_moon_gm_matches_fact_sheet():
    # DE421 GM_moon 4902.80 km3/s2; the fact sheet gives 4902.8 (five digits)
    assert_allclose(gm_m3_s2("moon"), GM_MOON_M3_S2, rtol=2e-5)


def test_earth_and_moon_share_the_barycentre():
    earth_p, earth_v = body_state_m("earth", EPOCH, [0.0, 1e6])
    moon_p, moon_v = body_state_m("moon", EPOCH, [0.0, 1e6])
    mass_e, mass_m = gm_m3_s2("earth"), gm_m3_s2("moon")
    barycentre = (mass_e * earth_p + mass_m * moon_p) / (mass_e + mass_m)
    # the barycentre moves on a smooth heliocentric orbit: its acceleration is the Sun's pull (~6 mm/s2),
    # not the Earth-Moon relative motion; check it against the DE421 barycentre series directly
    from moonbase.orbits.ephemeris import _series_state_m

    emb_p, _ = _series_state_m("earthmoon", EPOCH, np.array([0.0, 1e6]))
    assert_allclose(barycentre, emb_p, atol=1e-3)  # 1 mm: round-off of 1.5e11 m coordinates


def test_earth_moon_distance_is_lunar():
    earth_p, _ = body_state_m("earth", EPOCH)
    moon_p, _ = body_state_m("moon", EPOCH)
    assert 356e6 < np.linalg.norm(moon_p - earth_p) < 407e6  # perigee / apogee bounds of the Moon [m]


def test_velocity_is_the_time_derivative_of_position():
    dt_s = 60.0
    for body in ("moon", "earth", "sun"):
        p_minus, _ = body_state_m(body, EPOCH, 1000.0 - dt_s)
        p_plus, _ = body_state_m(body, EPOCH, 1000.0 + dt_s)
        _, v = body_state_m(body, EPOCH, 1000.0)
        # central difference error ~ a' dt^2 / 6 < 1e-6 m/s for the Moon
        assert_allclose((p_plus - p_minus) / (2 * dt_s), v, atol=1e-5)


@pytest.mark.parametrize("shape", [(), (4,), (2, 3)])
def test_body_state_broadcasts_over_times(shape):
    times = np.full(shape, 3600.0)
    position, velocity = body_state_m("moon", EPOCH, times)
    assert position.shape == shape + (3,) and velocity.shape == shape + (3,)
    single, _ = body_state_m("moon", EPOCH, 3600.0)
    assert_allclose(position.reshape(-1, 3), np.broadcast_to(single, (int(np.prod(shape)), 3)), rtol=0, atol=0)


def test_libration_rate_is_one_turn_per_sidereal_month():
    _, rates = libration_angles_rad(EPOCH, np.linspace(0, 27 * SECONDS_PER_DAY, 50))
    # mean psi rate 2 pi / 27.3217 d; physical librations change it by < 1 %
    assert_allclose(rates[:, 2].mean(), 2 * np.pi / (27.321661 * SECONDS_PER_DAY), rtol=0.01)


def test_table_matches_jplephem_within_five_cm():
    table = body_table(EPOCH, 0.0, 60 * SECONDS_PER_DAY)
    times = np.random.default_rng(1).uniform(0.0, 60 * SECONDS_PER_DAY, 300)
    tabulated = table_positions_m(table, times)
    for k, body in enumerate(table.bodies):
        reference, _ = body_state_m(body, EPOCH, times)
        assert_allclose(tabulated[:, k], reference, rtol=0, atol=FIVE_CM, err_msg=body)


def test_table_holds_every_body_ordered_by_terms_needed():
    table = body_table(EPOCH, 0.0, SECONDS_PER_DAY)
    assert sorted(table.bodies) == sorted(BODIES)
    assert np.all(np.diff(table.widths) <= 0)  # later terms serve a prefix of the columns
    assert table.widths[0] == 3 * len(BODIES)


def test_table_rejects_times_outside_it():
    table = body_table(EPOCH, 0.0, SECONDS_PER_DAY)
    with pytest.raises(ModelDomainError, match="elapsed_s"):
        table_positions_m(table, 10 * SECONDS_PER_DAY)
    with pytest.raises(ModelDomainError, match="end_s"):
        body_table(EPOCH, 10.0, 0.0)


def test_tabulated_circle_is_exact():
    radius_m, rate_rad_s = 4e8, 2.66e-6

    def circle(body, times_s):
        angle = rate_rad_s * np.asarray(times_s)
        return radius_m * np.stack([np.cos(angle), np.sin(angle), np.zeros_like(angle)], axis=-1)

    table = tabulate_bodies(circle, ("moon",), [4.9e12], TdbEpoch(2451545.0, 0.0), 0.0, 5 * SECONDS_PER_DAY)
    times = np.linspace(0.0, 5 * SECONDS_PER_DAY, 77)
    # terms are dropped while their sum stays below the truncation bound (1 cm)
    assert_allclose(table_positions_m(table, times)[:, 0], circle("moon", times), rtol=0, atol=TABLE_TRUNCATION_M)


def test_mean_earth_moon_distance_matches_elp_2000_82():
    # constant term of the ELP 2000-82 lunar distance series: 385,000.56 km (Chapront-Touze & Chapront 1983);
    # a 40-year mean of DE421 is within 5 km of it (the long periodic terms do not quite average out)
    mean = mean_distance_m("moon", "earth", "1990-01-01T00:00:00", 40 * 365.25 * SECONDS_PER_DAY,
                           0.25 * SECONDS_PER_DAY)
    assert_allclose(mean, 385_000.56e3, atol=10e3)


def test_mean_distance_rejects_bad_steps():
    with pytest.raises(ModelDomainError, match="step_s"):
        mean_distance_m("moon", "earth", "2030-01-01T00:00:00", SECONDS_PER_DAY, 0.0)
