"""The tables ``moonbase run`` prints: the headline (one value, or P10/P50/P90 for sampled
runs) and what limited each tier, in full.

Every milestone reads as a year or "not reached by YEAR" (the last simulated year);
sampled runs add the share of samples that reach the target.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from rich.console import Group
from rich.table import Table
from rich.text import Text

from moonbase.commands.common import si_text
from moonbase.timeline.tiers import tier_names

QUANTILES = ("p10", "p50", "p90")
#: Labels that say a tier is not running rather than what limits it.
IDLE_LABELS = ("disabled", "not_started")


def _label(name: str) -> str:
    return name.replace("_", " ")


def _year_text(value: Any, end_year: int) -> str:
    return f"not reached by {end_year}" if value is None else f"{float(value):.0f}"


def _cells(entry: Any, text: Callable[[float], str], sampled: bool) -> list[str]:
    """One cell (a single run) or three (P10, P50, P90) for a summary value."""
    if not sampled:
        return [text(entry)]
    if isinstance(entry, dict):
        return [text(entry[q]) for q in QUANTILES]
    return [text(entry)] * 3


def _milestone_cells(entry: Any, end_year: int, sampled: bool) -> list[str]:
    if sampled:  # three narrow columns
        return _cells(entry, lambda v: f"not by {end_year}" if v is None else f"{v:.0f}", sampled)
    return _cells(entry, lambda v: _year_text(v, end_year), sampled)


def target_title(target: dict[str, Any]) -> str:
    """``first year adding >= 1 TW/yr in space`` or ``first year with >= 10 TW deployed in space``."""
    if target["kind"] == "deployed":
        return f"first year with >= {target['text']} deployed in space"
    return f"first year adding >= {target['text']} in space"


def headline_table(summary: dict[str, Any]) -> Table:
    """The headline of a run: when the target is met, the peak, the end state, cost and launches."""
    end = summary["end"]
    end_year = int(end["year"])
    sampled = summary.get("samples", 1) > 1
    target = summary["target"]
    title = (f"moonbase run: {summary['scenario']} ({summary['span']['start_year']}-{summary['span']['end_year']}"
             + (f", {summary['samples']:,} samples)" if sampled else ")"))
    table = Table(title=title, show_header=True, header_style="bold")
    table.add_column("quantity")
    for name in (("P10", "P50", "P90") if sampled else ("value",)):
        table.add_column(name, justify="right", overflow="fold")

    def row(label: str, cells: list[str]) -> None:
        table.add_row(*(Text(cell) for cell in (label, *cells)))  # plain text: "[trillion USD]" is not markup

    row(target_title(target), _milestone_cells(target["first_year"], end_year, sampled))
    for tier, entry in target["first_year_by_tier"].items():
        row(f"  ... {_label(tier)} alone", _milestone_cells(entry, end_year, sampled))
    if sampled:
        share = target["first_year"]["fraction_reached"]
        row(f"  ... share of samples reaching it by {end_year}", ["", f"{share:.0%}", ""])
    row("peak space compute added in a year",
        _cells(target["peak_space_power_added_per_year_w"], lambda v: si_text(v, "W/yr"), sampled))
    peak = target["peak_space_power_added_per_year_w"]
    if (peak["p90"] if isinstance(peak, dict) else peak) > 0:
        row("  ... year of the peak",
            _cells(target["peak_space_power_added_year"], lambda v: f"{v:.0f}", sampled))
    power = end["deployed_compute_power_w"]
    for tier in (*tier_names(), "total"):
        row(f"compute power {end_year}: {_label(tier)}", _cells(power[tier], lambda v: si_text(v, "W"), sampled))
    row(f"Kardashev index {end_year}", _cells(end["kardashev_index"], lambda v: f"{v:.3f}", sampled))
    row(f"cumulative cost to {end_year} [trillion USD]",
        _cells(end["cumulative_cost_usd"], lambda v: f"{v / 1e12:,.2f}", sampled))
    row("Earth launches", _cells(end["earth_launches"], lambda v: f"{v:,.0f}", sampled))
    row("mass-driver launches", _cells(end["mass_driver_launches"], lambda v: f"{v:,.0f}", sampled))
    escape = summary.get("escape") or {}
    driver = end["mass_driver_launches"]
    fired = (driver["p90"] if isinstance(driver, dict) else driver) > 0
    if escape and fired:
        row("payloads escaping to heliocentric orbit",
            _cells(escape["heliocentric_fraction"], lambda v: f"{v:.0%}", sampled))
    return table


def _years(segment: dict[str, Any]) -> str:
    first, last = int(segment["from_year"]), int(segment["to_year"] - 1e-6)
    return f"{first}" if first == last else f"{first}-{last}"


#: Periods shorter than this that alternate between labels are printed as one alternating row [yr].
ALTERNATION_YR = 1.0


def _short(segment: dict[str, Any]) -> bool:
    return segment["to_year"] - segment["from_year"] < ALTERNATION_YR


def _periods(segments: list[dict[str, Any]]) -> list[str]:
    """Rows of a tier's binding periods: each period in full, except that a run of periods shorter than
    :data:`ALTERNATION_YR` between two labels is one row naming both ("a / b alternating 2060-2065")."""
    rows: list[str] = []
    i = 0
    while i < len(segments):
        j = i
        names = {segments[i]["constraint"]}
        while (j + 1 < len(segments) and _short(segments[j]) and _short(segments[j + 1])
               and len(names | {segments[j + 1]["constraint"]}) <= 2):
            j += 1
            names.add(segments[j]["constraint"])
        if j - i >= 2:  # at least three short periods in a row
            span = {"from_year": segments[i]["from_year"], "to_year": segments[j]["to_year"]}
            order = list(dict.fromkeys(s["constraint"] for s in segments[i:j + 1]))
            rows.append(f"{' / '.join(order)} alternating {_years(span)}")
            i = j + 1
        else:
            rows.append(f"{segments[i]['constraint']} {_years(segments[i])}")
            i += 1
    return rows


def binding_table(summary: dict[str, Any]) -> Table:
    """What limited each tier's growth, period by period (``moonbase explain LABEL`` defines them); short
    alternations between two labels are one row (:func:`_periods`), as in summary.json they are in full."""
    sampled = summary.get("samples", 1) > 1
    table = Table(title="what limits growth" + (" (in most samples)" if sampled else ""),
                  caption="what a label means and which inputs move it: moonbase explain LABEL",
                  show_header=True, header_style="bold")
    table.add_column("tier", no_wrap=True)
    table.add_column("limited by, from-to (years)")
    for tier, segments in summary["binding_constraints"].items():
        active = [s for s in segments if s["constraint"] not in IDLE_LABELS]
        idle = _label(segments[-1]["constraint"]) if segments else "-"
        table.add_row(_label(tier), "\n".join(_periods(active)) or idle)
    return table


def run_tables(summary: dict[str, Any], run_dir: Path | None, report: bool = True) -> Group:
    """Both tables and where the run was written, as ``moonbase run`` prints them."""
    parts: list[Any] = [headline_table(summary), binding_table(summary)]
    if run_dir is not None:  # whole lines: a long path is wrapped by the terminal, never cut
        parts.append(Text(f"run folder: {run_dir}"))
        if report:
            parts.append(Text(f"report: {run_dir / 'report.html'}"))
    return Group(*parts)
