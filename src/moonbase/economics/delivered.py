"""From peak FLOP/s to delivered FLOP/s: the same chain for Earth, Earth orbit and deep space.

Installed peak dense throughput is multiplied down by six factors, in this order:

``sustained``    achieved over peak throughput of running hardware (software, memory);
``power``        power available over power the compute wants (eclipses shed load);
``thermal``      heat the radiators reject over the heat to reject;
``network``      share of the workload mix the link to Earth can carry in time;
``availability`` fraction of time the hardware can run (repairs, resets, safe modes);
``utilisation``  fraction of available time doing paid work.

The product is order-independent; the *binding* factor is the smallest of the last
five (``sustained`` is the same software on every tier, so it never explains a
difference between tiers). Choices and sizes: ``docs/design/economics_lcoc.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from moonbase.domain import fraction as _fraction, reject as _reject, scalar_or_array
from moonbase.spacecraft.workloads import WORKLOADS, Workload, useful_compute_fraction

FACTORS = ("sustained", "power", "thermal", "network", "availability", "utilisation")
BINDING_CANDIDATES = FACTORS[1:]
NOT_BINDING = "none"


@dataclass(frozen=True)
class DeliveredCompute:
    """The delivery chain of a tier (arrays broadcast over samples)."""

    peak_flop_s: np.ndarray
    factors: dict[str, np.ndarray]  # in chain order, each in [0, 1]
    stages_flop_s: dict[str, np.ndarray]  # throughput after each factor
    delivered_flop_s: np.ndarray
    delivered_fraction: np.ndarray
    binding: np.ndarray  # name of the smallest factor below 1 among BINDING_CANDIDATES, else "none"


def limit_factor(available, demanded):
    """Fraction of a demand that a supply meets, ``min(1, available / demanded)`` [-].

    Parameters
    ----------
    available, demanded : float or array_like
        Supply and demand in the same unit (W of power, W of heat rejection); >= 0.

    Returns
    -------
    numpy.ndarray or float
        In [0, 1]; 1 where nothing is demanded.

    Examples
    --------
    >>> float(limit_factor(80.0, 100.0))
    0.8
    """
    supply = np.asarray(available, dtype=float)
    demand = np.asarray(demanded, dtype=float)
    _reject("available", supply, ~(supply >= 0.0), "[0, inf)")
    _reject("demanded", demand, ~(demand >= 0.0), "[0, inf)")
    safe = np.where(demand > 0.0, demand, 1.0)
    return scalar_or_array(np.where(demand > 0.0, np.minimum(1.0, supply / safe), 1.0))


def network_factor(round_trip_s, link_rate_bit_s, compute_flop_s, workloads: dict[str, Workload] = WORKLOADS):
    """Share of a tier's compute the workload mix can use over its link to Earth [-].

    Thin name for :func:`moonbase.spacecraft.workloads.useful_compute_fraction` (latency
    budgets and bits per FLOP of the mix, argued in ``docs/design/workloads.md``).

    Examples
    --------
    >>> float(network_factor(0.0, 1e15, 1e18))
    1.0
    """
    return useful_compute_fraction(round_trip_s, link_rate_bit_s, compute_flop_s, workloads)


def delivered_compute(peak_flop_s, sustained=1.0, power=1.0, thermal=1.0, network=1.0, availability=1.0,
                      utilisation=1.0) -> DeliveredCompute:
    """Delivered FLOP/s from peak FLOP/s through the six factors, and the binding one.

    Parameters
    ----------
    peak_flop_s : float or array_like
        Installed peak dense throughput [FLOP/s]; >= 0.
    sustained, power, thermal, network, availability, utilisation : float or array_like
        The chain's factors [-], each in [0, 1] (see the module docstring).

    Returns
    -------
    DeliveredCompute
        :math:`F_d = F_p \\prod_i f_i`; ``binding`` is the smallest factor below 1 among
        power, thermal, network, availability and utilisation (ties: chain order).

    Notes
    -----
    Multiplicative factors assume the limits act independently (a thermal throttle and a
    link limit do not overlap). Where two limits bind on the same hours the product
    undercounts delivered compute; the bound is the smallest factor alone.

    Examples
    --------
    >>> d = delivered_compute(1e18, sustained=0.55, network=0.6, availability=0.99, utilisation=0.85)
    >>> round(float(d.delivered_fraction), 4), str(d.binding)
    (0.2777, 'network')
    """
    peak = np.asarray(peak_flop_s, dtype=float)
    _reject("peak_flop_s", peak, ~((peak >= 0.0) & np.isfinite(peak)), "[0, inf) FLOP/s")
    given = dict(sustained=sustained, power=power, thermal=thermal, network=network, availability=availability,
                 utilisation=utilisation)
    factors = {name: _fraction(name, given[name]) for name in FACTORS}
    shape = np.broadcast_shapes(peak.shape, *(f.shape for f in factors.values()))
    running = np.broadcast_to(peak, shape).astype(float)
    stages = {}
    for name in FACTORS:
        running = running * factors[name]
        stages[name] = scalar_or_array(running)
    candidates = np.stack([np.broadcast_to(factors[n], shape) for n in BINDING_CANDIDATES])
    smallest = np.argmin(candidates, axis=0)
    names = np.asarray(BINDING_CANDIDATES)[smallest]
    binding = np.where(np.min(candidates, axis=0) < 1.0, names, NOT_BINDING)
    fraction = np.prod(np.stack([np.broadcast_to(factors[n], shape) for n in FACTORS]), axis=0)
    return DeliveredCompute(peak_flop_s=scalar_or_array(np.broadcast_to(peak, shape)),
                            factors={n: scalar_or_array(np.broadcast_to(f, shape)) for n, f in factors.items()},
                            stages_flop_s=stages, delivered_flop_s=scalar_or_array(running),
                            delivered_fraction=scalar_or_array(fraction), binding=binding[()])


def tier_delivery(params, tier: str, availability=None) -> DeliveredCompute:
    """The delivery chain per unit of peak throughput for a tier of a scenario, per sample.

    Parameters
    ----------
    params : dict
        Flat scenario parameters (:func:`moonbase.scenario.params.timeline_params`).
    tier : {"ground", "earth_orbit", "deep_space"}
        Which tier.
    availability : float or array_like, optional
        Availability of the ground tier (its Earth baseline's); space tiers use
        ``finance.space_availability``.

    Returns
    -------
    DeliveredCompute
        With ``peak_flop_s = 1``: the factors and the delivered fraction.

    Notes
    -----
    Space tiers take their factors from their satellite design in its orbit: ``power``
    is the orbit-averaged duty (eclipses shed compute load), ``thermal`` the radiator's
    emitted over its waste heat (1 for a design sized to its load), ``network`` the
    default workload mix over one optical downlink terminal at the tier's distance from
    Earth (as ``moonbase satellite`` reports it). The ground tier has only
    availability and utilisation below 1.
    """
    p = params
    sustained = p["finance.sustained_fraction"]
    utilisation = p["finance.utilisation"]
    if tier == "ground":
        return delivered_compute(1.0, sustained=sustained, availability=1.0 if availability is None else availability,
                                 utilisation=utilisation)
    if tier not in ("earth_orbit", "deep_space"):
        raise ValueError(f"tier = {tier!r} is unknown; choose one of: ground, earth_orbit, deep_space.")
    from moonbase.spacecraft.links import DSOC_GROUND, link_rate_bit_s, round_trip_light_time_s
    from moonbase.timeline.satellite_power import tier_design, tier_environment

    design = tier_design(p, tier)
    environment = tier_environment(p, tier)
    budget = design.budget
    d = f"{tier}.design."
    distance = np.maximum(np.asarray(environment.earth_distance_m, dtype=float), 1.0)
    downlink = link_rate_bit_s(p[d + "terminal_transmit_power_w"], p[d + "terminal_aperture_m"], distance,
                               DSOC_GROUND, p[d + "terminal_max_rate_bit_s"])
    network = network_factor(round_trip_light_time_s(distance), downlink, budget.flops_per_s)
    thermal = limit_factor(budget.radiator_emitted_w, budget.waste_heat_w)
    return delivered_compute(1.0, sustained=sustained, power=np.minimum(design.duty_factor, 1.0), thermal=thermal,
                             network=network, availability=p["finance.space_availability"], utilisation=utilisation)
