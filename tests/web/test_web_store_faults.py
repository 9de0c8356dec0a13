"""The web store under injected write failures, start-up clean-up, final states and strict input types.

A real small filesystem is used by ``tests/reliability/test_store_faults.py`` where mounting
is permitted; here the same failures are injected, so these run everywhere.
"""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_helpers import thread_settings, wait_for_run

from moonbase.web import store as store_module
from moonbase.web import worker
from moonbase.web.app import create_app
from moonbase.web.store import RunRequest, RunStore

SHORT = {"scenario": {"base": "ground-only", "name": "short", "span": {"end_year": 2030}}, "report": False}
SHORT_TOML = 'base = "ground-only"\nname = "short"\n[span]\nend_year = 2030\n'


def _failing(code: int):
    def fail(*_args, **_kwargs):
        raise OSError(code, os.strerror(code), "/srv/secret/store/x/status.json")
    return fail


@pytest.mark.parametrize("code, status, words", [
    (errno.ENOSPC, 507, "No space left on device"), (errno.EDQUOT, 507, "quota"),
    (errno.EROFS, 503, "Read-only file system"), (errno.EACCES, 503, "Permission denied"),
])
def test_a_store_that_refuses_writes_answers_503_or_507_and_keeps_no_folder(tmp_path, monkeypatch, code, status, words):
    store = tmp_path / "store"
    with TestClient(create_app(thread_settings(store))) as client:
        monkeypatch.setattr(store_module, "write_json_atomic", _failing(code))
        answer = client.post("/api/runs", json=SHORT)
        assert answer.status_code == status, answer.text
        assert words.lower() in answer.json()["detail"].lower() and "/srv/secret" not in answer.text
        assert [p.name for p in store.iterdir()] == [".lock"]
        monkeypatch.undo()
        assert client.post("/api/runs", json=SHORT).status_code == 202


@pytest.mark.parametrize("stage", ["tables", "charts"])
def test_a_write_failure_inside_a_run_fails_it_with_the_reason_and_no_partial_file(tmp_path, monkeypatch, stage):
    if stage == "charts":
        real = Path.write_text

        def write_text(self, *args, **kwargs):
            if self.name.endswith(".partial"):
                real(self, "{", encoding="utf-8")  # half a file, then the disk is full
                _failing(errno.ENOSPC)()
            return real(self, *args, **kwargs)

        monkeypatch.setattr(Path, "write_text", write_text)
    else:
        from moonbase.results import run_dir

        monkeypatch.setattr(run_dir.pq, "write_table", _failing(errno.ENOSPC))
    with TestClient(create_app(thread_settings(tmp_path / "store"))) as client:
        run_id = client.post("/api/runs", json=SHORT).json()["id"]
        status = wait_for_run(client, run_id)
    assert status["state"] == "failed" and status["stage"] == "failed"
    assert "No space left on device" in status["error"] and "/srv/secret" not in status["error"]
    assert [p for p in (tmp_path / "store").rglob(".*partial*")] == []


def test_start_up_removes_leftovers_and_leaves_finished_runs_untouched(tmp_path):
    store = tmp_path / "store"
    with TestClient(create_app(thread_settings(store))) as client:
        done_id = client.post("/api/runs", json=SHORT).json()["id"]
        assert wait_for_run(client, done_id)["state"] == "done"
    done_status = (store / done_id / "status.json").read_bytes()
    runs = RunStore(store)
    pending = runs.create(RunRequest(SHORT_TOML, "short", 1, 0, False))
    (store / pending / ".run.partial-abc123").mkdir()  # a worker killed mid-run
    (store / pending / ".run.partial-abc123" / "timeline.parquet").write_bytes(b"half")
    (store / pending / ".charts.json.partial").write_text("{", encoding="utf-8")
    (store / done_id / ".status.json.x1y2").write_text("{", encoding="utf-8")  # an interrupted atomic write
    (store / ("f" * 32)).mkdir()  # a run folder whose request was never stored
    with TestClient(create_app(thread_settings(store))) as client:
        assert wait_for_run(client, pending)["state"] == "done"
        assert client.get(f"/api/runs/{done_id}").json()["state"] == "done"
    assert (store / done_id / "status.json").read_bytes() == done_status
    assert not (store / ("f" * 32)).exists()
    assert [p for p in store.rglob(".*partial*")] + list(store.rglob(".status.json.*")) == []


def test_a_done_run_never_changes_state(tmp_path):
    runs = RunStore(tmp_path / "store")
    run_id = runs.create(RunRequest(SHORT_TOML, "short", 1, 0, False))
    runs.update(run_id, state="done", stage="done", progress=1.0)
    before = runs.status(run_id)
    assert runs.update(run_id, state="failed", error="Directory not empty") == before
    assert runs.status(run_id) == before
    assert worker.execute_run(str(runs.root), run_id) == "done"  # a late duplicate attempt changes nothing
    assert runs.status(run_id) == before


