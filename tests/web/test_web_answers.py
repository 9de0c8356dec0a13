"""The explorer answers like the CLI: the run's target (any target, without running again),
"not reached by YEAR" never a sentinel, warnings before a pointless or too large run, and an
edited preset under its own name. Chromium against a real server with a worker process."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")
pytest.importorskip("uvicorn")

from web_helpers import serving, wait_for_run  # noqa: E402

from moonbase.web.app import WebSettings  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
RUN_TIMEOUT_MS = 60_000

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is missing (make test installs it)")


def test_target_endpoint_matches_the_summary_and_rejects_bad_text(client, alpha_run):
    run_id = alpha_run["id"]
    summary = client.get(f"/api/runs/{run_id}/summary").json()
    default = client.get(f"/api/runs/{run_id}/target").json()
    assert default == summary["target"]
    peak = summary["target"]["peak_space_power_added_per_year_w"]
    half = client.get(f"/api/runs/{run_id}/target", params={"target": f"{peak / 2e9:.6g} GW/yr"}).json()
    assert half["first_year"] is not None and half["first_year"] <= summary["target"]["peak_space_power_added_year"]
    bad = client.get(f"/api/runs/{run_id}/target", params={"target": "5 km"})
    assert bad.status_code == 422 and "target = '5 km'" in bad.json()["detail"]


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    settings = WebSettings(store_dir=tmp_path_factory.mktemp("answers") / "store", workers=1, pool="process")
    with serving(settings) as url, playwright_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        tab = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        problems: list[str] = []
        tab.on("pageerror", lambda error: problems.append(str(error)))
        tab.goto(url)
        tab.wait_for_selector("body[data-ready=true]", timeout=20_000)
        yield tab
        assert problems == [], problems
        browser.close()


def test_samples_are_checked_before_the_run(page):
    page.select_option("#preset", "alpha")
    page.wait_for_function("() => document.querySelector('#field-name').value === 'alpha'")
    page.fill("#samples", "150")
    page.wait_for_function("() => document.querySelector('#samples-note').textContent.includes('at most 100')")
    assert page.is_disabled("#run")
    page.fill("#samples", "20")
    page.wait_for_function("() => document.querySelector('#samples-note').textContent.includes('identical')")
    assert not page.is_disabled("#run")
    page.select_option("#preset", "alpha-uncertain")
    page.wait_for_function("() => document.querySelector('#field-name').value === 'alpha-uncertain'")
    assert "identical" not in page.inner_text("#samples-note")
    page.fill("#samples", "1")


def test_an_edited_preset_runs_under_its_own_name_and_shows_its_target(page):
    page.select_option("#preset", "alpha")
    page.wait_for_function("() => document.querySelector('#field-name').value === 'alpha'")
    page.uncheck("#with-report")
    page.click("details[data-path='mass_driver'] > summary")
    page.fill("#field-mass_driver-exit_speed", "2.7")
    page.wait_for_function("() => document.querySelector('#field-name').value === 'alpha-edited'")
    page.click("#run")
    page.wait_for_function("() => document.querySelector('#charts').dataset.run", timeout=RUN_TIMEOUT_MS)
    run_id = page.get_attribute("#charts", "data-run")
    summary = page.evaluate("async id => (await (await fetch(`/api/runs/${id}/summary`)).json())", run_id)
    assert summary["scenario"] == "alpha-edited"
    end_year = summary["end"]["year"]
    headline = page.inner_text("#headline")
    first = summary["target"]["first_year"]
    assert (f"not reached by {end_year}" if first is None else str(first)) in headline
    assert not re.search(rf"\b{end_year + 1}\b|NaN", headline)
    # another target: the headline follows without a new run
    peak = summary["target"]["peak_space_power_added_per_year_w"]
    page.fill("#target", f"{peak / 2e9:.6g} GW/yr")
    page.press("#target", "Enter")
    page.dispatch_event("#target", "change")
    expected = page.evaluate("async ([id, t]) => (await (await fetch(`/api/runs/${id}/target?target=${encodeURIComponent(t)}`))"
                             ".json()).first_year", [run_id, f"{peak / 2e9:.6g} GW/yr"])
    assert expected is not None
    page.wait_for_function("y => document.querySelector('#headline').innerText.includes(String(y))", arg=expected)
    assert "GW/yr in space" in page.inner_text("#headline")


def test_compare_chart_labels_every_panel_and_ticks_carry_units(client, alpha_run):
    other = client.post("/api/runs", json={"preset": "earth-orbit-only"}).json()["id"]
    assert wait_for_run(client, other)["state"] == "done"
    result = client.get("/api/compare", params={"a": alpha_run["id"], "b": other}).json()
    layout = result["chart"]["layout"]
    axes = [key for key in layout if key.startswith("xaxis")]
    assert len(axes) >= 4 and all(layout[key].get("showticklabels") for key in axes)
    power_ticks = layout["yaxis"]["ticktext"]
    assert power_ticks and all(text.endswith("W") for text in power_ticks)  # "10 GW", never "10G"
    first_year = next(row for row in result["metrics"] if row["key"] == "first_year_1tw")
    assert all(v is None or v <= result["runs"][i]["end_year"] for i, v in enumerate(first_year["values"]))


def test_trajectory_frames_put_the_moon_on_x_and_the_paths_near_one_au(client):
    body = client.post("/api/trajectories/ensemble", json={"count": 4, "days": 2, "speed": "2.6 km/s"}).json()
    moon = body["rotating"]["moon_km"]
    distance = [(x * x + y * y + z * z) ** 0.5 for x, y, z in zip(moon["x"], moon["y"], moon["z"])]
    assert all(abs(y) < 1e-3 and abs(z) < 1e-3 for y, z in zip(moon["y"], moon["z"]))  # on +x, to a metre
    assert all(abs(x - d) < 1e-3 for x, d in zip(moon["x"], distance))
    sun = body["rotating"]["sun_direction"]
    assert abs(sum(c * c for c in sun) - 1.0) < 1e-9
    for path in body["paths"]:
        au = path["heliocentric_au"]
        radius = [(x * x + y * y + z * z) ** 0.5 for x, y, z in zip(au["x"], au["y"], au["z"])]
        assert 0.97 < min(radius) and max(radius) < 1.03  # near the Earth's distance from the Sun
        start = path["rotating_km"]
        launch = (start["x"][0] ** 2 + start["y"][0] ** 2 + start["z"][0] ** 2) ** 0.5
        assert abs(launch - distance[0]) < 2_000  # fired from the Moon's surface (radius 1,737 km)


def test_trajectory_view_offers_three_frames(page):
    page.click("#trajectory-panel > summary")
    page.fill("#trajectory-form input[name=count]", "8")
    page.fill("#trajectory-form input[name=days]", "5")
    page.click("#trajectory-form button[type=submit]")
    page.wait_for_selector("#trajectory-frame", timeout=RUN_TIMEOUT_MS)
    names = page.evaluate("() => document.querySelector('#trajectory-plot').data.map(t => t.name)")
    assert {"Earth", "Moon", "Sun direction at firing"} <= set(names)
    page.select_option("#trajectory-frame", "heliocentric")
    page.wait_for_function("() => document.querySelector('#trajectory-plot').data.some(t => t.name === 'Sun')")
    legend_y = page.evaluate("() => document.querySelector('#trajectory-plot').layout.legend.y")
    assert legend_y <= 0  # under the plot, not under the toolbar


def test_uncertainty_is_edited_field_by_field(page):
    page.select_option("#preset", "alpha-uncertain")
    page.wait_for_function("() => document.querySelector('#field-name').value === 'alpha-uncertain'")
    preset = page.evaluate("async () => (await (await fetch('/api/presets/alpha-uncertain')).json()).scenario.uncertainty")
    rows = page.locator("#uncertainty-rows .u-row")
    assert rows.count() == len(preset)
    first = rows.nth(0)
    path = first.locator(".u-path").input_value()
    assert first.locator(".u-kind").input_value() == preset[path]["distribution"]
    # a parameter edited in its own box reaches the scenario with the field's unit
    box = first.locator(".u-value").nth(0)
    box.fill("2.5")
    box.dispatch_event("change")
    edited = page.evaluate(f"() => state.scenario.uncertainty['{path}']")
    name = box.get_attribute("data-name")
    unit = page.evaluate(f"() => state.byPath.get('{path}').unit || ''")
    assert edited[name] == (f"2.5 {unit}" if unit else 2.5)
    # remove every row: samples > 1 would now be identical, and the page says so
    page.fill("#samples", "5")
    while rows.count():
        rows.nth(0).locator("button").click()
    page.wait_for_function("() => document.querySelector('#samples-note').textContent.includes('identical')")
    page.click("#uncertainty-add")
    assert rows.count() == 1
    page.wait_for_function("() => !document.querySelector('#samples-note').textContent.includes('identical')")
    page.fill("#samples", "1")
