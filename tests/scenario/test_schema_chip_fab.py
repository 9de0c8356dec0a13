"""The chip-fab fields of the lunar section: sourced defaults, settable, read by the timeline."""

from __future__ import annotations

import pytest
from numpy.testing import assert_allclose

from moonbase.errors import ScenarioError
from moonbase.industry.chip_fab import (
    FAB_EARTH_FRACTION,
    FAB_MASS_PER_WAFER_RATE_KG_S,
    FAB_PARAMETERS,
    FAB_RAMP_TIME_S,
    H100_DIE_AREA_M2,
    H100_SXM_TDP_W,
    TSMC_2022_ENERGY_PER_WAFER_J,
    TSMC_N5_DEFECT_DENSITY_PER_M2,
    WAFER_DIAMETER_300MM_M,
    fab_design,
)
from moonbase.scenario.loader import scenario_from_toml, scenario_to_toml
from moonbase.scenario.params import timeline_params
from moonbase.scenario.schema.lunar import LunarIndustry

DISPLAY_RTOL = 1e-5  # defaults are written with six significant digits


def test_alpha_flattens_the_sourced_defaults():
    p = timeline_params(scenario_from_toml('base = "alpha"\n'), 2)
    expected = [H100_DIE_AREA_M2, H100_SXM_TDP_W, WAFER_DIAMETER_300MM_M, TSMC_N5_DEFECT_DENSITY_PER_M2, 1.0,
                TSMC_2022_ENERGY_PER_WAFER_J, FAB_MASS_PER_WAFER_RATE_KG_S, FAB_EARTH_FRACTION, FAB_RAMP_TIME_S]
    for key, value in zip(FAB_PARAMETERS, expected, strict=True):
        assert_allclose(p[key], value, rtol=DISPLAY_RTOL, err_msg=key)
    assert fab_design(p).accelerator_w_per_wafer.shape == (2,)


def test_a_fab_field_is_settable_and_moves_the_fab():
    scenario = scenario_from_toml('base = "alpha"\n[lunar]\nchip_die_area = "600 mm2"\nchip_fab_ramp_time = "2 yr"\n')
    assert scenario.lunar.chip_die_area_m2 == pytest.approx(600e-6)
    p, default = timeline_params(scenario), timeline_params(scenario_from_toml('base = "alpha"\n'))
    assert fab_design(p).accelerator_w_per_wafer[0] != pytest.approx(fab_design(default).accelerator_w_per_wafer[0])


def test_show_writes_every_fab_field_and_reads_it_back():
    text = scenario_to_toml(scenario_from_toml('base = "alpha"\n'))
    assert "chip_fab_earth_fraction = 0.22" in text and 'chip_die_area = "814 mm2"' in text
    again = scenario_from_toml(text)
    assert again.lunar.chip_die_area_m2 == pytest.approx(H100_DIE_AREA_M2, rel=DISPLAY_RTOL)


def test_the_retired_fixed_fab_power_is_an_error_naming_it():
    with pytest.raises(ScenarioError, match="chip_fab_power"):
        scenario_from_toml('base = "alpha"\n[lunar]\nchip_fab_power = "100 MW"\n')
