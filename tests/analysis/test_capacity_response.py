"""More capacity never lowers alpha's deep-space compute without a named, measured reason."""

from __future__ import annotations

import pytest

from moonbase.analysis.capacity_response import CAPACITY_INPUTS, capacity_response
from moonbase.scenario.loader import load_scenario


@pytest.fixture(scope="module")
def rows():
    return capacity_response(load_scenario("alpha"))


def test_every_capacity_input_is_checked(rows):
    assert [row["input"] for row in rows] == [item.path for item in CAPACITY_INPUTS]


def test_raising_a_capacity_never_lowers_the_answer_without_a_measured_reason(rows):
    for row in rows:
        assert not row["lowers"] or row["why"], row
    # raising the fab-building share is the lever that binds alpha: it must raise the answer
    fab = next(row for row in rows if row["input"] == "lunar.chip_fab_growth_share")
    assert fab["change"] > 0.05


def test_the_report_shows_the_check(tmp_path):
    from typer.testing import CliRunner

    from moonbase.cli import app

    result = CliRunner().invoke(app, ["run", "alpha", "--out", str(tmp_path / "run")])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "run" / "report.html").read_text(encoding="utf-8")
    assert "More capacity, more compute?" in html and "mass_driver.max_launch_rate" in html
