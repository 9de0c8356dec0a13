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


def test_every_row_names_its_model_family(tmp_path):
    (tmp_path / "cases.toml").write_text(CASES)
    rows = json.loads(runner.invoke(app, ["validate", "--cases", str(tmp_path), "--json"]).stdout)
    assert {r["family"] for r in rows} == {"kardashev"}


def test_by_family_counts_passing_and_total_cases(tmp_path):
    (tmp_path / "cases.toml").write_text(CASES)
    result = runner.invoke(app, ["validate", "--cases", str(tmp_path), "--by-family", "--json"])
    assert result.exit_code == 1
    counts = {r["family"]: (r["passed"], r["total"]) for r in json.loads(result.stdout)}
    assert counts["kardashev"] == (1, 2) and counts["launch"] == (0, 0)
    table = runner.invoke(app, ["validate", "--cases", str(tmp_path), "--by-family"])
    assert "Kardashev scale and growth" in table.stdout


def test_family_filter_and_unknown_family(tmp_path):
    (tmp_path / "cases.toml").write_text(CASES)
    result = runner.invoke(app, ["validate", "--cases", str(tmp_path), "--family", "launch", "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    bad = runner.invoke(app, ["validate", "--family", "rockets"])
    assert bad.exit_code == 2 and "--family = 'rockets' is unknown" in bad.output and "mass_driver" in bad.output


def test_markdown_table_has_one_row_per_case_and_marks_failures(tmp_path):
    (tmp_path / "cases.toml").write_text(CASES)
    result = runner.invoke(app, ["validate", "--cases", str(tmp_path), "--markdown"])
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("| case | source |") and len(lines) == 2 + 2
    assert "| pass |" in lines[2] and "**FAIL**" in lines[3]


def test_shipped_cases_cover_every_family_with_published_data():
    counts = {r["family"]: r["total"] for r in json.loads(runner.invoke(app, ["validate", "--by-family", "--json"]).stdout)}
    assert sum(counts.values()) >= 30
    assert "-" not in counts, "a shipped case calls a module outside every registered family"
    thin = {key: total for key, total in counts.items() if key != "timeline" and total < 4}
    assert thin == {}, f"families with fewer than 4 published cases: {thin}"
