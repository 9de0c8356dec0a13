"""How many people the lunar industry needs on site, against teleoperation from Earth.

Work on the industry is counted in person-hours: a share per tonne of output and a
share per tonne of installed machinery each year (upkeep). Autonomous machines do a
fraction ``automation`` of it; of the rest, a share ``teleoperation_share`` is done
by operators on Earth, whose productivity the round-trip light time cuts (Ferrell's
move-and-wait); the remainder needs people on the Moon. Residents are those workers
plus a support population (medicine, food, maintenance of the city itself), up to a
ceiling the scenario sets. Assumptions and their sizes: ``docs/design/lunar_city.md``.
"""

from __future__ import annotations

import numpy as np

from moonbase.constants import MOON_SEMI_MAJOR_AXIS_M, SECONDS_PER_YEAR
from moonbase.jit import formula
from moonbase.domain import (
    scalar_or_array,
    fraction as _fraction,
    non_negative as _non_negative,
    positive as _positive,
    reject as _reject,
)
from moonbase.physics.optical_link import light_time_s

__all__ = [
    "teleoperation_round_trip_s",
    "teleoperation_efficiency",
    "work_rate",
    "lunar_workers",
    "earth_teleoperators",
    "city_population",
]


def teleoperation_round_trip_s(distance_m=MOON_SEMI_MAJOR_AXIS_M, relay_latency_s=0.0):
    """Round-trip delay of a command and its video from Earth to the Moon and back [s].

    Parameters
    ----------
    distance_m : float or array_like
        Earth-Moon distance [m]; the default is the Moon's semi-major axis.
    relay_latency_s : float or array_like
        Added delay of ground networks, relays, coding and video processing [s].

    Returns
    -------
    float or numpy.ndarray
        :math:`2 d / c + t_{relay}` [s].

    Notes
    -----
    Light alone takes 2 x 384,400 km / c = 2.564 s there and back [1]; the distance
    varies by +/- 5.5 % over the month (perigee 363,300 km, apogee 405,500 km). Any
    closed-loop task that must react faster than this cannot be teleoperated from
    Earth at all; slower tasks can, at the productivity of
    :func:`teleoperation_efficiency`.

    References
    ----------
    .. [1] D. R. Williams, "Moon Fact Sheet," NASA NSSDCA, 2024 (semi-major axis).

    Examples
    --------
    >>> round(float(teleoperation_round_trip_s()), 3)
    2.564
    """
    distance = _non_negative("distance_m", distance_m, "m")
    relay = _non_negative("relay_latency_s", relay_latency_s, "s")
    return scalar_or_array(2.0 * light_time_s(distance) + relay)


def teleoperation_efficiency(round_trip_s, move_duration_s):
    """Work done per hour by a remote operator, relative to one on site [-].

    Parameters
    ----------
    round_trip_s : float or array_like
        Round-trip delay [s] (:func:`teleoperation_round_trip_s`).
    move_duration_s : float or array_like
        Duration of one open-loop move the operator commits before waiting to see
        its result [s], > 0.

    Returns
    -------
    float or numpy.ndarray
        :math:`\\eta = t_m / (t_m + t_{rt})` [-], 1 without delay.

    Notes
    -----
    Ferrell's move-and-wait strategy [1]: with a delay, operators make an open-loop
    move, then wait a round trip to see it, so task time grows by one round trip per
    move. Supervisory control [2] (the robot closes the fast loops, the human gives
    goals) lengthens the moves and brings :math:`\\eta` toward 1. Our reduction of
    the strategy to one mean move duration is an assumption.

    References
    ----------
    .. [1] W. R. Ferrell, "Remote manipulation with transmission delay," IEEE Trans.
       Human Factors in Electronics HFE-6(1):24-32 (1965), doi:10.1109/THFE.1965.6591253.
    .. [2] T. B. Sheridan, "Space teleoperation through time delay: review and
       prognosis," IEEE Trans. Robotics and Automation 9(5):592-606 (1993),
       doi:10.1109/70.258052.

    Examples
    --------
    >>> round(float(teleoperation_efficiency(2.564, 5.0)), 3)
    0.661
    """
    delay = _non_negative("round_trip_s", round_trip_s, "s")
    move = _positive("move_duration_s", move_duration_s, "s")
    return scalar_or_array(move / (move + delay))


def work_rate(output_rate_kg_s, industry_mass_kg, labour_per_output_s_kg, upkeep_labour_per_kg):
    """Person-hours of work the industry needs per hour, before automation [-].

    Parameters
    ----------
    output_rate_kg_s : float or array_like
        Mass the industry produces per second [kg/s].
    industry_mass_kg : float or array_like
        Installed industry [kg].
    labour_per_output_s_kg : float or array_like
        Hands-on work per kg of output, done by hand [s/kg] (20 person-hours per
        tonne is 72 s/kg).
    upkeep_labour_per_kg : float or array_like
        Work per second per kg of installed machinery (inspection, repair) [1/kg]
        (2 person-hours per tonne-year is 2.28e-7 /kg).

    Returns
    -------
    float or numpy.ndarray
        :math:`W = \\dot m\\, \\ell_o + M\\, \\ell_u` [-]: the number of people working
        without pause it would take.

    Notes
    -----
    Linear in output and installed mass: no economies of scale (a conservative
    assumption; see ``docs/design/lunar_city.md``).

    Examples
    --------
    >>> from moonbase.constants import SECONDS_PER_YEAR
    >>> round(float(work_rate(1e6 * 1e3 / SECONDS_PER_YEAR, 0.0, 72.0, 0.0)), 1)
    2281.5
    """
    output = _non_negative("output_rate_kg_s", output_rate_kg_s, "kg/s")
    industry = _non_negative("industry_mass_kg", industry_mass_kg, "kg")
    per_output = _non_negative("labour_per_output_s_kg", labour_per_output_s_kg, "s/kg")
    upkeep = _non_negative("upkeep_labour_per_kg", upkeep_labour_per_kg, "1/kg")
    return scalar_or_array(work_rate_core(output, industry, per_output, upkeep))


