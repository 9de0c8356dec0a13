"""Tests of ``moonbase massdriver`` and ``moonbase massdriver trade`` (CLI contract)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from moonbase.cli import app

REQUIRED_KEYS = {"track_length_m", "time_on_track_s", "energy_per_launch_j", "average_power_w", "peak_power_w",
                 "storage_energy_j", "mass_total_kg", "mass_from_earth_kg", "throughput_kg_per_year"}
ISSUE_FLAGS = ["--exit-speed", "2.5 km/s", "--max-accel", "1000 m/s2", "--payload-mass", "1000 kg",
               "--rate", "0.1 1/s", "--lat", "0"]


def invoke(*args):
    return CliRunner().invoke(app, list(args))


def test_help_lists_every_issue_flag():
    result = invoke("massdriver", "--help")
    assert result.exit_code == 0
    for flag in ("--exit-speed", "--max-accel", "--payload-mass", "--rate", "--lat", "--json", "--out", "trade"):
        assert flag in result.output


def test_json_has_the_issue_keys_and_invariants():
    result = invoke("massdriver", *ISSUE_FLAGS, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert REQUIRED_KEYS <= set(data)
    assert data["energy_per_launch_j"] >= 0.5 * 1000.0 * 2500.0**2
    assert data["track_length_m"] >= 2500.0**2 / 2000.0
    assert data["inputs"]["launch_rate_per_s"] == pytest.approx(0.1)
    assert data["inputs"]["illumination_site"] == "equatorial"
    assert data["escape"]["escapes"] is True


def test_polar_latitude_picks_a_polar_site():
    data = json.loads(invoke("massdriver", "--lat", "-89", "--json").stdout)
    assert data["inputs"]["illumination_site"] == "polar-ridge-best"
    assert data["effective_availability"] == pytest.approx(0.9 * 0.86)


def test_table_and_out_folder(tmp_path):
    out = tmp_path / "md"
    result = invoke("massdriver", *ISSUE_FLAGS, "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "track length" in result.output and "from Earth" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["design.json", "stages.csv", "track_profile.png"]
    assert REQUIRED_KEYS <= set(json.loads((out / "design.json").read_text()))
    again = invoke("massdriver", "--out", str(out))
    assert again.exit_code == 2 and "already exists" in again.output
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging folder left


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--exit-speed", "0 km/s"], ["--exit-speed", "mass_driver.exit_speed", "'0 km/s'"]),
        (["--max-accel", "-3 m/s2"], ["--max-accel", "'-3 m/s2'"]),
        (["--max-accel", "3 kg"], ["--max-accel"]),
        (["--payload-mass", "2000 kg"], ["--payload-mass", "2000 kg", "rating"]),
        (["--rate", "20 1/s"], ["--rate", "20", "power"]),
        (["--storage", "flywheels"], ["--storage", "'flywheels'"]),
        (["--scenario", "alhpa"], ["scenario", "alpha"]),
    ],
)
def test_bad_input_is_one_line_exit_2(args, expected):
    result = invoke("massdriver", *args)
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    for text in expected:
        assert text in lines[0], lines[0]


def test_trade_json_and_out(tmp_path):
    result = invoke("massdriver", "trade", "--accels", "200,1000", "--speeds", "2.3,2.6", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["track_length_m"]) == 2 and len(data["track_length_m"][0]) == 2
    assert data["energy_per_tonne_delivered_j"][0][0] is None  # 2.3 km/s does not escape
    out = tmp_path / "trade"
    assert invoke("massdriver", "trade", "--accels", "500", "--speeds", "2.6", "--out", str(out)).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["trade.json", "trade.png"]
    bad = invoke("massdriver", "trade", "--speeds", "fast")
    assert bad.exit_code == 2 and "--speeds" in bad.output
