"""HTTP API of ``moonbase serve``: scenarios, runs, persistence, comparison and abuse handling."""

from __future__ import annotations

import io
import json
import threading
import zipfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from moonbase.web import adapters, worker
from moonbase.web.app import create_app
from moonbase.web.store import RunRequest, RunStore

from web_helpers import thread_settings, wait_for_run

BAD_SCENARIO = {"name": "bad", "mass_driver": {"exit_speed": "-1 km/s"}, "span": {"end_year": 1000}}


def assert_clean_error(answer, status: int) -> dict:
    """A 4xx with a one-line ``detail`` and no traceback."""
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert isinstance(body["detail"], str) and body["detail"]
    assert "Traceback" not in answer.text and 'File "' not in answer.text
    return body


# --- scenarios ----------------------------------------------------------------------------

def test_presets_lists_shipped_presets_with_descriptions(client):
    names = {p["name"]: p["description"] for p in client.get("/api/presets").json()}
    assert {"alpha", "earth-orbit-only", "ground-only"} <= set(names)
    assert "mass driver" in names["alpha"]


def test_preset_detail_has_toml_and_resolved_scenario(client):
    body = client.get("/api/presets/alpha").json()
    assert body["scenario"]["mass_driver"]["exit_speed"] == "2.6 km/s"
    assert "name" in body["toml"]


def test_unknown_preset_is_404_with_suggestion(client):
    body = assert_clean_error(client.get("/api/presets/alpah"), 404)
    assert "alpha" in body["detail"]


def test_schema_gives_units_ranges_and_sources_for_the_form(client):
    fields = {f["path"]: f for f in client.get("/api/schema").json()}
    speed = fields["mass_driver.exit_speed"]
    assert (speed["kind"], speed["unit"], speed["gt"]) == ("quantity", "km/s", 0.0)
    assert "2.412 km/s" in speed["source"]
    assert fields["span.end_year"]["kind"] == "integer" and fields["span.end_year"]["ge"] == 1951
    assert fields["earth_orbit.design"]["kind"] == "section"
    assert fields["trajectory.escape_model"]["kind"] == "enum"
    assert all(f["source"] for f in fields.values() if f["kind"] == "quantity")


def test_validate_json_answers_resolved_scenario(client):
    body = client.post("/api/scenarios/validate", json={"base": "alpha", "name": "mine"}).json()
    assert body["valid"] and body["errors"] == []
    assert body["scenario"]["name"] == "mine" and "[mass_driver]" in body["toml"]


def test_validate_lists_every_field_error_with_its_path(client):
    body = client.post("/api/scenarios/validate", json=BAD_SCENARIO).json()
    assert not body["valid"]
    by_field = {e["field"]: e["message"] for e in body["errors"]}
    assert set(by_field) == {"mass_driver.exit_speed", "span.end_year"}
    assert "-1 km/s" in by_field["mass_driver.exit_speed"] and "> 0 km/s" in by_field["mass_driver.exit_speed"]


def test_validate_toml_body(client):
    text = 'base = "alpha"\nname = "t"\n[mass_driver]\nexit_speed = "0 km/s"\n'
    body = client.post("/api/scenarios/validate", content=text, headers={"content-type": "application/toml"}).json()
    assert [e["field"] for e in body["errors"]] == ["mass_driver.exit_speed"]


def test_validate_toml_syntax_error_is_a_finding_not_a_crash(client):
    answer = client.post("/api/scenarios/validate", content="name = \n[[", headers={"content-type": "application/toml"})
    body = answer.json()
    assert answer.status_code == 200 and not body["valid"] and "not valid TOML" in body["errors"][0]["message"]


