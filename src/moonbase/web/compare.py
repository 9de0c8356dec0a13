"""Two runs side by side: headline numbers, their differences, and a chart of both."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from moonbase.report.figures import central_value
from moonbase.web.charts import comparison_chart

#: Headline quantities compared: (key, label, unit, path into summary.json).
METRICS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("first_year_1tw", "First year adding >= 1 TW/yr of space compute", "yr", ("first_year_added_power_ge_1tw",)),
    ("peak_space_power_added", "Peak space compute added in a year", "W/yr", ("peak_space_power_added_per_year_w",)),
    ("peak_space_power_added_year", "Year of that peak", "yr", ("peak_space_power_added_year",)),
    ("total_power_end", "Total compute power at the end", "W", ("end", "deployed_compute_power_w", "total")),
    ("space_power_end", "Space compute power at the end", "W", ("end", "deployed_compute_power_w", "space")),
    ("earth_orbit_power_end", "Earth-orbit compute power at the end", "W",
     ("end", "deployed_compute_power_w", "earth_orbit")),
    ("deep_space_power_end", "Deep-space compute power at the end", "W",
     ("end", "deployed_compute_power_w", "deep_space")),
    ("kardashev_end", "Kardashev index at the end", "", ("end", "kardashev_index")),
    ("cost_end", "Cumulative cost", "USD", ("end", "cumulative_cost_usd")),
    ("earth_launches", "Earth launches", "", ("end", "earth_launches")),
    ("mass_driver_launches", "Mass-driver launches", "", ("end", "mass_driver_launches")),
    ("heliocentric_fraction", "Payloads escaping to heliocentric orbit", "", ("escape", "heliocentric_fraction")),
)


def _lookup(summary: dict[str, Any], path: tuple[str, ...]) -> float | None:
    value: Any = summary
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return central_value(value)


def compare_runs(runs: list[tuple[str, Path]]) -> dict[str, Any]:
    """Compare finished runs given as ``(id, run folder)``; the first is the baseline.

    Each metric row holds the central value (median when sampled) of every run (null for
    a milestone the median sample does not reach by the run's ``end_year``), and
    for two runs the difference ``second - first`` and the ratio ``second / first``
    (null where undefined).
    """
    summaries = [json.loads((folder / "summary.json").read_text(encoding="utf-8")) for _, folder in runs]
    labels = [f"{summary['scenario']} ({run_id[:8]})" for (run_id, _), summary in zip(runs, summaries)]
    rows = []
    for key, label, unit, path in METRICS:
        values = [_lookup(summary, path) for summary in summaries]
        row: dict[str, Any] = {"key": key, "label": label, "unit": unit, "values": values,
                               "difference": None, "ratio": None}
        if len(values) == 2 and None not in values:
            first, second = values
            row["difference"] = second - first
            row["ratio"] = second / first if first else None
        rows.append(row)
    chart = comparison_chart([
        (label, pq.read_table(folder / "timeline.parquet"), int(summary["span"]["steps_per_year"]))
        for label, (_, folder), summary in zip(labels, runs, summaries)])
    return {"runs": [{"id": run_id, "label": label, "scenario": summary["scenario"],
                      "end_year": summary["span"]["end_year"],
                      "samples": summary.get("samples", 1), "warnings": summary.get("warnings", [])}
                     for (run_id, _), label, summary in zip(runs, labels, summaries)],
            "metrics": rows, "chart": chart}
