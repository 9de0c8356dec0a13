"""Tests of moonbase.spacecraft.design: budgets from components, energy balance, bad designs."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.constants import STEFAN_BOLTZMANN_W_M2_K4
from moonbase.errors import ModelDomainError
from moonbase.spacecraft.design import (
    SatelliteBudget,
    array_temperature_k,
    satellite_design,
    shockley_queisser_limit,
)
from moonbase.scenario.satellite_design import load_design_preset, preset_design_budget, preset_design_inputs
from moonbase.spacecraft.environment import orbit_environment
from moonbase.spacecraft.satellite_report import satellite_report

FLOAT_RTOL = 1e-10  # identities of float arithmetic

SSO = preset_design_inputs("sso-datacenter")
DEEP = preset_design_inputs("deep-space-lunar")
ENV_SSO = orbit_environment("sso-dawn-dusk", shield_kg_m2=27.0)
ENV_DEEP = orbit_environment("heliocentric", shield_kg_m2=27.0)


def _with(design, **changes):
    return dataclasses.replace(design, **{k: np.asarray(v, dtype=float) for k, v in changes.items()})


@pytest.mark.parametrize(("design", "env"), [(SSO, ENV_SSO), (DEEP, ENV_DEEP),
                                             (SSO, orbit_environment("geo")), (SSO, orbit_environment("leo"))])
def test_energy_balance_absorbed_plus_generated_equals_radiated(design, env):
    b = satellite_design(design, env)
    assert_allclose(b.radiator_emitted_w, b.waste_heat_w + b.radiator_absorbed_w, rtol=FLOAT_RTOL)
    # the array: absorbed sunlight = electricity + infrared from both faces
    absorbed = design.array_absorptivity * env.solar_flux_w_m2 * b.solar_array_area_m2
    emitted = 2 * design.array_emissivity * STEFAN_BOLTZMANN_W_M2_K4 * (
        b.array_temperature_k**4 - 3.0**4) * b.solar_array_area_m2  # the array sees deep space (3 K)
    electric = env.solar_flux_w_m2 * b.cell_efficiency_operating * design.packing_factor * b.solar_array_area_m2
    assert_allclose(absorbed, electric + emitted, rtol=1e-6)  # fixed point converged to ~1e-8


def test_power_and_mass_budgets_add_up():
    b = satellite_design(SSO, ENV_SSO)
    assert_allclose(b.power_w, b.compute_power_w + b.terminal_power_w + b.bus_power_w + b.battery_charge_power_w,
                    rtol=FLOAT_RTOL)
    assert_allclose(sum(b.mass_breakdown_kg().values()), b.mass_kg, rtol=FLOAT_RTOL)
    assert_allclose(b.specific_power_w_kg, b.power_w / b.mass_kg, rtol=FLOAT_RTOL)
    assert_allclose(b.flops_per_kg, 100 * 2.25e15 / b.mass_kg, rtol=FLOAT_RTOL)


def test_no_eclipse_no_battery_and_full_duty():
    b = satellite_design(DEEP, ENV_DEEP)
    assert b.battery_mass_kg == 0.0 and b.battery_charge_power_w == 0.0
    assert_allclose(b.mean_compute_power_w / b.compute_power_w, -np.expm1(-DEEP.array_degradation_per_s * b.life_s)
                    / (DEEP.array_degradation_per_s * b.life_s), rtol=FLOAT_RTOL)


def test_fixed_array_reproduces_starlink_area_and_power_order():
    # arXiv:2511.19468 Table 1: 105 m2 of 22 % cells at 90 % packing, ~28 kW. With the cells at
    # their operating temperature (319 K, -0.35 %/K) the array gives 26.5 kW: 6 % below the table,
    # which takes 22 % at any temperature (docs/design/satellite_design.md).
    starlink = preset_design_inputs("starlink-v2-mini")
    b = satellite_design(starlink, orbit_environment("leo", altitude_m=550e3, inclination_rad=np.radians(53.0)),
                         array_area_m2=105.0)
    assert_allclose(b.solar_array_area_m2, 105.0, rtol=FLOAT_RTOL)
    assert_allclose(b.power_w, 28e3, rtol=0.08)
    # mass: the table's 575 kg is not reproduced (803 kg); the strict expected failure
    # satellite-design-starlink-v2-mini-mass records it (docs/design/satellite_mass_budget.md)


def test_fixed_radiator_runs_at_the_sized_temperature():
    sized = satellite_design(SSO, ENV_SSO)
    fixed = satellite_design(SSO, ENV_SSO, radiator_area_m2=sized.radiator_area_m2)
    assert_allclose(fixed.radiator_temperature_k, SSO.radiator_temperature_k, rtol=1e-9)
    hotter = satellite_design(SSO, ENV_SSO, radiator_area_m2=0.9 * sized.radiator_area_m2)
    assert hotter.radiator_temperature_k > SSO.radiator_temperature_k


def test_more_accelerators_more_mass_but_nearly_constant_specific_power():
    small, large = (satellite_design(_with(SSO, accelerators=n), ENV_SSO) for n in (100, 200))
    assert large.mass_kg > small.mass_kg
    assert_allclose(large.compute_specific_power_w_kg, small.compute_specific_power_w_kg, rtol=0.1)
    # shielding grows as N^(2/3): economies of scale
    assert large.compute_specific_power_w_kg > small.compute_specific_power_w_kg


def test_hotter_radiator_is_smaller_and_temperature_coefficient_costs_power():
    cold, hot = (satellite_design(_with(SSO, radiator_temperature_k=t), ENV_SSO) for t in (300.0, 350.0))
    assert hot.radiator_area_m2 < cold.radiator_area_m2
    flat = satellite_design(_with(SSO, cell_temperature_coefficient_per_k=0.0), ENV_SSO)
    assert flat.solar_array_area_m2 < satellite_design(SSO, ENV_SSO).solar_array_area_m2


def test_radiation_limits_life_in_geo_not_in_sso():
    sso = satellite_design(SSO, ENV_SSO)
    assert_allclose(sso.life_s, SSO.design_life_s, rtol=FLOAT_RTOL)
    geo = satellite_design(SSO, orbit_environment("geo", shield_kg_m2=27.0))
    assert geo.life_s < SSO.design_life_s  # 2 krad at ~1 krad/yr


def test_array_temperature_rises_with_flux_and_falls_with_conversion():
    t = array_temperature_k(np.array([500.0, 1361.0]), 0.92, 0.85, 0.2)
    assert t[1] > t[0]
    assert array_temperature_k(1361.0, 0.92, 0.85, 0.3) < array_temperature_k(1361.0, 0.92, 0.85, 0.1)


def test_shockley_queisser_table():
    # De Vos (1980): 30 %, 42 %, 49 %; 68 % for an infinite stack
    assert_allclose(shockley_queisser_limit(np.array([1, 2, 3, 6])), [0.30, 0.42, 0.49, 0.68])


def test_shapes_broadcast_over_samples():
    samples = _with(SSO, radiator_temperature_k=np.array([310.0, 330.0, 350.0]))
    b = satellite_design(samples, ENV_SSO)
    assert b.mass_kg.shape == (3,)
    single = satellite_design(_with(SSO, radiator_temperature_k=330.0), ENV_SSO)
    assert_allclose(b.mass_kg[1], single.mass_kg, rtol=FLOAT_RTOL)
    assert isinstance(single, SatelliteBudget) and np.ndim(single.mass_kg) == 0


def test_efficiency_above_shockley_queisser_limit_is_refused():
    with pytest.raises(ModelDomainError, match=r"cell_efficiency = 0.35 .*Shockley-Queisser.*cell_junctions = 1"):
        satellite_design(_with(SSO, cell_efficiency=0.35, cell_junctions=1), ENV_SSO)
    satellite_design(_with(SSO, cell_efficiency=0.35, cell_junctions=3), ENV_SSO)  # fine with three


def test_zero_array_area_is_refused():
    with pytest.raises(ModelDomainError, match="array_area_m2 = 0"):
        satellite_design(SSO, ENV_SSO, array_area_m2=0.0)
    with pytest.raises(ModelDomainError, match="array_area_m2"):
        satellite_design(SSO, ENV_SSO, array_area_m2=0.1)  # cannot power the terminals


def test_radiator_too_small_at_any_allowed_temperature_is_refused():
    with pytest.raises(ModelDomainError, match=r"radiator_area_m2 = 10 m2 is too small .* needs at least"):
        satellite_design(SSO, ENV_SSO, radiator_area_m2=10.0)


def test_radiator_that_absorbs_more_than_it_emits_is_refused():
    sunny = _with(SSO, radiator_sun_view_factor=1.0, radiator_absorptivity=0.9, radiator_temperature_k=250.0)
    with pytest.raises(ModelDomainError, match="radiator_temperature_k = 250 K"):
        satellite_design(sunny, ENV_SSO)


@pytest.mark.parametrize(("change", "name"), [
    ({"packing_factor": 1.5}, "packing_factor"),
    ({"radiator_sides": 3.0}, "radiator_sides"),
    ({"structure_mass_fraction": 0.9}, "structure_mass_fraction"),
    ({"accelerator_power_w": 0.0}, "accelerator_power_w"),
    ({"spare_fraction": -0.1}, "spare_fraction"),
])
def test_bad_input_names_the_field(change, name):
    with pytest.raises(ModelDomainError, match=name):
        satellite_design(_with(SSO, **change), ENV_SSO)


@pytest.mark.parametrize("name", ["starlink-v2-mini", "sso-datacenter"])
def test_preset_design_budget_is_the_budget_moonbase_satellite_reports(name):
    budget = preset_design_budget(name)
    report = satellite_report(load_design_preset(name))
    # the same assembly: equal to the last bit, not just close
    assert float(budget.mass_kg) == report["mass_kg"] and float(budget.power_w) == report["power_w"]


def test_starlink_v2_mini_preset_keeps_its_published_array():
    budget = preset_design_budget("starlink-v2-mini")
    assert_allclose(budget.solar_array_area_m2, 105.0, rtol=1e-12)  # ~105 m2, arXiv:2511.19468 Table 1
