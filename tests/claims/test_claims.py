"""The claims ledger, its arithmetic, the verdict rules and ``moonbase claims``.

Every verdict word has a synthetic claim built to land in it and evaluated live by the
model; changing one model input moves the implied figures; the command writes claims.json
and an offline claims.html from code, with bad input refused in one line (exit 2).
"""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest
from typer.testing import CliRunner

from moonbase.analysis.sweep import point_scenario
from moonbase.claims.context import model_context
from moonbase.claims.evaluate import RunCache, Settings, evaluate_claim
from moonbase.claims.kinds import KINDS
from moonbase.claims.ledger import Claim, Source, load_claims, select_claims, si_value
from moonbase.claims.verdict import VERDICTS, Evidence, verdict
from moonbase.cli import app
from moonbase.errors import ScenarioError
from moonbase.scenario.loader import load_scenario

SCHEMA_KEYS = {"id", "claim", "source", "date", "verified", "quantity", "claimed_value", "unit", "implied", "limits",
               "model", "believe", "verdict", "why"}
MODEL_KEYS = {"reached", "year_p10", "year_p50", "year_p90", "cost_usd", "binding"}


def synthetic(kind: str, claimed: str, scenario: str = "alpha-uncertain", by_year: int | None = None,
              figure: str = "", numbers: dict[str, str] | None = None, untestable: str = "") -> Claim:
    """A claim that no one made, built to land in one verdict."""
    numbers = numbers or {}
    return Claim(id=f"synthetic-{kind}", claim="synthetic", who="test", date="2026-01-01", kind=kind,
                 scenario=scenario, quantity="synthetic", claimed_text=claimed, claimed_si=si_value(claimed, "test"),
                 unit=claimed.partition(" ")[2], by_year=by_year,
                 source=Source("none", "2026", "", False, "synthetic claim"),
                 numbers={k: si_value(v, k) for k, v in numbers.items()}, numbers_text=numbers, figure=figure,
                 untestable=untestable)


def _evaluate(claim: Claim) -> dict:
    return evaluate_claim(claim, RunCache(Settings(samples=4, generations=1, population=2)))


def test_ledger_has_at_least_14_claims_each_sourced_or_explained():
    claims = load_claims()
    assert len(claims) >= 14
    for claim in claims:
        assert claim.kind in KINDS
        assert claim.source.document and claim.source.date
        assert claim.source.verified or claim.source.reason, claim.id
    assert any(c.scenario == "musk-2026" for c in claims)


def test_unknown_id_names_the_choices():
    with pytest.raises(ScenarioError, match=r"--id = 'musk-1tw-mon' .* Did you mean 'musk-1tw-moon'"):
        select_claims(["musk-1tw-mon"])


def test_consistent_word_on_a_synthetic_claim():
    entry = _evaluate(synthetic("earth_launch_power", "1 MW/yr", by_year=2100))
    assert entry["verdict"] == "consistent", entry["why"]
    assert entry["model"]["reached"] and entry["model"]["year_p50"] <= 2100


def test_optimistic_word_on_a_synthetic_claim():
    entry = _evaluate(synthetic("launch_price", "200 USD/kg", by_year=2030))
    assert entry["verdict"] == "optimistic", entry["why"]
    assert any(row["beyond_published"] for row in entry["believe"])


def test_not_by_2100_word_on_a_synthetic_claim():
    entry = _evaluate(synthetic("lunar_launch_power", "500 TW/yr", scenario="alpha"))
    assert entry["verdict"] == "not by 2100", entry["why"]
    assert all(lim["margin"] >= 1.0 for lim in entry["limits"])


def test_physically_impossible_word_on_a_synthetic_claim():
    entry = _evaluate(synthetic("kardashev_share", "0.5"))
    assert entry["verdict"] == "physically impossible", entry["why"]
    assert min(lim["margin"] for lim in entry["limits"]) < 1.0


def test_unverifiable_word_on_a_synthetic_claim():
    entry = _evaluate(synthetic("statement", "1", untestable="no figure is published."))
    assert entry["verdict"] == "unverifiable"
    assert "no figure is published" in entry["why"]


def test_figure_rules_separate_agreement_optimism_and_conservatism():
    base = Evidence("figure", model_figure=10.0, claimed_figure=9.0, space_favourable="lower", figure_text=("a", "b"))
    assert verdict(base)[0] == "consistent"
    assert verdict(replace(base, claimed_figure=1.0))[0] == "optimistic"  # claims space is 10x cheaper
    assert verdict(replace(base, claimed_figure=100.0))[0] == "consistent"  # claims space is 10x dearer
    assert {verdict(replace(base, limits=[{"limit": "x", "value": 1.0, "needed": 2.0, "unit": "W",
                                           "margin": 0.5}]))[0]} <= set(VERDICTS)


def test_implied_figures_move_with_one_model_input():
    alpha = load_scenario("alpha")
    claim = synthetic("lunar_launch_power", "1 TW/yr")
    earth = synthetic("earth_launch_power", "100 GW/yr")
    kind, earth_kind = KINDS["lunar_launch_power"], KINDS["earth_launch_power"]
    before = kind.implied(claim, model_context(alpha))
    faster = kind.implied(claim, model_context(point_scenario(alpha, {"mass_driver.max_launch_rate": "4 1/s"})))
    assert faster["mass_drivers"]["value"] < before["mass_drivers"]["value"]
    lighter = earth_kind.implied(earth, model_context(point_scenario(alpha, {"launch.payload": "50 t"})))
    assert lighter["flights_per_year"]["value"] == pytest.approx(
        2.0 * earth_kind.implied(earth, model_context(alpha))["flights_per_year"]["value"], rel=1e-12)


