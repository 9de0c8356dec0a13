"""The self-contained HTML run report: headline, interactive figures, tables, sources.

:func:`write_report` writes ``run_dir/report.html`` and the PNG figures in
``run_dir/figures/``. The page works offline: plotly.js is embedded once, inline;
there are no CDN scripts, web fonts or remote images (the only links are relative
ones to the PNG files next to the page). The figures are the same
:class:`~moonbase.report.figures.FigureSpec` objects the PNGs are drawn from.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import jinja2
import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import plotly.offline
import pyarrow as pa
from markupsafe import Markup
from plotly.subplots import make_subplots

from moonbase.analysis.montecarlo import MonteCarloResult, decile_timeline
from moonbase.claims.run_check import run_claims
from moonbase.errors import ScenarioError
from moonbase.report.figures import (
    TIER_COLORS,
    TIER_LABELS,
    FigureSpec,
    Panel,
    central_value,
    figure_specs,
    format_si,
    format_usd,
    write_figures,
    year_tick_step,
)
from moonbase.results.binding_glossary import explanation
from moonbase.scenario.loader import scenario_from_toml, scenario_to_toml
from moonbase.timeline.columns import column_by_name
from moonbase.timeline.summary import annual_sums
from moonbase.validation.credibility import credibility_box, run_references

FIGURES_DIR_NAME = "figures"  # where write_figures puts the PNGs, relative to run_dir
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True,
                 "toImageButtonOptions": {"format": "png", "scale": 2}}
_PANEL_HEIGHT_PX = 380
_AXIS_STYLE = dict(showgrid=True, gridcolor="#e5e5e5", zeroline=False, showline=True,
                   linecolor="#444444", ticks="outside", tickcolor="#444444", automargin=True)
_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.PackageLoader("moonbase.report", "templates"),
    autoescape=jinja2.select_autoescape(["html"]),
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def write_report(run_dir: Path, timeline: pa.Table, summary: dict, scenario_toml: str,
                 references: list[str] | None = None, credibility: dict | None = None,
                 capacity: list[dict] | None = None) -> Path:
    """Write ``run_dir/report.html`` and ``run_dir/figures/*.png``; return the HTML path.

    Parameters
    ----------
    run_dir : pathlib.Path
        Run directory; created if missing.
    timeline : pyarrow.Table
        The tidy timeline (columns of :mod:`moonbase.timeline.columns`), one or more
        samples.
    summary : dict
        The run summary (the content of ``summary.json``).
    scenario_toml : str
        The resolved scenario, shown verbatim in a collapsible block.
    references : list of str, optional
        Sources of the models used in the run, one formatted citation each; by default
        those of the model families the scenario uses
        (:func:`moonbase.validation.credibility.run_references`).
    credibility : dict, optional
        The credibility box (:func:`moonbase.validation.credibility.credibility_box`);
        by default computed from ``scenario_toml``.
    capacity : list of dict, optional
        Each capacity input raised alone (:func:`moonbase.analysis.capacity_response.capacity_response`);
        the section is left out without it.

    Returns
    -------
    pathlib.Path
        Path of the written ``report.html``.
    """
    run_dir = Path(run_dir)
    write_figures(run_dir, timeline, summary)
    path = run_dir / "report.html"
    path.write_text(report_html(timeline, summary, scenario_toml, references, credibility, capacity),
                    encoding="utf-8")
    return path


def write_montecarlo_report(run_dir: Path, result: MonteCarloResult) -> Path:
    """Write the report of a Monte Carlo run into ``run_dir``: P10-P90 bands from its decile timeline."""
    return write_report(run_dir, decile_timeline(result), result.summary, scenario_to_toml(result.scenario),
                        references=None)


def report_html(timeline: pa.Table, summary: dict, scenario_toml: str,
                references: list[str] | None = None, credibility: dict | None = None,
                capacity: list[dict] | None = None) -> str:
    """The report page as a string (figures inline; PNG links point to ``figures/``)."""
    if credibility is None or references is None:
        box, cited = _evidence(scenario_toml)
        credibility = box if credibility is None else credibility
        references = cited if references is None else references
    return _page(figure_specs(timeline, summary), summary, scenario_toml, references, credibility,
                 _claims_rows(timeline, summary, scenario_toml), capacity)


def _yearly(timeline: pa.Table, summary: dict) -> tuple[dict[str, np.ndarray], int]:
    """``(samples, years)`` arrays of the timeline's numeric columns by calendar year, and the first year.

    A monthly timeline is reduced as the Monte Carlo does (flows summed, stocks at the year's
    end, rates averaged); a table with one step per year (a sampled run's deciles) is already yearly.
    """
    span = summary.get("span", {})
    start, end = int(span.get("start_year", 0)), int(span.get("end_year", 0))
    years = end - start + 1
    samples = len(set(timeline.column("sample").to_pylist())) if timeline.num_rows else 0
    if not samples or years <= 0:
        return {}, start
    steps = timeline.num_rows // samples
    per_year = max(steps // years, 1)
    out = {}
    known = column_by_name()
    for name in timeline.column_names:
        info = known.get(name)
        if info is None or info.kind in ("key", "label"):
            continue
        values = np.asarray(timeline.column(name).to_numpy(zero_copy_only=False), dtype=float).reshape(samples, steps)
        if per_year == 1:
            out[name] = values
        elif info.kind == "flow":
            out[name] = annual_sums(values, per_year)
        elif info.kind == "rate":
            out[name] = annual_sums(values, per_year) / per_year
        else:
            out[name] = values[:, per_year - 1::per_year]
    return out, start


def _claims_rows(timeline: pa.Table, summary: dict, scenario_toml: str) -> list[dict]:
    """The ledger's claims this run supports or contradicts (none without a scenario)."""
    if not scenario_toml.strip():
        return []
    try:
        scenario = scenario_from_toml(scenario_toml, "report scenario")
    except ScenarioError:
        return []
    yearly, start = _yearly(timeline, summary)
    return run_claims(scenario, yearly, start) if yearly else []


def _evidence(scenario_toml: str) -> tuple[dict | None, list[str]]:
    """Credibility box and references of the scenario the report shows (none without one)."""
    if not scenario_toml.strip():
        return None, []
    try:
        scenario = scenario_from_toml(scenario_toml, "report scenario")
    except ScenarioError:
        return None, []
    return credibility_box(scenario), run_references(scenario)


def plotly_figure(spec: FigureSpec) -> go.Figure:
    """Draw one figure spec as an interactive plotly figure."""
    if spec.strips:
        return _gantt(spec)
    rows = len(spec.panels)
    figure = make_subplots(rows=rows, cols=1, shared_xaxes=True, vertical_spacing=0.08)
    for row, panel in enumerate(spec.panels, start=1):
        _add_panel(figure, panel, row)
    figure.update_xaxes(title_text=spec.x_label, row=rows, col=1)
    years = np.concatenate([s.x for p in spec.panels for s in p.series] or [[0.0]])
    figure.update_xaxes(**_AXIS_STYLE, tickformat="d",
                        dtick=year_tick_step(float(np.ptp(years))))
    figure.update_layout(_layout(_PANEL_HEIGHT_PX * rows + 60), hovermode="x unified")
    return figure


def _layout(height_px: int) -> dict:
    # template "none" plus explicit colours: the look of plotly_white without copying
    # a full template into every figure (half of the page's build time).
    return dict(template="none", height=height_px, plot_bgcolor="white", paper_bgcolor="white",
                colorway=list(TIER_COLORS.values()),
                margin=dict(l=80, r=20, t=20, b=60),
                font=dict(family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif",
                          size=13),
                legend=dict(bgcolor="rgba(255,255,255,0.8)"))


def _add_panel(figure: go.Figure, panel: Panel, row: int) -> None:
    value_format = "%{y:.3s}" + panel.y_unit if panel.y_unit else "%{y:,.4~g}"
    for s in panel.series:
        x_format = "%{x:.0f}" if s.markers else "%{x:.2f}"
        if s.p10 is not None and s.p90 is not None:
            band = dict(x=s.x, mode="lines", line=dict(width=0, color=s.color), hoverinfo="skip",
                        showlegend=False, legendgroup=s.label)
            figure.add_trace(go.Scatter(y=s.p90, name=f"{s.label} P90", **band), row=row, col=1)
            figure.add_trace(go.Scatter(y=s.p10, name=f"{s.label} P10-P90 band",
                                        fill="tonexty", fillcolor=_rgba(s.color, 0.18), **band),
                             row=row, col=1)
        figure.add_trace(go.Scatter(
            x=s.x, y=s.median, name=s.label, legendgroup=s.label,
            mode="lines+markers" if s.markers else "lines",
            line=dict(color=s.color, width=2, dash="dash" if s.dash else "solid"),
            marker=dict(size=5),
            hovertemplate=f"{s.label}: {value_format} ({x_format})<extra></extra>"),
            row=row, col=1)
    if not panel.series:
        figure.add_annotation(text="zero throughout the span", showarrow=False,
                              x=0.5, y=0.5, xref="x domain" if row == 1 else f"x{row} domain",
                              yref="y domain" if row == 1 else f"y{row} domain",
                              font=dict(color="#7f7f7f"))
    x_all = np.concatenate([s.x for s in panel.series]) if panel.series else np.array([0.0, 1.0])
    for line in panel.lines:
        if line.axis == "y":
            figure.add_trace(go.Scatter(
                x=[x_all.min(), x_all.max()], y=[line.value, line.value], name=line.label,
                mode="lines", line=dict(color=line.color, width=2, dash="dash"),
                hovertemplate=f"{line.label}<extra></extra>"), row=row, col=1)
        else:
            figure.add_vline(x=line.value, line=dict(color=line.color, width=2, dash="dot"),
                             annotation_text=line.label, annotation_position="top left",
                             row=row, col=1)
    axis: dict[str, Any] = dict(_AXIS_STYLE, title_text=panel.y_label,
                                type="log" if panel.log_y else "linear")
    if panel.y_ticks:
        axis.update(tickmode="array", tickvals=list(panel.y_ticks),
                    ticktext=list(panel.y_tick_labels))
    figure.update_yaxes(row=row, col=1, **axis)


#: Legend entries per row under the binding-constraints chart.
GANTT_LEGEND_COLUMNS = 3


def _gantt(spec: FigureSpec) -> go.Figure:
    figure = go.Figure()
    shown: set[str] = set()
    years = [v for s in spec.strips for i in s.intervals for v in (i.from_year, i.to_year)] or [0.0]
    for strip in spec.strips:
        for interval in strip.intervals:
            name = interval.constraint.replace("_", " ")
            figure.add_trace(go.Bar(
                y=[strip.label], x=[interval.to_year - interval.from_year],
                base=[interval.from_year], orientation="h", name=name, legendgroup=name,
                showlegend=name not in shown, marker=dict(color=interval.color),
                hovertemplate=(f"{strip.label}: {name}<br>{interval.from_year:.2f} to "
                               f"{interval.to_year:.2f}<extra></extra>")))
            shown.add(name)
        if not strip.intervals:  # keep the row, say why it is empty
            figure.add_trace(go.Bar(y=[strip.label], x=[0], base=[min(years)], orientation="h",
                                    showlegend=False, hoverinfo="skip"))
            figure.add_annotation(x=0.5, xref="paper", y=strip.label, showarrow=False,
                                  text="no binding constraint reported",
                                  font=dict(color="#7f7f7f", size=12))
    labels = [strip.label for strip in spec.strips]
    figure.update_yaxes(type="category", categoryorder="array", categoryarray=labels,
                        autorange="reversed")
    figure.update_xaxes(_AXIS_STYLE, title_text=spec.x_label, tickformat="d",
                        dtick=year_tick_step(float(np.ptp(years))),
                        range=[min(years) - 0.5, max(years) + 0.5])
    figure.update_yaxes(automargin=True)  # tier names whole ("Lunar surface"), never clipped
    legend_rows = math.ceil(len(shown) / GANTT_LEGEND_COLUMNS)
    layout = _layout(140 + 60 * len(labels) + 24 * legend_rows)
    layout["legend"] = dict(orientation="h", x=0, xanchor="left", y=0, yanchor="bottom", yref="container",
                            entrywidth=1.0 / GANTT_LEGEND_COLUMNS, entrywidthmode="fraction")
    layout["margin"] = dict(l=20, r=20, t=20, b=60 + 24 * legend_rows)  # the whole legend below, no scrolling
    figure.update_layout(layout, barmode="overlay", bargap=0.3)
    return figure


def _rgba(hex_color: str, alpha: float) -> str:
    red, green, blue = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


# --- headline text ---------------------------------------------------------------------

@dataclass(frozen=True)
class Shown:
    """A headline number as text: the value (median) and its spread, if any."""

    value: str
    spread: str = ""


def _quantity(value: Any, formatter: Callable[[float], str]) -> Shown:
    """A summary number, or a quantile object shown as p50 with its P10-P90 range."""
    if value is None:
        return Shown("n/a")
    if not isinstance(value, dict):
        return Shown(formatter(float(value)))
    low, mid, high = (value.get(key) for key in ("p10", "p50", "p90"))
    spread = ("" if low is None or high is None
              else f"P10-P90: {formatter(float(low))} to {formatter(float(high))}")
    return Shown("n/a" if mid is None else formatter(float(mid)), spread)


def _milestone(value: Any, end_year: Any) -> Shown:
    """First milestone year: a year, null (not reached), or a quantile object."""
    if not isinstance(value, dict):
        return Shown(_year(value, end_year))
    fraction = value.get("fraction_reached")
    share = "" if fraction is None else f"reached in {float(fraction):.0%} of samples"
    if value.get("p50") is None:
        return Shown(f"not reached by {end_year} in the median sample", share)
    spread = f"P10-P90: {_year(value.get('p10'), end_year)} to {_year(value.get('p90'), end_year)}"
    return Shown(_year(value["p50"], end_year), "; ".join(p for p in (spread, share) if p))


def _year(value: Any, end_year: Any) -> str:
    return f"not reached by {end_year}" if value is None else f"{float(value):.0f}"


def _watts(value: float) -> str:
    return format_si(value, "W")


def _count(value: float) -> str:
    return f"{value:,.0f}"


def _headline(summary: dict) -> dict:
    end = summary.get("end", {})
    end_year = end.get("year", summary.get("span", {}).get("end_year"))
    power = end.get("deployed_compute_power_w", {})
    target = summary.get("target") or {}
    by_tier = target.get("first_year_by_tier", summary.get("first_year_added_power_ge_1tw_by_tier")) or {}
    peak = [("Peak added in a year", _quantity(target.get("peak_space_power_added_per_year_w"),
                                               lambda v: format_si(v, "W/yr"))),
            ("Year of the peak", _quantity(target.get("peak_space_power_added_year"), lambda v: f"{v:.0f}"))]
    if target.get("kind") == "deployed":
        target_label = f"First year with \u2265 {target['text']} of compute power deployed in space"
    else:
        target_label = f"First year \u2265 {target.get('text', '1 TW/yr')} of compute power added"
    return {
        "end_year": end_year,
        "target_label": target_label,
        "milestone": _milestone(target.get("first_year", summary.get("first_year_added_power_ge_1tw")), end_year),
        "milestone_by_tier": [(TIER_LABELS.get(tier, tier), _milestone(year, end_year))
                              for tier, year in by_tier.items()] + (peak if target else []),
        "power_total": _quantity(power.get("total"), _watts),
        "power_by_tier": [(TIER_LABELS.get(tier, tier), _quantity(value, _watts))
                          for tier, value in power.items() if tier != "total"],
        "kardashev": _quantity(end.get("kardashev_index"), lambda v: f"{v:.3f}"),
        "cost": _quantity(end.get("cumulative_cost_usd"), format_usd),
        "launches": [("Earth launches", _quantity(end.get("earth_launches"), _count)),
                     ("Mass-driver launches", _quantity(end.get("mass_driver_launches"), _count))],
        "escape": _escape(summary.get("escape"), end.get("mass_driver_launches")),
    }


def _escape(escape: dict | None, launches: Any = None) -> dict:
    fired = launches is None or (central_value(launches) or 0) > 0 or (
        isinstance(launches, dict) and (launches.get("p90") or 0) > 0)
    if escape and not fired:
        return {"fraction": Shown("none fired"), "verdict": "the mass driver fires no payload in this scenario",
                "details": []}
    if not escape:
        return {"fraction": Shown("n/a"), "verdict": "no mass driver in this scenario",
                "details": []}
    method = escape.get("method")
    details = ([("method", Shown(str(method).replace("_", " ")))] if method else []) + [
        (key.replace("_", " "), _quantity(value, lambda v: f"{v:.4g}")
         if isinstance(value, (int, float, dict)) else Shown(str(value)))
        for key, value in escape.items() if key not in ("heliocentric_fraction", "method")]
    return {"fraction": _quantity(escape.get("heliocentric_fraction"), lambda v: f"{v:.0%}"),
            "verdict": "of mass-driver payloads reach heliocentric orbit", "details": details}


def _binding_rows(summary: dict) -> list[dict]:
    rows = []
    for tier, intervals in (summary.get("binding_constraints") or {}).items():
        for interval in intervals:
            start, stop = float(interval["from_year"]), float(interval["to_year"])
            rows.append({"tier": TIER_LABELS.get(tier, tier),
                         "constraint": str(interval["constraint"]).replace("_", " "),
                         "from_year": f"{start:.2f}", "to_year": f"{stop:.2f}",
                         "years": f"{stop - start:.1f}"})
    return rows


def _label_rows(summary: dict) -> list[dict]:
    """The binding labels this run shows, each with its meaning and the inputs that move it."""
    rows = []
    for tier, intervals in (summary.get("binding_constraints") or {}).items():
        for label in dict.fromkeys(str(i["constraint"]) for i in intervals):
            found = explanation(tier, label)
            if found is not None:
                rows.append({"tier": TIER_LABELS.get(tier, tier), "label": label, "meaning": found.meaning,
                             "inputs": ", ".join(found.inputs)})
    return rows


def _page(specs: tuple[FigureSpec, ...], summary: dict, scenario_toml: str,
          references: list[str] | None, credibility: dict | None = None, claims: list[dict] | None = None,
          capacity: list[dict] | None = None) -> str:
    figures = [{
        "name": spec.name, "title": spec.title, "caption": spec.caption,
        "png": f"{FIGURES_DIR_NAME}/{spec.name}.png",
        "div": Markup(pio.to_html(
            plotly_figure(spec), full_html=False, include_plotlyjs=False,
            config=PLOTLY_CONFIG, div_id=f"figure-{spec.name}")),
    } for spec in specs]
    span = summary.get("span", {})
    return _ENVIRONMENT.get_template("report.html").render(
        scenario=summary.get("scenario", "unnamed scenario"),
        description=summary.get("description", ""),
        headline=_headline(summary),
        warnings=list(summary.get("warnings") or []),
        figures=figures,
        binding_rows=_binding_rows(summary),
        label_rows=_label_rows(summary),
        scenario_toml=scenario_toml,
        references=list(references or []),
        credibility=credibility,
        claims=list(claims or []),
        capacity=list(capacity or []),
        version=summary.get("moonbase_version", "unknown"),
        seed=summary.get("seed", "n/a"),
        samples=summary.get("samples", "n/a"),
        span=f"{span.get('start_year', '?')} to {span.get('end_year', '?')}, "
             f"{span.get('steps_per_year', '?')} steps per year",
        plotly_js=Markup(plotly.offline.get_plotlyjs()),
    )
