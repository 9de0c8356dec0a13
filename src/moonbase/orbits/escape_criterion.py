"""How the timeline decides whether mass-driver payloads reach heliocentric orbit.

Two criteria, chosen by the scenario's ``trajectory.escape_model``: the patched-conic
escape threshold at the exit (:mod:`moonbase.orbits.patched_conics`,
docs/design/patched_conic_escape.md), or the fates of a propagated ensemble
(:mod:`moonbase.orbits.ensembles`, docs/design/fates.md). This module holds only the
choice, so reading a scenario does not load the propagator.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["EscapeModel"]


class EscapeModel(StrEnum):
    """How to decide whether mass-driver payloads reach heliocentric orbit."""

    PATCHED_CONIC = "patched_conic"
    PROPAGATED = "propagated"
