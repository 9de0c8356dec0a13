"""The ``moonbase`` command-line contract (DESIGN.md "Command line contract", issue 2).

Exit 0 on success; 2 on bad input with one line on stderr naming the field and the
value, no traceback, and no output folder (not even a hidden ``.partial`` one); 1 on
internal error. Most tests call the Typer app in-process; a few run the installed
``moonbase`` script to check what a shell sees.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from moonbase.cli import app
from moonbase.errors import ScenarioError
from moonbase.scenario.loader import load_scenario, preset_names, scenario_from_toml, scenario_to_dict
from moonbase.timeline.columns import columns
from moonbase.timeline.tiers import tier_names

MOONBASE = Path(sys.executable).with_name("moonbase")  # the venv's console script
SUBPROCESS_TIMEOUT_S = 120
SUMMARY_END_KEYS = {"deployed_compute_power_w", "kardashev_index", "cumulative_cost_usd", "earth_launches",
                    "mass_driver_launches"}

try:
    from moonbase.report.html import write_report  # noqa: F401 - the report module may not exist yet
    HAVE_REPORT = True
except ImportError:
    HAVE_REPORT = False

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _unfolded(table_text: str) -> str:
    """The printed table without borders, padding and line breaks (long cells fold)."""
    return "".join(ch for ch in table_text if ch not in " \n│┃")


def _assert_one_line_error(result, *fragments: str) -> str:
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    return lines[0]


# --- help and scenarios --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [(["--help"], ["run", "scenario"]), (["run", "--help"], ["--out", "--json", "--no-report", "--samples", "--seed"]),
     (["scenario", "--help"], ["show", "list", "validate"]), (["scenario", "validate", "--help"], ["file", "--json"])],
)
def test_help(args, expected):
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    for word in expected:
        assert word in result.stdout


def test_version():
    from moonbase import __version__

    result = invoke("--version")
    assert result.exit_code == 0
    assert __version__ in result.stdout


def test_scenario_list_names_every_preset():
    result = invoke("scenario", "list")
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.stdout.splitlines() if line.strip()]
    assert listed == preset_names()


@pytest.mark.parametrize("name", preset_names())
def test_scenario_show_prints_toml_that_validate_accepts(name, tmp_path):
    shown = invoke("scenario", "show", name)
    assert shown.exit_code == 0, shown.stderr
    assert scenario_from_toml(shown.stdout) == load_scenario(name)
    path = tmp_path / f"{name}.toml"
    path.write_text(shown.stdout, encoding="utf-8")
    validated = invoke("scenario", "validate", path)
    assert validated.exit_code == 0, validated.stderr
    assert f"valid scenario '{name}'" in validated.stdout


def test_scenario_show_json_is_the_resolved_scenario():
    result = invoke("scenario", "show", "alpha", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == scenario_to_dict(load_scenario("alpha"))


def test_scenario_show_unknown_preset_exits_2():
    _assert_one_line_error(invoke("scenario", "show", "alpah"), "'alpah'", "alpha")


@pytest.fixture
def bad_speed_file(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('base = "alpha"\n[mass_driver]\nexit_speed = "2.5 kg"\n', encoding="utf-8")
    return path


def test_scenario_validate_bad_file_exits_2_with_one_line(bad_speed_file):
    _assert_one_line_error(invoke("scenario", "validate", bad_speed_file), "mass_driver.exit_speed", "'2.5 kg'")


def test_scenario_validate_json(bad_speed_file):
    bad = invoke("scenario", "validate", bad_speed_file, "--json")
    assert bad.exit_code == 2
    report = json.loads(bad.stdout)
    assert report["valid"] is False and "mass_driver.exit_speed" in report["error"]
    good = invoke("scenario", "validate", "alpha", "--json")
    assert good.exit_code == 0
    assert json.loads(good.stdout) == {"valid": True, "error": None, "name": "alpha"}


# --- moonbase run --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ground_run(tmp_path_factory):
    """One ``moonbase run ground-only --no-report --json`` shared by the output tests."""
    out = tmp_path_factory.mktemp("runs") / "ground"
    result = runner.invoke(app, ["run", "ground-only", "--out", str(out), "--no-report", "--json"])
    assert result.exit_code == 0, (result.stderr, result.exception)
    return out, result


def test_run_writes_the_run_folder(ground_run):
    out, _ = ground_run
    assert sorted(p.name for p in out.iterdir()) == ["run.json", "scenario.toml", "summary.json", "timeline.parquet"]
    assert not [p for p in out.parent.iterdir() if ".partial" in p.name]


def test_run_scenario_toml_is_the_resolved_preset(ground_run):
    out, _ = ground_run
    text = (out / "scenario.toml").read_text(encoding="utf-8")
    assert scenario_from_toml(text) == load_scenario("ground-only")
    assert tomllib.loads(text)["mass_driver"]["exit_speed"]  # every default explicit


def test_run_timeline_parquet_columns_and_units(ground_run):
    out, _ = ground_run
    table = pq.read_table(out / "timeline.parquet")
    assert table.column_names == [column.name for column in columns()]
    for column in columns():
        metadata = table.schema.field(column.name).metadata
        assert metadata[b"unit"].decode() == column.unit, column.name
        assert metadata[b"description"].decode() == column.description
    scenario = load_scenario("ground-only")
    years = scenario.span.end_year - scenario.span.start_year + 1
    assert table.num_rows == years * scenario.span.steps_per_year  # one sample


def test_run_summary_json_has_the_issue_keys(ground_run):
    out, _ = ground_run
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["scenario"] == "ground-only"
    assert "first_year_added_power_ge_1tw" in summary
    assert summary["first_year_added_power_ge_1tw"] is None  # no space tier in ground-only
    end = summary["end"]
    assert SUMMARY_END_KEYS <= set(end)
    assert set(end["deployed_compute_power_w"]) >= {*tier_names(), "total"}
    assert end["deployed_compute_power_w"]["ground"] > 0
    assert end["deployed_compute_power_w"]["earth_orbit"] == end["deployed_compute_power_w"]["deep_space"] == 0
    assert end["mass_driver_launches"] == 0
    for tier, segments in summary["binding_constraints"].items():
        assert segments and {"constraint", "from_year", "to_year"} <= set(segments[0]), tier


def test_run_json_stdout_equals_summary_json(ground_run):
    out, result = ground_run
    assert json.loads(result.stdout) == json.loads((out / "summary.json").read_text(encoding="utf-8"))


def test_run_prints_a_headline_table(tmp_path):
    result = invoke("run", "ground-only", "--out", tmp_path / "run", "--no-report")
    assert result.exit_code == 0, result.stderr
    assert "first year adding >= 1 TW/yr" in result.stdout
    assert str(tmp_path / "run") in _unfolded(result.stdout)  # the folder is printed whole, not cut


def test_run_accepts_an_existing_empty_folder(tmp_path):
    out = tmp_path / "empty"
    out.mkdir()
    result = invoke("run", "ground-only", "--out", out, "--no-report", "--json")
    assert result.exit_code == 0, result.stderr
    assert (out / "summary.json").is_file()


@pytest.mark.skipif(not HAVE_REPORT, reason="moonbase.report.html.write_report is not importable yet")
def test_run_alpha_with_report(tmp_path):
    out = tmp_path / "alpha"
    result = invoke("run", "alpha", "--out", out)
    assert result.exit_code == 0, (result.stderr, result.exception)
    assert (out / "report.html").stat().st_size > 0
    assert list((out / "figures").glob("*.png"))
    assert str(out / "report.html") in _unfolded(result.stdout)


# --- bad input: exit 2, one line, nothing written ------------------------------------------

BAD_FILES = {
    "wrong-unit": ('base = "alpha"\n[mass_driver]\nexit_speed = "2.5 kg"\n', ["mass_driver.exit_speed", "'2.5 kg'"]),
    "unknown-key": ('base = "alpha"\n[mass_driver]\nexit_sped = "2.5 km/s"\n',
                    ["mass_driver.exit_sped", "Did you mean 'exit_speed'"]),
    "malformed-toml": ('base = "alpha"\n[mass_driver\n', ["not valid TOML", "line 2"]),
    "efficiency-above-1": ('base = "alpha"\n[mass_driver]\nefficiency = 1.3\n', ["mass_driver.efficiency", "1.3"]),
    "efficiency-unread-by-coil-stage": ('base = "alpha"\n[mass_driver]\nefficiency = 0.6\n',
                                        ["mass_driver", 'efficiency is not read for energy_model = "coil_stage"']),
    "emissivity-percent": ('base = "alpha"\n[earth_orbit.design]\nradiator_emissivity = "130 %"\n',
                           ["earth_orbit.design.radiator_emissivity", "'130 %'"]),
    "zero-exit-speed": ('base = "alpha"\n[mass_driver]\nexit_speed = "0 km/s"\n', ["mass_driver.exit_speed", "'0 km/s'"]),
    "negative-mass": ('base = "alpha"\n[launch]\npayload = "-100 t"\n', ["launch.payload", "'-100 t'"]),
    "missing-name": ('description = "no name"\n', ["name", "required"]),
}


@pytest.fixture
def folders(tmp_path):
    """A folder for scenario files and a separate, empty parent for the run folder."""
    inputs, runs = tmp_path / "inputs", tmp_path / "runs"
    inputs.mkdir()
    runs.mkdir()
    return inputs, runs


def _assert_nothing_written(runs: Path) -> None:
    assert list(runs.iterdir()) == [], "a run folder (or a hidden .partial one) was left behind"


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_run_bad_file_exits_2_and_writes_nothing(case, folders):
    inputs, runs = folders
    text, fragments = BAD_FILES[case]
    path = inputs / f"{case}.toml"
    path.write_text(text, encoding="utf-8")
    result = invoke("run", path, "--out", runs / "out", "--no-report")
    _assert_one_line_error(result, *fragments)
    _assert_nothing_written(runs)


@pytest.mark.parametrize(
    ("source", "fragments"),
    [("missing.toml", ["'missing.toml'", "neither a preset"]), ("alpah", ["'alpah'", "Did you mean preset 'alpha'"])],
)
def test_run_unknown_scenario_exits_2_and_writes_nothing(source, fragments, folders, monkeypatch):
    inputs, runs = folders
    monkeypatch.chdir(inputs)
    _assert_one_line_error(invoke("run", source, "--out", runs / "out", "--no-report"), *fragments)
    _assert_nothing_written(runs)


def test_run_refuses_a_non_empty_out_folder_and_changes_nothing(folders):
    _, runs = folders
    out = runs / "previous"
    out.mkdir()
    (out / "summary.json").write_text('{"scenario": "earlier run"}\n', encoding="utf-8")
    (out / "figures").mkdir()
    (out / "figures" / "a.png").write_bytes(b"\x89PNG")
    before = _snapshot(runs)
    _assert_one_line_error(invoke("run", "ground-only", "--out", out, "--no-report"), "--out", "already exists")
    assert _snapshot(runs) == before
    assert sorted(p.name for p in runs.iterdir()) == ["previous"]


def test_run_refuses_an_existing_file_as_out(folders):
    _, runs = folders
    target = runs / "file.txt"
    target.write_text("keep me", encoding="utf-8")
    _assert_one_line_error(invoke("run", "ground-only", "--out", target, "--no-report"), "--out", "not an empty folder")
    assert target.read_text(encoding="utf-8") == "keep me"
    assert sorted(p.name for p in runs.iterdir()) == ["file.txt"]


def test_failure_while_writing_leaves_no_folder(folders, monkeypatch):
    _, runs = folders

    def broken_report(staging: Path, result) -> None:
        (staging / "report.html").write_text("half", encoding="utf-8")
        raise ScenarioError("report.figures = 'broken' failed on purpose; expected a test double.")

    monkeypatch.setattr("moonbase.cli._report_writer", broken_report)
    _assert_one_line_error(invoke("run", "ground-only", "--out", runs / "out"), "report.figures")
    _assert_nothing_written(runs)


def test_bad_option_value_exits_2(folders):
    _, runs = folders
    result = invoke("run", "ground-only", "--samples", "0", "--out", runs / "out")
    assert result.exit_code == 2
    assert "--samples" in result.stderr
    _assert_nothing_written(runs)


# --- the installed script, as a shell sees it ----------------------------------------------


def _moonbase(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "200"}
    env.pop("MOONBASE_DEBUG", None)
    return subprocess.run([str(MOONBASE), *map(str, args)], cwd=cwd, capture_output=True, text=True,
                          timeout=SUBPROCESS_TIMEOUT_S, env=env, check=False)


@pytest.mark.skipif(not MOONBASE.exists(), reason="the moonbase console script is not installed in this venv")
def test_installed_script_runs_and_prints_json(tmp_path):
    out = tmp_path / "ground"
    done = _moonbase("run", "ground-only", "--out", out, "--no-report", "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert json.loads(done.stdout) == json.loads((out / "summary.json").read_text(encoding="utf-8"))


@pytest.mark.skipif(not MOONBASE.exists(), reason="the moonbase console script is not installed in this venv")
def test_installed_script_bad_input_exits_2_without_traceback(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('base = "alpha"\n[mass_driver]\nefficiency = "130 %"\n', encoding="utf-8")
    runs = tmp_path / "runs"
    runs.mkdir()
    done = _moonbase("run", path, "--out", runs / "out", cwd=tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "mass_driver.efficiency = '130 %'" in lines[0], done.stderr
    assert list(runs.iterdir()) == []
    assert not (tmp_path / "runs" / "out").exists()
