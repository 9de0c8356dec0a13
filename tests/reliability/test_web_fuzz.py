"""Fuzzing the web API's scenario inputs: no 5xx and no traceback, whatever is sent.

A small hypothesis complement to the schemathesis suite of ``tests/web`` (which
generates requests from the OpenAPI description): here the bodies are hostile on
purpose, as raw bytes, TOML-shaped text and nested JSON. Skipped when the web extra
(FastAPI) is not installed.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("fastapi")
pytest.importorskip("httpx")
web_app = pytest.importorskip("moonbase.web.app")
from fastapi.testclient import TestClient  # noqa: E402

EXAMPLES = int(os.environ.get("MOONBASE_FUZZ_EXAMPLES", "12"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

CLIENT = TestClient(web_app.create_app(web_app.WebSettings(
    store_dir=Path(tempfile.mkdtemp(prefix="moonbase-web-fuzz-")) / "store", pool="thread", resume=False,
    allowed_hosts=("testserver",))))

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=12),
              st.sampled_from(["2.6 km/s", "1e999 W", "nan K", "-1 t", "alpha", "ground-only"])),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=10), inner, max_size=3)),
    max_leaves=10)
sections = st.sampled_from(["span", "launch", "mass_driver", "lunar", "deep_space", "uncertainty", "nope"])
scenario_objects = st.dictionaries(st.one_of(sections, st.just("base")), json_values, max_size=4)


def _no_server_error(response) -> None:
    assert response.status_code < 500, response.text[:300]
    assert "Traceback" not in response.text


@FUZZ
@given(st.binary(max_size=300), st.sampled_from(["application/toml", "application/json", "text/plain", ""]))
def test_validate_survives_raw_bytes(body, media):
    headers = {"content-type": media} if media else {}
    _no_server_error(CLIENT.post("/api/scenarios/validate", content=body, headers=headers))


@FUZZ
@given(scenario_objects)
def test_validate_answers_any_json_object_with_valid_or_field_errors(data):
    response = CLIENT.post("/api/scenarios/validate", content=json.dumps(data),
                           headers={"content-type": "application/json"})
    _no_server_error(response)
    if response.status_code == 200:
        answer = response.json()
        assert answer["valid"] or answer["errors"], answer


@FUZZ
@given(st.text(max_size=40))
def test_path_parameters_never_crash(text):
    name = quote(text, safe="")  # any text, sent as a client would (percent-encoded)
    for path in (f"/api/presets/{name}", f"/api/runs/{name}", f"/api/runs/{name}/summary"):
        _no_server_error(CLIENT.get(path))
