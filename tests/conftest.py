"""Session-wide test settings: the fate-table cache lives in a temporary folder, never the user's."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True, scope="session")
def _fate_cache_in_a_temporary_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fate_cache")
    previous = os.environ.get("MOONBASE_FATE_CACHE_DIR")
    os.environ["MOONBASE_FATE_CACHE_DIR"] = str(folder)  # inherited by the CLI and server subprocesses
    yield folder
    if previous is None:
        os.environ.pop("MOONBASE_FATE_CACHE_DIR", None)
    else:
        os.environ["MOONBASE_FATE_CACHE_DIR"] = previous
