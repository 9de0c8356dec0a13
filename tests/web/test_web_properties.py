"""Property-based API tests generated from the OpenAPI description (schemathesis): no 5xx, ever.

Examples are few per operation to keep the module fast; the runs endpoint is included,
so valid generated requests queue real runs in a thread pool on a temporary store.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")

import tomli_w  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.config import SchemathesisConfig  # noqa: E402
from web_helpers import thread_settings  # noqa: E402

from moonbase.web import adapters, worker  # noqa: E402
from moonbase.web.app import create_app  # noqa: E402

MAX_EXAMPLES = 5  # per operation: ~20 operations, a few seconds in all

def _stub_design(*_: object) -> dict:
    return {"stub": True}


@pytest.fixture(scope="module", autouse=True)
def _no_heavy_work():
    """Keep the HTTP layer under test, not the models: runs and design calls are stubbed."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(worker, "execute_run", lambda root, run_id: "done")
        for name in ("trajectory_ensemble", "mass_driver_design", "satellite_design"):
            patch.setattr(adapters, name, _stub_design)
        yield


APP = create_app(thread_settings(Path(tempfile.mkdtemp(prefix="moonbase-web-props-")) / "store", max_active_runs=4))
# fuzzing only (the coverage phase enumerates hundreds of boundary cases per operation)
CONFIG = SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}}})
schema = schemathesis.openapi.from_asgi("/openapi.json", APP, config=CONFIG)


@schemathesis.serializer("application/toml")
def _toml(ctx, value):  # noqa: ANN001 - schemathesis' serializer signature
    """Generated TOML bodies: strings as they are, tables through tomli-w."""
    if isinstance(value, str):
        return value.encode("utf-8")
    try:
        return tomli_w.dumps(value if isinstance(value, dict) else {"value": value}).encode("utf-8")
    except (TypeError, ValueError):
        return repr(value).encode("utf-8")


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_api_never_answers_5xx(case):
    case.call_and_validate(checks=[not_a_server_error])
