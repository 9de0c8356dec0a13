"""Run directories: everything a run produced, written all-or-nothing.

A run writes into a hidden sibling folder and renames it into place only when every
file is complete, so an interrupted or failed run leaves no half-written folder.

Every run folder carries ``run.json``, its provenance (:func:`provenance`): the moonbase
version, Python and the installed versions of moonbase's dependencies, the SHA-256 of
the resolved ``scenario.toml`` (the scenario's hash), the seed and sample count, and the
SHA-256 of each result file. It holds no clock time, so the same scenario and seed on
the same installation give a byte-identical ``run.json`` as well as byte-identical
``timeline.parquet`` and ``summary.json`` (tested in ``tests/reliability/``).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import platform
import re
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import pyarrow.parquet as pq

from moonbase import __version__
from moonbase.execution.output_dir import check_out_dir, staged_output_dir  # noqa: F401 (re-exported)
from moonbase.scenario.loader import scenario_to_toml
from moonbase.timeline.run import RunResult
from moonbase.timeline.table import timeline_table

DEFAULT_RUNS_DIR = Path("runs")
PROVENANCE_FILE = "run.json"
_REQUIREMENT_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def sha256_hex(data: bytes) -> str:
    """SHA-256 of ``data`` as 64 hex digits."""
    return hashlib.sha256(data).hexdigest()


def dependency_versions() -> dict[str, str]:
    """Installed versions of moonbase's required dependencies (``"not installed"`` if missing)."""
    versions: dict[str, str] = {}
    for requirement in importlib.metadata.requires("moonbase") or []:
        if "extra ==" in requirement:
            continue  # optional extras (web, test, docs) do not shape results
        match = _REQUIREMENT_NAME.match(requirement)
        if match is None:
            continue
        name = match.group(1)
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return dict(sorted(versions.items(), key=lambda item: item[0].lower()))


def provenance(scenario_toml: str, seed: int, samples: int, files: dict[str, bytes]) -> dict:
    """The provenance record of a run (the content of ``run.json``).

    Parameters
    ----------
    scenario_toml
        The resolved scenario exactly as written to ``scenario.toml``.
    seed, samples
        The run's seed and number of samples.
    files
        Result files by name and their bytes; each is recorded by its SHA-256.
    """

    return {
        "moonbase_version": __version__,
        "python": platform.python_version(),
        "dependencies": dependency_versions(),
        "scenario_sha256": sha256_hex(scenario_toml.encode("utf-8")),
        "seed": int(seed),
        "samples": int(samples),
        "files_sha256": {name: sha256_hex(data) for name, data in sorted(files.items())},
    }


def default_run_dir(scenario_name: str, root: Path = DEFAULT_RUNS_DIR) -> Path:
    """A fresh folder name under ``runs/``: ``<scenario>-<UTC timestamp>``."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in scenario_name)
    candidate = root / f"{safe}-{stamp}"
    suffix = 1
    while candidate.exists():
        suffix += 1
        candidate = root / f"{safe}-{stamp}-{suffix}"
    return candidate


def write_run(result: RunResult, out_dir: Path,
              extra_writer: Callable[[Path, RunResult], None] | None = None) -> Path:
    """Write scenario.toml, timeline.parquet, summary.json (and what ``extra_writer`` adds).

    Returns the final run folder. Files appear there only when all are written;
    ``run.json`` records the provenance (see the module docstring).
    """
    with staged_output_dir(out_dir) as staging:
        scenario_toml = scenario_to_toml(result.scenario)
        (staging / "scenario.toml").write_text(scenario_toml, encoding="utf-8")
        pq.write_table(timeline_table(result.timeline), staging / "timeline.parquet")
        (staging / "summary.json").write_text(json.dumps(result.summary, indent=2) + "\n", encoding="utf-8")
        record = provenance(scenario_toml, result.seed, result.timeline.samples, {
            name: (staging / name).read_bytes() for name in ("scenario.toml", "timeline.parquet", "summary.json")})
        (staging / PROVENANCE_FILE).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        if extra_writer is not None:
            extra_writer(staging, result)
    return Path(out_dir)
