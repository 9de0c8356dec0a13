"""Fixtures of the web tests: an app on a temporary store and one finished run."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# the suite imports test modules by path (--import-mode=importlib): make the helpers importable
sys.path.insert(0, str(Path(__file__).resolve().parent))

pytest.importorskip("fastapi", reason="the web extra is not installed (pip install 'moonbase[web]')")

from fastapi.testclient import TestClient  # noqa: E402
from web_helpers import thread_settings, wait_for_run  # noqa: E402

from moonbase.web.app import create_app  # noqa: E402


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("web") / "store"


@pytest.fixture(scope="module")
def client(store_dir: Path) -> Iterator[TestClient]:
    """A client of an app whose store is ``store``, with the store's parent as working folder.

    Anything the server wrote by a relative path outside the store would show up next to it.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(store_dir.parent)
        with TestClient(create_app(thread_settings(Path("store")))) as test_client:
            yield test_client


@pytest.fixture(scope="module")
def alpha_run(client: TestClient) -> dict:
    """One finished alpha run with its report, shared by the read-only tests of a module."""
    answer = client.post("/api/runs", json={"preset": "alpha", "report": True})
    assert answer.status_code == 202, answer.text
    status = wait_for_run(client, answer.json()["id"])
    assert status["state"] == "done", status
    return status
