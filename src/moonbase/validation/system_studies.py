"""Whole-system cases: the coupled timeline configured to an independent system study.

A whole-system case runs :func:`moonbase.timeline.system.simulate` on a scenario built
from a study's own inputs, and compares the trajectory of one timeline column with the
points the study publishes (a trajectory case of :mod:`moonbase.validation.cases`).
Unlike the stand-alone models the cases elsewhere call, every limit of the timeline is
live here (Earth launch, landing, lunar power, imports, money), so the case checks the
system model, not one formula.

The scenario of each study is built here from the study's published inputs, each one
derived in code from the constants of the model that reproduces the study's stand-alone
figures (:mod:`moonbase.industry.bootstrap` for Metzger et al.), so nothing is typed in
twice. What the study does not specify is switched off (tiers it does not have) or set
so that it does not bind (stated next to each field).

References
----------
.. [1] P. T. Metzger, A. Muscatello, R. P. Mueller and J. Mantovani, "Affordable, rapid
   bootstrapping of the space industry and solar system civilization," J. Aerospace
   Eng. 26(1):18-29 (2013), doi:10.1061/(ASCE)AS.1943-5525.0000236, abstract and
   Table 2 (basic set of 21 assets, 7,675 kg, 390 kg of electronics, 8 printers at
   0.5 kg/h, 70 % polar duty cycle, 2-year generations) and text (electronics closure
   and crudeness by generation).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from moonbase.constants import SECONDS_PER_YEAR
from moonbase.industry.bootstrap import (
    METZGER_2013_POLAR_DUTY_CYCLE,
    METZGER_2013_SET_MASS_KG,
    METZGER_2013_SET_PRINT_RATE_KG_S,
    effective_replication_time_s,
    metzger_2013_generations,
)
from moonbase.scenario.loader import scenario_from_dict
from moonbase.scenario.params import timeline_choices, timeline_params
from moonbase.scenario.schema import Scenario
from moonbase.timeline.run import span_of
from moonbase.timeline.system import simulate

__all__ = ["METZGER_2013_LANDING_YEAR", "metzger_2013_replication_time_s", "metzger_2013_scenario",
           "metzger_2013_timeline_trajectory", "timeline_column_at"]

#: Calendar year the seed lands in the Metzger scenarios (the paper has no calendar; times count from landing).
METZGER_2013_LANDING_YEAR = 2031

_GENERATION_INTERVAL_S = 2.0 * SECONDS_PER_YEAR


def metzger_2013_replication_time_s(utilisation: float = 1.0, crudeness: bool = True) -> float:
    r"""Continuous replication time equivalent to Metzger et al. (2013)'s six generations [1]_ [s].

    Parameters
    ----------
    utilisation : float
        Fraction of the printers' maximum rate used [-].
    crudeness : bool
        Fold the paper's crudeness into the rate (True) or leave it out (False).

    Returns
    -------
    float
        ``T`` such that ``exp(12 yr / T)`` is the growth over the six generations.

    Notes
    -----
    A generation multiplies the number of basic sets by ``g / c`` with ``g = T_gen d m_p / m_s``
    (:func:`moonbase.industry.bootstrap.effective_replication_time_s`) and ``c`` the
    crudeness of the generation it builds (2.5, 2.5, 1.5, 1, 1, 1 for Gens 2.0-6.0): crude
    hardware is heavier for the same capability, and the mass of Gen 6.0 (crudeness 1) is
    then ``prod(g / c)`` times the seed. Over ``n`` generations

    .. math:: T = n T_{gen} / (n \ln g - \sum \ln c)

    = 1.35 yr at full rate (1.08 yr without crudeness). The timeline has one replication
    time, so the crude generations' slower growth is spread over the whole bootstrap: the
    mass at its end is the paper's product, the path between is smoother. Set-asides,
    robots and electronics factories are not in this rate (the timeline has none).
    """
    generations = metzger_2013_generations(_GENERATION_INTERVAL_S)
    t_eff = float(effective_replication_time_s(_GENERATION_INTERVAL_S, METZGER_2013_POLAR_DUTY_CYCLE,
                                               METZGER_2013_SET_MASS_KG, METZGER_2013_SET_PRINT_RATE_KG_S * utilisation))
    built = generations.crudeness[1:] if crudeness else np.ones(len(generations.crudeness) - 1)
    steps = len(built)
    return steps * _GENERATION_INTERVAL_S / (steps * _GENERATION_INTERVAL_S / t_eff - float(np.sum(np.log(built))))


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        merged[key] = _merge(merged[key], value) if isinstance(value, dict) and isinstance(merged.get(key), dict) else value
    return merged


def metzger_2013_scenario(utilisation: float = 1.0, overrides: dict[str, Any] | None = None) -> Scenario:
    """The timeline scenario of Metzger et al. (2013)'s bootstrap [1]_, at a manufacturing utilisation.

    Parameters
    ----------
    utilisation : float
        Fraction of the printers' maximum rate used [-]: 1 for the paper's maximum
        manufacturing case, 0.5 for its reduced case.
    overrides : dict, optional
        Scenario fields to replace (nested tables, TOML spelling), e.g. to perturb an input.

    Returns
    -------
    Scenario
        Only the lunar tier: the seed (Table 2's basic set) lands in
        :data:`METZGER_2013_LANDING_YEAR`; its replication time is the continuous
        equivalent of the paper's generations with their crudeness
        (:func:`metzger_2013_replication_time_s`: 1.35 yr at full rate, 2.53 yr at half);
        the local fraction of each generation's new mass is ``1 - (390 / 7,675) (1 - F_g)``
        with F_g the paper's electronics closure
        (:func:`moonbase.industry.bootstrap.metzger_2013_generations`); the site is lit the
        paper's 70 % of the time; no satellites, chip fab or
        city. All of the heavy-launch market may carry lunar cargo (the paper lands what
        the industry needs); money keeps the schema's defaults (no budget cap).

    Notes
    -----
    The timeline has no generation-by-generation crudeness, no robot labour, no
    set-asides and no electronics factories: the replication time carries the crudeness
    on average, and the whole-system cases show what the rest costs.
    """
    replication_s = metzger_2013_replication_time_s(utilisation)
    generations = metzger_2013_generations(_GENERATION_INTERVAL_S)
    data: dict[str, Any] = {
        "name": f"metzger-2013-timeline-{utilisation:g}",
        "description": "Metzger et al. (2013) bootstrap run in the coupled timeline (whole-system case).",
        "span": {"start_year": METZGER_2013_LANDING_YEAR - 1, "end_year": METZGER_2013_LANDING_YEAR + 20,
                 "steps_per_year": 12},
        "earth_orbit": {"enabled": False}, "deep_space": {"enabled": False}, "city": {"enabled": False},
        # the whole heavy-launch market may carry lunar cargo, so the seed lands in its first month
        "launch": {"architecture_share": 1.0},
        "lunar": {
            "max_launch_share": 1.0,
            "seed_year": METZGER_2013_LANDING_YEAR,
            "seed_mass": f"{METZGER_2013_SET_MASS_KG} kg",
            "replication_time": f"{replication_s / SECONDS_PER_YEAR} yr",
            "generation_interval": f"{_GENERATION_INTERVAL_S / SECONDS_PER_YEAR} yr",
            "local_fractions": [float(f) for f in generations.mass_local_fraction],
            "illumination_fraction": METZGER_2013_POLAR_DUTY_CYCLE,
            "satellite_share": 0.0, "chip_fab": False,
        },
    }
    return scenario_from_dict(_merge(data, overrides or {}), origin="metzger-2013 whole-system case")


def timeline_column_at(scenario: Scenario, column: str, since_year: float, times_s,
                       cumulative: bool = False) -> np.ndarray:
    """One timeline column of a single run of ``scenario`` at ``times_s`` after ``since_year``.

    Time zero is the end of the first step of ``since_year`` (stocks are read at the end
    of a step: the step a seed lands in is the first that holds it); values between step
    ends are interpolated linearly. ``cumulative`` sums a flow column from the start of
    the span. Times outside the span are an error.
    """
    timeline = simulate(timeline_params(scenario), span_of(scenario), choices=timeline_choices(scenario))
    span = timeline.span
    year_end = span.start_year + (np.arange(span.steps) + 1) / span.steps_per_year
    series = timeline.series[column][0]
    if cumulative:
        series = np.cumsum(series)
    years = since_year + 1.0 / span.steps_per_year + np.asarray(times_s, dtype=float) / SECONDS_PER_YEAR
    if np.any(years < year_end[0]) or np.any(years > year_end[-1]):
        raise ValueError(f"times {np.asarray(times_s) / SECONDS_PER_YEAR} yr after {since_year} fall outside the "
                         f"span {span.start_year}-{span.end_year}.")
    return np.interp(years, year_end, series)


def metzger_2013_timeline_trajectory(times_s, quantity: str = "industry_mass", utilisation: float = 1.0,
                                     overrides: dict[str, Any] | None = None) -> np.ndarray:
    """Lunar industry mass or cumulative landed mass [kg] of Metzger et al. (2013)'s bootstrap [1]_ in the timeline.

    Parameters
    ----------
    times_s : array_like
        Times since the seed landed [s].
    quantity : {"industry_mass", "landed_mass"}
        ``industry_mass``: the lunar industry's mass (``lunar_industry_mass_kg``);
        ``landed_mass``: cargo landed from Earth since the start (seed and imports).
    utilisation : float
        Manufacturing utilisation [-] (:func:`metzger_2013_scenario`).
    overrides : dict, optional
        Scenario fields to replace (a perturbation).

    Returns
    -------
    numpy.ndarray
        The quantity at each time [kg].
    """
    columns = {"industry_mass": ("lunar_industry_mass_kg", False), "landed_mass": ("lunar_landed_mass_kg", True)}
    if quantity not in columns:
        raise ValueError(f"quantity = {quantity!r} is unknown; choose one of: {', '.join(columns)}.")
    column, cumulative = columns[quantity]
    return timeline_column_at(metzger_2013_scenario(utilisation, overrides), column,
                              METZGER_2013_LANDING_YEAR, times_s, cumulative)