@pytest.mark.parametrize("body, field", [
    ({"preset": "alpha", "samples": "5"}, "samples"),
    ({"preset": "alpha", "samples": 2.0}, "samples"),
    ({"preset": "alpha", "seed": True}, "seed"),
    ({"preset": "alpha", "report": "yes"}, "report"),
    ({"scenario": {"base": "alpha", "span": {"steps_per_year": True}}}, "span.steps_per_year"),
    ({"scenario": {"base": "alpha", "span": {"end_year": "2040"}}}, "span.end_year"),
    ({"scenario": {"base": "alpha", "earth_orbit": {"enabled": 1}}}, "earth_orbit.enabled"),
    ({"toml": 'base = "alpha"\n[span]\nsteps_per_year = true\n'}, "span.steps_per_year"),
])
def test_values_are_not_converted_between_types(client, body, field):
    answer = client.post("/api/runs", json=body)
    assert answer.status_code == 422, answer.text
    assert field in json.dumps(answer.json())


def test_numbers_past_the_digit_limit_are_422_everywhere(client):
    huge = "9" * 5000
    for path, text in (("/api/scenarios/validate", '{"span": {"end_year": ' + huge + "}}"),
                       ("/api/runs", '{"preset": "alpha", "seed": ' + huge + "}"),
                       ("/api/massdriver/design", '{"scenario": {"span": {"end_year": ' + huge + "}}}")):
        answer = client.post(path, content=text, headers={"content-type": "application/json"})
        assert answer.status_code == 422 and "more than 40 characters" in answer.json()["detail"], answer.text
    toml = client.post("/api/scenarios/validate", content=f"[span]\nend_year = {huge}\n",
                       headers={"content-type": "application/toml"}).json()
    assert not toml["valid"] and "too long to read" in toml["errors"][0]["message"]


@pytest.mark.parametrize("field, value, words", [
    ("height", "1e308 m", "outside [-10000, 20000] m"), ("elevation", "-90 deg", "above the horizon"),
    ("elevation", "0 deg", "above the horizon"), ("speed", "-1 km/s", "outside (0, 20] km/s"),
])
def test_trajectory_inputs_outside_their_physical_range_are_422(client, field, value, words):
    answer = client.post("/api/trajectories/ensemble", json={field: value})
    assert answer.status_code == 422 and words in answer.json()["detail"], answer.text


def test_an_overlong_name_is_refused_with_a_short_answer(client):
    answer = client.post("/api/runs", json={"scenario": {"base": "alpha", "name": "n" * 900_000}})
    assert answer.status_code == 422 and len(answer.content) < 1_000


def test_allowed_hosts_are_answered_and_others_refused(tmp_path):
    settings = thread_settings(tmp_path / "store", allowed_hosts=("testserver", "moonbase.example"))
    with TestClient(create_app(settings)) as client:
        assert client.get("/api/health", headers={"host": "moonbase.example:8000"}).status_code == 200
        assert client.get("/api/health", headers={"host": "[::1]:8000"}).status_code == 200
        refused = client.get("/api/runs", headers={"host": "evil.example"})
        assert refused.status_code == 400 and "--allowed-host" in refused.json()["detail"]


def test_an_internal_error_is_a_bare_500_with_the_security_headers(tmp_path, monkeypatch):
    from moonbase.web import app as app_module

    monkeypatch.setattr(app_module, "form_schema", lambda: 1 / 0)
    with TestClient(create_app(thread_settings(tmp_path / "store")), raise_server_exceptions=False) as client:
        answer = client.get("/api/schema")
    assert answer.status_code == 500 and "ZeroDivision" not in answer.text
    assert answer.headers["x-content-type-options"] == "nosniff" and "content-security-policy" in answer.headers


def test_a_scenario_with_thousands_of_values_is_refused_before_validation(client):
    options = [f"{i % 50} %/yr" for i in range(1_000)]
    uncertainty = {field: {"distribution": "discrete", "values": options}
                   for field in ("world.growth", "compute.improvement", "compute.supply_growth")}
    answer = client.post("/api/scenarios/validate", json={"base": "alpha", "uncertainty": uncertainty})
    assert answer.status_code == 422 and "more than 2,000 values" in answer.json()["detail"]


def test_a_final_status_the_store_could_not_take_is_answered_from_memory(tmp_path):
    from moonbase.web.supervisor import ProcessSupervisor

    runs = RunStore(tmp_path / "store")
    run_id = runs.create(RunRequest(SHORT_TOML, "short", 1, 0, False))
    runs.update(run_id, state="running", stage="charts", progress=0.9)  # the worker could not write "failed"
    supervisor = ProcessSupervisor(runs, workers=1)
    supervisor._check_saved(run_id)
    override = supervisor.status_override(run_id)
    assert override is not None and override["state"] == "failed" and "full or read-only" in override["error"]
    runs.update(run_id, state="failed", stage="failed")
    fresh = ProcessSupervisor(runs, workers=1)
    fresh._check_saved(run_id)
    assert fresh.status_override(run_id) is None


def test_a_run_request_answered_past_the_deadline_stores_nothing(tmp_path, monkeypatch):
    from moonbase.web import app as app_module

    monkeypatch.setattr(app_module, "INPUT_DEADLINE_S", 0.0)  # every request arrives "too late"
    store = tmp_path / "store"
    with TestClient(create_app(thread_settings(store))) as client:
        answer = client.post("/api/runs", json=SHORT)
    assert answer.status_code == 503 and answer.headers["retry-after"]
    assert [p.name for p in store.iterdir()] == [".lock"]
