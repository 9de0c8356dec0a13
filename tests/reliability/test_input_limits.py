"""Long inputs at the scenario boundary: linear-time parsing, digit limits, short error messages."""

from __future__ import annotations

import time

import pytest
from typer.testing import CliRunner

from moonbase.cli import app
from moonbase.errors import ScenarioError
from moonbase.scenario.units import _NUMBER_ONLY, MAX_QUANTITY_CHARS, parse_quantity

runner = CliRunner()


@pytest.mark.parametrize("tail", ["x", ".5e10x", " "])
def test_the_number_check_takes_linear_time_on_long_digit_strings(tail):
    # the backtracking form took 0.5 s at 4,000 digits and grew with the square of the length;
    # 400,000 digits of a linear scan take a few milliseconds
    text = "1" * 400_000 + tail
    started = time.perf_counter()
    _NUMBER_ONLY.fullmatch(text)
    assert time.perf_counter() - started < 0.5


@pytest.mark.parametrize("text, matches", [
    ("1", True), ("-2.5", True), ("+.5", True), ("3.", True), ("1e-3", True), ("2.5E+10", True),
    ("", False), (".", False), ("1e", False), ("e3", False), ("1 m", False), ("--1", False), ("1.2.3", False),
])
def test_the_number_check_accepts_exactly_plain_numbers(text, matches):
    assert bool(_NUMBER_ONLY.fullmatch(text)) is matches


def test_an_overlong_quantity_is_refused_quickly_with_a_short_message():
    value = "9" * 1_000_000 + " km/s"
    started = time.perf_counter()
    with pytest.raises(ScenarioError, match=f"at most {MAX_QUANTITY_CHARS} characters") as error:
        parse_quantity(value, "km/s", "mass_driver.exit_speed")
    assert time.perf_counter() - started < 0.5
    assert len(str(error.value)) < 300 and "mass_driver.exit_speed" in str(error.value)


@pytest.mark.parametrize("line", ["end_year = " + "9" * 5000, "name = '" + "n" * 100_000 + "'"])
def test_scenario_validate_answers_long_values_with_exit_2_and_one_short_line(tmp_path, line):
    section = "[span]\n" if line.startswith("end_year") else ""
    path = tmp_path / "big.toml"
    path.write_text(f'base = "alpha"\n{section}{line}\n', encoding="utf-8")
    result = runner.invoke(app, ["scenario", "validate", str(path)])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and len(lines[0]) < 400 and "Traceback" not in result.output, result.output
