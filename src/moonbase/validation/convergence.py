"""Numerical convergence studies: the timeline under step halving, the propagator under tolerance.

A result computed with a numerical resolution ``h`` (time step, tolerance) carries an
error ``e(h) ~ C h^p``. With results at ``h, h/r, h/r^2, ...`` the differences of
successive results shrink by ``r^p``, so the observed order is

``p_k = log(|x_k - x_{k+1}| / |x_{k+1} - x_{k+2}|) / log(r)``

(Roache, 1998). A study is credible when the observed orders settle near the method's
formal order and the finest differences are small against the quantity. The timeline
advances its stocks with explicit first-order steps (formal order 1 in the step); a
DOP853 integrator under error-per-step control has a global error proportional to its
tolerance (order 1 in ``rtol``; Hairer, Norsett & Wanner, 1993, sec. II.4).

The reliability tests assert these orders; the documentation shows the tables computed
when the site is built.

References
----------
.. [1] P. J. Roache, "Verification and Validation in Computational Science and
   Engineering," Hermosa, 1998, ch. 5 (observed order of convergence from three grids).
.. [2] E. Hairer, S. P. Norsett, G. Wanner, "Solving Ordinary Differential Equations I:
   Nonstiff Problems," 2nd ed., Springer, 1993, sec. II.4 (tolerance proportionality).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from moonbase.constants import SECONDS_PER_DAY
from moonbase.orbits.ephemeris import body_state_m, epoch_from_utc
from moonbase.orbits.propagator import PropagatorSettings, propagate
from moonbase.scenario.loader import scenario_from_dict
from moonbase.timeline.run import run

__all__ = ["ConvergenceStudy", "observed_orders", "propagator_tolerance_convergence",
           "timeline_step_convergence"]


@dataclass(frozen=True)
class ConvergenceStudy:
    """One quantity at successively finer resolutions, and the observed orders.

    ``resolutions`` are the step sizes or tolerances (coarse to fine), ``values`` the
    quantity at each, ``differences[k] = |values[k] - values[k+1]|`` (or, for a study
    against a reference solution, ``|values[k] - reference|``) and ``orders[k]`` the
    order observed between ``differences[k]`` and ``differences[k+1]``.
    """

    quantity: str
    unit: str
    resolution_name: str
    resolutions: tuple[float, ...]
    values: tuple[float, ...]
    differences: tuple[float, ...]
    orders: tuple[float, ...]

    def markdown(self) -> str:
        """The study as a Markdown table."""
        lines = [f"| {self.resolution_name} | {self.quantity} [{self.unit}] | difference [{self.unit}] "
                 "| observed order |", "|---:|---:|---:|---:|"]
        for k, resolution in enumerate(self.resolutions):
            diff = f"{self.differences[k]:.3e}" if k < len(self.differences) else ""
            order = f"{self.orders[k]:.2f}" if k < len(self.orders) else ""
            lines.append(f"| {resolution:g} | {self.values[k]:.9g} | {diff} | {order} |")
        return "\n".join(lines)


def observed_orders(differences, ratio: float) -> tuple[float, ...]:
    """``log(d_k / d_{k+1}) / log(ratio)`` for successive differences (NaN where one is 0)."""
    d = np.asarray(differences, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        orders = np.log(d[:-1] / d[1:]) / math.log(ratio)
    return tuple(float(o) if np.isfinite(o) else math.nan for o in orders)


def _successive(values: list[float]) -> tuple[float, ...]:
    return tuple(abs(a - b) for a, b in zip(values[:-1], values[1:]))


def timeline_step_convergence(scenario_toml: str = 'base = "alpha"\n',
                              steps_per_year: tuple[int, ...] = (12, 24, 48, 96)) -> list[ConvergenceStudy]:
    """Run a scenario at successively halved time steps; observed orders of end values.

    Parameters
    ----------
    scenario_toml
        The scenario as TOML text (its ``[span] steps_per_year`` is overridden).
    steps_per_year
        Step counts per year, each twice the previous.

    Returns
    -------
    list of ConvergenceStudy
        End-of-span total deployed compute power, deep-space and Earth-orbit power,
        Kardashev index and cumulative cost.
    """
    import tomllib


    ends = []
    for steps in steps_per_year:
        data = tomllib.loads(scenario_toml)
        data.setdefault("span", {})["steps_per_year"] = steps
        scenario = scenario_from_dict(data, f"convergence study ({steps} steps per year)")
        ends.append(run(scenario).summary["end"])
    picks = (
        ("total deployed compute power", "W", lambda e: e["deployed_compute_power_w"]["total"]),
        ("deep-space compute power", "W", lambda e: e["deployed_compute_power_w"]["deep_space"]),
        ("Earth-orbit compute power", "W", lambda e: e["deployed_compute_power_w"]["earth_orbit"]),
        ("Kardashev index", "-", lambda e: e["kardashev_index"]),
        ("cumulative cost", "USD", lambda e: e["cumulative_cost_usd"]),
    )
    step_years = tuple(1.0 / s for s in steps_per_year)
    studies = []
    for name, unit, pick in picks:
        values = [float(pick(e)) for e in ends]
        differences = _successive(values)
        studies.append(ConvergenceStudy(name, unit, "time step [yr]", step_years, tuple(values),
                                        differences, observed_orders(differences, 2.0)))
    return studies


def propagator_tolerance_convergence(
        relative_tolerances: tuple[float, ...] = (1e-7, 1e-8, 1e-9, 1e-10, 1e-11),
        duration_s: float = 20 * SECONDS_PER_DAY, reference_tolerance: float = 1e-14) -> ConvergenceStudy:
    """Final-position error of a geostationary test orbit as the propagator's tolerance tightens.

    The orbit (42,164 km radius about the Earth, started at 2030-01-01 TDB, perturbed
    by the Moon and the Sun) is propagated for ``duration_s`` at each relative
    tolerance and compared with a run at ``reference_tolerance``; the absolute floors
    are set far below the relative control so ``rtol`` alone governs the error.

    Returns
    -------
    ConvergenceStudy
        ``values`` and ``differences`` are the final-position error against the
        reference [m]; ``orders`` the observed order per decade of tolerance.
    """

    epoch = epoch_from_utc("2030-01-01T00:00:00")
    earth_position_m, earth_velocity_m_s = body_state_m("earth", epoch)
    geo_radius_m, geo_speed_m_s = 4.2164e7, 3074.7  # geostationary radius and circular speed
    position_m = earth_position_m[None] + [[geo_radius_m, 0.0, 0.0]]
    velocity_m_s = earth_velocity_m_s[None] + [[0.0, geo_speed_m_s, 0.0]]

    def final_position_m(rtol: float) -> np.ndarray:
        settings = PropagatorSettings(relative_tolerance=rtol, position_tolerance_m=1e-9,
                                      velocity_tolerance_m_s=1e-12, threads=1)
        return propagate(epoch, position_m, velocity_m_s, 0.0, duration_s, settings).final_position_m[0]

    reference = final_position_m(reference_tolerance)
    errors = tuple(float(np.linalg.norm(final_position_m(r) - reference)) for r in relative_tolerances)
    ratio = relative_tolerances[0] / relative_tolerances[1]
    return ConvergenceStudy("final-position error", "m", "relative tolerance", tuple(relative_tolerances),
                            errors, errors, observed_orders(errors, ratio))
