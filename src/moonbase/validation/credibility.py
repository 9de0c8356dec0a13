"""The credibility evidence of a run: models used, validation status, inputs out of range.

:func:`evaluate_all` runs every published case (a case that raises counts as failed,
with the reason); :func:`family_status` counts passing cases per model family;
:func:`credibility_box` assembles what a run's report shows; :func:`run_references`
lists the sources of the families a run uses. The evidence is computed when asked,
never copied: a model change that breaks a case shows up in the next report.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from moonbase.scenario.schema import Scenario
from moonbase.validation.cases import DEFAULT_CASE_DIR, ValidationCase, evaluate_case, load_cases
from moonbase.validation.validity import (
    FAMILIES,
    families_used,
    family_of_model,
    family_references,
    inputs_outside_validity,
)

__all__ = ["CaseOutcome", "FamilyStatus", "credibility_box", "evaluate_all", "family_status",
           "reproductions", "run_references"]


@dataclass(frozen=True)
class CaseOutcome:
    """A case and what evaluating it gave (``obtained`` None and ``error`` set if it raised).

    ``within`` is True when the obtained value is inside the tolerance. ``status`` is
    ``"pass"``, ``"fail"``, ``"expected failure"`` (a case marked ``expected_failure``
    that is outside its tolerance, as recorded) or ``"unexpected pass"`` (marked, yet
    inside: the record is stale). ``passed`` is ``status == "pass"``; ``ok`` is False
    for ``"fail"`` and ``"unexpected pass"``.
    """

    case: ValidationCase
    family: str | None
    obtained: float | None
    relative_error: float | None
    within: bool
    error: str | None = None
    obtained_points: tuple[float, ...] = ()  # a trajectory case: one value per published time

    @property
    def status(self) -> str:
        if self.case.expected_failure:
            return "unexpected pass" if self.within else "expected failure"
        return "pass" if self.within else "fail"

    @property
    def passed(self) -> bool:
        return self.status == "pass"

    @property
    def ok(self) -> bool:
        return self.status in ("pass", "expected failure")


@dataclass(frozen=True)
class FamilyStatus:
    """Reproductions of one model family: how many pass; definitions counted apart."""

    key: str
    title: str
    passed: int
    total: int
    definitions: int = 0
    expected_failures: int = 0

    @property
    def text(self) -> str:
        if self.total == 0:
            text = "no published reproductions"
        else:
            text = f"{self.passed}/{self.total} reproductions pass"
        if self.expected_failures:
            text += f" ({self.expected_failures} not reproduced, recorded)"
        if self.definitions:
            text += f"; {self.definitions} definition check{'s' if self.definitions != 1 else ''}"
        return text


def evaluate_all(directory: Path | None = None) -> list[CaseOutcome]:
    """Evaluate every case below ``directory`` (default ``validation/``); never raises for a case."""
    outcomes = []
    for case in load_cases(directory):
        fam = family_of_model(case.model)
        try:
            result = evaluate_case(case)
        except Exception as exc:  # noqa: BLE001 - a case that crashes is a failed case, with why
            outcomes.append(CaseOutcome(case, fam, None, None, False, f"{type(exc).__name__}: {exc}"))
        else:
            outcomes.append(CaseOutcome(case, fam, result.obtained, result.relative_error, result.passed,
                                        obtained_points=result.obtained_points))
    return outcomes


def reproductions(outcomes: list[CaseOutcome]) -> list[CaseOutcome]:
    """The outcomes of ``reproduction`` cases (the only ones that count as validation)."""
    return [o for o in outcomes if o.case.kind == "reproduction"]


_CACHE: dict[Path, list[CaseOutcome]] = {}


def _cached_outcomes() -> list[CaseOutcome] | None:
    """Outcomes of the shipped cases, evaluated once per process; None without a case file."""
    if not any(DEFAULT_CASE_DIR.rglob("*.toml")):
        return None
    if DEFAULT_CASE_DIR not in _CACHE:
        _CACHE[DEFAULT_CASE_DIR] = evaluate_all(DEFAULT_CASE_DIR)
    return _CACHE[DEFAULT_CASE_DIR]


def family_status(outcomes: list[CaseOutcome]) -> dict[str, FamilyStatus]:
    """Passing and total cases per family key (every registered family, in registry order)."""
    status = {}
    for fam in FAMILIES:
        mine = [o for o in outcomes if o.family == fam.key]
        repro = reproductions(mine)
        status[fam.key] = FamilyStatus(
            fam.key, fam.title, sum(o.passed for o in repro), len(repro),
            definitions=sum(o.case.kind == "definition" for o in mine),
            expected_failures=sum(o.status == "expected failure" for o in repro))
    return status


def credibility_box(scenario: Scenario, outcomes: list[CaseOutcome] | None = None) -> dict[str, Any]:
    """What a run's report shows about the credibility of its models.

    Returns
    -------
    dict
        ``families``: one entry per family the run uses, with ``key``, ``title``,
        ``passed``, ``total`` (reproductions), ``definitions``, ``status`` (text) and
        ``verification`` (what else checks it); ``outside``: one sentence per input
        outside a validated range; ``cases_available``: False when no case file is
        installed (then the counts are unknown, not zero); ``passed`` / ``total`` over
        all reproductions; ``definitions`` and ``regressions``: how many checks of each
        of those kinds exist (they are not validation and are listed apart).
    """
    if outcomes is None:
        outcomes = _cached_outcomes()
    available = outcomes is not None
    status = family_status(outcomes or [])
    used = families_used(scenario)
    repro = reproductions(outcomes or [])
    return {
        "cases_available": available,
        "passed": sum(o.passed for o in repro),
        "total": len(repro),
        "expected_failures": sum(o.status == "expected failure" for o in repro),
        "definitions": sum(o.case.kind == "definition" for o in outcomes or []),
        "regressions": sum(o.case.kind == "regression" for o in outcomes or []),
        "families": [{
            "key": fam.key, "title": fam.title,
            "passed": status[fam.key].passed, "total": status[fam.key].total,
            "definitions": status[fam.key].definitions,
            "status": status[fam.key].text if available else "validation cases not installed",
            "verification": fam.verification,
        } for fam in used],
        "outside": [item.text() for item in inputs_outside_validity(scenario)],
    }


def run_references(scenario: Scenario) -> list[str]:
    """The references of every model family a run of ``scenario`` uses, de-duplicated, in order."""
    seen: dict[str, str] = {}
    for fam in families_used(scenario):
        for reference in family_references(fam.key):
            seen.setdefault(" ".join(reference.lower().split()), reference)
    return list(seen.values())
