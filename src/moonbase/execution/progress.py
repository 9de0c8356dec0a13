"""Progress of chunked work: chunks done, rate and time left, for any listener.

Executors call :meth:`ProgressTracker.advance` as each chunk finishes; the tracker
hands a :class:`ProgressReport` to a callback. The CLI draws it as a rich progress
bar; the web explorer can store the latest report and serve it (the callback runs in
the thread that drives the executor).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ProgressReport:
    """State of a chunked job after a chunk finished."""

    done: int  # chunks finished (including those skipped on resume)
    total: int  # chunks in the job
    samples_done: int
    samples_total: int
    elapsed_s: float  # wall time since the job started [s]
    rate_chunks_per_s: float  # chunks computed per second in this session [1/s]
    remaining_s: float | None  # estimated time left [s]; None before the first computed chunk

    @property
    def fraction(self) -> float:
        """Fraction of chunks done [-]."""
        return self.done / self.total if self.total else 1.0

    def as_dict(self) -> dict[str, float | int | None]:
        """JSON-ready form (for the web explorer's progress endpoint)."""
        return {"done": self.done, "total": self.total, "samples_done": self.samples_done,
                "samples_total": self.samples_total, "elapsed_s": self.elapsed_s,
                "rate_chunks_per_s": self.rate_chunks_per_s, "remaining_s": self.remaining_s,
                "fraction": self.fraction}


ProgressCallback = Callable[[ProgressReport], None]


@dataclass
class ProgressTracker:
    """Counts finished chunks and reports rate and time left to ``callback``."""

    total: int
    samples_total: int
    callback: ProgressCallback | None = None
    done: int = 0
    samples_done: int = 0
    computed: int = 0
    started: float = field(default_factory=time.perf_counter)

    def skip(self, samples: int) -> None:
        """Count a chunk finished earlier (resumed), without counting it in the rate."""
        self.done += 1
        self.samples_done += samples
        self._emit()

    def advance(self, samples: int) -> None:
        """Count a chunk computed now."""
        self.done += 1
        self.computed += 1
        self.samples_done += samples
        self._emit()

    def start(self) -> None:
        """Report the initial state (nothing computed yet)."""
        self._emit()

    def _emit(self) -> None:
        if self.callback is None:
            return
        elapsed = time.perf_counter() - self.started
        rate = self.computed / elapsed if elapsed > 0 and self.computed else 0.0
        remaining = (self.total - self.done) / rate if rate > 0 else None
        self.callback(ProgressReport(self.done, self.total, self.samples_done, self.samples_total,
                                     elapsed, rate, remaining))
