"""Mass-driver throughput: launched mass per second from shot rate, payload and availability.

Design note: ``docs/design/lunar_bootstrap.md`` (section "Mass driver").
"""

from __future__ import annotations

import numpy as np

from moonbase.domain import require as _require

__all__ = ["mass_driver_throughput_kg_s", "launch_rate_from_interval_per_s"]


def launch_rate_from_interval_per_s(interval_s):
    """Shot rate of a launcher that fires once every ``interval_s`` [1/s].

    Parameters
    ----------
    interval_s : float or array_like
        Time between shots [s], > 0.

    Returns
    -------
    numpy.ndarray or float
        Shots per second [1/s].

    Examples
    --------
    >>> launch_rate_from_interval_per_s(0.2)
    5.0
    """
    interval = np.asarray(interval_s, dtype=float)
    _require(interval > 0.0, "interval_s", interval_s, "a time between shots > 0 s")
    rate = 1.0 / interval
    return rate if rate.ndim else float(rate)


def mass_driver_throughput_kg_s(launch_rate_per_s, payload_mass_kg, availability):
    """Time-averaged payload mass a mass driver fires per second [kg/s].

    Parameters
    ----------
    launch_rate_per_s : float or array_like
        Shot rate while the launcher runs [1/s], >= 0.
    payload_mass_kg : float or array_like
        Payload per shot, excluding a recirculated carrier (bucket) [kg], >= 0.
    availability : float or array_like
        Fraction of time the launcher runs [-], in [0, 1] (maintenance, lunar
        night without storage, launch windows).

    Returns
    -------
    numpy.ndarray or float
        Payload mass flow [kg/s]; multiply by ``SECONDS_PER_YEAR`` for kg/yr.

    Notes
    -----
    :math:`\\dot m = f\\, m_p\\, A`. Snow & Kolm's quenchgun, 1 t every 2 h, gives
    4,383 t per Julian year at A = 1 ("nearly 4400 tons" [1]_). NASA SP-413's
    lunar launcher, five 10-kg masses a second [2]_, gives 50 kg/s (1.58 Mt/yr
    at A = 1; the paying-off throughput depends on A, which SP-413 sets by its
    own duty schedule).

    References
    ----------
    .. [1] W. R. Snow and H. H. Kolm, "Electromagnetic launch of lunar material,"
       in Space Resources, NASA SP-509 vol. 2 (1992); NTRS 19930007725 (abstract).
    .. [2] R. D. Johnson and C. Holbrow (eds.), "Space Settlements: A Design Study,"
       NASA SP-413 (1977), ch. 5.

    Examples
    --------
    >>> mass_driver_throughput_kg_s(5.0, 10.0, 1.0)
    50.0
    """
    rate = np.asarray(launch_rate_per_s, dtype=float)
    payload = np.asarray(payload_mass_kg, dtype=float)
    avail = np.asarray(availability, dtype=float)
    _require(rate >= 0.0, "launch_rate_per_s", launch_rate_per_s, "a shot rate >= 0 per s")
    _require(payload >= 0.0, "payload_mass_kg", payload_mass_kg, "a payload mass >= 0 kg")
    _require((avail >= 0.0) & (avail <= 1.0), "availability", availability,
             "a fraction in [0, 1], not a percent")
    throughput = rate * payload * avail
    return throughput if throughput.ndim else float(throughput)
