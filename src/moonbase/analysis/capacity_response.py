"""Does raising a capacity lower the answer? Each capacity input raised alone, and why it moved.

A demanding reader checks that more capacity (a faster mass driver, a bigger first fab,
a larger share of growth for fabs, faster replication) never gives less deployed
compute through a hidden policy side effect. :func:`capacity_response` reruns a
scenario with each input of :data:`CAPACITY_INPUTS` raised alone and compares the
deep-space compute power at the end of the span. Where raising an input lowers it, the
result names the mechanism it measured: the first driver fires later (a bigger machine
diverts more of the industry's growth while it is built), the construction cargo
(drivers' parts and fab tools) takes more of the lunar landings, the city's resupply
takes more of them, or the tier's binding constraint at the end changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from moonbase.domain import Params
from moonbase.scenario.field_paths import field_target
from moonbase.scenario.params import timeline_params
from moonbase.scenario.schema import Scenario
from moonbase.timeline.binding import binding_labels
from moonbase.timeline.run import run
from moonbase.timeline.system import Timeline

#: Relative change below which two end values are the same (rounding and monthly steps) [-].
SAME = 1e-3


@dataclass(frozen=True)
class CapacityInput:
    """A capacity input and how it is raised: multiplied by ``factor`` (capped at ``ceiling``)."""

    path: str  # dotted scenario path
    factor: float
    ceiling: float | None = None
    meaning: str = ""


#: The capacity inputs checked, each raised alone.
CAPACITY_INPUTS = (
    CapacityInput("mass_driver.max_launch_rate", 2.0, meaning="twice the driver's shot rate"),
    CapacityInput("lunar.chip_fab_mass", 2.0, meaning="twice the first fab's Earth-made tools"),
    CapacityInput("lunar.chip_fab_growth_share", 1.5, 1.0, meaning="1.5 times the fab-building share"),
    CapacityInput("lunar.replication_time", 0.75, meaning="replication 25 % faster"),
)


def _raised(scenario: Scenario, item: CapacityInput) -> Params | None:
    """The scenario's parameters with ``item`` raised, or None when it cannot be (already at its ceiling)."""
    attribute = field_target(item.path).attribute
    params = timeline_params(scenario)
    value = np.asarray(params[attribute], dtype=float)
    new = value * item.factor if item.ceiling is None else np.minimum(value * item.factor, item.ceiling)
    if np.all(new == value):
        return None
    return {**params, attribute: new}


def _first_firing_year(timeline: Timeline) -> float:
    fired = np.flatnonzero(timeline.series["mass_driver_launches"][0] > 0.0)
    return float(timeline.span.start_year + (fired[0] + 1) / timeline.span.steps_per_year) if fired.size else np.nan


def _signals(timeline: Timeline) -> dict[str, float]:
    s = timeline.series
    landed = s["lunar_landed_mass_kg"][0].sum()
    return {
        "first_firing_year": _first_firing_year(timeline),
        "construction_share": float((s["mass_driver_cost_usd"][0].sum() + s["lunar_fab_cost_usd"][0].sum())
                                    / max(s["mass_driver_cost_usd"][0].sum() + s["lunar_fab_cost_usd"][0].sum()
                                          + s["lunar_import_cost_usd"][0].sum(), 1e-300)),
        "city_resupply_kg": float(s["city_resupply_mass_kg"][0].sum()),
        "landed_kg": float(landed),
    }


def _why(base: Timeline, raised: Timeline) -> list[str]:
    """The mechanisms measured between two runs (empty when none moved)."""
    b, r = _signals(base), _signals(raised)
    reasons = []
    if np.isfinite(b["first_firing_year"]) and (not np.isfinite(r["first_firing_year"])
                                                or r["first_firing_year"] > b["first_firing_year"] + 0.5):
        reasons.append(f"the first mass driver fires later ({r['first_firing_year']:.1f} against "
                       f"{b['first_firing_year']:.1f}): building it diverts more of the industry's growth")
    if r["construction_share"] > b["construction_share"] * (1 + 0.05):
        reasons.append(f"construction (drivers' parts, fab tools) takes {r['construction_share']:.0%} of the "
                       f"lunar route's Earth-made cargo spending against {b['construction_share']:.0%}")
    if r["city_resupply_kg"] > b["city_resupply_kg"] * (1 + 0.05):
        reasons.append(f"the city's Earth resupply grows {r['city_resupply_kg'] / b['city_resupply_kg'] - 1:.0%} "
                       "and lands before other lunar cargo")
    options = binding_labels()["deep_space_binding"]
    end_b, end_r = (options[int(t.labels["deep_space_binding"][0, -1])] for t in (base, raised))
    if end_b != end_r:
        reasons.append(f"what binds deep space at the end changes from {end_b} to {end_r}")
    return reasons


def capacity_response(scenario: Scenario, base: Timeline | None = None) -> list[dict[str, Any]]:
    """Each capacity input raised alone: the deep-space compute at the end of the span, and why it moved.

    Returns a list of ``{input, meaning, end_deep_space_compute_power_w, raised_w, change, lowers, why}``;
    ``lowers`` is true when raising the input lowers the end value by more than :data:`SAME`, and then
    ``why`` lists the mechanisms measured (it may be empty if none of them moved).
    """
    base = run(scenario).timeline if base is None else base
    base_w = float(base.series["deep_space_compute_power_w"][0, -1])
    rows = []
    for item in CAPACITY_INPUTS:
        params = _raised(scenario, item)
        if params is None:
            continue
        raised = run(scenario, params=params).timeline
        raised_w = float(raised.series["deep_space_compute_power_w"][0, -1])
        change = raised_w / base_w - 1.0 if base_w > 0.0 else (0.0 if raised_w == 0.0 else np.inf)
        lowers = change < -SAME
        rows.append({"input": item.path, "meaning": item.meaning, "end_deep_space_compute_power_w": base_w,
                     "raised_w": raised_w, "change": float(change), "lowers": bool(lowers),
                     "why": _why(base, raised) if lowers else []})
    return rows