@formula
def work_rate_core(output_rate_kg_s, industry_mass_kg, labour_per_output_s_kg, upkeep_labour_per_kg):
    """The formula of :func:`work_rate`, unchecked (a :mod:`moonbase.jit` formula)."""
    return output_rate_kg_s * labour_per_output_s_kg + industry_mass_kg * upkeep_labour_per_kg


def _work_fraction(work_time_per_year_s):
    hours = np.asarray(work_time_per_year_s, dtype=float)
    _reject("work_time_per_year_s", hours, ~((hours > 0.0) & (hours <= SECONDS_PER_YEAR)),
            f"(0, {SECONDS_PER_YEAR:g}] s (at most one year of work per year).")
    return hours / SECONDS_PER_YEAR


def lunar_workers(work, automation, teleoperation_share, work_time_per_year_s):
    """Workers needed on the Moon [persons].

    Parameters
    ----------
    work : float or array_like
        Person-hours per hour before automation [-] (:func:`work_rate`).
    automation : float or array_like
        Fraction of the work done autonomously by machines [-].
    teleoperation_share : float or array_like
        Fraction of the remaining work done from Earth [-].
    work_time_per_year_s : float or array_like
        Working time of one person in a year [s] (2,000 h is 7.2e6 s).

    Returns
    -------
    float or numpy.ndarray
        :math:`N = W (1 - a)(1 - s) / (t_w / \\mathrm{yr})` [persons].

    Examples
    --------
    >>> round(float(lunar_workers(2281.5, 0.95, 0.8, 2000 * 3600.0)), 1)
    100.0
    """
    w = _non_negative("work", work, "person-hours per hour")
    a = _fraction("automation", automation)
    s = _fraction("teleoperation_share", teleoperation_share)
    _work_fraction(work_time_per_year_s)
    return scalar_or_array(lunar_workers_core(w, a, s, np.asarray(work_time_per_year_s, dtype=float)))


@formula
def lunar_workers_core(work, automation, teleoperation_share, work_time_per_year_s):
    """The formula of :func:`lunar_workers`, unchecked (a :mod:`moonbase.jit` formula)."""
    return work * (1.0 - automation) * (1.0 - teleoperation_share) / (work_time_per_year_s / SECONDS_PER_YEAR)


def earth_teleoperators(work, automation, teleoperation_share, work_time_per_year_s, efficiency):
    """Operators on Earth for the teleoperated share of the work [persons].

    Parameters
    ----------
    work, automation, teleoperation_share, work_time_per_year_s
        As :func:`lunar_workers`.
    efficiency : float or array_like
        Remote productivity [-] in (0, 1] (:func:`teleoperation_efficiency`).

    Returns
    -------
    float or numpy.ndarray
        :math:`W (1 - a)\\, s / (\\eta\\, t_w / \\mathrm{yr})` [persons].

    Examples
    --------
    >>> round(float(earth_teleoperators(2281.5, 0.95, 0.8, 2000 * 3600.0, 0.5)), 0)
    800.0
    """
    w = _non_negative("work", work, "person-hours per hour")
    a = _fraction("automation", automation)
    s = _fraction("teleoperation_share", teleoperation_share)
    eta = _fraction("efficiency", efficiency, low_open=True, hint=None)
    _work_fraction(work_time_per_year_s)
    return scalar_or_array(earth_teleoperators_core(w, a, s, np.asarray(work_time_per_year_s, dtype=float), eta))


@formula
def earth_teleoperators_core(work, automation, teleoperation_share, work_time_per_year_s, efficiency):
    """The formula of :func:`earth_teleoperators`, unchecked (a :mod:`moonbase.jit` formula)."""
    return work * (1.0 - automation) * teleoperation_share / (efficiency * work_time_per_year_s / SECONDS_PER_YEAR)


def city_population(workers, support_ratio, ceiling):
    """Residents of the city: workers and their support, up to a ceiling [persons].

    Parameters
    ----------
    workers : float or array_like
        Workers needed on the Moon [persons] (:func:`lunar_workers`).
    support_ratio : float or array_like
        Residents who support the workers (medicine, food, city upkeep, families) per
        worker [-].
    ceiling : float or array_like
        Largest population the scenario allows [persons].

    Returns
    -------
    float or numpy.ndarray
        :math:`\\min(N (1 + r), N_{max})` [persons].

    Examples
    --------
    >>> float(city_population(100.0, 1.0, 150.0))
    150.0
    """
    n = _non_negative("workers", workers, "persons")
    r = _non_negative("support_ratio", support_ratio, "residents per worker")
    cap = _non_negative("ceiling", ceiling, "persons")
    return scalar_or_array(city_population_core(n, r, cap))


@formula
def city_population_core(workers, support_ratio, ceiling):
    """The formula of :func:`city_population`, unchecked (a :mod:`moonbase.jit` formula)."""
    return np.minimum(workers * (1.0 + support_ratio), ceiling)
