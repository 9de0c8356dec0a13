"""The run report's figures: what each one shows, and its PNG drawn with matplotlib.

:func:`figure_specs` turns a timeline table (``timeline.parquet``, columns in
:mod:`moonbase.timeline.columns`) and the run summary into renderer-neutral
:class:`FigureSpec` objects: every series already reduced to a median line and, with
more than one Monte Carlo sample, a P10-P90 band. Two renderers draw the same specs:
:func:`save_png_figures` here (static PNG, matplotlib Agg canvas, no display and no
pyplot state) and :func:`moonbase.report.html.plotly_figure` (interactive HTML).

Units leave SI only here, at the edge: years on the x axis, tonnes for mass, billions
of USD for cumulative cost, SI prefixes (GW, TW) on power ticks.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MultipleLocator, NullFormatter, StrMethodFormatter

from moonbase.constants import KG_PER_TONNE, MONTHS_PER_YEAR
from moonbase.errors import ScenarioError
from moonbase.results.binding_glossary import all_labels
from moonbase.timeline.columns import column_by_name
from moonbase.timeline.tiers import (
    binding_tiers,
    satellite_tiers,
    space_compute_tiers,
    tier_colors,
    tier_labels,
    tier_names,
)

#: Power added per calendar year that marks the headline milestone [W/yr].
MILESTONE_POWER_ADDED_W_PER_YR = 1e12
#: Quantiles drawn for Monte Carlo runs: band low edge, line, band high edge [-].
BAND_QUANTILES = (0.1, 0.5, 0.9)
PNG_DPI = 150
PNG_WIDTH_IN = 10.0
X_LABEL = "Calendar year [yr]"



class _Registered(Mapping):
    """A read-only mapping rebuilt from the tier registry at each use (a tier registered later is in it)."""

    def __init__(self, build):
        self._build = build

    def __getitem__(self, key):
        return self._build()[key]

    def __iter__(self):
        return iter(self._build())

    def __len__(self):
        return len(self._build())


#: Colour (Okabe-Ito colour-blind-safe palette) and label of each tier and aggregate, from the tier registry.
TIER_COLORS: Mapping[str, str] = _Registered(tier_colors)
TIER_LABELS: Mapping[str, str] = _Registered(lambda: {**tier_labels(), "city": "City"})
MILESTONE_COLOR = "#D55E00"
#: Distinct colours for binding labels: Okabe-Ito, then Paul Tol's "muted", extra hues and "vibrant"
#: (colour-blind safe sets); a label's colour is fixed by its place in the timeline's
#: label registry, so it is the same in every run and every tier.
CONSTRAINT_PALETTE = (
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
    "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255",
    "#AA4499", "#000000", "#6699CC", "#EE8866", "#AAAA00", "#EE3377", "#0077BB", "#CC3311", "#33BBEE",
)
#: Labels that say a tier is idle, drawn in greys.
IDLE_CONSTRAINT_COLORS = {"disabled": "#BBBBBB", "not_started": "#DDDDDD"}


def constraint_colors(names: Any) -> dict[str, str]:
    """One distinct colour per binding label (greys for the idle ones)."""
    order = [n for n in all_labels() if n not in IDLE_CONSTRAINT_COLORS]
    order += sorted(n for n in set(names) if n not in order and n not in IDLE_CONSTRAINT_COLORS)
    if len(order) > len(CONSTRAINT_PALETTE):
        raise ValueError(f"{len(order)} binding labels but {len(CONSTRAINT_PALETTE)} distinct colours")
    colors = {name: CONSTRAINT_PALETTE[i] for i, name in enumerate(order)}
    return {name: IDLE_CONSTRAINT_COLORS.get(name) or colors[name] for name in names}

_SI_PREFIXES = ((1e24, "Y"), (1e21, "Z"), (1e18, "E"), (1e15, "P"), (1e12, "T"),
                (1e9, "G"), (1e6, "M"), (1e3, "k"), (1.0, ""), (1e-3, "m"))
_MONEY_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


@dataclass(frozen=True)
class Series:
    """One line of a panel: median over samples, optional P10-P90 band."""

    label: str
    color: str
    x: np.ndarray
    median: np.ndarray
    p10: np.ndarray | None = None
    p90: np.ndarray | None = None
    dash: bool = False
    markers: bool = False


@dataclass(frozen=True)
class ReferenceLine:
    """A horizontal (``axis="y"``) or vertical (``axis="x"``) marker line."""

    axis: str
    value: float
    label: str
    color: str = MILESTONE_COLOR


@dataclass(frozen=True)
class Panel:
    """One y axis: its label with unit, log or linear scale, series and ticks."""

    y_label: str
    series: tuple[Series, ...]
    log_y: bool = False
    y_unit: str = ""
    y_ticks: tuple[float, ...] = ()
    y_tick_labels: tuple[str, ...] = ()
    lines: tuple[ReferenceLine, ...] = ()


@dataclass(frozen=True)
class Interval:
    """A span of years during which one constraint bound a tier."""

    constraint: str
    from_year: float
    to_year: float
    color: str


@dataclass(frozen=True)
class Strip:
    """One row of the binding-constraints chart: a tier and its intervals."""

    label: str
    intervals: tuple[Interval, ...]


@dataclass(frozen=True)
class FigureSpec:
    """A figure: file stem, title, caption and either panels or strips."""

    name: str
    title: str
    caption: str
    x_label: str = X_LABEL
    panels: tuple[Panel, ...] = ()
    strips: tuple[Strip, ...] = ()


@dataclass(frozen=True)
class TimelineGrid:
    """A tidy timeline table viewed as ``(sample, step)`` arrays."""

    table: pa.Table
    n_samples: int
    year: np.ndarray
    step_yr: float

    @classmethod
    def from_table(cls, timeline: pa.Table, steps_per_year: int = MONTHS_PER_YEAR) -> TimelineGrid:
        missing = [name for name in ("sample", "step", "year") if name not in timeline.column_names]
        if missing:
            raise ScenarioError(
                f"timeline is missing key column(s) {', '.join(missing)}; expected the "
                "columns listed in moonbase.timeline.columns.")
        if timeline.num_rows == 0:
            raise ScenarioError("timeline has 0 rows; expected one row per (sample, step).")
        order = pc.sort_indices(timeline, [("sample", "ascending"), ("step", "ascending")])
        table = timeline.take(order)
        n_samples = len(pc.unique(table.column("sample")))
        if table.num_rows % n_samples:
            raise ScenarioError(
                f"timeline has {table.num_rows} rows for {n_samples} samples; expected the "
                "same steps in every sample.")
        year = table.column("year").to_numpy()[: table.num_rows // n_samples].astype(float)
        step_yr = float(np.median(np.diff(year))) if year.size > 1 else 1.0 / steps_per_year
        return cls(table=table, n_samples=n_samples, year=year, step_yr=step_yr)

    def values(self, column: str) -> np.ndarray:
        """Numeric column as a float array of shape ``(n_samples, n_steps)``."""
        self._require(column)
        flat = self.table.column(column).to_numpy(zero_copy_only=False).astype(float)
        return flat.reshape(self.n_samples, -1)

    def labels(self, column: str) -> np.ndarray:
        """Label column as an object array of shape ``(n_samples, n_steps)``."""
        self._require(column)
        return np.array(self.table.column(column).to_pylist(), dtype=object).reshape(
            self.n_samples, -1)

    def _require(self, column: str) -> None:
        if column not in self.table.column_names:
            known = column_by_name()
            unit = known[column].unit if column in known else "?"
            raise ScenarioError(
                f"timeline has no column {column!r} [{unit or '-'}]; the report needs it "
                "(see moonbase.timeline.columns).")


def central_value(value: Any) -> float | None:
    """The number to show for a summary value: itself, or ``p50`` of a quantile object."""
    if isinstance(value, dict):
        value = value.get("p50")
    return None if value is None else float(value)


def format_si(value: float, unit: str, digits: int = 3) -> str:
    """``1.23e12, "W"`` -> ``"1.23 TW"``; plain numbers keep thousands separators."""
    if not math.isfinite(value):
        return "n/a"
    if value == 0:
        return f"0 {unit}".strip()
    magnitude = abs(value)
    if not unit and magnitude < 1:
        return f"{value:.{digits}g}"
    if not unit and magnitude < 1e6:
        decimals = max(digits - 1 - int(math.log10(magnitude)), 0)
        text = f"{value:,.{decimals}f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    scale, prefix = next(((s, p) for s, p in _SI_PREFIXES if magnitude >= s * 0.9995),
                         _SI_PREFIXES[-1])
    return f"{value / scale:.{digits}g} {prefix}{unit}".strip()


def money_scale(max_usd: float) -> tuple[float, str]:
    """Divisor and word ("billion") that keep USD amounts readable."""
    return next(((s, w) for s, w in _MONEY_SCALES if max_usd >= s), (1.0, ""))


def format_usd(value: float) -> str:
    """``1.17e13`` -> ``"$11.7 trillion"``; below a million, whole dollars."""
    scale, word = money_scale(abs(value))
    return f"${value / scale:,.3g} {word}" if word else f"${value:,.0f}"


def log_ticks(low: float, high: float) -> tuple[float, ...]:
    """Ticks 1x10^n (plus 2x and 5x within two decades) from just below ``low`` to just above ``high``."""
    if not (np.isfinite(low) and np.isfinite(high) and 0 < low <= high):
        return ()
    first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
    multiples = (1, 2, 5) if last - first <= 2 else (1,)
    ticks = [m * 10.0**e for e in range(first, last + 1) for m in multiples]
    bottom = max(t for t in ticks if t <= low * 1.0001)
    top = min(t for t in ticks if t >= high / 1.0001)
    return tuple(t for t in ticks if bottom <= t <= top)


def year_tick_step(span_yr: float) -> int:
    """Whole-year spacing of x ticks that gives about 5-15 labels over ``span_yr``."""
    return next(step for step in (1, 2, 5, 10, 20, 50) if span_yr / step <= 15)


def figure_specs(timeline: pa.Table, summary: dict) -> tuple[FigureSpec, ...]:
    """The seven report figures for one run, ready for either renderer."""
    steps_per_year = int(summary.get("span", {}).get("steps_per_year", MONTHS_PER_YEAR))
    grid = TimelineGrid.from_table(timeline, steps_per_year)
    samples = int(summary.get("samples", grid.n_samples))  # Monte Carlo runs pass decile pseudo-samples
    band_note = (f" Lines: median of {samples:,} samples; shading: P10-P90."
                 if grid.n_samples > 1 else "")
    specs = (
        _deployed_power(grid),
        _power_added(grid, summary),
        _launches(grid),
        _mass(grid),
        _cost(grid),
        _kardashev(grid),
    )
    specs = tuple(replace(spec, caption=spec.caption + band_note) for spec in specs)
    return specs + (_binding(grid, summary),)


def _series(grid: TimelineGrid, values: np.ndarray, x: np.ndarray, label: str, color: str,
            **style: bool) -> Series:
    if grid.n_samples == 1:
        return Series(label, color, x, values[0], **style)
    p10, p50, p90 = np.quantile(values, BAND_QUANTILES, axis=0)
    return Series(label, color, x, p50, p10, p90, **style)


def _stock(grid: TimelineGrid, column: str, label: str, color: str, scale: float = 1.0,
           **style: bool) -> Series:
    return _series(grid, grid.values(column) * scale, grid.year, label, color, **style)


def _annual(grid: TimelineGrid, column: str, label: str, color: str, **style: bool) -> Series:
    """Flow summed over each complete calendar year (a step belongs to the year of its midpoint)."""
    calendar_year = np.floor(grid.year - 0.5 * grid.step_yr)
    years, counts = np.unique(calendar_year, return_counts=True)
    full = counts == round(1.0 / grid.step_yr)
    years = years[full] if full.any() else years
    membership = (calendar_year[:, None] == years[None, :]).astype(float)
    return _series(grid, grid.values(column) @ membership, years, label, color,
                   markers=True, **style)


def _panel(y_label: str, series: list[Series], log_y: bool = False, y_unit: str = "",
           lines: tuple[ReferenceLine, ...] = ()) -> tuple[Panel, list[str]]:
    """A panel; on a log axis, series that stay at zero are dropped and returned by label."""
    dropped = []
    if log_y:
        dropped = [s.label for s in series
                   if not np.any((s.p90 if s.p90 is not None else s.median) > 0)]
        series = [s for s in series if s.label not in dropped]
    ticks: tuple[float, ...] = ()
    if log_y:
        data = np.concatenate([a for s in series for a in (s.median, s.p10, s.p90) if a is not None]
                              + [[line.value] for line in lines if line.axis == "y"] + [[]])
        positive = data[data > 0]
        if positive.size:
            ticks = log_ticks(float(positive.min()), float(positive.max()))
    labels = tuple(format_si(t, y_unit, digits=3) for t in ticks)
    return Panel(y_label, tuple(series), log_y, y_unit, ticks, labels, lines), dropped


def _zero_note(dropped: list[str]) -> str:
    return (f" Zero throughout, so not drawn on the log axis: {', '.join(dropped)}."
            if dropped else "")


def _deployed_power(grid: TimelineGrid) -> FigureSpec:
    series = [_stock(grid, f"{tier}_compute_power_w", TIER_LABELS[tier], TIER_COLORS[tier]) for tier in tier_names()]
    series += [_stock(grid, "space_compute_power_w", "Space total", TIER_COLORS["space"],
                      dash=True),
               _stock(grid, "total_compute_power_w", "Total", TIER_COLORS["total"])]
    panel, dropped = _panel("Compute power [W]", series, log_y=True, y_unit="W")
    return FigureSpec(
        "deployed_power", "Deployed compute power by tier",
        "Electrical power fed to working AI compute hardware at the end of each month, "
        "by tier." + _zero_note(dropped), panels=(panel,))


def _power_added(grid: TimelineGrid, summary: dict) -> FigureSpec:
    series = [_annual(grid, f"{tier}_power_added_w", TIER_LABELS[tier], TIER_COLORS[tier])
              for tier in space_compute_tiers()]
    series += [_annual(grid, "space_power_added_w", "Space total", TIER_COLORS["space"]),
               _annual(grid, "ground_power_added_w", "Ground (reference)",
                       TIER_COLORS["ground"], dash=True)]
    target = summary.get("target") or {"kind": "added_per_year", "text": "1 TW/yr",
                                        "value_w": MILESTONE_POWER_ADDED_W_PER_YR,
                                        "first_year": summary.get("first_year_added_power_ge_1tw")}
    lines = []
    if target["kind"] == "added_per_year":  # a deployed-power target is not a line on this chart
        lines.append(ReferenceLine("y", target["value_w"], f"{target['text']} target"))
        first_year = central_value(target.get("first_year"))  # None when not reached: no marker
        if first_year is not None:
            lines.append(ReferenceLine("x", first_year, f"First year ≥ {target['text']}: {first_year:.0f}"))
    panel, dropped = _panel("Power added per calendar year [W/yr]", series, log_y=True,
                            y_unit="W", lines=tuple(lines))
    return FigureSpec(
        "power_added", "Compute power added per year",
        "Beginning-of-life compute power deployed during each complete calendar year, "
        "against the run's target." + _zero_note(dropped), panels=(panel,))


def _launches(grid: TimelineGrid) -> FigureSpec:
    series = [_annual(grid, "earth_launches", "Earth launches", TIER_COLORS["earth_orbit"]),
              _annual(grid, "mass_driver_launches", "Mass-driver launches",
                      TIER_COLORS["deep_space"])]
    panel, dropped = _panel("Launches per calendar year [1/yr]", series, log_y=True)
    return FigureSpec(
        "launches", "Launches per year",
        "Heavy-lift launches from Earth and lunar mass-driver shots in each complete "
        "calendar year." + _zero_note(dropped), panels=(panel,))


def _mass(grid: TimelineGrid) -> FigureSpec:
    to_t = 1.0 / KG_PER_TONNE
    series = [_stock(grid, f"{tier}_mass_kg", f"Satellites: {TIER_LABELS[tier]}", TIER_COLORS[tier], to_t)
              for tier in satellite_tiers()]
    series.append(_stock(grid, "lunar_industry_mass_kg", "Lunar industry", TIER_COLORS["lunar_surface"], to_t))
    panel, dropped = _panel("Mass [t]", series, log_y=True, y_unit="t")
    return FigureSpec(
        "mass", "Deployed satellite mass and lunar industry mass",
        "Mass of working satellites by tier and of the self-growing lunar industry, in "
        "tonnes." + _zero_note(dropped), panels=(panel,))


def _cost(grid: TimelineGrid) -> FigureSpec:
    cumulative = grid.values("cumulative_cost_usd")
    scale, word = money_scale(float(np.max(cumulative)))
    cost, dropped = _panel(
        f"Cumulative cost [{word + ' ' if word else ''}USD 2025]",
        [_series(grid, cumulative / scale, grid.year, "Cumulative cost", TIER_COLORS["total"])],
        log_y=True)
    price, dropped_price = _panel(
        "Launch price to LEO [USD/kg]",
        [_stock(grid, "earth_launch_price_usd_per_kg", "Launch price per kg",
                TIER_COLORS["earth_orbit"])], log_y=True)
    return FigureSpec(
        "cost", "Cumulative cost and launch price",
        "Cumulative spending since the start of the span (launch, hardware, lunar "
        "operations; 2025 USD) and the Earth launch price per kg to low Earth orbit."
        + _zero_note(dropped + dropped_price), panels=(cost, price))


def _kardashev(grid: TimelineGrid) -> FigureSpec:
    panel, _ = _panel("Kardashev index K [-]",
                      [_stock(grid, "kardashev_index", "Kardashev index", TIER_COLORS["total"])])
    return FigureSpec(
        "kardashev", "Kardashev index",
        "Sagan's continuous Kardashev index of the civilization's power: world primary power, "
        "space compute power and the lunar industry's power.", panels=(panel,))


def _binding(grid: TimelineGrid, summary: dict) -> FigureSpec:
    by_tier = summary.get("binding_constraints")
    source = "as reported in summary.json"
    if not by_tier:
        by_tier = {tier: _intervals_from_labels(grid, f"{tier}_binding") for tier in binding_tiers()}
        source = ("derived from the timeline (most common label across samples each month)"
                  if grid.n_samples > 1 else "derived from the timeline")
    colors = constraint_colors({row["constraint"] for rows in by_tier.values() for row in rows})
    strips = tuple(
        Strip(TIER_LABELS.get(tier, tier), tuple(
            Interval(row["constraint"], float(row["from_year"]), float(row["to_year"]),
                     colors[row["constraint"]]) for row in rows))
        for tier, rows in by_tier.items())
    return FigureSpec(
        "binding_constraints", "Binding constraints by tier",
        f"Which constraint limited growth of each tier, and when ({source}).", strips=strips)


def _intervals_from_labels(grid: TimelineGrid, column: str) -> list[dict]:
    labels = grid.labels(column)
    modal = [Counter(labels[:, j]).most_common(1)[0][0] for j in range(labels.shape[1])]
    rows: list[dict] = []
    for j, label in enumerate(modal):
        start, end = grid.year[j] - grid.step_yr, grid.year[j]
        if rows and rows[-1]["constraint"] == label:
            rows[-1]["to_year"] = end
        elif label:
            rows.append({"constraint": label, "from_year": start, "to_year": end})
    return rows


def write_figures(run_dir: Path, timeline: pa.Table, summary: dict) -> list[Path]:
    """Write the report figures as ``run_dir/figures/<name>.png``; return their paths."""
    return save_png_figures(figure_specs(timeline, summary), Path(run_dir) / "figures")


def save_png_figures(specs: tuple[FigureSpec, ...], directory: Path) -> list[Path]:
    """Draw each spec with matplotlib (Agg canvas) into ``directory/<name>.png``."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for spec in specs:
        figure = _matplotlib_figure(spec)
        path = directory / f"{spec.name}.png"
        figure.savefig(path, dpi=PNG_DPI)
        paths.append(path)
    return paths


