"""Rationing a limited resource among claimants."""

from __future__ import annotations

from moonbase.jit import clip, formula, where


@formula
def fraction_met(available, needed):
    """Share of a need that what is available can meet, in [0, 1] (1 where nothing is needed).

    Every claimant on a shared limit is scaled by this one factor (proportional
    rationing; ``docs/design/timeline.md``). A formula (:mod:`moonbase.jit`): numpy
    arrays or floats from Python, scalars in the step kernel.
    """
    return where(needed > 0.0, clip(available / where(needed > 0.0, needed, 1.0), 0.0, 1.0), 1.0)
