"""The tier registry is data: a second Earth-orbit shell registered here, with no change to
library code, is stepped by the engine and gets its columns, summary entries and figures."""

from __future__ import annotations

import numpy as np
import pyarrow.parquet as pq
import pytest

from moonbase.report.figures import figure_specs, save_png_figures
from moonbase.results.run_dir import write_run
from moonbase.scenario.loader import scenario_from_dict
from moonbase.timeline.binding import EARTH_ORBIT_LIMITS, binding_labels
from moonbase.timeline.columns import columns
from moonbase.timeline.run import run
from moonbase.timeline.tiers import TIERS, ComputeTier, TierKind, tier_names

GEO_SHELL = ComputeTier("geo_orbit", TierKind.EARTH_ORBIT, "GEO shell", "#56B4E9", space=True, hardware=True,
                        satellites=True, binding=True, where="working satellites in geostationary orbit",
                        orbit="geo", launch_weight=1.0)


def _scenario():
    return scenario_from_dict({"base": "alpha", "name": "two-shells", "span": {"end_year": 2060}})


@pytest.fixture(scope="module")
def runs():
    """The same scenario with the registry as shipped, and with the GEO shell beside the first."""
    one = run(_scenario())
    with TIERS.registered(GEO_SHELL, after="earth_orbit"):
        two = run(_scenario())
        two_columns = [column.name for column in columns()]
        two_labels = binding_labels()
    return one, two, two_columns, two_labels


def test_the_registry_is_restored_after_the_block(runs):
    assert "geo_orbit" not in tier_names()
    assert not any(column.name.startswith("geo_orbit") for column in columns())


def test_the_shell_gets_every_tier_column(runs):
    one, two, names, labels = runs
    expected = {f"geo_orbit_{suffix}" for suffix in (
        "compute_power_w", "power_added_w", "compute_flop_s", "satellites", "mass_kg", "deployed_mass_kg",
        "retired_mass_kg")}
    assert expected <= set(two.timeline.series)
    assert {*expected, "geo_orbit_binding"} <= set(names)
    assert labels["geo_orbit_binding"] == EARTH_ORBIT_LIMITS
    assert names.index("geo_orbit_compute_power_w") == names.index("earth_orbit_compute_power_w") + 1


def test_the_shells_share_the_launch_mass_and_differ_by_orbit(runs):
    one, two, _, _ = runs
    s1, s2 = one.timeline.series, two.timeline.series
    leo, geo = s2["earth_orbit_deployed_mass_kg"][0], s2["geo_orbit_deployed_mass_kg"][0]
    assert geo.sum() > 0.0
    # equal weights: each shell is planned the same mass; both are rationed by the same factors
    np.testing.assert_allclose(leo, geo, rtol=1e-12)
    # the shells together never take more launch mass than the one shell did
    assert (leo + geo).sum() <= s1["earth_orbit_deployed_mass_kg"][0].sum() * (1 + 1e-12)
    # same design, another environment: GEO's eclipses and dose give another power per kg deployed
    power_per_kg_leo = s2["earth_orbit_power_added_w"][0].sum() / leo.sum()
    power_per_kg_geo = s2["geo_orbit_power_added_w"][0].sum() / geo.sum()
    assert power_per_kg_geo != pytest.approx(power_per_kg_leo, rel=1e-6)
    # the space total counts every shell
    space = sum(s2[f"{tier}_compute_power_w"][0] for tier in ("earth_orbit", "geo_orbit", "deep_space"))
    np.testing.assert_allclose(s2["space_compute_power_w"][0], space, rtol=1e-12)


def test_the_shell_gets_its_summary_entries(runs):
    _, two, _, _ = runs
    summary = two.summary
    assert summary["end"]["deployed_compute_power_w"]["geo_orbit"] > 0.0
    assert summary["end"]["satellites"]["geo_orbit"] > 0.0
    assert "geo_orbit" in summary["first_year_added_power_ge_1tw_by_tier"]
    assert "geo_orbit" in summary["target"]["first_year_by_tier"]
    assert {row["constraint"] for row in summary["binding_constraints"]["geo_orbit"]} <= set(EARTH_ORBIT_LIMITS)


def test_the_shell_gets_its_figures(runs, tmp_path):
    _, two, _, _ = runs
    with TIERS.registered(GEO_SHELL, after="earth_orbit"):
        folder = write_run(two, tmp_path / "run")
        specs = figure_specs(pq.read_table(folder / "timeline.parquet"), two.summary)
        by_name = {spec.name: spec for spec in specs}
        deployed = [series for panel in by_name["deployed_power"].panels for series in panel.series]
        added = [series for panel in by_name["power_added"].panels for series in panel.series]
        strips = [strip.label for strip in by_name["binding_constraints"].strips]
        pngs = save_png_figures(specs, tmp_path / "figures")
    shell = next(series for series in deployed if series.label == "GEO shell")
    assert shell.color == "#56B4E9" and np.nanmax(shell.median) > 0.0
    assert "GEO shell" in [series.label for series in added]
    assert "Satellites: GEO shell" in [series.label for panel in by_name["mass"].panels for series in panel.series]
    assert "GEO shell" in strips
    assert len(pngs) == len(specs) and all(path.stat().st_size > 0 for path in pngs)


def test_the_engine_refuses_a_registry_it_cannot_step():
    with pytest.raises(ValueError, match="exactly 1 deep_space"):
        TIERS.register(ComputeTier("deep_space_2", TierKind.DEEP_SPACE, "Deep space 2", "#000000", space=True,
                                   hardware=True, satellites=True, binding=True, where="a second driver's"))
    with pytest.raises(ValueError, match="launch_weight"):
        TIERS.register(ComputeTier("bad", TierKind.EARTH_ORBIT, "Bad", "#000000", space=True, hardware=True,
                                   satellites=True, binding=True, where="nowhere", launch_weight=0.0))
    assert "deep_space_2" not in tier_names() and "bad" not in tier_names()


def test_the_shell_gets_its_monte_carlo_outputs_bands_and_summary():
    from moonbase.analysis.montecarlo import run_montecarlo

    scenario = scenario_from_dict({"base": "alpha-uncertain", "name": "two-shells-mc", "span": {"end_year": 2050}})
    with TIERS.registered(GEO_SHELL, after="earth_orbit"):
        result = run_montecarlo(scenario, samples=4, seed=3)
    assert result.outputs["end_geo_orbit_compute_power_w"].shape == (4,)
    assert np.all(result.outputs["end_geo_orbit_compute_power_w"] > 0.0)
    assert result.yearly["geo_orbit_compute_power_w"].shape[0] == 4
    assert "geo_orbit" in result.summary["end"]["deployed_compute_power_w"]
    assert "geo_orbit" in result.summary["binding_constraints"]


def test_the_shell_gets_its_cost_path_and_crossovers(runs):
    from moonbase.economics.crossover import crossover_analysis

    _, two, _, _ = runs
    with TIERS.registered(GEO_SHELL, after="earth_orbit"):
        crossover = crossover_analysis(two, ("hyperscale-grid",))
    geo, leo = crossover.lcoc_usd_per_pflop_day["geo_orbit"], crossover.lcoc_usd_per_pflop_day["earth_orbit"]
    assert np.all(np.isfinite(geo)) and not np.allclose(geo, leo)
    assert "geo_orbit:hyperscale-grid" in crossover.crossover_year
