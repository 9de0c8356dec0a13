"""Ensemble propagation of massless payloads in the field of the DE421 bodies.

Each payload is a test particle pulled by the Sun, the planets (system barycentres
beyond Venus), the Earth and the Moon as point masses, their positions read from the
ephemeris (:func:`moonbase.orbits.ephemeris.body_table`: one set of Chebyshev
polynomials per instant serves all ten bodies). The equations of motion, in barycentric
ICRF, are

``r'' = sum_b GM_b (r_b(t) - r) / |r_b(t) - r|^3``.

The integrator is the explicit Runge-Kutta pair of Dormand and Prince of order 8 with
embedded 5th- and 3rd-order error estimates (DOP853, [1]_; coefficients taken from
:mod:`scipy.integrate`), with its own step size per payload: payloads skimming the Moon
take minute steps while those in heliocentric cruise take day-long ones, so a close
pass slows only the payload that makes it. The local error of position and velocity is
held below ``atol + rtol |r|`` and ``atol + rtol |v|`` (norms, so the control does
not depend on the orientation of the axes). The payloads are independent: the kernel
is compiled with numba and runs them in parallel threads (``prange``), so the cost is
linear in payloads and divides by the number of cores.

Events, checked on a quintic Hermite interpolant of each accepted step (positions,
velocities and accelerations at both ends; the accelerations are free, the last stage
of the method being the first of the next step):

- impact on the Moon: distance to the Moon's centre below its mean radius (or below
  the launch radius for a site under the mean radius);
- impact on the Earth: distance to the Earth's centre below 6,378.1 + 100 km;
- crossing of the Earth's Hill sphere (outwards and back), recorded; optionally the
  propagation stops at the first exit.

Impacts stop the payload; its final state is the interpolated state at impact. The
error control, its accuracy against REBOUND's IAS15 and what the point-mass model
neglects are in ``docs/design/propagator.md``.

References
----------
.. [1] E. Hairer, S. P. Norsett, G. Wanner, "Solving Ordinary Differential Equations I:
   Nonstiff Problems," 2nd ed., Springer, 1993, sec. II.5 (DOP853, Table 5.4 of the
   coefficients) and II.4 (automatic step size control, starting step size).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numba
import numpy as np
from scipy.integrate._ivp import dop853_coefficients as _dop853

from moonbase.constants import (
    AU_M,
    EARTH_ATMOSPHERE_INTERFACE_M,
    EARTH_EQUATORIAL_RADIUS_M,
    MOON_MEAN_RADIUS_M,
    SECONDS_PER_DAY,
)
from moonbase.domain import require
from moonbase.jit import compiled
from moonbase.orbits.ephemeris import BodyTable, TdbEpoch, body_table, gm_m3_s2, table_positions

# Outcome codes written by the kernel.
RUNNING_INSIDE_HILL = 0  # reached the end (or still running) inside the Earth's Hill sphere
LUNAR_IMPACT = 1
EARTH_IMPACT = 2
OUTSIDE_HILL = 3  # reached the end outside the Earth's Hill sphere
FAILED_MAX_STEPS = -1
FAILED_STEP_UNDERFLOW = -2

_A = np.ascontiguousarray(_dop853.A[:_dop853.N_STAGES, :_dop853.N_STAGES])
_B = np.ascontiguousarray(_dop853.B)
_C = np.ascontiguousarray(_dop853.C[:_dop853.N_STAGES])
_E3 = np.ascontiguousarray(_dop853.E3)
_E5 = np.ascontiguousarray(_dop853.E5)
_SAFETY = 0.9
_MIN_FACTOR = 0.333
_MAX_FACTOR = 6.0
_BISECTIONS = 48  # event time to 2^-48 of a step
_NEAR = 3.0  # sample the interpolant inside a step that ends within 3 radii of a body
_PROBES = 8


def earth_hill_radius_m() -> float:
    """Radius of the Earth's (Earth-Moon system's) Hill sphere [m].

    Returns
    -------
    float
        ``a (GM_EMB / (3 GM_sun))^(1/3)`` = 1.5027e9 m (1.5 million km) with a = 1 au
        and DE421's mass parameters.

    Notes
    -----
    Hill's limit of a circular restricted problem ([1]_ of
    :mod:`moonbase.orbits.fates`); with the Moon's mass included, since payloads leave
    the Earth-Moon pair.

    Examples
    --------
    >>> round(earth_hill_radius_m() / 1e9, 3)
    1.503
    """

    mass_ratio = (gm_m3_s2("earth") + gm_m3_s2("moon")) / (3.0 * gm_m3_s2("sun"))
    return float(AU_M * mass_ratio ** (1.0 / 3.0))


@dataclass(frozen=True)
class PropagatorSettings:
    """Error control and event settings of :func:`propagate` (SI units).

    Attributes
    ----------
    relative_tolerance : float
        ``rtol`` [-] on the norms of position and velocity per step.
    position_tolerance_m, velocity_tolerance_m_s : float
        Absolute floors ``atol`` [m], [m/s].
    max_step_s : float
        Largest step [s]; keeps steps short enough to see every close approach.
    max_steps : int
        Steps per payload before it is abandoned (outcome :data:`FAILED_MAX_STEPS`).
    earth_impact_radius_m : float
        Earth's equatorial radius plus the 100 km entry interface [m].
    hill_radius_m : float
        Earth's Hill-sphere radius [m].
    stop_at_hill_exit : bool
        Stop each payload when it first leaves the Hill sphere.
    threads : int or None
        Threads for the payload loop (None: numba's default, all cores).
    """

    relative_tolerance: float = 1e-12
    position_tolerance_m: float = 1e-3
    velocity_tolerance_m_s: float = 1e-9
    max_step_s: float = 5.0 * SECONDS_PER_DAY
    max_steps: int = 5_000_000
    earth_impact_radius_m: float = EARTH_EQUATORIAL_RADIUS_M + EARTH_ATMOSPHERE_INTERFACE_M
    hill_radius_m: float = field(default_factory=earth_hill_radius_m)
    stop_at_hill_exit: bool = False
    threads: int | None = None


@dataclass(frozen=True)
class Propagation:
    """What :func:`propagate` returns for ``n`` payloads (SI; times in s after the epoch).

    Attributes
    ----------
    epoch : TdbEpoch
        Reference epoch of all times.
    outcome : numpy.ndarray
        (n,) int8 outcome codes (module constants).
    final_position_m, final_velocity_m_s : numpy.ndarray
        (n, 3) barycentric ICRF state at the end of the run or at the event.
    final_time_s : numpy.ndarray
        (n,) time of that state.
    event_time_s : numpy.ndarray
        (n,) impact time, or the last exit from the Hill sphere when the payload ends
        outside it; NaN otherwise.
    steps, rejected_steps : numpy.ndarray
        (n,) accepted and rejected steps.
    samples_m : numpy.ndarray or None
        (recorded, times, 3) positions at the requested sample offsets (NaN after an
        impact) for the recorded payloads.
    """

    epoch: TdbEpoch
    outcome: np.ndarray
    final_position_m: np.ndarray
    final_velocity_m_s: np.ndarray
    final_time_s: np.ndarray
    event_time_s: np.ndarray
    steps: np.ndarray
    rejected_steps: np.ndarray
    samples_m: np.ndarray | None = None


@compiled(nogil=True, fastmath=False)
def _derivative(t, y, out, bodies, coefficients, widths, table_start, granule, gm):
    """``out = (v, a)`` for state ``y`` at ``t``; leaves body positions in ``bodies``."""
    table_positions(coefficients, widths, table_start, granule, t, bodies)
    ax = 0.0
    ay = 0.0
    az = 0.0
    for b in range(gm.shape[0]):
        dx = bodies[3 * b] - y[0]
        dy = bodies[3 * b + 1] - y[1]
        dz = bodies[3 * b + 2] - y[2]
        r2 = dx * dx + dy * dy + dz * dz
        k = gm[b] / (r2 * np.sqrt(r2))
        ax += k * dx
        ay += k * dy
        az += k * dz
    out[0] = y[3]
    out[1] = y[4]
    out[2] = y[5]
    out[3] = ax
    out[4] = ay
    out[5] = az


@compiled(nogil=True)
def _hermite(s, h, y0, f0, y1, f1, out):
    """Quintic Hermite interpolant of position and velocity at fraction ``s`` of a step.

    Matches position, velocity and acceleration at both ends (``y = (r, v)``,
    ``f = (v, a)``); writes ``(r(s), v(s))`` into ``out``.
    """
    s2 = s * s
    s3 = s2 * s
    s4 = s3 * s
    s5 = s4 * s
    h00 = 1.0 - 10.0 * s3 + 15.0 * s4 - 6.0 * s5
    h10 = s - 6.0 * s3 + 8.0 * s4 - 3.0 * s5
    h20 = 0.5 * s2 - 1.5 * s3 + 1.5 * s4 - 0.5 * s5
    h01 = 10.0 * s3 - 15.0 * s4 + 6.0 * s5
    h11 = -4.0 * s3 + 7.0 * s4 - 3.0 * s5
    h21 = 0.5 * s3 - s4 + 0.5 * s5
    d00 = -30.0 * s2 + 60.0 * s3 - 30.0 * s4
    d10 = 1.0 - 18.0 * s2 + 32.0 * s3 - 15.0 * s4
    d20 = s - 4.5 * s2 + 6.0 * s3 - 2.5 * s4
    d01 = 30.0 * s2 - 60.0 * s3 + 30.0 * s4
    d11 = -12.0 * s2 + 28.0 * s3 - 15.0 * s4
    d21 = 1.5 * s2 - 4.0 * s3 + 2.5 * s4
    hh = h * h
    for c in range(3):
        out[c] = (h00 * y0[c] + h01 * y1[c] + h * (h10 * f0[c] + h11 * f1[c])
                  + hh * (h20 * f0[3 + c] + h21 * f1[3 + c]))
        out[3 + c] = ((d00 * y0[c] + d01 * y1[c]) / h + d10 * f0[c] + d11 * f1[c]
                      + h * (d20 * f0[3 + c] + d21 * f1[3 + c]))


@compiled(nogil=True)
def _distance(y, bodies, body):
    """Distance from the payload to ``body`` [m]; +inf when ``body`` is -1 (absent)."""
    if body < 0:
        return np.inf
    return np.sqrt((y[0] - bodies[3 * body]) ** 2 + (y[1] - bodies[3 * body + 1]) ** 2
                   + (y[2] - bodies[3 * body + 2]) ** 2)


@compiled(nogil=True)
def _distance_at(s, t, h, y0, f0, y1, f1, body, coefficients, widths, table_start, granule, state, bodies):
    _hermite(s, h, y0, f0, y1, f1, state)
    table_positions(coefficients, widths, table_start, granule, t + s * h, bodies)
    dx = state[0] - bodies[3 * body]
    dy = state[1] - bodies[3 * body + 1]
    dz = state[2] - bodies[3 * body + 2]
    return np.sqrt(dx * dx + dy * dy + dz * dz)


@compiled(nogil=True)
def _impact_fraction(t, h, y0, f0, y1, f1, d_old, d_new, body, radius, coefficients, widths, table_start, granule,
                     state, bodies):
    """Fraction of the step at which the payload first comes within ``radius`` of ``body``.

    Returns -1 when it stays outside. Probes the interpolant inside the step when an
    end lies within ``_NEAR`` radii, then bisects the first crossing.
    """
    if body < 0 or (d_new >= radius and min(d_old, d_new) >= _NEAR * radius):
        return -1.0
    lo = 0.0
    hi = -1.0
    for p in range(1, _PROBES + 1):
        s = p / _PROBES
        d = d_new if p == _PROBES else _distance_at(s, t, h, y0, f0, y1, f1, body, coefficients, widths,
                                                   table_start, granule, state, bodies)
        if d < radius:
            hi = s
            break
        lo = s
    if hi < 0.0:
        return -1.0
    for _ in range(_BISECTIONS):
        mid = 0.5 * (lo + hi)
        if _distance_at(mid, t, h, y0, f0, y1, f1, body, coefficients, widths, table_start, granule, state,
                        bodies) < radius:
            hi = mid
        else:
            lo = mid
    return hi


@compiled(nogil=True)
def _propagate_one(i, y_start, t_start, t_end, coefficients, widths, table_start, granule, gm, earth, moon,
                   moon_radius, earth_radius, hill_radius, rtol, atol_r, atol_v, h_max, max_steps, stop_at_hill,
                   a, b, c, e3, e5, sample_offsets, slot, samples, out_state, out_time, out_code, out_event,
                   out_steps, out_rejected):
    # One payload's adaptive Runge-Kutta integration, kept whole on purpose: it is the hot inner
    # loop of every ensemble (~0.7 M payload-days/s per core), and its stage evaluations, error
    # control, event checks and ephemeris lookups share registers that calls across compiled
    # functions would spill; docs/design/propagator.md measures it.
    n_stages = b.shape[0]
    width = coefficients.shape[2]
    k = np.empty((n_stages + 1, 6))
    y = y_start.copy()
    y_new = np.empty(6)
    y_tmp = np.empty(6)
    state = np.empty(6)
    bodies = np.empty(width)
    probe_bodies = np.empty(width)
    t = t_start
    _derivative(t, y, k[0], bodies, coefficients, widths, table_start, granule, gm)
    d_moon = _distance(y, bodies, moon)
    d_earth = _distance(y, bodies, earth)
    outside = d_earth > hill_radius
    exit_time = t if outside else np.nan
    code = OUTSIDE_HILL if outside else RUNNING_INSIDE_HILL
    event_time = np.nan
    n_samples = sample_offsets.shape[0]
    next_sample = 0
    while next_sample < n_samples and t_start + sample_offsets[next_sample] < t:
        next_sample += 1

    # starting step (Hairer, Norsett & Wanner, sec. II.4)
    r_norm = np.sqrt(y[0] ** 2 + y[1] ** 2 + y[2] ** 2)
    v_norm = np.sqrt(y[3] ** 2 + y[4] ** 2 + y[5] ** 2)
    sc_r = atol_r + rtol * r_norm
    sc_v = atol_v + rtol * v_norm
    d0 = 0.0
    d1 = 0.0
    for q in range(3):
        d0 += (y[q] / sc_r) ** 2 + (y[3 + q] / sc_v) ** 2
        d1 += (k[0, q] / sc_r) ** 2 + (k[0, 3 + q] / sc_v) ** 2
    d0 = np.sqrt(d0 / 6.0)
    d1 = np.sqrt(d1 / 6.0)
    h0 = 1e-6 if (d0 < 1e-5 or d1 < 1e-5) else 0.01 * d0 / d1
    h0 = min(h0, h_max)
    for q in range(6):
        y_tmp[q] = y[q] + h0 * k[0, q]
    _derivative(t + h0, y_tmp, k[1], bodies, coefficients, widths, table_start, granule, gm)
    d2 = 0.0
    for q in range(3):
        d2 += ((k[1, q] - k[0, q]) / sc_r) ** 2 + ((k[1, 3 + q] - k[0, 3 + q]) / sc_v) ** 2
    d2 = np.sqrt(d2 / 6.0) / h0
    big = max(d1, d2)
    h1 = max(1e-6, h0 * 1e-3) if big <= 1e-15 else (0.01 / big) ** (1.0 / 8.0)
    h = min(100.0 * h0, h1, h_max)

    steps = 0
    rejected = 0
    last_rejected = False
    while t < t_end:
        if steps >= max_steps:
            code = FAILED_MAX_STEPS
            break
        h_try = min(h, t_end - t)
        if h_try < 1e-11 * max(1.0, abs(t)) and t_end - t > h_try:
            code = FAILED_STEP_UNDERFLOW
            break
        for s in range(1, n_stages):
            for q in range(6):
                acc = 0.0
                for j in range(s):
                    acc += a[s, j] * k[j, q]
                y_tmp[q] = y[q] + h_try * acc
            _derivative(t + c[s] * h_try, y_tmp, k[s], bodies, coefficients, widths, table_start, granule, gm)
        for q in range(6):
            acc = 0.0
            for j in range(n_stages):
                acc += b[j] * k[j, q]
            y_new[q] = y[q] + h_try * acc
        _derivative(t + h_try, y_new, k[n_stages], bodies, coefficients, widths, table_start, granule, gm)
        # error norm of DOP853 (5th and 3rd order estimates combined)
        r_norm = max(np.sqrt(y[0] ** 2 + y[1] ** 2 + y[2] ** 2),
                     np.sqrt(y_new[0] ** 2 + y_new[1] ** 2 + y_new[2] ** 2))
        v_norm = max(np.sqrt(y[3] ** 2 + y[4] ** 2 + y[5] ** 2),
                     np.sqrt(y_new[3] ** 2 + y_new[4] ** 2 + y_new[5] ** 2))
        sc_r = atol_r + rtol * r_norm
        sc_v = atol_v + rtol * v_norm
        err5 = 0.0
        err3 = 0.0
        for q in range(6):
            acc5 = 0.0
            acc3 = 0.0
            for j in range(n_stages + 1):
                acc5 += e5[j] * k[j, q]
                acc3 += e3[j] * k[j, q]
            scale = sc_r if q < 3 else sc_v
            err5 += (acc5 / scale) ** 2
            err3 += (acc3 / scale) ** 2
        if err5 == 0.0 and err3 == 0.0:
            err = 0.0
        else:
            err = h_try * err5 / np.sqrt((err5 + 0.01 * err3) * 6.0)
        if err > 1.0:
            h = h_try * max(_MIN_FACTOR, _SAFETY * err ** (-1.0 / 8.0))
            rejected += 1
            last_rejected = True
            continue
        steps += 1
        # events on the accepted step [t, t + h_try]
        d_moon_new = _distance(y_new, bodies, moon)
        d_earth_new = _distance(y_new, bodies, earth)
        s_moon = _impact_fraction(t, h_try, y, k[0], y_new, k[n_stages], d_moon, d_moon_new, moon, moon_radius,
                                  coefficients, widths, table_start, granule, state, probe_bodies)
        s_earth = _impact_fraction(t, h_try, y, k[0], y_new, k[n_stages], d_earth, d_earth_new, earth,
                                   earth_radius, coefficients, widths, table_start, granule, state, probe_bodies)
        s_hit = -1.0
        if s_moon >= 0.0 and (s_earth < 0.0 or s_moon <= s_earth):
            s_hit = s_moon
            code = LUNAR_IMPACT
        elif s_earth >= 0.0:
            s_hit = s_earth
            code = EARTH_IMPACT
        s_end = s_hit if s_hit >= 0.0 else 1.0
        while next_sample < n_samples and t_start + sample_offsets[next_sample] <= t + s_end * h_try:
            if slot >= 0:
                _hermite((t_start + sample_offsets[next_sample] - t) / h_try, h_try, y, k[0], y_new,
                         k[n_stages], state)
                samples[slot, next_sample, 0] = state[0]
                samples[slot, next_sample, 1] = state[1]
                samples[slot, next_sample, 2] = state[2]
            next_sample += 1
        if s_hit >= 0.0:
            _hermite(s_hit, h_try, y, k[0], y_new, k[n_stages], state)
            for q in range(6):
                y[q] = state[q]
            t = t + s_hit * h_try
            event_time = t
            break
        if (d_earth_new > hill_radius) != outside:
            outside = not outside
            if outside:
                exit_time = t + h_try * (hill_radius - d_earth) / (d_earth_new - d_earth)
            else:
                exit_time = np.nan
        t = t + h_try
        for q in range(6):
            y[q] = y_new[q]
            k[0, q] = k[n_stages, q]
        d_moon = d_moon_new
        d_earth = d_earth_new
        factor = _MAX_FACTOR if err == 0.0 else min(_MAX_FACTOR, _SAFETY * err ** (-1.0 / 8.0))
        if last_rejected:
            factor = min(1.0, factor)
        last_rejected = False
        if h_try == h:  # a full step (not cut short at the end) sets the next one
            h = min(h_try * factor, h_max)
        else:
            h = min(max(h, h_try * factor), h_max)
        if outside and stop_at_hill:
            break
    if code == RUNNING_INSIDE_HILL or code == OUTSIDE_HILL:
        code = OUTSIDE_HILL if outside else RUNNING_INSIDE_HILL
        event_time = exit_time
    for q in range(6):
        out_state[i, q] = y[q]
    out_time[i] = t
    out_code[i] = code
    out_event[i] = event_time
    out_steps[i] = steps
    out_rejected[i] = rejected


@compiled(parallel=True)
def _propagate_all(y_start, t_start, t_end, coefficients, widths, table_start, granule, gm, earth, moon, moon_radius,
                   earth_radius, hill_radius, rtol, atol_r, atol_v, h_max, max_steps, stop_at_hill, a, b, c, e3,
                   e5, sample_offsets, slots, samples, out_state, out_time, out_code, out_event, out_steps,
                   out_rejected):
    for i in numba.prange(y_start.shape[0]):
        _propagate_one(i, y_start[i], t_start[i], t_end[i], coefficients, widths, table_start, granule, gm, earth, moon,
                       moon_radius[i], earth_radius, hill_radius, rtol, atol_r, atol_v, h_max, max_steps,
                       stop_at_hill, a, b, c, e3, e5, sample_offsets, slots[i], samples, out_state, out_time,
                       out_code, out_event, out_steps, out_rejected)


def propagate(epoch: TdbEpoch, position_m, velocity_m_s, start_s, duration_s,
              settings: PropagatorSettings | None = None, moon_radius_m=MOON_MEAN_RADIUS_M,
              sample_offsets_s=None, record=None, table: BodyTable | None = None,
              progress: Callable[[int], None] | None = None, chunk_size: int = 0) -> Propagation:
    """Propagate massless payloads through the DE421 solar system, with events.

    Parameters
    ----------
    epoch : TdbEpoch
        Reference epoch (TDB); all times are seconds after it.
    position_m, velocity_m_s : array_like
        (n, 3) initial barycentric ICRF states [m], [m/s].
    start_s : array_like
        (n,) or scalar start time of each payload [s after epoch].
    duration_s : float
        Propagated time per payload [s], > 0.
    settings : PropagatorSettings, optional
        Tolerances and events (defaults: rtol 1e-12, max step 2 days).
    moon_radius_m : array_like
        (n,) or scalar lunar impact radius [m] (mean radius by default).
    sample_offsets_s : array_like, optional
        (m,) times after each payload's start at which to record positions [s].
    record : array_like of bool, optional
        (n,) which payloads to record (default: all, when ``sample_offsets_s`` is given).
    table : BodyTable, optional
        Ephemeris table covering the run (built when not given).
    progress : callable, optional
        Called with the number of payloads finished after each chunk.
    chunk_size : int
        Payloads per kernel call when ``progress`` is given (0: one call).

    Returns
    -------
    Propagation
        Final states, outcomes, event times, step counts and samples.

    Notes
    -----
    DOP853 with per-payload adaptive steps (module docstring). Payloads whose step
    count exceeds ``settings.max_steps`` or whose step underflows keep their last state
    and a negative outcome code.

    Examples
    --------
    >>> from moonbase.orbits.ephemeris import epoch_from_utc, body_state_m
    >>> e = epoch_from_utc("2030-01-01T00:00:00")
    >>> p, v = body_state_m("earth", e)
    >>> run = propagate(e, p[None] + [[4.2164e7, 0, 0]], v[None] + [[0, 3074.7, 0]], 0.0, 86400.0)
    >>> int(run.outcome[0])
    0
    """
    settings = PropagatorSettings() if settings is None else settings
    position_m = np.atleast_2d(np.asarray(position_m, dtype=float))
    velocity_m_s = np.atleast_2d(np.asarray(velocity_m_s, dtype=float))
    n = position_m.shape[0]
    require(position_m.shape == (n, 3) and velocity_m_s.shape == (n, 3), "position_m", position_m.shape,
            "position_m and velocity_m_s of shape (n, 3)")
    require(np.isfinite(position_m).all() and np.isfinite(velocity_m_s).all(), "position_m", "non-finite",
            "finite initial states")
    require(float(duration_s) > 0.0, "duration_s", duration_s, "a duration > 0 s")
    require(settings.relative_tolerance > 0.0, "relative_tolerance", settings.relative_tolerance, "> 0")
    start_s = np.broadcast_to(np.asarray(start_s, dtype=float), (n,)).copy()
    end_s = start_s + float(duration_s)
    moon_radius_m = np.broadcast_to(np.asarray(moon_radius_m, dtype=float), (n,)).copy()
    if table is None:
        table = body_table(epoch, float(start_s.min(initial=0.0)), float(end_s.max(initial=0.0)))
    require((start_s.min(initial=table.start_s) >= table.start_s) and (end_s.max(initial=0.0) <= table.end_s),
            "table", f"[{table.start_s}, {table.end_s}] s", "an ephemeris table covering every payload's span")
    offsets = np.zeros(0) if sample_offsets_s is None else np.asarray(sample_offsets_s, dtype=float)
    if record is None:
        record = np.full(n, offsets.size > 0)
    record = np.asarray(record, dtype=bool)
    slots = np.where(record, np.cumsum(record) - 1, -1).astype(np.int64)
    samples = np.full((int(record.sum()), offsets.size, 3), np.nan)
    out_state = np.empty((n, 6))
    out_time = np.empty(n)
    out_code = np.empty(n, dtype=np.int8)
    out_event = np.empty(n)
    out_steps = np.empty(n, dtype=np.int64)
    out_rejected = np.empty(n, dtype=np.int64)
    y_start = np.ascontiguousarray(np.concatenate([position_m, velocity_m_s], axis=1))
    earth = table.index("earth") if "earth" in table.bodies else -1
    moon = table.index("moon") if "moon" in table.bodies else -1
    chunk = n if (progress is None or chunk_size <= 0) else int(chunk_size)
    previous_threads = numba.get_num_threads()
    if settings.threads is not None:
        numba.set_num_threads(max(1, min(int(settings.threads), numba.config.NUMBA_NUM_THREADS)))
    try:
        for first in range(0, n, max(chunk, 1)):
            part = slice(first, min(first + chunk, n))
            _propagate_all(
                y_start[part], start_s[part], end_s[part], table.coefficients_m, table.widths, table.start_s, table.granule_s,
                table.gm_m3_s2, earth, moon, moon_radius_m[part], settings.earth_impact_radius_m,
                settings.hill_radius_m, settings.relative_tolerance, settings.position_tolerance_m,
                settings.velocity_tolerance_m_s, settings.max_step_s, settings.max_steps,
                settings.stop_at_hill_exit, _A, _B, _C, _E3, _E5, offsets, slots[part], samples,
                out_state[part], out_time[part], out_code[part], out_event[part], out_steps[part],
                out_rejected[part])
            if progress is not None:
                progress(part.stop - part.start)
    finally:
        numba.set_num_threads(previous_threads)
    return Propagation(epoch, out_code, out_state[:, :3].copy(), out_state[:, 3:].copy(), out_time, out_event,
                       out_steps, out_rejected, samples if offsets.size else None)
