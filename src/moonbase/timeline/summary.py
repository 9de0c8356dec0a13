"""The run summary (``summary.json``): milestones, end state, binding constraints.

With one sample every value is a number (or null for a milestone never reached);
with several, each becomes ``{"p10", "p50", "p90", "mean"}`` and milestones also carry
``fraction_reached`` (a sample that never reaches one counts as beyond the horizon).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from moonbase.timeline.system import BINDING_LABELS, Timeline

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
    """A milestone year: an int or None for one sample; P10/P50/P90/mean and the fraction
    of samples that reach it for several (a sample that never does counts as horizon + 1)."""
    years = np.asarray(years, dtype=float)
    if years.size == 1:
        return None if np.isnan(years[0]) else int(years[0])
    reached = ~np.isnan(years)
    beyond = np.where(reached, years, horizon_year + 1)
    p10, p50, p90 = np.percentile(beyond, PERCENTILES)
    return {
        "p10": float(p10), "p50": float(p50), "p90": float(p90),
        "mean": float(beyond.mean()), "fraction_reached": float(reached.mean()),
        "beyond_horizon_value": horizon_year + 1,
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
    by_tier = {tier: annual_sums(s[f"{tier}_power_added_w"], spy) for tier in ("earth_orbit", "deep_space")}
    horizon = span.end_year
    end = {
        "year": horizon,
        "deployed_compute_power_w": {
            "ground": _stat(s["ground_compute_power_w"][:, -1]),
            "earth_orbit": _stat(s["earth_orbit_compute_power_w"][:, -1]),
            "lunar_surface": _stat(s["lunar_surface_compute_power_w"][:, -1]),
            "deep_space": _stat(s["deep_space_compute_power_w"][:, -1]),
            "space": _stat(s["space_compute_power_w"][:, -1]),
            "total": _stat(s["total_compute_power_w"][:, -1]),
        },
        "compute_flop_s": _stat(s["ground_compute_flop_s"][:, -1] + s["earth_orbit_compute_flop_s"][:, -1]
                                + s["deep_space_compute_flop_s"][:, -1]),
        "space_power_added_in_final_year_w": _stat(added[:, -1]),
        "kardashev_index": _stat(s["kardashev_index"][:, -1]),
        "cumulative_cost_usd": _stat(s["cumulative_cost_usd"][:, -1]),
        "earth_launches": _stat(s["earth_launches"].sum(axis=1)),
        "mass_driver_launches": _stat(s["mass_driver_launches"].sum(axis=1)),
        "lunar_industry_mass_kg": _stat(s["lunar_industry_mass_kg"][:, -1]),
        "lunar_surface_power_w": _stat(s["lunar_surface_power_w"][:, -1]),
        "satellites": {
            "earth_orbit": _stat(s["earth_orbit_satellites"][:, -1]),
            "deep_space": _stat(s["deep_space_satellites"][:, -1]),
        },
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
            for name, options in BINDING_LABELS.items()
        },
    }
    if extra:
        summary.update(extra)
    return summary
