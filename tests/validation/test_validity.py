"""The model-family registry: every case has a family, ranges convert, out-of-range inputs are named."""

from __future__ import annotations

import importlib

import pytest
from numpy.testing import assert_allclose

from moonbase.constants import AU_M, SECONDS_PER_YEAR
from moonbase.scenario.loader import scenario_from_toml
from moonbase.validation.cases import load_cases
from moonbase.validation.validity import (
    FAMILIES,
    ValidityRange,
    families_used,
    family,
    family_of_model,
    family_references,
    inputs_outside_validity,
    parse_references,
)
from moonbase.scenario.params import timeline_params

ALPHA = scenario_from_toml('base = "alpha"\n')


def test_every_shipped_case_belongs_to_a_family():
    orphans = [c.id for c in load_cases() if family_of_model(c.model) is None]
    assert orphans == []


def test_every_family_module_imports_and_every_range_key_is_a_scenario_parameter():
    params = timeline_params(ALPHA, 1)
    for fam in FAMILIES:
        for module in fam.modules:
            importlib.import_module(module)
        for rng in fam.ranges:
            assert rng.key in params, f"{fam.key}: {rng.key}"
            assert rng.low < rng.high


def test_design_notes_named_by_families_exist():
    from pathlib import Path

    design = Path(__file__).resolve().parents[2] / "docs" / "design"
    missing = [note for fam in FAMILIES for note in fam.design_notes if not (design / note).is_file()]
    assert missing == []


def test_family_of_model_takes_the_longest_module_match():
    assert family_of_model("moonbase.industry.kardashev_trajectory:time_to_reach_s") == "kardashev"
    assert family_of_model("moonbase.industry.bootstrap:generation_recursion") == "industry"
    assert family_of_model("moonbase.physics.kardashev:kardashev_index") == "kardashev"
    assert family_of_model("somewhere.else:f") is None


def test_unknown_family_names_the_known_ones():
    with pytest.raises(KeyError, match="solar_thermal"):
        family("solar")


def test_range_bounds_convert_display_units_to_si():
    au = ValidityRange("deep_space.heliocentric_distance_m", 0.5, 2.0, "AU", "test")
    assert_allclose(au.si_bounds(), (0.5 * AU_M, 2.0 * AU_M), rtol=1e-12)  # exact unit definitions
    years = ValidityRange("lunar.replication_time_s", 1.0, 4.0, "yr", "test")
    assert_allclose(years.si_bounds(), (SECONDS_PER_YEAR, 4 * SECONDS_PER_YEAR), rtol=1e-12)
    assert years.display(2 * SECONDS_PER_YEAR) == "2 yr"
    assert ValidityRange("x", 0.1, 0.3, "", "test").display(0.2) == "0.2"


def test_families_used_follow_the_scenario_switches():
    assert {f.key for f in families_used(ALPHA)} == {f.key for f in FAMILIES if f.in_timeline}
    assert "economics" not in {f.key for f in families_used(ALPHA)}  # stand-alone analyses
    ground = {f.key for f in families_used(scenario_from_toml('base = "ground-only"\n'))}
    assert ground == {"launch", "kardashev", "timeline"}
    earth = {f.key for f in families_used(scenario_from_toml('base = "earth-orbit-only"\n'))}
    assert earth == {"solar_thermal", "satellites", "launch", "kardashev", "timeline"}


def test_alpha_mass_driver_speed_is_reported_as_an_extrapolation():
    outside = inputs_outside_validity(ALPHA)
    keys = [(o.family, o.key) for o in outside]
    assert ("mass_driver", "mass_driver.exit_speed_m_s") in keys
    text = next(o.text() for o in outside if o.family == "mass_driver")
    assert "mass_driver.exit_speed_m_s = 2.6 km/s" in text and "[0.034, 0.112] km/s" in text


def test_out_of_range_input_is_named_with_value_and_range():
    scenario = scenario_from_toml('base = "alpha"\n[launch]\nlearning_rate = "45 %"\n')
    launch = [o for o in inputs_outside_validity(scenario) if o.family == "launch"]
    assert len(launch) == 1
    assert launch[0].text().startswith("launch.learning_rate = 0.45 is outside the validated range [0.1, 0.3]")


def test_ranges_of_unused_families_are_not_checked():
    # the mass driver is not used without the deep-space tier, so its speed is not flagged
    scenario = scenario_from_toml('base = "alpha"\n[deep_space]\nenabled = false\n')
    assert all(o.family != "mass_driver" for o in inputs_outside_validity(scenario))


def test_sampled_parameters_report_the_extreme_sample():
    params = timeline_params(ALPHA, 3)
    params = dict(params)
    params["launch.learning_rate"] = params["launch.learning_rate"] * [1.0, 2.0, 0.25]  # 0.2, 0.4, 0.05
    launch = [o for o in inputs_outside_validity(ALPHA, params) if o.family == "launch"]
    assert launch and launch[0].value == "0.05"  # below wins over above: the first extreme found


def test_parse_references_joins_continuation_lines():
    doc = """Summary.

    References
    ----------
    .. [1] A. Author, "Title,"
       Publisher, 2000.
    .. [2] B. Author, Other, 2001.

    Examples
    --------
    >>> 1
    """
    assert parse_references(doc) == ['A. Author, "Title," Publisher, 2000.', "B. Author, Other, 2001."]
    assert parse_references(None) == []


def test_family_references_come_from_the_model_docstrings():
    refs = family_references("launch")
    assert any("Wright" in r and "1936" in r for r in refs)
    assert len(refs) == len({" ".join(r.lower().split()) for r in refs})  # de-duplicated
