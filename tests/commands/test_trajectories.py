"""``moonbase trajectories``: --json contract, --out files, --states round trip, window scan, one-line errors."""

from __future__ import annotations

import json

import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from typer.testing import CliRunner

from moonbase.cli import app

runner = CliRunner()

SMALL = ["trajectories", "--lon", "-90", "--azimuth", "0", "--elevation", "60", "--speed", "2.45 km/s",
         "--count", "12", "--days", "20", "--speed-sigma", "20 m/s", "--angle-sigma", "5 deg",
         "--epoch", "2030-01-01T00:00:00"]
FATES = ["lunar_impact", "earth_impact", "earth_moon_bound", "heliocentric"]


def test_help():
    result = runner.invoke(app, ["trajectories", "--help"])
    assert result.exit_code == 0
    assert "--window-days" in result.output and "--states" in result.output


def test_json_summary_on_stdout():
    result = runner.invoke(app, SMALL + ["--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert list(summary["fate_fractions"]) == FATES
    assert abs(sum(summary["fate_fractions"].values()) - 1.0) < 1e-12
    assert summary["count"] == 12 and summary["launch"]["exit_speed_km_s"] == 2.45
    assert "semi_major_axis_au" in summary["heliocentric"]


def test_out_folder_has_parquet_summary_and_offline_html(tmp_path):
    out = tmp_path / "run"
    result = runner.invoke(app, SMALL + ["--out", str(out), "--paths", "4"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["fates.parquet", "summary.json", "trajectories.html"]
    table = pq.read_table(out / "fates.parquet")
    for column in ("epoch_tdb", "x_km", "vz_km_s", "fate", "event_time_days", "final_x_km", "final_vz_km_s",
                   "semi_major_axis_au", "eccentricity", "inclination_deg", "perihelion_au", "aphelion_au"):
        assert column in table.column_names
    assert table.num_rows == 12
    assert set(table.column("fate").to_pylist()) <= set(FATES)
    html = (out / "trajectories.html").read_text()
    assert "Earth-centred" in html and "Heliocentric" in html
    assert "<script src=" not in html and "plotly" in html  # plotly.js inline, no CDN: works offline
    assert json.loads((out / "summary.json").read_text())["count"] == 12


def test_states_file_round_trip(tmp_path):
    out = tmp_path / "first"
    assert runner.invoke(app, SMALL + ["--out", str(out), "--paths", "0"]).exit_code == 0
    first = pq.read_table(out / "fates.parquet")
    states = first.select(["epoch_tdb", "x_km", "y_km", "z_km", "vx_km_s", "vy_km_s", "vz_km_s"])
    path = tmp_path / "states.csv"
    pacsv.write_csv(states, path)
    result = runner.invoke(app, ["trajectories", "--states", str(path), "--days", "20", "--json"])
    assert result.exit_code == 0, result.output
    again = json.loads(result.stdout)
    original = json.loads((out / "summary.json").read_text())
    # CSV keeps 17 significant digits: the same payloads, the same fates
    assert again["fate_counts"] == original["fate_counts"]


def test_window_scan(tmp_path):
    result = runner.invoke(app, SMALL + ["--count", "3", "--window-days", "2", "--window-step", "24", "--json"])
    assert result.exit_code == 0, result.output
    window = json.loads(result.stdout)["window"]
    assert [entry["offset_days"] for entry in window] == [0.0, 1.0]
    assert all(list(entry["fate_fractions"]) == FATES for entry in window)


def _error(args):
    result = runner.invoke(app, ["trajectories", *args])
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.output
    return lines[0]


def test_bad_input_is_one_line_with_exit_2(tmp_path):
    assert "--lat" in _error(["--lat", "95"])
    assert "--speed" in _error(["--speed", "2.6 kg"])
    assert "--speed-sigma" in _error(["--speed-sigma", "-1 m/s"])
    assert "--window-step" in _error(["--window-days", "3"])
    assert "epoch" in _error(["--epoch", "2400-01-01T00:00:00"])
    assert "--states" in _error(["--states", str(tmp_path / "missing.csv")])
    bad = tmp_path / "bad.csv"
    bad.write_text("epoch_tdb,x_km\n2030-01-01T00:00:00,1\n")
    assert "vz_km_s" in _error(["--states", str(bad)])
    assert "--states" in _error(["--states", str(bad), "--lat", "10"])
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    assert "--out" in _error(["--count", "2", "--out", str(tmp_path / "full")])
