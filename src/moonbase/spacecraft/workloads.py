"""Which AI workloads a compute tier can serve, and the useful fraction of its compute.

A workload fits a tier if the round-trip light time to Earth is within its latency
budget and the link to Earth can carry the data the compute produces or consumes
(bits per FLOP). The useful fraction of a tier's compute is the workload mix's
share that fits, each scaled down when the link is the bottleneck. The workload
figures are our assumptions, argued in ``docs/design/workloads.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from moonbase.domain import non_negative, scalar_or_array


@dataclass(frozen=True)
class Workload:
    """An AI workload's needs from the link to Earth."""

    name: str
    max_round_trip_s: float  # latency budget
    bits_per_flop: float  # traffic to/from Earth per operation
    share: float  # share of AI compute demand (default mix)
    note: str


# Our assumptions (docs/design/workloads.md). Bits per FLOP: a dense model of N
# parameters needs ~2N FLOP per generated token and ~6N FLOP per trained token;
# with N = 1e12 and ~32 bits of text per token: 32 / 2e12 = 1.6e-11 for inference,
# 32 / 6e12 = 5e-12 for training. Multimodal output is ~100x heavier.
WORKLOADS: dict[str, Workload] = {
    "training": Workload("training", np.inf, 5e-12, 0.5,
                         "inside one cluster; Earth sends data and receives checkpoints, latency irrelevant"),
    "batch_inference": Workload("batch_inference", 3600.0, 1.6e-11, 0.3,
                                "offline jobs (evaluation, synthetic data, embeddings) due within an hour"),
    "interactive_inference": Workload("interactive_inference", 1.0, 1.6e-9, 0.2,
                                      "chat and agents; ~1 s round trip budget, multimodal traffic"),
}


def workload_fits(workload: Workload, round_trip_s, link_rate_bit_s, compute_flop_s):
    """Fraction of ``compute_flop_s`` a tier can use for ``workload`` [-].

    Returns 0 where the round trip exceeds the latency budget, else
    :math:`\\min(1, R / (C\\,b))` (the link carries at most R bits per second).

    Examples
    --------
    >>> float(workload_fits(WORKLOADS["interactive_inference"], 1000.0, 1e9, 1e18))
    0.0
    """
    trip = non_negative("round_trip_s", round_trip_s, "s")
    rate = non_negative("link_rate_bit_s", link_rate_bit_s, "bit/s")
    compute = non_negative("compute_flop_s", compute_flop_s, "FLOP/s")
    demand = compute * workload.bits_per_flop
    with np.errstate(divide="ignore", invalid="ignore"):
        link_share = np.where(demand > 0.0, np.minimum(1.0, rate / np.where(demand > 0.0, demand, 1.0)), 1.0)
    return scalar_or_array(np.where(trip <= workload.max_round_trip_s, link_share, 0.0))


def useful_compute_fraction(round_trip_s, link_rate_bit_s, compute_flop_s, workloads=WORKLOADS):
    """Share of a tier's compute that does useful work for the workload mix [-].

    :math:`u = \\sum_w s_w \\, \\text{fit}_w` over the workloads' demand shares, which
    sum to 1.

    Examples
    --------
    >>> from moonbase.spacecraft.links import round_trip_light_time_s
    >>> from moonbase.constants import AU_M
    >>> round(float(useful_compute_fraction(round_trip_light_time_s(AU_M), 1e9, 1e18)), 2)
    0.8
    """
    shares = sum(w.share for w in workloads.values())
    return scalar_or_array(sum(w.share * workload_fits(w, round_trip_s, link_rate_bit_s, compute_flop_s)
                               for w in workloads.values()) / shares)