@pytest.mark.parametrize("media", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data", None])
def test_bodies_a_page_can_send_cross_site_are_415(client, media):
    """Forms and text/plain need no CORS preflight: they never reach an endpoint."""
    headers = {"content-type": media} if media else {}
    for path in ("/api/scenarios/validate", "/api/runs"):
        answer = client.post(path, content=b'{"preset": "alpha"}', headers=headers)
        assert_clean_error(answer, 415)


def test_deeply_nested_bodies_are_clean_4xx(client):
    deep_toml = "name = 'x'\na = " + "[" * 5000 + "]" * 5000
    body = client.post("/api/scenarios/validate", content=deep_toml, headers={"content-type": "application/toml"}).json()
    assert not body["valid"] and "too deeply" in body["errors"][0]["message"]
    deep_json = "[" * 100_000 + "]" * 100_000
    for endpoint in ("/api/scenarios/validate", "/api/runs"):
        assert_clean_error(client.post(endpoint, content=deep_json, headers={"content-type": "application/json"}), 422)
    assert_clean_error(client.post("/api/runs", json={"toml": deep_toml}), 422)


def test_validate_unknown_key_suggests_the_closest(client):
    body = client.post("/api/scenarios/validate", json={"name": "x", "mass_driver": {"exit_sped": "2 km/s"}}).json()
    assert body["errors"][0]["field"] == "mass_driver.exit_sped" and "exit_speed" in body["errors"][0]["message"]


@pytest.mark.parametrize("payload", ["{not json", "[1, 2", "\xff"])
def test_malformed_json_is_422(client, payload):
    assert_clean_error(client.post("/api/scenarios/validate", content=payload.encode("latin-1"),
                                   headers={"content-type": "application/json"}), 422)
    assert_clean_error(client.post("/api/runs", content=payload.encode("latin-1"),
                                   headers={"content-type": "application/json"}), 422)


def test_validate_json_that_is_not_an_object(client):
    body = client.post("/api/scenarios/validate", json=[1, 2]).json()
    assert not body["valid"] and "object" in body["errors"][0]["message"]


def test_validate_other_media_type_is_415(client):
    assert_clean_error(client.post("/api/scenarios/validate", content=b"x", headers={"content-type": "image/png"}), 415)


# --- runs -------------------------------------------------------------------------------

def test_run_outputs_are_served(client, alpha_run):
    links = alpha_run["links"]
    summary = client.get(links["summary"]).json()
    assert summary["scenario"] == "alpha" and summary["samples"] == 1
    charts = client.get(links["charts"]).json()
    assert [c["name"] for c in charts][:2] == ["deployed_power", "power_added"]
    assert charts[0]["figure"]["data"]
    report = client.get(links["report"])
    assert report.status_code == 200 and report.headers["content-type"].startswith("text/html")
    assert "<html" in report.text[:500].lower()
    png = client.get(f"{links['self']}/figures/deployed_power.png")
    assert png.status_code == 200 and png.content[:4] == b"\x89PNG"
    assert "exit_speed" in client.get(links["scenario"]).text


def test_timeline_in_three_formats(client, alpha_run):
    base = alpha_run["links"]["timeline"]
    body = client.get(base).json()
    units = {c["name"]: c["unit"] for c in body["columns"]}
    assert units["total_compute_power_w"] == "W" and len(body["data"]["year"]) == 75 * 12
    csv = client.get(f"{base}?format=csv")
    assert csv.headers["content-type"].startswith("text/csv") and csv.text.startswith('"sample","step","year"')
    parquet = client.get(f"{base}?format=parquet")
    assert pq.read_table(io.BytesIO(parquet.content)).num_rows == 75 * 12
    assert_clean_error(client.get(f"{base}?sample=5"), 404)
    assert_clean_error(client.get(f"{base}?format=xlsx"), 422)


def test_archive_holds_the_run_folder(client, alpha_run):
    answer = client.get(alpha_run["links"]["archive"])
    names = zipfile.ZipFile(io.BytesIO(answer.content)).namelist()
    assert any(n.endswith("/summary.json") for n in names) and any(n.endswith("/report.html") for n in names)


@pytest.fixture(scope="module")
def toml_run(client) -> dict:
    """A short run from TOML text without a report."""
    text = 'base = "ground-only"\nname = "from-toml"\n[span]\nend_year = 2040\n'
    answer = client.post("/api/runs", json={"toml": text, "report": False})
    assert answer.status_code == 202, answer.text
    return wait_for_run(client, answer.json()["id"])


def test_run_from_toml(toml_run):
    assert (toml_run["state"], toml_run["scenario"], toml_run["report"]) == ("done", "from-toml", False)


def test_run_without_report_answers_404_for_the_report(client, toml_run):
    assert "report = false" in assert_clean_error(client.get(toml_run["links"]["report"]), 404)["detail"]


def test_sampled_run_draws_the_uncertainty_and_draws_bands(client):
    text = ('base = "earth-orbit-only"\nname = "sampled"\n[span]\nend_year = 2040\n'
            '[uncertainty."launch.growth"]\ndistribution = "uniform"\nlow = "20 %/yr"\nhigh = "60 %/yr"\n')
    answer = client.post("/api/runs", json={"toml": text, "samples": 30, "seed": 3, "report": False})
    status = wait_for_run(client, answer.json()["id"])
    assert status["state"] == "done", status
    summary = client.get(status["links"]["summary"]).json()
    power = summary["end"]["deployed_compute_power_w"]["earth_orbit"]
    assert power["p10"] < power["p50"] < power["p90"]  # the draws differ
    charts = {c["name"]: c for c in client.get(status["links"]["charts"]).json()}
    names = [trace.get("name", "") for trace in charts["deployed_power"]["figure"]["data"]]
    assert any("P10-P90" in name for name in names)  # uncertainty bands
    assert client.get(f"{status['links']['timeline']}?sample=29").status_code == 200


def test_bad_scenario_run_is_422_with_field_errors(client):
    body = assert_clean_error(client.post("/api/runs", json={"scenario": BAD_SCENARIO}), 422)
    assert {e["field"] for e in body["errors"]} == {"mass_driver.exit_speed", "span.end_year"}


@pytest.mark.parametrize("request_body, word", [
    ({"preset": "alpha", "toml": "name='x'"}, "exactly one"),
    ({}, "exactly one"),
    ({"preset": "alpha", "samples": 0}, "samples"),
    ({"preset": "alpha", "seed": -1}, "seed"),
    ({"preset": "alpha", "colour": "red"}, "colour"),
    ({"preset": "alpha", "samples": 1000}, "samples"),
    ({"scenario": {"name": "daily", "span": {"steps_per_year": 365}}, "samples": 100}, "web limit"),
    ({"preset": "nope"}, "preset"),
])
def test_bad_run_requests_are_422(client, request_body, word):
    assert word in json.dumps(assert_clean_error(client.post("/api/runs", json=request_body), 422))


def test_status_of_a_queued_run_then_409_for_its_outputs(tmp_path, monkeypatch):
    release = threading.Event()
    monkeypatch.setattr(worker, "execute_run", lambda root, run_id: release.wait(10) and "done")
    with TestClient(create_app(thread_settings(tmp_path / "store", max_active_runs=1))) as test_client:
        first = test_client.post("/api/runs", json={"preset": "alpha"})
        assert first.status_code == 202 and first.json()["state"] == "queued"
        assert 0.0 <= first.json()["progress"] <= 1.0
        assert_clean_error(test_client.get(f"/api/runs/{first.json()['id']}/summary"), 409)
        busy = test_client.post("/api/runs", json={"preset": "alpha"})
        assert_clean_error(busy, 429)
        assert busy.headers["retry-after"]
        release.set()


# --- ids, paths and sizes --------------------------------------------------------------------

@pytest.mark.parametrize("path", [
    "/api/runs/abc", "/api/runs/" + "0" * 32, "/api/runs/..%2F..%2Fetc%2Fpasswd", "/api/runs/%2e%2e",
    "/api/runs/" + "A" * 32 + "/summary", "/api/runs/../../etc/passwd", "/api/runs/.%00./summary",
])
def test_path_like_or_unknown_ids_are_404(client, path):
    assert_clean_error(client.get(path), 404)


def test_figure_names_cannot_leave_the_run(client, alpha_run):
    for name in ("..%2Fsummary.json", "summary.json", "x.png"):
        assert_clean_error(client.get(f"{alpha_run['links']['self']}/figures/{name}"), 404)


def test_oversized_bodies_are_413(tmp_path):
    with TestClient(create_app(thread_settings(tmp_path / "store", max_body_bytes=2000))) as small:
        assert_clean_error(small.post("/api/scenarios/validate", content=b"x" * 5000,
                                      headers={"content-type": "application/toml"}), 413)

        def chunks():  # no Content-Length: the limit still holds while streaming
            for _ in range(10):
                yield b"y" * 500

        assert_clean_error(small.post("/api/runs", content=chunks(), headers={"content-type": "application/json"}), 413)
        assert small.post("/api/scenarios/validate", json={"name": "ok"}).status_code == 200


def test_nothing_is_written_outside_the_store(client, alpha_run, store_dir):
    # a run from a JSON object whose name looks like a path: the name is only a label
    sneaky = client.post("/api/runs", json={"scenario": {"base": "ground-only", "name": "../../escape",
                                                         "span": {"end_year": 2030}}, "report": False}).json()["id"]
    assert wait_for_run(client, sneaky)["state"] == "done"
    assert [p.name for p in store_dir.parent.iterdir()] == ["store"]  # the server's working folder
    names = [p.name for p in store_dir.iterdir() if p.name != ".lock"]  # the lock file of the owning server
    assert {alpha_run["id"], sneaky} <= set(names)
    assert all(len(name) == 32 and int(name, 16) >= 0 for name in names)  # only run folders


# --- persistence -------------------------------------------------------------------------------

def test_runs_survive_a_restart_and_unfinished_ones_resume(tmp_path):
    store = tmp_path / "store"
    with TestClient(create_app(thread_settings(store))) as first:
        done_id = first.post("/api/runs", json={"scenario": {"base": "ground-only", "name": "kept", "span": {
            "end_year": 2030}}, "report": False}).json()["id"]
        assert wait_for_run(first, done_id)["state"] == "done"
    # a run the previous server accepted but never started (it stopped first)
    pending = RunStore(store).create(RunRequest(scenario_toml='base = "ground-only"\nname = "pending"\n[span]\nend_year = 2030\n',
                                                scenario_name="pending", samples=1, seed=0, report=False))
    with TestClient(create_app(thread_settings(store))) as second:
        assert second.get(f"/api/runs/{done_id}/summary").json()["scenario"] == "kept"
        assert wait_for_run(second, pending)["state"] == "done"
        listed = [r["id"] for r in second.get("/api/runs").json()]
        assert {done_id, pending} <= set(listed)


# --- comparison --------------------------------------------------------------------------------

def test_compare_two_runs(client, alpha_run, toml_run):
    body = client.get(f"/api/compare?a={alpha_run['id']}&b={toml_run['id']}").json()
    assert [r["scenario"] for r in body["runs"]] == ["alpha", "from-toml"]
    rows = {m["key"]: m for m in body["metrics"]}
    first, second = rows["total_power_end"]["values"]
    assert rows["total_power_end"]["difference"] == pytest.approx(second - first)
    assert rows["total_power_end"]["ratio"] == pytest.approx(second / first)
    assert len(body["chart"]["data"]) == 8  # four panels x two runs


def test_compare_unknown_run_is_404(client, alpha_run):
    assert_clean_error(client.get(f"/api/compare?a={alpha_run['id']}&b=nope"), 404)
    assert_clean_error(client.get(f"/api/compare?a={alpha_run['id']}"), 422)


# --- design endpoints and the description ----------------------------------------------------

def test_mass_driver_design_of_a_scenario(client):
    default = client.post("/api/massdriver/design", json={}).json()
    faster = client.post("/api/massdriver/design", json={"scenario": {
        "base": "alpha", "name": "fast", "mass_driver": {"exit_speed": "3 km/s"}}}).json()
    assert (default["scenario"], faster["scenario"]) == ("alpha", "fast")
    # the accelerator is at least v^2 / 2a long (issue 4's invariant), and longer for a faster exit
    assert default["accelerator_length_m"] >= 2600.0**2 / (2 * 1000.0)
    assert faster["track_length_m"] > default["track_length_m"]
    body = assert_clean_error(client.post("/api/massdriver/design", json={"scenario": {
        "base": "alpha", "name": "x", "mass_driver": {"exit_speed": "-2 km/s"}}}), 422)
    assert body["errors"][0]["field"] == "mass_driver.exit_speed"


def test_satellite_design_preset(client):
    body = client.post("/api/satellite/design", json={"preset": "sso-datacenter"}).json()
    assert body["preset"] == "sso-datacenter" and body["mass_kg"] > 0 and body["power_w"] > 0
    cheaper = client.post("/api/satellite/design", json={"preset": "sso-datacenter", "launch_price": "50 USD/kg"}).json()
    assert cheaper["launch_price_usd_per_kg"] == 50.0
    assert cheaper["cost_per_kw_year_usd"] < body["cost_per_kw_year_usd"]  # launch is part of the cost
    bad = assert_clean_error(client.post("/api/satellite/design", json={"launch_price": "-5 USD/kg"}), 422)
    assert "launch_price" in bad["detail"]
    assert "choose one of" in assert_clean_error(client.post("/api/satellite/design", json={"preset": "nope"}), 422)["detail"]


@pytest.mark.parametrize("endpoint", ["/api/massdriver/design", "/api/satellite/design", "/api/trajectories/ensemble"])
def test_design_endpoints_refuse_unknown_fields(client, endpoint):
    assert_clean_error(client.post(endpoint, json={"bogus": 1}), 422)


def test_trajectory_ensemble_bounds_are_422(client):
    assert_clean_error(client.post("/api/trajectories/ensemble", json={"count": 100_000}), 422)
    assert_clean_error(client.post("/api/trajectories/ensemble", json={"days": 1000}), 422)
    assert_clean_error(client.post("/api/trajectories/ensemble", json={"speed": "fast", "count": 1, "days": 1}), 422)


@pytest.mark.slow  # the first propagation compiles the numba kernels (about a minute on a fresh checkout)
def test_trajectory_ensemble_with_paths(client):
    body = client.post("/api/trajectories/ensemble", json={"count": 4, "days": 2, "speed": "2.6 km/s"}).json()
    assert sum(body["fate_fractions"].values()) == pytest.approx(1.0)
    assert len(body["paths"]) == 4 and len(body["paths"][0]["x_km"]) == adapters.PATH_POINTS
    # the Moon stays near its orbit around the Earth (perigee 356,000 km, apogee 407,000 km)
    moon_km = [(x * x + y * y + z * z) ** 0.5 for x, y, z in zip(*body["moon_km"].values())]
    assert 350_000 < min(moon_km) and max(moon_km) < 410_000


def test_openapi_describes_the_api(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/presets", "/api/scenarios/validate", "/api/runs", "/api/runs/{run_id}",
                 "/api/runs/{run_id}/summary", "/api/runs/{run_id}/timeline", "/api/runs/{run_id}/report",
                 "/api/compare", "/api/massdriver/design", "/api/trajectories/ensemble", "/api/satellite/design"):
        assert path in spec["paths"], path
    assert set(spec["paths"]["/api/scenarios/validate"]["post"]["requestBody"]["content"]) == {
        "application/json", "application/toml"}


def test_page_and_local_assets(client):
    page = client.get("/")
    assert page.status_code == 200 and "default-src 'self'" in page.headers["content-security-policy"]
    assert "cdn" not in page.text.lower() and "https://" not in page.text
    plotly_js = client.get("/static/plotly.min.js")
    assert plotly_js.status_code == 200 and len(plotly_js.content) > 1_000_000
    assert client.get("/static/app.js").status_code == 200
