"""A finished run judged against any target (``GET /api/runs/{id}/target?target=...``).

The explorer keeps every sample's monthly timeline (at most ``MAX_SAMPLES`` samples), so
the target block of ``summary.json`` (:func:`moonbase.timeline.summary.target_summary`)
can be computed for another target without running again.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from moonbase.timeline.summary import (
    parse_target,
    target_columns,
    target_summary,
    yearly_target_series,
)


def run_target(run_folder: Path, text: str) -> dict[str, Any]:
    """The ``target`` block of the run in ``run_folder`` for ``text`` ("100 GW/yr", "10 TW").

    Raises
    ------
    ScenarioError
        When ``text`` is not a power per year or a power.
    """
    target = parse_target(text, "target")
    summary = json.loads((Path(run_folder) / "summary.json").read_text(encoding="utf-8"))
    span = summary["span"]
    table = pq.read_table(Path(run_folder) / "timeline.parquet", columns=["sample", *target_columns()])
    samples = int(summary.get("samples", 1))
    series = {name: table.column(name).to_numpy().reshape(samples, -1) for name in target_columns()}
    yearly = yearly_target_series(series, int(span["steps_per_year"]))
    return target_summary(yearly, target, int(span["start_year"]), int(span["end_year"]))
