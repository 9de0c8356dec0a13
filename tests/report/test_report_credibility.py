"""The credibility box and the reference list of the run report."""

from __future__ import annotations

import pytest

from moonbase.report.html import report_html
from moonbase.timeline.table import timeline_table
from moonbase.scenario.loader import scenario_from_toml, scenario_to_toml
from moonbase.timeline.run import run


@pytest.fixture(scope="module")
def short_alpha():
    scenario = scenario_from_toml('base = "alpha"\n[span]\nend_year = 2045\n')
    return run(scenario)


def test_report_shows_families_status_outside_inputs_and_references(short_alpha):
    html = report_html(timeline_table(short_alpha.timeline), short_alpha.summary,
                       scenario_to_toml(short_alpha.scenario))
    assert 'id="credibility"' in html
    assert "Lunar mass driver" in html and "reproductions pass" in html
    assert "Validation counts reproductions only" in html and "definition checks" in html
    assert "not installed" not in html
    assert "mass_driver.exit_speed_m_s = 2.6 km/s is outside the validated range" in html
    assert "No references were registered" not in html
    assert "Wright" in html and "Metzger" in html


def test_explicit_box_and_references_are_used_as_given(short_alpha):
    box = {"families": [{"key": "launch", "title": "Earth launch", "passed": 1, "total": 2,
                         "status": "1/2 published cases pass", "verification": "x"}], "outside": []}
    html = report_html(timeline_table(short_alpha.timeline), short_alpha.summary,
                       scenario_to_toml(short_alpha.scenario), ["Ref One."], box)
    assert "1/2 published cases pass" in html and 'class="num fail"' in html
    assert "Every checked input is inside the validated range" in html
    assert "Ref One." in html and "Metzger" not in html


def test_report_without_a_scenario_says_no_evidence(short_alpha):
    html = report_html(timeline_table(short_alpha.timeline), short_alpha.summary, "")
    assert "No credibility evidence is available" in html
    assert "No references were registered" in html


def test_box_without_installed_cases_says_the_counts_are_unknown(short_alpha):
    box = {"cases_available": False, "passed": 0, "total": 0, "families": [], "outside": []}
    html = report_html(timeline_table(short_alpha.timeline), short_alpha.summary,
                       scenario_to_toml(short_alpha.scenario), [], box)
    assert "validation cases are not installed" in html and "Validation counts reproductions" not in html
