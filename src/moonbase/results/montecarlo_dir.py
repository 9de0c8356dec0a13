"""The run folder of a Monte Carlo run (``moonbase run --samples N`` with N > 1).

Written all-or-nothing, like a single run (staged in a hidden sibling folder, renamed
into place). It holds:

- ``scenario.toml`` (with its ``[uncertainty]`` and ``correlations``), ``summary.json``
  (each milestone and end value as ``{p10, p50, p90, mean}``);
- ``samples.parquet``: one row per sample: drawn inputs and outputs;
- ``percentiles.parquet``: P5-P95 and mean of every reported series by calendar year;
- ``timeline.parquet`` with every sample and month only up to
  :data:`FULL_TIMELINE_MAX_SAMPLES` samples or when asked (``--all-samples``): at 10^5
  samples it would be 9 x 10^7 rows (~30 GB in memory);
- ``report.html`` and ``figures/``: bands from all samples' percentiles;
- ``run.json``: provenance, as for a single run (versions, seed, samples, SHA-256 of
  ``scenario.toml`` and of each result file).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq

from moonbase.analysis.montecarlo import MonteCarloResult, percentile_table, samples_table
from moonbase.execution.output_dir import staged_output_dir
from moonbase.results.run_dir import PROVENANCE_FILE, provenance
from moonbase.scenario.loader import scenario_to_toml

#: Largest sample count whose full monthly timeline is written by default.
FULL_TIMELINE_MAX_SAMPLES = 100


def write_montecarlo_run(result: MonteCarloResult, out_dir: Path,
                         report: Callable[[Path, MonteCarloResult], None] | None = None) -> Path:
    """Write the run folder of ``result`` (see the module docstring); return it.

    ``report``, when given, writes the report into the staged folder before it is
    committed (:func:`moonbase.report.html.write_montecarlo_report`), so the folder appears
    whole or not at all.
    """
    with staged_output_dir(out_dir) as staging:
        toml = scenario_to_toml(result.scenario)
        (staging / "scenario.toml").write_text(toml, encoding="utf-8")
        (staging / "summary.json").write_text(json.dumps(result.summary, indent=2) + "\n", encoding="utf-8")
        pq.write_table(samples_table(result.inputs, result.outputs), staging / "samples.parquet")
        pq.write_table(percentile_table(result.years, result.yearly), staging / "percentiles.parquet")
        if result.timeline is not None:
            pq.write_table(result.timeline, staging / "timeline.parquet")
        written = [p.name for p in sorted(staging.iterdir()) if p.suffix in (".toml", ".json", ".parquet")]
        record = provenance(toml, result.seed, result.samples, {name: (staging / name).read_bytes() for name in written})
        (staging / PROVENANCE_FILE).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        if report is not None:
            report(staging, result)
    return Path(out_dir)


