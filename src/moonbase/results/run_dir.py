"""Run directories: everything a run produced, written all-or-nothing.

A run writes into a hidden sibling folder and renames it into place only when every
file is complete, so an interrupted or failed run leaves no half-written folder.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import pyarrow.parquet as pq

from moonbase.errors import ScenarioError
from moonbase.results.tables import timeline_table
from moonbase.scenario.loader import scenario_to_toml
from moonbase.timeline.run import RunResult

DEFAULT_RUNS_DIR = Path("runs")


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


def check_out_dir(out_dir: Path) -> None:
    """Refuse an output folder that exists and is not empty, or cannot be created."""
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise ScenarioError(f"--out = '{out_dir}' already exists and is not an empty folder; "
                            "choose a new folder (runs are never overwritten).")
    parent = out_dir.resolve().parent
    probe = parent
    while not probe.exists():
        probe = probe.parent
    if not os.access(probe, os.W_OK):
        raise ScenarioError(f"--out = '{out_dir}' cannot be created: '{probe}' is not writable.")


def write_run(result: RunResult, out_dir: Path,
              extra_writer: Callable[[Path, RunResult], None] | None = None) -> Path:
    """Write scenario.toml, timeline.parquet, summary.json (and what ``extra_writer`` adds).

    Returns the final run folder. Files appear there only when all are written.
    """
    out_dir = Path(out_dir)
    check_out_dir(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.partial-", dir=out_dir.parent))
    try:
        (staging / "scenario.toml").write_text(scenario_to_toml(result.scenario), encoding="utf-8")
        pq.write_table(timeline_table(result.timeline), staging / "timeline.parquet")
        (staging / "summary.json").write_text(json.dumps(result.summary, indent=2) + "\n", encoding="utf-8")
        if extra_writer is not None:
            extra_writer(staging, result)
        if out_dir.exists():
            out_dir.rmdir()  # empty, checked above
        staging.rename(out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return out_dir
