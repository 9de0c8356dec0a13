"""The answers a newcomer asks for: a target met or "not reached by YEAR" (never a sentinel year
or NaN), the peak and its year, P10/P50/P90 with the share reaching the target, and what the
binding labels mean. Numbers are read from the runs, not hard-coded."""

from __future__ import annotations

import hashlib
import json
import re

import pytest
from typer.testing import CliRunner

from moonbase.cli import app
from moonbase.results.binding_glossary import explanations, missing
from moonbase.timeline.summary import parse_target
from moonbase.scenario.loader import load_scenario, scenario_to_dict
from moonbase.timeline.binding import binding_labels

runner = CliRunner()

SHORT = """
base = "alpha-uncertain"
name = "short-uncertain"
[span]
end_year = 2034
"""


def run_json(*args: str) -> dict:
    result = runner.invoke(app, ["run", *args, "--json", "--no-report"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("text, kind, value_w", [
    ("1 TW/yr", "added_per_year", 1e12), ("100 GW/yr", "added_per_year", 1e11), ("10 TW", "deployed", 1e13)])
def test_target_text_is_power_added_per_year_or_deployed(text, kind, value_w):
    target = parse_target(text)
    assert target.kind == kind
    assert target.value_w == pytest.approx(value_w, rel=1e-12)  # exact up to the yr -> s conversion


@pytest.mark.parametrize("text", ["5 km", "-1 TW/yr", "0 W", "fast"])
def test_bad_target_exits_2_with_one_line(text, tmp_path):
    result = runner.invoke(app, ["run", "ground-only", "--target", text, "--out", str(tmp_path / "r")])
    assert result.exit_code == 2
    assert "--target" in result.output and len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "r").exists()


def test_target_below_the_peak_is_reached_by_the_peak_year_and_above_it_is_not(tmp_path):
    base = run_json("alpha", "--out", str(tmp_path / "base"))
    peak_w = base["target"]["peak_space_power_added_per_year_w"]
    peak_year = base["target"]["peak_space_power_added_year"]
    end_year = base["end"]["year"]
    assert base["target"]["text"] == "1 TW/yr"
    low = run_json("alpha", "--out", str(tmp_path / "low"), "--target", f"{peak_w / 2 / 1e9:.6g} GW/yr")
    assert low["target"]["first_year"] is not None and low["target"]["first_year"] <= peak_year
    high = runner.invoke(app, ["run", "alpha", "--out", str(tmp_path / "high"), "--no-report",
                               "--target", f"{peak_w * 2 / 1e9:.6g} GW/yr"])
    assert high.exit_code == 0, high.output
    assert f"not reached by {end_year}" in high.stdout
    assert f"{peak_year:.0f}" in high.stdout  # the peak's year is on the headline


def test_deployed_target_uses_the_year_end_space_power(tmp_path):
    base = run_json("alpha", "--out", str(tmp_path / "base"))
    space_w = base["end"]["deployed_compute_power_w"]["space"]
    reached = run_json("alpha", "--out", str(tmp_path / "r"), "--target", f"{space_w / 1e9 * 0.99:.6g} GW")
    assert reached["target"]["kind"] == "deployed"
    assert reached["target"]["first_year"] is not None and reached["target"]["first_year"] <= base["end"]["year"]
    beyond = run_json("alpha", "--out", str(tmp_path / "b"), "--target", f"{space_w / 1e9 * 1.01:.6g} GW")
    assert beyond["target"]["first_year"] is None


def test_not_reached_is_never_a_sentinel_year_or_nan(tmp_path):
    scenario = tmp_path / "short.toml"
    scenario.write_text(SHORT, encoding="utf-8")
    out = tmp_path / "run"
    result = runner.invoke(app, ["run", str(scenario), "--samples", "6", "--out", str(out)])
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    end_year = summary["end"]["year"]
    assert summary["target"]["first_year"]["fraction_reached"] == 0.0  # 1 TW/yr is not reached by 2034
    assert summary["target"]["first_year"]["p50"] is None
    query = runner.invoke(app, ["query", str(out), "SELECT median(first_year_1tw_yr) AS m, "
                                                  "count(first_year_1tw_yr) AS reached FROM samples"])
    assert query.exit_code == 0, query.output
    periods = summary.pop("binding_constraints")  # periods end on Jan 1 of end_year + 1, by definition
    assert periods
    texts = {"stdout": result.stdout, "summary.json": json.dumps(summary),
             "report.html": (out / "report.html").read_text(encoding="utf-8"), "query": query.stdout}
    # a year shown as end_year + 1 (the old sentinel); "2035.00" in the binding table is the end of a period
    sentinel = re.compile(rf"\b{end_year + 1}\b(?!\.\d)|\bNaN\b|\bnan\b")
    for name, text in texts.items():
        found = sentinel.findall(text) if name != "report.html" else sentinel.findall(
            re.sub(r"<script>.*?</script>", "", text, flags=re.S))  # plotly.js itself holds "NaN"
        assert not found, f"{name} shows {found}"
    assert f"not reached by {end_year}" in texts["report.html"]
    assert f"not by {end_year}" in texts["stdout"]


def test_sampled_run_prints_p10_p50_p90_and_the_share_reaching_the_target(tmp_path):
    scenario = tmp_path / "short.toml"
    scenario.write_text(SHORT, encoding="utf-8")
    result = runner.invoke(app, ["run", str(scenario), "--samples", "6", "--no-report", "--target", "1 GW/yr",
                                 "--out", str(tmp_path / "r")])
    assert result.exit_code == 0, result.output
    summary = json.loads((tmp_path / "r" / "summary.json").read_text(encoding="utf-8"))
    share = summary["target"]["first_year"]["fraction_reached"]
    assert all(name in result.stdout for name in ("P10", "P50", "P90"))
    shown = re.search(r"share of samples reaching it.*?(\d+)%", result.stdout, flags=re.S)
    assert shown and int(shown.group(1)) == round(100 * share)


def test_every_binding_label_is_explained_with_inputs_that_exist():
    assert missing() == []
    described = {(e.tier, e.label) for e in explanations()}
    assert described == {(c.removesuffix("_binding"), label) for c, labels in binding_labels().items()
                         for label in labels}
    fields = scenario_to_dict(load_scenario("alpha"))

    def exists(path: str) -> bool:
        node = fields
        for key in path.split("."):
            if not isinstance(node, dict) or key not in node:
                return False
            node = node[key]
        return True

    unknown = [(e.label, p) for e in explanations() for p in e.inputs if not exists(p)]
    assert unknown == []


def test_explain_prints_one_label_and_rejects_an_unknown_one():
    result = runner.invoke(app, ["explain", "driver_fleet", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["label"] for r in rows] == ["driver_fleet"]
    assert "mass_driver.max_launch_rate" in rows[0]["inputs"]
    bad = runner.invoke(app, ["explain", "warp_drive"])
    assert bad.exit_code == 2 and "choose one of" in bad.output and "driver_fleet" in bad.output


def test_sweep_prints_one_row_per_point_with_the_target(tmp_path):
    scenario = tmp_path / "short.toml"
    scenario.write_text(SHORT, encoding="utf-8")
    result = runner.invoke(app, ["sweep", str(scenario), "--grid", "lunar.satellite_share=0.3,0.6", "--samples", "2",
                                 "--target", "1 GW/yr", "--out", str(tmp_path / "s"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [r["grid"] for r in data["results"]] == [{"lunar.satellite_share": 0.3}, {"lunar.satellite_share": 0.6}]
    assert all(r["target"]["text"] == "1 GW/yr" for r in data["results"])
    table = runner.invoke(app, ["sweep", str(scenario), "--grid", "lunar.satellite_share=0.3,0.6", "--samples", "2",
                                "--target", "1 GW/yr", "--out", str(tmp_path / "s"), "--resume"])
    assert table.exit_code == 0, table.output
    assert "first year adding >= 1 GW/yr" in table.stdout and "grid: lunar.satellite_share" in table.stdout
    query = runner.invoke(app, ["query", str(tmp_path / "s"), "SELECT DISTINCT grid_lunar_satellite_share AS share "
                                                            "FROM samples ORDER BY share", "--json"])
    assert query.exit_code == 0, query.output
    assert [row["share"] for row in json.loads(query.stdout)] == [0.3, 0.6]  # no quotes needed


def test_sweep_with_samples_of_a_fixed_scenario_warns_they_are_identical(tmp_path):
    result = runner.invoke(app, ["sweep", "ground-only", "--samples", "3", "--out", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert "samples of each point are identical" in result.output


def test_sampled_run_records_its_provenance(tmp_path):
    scenario = tmp_path / "short.toml"
    scenario.write_text(SHORT, encoding="utf-8")
    out = tmp_path / "r"
    assert runner.invoke(app, ["run", str(scenario), "--samples", "3", "--no-report", "--out", str(out)]).exit_code == 0
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert record["samples"] == 3
    assert set(record["files_sha256"]) >= {"scenario.toml", "summary.json", "samples.parquet", "percentiles.parquet"}
    for name, digest in record["files_sha256"].items():
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest, name


def test_infeasible_optimize_says_what_binds_and_never_prints_a_sentinel_year(tmp_path):
    scenario = tmp_path / "short.toml"
    scenario.write_text(SHORT, encoding="utf-8")
    result = runner.invoke(app, ["optimize", str(scenario), "--vary", "lunar.satellite_share=0.2:0.8",
                                 "--target-year", "2034", "--samples", "1", "--generations", "1", "--population", "2",
                                 "--json"])
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["reachable"] is False and data["best"]["year_at_confidence"] is None
    binding = data["best"]["binding_in_target_year"]
    assert binding and set(binding.values()) <= {e.label for e in explanations()}
    assert "its growth is limited by" in result.stderr and "moonbase explain" in result.stderr
    assert "not reached by 2034" in result.stderr


def test_a_scenario_without_mass_driver_launches_claims_no_escape(tmp_path):
    result = runner.invoke(app, ["run", "earth-orbit-only", "--out", str(tmp_path / "r")])
    assert result.exit_code == 0, result.output
    assert "escaping" not in result.stdout
    report = (tmp_path / "r" / "report.html").read_text(encoding="utf-8")
    assert "none fired" in report and "of mass-driver payloads reach heliocentric orbit" not in report


def test_economics_with_samples_keeps_a_tier_that_exists_in_some_samples(tmp_path):
    scenario = tmp_path / "u.toml"
    scenario.write_text('base = "alpha-uncertain"\nname = "u"\n', encoding="utf-8")
    nominal = json.loads(runner.invoke(app, ["economics", str(scenario), "--json", "--year", "2100"]).stdout)
    assert "deep_space" in nominal["lcoc"]  # by the end of the span the city makes satellites
    years = range(2040, 2101, 5)
    for year in years:  # the first vintage where some, or all, samples make deep-space satellites
        result = runner.invoke(app, ["economics", str(scenario), "--samples", "8", "--year", str(year), "--json"])
        assert result.exit_code == 0, result.output
        lcoc = json.loads(result.stdout)["lcoc"]
        if "deep_space" in lcoc:
            share = lcoc["deep_space"]["usd_per_pflop_day"]["fraction_finite"]
            assert 0 < share <= 1 and lcoc["deep_space"]["usd_per_pflop_day"]["p50"] > 0
            break
    else:
        pytest.fail("no vintage with deep-space satellites in any sample")


def test_a_cold_kernel_cache_is_announced_on_a_terminal(tmp_path, monkeypatch):
    import io

    from rich.console import Console

    import moonbase
    from moonbase.commands import common

    screen = io.StringIO()
    monkeypatch.setattr(common, "err_console", Console(file=screen, force_terminal=True, width=120))
    package = tmp_path / "moonbase"
    (package / "__pycache__").mkdir(parents=True)
    monkeypatch.setattr(moonbase, "__file__", str(package / "__init__.py"))
    common.announce_compile()
    assert "compiling the simulation kernels" in screen.getvalue()
    (package / "__pycache__" / "step_kernel.run_steps-1.py311.nbi").write_bytes(b"")
    screen.truncate(0)
    screen.seek(0)
    common.announce_compile()
    assert screen.getvalue() == ""
