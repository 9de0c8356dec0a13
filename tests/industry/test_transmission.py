"""A DC line on the Moon (moonbase.industry.transmission): route, conductor, losses, mass."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.constants import ALUMINIUM_DENSITY_KG_M3, COPPER_DENSITY_KG_M3, MOON_MEAN_RADIUS_M
from moonbase.errors import ModelDomainError
from moonbase.industry.transmission import (
    conductor_area_for_loss_m2,
    conductor_mass_per_m_per_w_kg_m_w,
    conductor_resistance_per_m_ohm_m,
    conductor_resistivity_ohm_m,
    line_loss_fraction,
    selenographic_distance_m,
    transmission_line,
)
from moonbase.validation.cases import evaluate_case, load_cases

EXACT = 1e-12  # same formula rearranged: only rounding differs
DEG = np.pi / 180.0


def test_route_lengths_on_the_lunar_sphere():
    quarter = selenographic_distance_m(-90 * DEG, 0.0, 0.0, 37 * DEG)  # any longitude at the pole
    assert_allclose(quarter, np.pi / 2 * MOON_MEAN_RADIUS_M, rtol=EXACT)
    assert_allclose(selenographic_distance_m(0.0, 0.0, 0.0, np.pi), np.pi * MOON_MEAN_RADIUS_M, rtol=EXACT)
    assert selenographic_distance_m(0.3, 1.2, 0.3, 1.2) == 0.0
    a = selenographic_distance_m(-88.74 * DEG, 124.5 * DEG, 1 * DEG, 87 * DEG)
    b = selenographic_distance_m(1 * DEG, 87 * DEG, -88.74 * DEG, 124.5 * DEG)
    assert_allclose(a, b, rtol=EXACT)
    # Bussey's best polar point to the trailing apex: a little less than a quarter meridian plus a degree
    assert 2.68e6 < a < 2.73e6


def test_route_lengths_broadcast_over_samples():
    lat = np.array([[-90.0], [-80.0]]) * DEG
    got = selenographic_distance_m(lat, 0.0, np.zeros((2, 3)), np.array([0.0, 1.0, 2.0]))
    assert got.shape == (2, 3)
    assert_allclose(got[0], np.pi / 2 * MOON_MEAN_RADIUS_M, rtol=EXACT)  # from the pole, longitude does not matter


def test_loss_and_area_are_inverse_and_energy_is_conserved():
    rho = conductor_resistivity_ohm_m("aluminium", 350.0)
    area = conductor_area_for_loss_m2(5e9, 1.5e6, 0.04, 1.0e6, rho)
    assert_allclose(line_loss_fraction(5e9, 1.5e6, area, 1.0e6, rho), 0.04, rtol=EXACT)
    line = transmission_line(np.array([1e9, 10.5e9]), 2.7e6, 0.05, 1.6e6, temperature_k=350.0)
    assert_allclose(line.sent_power_w, line.delivered_power_w + line.loss_w, rtol=EXACT)
    resistance = 2.0 * line.length_m * conductor_resistance_per_m_ohm_m(line.conductor_area_m2, "aluminium", 350.0)
    assert_allclose(line.current_a**2 * resistance, line.loss_w, rtol=1e-9)
    assert_allclose(line.loss_w / line.sent_power_w, 0.05, rtol=EXACT)


def test_conductor_mass_grows_as_length_squared_and_falls_as_voltage_squared():
    base = transmission_line(10e9, 1e6, 0.05, 1.6e6).conductor_mass_kg
    assert_allclose(transmission_line(10e9, 2e6, 0.05, 1.6e6).conductor_mass_kg, 4.0 * base, rtol=EXACT)
    assert_allclose(transmission_line(10e9, 1e6, 0.05, 3.2e6).conductor_mass_kg, base / 4.0, rtol=EXACT)
    per = conductor_mass_per_m_per_w_kg_m_w(1e6, 0.05, 1.6e6, conductor_resistivity_ohm_m("aluminium", 293.15),
                                            ALUMINIUM_DENSITY_KG_M3)
    assert_allclose(base, per * 1e6 * 10e9 / 0.95, rtol=EXACT)  # per watt sent; 10 GW delivered at 5 % loss


def test_aluminium_is_half_the_mass_of_copper_for_the_same_loss():
    al = transmission_line(10e9, 2e6, 0.05, 1.6e6, conductor="aluminium").conductor_mass_kg
    cu = transmission_line(10e9, 2e6, 0.05, 1.6e6, conductor="copper").conductor_mass_kg
    expected = (2.8264e-8 * ALUMINIUM_DENSITY_KG_M3) / (1.0 / 58e6 * COPPER_DENSITY_KG_M3)  # IEC grades
    assert_allclose(al / cu, expected, rtol=EXACT)
    assert 0.45 < al / cu < 0.55


def test_no_route_no_line():
    line = transmission_line(10e9, 0.0, 0.05, 1.6e6)
    assert line.conductor_mass_kg == 0.0 and line.loss_w == 0.0 and line.sent_power_w == 10e9


def test_a_hot_day_raises_the_loss_by_the_grade_coefficient():
    cold, hot = (conductor_resistivity_ohm_m("aluminium", t) for t in (293.15, 390.0))
    assert_allclose(hot / cold, 1.0 + 4.03e-3 * (390.0 - 293.15), rtol=EXACT)


def test_xiangjiaba_shanghai_line_loss_is_below_abb_total_figure():
    """+-800 kV, 6,400 MW over ~2,000 km on 6 x 720 mm2 aluminium per pole.

    ABB (main supplier) states the link's losses are under 7 % (POWER magazine, 2010,
    "China completes ultra-high-voltage transmission superhighway"); the 6 x 720 mm2
    bundle is the Chinese +-800 kV practice (elec-grid.com, "Selection of DC transmission
    conductors"). Our line-only I^2 R loss at 20 C must sit below the total and above
    the ~5 % that would leave no room for a conductor near 20 C.
    """
    rho = conductor_resistivity_ohm_m("aluminium", 293.15)
    loss = line_loss_fraction(6.4e9, np.array([1.907e6, 2.0e6]), 6 * 720e-6, 1.6e6, rho)
    assert np.all((0.05 < loss) & (loss < 0.07))
    # the oft-quoted "about 3 % per 1,000 km" for UHVDC follows: loss is linear in length
    assert_allclose(loss / np.array([1.907, 2.0]), 0.0327, rtol=0.01)


def test_handbook_acsr_resistances_are_reproduced():
    cases = [c for c in load_cases() if c.id.startswith("crc-handbook-acsr")]
    assert len(cases) == 11  # Tables 13.2a-b rows, 282-1,274 mm2 of aluminium
    for case in cases:
        assert evaluate_case(case).passed, case.id


@pytest.mark.parametrize("call, message", [
    (lambda: transmission_line(1e9, 1e6, 1.2, 1.6e6), "loss_fraction = 1.2 is outside \\(0, 1\\)"),
    (lambda: transmission_line(1e9, 1e6, 0.05, 1.6e6, conductor="silver"), "conductor = 'silver' is unknown"),
    (lambda: selenographic_distance_m(100 * DEG, 0.0, 0.0, 0.0), "latitude_1_rad"),
    (lambda: line_loss_fraction(10e9, 3e6, 1e-4, 1e5, 2.8e-8), "loses .* of the power sent"),
    (lambda: conductor_resistance_per_m_ohm_m(0.0), "conductor_area_m2 = 0"),
])
def test_bad_input_names_the_argument(call, message):
    with pytest.raises((ModelDomainError, ValueError), match=message):
        call()
