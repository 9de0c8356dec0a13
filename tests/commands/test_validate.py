"""``moonbase validate``: the table, the JSON contract and the exit status."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from moonbase.cli import app

runner = CliRunner()

CASES = '''
[[case]]
id = "kardashev-10-tw"
model = "moonbase.physics.kardashev:kardashev_index"
source = "C. Sagan, The Cosmic Connection (1973): K = 0.7 at 10 TW"
inputs = { power_w = "10 TW" }
expected = 0.7
rel_tolerance = 1e-12

[[case]]
id = "deliberately-wrong"
model = "moonbase.physics.kardashev:kardashev_index"
source = "a made-up figure, to check that a failure is reported"
inputs = { power_w = "10 TW" }
expected = 0.9
rel_tolerance = 0.01
'''


def test_json_lists_each_case_with_the_contract_keys_and_exit_1_on_failure(tmp_path):
    (tmp_path / "cases.toml").write_text(CASES)
    result = runner.invoke(app, ["validate", "--cases", str(tmp_path), "--json"])
    assert result.exit_code == 1
    rows = json.loads(result.stdout)
    assert [r["case"] for r in rows] == ["kardashev-10-tw", "deliberately-wrong"]
    for row in rows:
        assert {"case", "source", "expected", "obtained", "tolerance", "passed"} <= row.keys()
    assert rows[0]["passed"] is True and rows[1]["passed"] is False


def test_shipped_cases_all_pass_and_table_names_them():
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.stdout
    assert "published cases pass" in result.stdout
    assert "kardashev" in result.stdout


def test_only_filters_cases(tmp_path):
    (tmp_path / "cases.toml").write_text(CASES)
    result = runner.invoke(app, ["validate", "--cases", str(tmp_path), "--only", "10-tw", "--json"])
    assert result.exit_code == 0
    assert [r["case"] for r in json.loads(result.stdout)] == ["kardashev-10-tw"]