def test_json_schema_of_the_command():
    result = CliRunner().invoke(app, ["claims", "--json", "--samples", "2", "--id", "mccalip-multiple",
                                      "--id", "musk-moon-city", "--id", "starcloud-2-cash"])
    assert result.exit_code == 0, result.output
    def no_constants(text):  # NaN or Infinity is not JSON
        raise AssertionError(f"{text} in --json output")

    entries = json.loads(result.stdout, parse_constant=no_constants)
    assert [e["id"] for e in entries] == ["musk-moon-city", "mccalip-multiple", "starcloud-2-cash"]
    for entry in entries:
        assert SCHEMA_KEYS <= set(entry), SCHEMA_KEYS - set(entry)
        assert MODEL_KEYS <= set(entry["model"])
        assert entry["verdict"] in VERDICTS
        for value in entry["implied"].values():
            assert set(value) == {"value", "unit"}
        for row in entry["believe"]:
            assert {"input", "needed", "published", "ratio"} <= set(row)
        for lim in entry["limits"]:
            assert {"limit", "value", "margin"} <= set(lim)
    city = entries[0]
    assert city["model"]["year_p50"] is not None and city["model"]["binding"]


def test_bad_id_exits_2_with_one_line():
    result = CliRunner().invoke(app, ["claims", "--id", "no-such-claim"])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and result.output.startswith("error: --id = 'no-such-claim'")


def test_claims_report_is_regenerated_from_code(tmp_path):
    out = tmp_path / "claims"
    result = CliRunner().invoke(app, ["claims", "--samples", "2", "--out", str(out)])
    assert result.exit_code == 0, result.output
    entries = json.loads((out / "claims.json").read_text(encoding="utf-8"))
    assert len(entries) == len(load_claims())
    page = (out / "claims.html").read_text(encoding="utf-8")
    assert page.count("<section id=") == len(entries)
    assert not re.search(r"<(script|link)[^>]+(src|href)=['\"]https?:", page)  # nothing loaded from the internet
    assert page.count("class=\"plotly-graph-div\"") + page.count("class='plotly-graph-div'") >= len(entries) - 2


def test_a_run_supports_or_contradicts_the_claims_it_records():
    import numpy as np

    from moonbase.claims.run_check import run_claims

    years = 75
    rising = np.zeros((3, years))
    rising[:, 10:] = 2e11  # 200 GW added each year from 2036
    found = {row["id"]: row for row in run_claims(load_scenario("alpha"), {"earth_orbit_power_added_w": rising}, 2026)}
    assert found["musk-100gw-earth"]["finding"] == "supports" and found["musk-100gw-earth"]["year"] == 2036
    assert found["musk-1tw-earth"]["finding"] == "contradicts" and found["musk-1tw-earth"]["year"] is None
    assert "musk-1tw-moon" not in found  # the run records no deep-space series here


def test_the_run_report_lists_the_claims(tmp_path):
    from moonbase.report.html import report_html
    from moonbase.scenario.loader import scenario_to_toml
    from moonbase.timeline.run import run
    from moonbase.timeline.table import timeline_table

    result = run(load_scenario("alpha"))
    page = report_html(timeline_table(result.timeline), result.summary, scenario_to_toml(result.scenario), [], {})
    section = page[page.index('<section id="claims">'):]
    assert "musk-moon-city" in section and ("supports" in section or "contradicts" in section)


def test_the_ledger_ships_as_package_data():
    import fnmatch
    import tomllib
    from pathlib import Path

    import moonbase

    package = Path(moonbase.__file__).resolve().parent
    root = Path(__file__).resolve().parents[2]
    with (root / "pyproject.toml").open("rb") as handle:
        globs = tomllib.load(handle)["tool"]["setuptools"]["package-data"]["moonbase"]
    files = sorted((package / "claims" / "data").rglob("*.toml"))
    assert len(files) >= 15
    undeclared = [str(f.relative_to(package)) for f in files
                  if not any(fnmatch.fnmatch(str(f.relative_to(package)), g) for g in globs)]
    assert undeclared == [], f"ledger files that `pip install .` would leave behind: {undeclared}"


def test_the_musk_2026_preset_runs_end_to_end(tmp_path):
    result = CliRunner().invoke(app, ["run", "musk-2026", "--samples", "4", "--no-report", "--json",
                                      "--out", str(tmp_path / "run")])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["scenario"] == "musk-2026"
    assert "fraction_reached" in summary["target"]["first_year"]
    scenario = load_scenario("musk-2026")
    assert scenario.launch.payload_kg == pytest.approx(200e3) and scenario.uncertainty  # the stated payload, drawn spreads


def test_a_series_claims_figure_draws_its_target_against_the_model_band():
    from moonbase.report.claims_html import claim_figure

    entry = _evaluate(synthetic("launch_price", "200 USD/kg", by_year=2030))
    figure = claim_figure(entry)
    names = [trace.name for trace in figure.data]
    assert names == ["model P10-P90", "model median"]
    lines = {shape.y0 for shape in figure.layout.shapes if shape.y0 == shape.y1}
    assert entry["figure"]["threshold"] in lines  # the claim's line
    assert any(shape.x0 == 2030 == shape.x1 for shape in figure.layout.shapes)  # the claim's year
