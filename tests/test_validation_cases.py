"""Every published case in ``validation/`` reproduces its source within its tolerance."""

from __future__ import annotations

import pytest

from moonbase.validation.cases import evaluate_case, load_cases

CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_published_case_matches_source(case):
    result = evaluate_case(case)
    assert result.passed, (
        f"{case.id}: obtained {result.obtained:.6g}, expected {case.expected:.6g} "
        f"(rel. error {result.relative_error:.3%}; tolerance rel {case.rel_tolerance}, "
        f"abs {case.abs_tolerance}) -- source: {case.source}"
    )


def test_there_are_published_cases():
    assert len(CASES) >= 1
