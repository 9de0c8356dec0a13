"""Reproducibility: same scenario and seed, byte-identical results; every run folder says how it was made."""

from __future__ import annotations

import hashlib
import importlib.metadata
import json

import pytest
from typer.testing import CliRunner

from moonbase import __version__
from moonbase.cli import app
from moonbase.results.run_dir import PROVENANCE_FILE, dependency_versions

runner = CliRunner()
SCENARIO = 'base = "alpha"\nname = "repro"\n[span]\nend_year = 2036\n'
RESULT_FILES = ("scenario.toml", "timeline.parquet", "summary.json", PROVENANCE_FILE)


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    root = tmp_path_factory.mktemp("repro")
    scenario = root / "repro.toml"
    scenario.write_text(SCENARIO, encoding="utf-8")
    folders = []
    for name in ("first", "second"):
        result = runner.invoke(app, ["run", str(scenario), "--seed", "7", "--no-report", "--json",
                                     "--out", str(root / name)])
        assert result.exit_code == 0, result.output
        folders.append(root / name)
    return folders


@pytest.mark.parametrize("name", RESULT_FILES)
def test_same_scenario_and_seed_give_byte_identical_files(two_runs, name):
    first, second = two_runs
    assert (first / name).read_bytes() == (second / name).read_bytes()


def test_run_json_records_version_dependencies_and_hashes(two_runs):
    folder = two_runs[0]
    record = json.loads((folder / PROVENANCE_FILE).read_text(encoding="utf-8"))
    assert record["moonbase_version"] == __version__
    assert record["seed"] == 7 and record["samples"] == 1
    assert record["dependencies"]["numpy"] == importlib.metadata.version("numpy")
    assert {"scipy", "astropy", "pydantic", "pyarrow", "numba"} <= set(record["dependencies"])
    scenario_hash = hashlib.sha256((folder / "scenario.toml").read_bytes()).hexdigest()
    assert record["scenario_sha256"] == scenario_hash
    for name in ("scenario.toml", "timeline.parquet", "summary.json"):
        assert record["files_sha256"][name] == hashlib.sha256((folder / name).read_bytes()).hexdigest()


def test_a_different_seed_or_scenario_changes_the_hashes(two_runs, tmp_path):
    scenario = tmp_path / "other.toml"
    scenario.write_text(SCENARIO.replace("2036", "2035"), encoding="utf-8")
    result = runner.invoke(app, ["run", str(scenario), "--seed", "8", "--no-report", "--json", "--out",
                                 str(tmp_path / "other")])
    assert result.exit_code == 0, result.output
    mine = json.loads((tmp_path / "other" / PROVENANCE_FILE).read_text(encoding="utf-8"))
    theirs = json.loads((two_runs[0] / PROVENANCE_FILE).read_text(encoding="utf-8"))
    assert mine["seed"] == 8 and mine["scenario_sha256"] != theirs["scenario_sha256"]


def test_dependency_versions_skip_optional_extras():
    versions = dependency_versions()
    assert "numpy" in versions and "pytest" not in versions and "fastapi" not in versions


def test_monte_carlo_summary_is_identical_for_the_same_seed(tmp_path):
    scenario = tmp_path / "mc.toml"
    scenario.write_text(SCENARIO + '[uncertainty]\n"launch.learning_rate" = { distribution = "uniform", '
                                   'low = 0.15, high = 0.25 }\n', encoding="utf-8")
    outputs = []
    for name in ("a", "b"):
        result = runner.invoke(app, ["run", str(scenario), "--samples", "6", "--seed", "3", "--no-report",
                                     "--json", "--out", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        outputs.append((tmp_path / name / "summary.json").read_bytes())
    assert outputs[0] == outputs[1]
