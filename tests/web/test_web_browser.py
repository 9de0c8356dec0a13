"""End-to-end: the single page in headless Chromium (Debian's package) through Playwright.

A real ``uvicorn`` server with a process worker pool runs on a free loopback port;
the browser loads the page, picks a preset, changes a field, runs, sees the charts
update, sees an inline error for a bad value, compares two runs, and leaves a
screenshot in ``test-artifacts/`` (git-ignored). ``make test`` installs chromium when
it is missing; Playwright's own browser download is not used.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")
uvicorn = pytest.importorskip("uvicorn")

from web_helpers import serving  # noqa: E402

from moonbase.web.app import WebSettings  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
RUN_TIMEOUT_MS = 60_000  # a run is ~2 s; the first one also starts a worker process
SERVER_START_S = 20.0

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is missing (make test installs it)")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = WebSettings(store_dir=tmp_path_factory.mktemp("browser") / "store", workers=1, pool="process")
    with serving(settings, SERVER_START_S) as url:
        yield url


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[object]:
    with playwright_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        tab = context.new_page()
        problems: list[str] = []
        tab.on("pageerror", lambda error: problems.append(str(error)))
        tab.goto(server)
        tab.wait_for_selector("body[data-ready=true]", timeout=20_000)
        yield tab
        assert problems == [], problems
        browser.close()


def _run_and_wait(page, previous: str | None) -> str:
    page.click("#run")
    page.wait_for_function(
        "prev => { const c = document.querySelector('#charts'); return c.dataset.run && c.dataset.run !== prev "
        "&& c.querySelectorAll('.js-plotly-plot').length >= 6; }", arg=previous or "", timeout=RUN_TIMEOUT_MS)
    return page.get_attribute("#charts", "data-run")


def _deep_space_power_end(page, run_id: str) -> float:
    """The run's deep-space compute power at the end, as the page's API answers it [W]."""
    return page.evaluate("async id => (await (await fetch(`/api/runs/${id}/summary`)).json())"
                         ".end.deployed_compute_power_w.deep_space", run_id)


def test_pick_preset_edit_run_compare_and_errors(page):
    # pick a preset: the form fills from it
    page.select_option("#preset", "alpha")
    page.wait_for_function("() => document.querySelector('#field-name').value === 'alpha'")
    assert page.input_value("#field-mass_driver-exit_speed") == "2.6"
    page.uncheck("#with-report")  # the HTML report adds ~4 s per run; the API tests cover it

    first = _run_and_wait(page, None)
    assert page.locator("#chart-power_added").count() == 1
    assert "TW" in page.inner_text("#headline")
    headline_before = page.inner_text("#headline")

    # change a field (a heavier deep-space compute payload per kW), run again: the charts update
    page.click("details[data-path='deep_space'] > summary")
    page.click("details[data-path='deep_space.design'] > summary")
    page.fill("#field-deep_space-design-compute_specific_mass", "20")
    page.wait_for_timeout(500)  # debounced server validation
    second = _run_and_wait(page, first)
    assert second != first and page.inner_text("#headline") != headline_before
    # 2.5 x the compute mass per kW: less power reaches deep space
    assert _deep_space_power_end(page, second) < _deep_space_power_end(page, first)

    # a bad value: an inline error next to the field, and Run is disabled
    page.click("details[data-path='mass_driver'] > summary")
    page.fill("#field-mass_driver-exit_speed", "-1")
    error = page.locator(".field[data-path='mass_driver.exit_speed'] .field-error")
    error.wait_for(state="visible")
    page.wait_for_function("() => document.querySelector(\".field[data-path='mass_driver.exit_speed'] .field-error\")"
                           ".textContent.includes('valid range')")
    assert "> 0 km/s" in error.inner_text()
    assert page.is_disabled("#run")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "web-explorer.png"), full_page=False)

    # fixing it clears the error
    page.fill("#field-mass_driver-exit_speed", "2.7")
    page.wait_for_function("() => !document.querySelector('#run').disabled")
    assert error.inner_text() == ""

    # compare the two runs side by side
    page.click("#refresh-runs")
    page.wait_for_selector(f"#runs-table tr[data-id='{first}']")
    page.check(f"#runs-table tr[data-id='{first}'] input[name='compare-a']")
    page.check(f"#runs-table tr[data-id='{second}'] input[name='compare-b']")
    page.click("#compare")
    page.wait_for_selector("#comparison-table tbody tr")
    assert "Deep-space compute power" in page.inner_text("#comparison-table")
    page.wait_for_selector("#comparison-chart.js-plotly-plot")
    page.screenshot(path=str(ARTIFACTS / "web-explorer-compare.png"), full_page=True)


def test_toml_editor_shows_errors_inline(page):
    page.click("#tab-toml")
    page.wait_for_selector("#panel-toml:not([hidden])")
    page.fill("#toml", 'name = "broken"\n[span]\nend_year = 1900\n')
    page.click("#toml-check")
    page.wait_for_selector("#toml-errors li")
    assert "span.end_year" in page.inner_text("#toml-errors")
    page.fill("#toml", 'base = "alpha"\nname = "from-toml"\n')
    page.click("#tab-form")  # a valid text goes back to the form
    page.wait_for_function("() => document.querySelector('#field-name').value === 'from-toml'")


def test_design_panels_show_results(page):
    page.click("#massdriver-panel > summary")
    page.click("#massdriver-form button[type=submit]")
    page.wait_for_selector("#massdriver-result table")
    result = page.inner_text("#massdriver-result")
    assert re.search(r"track length\s+[\d.]+ k?m\b", result), result  # the unit with the value, not in the key
    assert " j kg" not in result and "e+" not in result.split("track length")[1].splitlines()[0]
    page.click("#satellite-panel > summary")
    page.click("#satellite-form button[type=submit]")
    page.wait_for_selector("#satellite-result table")
    design = page.inner_text("#satellite-result")
    assert re.search(r"\bmass\s+[\d.,]+(e[+-]?\d+)? kg", design), design
    assert not re.search(r"break ?even[^\n]*\s-\d", design)  # a negative break-even reads "none"


VERDICTS = {"consistent", "optimistic", "not by 2100", "physically impossible", "unverifiable"}


def test_claims_view_lists_verdicts_and_opens_the_run_behind_one(page):
    page.click("#load-claims")
    page.wait_for_function("() => document.querySelectorAll('#claims-table tbody tr').length >= 14", timeout=120_000)
    verdicts = page.eval_on_selector_all("#claims-table tbody tr", "rows => rows.map(r => r.dataset.verdict)")
    assert set(verdicts) <= VERDICTS and "physically impossible" in verdicts
    previous = page.get_attribute("#charts", "data-run") or ""
    page.click("#claims-table tr[data-id='musk-1tw-moon'] button")
    page.wait_for_function(
        "prev => { const c = document.querySelector('#charts'); return c.dataset.run && c.dataset.run !== prev; }",
        arg=previous, timeout=RUN_TIMEOUT_MS)
    assert page.input_value("#preset") == "musk-2026"
    assert page.input_value("#target") == "1 TW/yr"
    run = page.evaluate("async id => (await (await fetch(`/api/runs/${id}`)).json())",
                        page.get_attribute("#charts", "data-run"))
    assert run["scenario"] == "musk-2026"
