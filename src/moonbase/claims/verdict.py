"""The verdict on a claim: one word of a fixed set, and one sentence saying why.

- ``physically impossible``: the claim needs more than a hard limit allows (a margin below 1);
- ``unverifiable``: the claim states nothing the model can test;
- ``consistent``: the model reaches the claim by its year with inputs no further than their
  published values (or recomputes the claim's figure within :data:`FIGURE_AGREEMENT`, or finds
  the claim conservative);
- ``optimistic``: it takes inputs beyond their published values (within the search bounds),
  or it is reached only after the claim's year, or the claim's figure is more favourable to
  space than the model's by more than :data:`FIGURE_AGREEMENT`;
- ``not by 2100``: not reached by the end of the span even with every input at its bound.

The rules are applied in that order by :func:`verdict`, a pure function of the evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["FIGURE_AGREEMENT", "VERDICTS", "Evidence", "verdict"]

VERDICTS = ("consistent", "optimistic", "not by 2100", "physically impossible", "unverifiable")
#: Factor within which a figure the claim states counts as the model's own [-]: first-order
#: estimates of unbuilt systems (ours and the claims') differ by this much on inputs alone.
FIGURE_AGREEMENT = 1.5


@dataclass(frozen=True)
class Evidence:
    """What the model found about one claim."""

    test: str  # "series", "figure" or "statement"
    limits: list[dict[str, Any]] = field(default_factory=list)
    reason: str = ""  # why a statement cannot be tested
    # series
    by_year: int = 2100
    end_year: int = 2100
    scenario: str = ""
    year_p50: int | None = None  # on the claim's scenario
    beyond_published: list[str] = field(default_factory=list)  # inputs needed beyond their published values
    searched_year: int | None = None  # first year reached at the searched inputs (None: not by the end)
    searched_alone: bool = False  # the inputs were searched one at a time (each row reaches it alone)
    # figure
    model_figure: float | None = None
    claimed_figure: float | None = None
    space_favourable: str = "lower"
    figure_text: tuple[str, str] = ("", "")  # (model, claimed) as shown


def _limits(e: Evidence) -> tuple[str, str] | None:
    broken = [lim for lim in e.limits if lim["margin"] < 1.0]
    if not broken:
        return None
    worst = min(broken, key=lambda lim: lim["margin"])
    relation = "below the floor of" if worst.get("kind") == "floor" else "against"
    return "physically impossible", (f"it needs {worst['needed']:.3g} {worst['unit']} {relation} "
                                     f"{worst['limit']}: {worst['value']:.3g} {worst['unit']} "
                                     f"(margin {worst['margin']:.2g}).")


def _figure(e: Evidence) -> tuple[str, str]:
    model, claimed = e.model_figure, e.claimed_figure
    shown_model, shown_claimed = e.figure_text
    ratio = model / claimed if claimed else float("inf")
    if 1.0 / FIGURE_AGREEMENT <= ratio <= FIGURE_AGREEMENT:
        return "consistent", (f"the model computes {shown_model} against the claimed {shown_claimed}, "
                              f"within a factor {FIGURE_AGREEMENT:g}.")
    favours_space = (claimed < model) if e.space_favourable == "lower" else (claimed > model)
    factor = max(ratio, 1.0 / ratio)
    if favours_space:
        return "optimistic", (f"the model computes {shown_model} against the claimed {shown_claimed}: the claim "
                              f"is {factor:.3g}x more favourable to space.")
    return "consistent", (f"the model computes {shown_model} against the claimed {shown_claimed}: the claim is "
                          f"conservative ({factor:.3g}x less favourable to space than the model).")


def _series(e: Evidence) -> tuple[str, str]:
    beyond = "; ".join(e.beyond_published)
    if e.year_p50 is not None and e.year_p50 <= e.by_year:
        if not e.beyond_published:
            return "consistent", f"{e.scenario} reaches it in {e.year_p50} (median), by {e.by_year}."
        return "optimistic", f"{e.scenario} reaches it in {e.year_p50} (median), but only with {beyond}."
    if e.searched_year is not None and e.searched_year <= e.by_year:
        if not e.beyond_published:
            return "consistent", (f"{e.scenario} misses it, but inputs within their published values reach it "
                                  f"in {e.searched_year}.")
        alone = "any one of: " if len(e.beyond_published) > 1 and e.searched_alone else ""
        return "optimistic", f"reaching it by {e.by_year} takes {alone}{beyond}."
    if e.searched_year is not None:
        return "optimistic", (f"not by {e.by_year} even with every searched input at its bound; reached in "
                              f"{e.searched_year}.")
    return "not by 2100", (f"not reached by {e.end_year} even with every searched input at its bound"
                           + (f" (median year on {e.scenario}: none)." if e.scenario else "."))


def verdict(e: Evidence) -> tuple[str, str]:
    """The verdict word and the sentence saying why (rules in the module docstring)."""
    broken = _limits(e)
    if broken is not None:
        return broken
    if e.test == "statement":
        return "unverifiable", f"it states no number the model can test: {e.reason}"
    if e.test == "figure":
        return _figure(e)
    return _series(e)
