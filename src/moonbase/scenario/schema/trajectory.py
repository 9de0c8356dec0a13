"""How the fate of mass-driver payloads is decided, and the propagated ensemble's settings."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field, model_validator

from moonbase.orbits.escape_criterion import EscapeModel
from moonbase.scenario.fields import Quantity, field
from moonbase.scenario.schema.base import Section

_TRAJ = "moonbase assumption (see docs/design/fates.md)"


class Trajectory(Section):
    """Which model decides the fate of mass-driver payloads, and the propagated ensemble's settings.

    With ``escape_model = "propagated"`` an ensemble of ``count`` payloads, fired from
    the ``[mass_driver]`` site and track at times spread uniformly over ``window`` from
    ``epoch``, with normal dispersions of exit speed and angles, is propagated through
    the DE421 solar system for ``duration`` (once per scenario, cached; a Monte Carlo's
    samples read the cached fate table, docs/design/fate_surrogate.md); the fraction
    ending heliocentric is the timeline's escape fraction.
    """

    escape_model: EscapeModel = Field(EscapeModel.PATCHED_CONIC, description="Escape criterion.",
                                      json_schema_extra={"source": "patched conic: docs/design/patched_conic_escape.md; propagated ensembles: docs/design/fates.md"})
    epoch: str = Field("2040-01-01T00:00:00", description="Start of the firing window (ISO 8601, UTC), 1900-2199 (DE421).",
                       json_schema_extra={"source": _TRAJ + ": the default first firing year of the mass driver"})
    window_s: Annotated[float, Quantity("d", ge=0.0, le=3650.0)] = field(
        "365 d", "window", "Firing times spread uniformly over this span from epoch (all Moon phases and seasons).", _TRAJ)
    count: int = Field(256, ge=1, le=100_000, description="Payloads propagated per scenario.",
                       json_schema_extra={"source": _TRAJ + ": 1/sqrt(256) = 6 % sampling error at worst"})
    duration_s: Annotated[float, Quantity("d", gt=0.0, le=3650.0)] = field(
        "120 d", "duration", "Propagated time per payload; heliocentric = outside Earth's Hill sphere at the end.", _TRAJ)
    speed_sigma_m_s: Annotated[float, Quantity("m/s", ge=0.0, le=1000.0)] = field(
        "1 m/s", "speed_sigma", "Standard deviation of the exit speed.", _TRAJ)
    angle_sigma_rad: Annotated[float, Quantity("deg", ge=0.0, le=10.0)] = field(
        "0.05 deg", "angle_sigma", "Standard deviation of the track azimuth and elevation.", _TRAJ)
    seed: int = Field(0, ge=0, description="Seed of the dispersions and firing times.",
                      json_schema_extra={"source": _TRAJ})

    @model_validator(mode="after")
    def _epoch_is_iso(self) -> Trajectory:
        try:
            year = datetime.fromisoformat(self.epoch).year
        except ValueError:
            raise ValueError(f"epoch = {self.epoch!r} is not an ISO 8601 date; write e.g. 2040-01-01T00:00:00 (UTC)") from None
        if not 1900 <= year <= 2199:
            raise ValueError(f"epoch = {self.epoch!r} is outside 1900-2199, the span of the DE421 ephemeris")
        return self