def _matplotlib_figure(spec: FigureSpec) -> Figure:
    # Fixed margins [in] instead of constrained layout: same look for these label
    # lengths, at half the drawing time.
    bottom_in = 1.2 if spec.strips else 0.7
    height_in = bottom_in + 0.9 + (0.6 * len(spec.strips) if spec.strips else 3.2 * len(spec.panels))
    figure = Figure(figsize=(PNG_WIDTH_IN, height_in))
    FigureCanvasAgg(figure)
    figure.subplots_adjust(left=1.25 / PNG_WIDTH_IN, right=1 - 0.25 / PNG_WIDTH_IN,
                           top=1 - 0.6 / height_in, bottom=bottom_in / height_in, hspace=0.12)
    figure.suptitle(spec.title, fontsize=14, fontweight="bold", x=0.01, y=1 - 0.1 / height_in,
                    ha="left", va="top")
    if spec.strips:
        _draw_strips(figure.subplots(), spec)
        return figure
    axes = figure.subplots(len(spec.panels), 1, sharex=True, squeeze=False)[:, 0]
    for ax, panel in zip(axes, spec.panels):
        _draw_panel(ax, panel)
    axes[-1].set_xlabel(spec.x_label)
    _year_axis(axes[-1], np.concatenate([s.x for p in spec.panels for s in p.series] or [[0.0]]))
    return figure


