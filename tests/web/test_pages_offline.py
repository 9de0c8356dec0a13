"""Every page a user opens, in Chromium at 1440 and 390 px: the run report (one run and a
sampled run), the explorer, and the API pages (/docs, /redoc).

Each is screenshotted into ``test-artifacts/`` and checked for no horizontal overflow, no
console error and no request leaving this machine (the explorer and API pages are served
by a real uvicorn server with a worker process; reports are opened as files).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from typer.testing import CliRunner

playwright_api = pytest.importorskip("playwright.sync_api")
pytest.importorskip("uvicorn")

from web_helpers import serving  # noqa: E402

from moonbase.cli import app  # noqa: E402
from moonbase.web.app import WebSettings  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
WIDTHS_PX = (1440, 390)
LOAD_TIMEOUT_MS = 30_000
SETTLE_MS = 800  # plotly and ReDoc lay out after the load event

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is missing (make test installs it)")

SAMPLED = """
base = "alpha-uncertain"
name = "alpha-uncertain-short"
[span]
end_year = 2060
"""


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("reports")
    (folder / "sampled.toml").write_text(SAMPLED, encoding="utf-8")
    runner = CliRunner()
    paths = {}
    for name, args in (("report", ["alpha"]), ("report-sampled", [str(folder / "sampled.toml"), "--samples", "4"])):
        result = runner.invoke(app, ["run", *args, "--out", str(folder / name)])
        assert result.exit_code == 0, result.output
        paths[name] = folder / name / "report.html"
    return paths


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = WebSettings(store_dir=tmp_path_factory.mktemp("pages") / "store", workers=1, pool="process")
    with serving(settings) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as driver:
        instance = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


def check_page(browser, url: str, name: str, width: int, ready: str | None = None, action=None) -> None:
    """Open ``url`` at ``width`` px (then do ``action(page)``, if any); screenshot; assert no
    overflow, console error or remote request."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    remote: list[str] = []
    local_host = urlparse(url).netloc
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def request(r) -> None:
        parsed = urlparse(r.url)
        if parsed.scheme in ("http", "https", "ws", "wss") and parsed.netloc != local_host:
            remote.append(r.url)

    page.on("request", request)
    page.goto(url, wait_until="load", timeout=LOAD_TIMEOUT_MS)
    if ready:
        page.wait_for_selector(ready, timeout=LOAD_TIMEOUT_MS)
    if action is not None:
        action(page)
    page.wait_for_timeout(SETTLE_MS)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1
                     && getComputedStyle(e).position !== 'fixed')
        .slice(0, 5).map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className)""")
    context.close()
    assert remote == [], f"{name} at {width} px requested {remote}"
    assert errors == [], f"{name} at {width} px logged {errors}"
    assert overflow <= 0, f"{name} at {width} px overflows sideways by {overflow} px: {wide}"


@pytest.mark.parametrize("width", WIDTHS_PX)
@pytest.mark.parametrize("name", ["report", "report-sampled"])
def test_report(browser, reports, name, width):
    check_page(browser, reports[name].as_uri(), name, width, ready=".js-plotly-plot")


@pytest.mark.parametrize("width", WIDTHS_PX)
def test_explorer(browser, server, width):
    check_page(browser, server + "/", "explorer", width, ready="body[data-ready=true]")


def _show_a_run(page) -> None:
    page.uncheck("#with-report")
    page.click("#run")
    page.wait_for_function("() => document.querySelectorAll('#charts .js-plotly-plot').length >= 6",
                           timeout=LOAD_TIMEOUT_MS)
    page.click("#refresh-runs")
    page.wait_for_selector("#runs-table tbody tr")
    page.check("#runs-table tbody tr:first-child input[name='compare-a']")  # the run against itself:
    page.check("#runs-table tbody tr:first-child input[name='compare-b']")  # the table and chart are drawn
    page.click("#compare")
    page.wait_for_selector("#comparison-chart.js-plotly-plot", timeout=LOAD_TIMEOUT_MS)


def _show_trajectories(page) -> None:
    page.click("#trajectory-panel > summary")
    page.fill("#trajectory-form input[name=count]", "8")
    page.fill("#trajectory-form input[name=days]", "5")
    page.click("#trajectory-form button[type=submit]")
    page.wait_for_selector("#trajectory-plot .js-plotly-plot, #trajectory-plot.js-plotly-plot", timeout=LOAD_TIMEOUT_MS)


@pytest.mark.parametrize("width", WIDTHS_PX)
@pytest.mark.parametrize("name, action", [("explorer-run", _show_a_run), ("explorer-trajectories", _show_trajectories)],
                         ids=["run-and-compare", "trajectories"])
def test_explorer_views(browser, server, name, action, width):
    check_page(browser, server + "/", name, width, ready="body[data-ready=true]", action=action)


@pytest.mark.parametrize("width", WIDTHS_PX)
@pytest.mark.parametrize("path, ready", [("/docs", ".swagger-ui .info"), ("/redoc", "h1")], ids=["docs", "redoc"])
def test_api_pages(browser, server, path, ready, width):
    check_page(browser, server + path, "api" + path.replace("/", "-"), width, ready=ready)
