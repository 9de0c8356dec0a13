"""Tests of moonbase.industry.lunar_power."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.constants import SECONDS_PER_DAY, SOLAR_CONSTANT_W_M2, SYNODIC_MONTH_S
from moonbase.errors import ModelDomainError
from moonbase.industry.lunar_power import (
    ILLUMINATION_FRACTION_BY_SITE,
    illumination_fraction,
    lunar_night_duration_s,
    lunar_solar_average_power_w,
    night_storage_energy_j,
)

FLOAT_RTOL = 1e-12  # products of floats: only rounding


def test_illumination_fraction_matches_bussey_2010_and_metzger_2013():
    assert illumination_fraction("polar-ridge-best") == 0.86
    assert illumination_fraction("polar-ridge-pair") == 0.94
    assert illumination_fraction("polar-metzger-2013") == 0.70
    assert illumination_fraction("low-latitude-metzger-2013") == 0.40
    assert illumination_fraction("equatorial") == 0.50
    assert all(0.0 <= f <= 1.0 for f in ILLUMINATION_FRACTION_BY_SITE.values())


def test_illumination_fraction_unknown_site():
    with pytest.raises(ModelDomainError, match="site = 'shackleton'.*polar-ridge-best"):
        illumination_fraction("shackleton")


def test_lunar_night_duration_matches_nasa_fact_sheet():
    assert_allclose(lunar_night_duration_s(0.5) / SECONDS_PER_DAY, 14.77, rtol=1e-3)
    assert lunar_night_duration_s(1.0) == 0.0
    assert_allclose(lunar_night_duration_s(0.0), SYNODIC_MONTH_S, rtol=FLOAT_RTOL)
    assert lunar_night_duration_s(np.array([[0.5], [0.86]])).shape == (2, 1)
    with pytest.raises(ModelDomainError, match="illumination_fraction"):
        lunar_night_duration_s(86.0)


def test_lunar_solar_average_power_starlink_product():
    # Agüera y Arcas et al. (2025), Table 1: 105 m2, 22 %, 1.361 kW/m2, 90 % packing -> ~28 kW.
    assert_allclose(lunar_solar_average_power_w(105.0, 0.22, 1.0, packing_factor=0.9), 28e3, rtol=0.02)


def test_lunar_solar_average_power_invariants_and_shapes():
    lit = np.array([0.4, 0.5, 0.7, 0.86, 0.94])
    power = lunar_solar_average_power_w(1000.0, 0.3, lit)
    assert_allclose(power, 1000.0 * 0.3 * SOLAR_CONSTANT_W_M2 * lit, rtol=FLOAT_RTOL)
    assert np.all(np.diff(power) > 0.0)
    assert lunar_solar_average_power_w(0.0, 0.3, 0.9) == 0.0
    assert lunar_solar_average_power_w(1000.0, 0.3, 0.0) == 0.0
    grid = lunar_solar_average_power_w(np.array([[10.0], [20.0]]), 0.3, lit)
    assert grid.shape == (2, 5)
    assert_allclose(grid[1], 2 * grid[0], rtol=FLOAT_RTOL)
    assert isinstance(lunar_solar_average_power_w(1.0, 0.3, 0.5), float)


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ((-1.0, 0.3, 0.5), "area_m2"),
        ((1.0, 1.3, 0.5), "cell_efficiency"),
        ((1.0, 0.3, 1.5), "illumination_fraction"),
        ((1.0, 0.3, -0.5), "illumination_fraction"),
    ],
)
def test_lunar_solar_average_power_bad_input(args, name):
    with pytest.raises(ModelDomainError, match=name):
        lunar_solar_average_power_w(*args)


def test_night_storage_energy():
    night = lunar_night_duration_s(0.5)
    # 1 MW through an equatorial night: 1.276e12 J = 354 MWh.
    assert_allclose(night_storage_energy_j(1e6, night) / 3.6e9, 354.4, rtol=1e-3)
    assert night_storage_energy_j(0.0, night) == 0.0
    assert night_storage_energy_j(1e6, 0.0) == 0.0
    assert night_storage_energy_j(np.ones(3), np.ones((2, 1))).shape == (2, 3)
    with pytest.raises(ModelDomainError, match="average_power_w"):
        night_storage_energy_j(-1.0, 1.0)
    with pytest.raises(ModelDomainError, match="night_duration_s"):
        night_storage_energy_j(1.0, -1.0)


def test_sunlit_replication_time_is_the_reference_at_the_reference_duty():
    from moonbase.industry.lunar_power import REFERENCE_DUTY_CYCLE, sunlit_replication_time_s

    assert REFERENCE_DUTY_CYCLE == 0.70  # Metzger et al. (2013): polar site, 70 % duty cycle
    assert sunlit_replication_time_s(2.0, 0.70) == pytest.approx(2.0, rel=1e-15)
    assert sunlit_replication_time_s(2.0, 0.50) == pytest.approx(2.8, rel=1e-15)
    assert sunlit_replication_time_s(2.0, 0.35) == pytest.approx(2 * sunlit_replication_time_s(2.0, 0.70))
    np.testing.assert_allclose(sunlit_replication_time_s(np.array([1.0, 2.0]), np.array([[0.7], [0.5]])),
                               [[1.0, 2.0], [1.4, 2.8]], rtol=1e-15)


@pytest.mark.parametrize("args, name", [((0.0, 0.5), "replication_time_s"), ((2.0, 0.0), "illumination_fraction"),
                                        ((2.0, 1.5), "illumination_fraction")])
def test_sunlit_replication_time_rejects_bad_input(args, name):
    from moonbase.errors import ModelDomainError
    from moonbase.industry.lunar_power import sunlit_replication_time_s

    with pytest.raises(ModelDomainError, match=name):
        sunlit_replication_time_s(*args)