def _year_axis(ax: Any, years: np.ndarray) -> None:
    ax.xaxis.set_major_locator(MultipleLocator(year_tick_step(float(np.ptp(years)))))
    ax.xaxis.set_major_formatter(StrMethodFormatter("{x:.0f}"))


def _positive(values: np.ndarray | None, log_y: bool) -> np.ndarray | None:
    if values is None or not log_y:
        return values
    return np.where(values > 0, values, np.nan)


def _draw_panel(ax: Any, panel: Panel) -> None:
    for s in panel.series:
        p10, p90 = _positive(s.p10, panel.log_y), _positive(s.p90, panel.log_y)
        if p10 is not None and p90 is not None:
            ax.fill_between(s.x, p10, p90, color=s.color, alpha=0.18, linewidth=0)
        ax.plot(s.x, _positive(s.median, panel.log_y), color=s.color, label=s.label,
                linestyle="--" if s.dash else "-", linewidth=1.8,
                marker="o" if s.markers else None, markersize=3)
    for line in panel.lines:
        draw = ax.axhline if line.axis == "y" else ax.axvline
        draw(line.value, color=line.color, linestyle=":" if line.axis == "x" else "--",
             linewidth=1.5, label=line.label)
    if panel.log_y:
        ax.set_yscale("log")
        if panel.y_ticks:
            ax.set_yticks(panel.y_ticks, panel.y_tick_labels)
            ax.yaxis.set_minor_formatter(NullFormatter())
    ax.set_ylabel(panel.y_label)
    ax.grid(True, which="major", color="#dddddd", linewidth=0.8)
    ax.spines[["top", "right"]].set_visible(False)
    if panel.series or panel.lines:
        ax.legend(loc="upper left", fontsize=8, framealpha=0.9, ncols=2)
    if not panel.series:
        ax.text(0.5, 0.5, "zero throughout the span", transform=ax.transAxes, ha="center",
                va="center", color="#7f7f7f", fontstyle="italic")


