"""Timeline runs behind the claims: a scenario's sampled band, and runs with chosen inputs.

:func:`sampled_run` draws the scenario's ``[uncertainty]`` fields
(:func:`moonbase.analysis.montecarlo.draw_inputs`) and runs every sample in one call of
the vectorised timeline; :func:`assigned_run` runs the scenario at its fixed values with
some fields set per sample (one sample per value of a scan). Both keep every column by
calendar year (:func:`moonbase.analysis.montecarlo.yearly_values`) and the binding labels.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from moonbase.analysis.montecarlo import (
    chunk_params,
    draw_inputs,
    sampled_escape_choices,
    yearly_values,
)
from moonbase.orbits.escape import escape_fraction
from moonbase.scenario.params import timeline_choices
from moonbase.scenario.schema import Scenario
from moonbase.timeline.binding import binding_labels
from moonbase.timeline.run import span_of
from moonbase.timeline.system import Timeline, simulate

__all__ = ["ClaimRun", "assigned_run", "first_years", "sampled_run", "year_percentiles"]


@dataclass(frozen=True)
class ClaimRun:
    """A finished run: its timeline and calendar years."""

    scenario: Scenario
    timeline: Timeline

    @property
    def years(self) -> np.ndarray:
        span = self.timeline.span
        return np.arange(span.start_year, span.end_year + 1)

    def yearly(self, column: str) -> np.ndarray:
        """``(samples, years)`` values of a column by calendar year (flows summed, stocks at the year's end)."""
        return yearly_values(self.timeline, column)

    def binding(self, tier: str, year: int) -> str:
        """The label that most samples give as limiting ``tier`` during ``year``."""
        name = f"{tier}_binding"
        span = self.timeline.span
        step = int(np.clip((year - span.start_year) * span.steps_per_year + span.steps_per_year - 1, 0,
                           self.timeline.labels[name].shape[1] - 1))
        codes = self.timeline.labels[name][:, step]
        return binding_labels()[name][int(np.bincount(codes.astype(np.int64)).argmax())]


def _run(scenario: Scenario, draws: dict[str, np.ndarray], samples: int, sampled: bool) -> ClaimRun:
    params = chunk_params(scenario, draws, samples)
    choices = timeline_choices(scenario)
    escape_choices = sampled_escape_choices(scenario) if sampled else choices["trajectory"]
    timeline = simulate(params, span_of(scenario), escape=escape_fraction(params, escape_choices), choices=choices)
    return ClaimRun(scenario, timeline)


def sampled_run(scenario: Scenario, samples: int, seed: int) -> ClaimRun:
    """``samples`` draws of the scenario's uncertain fields (its fixed values when it has none or ``samples == 1``)."""
    draws = draw_inputs(scenario, samples, seed) if samples > 1 else {}
    return _run(scenario, draws, samples, bool(draws))


def assigned_run(scenario: Scenario, assignment: dict[str, np.ndarray]) -> ClaimRun:
    """The scenario at its fixed values with each field of ``assignment`` (dotted path -> SI values, one per sample) set."""
    samples = len(next(iter(assignment.values())))
    return _run(scenario, {path: np.asarray(v, dtype=float) for path, v in assignment.items()}, samples, False)


def first_years(values: np.ndarray, threshold: float, at_least: bool, start_year: int) -> np.ndarray:
    """First calendar year each sample meets the threshold (``>=`` or ``<=``); NaN when it never does."""
    hit = values >= threshold if at_least else values <= threshold
    first = np.where(hit.any(axis=1), hit.argmax(axis=1).astype(float) + start_year, np.nan)
    return first


def year_percentiles(years: np.ndarray) -> dict[str, int | None]:
    """P10/P50/P90 of first years (a sample that never meets it counts as later than any year; None then)."""
    filled = np.where(np.isnan(years), np.inf, years)
    out = {}
    for q in (10, 50, 90):
        value = float(np.percentile(filled, q, method="higher"))
        out[f"year_p{q}"] = None if not np.isfinite(value) else int(value)
    return out
