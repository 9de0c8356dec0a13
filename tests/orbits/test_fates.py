"""Fates and osculating heliocentric elements."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.constants import AU_M, OBLIQUITY_J2000_RAD
from moonbase.errors import ModelDomainError
from moonbase.orbits import propagator as prop
from moonbase.orbits.ephemeris import body_state_m, epoch_from_utc
from moonbase.orbits.fates import (
    FATES,
    body_heliocentric_elements,
    fate_fractions,
    fates_from_outcomes,
    heliocentric_elements,
    osculating_elements,
)

GM = 1.32712440018e20
J2000_UTC = "2000-01-01T11:58:55.816"


def test_every_outcome_code_has_a_fate():
    codes = [prop.LUNAR_IMPACT, prop.EARTH_IMPACT, prop.RUNNING_INSIDE_HILL, prop.OUTSIDE_HILL,
             prop.FAILED_MAX_STEPS, prop.FAILED_STEP_UNDERFLOW]
    assert fates_from_outcomes(codes).tolist() == ["lunar_impact", "earth_impact", "earth_moon_bound",
                                                   "heliocentric", "earth_moon_bound", "earth_moon_bound"]
    with pytest.raises(ModelDomainError, match="outcome"):
        fates_from_outcomes([7])


def test_fractions_have_exactly_the_four_fates_and_sum_to_one():
    fractions = fate_fractions(["heliocentric", "lunar_impact", "heliocentric", "earth_moon_bound"])
    assert list(fractions) == list(FATES)
    assert_allclose(sum(fractions.values()), 1.0)
    assert fractions["earth_impact"] == 0.0 and fractions["heliocentric"] == 0.5
    with pytest.raises(ModelDomainError, match="fates"):
        fate_fractions([])
    with pytest.raises(ModelDomainError, match="fates"):
        fate_fractions(["escaped"])


def test_circular_orbit_elements():
    el = osculating_elements([AU_M, 0, 0], [0, np.sqrt(GM / AU_M), 0], GM)
    assert_allclose(el.semi_major_axis_m, AU_M, rtol=1e-12)
    assert_allclose(el.eccentricity, 0.0, atol=1e-12)
    assert_allclose(el.inclination_rad, 0.0, atol=1e-12)


def test_ellipse_from_perihelion_state():
    q, e = 0.9 * AU_M, 0.3
    speed = np.sqrt(GM * (1 + e) / q)  # vis-viva at perihelion
    tilt = np.radians(20.0)
    velocity = speed * np.array([0.0, np.cos(tilt), np.sin(tilt)])
    el = osculating_elements([q, 0.0, 0.0], velocity, GM)
    assert_allclose(el.semi_major_axis_m, q / (1 - e), rtol=1e-12)
    assert_allclose(el.eccentricity, e, rtol=1e-12)
    assert_allclose(el.inclination_rad, tilt, rtol=1e-12)
    assert_allclose(el.perihelion_m, q, rtol=1e-12)
    assert_allclose(el.aphelion_m, q * (1 + e) / (1 - e), rtol=1e-12)
    assert_allclose(el.argument_of_perihelion_rad, 0.0, atol=1e-12)  # perihelion at the ascending node


def test_hyperbola_is_unbound():
    el = osculating_elements([AU_M, 0, 0], [0, 1.5 * np.sqrt(2 * GM / AU_M), 0], GM)
    assert el.semi_major_axis_m < 0 and el.eccentricity > 1 and np.isinf(el.aphelion_m)


@pytest.mark.parametrize("shape", [(), (4,), (2, 3)])
def test_elements_broadcast(shape):
    p = np.broadcast_to([AU_M, 0, 0], shape + (3,))
    v = np.broadcast_to([0, 3e4, 1e3], shape + (3,))
    el = osculating_elements(p, v, GM)
    assert np.shape(el.eccentricity) == shape
    single = osculating_elements([AU_M, 0, 0], [0, 3e4, 1e3], GM)
    assert_allclose(np.ravel(el.eccentricity), float(single.eccentricity), rtol=0, atol=0)


def test_bad_gm_raises():
    with pytest.raises(ModelDomainError, match="gm_central_m3_s2"):
        osculating_elements([AU_M, 0, 0], [0, 3e4, 0], -1.0)


def test_ecliptic_inclination_of_an_equatorial_orbit_is_the_obliquity():
    epoch = epoch_from_utc("2030-01-01T00:00:00")
    sun_p, sun_v = body_state_m("sun", epoch)
    el = heliocentric_elements(sun_p + [AU_M, 0, 0], sun_v + [0, 29780.0, 0], epoch)
    assert_allclose(el.inclination_rad, OBLIQUITY_J2000_RAD, rtol=1e-12)


def test_earth_moon_barycenter_matches_standish_j2000():
    el = body_heliocentric_elements("earth_moon_barycenter", J2000_UTC)
    # Standish Table 1: a = 1.00000261 au, e = 0.01671123, I = -0.00001531 deg (mean elements; the osculating
    # ones differ by the planetary perturbations, ~1e-5 in a and e)
    assert_allclose(el.semi_major_axis_m / AU_M, 1.00000261, rtol=5e-5)
    assert_allclose(el.eccentricity, 0.01671123, atol=1e-4)
    assert_allclose(np.degrees(el.inclination_rad), 0.0, atol=1e-3)