def _draw_strips(ax: Any, spec: FigureSpec) -> None:
    handles: dict[str, Patch] = {}
    for row, strip in enumerate(spec.strips):
        for interval in strip.intervals:
            ax.broken_barh([(interval.from_year, interval.to_year - interval.from_year)],
                           (row - 0.35, 0.7), facecolors=interval.color)
            handles.setdefault(interval.constraint, Patch(
                color=interval.color, label=interval.constraint.replace("_", " ")))
        if not strip.intervals:
            ax.text(0.5, row, "no binding constraint reported", transform=ax.get_yaxis_transform(),
                    ha="center", va="center", color="#7f7f7f", fontstyle="italic")
    ax.set_yticks(range(len(spec.strips)), [strip.label for strip in spec.strips])
    ax.set_ylim(len(spec.strips) - 0.5, -0.5)
    ax.set_xlabel(spec.x_label)
    _year_axis(ax, np.array([v for s in spec.strips for i in s.intervals
                             for v in (i.from_year, i.to_year)] or [0.0]))
    ax.grid(True, axis="x", color="#dddddd", linewidth=0.8)
    ax.spines[["top", "right"]].set_visible(False)
    if handles:
        ax.legend(handles=list(handles.values()), loc="upper center", ncols=4, fontsize=8,
                  bbox_to_anchor=(0.5, -0.35), frameon=False)
