"""Which claims of the ledger a run supports or contradicts.

A run speaks to every *series* claim (:data:`moonbase.claims.kinds.KINDS`) whose quantity
it records: the claim's threshold is computed for the run's own scenario
(:func:`moonbase.claims.context.model_context`), and the run's median by calendar year is
compared with it by the claim's year. Figure and statement claims do not depend on a run.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from moonbase.claims.context import model_context
from moonbase.claims.kinds import kind_of
from moonbase.claims.ledger import load_claims
from moonbase.claims.runs import first_years
from moonbase.scenario.schema import Scenario

__all__ = ["run_claims"]


def run_claims(scenario: Scenario, yearly: dict[str, np.ndarray], start_year: int) -> list[dict[str, Any]]:
    """Each series claim whose column is in ``yearly`` (``(samples, years)`` arrays), judged on the run.

    Returns
    -------
    list of dict
        ``id``, ``claim``, ``finding`` (``"supports"`` or ``"contradicts"``), ``year`` (first
        year the run's median meets it, None if never) and ``by_year``.
    """
    context = model_context(scenario)
    end_year = start_year + next(iter(yearly.values())).shape[1] - 1 if yearly else start_year
    found = []
    for claim in load_claims():
        kind = kind_of(claim)
        if kind.test != "series" or kind.column not in yearly:
            continue
        by_year = int(min(max(claim.by_year or end_year, start_year), end_year))
        median = np.median(yearly[kind.column], axis=0)[None, :]
        year = first_years(median, kind.threshold(claim, context), kind.at_least, start_year)[0]
        reached = not np.isnan(year) and year <= by_year
        found.append({"id": claim.id, "claim": claim.claim, "finding": "supports" if reached else "contradicts",
                      "year": None if np.isnan(year) else int(year), "by_year": by_year})
    return found
