"""Rationing a limited resource among claimants."""

from __future__ import annotations

import numpy as np


def fraction_met(available, needed):
    """Share of a need that what is available can meet, in [0, 1] (1 where nothing is needed).

    Every claimant on a shared limit is scaled by this one factor (proportional
    rationing; ``docs/design/timeline.md``).
    """
    available = np.asarray(available, dtype=float)
    needed = np.asarray(needed, dtype=float)
    ratio = np.divide(available, needed, out=np.ones(np.broadcast(available, needed).shape), where=needed > 0.0)
    return np.clip(ratio, 0.0, 1.0)
