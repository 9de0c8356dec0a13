"""The table ``moonbase sweep`` prints: one row per grid point, with when the target is met.

Read back from the sweep's ``yearly`` dataset (the same numbers ``moonbase query`` sees),
so a resumed sweep prints every point, not only those computed in this call.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from rich.table import Table
from rich.text import Text

from moonbase.commands.common import si_text, whole_words
from moonbase.commands.headline import target_title
from moonbase.results.query import query_run
from moonbase.timeline.summary import Target, target_columns, target_summary


def point_rows(out_dir: Path, target: Target) -> list[dict[str, Any]]:
    """Per grid point: the target block (first year, share reaching it, peak) and the cost to the end."""
    columns = [*target_columns(), "cumulative_cost_usd"]
    table = query_run(out_dir, f"SELECT point, sample, year, {', '.join(columns)} FROM yearly "
                               "ORDER BY point, sample, year")
    data = {name: table.column(name).to_numpy() for name in table.column_names}
    years = np.unique(data["year"])
    rows = []
    for point in np.unique(data["point"]):
        mask = data["point"] == point
        samples = np.unique(data["sample"][mask]).size
        series = {name: data[name][mask].reshape(samples, years.size) for name in columns}
        block = target_summary(series, target, int(years[0]), int(years[-1]))
        rows.append({"point": int(point), "target": block,
                     "cumulative_cost_usd": float(np.median(series["cumulative_cost_usd"][:, -1]))})
    return rows


def _year(entry: Any, end_year: int) -> str:
    value = entry.get("p50") if isinstance(entry, dict) else entry
    return f"not by {end_year}" if value is None else f"{value:.0f}"


def sweep_table(rows: list[dict[str, Any]], assignments: list[dict[str, Any]], samples: int,
                end_year: int) -> Table:
    """One row per point: its grid values, the first year (P50 when sampled), share reaching, peak, cost."""
    target = rows[0]["target"]
    sampled = samples > 1
    fields = list(assignments[0]) if assignments else []
    table = Table(title=f"sweep: {target_title(target)}" + (f" (P50 of {samples} samples)" if sampled else ""),
                  caption=("grid: " + ", ".join(fields)) if fields else None, header_style="bold")
    table.add_column("point", justify="right")
    for path in fields:  # the field's own name, a word per line; the caption gives the full path
        table.add_column(Text(path.rsplit(".", 1)[-1].replace("_", "\n")), justify="right")
    table.add_column("first year", justify="right")
    if sampled:
        table.add_column(f"share reaching by {end_year}", justify="right")
    table.add_column("peak added per year (year)", justify="right")
    table.add_column(Text(f"cost to {end_year} [trillion USD]"), justify="right")
    for row, assignment in zip(rows, assignments):
        t = row["target"]
        peak, peak_year = t["peak_space_power_added_per_year_w"], t["peak_space_power_added_year"]
        peak_w = peak["p50"] if isinstance(peak, dict) else peak
        year = peak_year["p50"] if isinstance(peak_year, dict) else peak_year
        cells = [str(row["point"]), *(str(assignment[p]) for p in fields), _year(t["first_year"], end_year)]
        if sampled:
            cells.append(f"{t['first_year']['fraction_reached']:.0%}")
        cells += [f"{si_text(peak_w, 'W/yr')} ({year:.0f})", f"{row['cumulative_cost_usd'] / 1e12:,.2f}"]
        table.add_row(*(Text(c) for c in cells))
    return whole_words(table)
