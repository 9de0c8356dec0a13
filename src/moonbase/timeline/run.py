"""Orchestration: ``run(scenario, samples) -> RunResult``. A function, not an object with state."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from moonbase import __version__
from moonbase.orbits.escape import escape_fraction, escape_report
from moonbase.scenario.params import Params, timeline_choices, timeline_params
from moonbase.scenario.schema import Scenario
from moonbase.timeline.summary import summarize
from moonbase.timeline.system import Span, Timeline, simulate


@dataclass(frozen=True)
class RunResult:
    """A finished run: its scenario, parameters, timeline and summary (immutable)."""

    scenario: Scenario
    params: Params
    timeline: Timeline
    summary: dict[str, Any]
    seed: int


def span_of(scenario: Scenario) -> Span:
    """The calendar span of a scenario."""
    return Span(scenario.span.start_year, scenario.span.end_year, scenario.span.steps_per_year)


def earth_impact_warning(escape: dict[str, Any]) -> str | None:
    """The warning of an escape report that flags Earth impacts (None when it does not)."""
    if "earth_impact" not in escape.get("flags", []):
        return None
    return (f"{escape['earth_impact_fraction']:.1%} of mass-driver payloads fall on the Earth "
            "(trajectory.escape_model = propagated): change the site, track or exit speed.")


def _warnings(scenario: Scenario, timeline: Timeline, escape: dict[str, Any]) -> list[str]:
    notes: list[str] = []
    if scenario.deep_space.enabled and scenario.lunar.enabled and escape["heliocentric_fraction"] == 0.0:
        needed = escape["minimum_escape_exit_speed_m_s"]
        needed_text = f"{needed / 1000:.3f} km/s" if needed is not None else "no speed (the track points into the Moon)"
        notes.append(
            f"mass_driver.exit_speed = {escape['exit_speed_m_s'] / 1000:.3f} km/s does not escape the Earth-Moon "
            f"system from this site and track (needs {needed_text}); nothing reaches deep space.")
    elif (escape.get("method") != "propagated" and escape["margin_m_s"] is not None
          and 0.0 <= escape["margin_m_s"] < 50.0 and scenario.deep_space.enabled):
        notes.append(
            f"mass_driver.exit_speed is only {escape['margin_m_s']:.0f} m/s above the patched-conic escape threshold; "
            "the real outcome near the threshold depends on the Moon's phase (see docs/design/patched_conic_escape.md).")
    if earth_impact_warning(escape) is not None:
        notes.append(earth_impact_warning(escape))
    if scenario.deep_space.enabled and not scenario.lunar.enabled:
        notes.append("deep_space.enabled is true but lunar.enabled is false: without the lunar city nothing "
                     "builds deep-space satellites.")
    if scenario.span.end_year < scenario.mass_driver.first_launch_year and scenario.deep_space.enabled:
        notes.append("mass_driver.first_launch_year is after span.end_year: the mass driver never fires.")
    return notes


def run(scenario: Scenario, samples: int = 1, seed: int = 0, params: Params | None = None) -> RunResult:
    """Run the timeline for a scenario and summarise it.

    Parameters
    ----------
    scenario
        A validated scenario.
    samples
        Number of samples along the leading axis (identical unless ``params`` holds
        sampled values; the uncertainty issue draws them from a seeded Generator).
    seed
        Seed recorded with the run (randomness, when any, must come from it).
    params
        Pre-built parameter arrays; defaults to :func:`timeline_params`.
    """
    p = timeline_params(scenario, samples) if params is None else params
    choices = timeline_choices(scenario)
    phi = escape_fraction(p, choices["trajectory"])
    timeline = simulate(p, span_of(scenario), escape=phi, choices=choices)
    escape = escape_report(p, phi, choices["trajectory"])
    extra = {
        "moonbase_version": __version__,
        "seed": seed,
        "escape": escape,
        "warnings": _warnings(scenario, timeline, escape),
    }
    summary = summarize(timeline, scenario.name, scenario.description, extra)
    return RunResult(scenario=scenario, params=p, timeline=timeline, summary=summary, seed=seed)
