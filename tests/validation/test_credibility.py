"""Credibility evidence: cases evaluated per family, crash-safe, and the box of a run."""

from __future__ import annotations

from moonbase.scenario.loader import scenario_from_toml
from moonbase.validation.credibility import credibility_box, evaluate_all, family_status, run_references
from moonbase.validation.validity import FAMILIES

CASES = '''
[[case]]
id = "kardashev-10-tw"
kind = "reproduction"
source_kind = "book"
model = "moonbase.physics.kardashev:kardashev_index"
source = "C. Sagan, The Cosmic Connection (1973): K = 0.7 at 10 TW"
inputs = { power_w = "10 TW" }
expected = 0.7
rel_tolerance = 1e-12

[[case]]
id = "kardashev-wrong"
kind = "reproduction"
source_kind = "book"
model = "moonbase.physics.kardashev:kardashev_index"
source = "a made-up figure"
inputs = { power_w = "10 TW" }
expected = 0.9
rel_tolerance = 0.01

[[case]]
id = "launch-crash"
kind = "reproduction"
source_kind = "book"
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
    assert status["city"].text == "no published reproductions"


DEFINITION_AND_RECORDED = '''
[[case]]
id = "kardashev-type-one"
kind = "definition"
source_kind = "book"
model = "moonbase.physics.kardashev:kardashev_index"
source = "C. Sagan, The Cosmic Connection (1973): type I = 1e16 W"
inputs = { power_w = "1e16 W" }
expected = 1.0
rel_tolerance = 1e-12

[[case]]
id = "kardashev-not-reproduced"
kind = "reproduction"
source_kind = "book"
model = "moonbase.physics.kardashev:kardashev_index"
source = "a figure we record as not reproduced"
inputs = { power_w = "10 TW" }
expected = 0.9
rel_tolerance = 0.01
expected_failure = "0.7 against 0.9"

[[case]]
id = "kardashev-stale-record"
kind = "reproduction"
source_kind = "book"
model = "moonbase.physics.kardashev:kardashev_index"
source = "recorded as not reproduced, yet it is"
inputs = { power_w = "10 TW" }
expected = 0.7
rel_tolerance = 0.01
expected_failure = "stale"
'''


def test_definitions_are_not_counted_and_expected_failures_are_strict(tmp_path):
    (tmp_path / "cases.toml").write_text(CASES + DEFINITION_AND_RECORDED)
    outcomes = {o.case.id: o for o in evaluate_all(tmp_path)}
    assert outcomes["kardashev-type-one"].passed and outcomes["kardashev-type-one"].case.kind == "definition"
    assert outcomes["kardashev-not-reproduced"].status == "expected failure"
    assert outcomes["kardashev-not-reproduced"].ok and not outcomes["kardashev-not-reproduced"].passed
    assert outcomes["kardashev-stale-record"].status == "unexpected pass" and not outcomes["kardashev-stale-record"].ok
    status = family_status(list(outcomes.values()))["kardashev"]
    # reproductions: 10-tw (pass), wrong (fail), not-reproduced, stale; the definition is apart
    assert (status.passed, status.total, status.definitions, status.expected_failures) == (1, 4, 1, 1)
    assert status.text == "1/4 reproductions pass (1 not reproduced, recorded); 1 definition check"


def test_box_lists_used_families_with_status_and_outside_inputs(tmp_path):
    (tmp_path / "cases.toml").write_text(CASES)
    scenario = scenario_from_toml('base = "ground-only"\n[launch]\nlearning_rate = "45 %"\n')
    box = credibility_box(scenario, evaluate_all(tmp_path))
    assert [f["key"] for f in box["families"]] == ["launch", "kardashev", "timeline"]
    assert box["families"][1]["status"] == "1/2 reproductions pass"
    assert box["passed"] == 1 and box["total"] == 3 and box["cases_available"]
    assert len(box["outside"]) == 1 and box["outside"][0].startswith("launch.learning_rate = 0.45")


def test_box_of_the_shipped_cases_for_alpha_counts_reproductions_only():
    box = credibility_box(scenario_from_toml('base = "alpha"\n'))
    assert box["cases_available"] and box["total"] >= 30
    outcomes = evaluate_all()
    assert box["total"] == sum(o.case.kind == "reproduction" for o in outcomes)
    assert box["definitions"] == sum(o.case.kind == "definition" for o in outcomes) > 0
    assert box["total"] + box["definitions"] + box["regressions"] == len(outcomes)
    assert {f["key"] for f in box["families"]} == {f.key for f in FAMILIES if f.in_timeline}
    assert box["passed"] + box["expected_failures"] == box["total"], "a shipped case fails: run `moonbase validate`"


def test_run_references_cover_the_used_families_only():
    ground = run_references(scenario_from_toml('base = "ground-only"\n'))
    alpha = run_references(scenario_from_toml('base = "alpha"\n'))
    assert any("Wright" in r for r in ground)
    assert not any("Bussey" in r for r in ground)  # lunar illumination: industry family only
    assert any("Bussey" in r for r in alpha)
    assert set(ground) <= set(alpha)
