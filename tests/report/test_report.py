"""Tests of the run report: files written, offline HTML, figures, bands, headline text."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

from moonbase.constants import MONTHS_PER_YEAR
from moonbase.errors import ScenarioError
from moonbase.report.figures import figure_specs, format_si, log_ticks
from moonbase.report.html import report_html, write_report
from moonbase.timeline.columns import columns, label_columns

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# A 1000 x 500 px chart with lines and text compresses to tens of kB; a blank canvas
# to under 10 kB. 15 kB separates the two with a wide margin.
MIN_PNG_BYTES = 15_000
TITLES = (
    "Deployed compute power by tier",
    "Compute power added per year",
    "Launches per year",
    "Deployed satellite mass and lunar industry mass",
    "Cumulative cost and launch price",
    "Kardashev index",
    "Binding constraints by tier",
)


def synthetic_timeline(n_samples: int, n_steps: int, start_year: int = 2026,
                       seed: int = 0) -> pa.Table:
    """A plausible tidy timeline with every column of ``moonbase.timeline.columns``."""
    rng = np.random.default_rng(seed)
    step = np.arange(n_steps)
    elapsed_yr = (step + 1) / MONTHS_PER_YEAR
    # one growth rate per sample [1/yr]: exponential stocks, flows their monthly increments
    rate = rng.uniform(1.2, 1.8, size=(n_samples, 1))
    growth = np.exp(rate * elapsed_yr)
    growth_before = np.exp(rate * (elapsed_yr - 1 / MONTHS_PER_YEAR))
    earth_w, deep_w = 1e9 * growth, 2e8 * (growth - 1.0)
    ground_w = np.broadcast_to(5e10 * (1.0 + 0.2 * elapsed_yr), growth.shape)
    earth_added_w, deep_added_w = 1e9 * (growth - growth_before), 2e8 * (growth - growth_before)
    mass_per_w_kg = 1.0 / 100.0  # 100 W/kg satellites
    cost_usd = 2e9 * growth
    values = {
        "ground_compute_power_w": ground_w,
        "earth_orbit_compute_power_w": earth_w,
        "lunar_surface_compute_power_w": np.zeros_like(growth),
        "deep_space_compute_power_w": deep_w,
        "space_compute_power_w": earth_w + deep_w,
        "total_compute_power_w": ground_w + earth_w + deep_w,
        "ground_power_added_w": np.full_like(growth, 5e10 * 0.2 / MONTHS_PER_YEAR),
        "earth_orbit_power_added_w": earth_added_w,
        "deep_space_power_added_w": deep_added_w,
        "space_power_added_w": earth_added_w + deep_added_w,
        "ground_compute_flop_s": ground_w * 1e6,
        "earth_orbit_compute_flop_s": earth_w * 1e6,
        "deep_space_compute_flop_s": deep_w * 1e6,
        "earth_orbit_satellites": earth_w / 1e5,
        "deep_space_satellites": deep_w / 1e5,
        "earth_orbit_mass_kg": earth_w * mass_per_w_kg,
        "deep_space_mass_kg": deep_w * mass_per_w_kg,
        "earth_orbit_deployed_mass_kg": earth_added_w * mass_per_w_kg,
        "deep_space_deployed_mass_kg": deep_added_w * mass_per_w_kg,
        "earth_orbit_retired_mass_kg": 0.01 * earth_w * mass_per_w_kg,
        "deep_space_retired_mass_kg": 0.01 * deep_w * mass_per_w_kg,
        "earth_launches": 10.0 * growth,
        "earth_launched_mass_kg": 1.5e6 * growth,
        "earth_launch_price_usd_per_kg": 1500.0 / growth**0.3,
        "lunar_landed_mass_kg": 2e4 * np.ones_like(growth),
        "lunar_industry_mass_kg": 1.2e4 * growth**1.5,
        "lunar_industry_power_w": 1e6 * growth**1.5,
        "lunar_local_fraction": np.minimum(0.5 + 0.1 * elapsed_yr, 0.99) * np.ones_like(growth),
        "lunar_satellite_output_kg": deep_added_w * mass_per_w_kg,
        "lunar_fab_mass_kg": 2e4 * growth,
        "lunar_fab_capacity_w_per_yr": 1e8 * growth,
        "lunar_chip_output_w_per_yr": 5e7 * growth,
        "lunar_fab_power_w": 1e6 * growth,
        "earth_chip_imports_w_per_yr": 1e7 * np.ones_like(growth),
        "deep_space_lunar_chip_fraction": np.minimum(0.1 * elapsed_yr, 1.0) * np.ones_like(growth),
        "mass_driver_launches": 100.0 * (growth - 1.0),
        "mass_driver_launched_mass_kg": deep_added_w * mass_per_w_kg,
        "mass_driver_lost_mass_kg": np.zeros_like(growth),
        "mass_driver_power_w": 1e6 * growth,
        "transmission_loss_w": np.zeros_like(growth),
        "mass_driver_count": np.ones_like(growth),
        "mass_driver_rate_per_s": 2.0 * np.ones_like(growth),
        "lunar_seed_landed_mass_kg": np.where(step < 12, 1e4, 0.0) * np.ones_like(growth),
        "lunar_import_landed_mass_kg": 1e4 * np.ones_like(growth),
        "mass_driver_earth_landed_mass_kg": np.zeros_like(growth),
        "lunar_fab_tools_landed_mass_kg": np.zeros_like(growth),
        "lunar_growth_mass_kg": 1e3 * growth,
        "lunar_spare_output_mass_kg": np.zeros_like(growth),
        "mass_driver_lunar_built_mass_kg": np.zeros_like(growth),
        "lunar_fab_lunar_built_mass_kg": np.zeros_like(growth),
        "lunar_energy_produced_j": 2.6e12 * growth**1.5,
        "lunar_production_energy_j": 1e12 * growth,
        "lunar_fab_energy_j": 2.6e12 * growth,
        "mass_driver_energy_j": 2.6e12 * growth,
        "lunar_energy_curtailed_j": np.zeros_like(growth),
        "cost_usd": 2e9 * (growth - growth_before),
        "earth_orbit_cost_usd": 1e9 * (growth - growth_before),
        "lunar_cost_usd": 1e9 * (growth - growth_before),
        "lunar_operations_cost_usd": 1e8 * np.ones_like(growth),
        **{name: 1e8 * (growth - growth_before) for name in (
            "earth_orbit_launch_cost_usd", "earth_orbit_bus_cost_usd", "earth_orbit_chip_cost_usd",
            "lunar_seed_cost_usd", "lunar_import_cost_usd", "deep_space_chip_cost_usd", "mass_driver_cost_usd",
            "lunar_fab_cost_usd", "city_resupply_cost_usd")},
        "lunar_satellite_import_cost_usd": 5e7 * (growth - growth_before),
        "earth_orbit_bus_cost_usd_per_kg": 1e3 / growth**0.1,
        "earth_orbit_satellites_built": 100.0 * growth,
        "cumulative_cost_usd": cost_usd,
        "civilization_power_w": 19.6e12 + earth_w + deep_w,
        "kardashev_index": (np.log10(19.6e12 + earth_w + deep_w) - 6.0) / 10.0,
        "lunar_regolith_mined_kg": 3e4 * growth**1.5,
        "lunar_population": 4.0 * growth,
        "earth_teleoperators": 10.0 * growth,
        "city_habitat_mass_kg": 2e5 * growth,
        "city_resupply_mass_kg": 1e3 * np.ones_like(growth),
        "city_power_w": 2e4 * growth,
        "city_closure": np.minimum(0.9 + 0.01 * elapsed_yr, 0.99) * np.ones_like(growth),
    }
    start_yr = step / MONTHS_PER_YEAR  # labels hold for whole steps
    labels = {
        "earth_orbit_binding": np.where(start_yr < 1.0, "launch_cadence", "chip_supply"),
        "lunar_surface_binding": np.where(start_yr < 1.5, "seed_mass", "replication_rate"),
        "deep_space_binding": np.where(start_yr < 0.5, "", "driver_fleet"),
        "city_binding": np.where(start_yr < 1.0, "no_residents", "industry_demand"),
    }
    data: dict[str, object] = {
        "sample": np.repeat(np.arange(n_samples), n_steps),
        "step": np.tile(step, n_samples),
        "year": np.tile(start_year + elapsed_yr, n_samples),
    }
    for column in columns():
        if column.name in label_columns():
            data[column.name] = np.tile(labels[column.name], n_samples).tolist()
        elif column.name not in data:
            data[column.name] = np.broadcast_to(values[column.name], (n_samples, n_steps)).ravel()
    return pa.table(data)


def synthetic_summary(samples: int, milestone: object = 2027) -> dict:
    return {
        "scenario": "alpha-test",
        "description": "Synthetic run for the report tests.",
        "moonbase_version": "0.1.0",
        "seed": 7,
        "samples": samples,
        "span": {"start_year": 2026, "end_year": 2030, "steps_per_year": 12},
        "first_year_added_power_ge_1tw": milestone,
        "first_year_added_power_ge_1tw_by_tier": {"earth_orbit": None, "deep_space": 2028},
        "end": {
            "year": 2030,
            "deployed_compute_power_w": {"ground": 6e10, "earth_orbit": 4.5e11,
                                         "lunar_surface": 0.0, "deep_space": 9e10,
                                         "total": 6e11},
            "kardashev_index": {"p10": 0.7291, "p50": 0.7295, "p90": 0.7301, "mean": 0.7296},
            "cumulative_cost_usd": 8.7e11,
            "earth_launches": 4200,
            "mass_driver_launches": 35000,
        },
        "binding_constraints": {
            "earth_orbit": [{"constraint": "launch_cadence", "from_year": 2026.0, "to_year": 2027.0},
                            {"constraint": "chip_supply", "from_year": 2027.0, "to_year": 2030.0}],
            "lunar_surface": [{"constraint": "seed_mass", "from_year": 2026.0, "to_year": 2027.5}],
            "deep_space": [],
        },
        "escape": {"heliocentric_fraction": 1.0, "method": "patched_conic"},
        "warnings": ["Launch price extrapolated below the learning-curve data."],
    }


class _ExternalSources(HTMLParser):
    """Collects src/href attributes of script, link, img and iframe tags."""

    def __init__(self) -> None:
        super().__init__()
        self.sources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "link", "img", "iframe"):
            self.sources += [value or "" for name, value in attrs if name in ("src", "href")]


@pytest.fixture(scope="module")
def multi_sample_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    run_dir = tmp_path_factory.mktemp("run")
    return write_report(run_dir, synthetic_timeline(5, 48), synthetic_summary(5),
                        'name = "alpha-test"\nseed = 7\n', ["A. Author, Title, 2024."])


def test_write_report_writes_html_and_one_png_per_figure(multi_sample_report: Path) -> None:
    assert multi_sample_report == multi_sample_report.parent / "report.html"
    assert multi_sample_report.is_file()
    pngs = sorted((multi_sample_report.parent / "figures").glob("*.png"))
    assert len(pngs) == len(TITLES)
    for png in pngs:
        content = png.read_bytes()
        assert content[:8] == PNG_MAGIC, png.name
        assert len(content) > MIN_PNG_BYTES, png.name


def test_report_html_is_offline(multi_sample_report: Path) -> None:
    html = multi_sample_report.read_text(encoding="utf-8")
    parser = _ExternalSources()
    parser.feed(html)
    remote = [source for source in parser.sources if re.match(r"(https?:)?//", source)]
    assert remote == []
    assert html.count("<script>") >= len(TITLES)  # plotly.js inline + one call per figure


def test_report_html_contains_titles_scenario_and_milestone(multi_sample_report: Path) -> None:
    html = multi_sample_report.read_text(encoding="utf-8")
    for title in TITLES:
        assert title in html
    assert "alpha-test" in html
    assert "First year ≥ 1 TW/yr of compute power added" in html  # the target card (default target)
    assert "Launch price extrapolated" in html
    assert "A. Author, Title, 2024." in html
    assert "seed = 7" in html  # the scenario TOML block
    assert re.search(r">100%</div>\s*<div class=\"detail\">of mass-driver payloads reach heliocentric", html)


def test_multi_sample_timeline_draws_bands(multi_sample_report: Path) -> None:
    html = multi_sample_report.read_text(encoding="utf-8")
    assert re.search(r'"fill":\s*"tonexty"', html)
    specs = figure_specs(synthetic_timeline(3, 24), synthetic_summary(3))
    series = [s for spec in specs for panel in spec.panels for s in panel.series]
    assert series and all(s.p10 is not None and s.p90 is not None for s in series)
    assert all(np.all(s.p10 <= s.median) and np.all(s.median <= s.p90) for s in series)


def test_single_sample_has_no_band_and_null_milestone_reads_not_reached() -> None:
    summary = synthetic_summary(1, milestone=None)
    html = report_html(synthetic_timeline(1, 24), summary, "", None)
    assert "not reached by 2030" in html
    assert not re.search(r'"fill":\s*"tonexty"', html)
    assert "No references were registered" in html


def test_quantile_milestone_shows_median_and_share_reached() -> None:
    milestone = {"p10": 2041, "p50": 2047, "p90": None, "mean": 2046.5, "fraction_reached": 0.8}
    html = report_html(synthetic_timeline(2, 24), synthetic_summary(2, milestone), "", None)
    assert ">2047</div>" in html
    assert "P10-P90: 2041 to not reached by 2030; reached in 80% of samples" in html


def test_earth_orbit_only_run_reports_no_mass_driver() -> None:
    timeline = synthetic_timeline(1, 24)
    for name in ("deep_space_power_added_w", "mass_driver_launches"):
        timeline = timeline.set_column(timeline.column_names.index(name), name,
                                       pa.array(np.zeros(timeline.num_rows)))
    summary = synthetic_summary(1)
    summary["escape"] = None
    html = report_html(timeline, summary, "", None)
    assert "no mass driver in this scenario" in html
    assert "not drawn on the log axis: Deep space" in html
    assert "not drawn on the log axis: Mass-driver launches" in html


def test_power_added_sums_complete_calendar_years() -> None:
    # 30 monthly steps: 2026 and 2027 complete, 2028 half, so it is left out
    timeline = synthetic_timeline(1, 30)
    spec = next(s for s in figure_specs(timeline, synthetic_summary(1)) if s.name == "power_added")
    earth = next(s for s in spec.panels[0].series if s.label == "Earth orbit")
    np.testing.assert_array_equal(earth.x, [2026.0, 2027.0])
    monthly = timeline.column("earth_orbit_power_added_w").to_numpy()
    # sums of the same float64 numbers in another order: 1e-12 relative covers rounding
    np.testing.assert_allclose(earth.median, [monthly[:12].sum(), monthly[12:24].sum()], rtol=1e-12)


def test_zero_series_is_left_off_log_axis_and_named_in_caption() -> None:
    spec = figure_specs(synthetic_timeline(1, 24), synthetic_summary(1))[0]
    assert "Lunar surface" not in [s.label for s in spec.panels[0].series]
    assert "not drawn on the log axis: Lunar surface" in spec.caption


def test_binding_strips_fall_back_to_timeline_labels() -> None:
    summary = synthetic_summary(1)
    del summary["binding_constraints"]
    spec = figure_specs(synthetic_timeline(1, 24), summary)[-1]
    earth = spec.strips[0]
    assert [i.constraint for i in earth.intervals] == ["launch_cadence", "chip_supply"]
    np.testing.assert_allclose([earth.intervals[0].from_year, earth.intervals[0].to_year,
                                earth.intervals[1].to_year], [2026.0, 2027.0, 2028.0])


def test_format_si_and_log_ticks() -> None:
    assert format_si(1.23e12, "W") == "1.23 TW"
    assert format_si(1e9, "W") == "1 GW"
    assert format_si(0.0, "W") == "0 W"
    assert format_si(1500.0, "") == "1,500"
    assert format_si(5.0, "") == "5"
    assert format_si(0.05, "") == "0.05"
    assert log_ticks(2e9, 3e12) == (1e9, 1e10, 1e11, 1e12, 1e13)
    assert log_ticks(150.0, 1500.0) == (100.0, 200.0, 500.0, 1000.0, 2000.0)


def test_timeline_missing_column_is_named() -> None:
    timeline = synthetic_timeline(1, 24).drop_columns(["kardashev_index"])
    with pytest.raises(ScenarioError, match="kardashev_index"):
        figure_specs(timeline, synthetic_summary(1))


def test_timeline_with_ragged_samples_is_rejected() -> None:
    timeline = synthetic_timeline(2, 24).slice(0, 47)
    with pytest.raises(ScenarioError, match="same steps in every sample"):
        figure_specs(timeline, synthetic_summary(2))


def test_every_binding_label_has_its_own_colour() -> None:
    from moonbase.report.figures import constraint_colors
    from moonbase.results.binding_glossary import all_labels

    colors = constraint_colors(all_labels())
    assert set(colors) == set(all_labels())
    assert len(set(colors.values())) == len(colors)  # no two labels share a colour
