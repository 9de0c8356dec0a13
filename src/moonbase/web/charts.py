"""Chart data for the web page: the report's figures as plotly JSON, and run comparisons.

The page draws the same :class:`~moonbase.report.figures.FigureSpec` figures as the
HTML report (one source for what a chart shows), sent as plotly figure JSON and drawn
by the locally served plotly.js.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import plotly.graph_objects as go
import pyarrow as pa
from plotly.subplots import make_subplots

from moonbase.report.figures import TIER_COLORS, TimelineGrid, figure_specs, format_si, format_usd, log_ticks
from moonbase.report.html import plotly_figure
from moonbase.timeline.summary import annual_sums

#: Line styles of the two runs in a comparison chart (first run solid, second dashed).
COMPARE_DASH = ("solid", "dash")
COMPARE_COLORS = (TIER_COLORS["earth_orbit"], TIER_COLORS["deep_space"])
#: (column, panel title, log axis, calendar-year sums, unit of the tick labels)
_COMPARE_PANELS = (
    ("space_compute_power_w", "Space compute power [W]", True, False, "W"),
    ("space_power_added_w", "Space power added per year [W/yr]", True, True, "W/yr"),
    ("cumulative_cost_usd", "Cumulative cost [USD 2025]", True, False, "USD"),
    ("kardashev_index", "Kardashev index K [-]", False, False, ""),
)


def run_charts(table: pa.Table, summary: dict[str, Any]) -> list[dict[str, Any]]:
    """The report figures of one run: ``[{name, title, caption, figure}]`` with plotly JSON."""
    return [{"name": spec.name, "title": spec.title, "caption": spec.caption,
             "figure": json.loads(plotly_figure(spec).to_json())}
            for spec in figure_specs(table, summary)]


def _median_path(grid: TimelineGrid, column: str, annual: bool, steps_per_year: int) -> tuple[np.ndarray, np.ndarray]:
    values = grid.values(column)
    if annual:
        whole = (values.shape[1] // steps_per_year) * steps_per_year
        sums = annual_sums(values[:, :whole], steps_per_year)
        years = np.floor(grid.year[steps_per_year - 1:whole:steps_per_year] - 0.5 / steps_per_year)
        return years, np.median(sums, axis=0)
    return grid.year, np.median(values, axis=0)


def comparison_chart(runs: list[tuple[str, pa.Table, int]]) -> dict[str, Any]:
    """Plotly JSON of key paths of two (or more) runs, one panel per quantity, medians over samples.

    ``runs`` holds ``(label, timeline table, steps per year)`` per run.
    """
    figure = make_subplots(rows=len(_COMPARE_PANELS), cols=1, shared_xaxes=True, vertical_spacing=0.05,
                           subplot_titles=[title for _, title, _, _, _ in _COMPARE_PANELS])
    shown: dict[int, list[np.ndarray]] = {}
    for index, (label, table, steps_per_year) in enumerate(runs):
        grid = TimelineGrid.from_table(table, steps_per_year)
        for row, (column, _, log_y, annual, _) in enumerate(_COMPARE_PANELS, start=1):
            x, y = _median_path(grid, column, annual, steps_per_year)
            if log_y:
                y = np.where(y > 0, y, np.nan)  # zero has no place on a log axis
                shown.setdefault(row, []).append(y)
            figure.add_trace(go.Scatter(
                x=x, y=y, name=label, legendgroup=label, showlegend=row == 1,
                mode="lines+markers" if annual else "lines", marker=dict(size=4),
                line=dict(color=COMPARE_COLORS[index % 2], dash=COMPARE_DASH[index % 2], width=2)),
                row=row, col=1)
            figure.update_yaxes(type="log" if log_y else "linear", row=row, col=1)
    figure.update_layout(template="none", height=260 * len(_COMPARE_PANELS), hovermode="x unified",
                         margin=dict(l=80, r=20, t=40, b=50), plot_bgcolor="white", paper_bgcolor="white")
    figure.update_xaxes(showgrid=True, gridcolor="#e5e5e5", tickformat="d", showticklabels=True)  # years on every panel
    figure.update_yaxes(showgrid=True, gridcolor="#e5e5e5")
    for row, values in shown.items():  # log ticks with their unit: "1 TW", "10 GW", not "1T", "10G"
        finite = np.concatenate(values)
        finite = finite[np.isfinite(finite)]
        if finite.size:
            ticks = log_ticks(float(finite.min()), float(finite.max()))
            unit = _COMPARE_PANELS[row - 1][4]
            figure.update_yaxes(tickmode="array", tickvals=list(ticks),
                                ticktext=[format_usd(t) if unit == "USD" else format_si(t, unit) for t in ticks],
                                row=row, col=1)
    return json.loads(figure.to_json())
