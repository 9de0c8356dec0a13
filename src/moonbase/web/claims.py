"""``GET /api/claims``: the claims ledger evaluated by the model, for the explorer's Claims view.

The verdicts are computed from the model the server runs (never stored); one evaluation
per sample count is kept for the server's life, since the model does not change while it
runs. Each entry names the scenario behind it, which the page opens as a run.
"""

from __future__ import annotations

import threading
from typing import Any

from fastapi import FastAPI, Query
from starlette.concurrency import run_in_threadpool

__all__ = ["DEFAULT_CLAIM_SAMPLES", "add_claims_routes"]

DEFAULT_CLAIM_SAMPLES = 16
MAX_CLAIM_SAMPLES = 64


class ClaimsCache:
    """Evaluations by sample count, computed once each (a lock keeps two requests from racing)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[int, list[dict[str, Any]]] = {}

    def entries(self, samples: int) -> list[dict[str, Any]]:
        from moonbase.claims.evaluate import Settings, evaluate_claims
        from moonbase.claims.ledger import load_claims

        with self._lock:
            if samples not in self._entries:
                self._entries[samples] = evaluate_claims(load_claims(), Settings(samples=samples))
            return self._entries[samples]


def add_claims_routes(app: FastAPI) -> None:
    """Add ``GET /api/claims`` to the app."""
    cache = ClaimsCache()

    @app.get("/api/claims", tags=["claims"])
    async def claims(samples: int = Query(DEFAULT_CLAIM_SAMPLES, ge=2, le=MAX_CLAIM_SAMPLES,
                                          description="Draws of each scenario's uncertainty for the years.")
                     ) -> list[dict[str, Any]]:
        """Every public claim of the ledger with what it implies, its limits, the model's years and its verdict
        (the ``moonbase claims --json`` schema); ``scenario`` names the run behind each one."""
        return await run_in_threadpool(cache.entries, samples)
