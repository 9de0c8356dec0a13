"""Credibility evidence: cases evaluated per family, crash-safe, and the box of a run."""

from __future__ import annotations

from moonbase.scenario.loader import scenario_from_toml
from moonbase.validation.credibility import credibility_box, evaluate_all, family_status, run_references
from moonbase.validation.validity import FAMILIES

CASES = '''
[[case]]
id = "kardashev-10-tw"
model = "moonbase.physics.kardashev:kardashev_index"
source = "C. Sagan, The Cosmic Connection (1973): K = 0.7 at 10 TW"
inputs = { power_w = "10 TW" }
expected = 0.7
rel_tolerance = 1e-12

[[case]]
id = "kardashev-wrong"
model = "moonbase.physics.kardashev:kardashev_index"
source = "a made-up figure"
inputs = { power_w = "10 TW" }
expected = 0.9
rel_tolerance = 0.01

[[case]]
id = "launch-crash"
model = "moonbase.launch.price_learning:learning_exponent"
source = "a case whose input is outside the model's domain"
inputs = { learning_rate = 1.5 }
expected = 0.0
abs_tolerance = 1.0
'''


def test_cases_are_counted_per_family_and_a_crash_is_a_failure(tmp_path):
    (tmp_path / "cases.toml").write_text(CASES)
    outcomes = evaluate_all(tmp_path)
    crash = next(o for o in outcomes if o.case.id == "launch-crash")
    assert not crash.passed and crash.obtained is None and "learning_rate" in crash.error
    status = family_status(outcomes)
    assert list(status) == [f.key for f in FAMILIES]
    assert (status["kardashev"].passed, status["kardashev"].total) == (1, 2)
    assert (status["launch"].passed, status["launch"].total) == (0, 1)
    assert status["city"].text == "no published cases"


def test_box_lists_used_families_with_status_and_outside_inputs(tmp_path):
    (tmp_path / "cases.toml").write_text(CASES)
    scenario = scenario_from_toml('base = "ground-only"\n[launch]\nlearning_rate = "45 %"\n')
    box = credibility_box(scenario, evaluate_all(tmp_path))
    assert [f["key"] for f in box["families"]] == ["launch", "kardashev", "timeline"]
    assert box["families"][1]["status"] == "1/2 published cases pass"
    assert box["passed"] == 1 and box["total"] == 3 and box["cases_available"]
    assert len(box["outside"]) == 1 and box["outside"][0].startswith("launch.learning_rate = 0.45")


def test_box_of_the_shipped_cases_for_alpha_has_every_family():
    box = credibility_box(scenario_from_toml('base = "alpha"\n'))
    assert box["cases_available"] and box["total"] >= 30
    assert {f["key"] for f in box["families"]} == {f.key for f in FAMILIES if f.in_timeline}
    assert box["passed"] == box["total"], "a shipped case fails: run `moonbase validate`"


def test_run_references_cover_the_used_families_only():
    ground = run_references(scenario_from_toml('base = "ground-only"\n'))
    alpha = run_references(scenario_from_toml('base = "alpha"\n'))
    assert any("Wright" in r for r in ground)
    assert not any("Bussey" in r for r in ground)  # lunar illumination: industry family only
    assert any("Bussey" in r for r in alpha)
    assert set(ground) <= set(alpha)
