"""``moonbase city``: table, --json contract, --out files, one-line errors with exit 2."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from moonbase.cli import app

runner = CliRunner()

SHORT = 'base = "alpha"\nname = "short-city"\n[span]\nend_year = 2046\nsteps_per_year = 4\n'


def _scenario(tmp_path, extra=""):
    path = tmp_path / "city.toml"
    path.write_text(SHORT + extra)
    return str(path)


def test_json_has_design_figures_and_yearly_rows(tmp_path):
    result = runner.invoke(app, ["city", _scenario(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["scenario"] == "short-city"
    assert abs(report["design"]["light_round_trip_s"] - 2.564) < 0.001
    assert [r["year"] for r in report["years"]][:2] == [2026.0, 2027.0]
    for key in ("population", "habitat_mass_kg", "resupply_kg_per_yr", "closure", "life_support_binds"):
        assert key in report["years"][0]
    assert report["first_year_resupply_per_person_below_threshold"] is not None


def test_table_and_out_folder(tmp_path):
    out = tmp_path / "city-out"
    result = runner.invoke(app, ["city", _scenario(tmp_path), "--out", str(out), "--every", "5"])
    assert result.exit_code == 0, result.output
    assert "light round trip 2.56 s" in result.stdout and "life support binds" in result.stdout
    names = {p.name for p in out.iterdir()}
    assert names == {"city.csv", "city.json", "population.png", "habitat_mass.png", "resupply.png", "closure.png"}
    assert (out / "population.png").read_bytes()[:4] == b"\x89PNG"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".city-out.partial")]


def test_life_support_binding_is_reported(tmp_path):
    path = _scenario(tmp_path, '[city]\nmax_resupply = "1 t/yr"\n')
    report = json.loads(runner.invoke(app, ["city", path, "--json"]).stdout)
    assert report["life_support_binding_years"]


def test_bad_input_is_one_line_exit_2(tmp_path):
    both = runner.invoke(app, ["city", _scenario(tmp_path), "--preset", "alpha"])
    assert both.exit_code == 2 and "--preset" in both.output and len(both.output.strip().splitlines()) == 1
    unknown = runner.invoke(app, ["city", "--preset", "alfa"])
    assert unknown.exit_code == 2 and "alfa" in unknown.output and "Traceback" not in unknown.output
    field = runner.invoke(app, ["city", _scenario(tmp_path, '[city]\nautomation = 1.5\n')])
    assert field.exit_code == 2 and "city.automation" in field.output
    full = tmp_path / "full"
    full.mkdir()
    (full / "x").write_text("x")
    taken = runner.invoke(app, ["city", _scenario(tmp_path), "--out", str(full)])
    assert taken.exit_code == 2 and "--out" in taken.output


def test_help():
    result = runner.invoke(app, ["city", "--help"])
    assert result.exit_code == 0 and "--preset" in result.output and "--json" in result.output
