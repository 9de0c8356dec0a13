"""Tests of moonbase.industry.chip_fab: a fab's accelerator output, power and mass from its capacity."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.constants import SECONDS_PER_YEAR
from moonbase.errors import ModelDomainError
from moonbase.industry.chip_fab import (
    FAB_PARAMETERS,
    H100_DIE_AREA_M2,
    H100_SXM_TDP_W,
    SECONDS_PER_MONTH,
    TSMC_N5_DEFECT_DENSITY_PER_M2,
    FabDesign,
    YieldModel,
    accelerator_power_per_wafer_w,
    die_yield,
    die_yield_murphy,
    die_yield_negative_binomial,
    die_yield_poisson,
    dies_per_wafer,
    fab_accelerator_output_w_per_s,
    fab_design,
    fab_earth_mass_kg,
    fab_mass_kg,
    fab_power_w,
    fab_ramp_fraction,
    good_dies_per_wafer,
    wafer_starts_per_s_for_output,
)

FLOAT_RTOL = 1e-12  # products and quotients of floats: rounding only
CM2_M2 = 1e-4
PER_CM2 = 1e4  # defects per cm2 -> per m2


def test_dies_per_wafer_matches_hennessy_patterson_section_1_6():
    # 6th ed. worked example: 270 dies of 1.5 cm x 1.5 cm and 640 of 1.0 cm x 1.0 cm on a 30 cm wafer;
    # the book rounds to whole dies, so half a die is the tolerance.
    assert_allclose(dies_per_wafer(2.25 * CM2_M2, 0.30), 270, atol=0.5)
    assert_allclose(dies_per_wafer(1.00 * CM2_M2, 0.30), 640, atol=0.5)


def test_poisson_yield_matches_flynn_1995_page_89():
    # Y = 0.1 (2.3 cm2) and 0.37 (1 cm2) at 1 defect/cm2; the book's last digit is the tolerance.
    assert_allclose(die_yield_poisson(2.3 * CM2_M2, 1.0 * PER_CM2), 0.1, atol=0.005)
    assert_allclose(die_yield_poisson(1.0 * CM2_M2, 1.0 * PER_CM2), 0.37, atol=0.005)


def test_h100_on_n5_good_dies_and_power_per_wafer():
    # 814 mm2 on 300 mm: 63.5 candidates; Murphy at 0.10 /cm2: 46.8 %; 29.7 good dies x 700 W = 20.8 kW.
    gross = dies_per_wafer(H100_DIE_AREA_M2)
    assert_allclose(gross, np.pi * 0.15**2 / 814e-6 - np.pi * 0.3 / np.sqrt(2 * 814e-6), rtol=FLOAT_RTOL)
    good = good_dies_per_wafer(H100_DIE_AREA_M2, TSMC_N5_DEFECT_DENSITY_PER_M2)
    assert_allclose(good, gross * ((1 - np.exp(-0.814)) / 0.814) ** 2, rtol=FLOAT_RTOL)
    power = accelerator_power_per_wafer_w(H100_DIE_AREA_M2, H100_SXM_TDP_W, TSMC_N5_DEFECT_DENSITY_PER_M2)
    assert_allclose(power, good * 700.0, rtol=FLOAT_RTOL)
    assert 20.7e3 < power < 20.9e3


def test_yield_models_order_and_limits():
    area = np.array([0.1, 1.0, 8.14, 30.0]) * CM2_M2
    density = 0.1 * PER_CM2
    poisson, murphy = die_yield_poisson(area, density), die_yield_murphy(area, density)
    clustered = die_yield_negative_binomial(area, density, clustering=2.0)
    # Murphy's average over a spread of densities lies above Poisson; strong clustering higher still
    assert np.all(murphy > poisson) and np.all(clustered > murphy)
    assert np.all(np.diff(poisson) < 0) and np.all(np.diff(murphy) < 0)
    # zero defects: every die works, in every model
    for model in YieldModel:
        assert die_yield(area, 0.0, model) == pytest.approx(np.ones(4), rel=0, abs=0)
    # alpha -> infinity is Poisson; alpha = 1 is 1 / (1 + AD)
    assert_allclose(die_yield_negative_binomial(area, density, np.inf), poisson, rtol=FLOAT_RTOL)
    assert_allclose(die_yield_negative_binomial(area, density, 1e9), poisson, rtol=1e-8)  # O(AD^2 / alpha)
    assert_allclose(die_yield_negative_binomial(area, density, 1.0), 1 / (1 + area * density), rtol=FLOAT_RTOL)
    # small AD: Murphy = 1 - AD + 7/12 (AD)^2 - ...; the next term is (AD)^3 / 4, 2.5e-10 at AD = 1e-3
    x = 1e-3
    assert_allclose(die_yield_murphy(1.0, x), 1 - x + 7 / 12 * x**2, atol=3e-10)
    assert die_yield(1e-4, 1e4) == die_yield_murphy(1e-4, 1e4)  # Murphy is the default


def test_dies_per_wafer_invariants():
    # a larger wafer never holds fewer dies; a larger die never gives more; huge dies give none
    areas = np.geomspace(1e-6, 3e-3, 40)
    counts = dies_per_wafer(areas, 0.30)
    assert np.all(np.diff(counts) < 0)
    assert np.all(dies_per_wafer(areas, 0.45) > counts)
    assert dies_per_wafer(0.05, 0.30) == 0.0  # 500 cm2 die on a 707 cm2 wafer: edge loss exceeds it
    # the edge term vanishes relative to the area term for small dies
    assert_allclose(dies_per_wafer(1e-8, 0.30) * 1e-8, np.pi * 0.15**2, rtol=1e-3)


def test_output_power_mass_scale_with_capacity():
    starts = np.array([0.0, 1.0, 2.0]) * 20_000 / SECONDS_PER_MONTH
    out = fab_accelerator_output_w_per_s(starts, 20.8e3)
    assert out[0] == 0.0 and fab_power_w(0.0, 5e9) == 0.0 and fab_mass_kg(0.0, 7e9) == 0.0
    assert_allclose(out[2], 2 * out[1], rtol=FLOAT_RTOL)
    assert_allclose(fab_power_w(starts, 5e9)[2], 2 * fab_power_w(starts, 5e9)[1], rtol=FLOAT_RTOL)
    # the inverse gives back the capacity
    assert_allclose(wafer_starts_per_s_for_output(out, 20.8e3), starts, rtol=FLOAT_RTOL)
    # ramp: nothing before the start, linear to full output, never above it
    assert_allclose(fab_accelerator_output_w_per_s(starts, 20.8e3, 0.25), 0.25 * out, rtol=FLOAT_RTOL)
    times = np.array([-1.0, 0.0, 1.0, 2.0, 3.0, 10.0]) * SECONDS_PER_YEAR
    assert_allclose(fab_ramp_fraction(times, 2 * SECONDS_PER_YEAR), [0, 0, 0.5, 1, 1, 1], rtol=FLOAT_RTOL)
    assert_allclose(fab_ramp_fraction(times, 0.0), [0, 1, 1, 1, 1, 1], rtol=0)
    assert fab_earth_mass_kg(1e6, 0.0) == 0.0 and fab_earth_mass_kg(1e6, 1.0) == 1e6


def test_tsmc_2022_fleet_power_from_wafers_and_electricity_per_wafer():
    # 15.30 M wafers x 1,376 kWh = 21.06 TWh in the year: 2.40 GW on average (docs/design/chip_fab.md)
    assert_allclose(fab_power_w(15.30e6 / SECONDS_PER_YEAR, 1376 * 3.6e6) * SECONDS_PER_YEAR / 3.6e15,
                    21.06, rtol=1e-3)


def _params(samples=3, **changes):
    base = {
        "lunar.chip_die_area_m2": H100_DIE_AREA_M2, "lunar.chip_die_power_w": H100_SXM_TDP_W,
        "lunar.chip_wafer_diameter_m": 0.30, "lunar.chip_defect_density_per_m2": TSMC_N5_DEFECT_DENSITY_PER_M2,
        "lunar.chip_packaging_yield": 1.0, "lunar.chip_fab_energy_per_wafer_j": 1376 * 3.6e6,
        "lunar.chip_fab_mass_per_wafer_rate_kg_s": 2725.0 * SECONDS_PER_MONTH, "lunar.chip_fab_earth_fraction": 0.22,
        "lunar.chip_fab_ramp_time_s": 3 * SECONDS_PER_YEAR,
    }
    base.update(changes)
    return {key: np.full(samples, value, dtype=float) for key, value in base.items()}


def test_fab_design_fields_shapes_and_consistency():
    design = fab_design(_params(4))
    assert isinstance(design, FabDesign) and set(design._fields) >= {"accelerator_w_per_wafer", "ramp_time_s"}
    for value in design:
        assert value.shape == (4,) and value.dtype == float and value.flags.c_contiguous
    assert_allclose(design.accelerator_w_per_wafer,
                    accelerator_power_per_wafer_w(H100_DIE_AREA_M2, 700.0, 1000.0), rtol=FLOAT_RTOL)
    assert_allclose(design.output_per_mass_w_s_kg * design.mass_per_wafer_rate_kg_s,
                    design.accelerator_w_per_wafer, rtol=FLOAT_RTOL)
    assert_allclose(design.power_per_output_j_w * design.accelerator_w_per_wafer, design.energy_per_wafer_j,
                    rtol=FLOAT_RTOL)
    # per-sample values stay per sample
    varied = fab_design(_params(2) | {"lunar.chip_packaging_yield": np.array([1.0, 0.5])})
    assert_allclose(varied.accelerator_w_per_wafer[1], 0.5 * varied.accelerator_w_per_wafer[0], rtol=FLOAT_RTOL)
    assert fab_design(_params(1), model="poisson").accelerator_w_per_wafer[0] < design.accelerator_w_per_wafer[0]


def test_alpha_fab_implications():
    # docs/design/chip_fab.md: what 305 GW/yr of H100-class accelerators takes, and what 5,000 t / 0.1 GW makes
    design = fab_design(_params(1))
    per_wafer = design.accelerator_w_per_wafer[0]
    starts = wafer_starts_per_s_for_output(305e9 / SECONDS_PER_YEAR, per_wafer)
    assert_allclose(starts * SECONDS_PER_YEAR / 1e6, 14.66, rtol=2e-3)  # million wafers per year
    assert_allclose(fab_power_w(starts, design.energy_per_wafer_j[0]) / 1e9, 2.31, rtol=5e-3)
    assert_allclose(fab_mass_kg(starts, design.mass_per_wafer_rate_kg_s[0]) / 1e9, 3.33, rtol=5e-3)  # Mt
    by_mass = 5e6 * design.output_per_mass_w_s_kg[0] * SECONDS_PER_YEAR
    by_power = 1e8 / design.power_per_output_j_w[0] * SECONDS_PER_YEAR
    assert_allclose(by_mass / 1e9, 0.458, rtol=5e-3)  # GW/yr
    assert_allclose(by_power / 1e9, 13.25, rtol=5e-3)


@pytest.mark.parametrize("shape", [(), (5,), (3, 4)])
def test_shapes(shape):
    area = np.full(shape, H100_DIE_AREA_M2)
    for value in (dies_per_wafer(area), die_yield(area, 1000.0), good_dies_per_wafer(area, 1000.0),
                  accelerator_power_per_wafer_w(area, 700.0, 1000.0), fab_ramp_fraction(area, 1.0),
                  fab_power_w(area, 1.0), fab_mass_kg(area, 1.0), fab_accelerator_output_w_per_s(area, 1.0)):
        assert np.shape(value) == shape
        assert isinstance(value, float) if shape == () else isinstance(value, np.ndarray)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: dies_per_wafer(0.0), "die_area_m2 = 0 is outside"),
        (lambda: dies_per_wafer(1e-4, 300.0 * -1), "wafer_diameter_m"),
        (lambda: die_yield_poisson(1e-4, -1.0), "defect_density_per_m2 = -1 is outside"),
        (lambda: die_yield_negative_binomial(1e-4, 1.0, 0.0), "clustering"),
        (lambda: die_yield(1e-4, 1.0, "seeds"), "model = 'seeds' is unknown; choose one of: poisson, murphy"),
        (lambda: good_dies_per_wafer(1e-4, 1.0, packaging_yield=0.0), "packaging_yield = 0 is outside \\(0, 1\\]"),
        (lambda: good_dies_per_wafer(1e-4, 1.0, packaging_yield=90.0), "not a percent"),
        (lambda: accelerator_power_per_wafer_w(1e-4, -700.0, 1.0), "die_power_w"),
        (lambda: fab_accelerator_output_w_per_s(-1.0, 1.0), "wafer_starts_per_s"),
        (lambda: fab_accelerator_output_w_per_s(1.0, 1.0, 1.5), "ramp_fraction"),
        (lambda: wafer_starts_per_s_for_output(1.0, 0.0), "accelerator_w_per_wafer"),
        (lambda: fab_power_w(1.0, np.nan), "energy_per_wafer_j"),
        (lambda: fab_mass_kg(1.0, -1.0), "mass_per_wafer_rate_kg_s"),
        (lambda: fab_earth_mass_kg(1.0, 1.2), "earth_fraction"),
        (lambda: fab_ramp_fraction(np.nan, 1.0), "time_since_start_s"),
        (lambda: fab_ramp_fraction(1.0, -1.0), "ramp_time_s"),
        (lambda: fab_design({}), "params lacks lunar.chip_die_area_m2"),
        (lambda: fab_design(_params(1, **{"lunar.chip_fab_earth_fraction": 1.5})), "lunar.chip_fab_earth_fraction"),
        (lambda: fab_design(_params(1, **{"lunar.chip_fab_mass_per_wafer_rate_kg_s": 0.0})),
         "lunar.chip_fab_mass_per_wafer_rate_kg_s"),
    ],
)
def test_bad_input_names_the_argument(call, message):
    with pytest.raises(ModelDomainError, match=message):
        call()


def test_fab_parameters_are_the_keys_read():
    assert len(FAB_PARAMETERS) == len(set(FAB_PARAMETERS)) == 9
    for key in FAB_PARAMETERS:
        with pytest.raises(ModelDomainError, match=key):
            fab_design({k: v for k, v in _params(1).items() if k != key})
