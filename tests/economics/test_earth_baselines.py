"""Tests of moonbase.economics.earth_baselines and moonbase.economics.provenance."""

from __future__ import annotations

import dataclasses

import pytest
from numpy.testing import assert_allclose

from moonbase.constants import JOULES_PER_KWH
from moonbase.economics.earth_baselines import (
    FIELDS,
    baseline_energy_price_usd_per_j,
    baseline_names,
    load_all_baselines,
    load_baseline,
)
from moonbase.economics.provenance import (
    CONFIDENCE_LEVELS,
    Default,
    lookup,
    registered,
    scenario_section_defaults,
)
from moonbase.errors import ScenarioError
from moonbase.scenario.loader import load_scenario

USD_PER_MWH = 1e3 * JOULES_PER_KWH  # J per MWh


def test_four_baselines_ship():
    assert baseline_names() == ["grid-constrained", "hyperscale-grid", "onsite-gas", "renewables-storage"]


def test_onsite_gas_fuel_cost_matches_mccalip():
    # 6,200 Btu/kWh x 4.30 USD/MMBtu = 26.66 USD/MWh (the calculator prints cents)
    assert_allclose(baseline_energy_price_usd_per_j("onsite-gas") * USD_PER_MWH, 26.66, atol=0.005)


def test_grid_constrained_premium_and_queue():
    b = load_baseline("grid-constrained")
    assert_allclose(b.energy_price_usd_per_j * USD_PER_MWH, 90.0, rtol=1e-12)  # 60 x 1.5
    assert_allclose(b.queue_delay_s / 3.15576e7, 5.0, rtol=1e-12)


def test_carbon_price_adds_heat_rate_times_emission_factor():
    b = load_baseline("onsite-gas")
    taxed = dataclasses.replace(b, carbon_price_usd_per_kg=0.05)  # 50 USD/t
    extra = (taxed.energy_price_usd_per_j - b.energy_price_usd_per_j) * USD_PER_MWH
    # 6,200 Btu/kWh = 6.2 MMBtu/MWh x 53.06 kg/MMBtu x 0.05 USD/kg = 16.45 USD/MWh
    assert_allclose(extra, 6.2 * 53.06 * 0.05, rtol=1e-9)


def test_every_parameter_has_source_date_and_confidence():
    for baseline in load_all_baselines().values():
        assert baseline.provenance
        for default in baseline.provenance:
            assert default.source and default.date
            assert default.confidence in CONFIDENCE_LEVELS
        written = {d.key.rsplit(".", 1)[-1] for d in baseline.provenance}
        required = {k for k, spec in FIELDS.items() if spec[2]}
        assert required <= written


def test_registry_lists_the_baselines_and_units():
    keys = {d.key for d in registered()}
    assert "baseline.onsite-gas.heat_rate" in keys and "unit.gpu_hour_equivalent" in keys
    assert lookup("baseline.hyperscale-grid.pue").value_si == pytest.approx(1.10)
    with pytest.raises(ScenarioError, match="hyperscale-grid.pue"):
        lookup("baseline.hyperscale-grid.pur")


def test_register_refuses_conflicts_and_bad_confidence(monkeypatch):
    from moonbase.economics import provenance

    monkeypatch.setattr(provenance, "_REGISTRY", dict(provenance._REGISTRY))  # leave the real registry clean
    entry = Default("test.x", 1.0, "1", "", "a source", "2025", "low")
    provenance.register(entry)
    provenance.register(entry)  # identical: fine
    with pytest.raises(ScenarioError, match="test.x"):
        provenance.register(dataclasses.replace(entry, value_si=2.0))
    with pytest.raises(ScenarioError, match="confidence"):
        provenance.register(Default("test.y", 1.0, "1", "", "a source", "2025", "sure"))
    with pytest.raises(ScenarioError, match="source or date"):
        provenance.register(Default("test.z", 1.0, "1", "", "", "2025", "low"))


def test_finance_fields_carry_date_and_confidence():
    entries = scenario_section_defaults(load_scenario("alpha").finance, "finance")
    assert len(entries) >= 15
    for e in entries:
        assert e.date != "not recorded", e.key
        assert e.confidence in CONFIDENCE_LEVELS


def _write(tmp_path, body: str):
    path = tmp_path / "site.toml"
    path.write_text('name = "site"\n[parameters]\n' + body, encoding="utf-8")
    return str(path)


REQUIRED = "\n".join(
    f'{k} = {{ value = "{v}", source = "s", date = "2025", confidence = "low" }}' for k, v in (
        ("pue", "1.2"), ("facility_capex", "10 USD/W"), ("facility_life", "15 yr"), ("fixed_om", "3 %/yr"),
        ("construction", "2 yr"), ("availability", "0.99"), ("hardware_failure_rate", "2 %/yr"))) + "\n"


def test_a_user_file_is_a_baseline(tmp_path):
    b = load_baseline(_write(tmp_path, REQUIRED + 'electricity_price = { value = "0.1 USD/(kW h)", source = "s", '
                                                  'date = "2025", confidence = "medium" }\n'))
    assert b.name == "site"
    assert_allclose(b.energy_price_usd_per_j * USD_PER_MWH, 100.0, rtol=1e-12)


@pytest.mark.parametrize("body, match", [
    (REQUIRED + 'pue2 = { value = "1", source = "s", date = "2025", confidence = "low" }\n', "site.pue2"),
    (REQUIRED.replace('pue = { value = "1.2"', 'pue = { value = "0.5"'), "site.pue"),
    (REQUIRED.replace("facility_life", "#"), "site.facility_life is missing"),
    (REQUIRED.replace('"10 USD/W"', '"10"'), "site.facility_capex"),
    (REQUIRED.replace('confidence = "low" }\n', 'confidence = "sure" }\n', 1), "confidence"),
])
def test_bad_baseline_file_names_the_field(tmp_path, body, match):
    with pytest.raises(ScenarioError, match=match):
        load_baseline(_write(tmp_path, body))


def test_unknown_baseline_suggests_the_closest():
    with pytest.raises(ScenarioError, match="Did you mean 'onsite-gas'"):
        load_baseline("onsite-gass")
