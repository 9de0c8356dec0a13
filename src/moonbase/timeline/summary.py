"""The run summary (``summary.json``): milestones, end state, binding constraints.

With one sample every value is a number (or null for a milestone never reached);
with several, each becomes ``{"p10", "p50", "p90", "mean"}`` and milestones also carry
``fraction_reached`` and ``not_reached_by`` (the last simulated year). A milestone
percentile that falls on samples never reaching it is null, never a sentinel year.

``target`` is the run's target (``--target``; by default 1 TW of space compute power
added within one calendar year): what it is, the first year it is met (overall and by
tier), and the peak with its year.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from moonbase.constants import SECONDS_PER_YEAR
from moonbase.errors import ScenarioError
from moonbase.scenario.units import parse_quantity
from moonbase.timeline.binding import binding_labels
from moonbase.timeline.system import Timeline
from moonbase.timeline.tiers import (
    AGGREGATES,
    hardware_tiers,
    satellite_tiers,
    space_compute_tiers,
    tier_names,
)

TERAWATT_W = 1e12
ONE_TW_PER_YEAR_W = TERAWATT_W  # power added within one calendar year
PERCENTILES = (10, 50, 90)


def annual_sums(series: np.ndarray, steps_per_year: int) -> np.ndarray:
    """Sum a ``(samples, steps)`` flow over each calendar year -> ``(samples, years)``."""
    samples, steps = series.shape
    return series.reshape(samples, steps // steps_per_year, steps_per_year).sum(axis=2)


def first_year_at_or_above(annual: np.ndarray, threshold: float, start_year: int) -> np.ndarray:
    """First calendar year whose value is >= threshold, per sample (NaN if never)."""
    hit = annual >= threshold
    first = np.argmax(hit, axis=1).astype(float) + start_year
    return np.where(hit.any(axis=1), first, np.nan)


def _stat(values: np.ndarray) -> float | dict[str, float]:
    values = np.asarray(values, dtype=float)
    if values.size == 1:
        return float(values.reshape(-1)[0])
    p10, p50, p90 = np.percentile(values, PERCENTILES)
    return {"p10": float(p10), "p50": float(p50), "p90": float(p90), "mean": float(values.mean())}


def milestone(years: np.ndarray, horizon_year: int) -> int | None | dict[str, Any]:
    """A milestone year: an int or None for one sample; for several, P10/P50/P90, the mean
    and the fraction of samples that reach it by ``horizon_year``.

    A percentile is null when it falls on samples that never reach the milestone (they
    are ordered after every year); the mean is null unless every sample reaches it.
    """
    years = np.asarray(years, dtype=float)
    if years.size == 1:
        return None if np.isnan(years[0]) else int(years[0])
    reached = ~np.isnan(years)
    ordered = np.sort(np.where(reached, years, np.inf))
    quantiles = np.percentile(ordered, PERCENTILES, method="inverted_cdf")  # an actual sample's year
    p10, p50, p90 = (float(q) if np.isfinite(q) else None for q in quantiles)
    return {
        "p10": p10, "p50": p50, "p90": p90,
        "mean": float(years.mean()) if reached.all() else None,
        "fraction_reached": float(reached.mean()), "not_reached_by": int(horizon_year),
    }


@dataclass(frozen=True)
class Target:
    """What a run is asked to reach: space compute power added within one calendar year
    (``kind="added_per_year"``, value in W per year) or deployed at a year's end
    (``kind="deployed"``, value in W)."""

    kind: str
    value_w: float  # [W] deployed, or [W] added within one calendar year
    text: str  # as the user wrote it: "1 TW/yr"

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"text": self.text, "kind": self.kind, "value_w": self.value_w,
                "meaning": self.meaning}

    @property
    def meaning(self) -> str:
        """One line: what is compared with what."""
        if self.kind == "deployed":
            return f"space compute power deployed at a year's end >= {self.text}"
        return f"space compute power added within one calendar year >= {self.text}"


def parse_target(text: str, option: str = "--target") -> Target:
    """``"1 TW/yr"`` (added per year) or ``"10 TW"`` (deployed) -> :class:`Target`.

    Raises
    ------
    ScenarioError
        When the text is not a positive power or power per year.
    """
    text = str(text).strip()
    try:
        value = float(f"{parse_quantity(text, 'W/yr', option) * SECONDS_PER_YEAR:.12g}")  # 1 TW/yr is 1e12 W
        kind = "added_per_year"
    except ScenarioError:
        try:
            value = parse_quantity(text, "W", option)
            kind = "deployed"
        except ScenarioError:
            raise ScenarioError(
                f"{option} = {text!r} is not a power per year (added within a calendar year, e.g. \"1 TW/yr\", "
                f"\"100 GW/yr\") nor a power (deployed, e.g. \"10 TW\").") from None
    if not np.isfinite(value) or value <= 0:
        raise ScenarioError(f"{option} = {text!r} is not positive; expected e.g. \"1 TW/yr\" or \"10 TW\".")
    return Target(kind, float(value), text)


DEFAULT_TARGET = Target("added_per_year", ONE_TW_PER_YEAR_W, "1 TW/yr")


def target_tiers() -> tuple[str, ...]:
    """The tiers a target is checked on, besides the space total: the space compute tiers."""
    return space_compute_tiers()


def retarget(summary: dict[str, Any], yearly: dict[str, np.ndarray], target: Target) -> dict[str, Any]:
    """Set ``summary["target"]`` for ``target`` from ``(samples, years)`` series; returns ``summary``."""
    span = summary["span"]
    summary["target"] = target_summary(yearly, target, span["start_year"], span["end_year"])
    return summary


def target_columns() -> tuple[str, ...]:
    """Timeline columns a target is checked on."""
    return tuple(f"{tier}_{kind}" for tier in ("space", *target_tiers()) for kind in ("power_added_w", "compute_power_w"))


def yearly_target_series(series: dict[str, np.ndarray], steps_per_year: int) -> dict[str, np.ndarray]:
    """``(samples, years)`` series a target is checked on, from ``(samples, steps)`` timeline
    series: power added per calendar year (sums) and compute power deployed at each year's
    end, for space and its tiers."""
    out = {}
    for tier in ("space", *target_tiers()):
        out[f"{tier}_power_added_w"] = annual_sums(series[f"{tier}_power_added_w"], steps_per_year)
        out[f"{tier}_compute_power_w"] = series[f"{tier}_compute_power_w"][:, steps_per_year - 1::steps_per_year]
    return out


def target_summary(yearly: dict[str, np.ndarray], target: Target, start_year: int,
                   end_year: int) -> dict[str, Any]:
    """The ``target`` block of ``summary.json`` from ``(samples, years)`` series
    (:func:`yearly_target_series`, or a Monte Carlo run's yearly values)."""
    column = "power_added_w" if target.kind == "added_per_year" else "compute_power_w"
    space = yearly[f"space_{column}"]
    added = yearly["space_power_added_w"]
    return {
        **target.as_dict(),
        "first_year": milestone(first_year_at_or_above(space, target.value_w, start_year), end_year),
        "first_year_by_tier": {
            tier: milestone(first_year_at_or_above(yearly[f"{tier}_{column}"], target.value_w, start_year),
                            end_year)
            for tier in target_tiers()},
        "peak_space_power_added_per_year_w": _stat(added.max(axis=1)),
        "peak_space_power_added_year": _stat(added.argmax(axis=1) + start_year),
    }


def binding_segments(codes: np.ndarray, options: tuple[str, ...], years_end: np.ndarray,
                     step_years: float) -> list[dict[str, Any]]:
    """Runs of the same limiting constraint: ``[{constraint, from_year, to_year}]``.

    With several samples the constraint of a step is the one binding in most samples.
    """
    if codes.shape[0] > 1:
        counts = np.stack([(codes == i).sum(axis=0) for i in range(len(options))])
        modal = counts.argmax(axis=0)
    else:
        modal = codes[0]
    segments: list[dict[str, Any]] = []
    start = 0
    for k in range(1, modal.size + 1):
        if k == modal.size or modal[k] != modal[start]:
            segments.append({
                "constraint": options[int(modal[start])],
                "from_year": round(float(years_end[start] - step_years), 4),
                "to_year": round(float(years_end[k - 1]), 4),
            })
            start = k
    return segments


def summarize(timeline: Timeline, scenario_name: str, description: str = "",
              extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """Build the summary dict of a run (see the module docstring for its shape)."""
    span, s = timeline.span, timeline.series
    spy = span.steps_per_year
    years_end = span.start_year + (np.arange(span.steps) + 1) / spy
    added = annual_sums(s["space_power_added_w"], spy)
    by_tier = {tier: annual_sums(s[f"{tier}_power_added_w"], spy) for tier in space_compute_tiers()}
    horizon = span.end_year
    end = {
        "year": horizon,
        "deployed_compute_power_w": {
            tier: _stat(s[f"{tier}_compute_power_w"][:, -1]) for tier in (*tier_names(), *AGGREGATES)},
        "compute_flop_s": _stat(sum(s[f"{tier}_compute_flop_s"][:, -1] for tier in hardware_tiers())),
        "space_power_added_in_final_year_w": _stat(added[:, -1]),
        "kardashev_index": _stat(s["kardashev_index"][:, -1]),
        "civilization_power_w": _stat(s["civilization_power_w"][:, -1]),
        "cumulative_cost_usd": _stat(s["cumulative_cost_usd"][:, -1]),
        "earth_launches": _stat(s["earth_launches"].sum(axis=1)),
        "mass_driver_launches": _stat(s["mass_driver_launches"].sum(axis=1)),
        "lunar_industry_mass_kg": _stat(s["lunar_industry_mass_kg"][:, -1]),
        "lunar_industry_power_w": _stat(s["lunar_industry_power_w"][:, -1]),
        "satellites": {tier: _stat(s[f"{tier}_satellites"][:, -1]) for tier in satellite_tiers()},
    }
    peak_year_index = added.argmax(axis=1)
    summary: dict[str, Any] = {
        "scenario": scenario_name,
        "description": description,
        "samples": timeline.samples,
        "span": {"start_year": span.start_year, "end_year": span.end_year, "steps_per_year": spy},
        "first_year_added_power_ge_1tw": milestone(
            first_year_at_or_above(added, ONE_TW_PER_YEAR_W, span.start_year), horizon),
        "first_year_added_power_ge_1tw_by_tier": {
            tier: milestone(first_year_at_or_above(values, ONE_TW_PER_YEAR_W, span.start_year), horizon)
            for tier, values in by_tier.items()
        },
        "peak_space_power_added_per_year_w": _stat(added.max(axis=1)),
        "peak_space_power_added_year": _stat(peak_year_index + span.start_year),
        "end": end,
        "binding_constraints": {
            name.removesuffix("_binding"): binding_segments(timeline.labels[name], options, years_end, 1.0 / spy)
            for name, options in binding_labels().items()
        },
    }
    summary["target"] = target_summary(yearly_target_series(s, spy), DEFAULT_TARGET, span.start_year,
                                       span.end_year)
    if extra:
        summary.update(extra)
    return summary
