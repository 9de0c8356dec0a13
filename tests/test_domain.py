"""The shared argument checks: their intervals, their messages and the infinity rule."""

from __future__ import annotations

import numpy as np
import pytest

from moonbase.domain import at_least, between, checked, fraction, greater, non_negative, positive, scalar_or_array
from moonbase.errors import ModelDomainError


def test_positive_returns_a_float_array_and_names_the_first_offender():
    out = positive("area_m2", [1, 2], "m2")
    assert out.dtype == float and out.tolist() == [1.0, 2.0]
    with pytest.raises(ModelDomainError, match=r"^area_m2 = -3 is outside \(0, inf\) m2\.$"):
        positive("area_m2", [1.0, -3.0, -4.0], "m2")
    with pytest.raises(ModelDomainError, match=r"^area_m2 = 0 is outside \(0, inf\) m2; an empty panel\.$"):
        positive("area_m2", 0.0, "m2", hint="an empty panel")


@pytest.mark.parametrize("check", [
    lambda v, **k: positive("x", v, "m", **k),
    lambda v, **k: non_negative("x", v, "m", **k),
    lambda v, **k: greater("x", v, 0.0, "x > 0", **k),
    lambda v, **k: at_least("x", v, 0.0, "x >= 0", **k),
    lambda v, **k: checked("x", v, lambda a: a > 0.0, "x > 0", **k),
])
def test_infinity_is_refused_unless_the_argument_allows_it(check):
    with pytest.raises(ModelDomainError, match="x = "):
        check(np.inf)
    assert check(np.inf, infinite_ok=True) == np.inf
    for not_a_number in (np.nan, [1.0, np.nan]):
        with pytest.raises(ModelDomainError, match="x = "):
            check(not_a_number, infinite_ok=True)  # NaN is never valid


def test_fraction_ends():
    assert fraction("f", 0.0) == 0.0 and fraction("f", 1.0) == 1.0
    with pytest.raises(ModelDomainError, match=r"^f = 90 is outside \[0, 1\]; it is a fraction, not a percent\.$"):
        fraction("f", 90.0)
    with pytest.raises(ModelDomainError, match=r"^f = 0 is outside \(0, 1\]\.$"):
        fraction("f", 0.0, low_open=True, hint=None)
    with pytest.raises(ModelDomainError, match=r"\[0, 1\)"):
        fraction("f", 1.0, high_open=True)
    with pytest.raises(ModelDomainError):
        fraction("f", np.inf)


def test_worded_checks_use_the_require_message():
    with pytest.raises(ModelDomainError,
                       match=r"^speed_m_s = -1.0 is outside the valid range; expected a speed > 0 m/s\.$"):
        greater("speed_m_s", -1.0, 0.0, "a speed > 0 m/s")
    assert at_least("n", 1.0, 1.0, "n >= 1") == 1.0
    with pytest.raises(ModelDomainError, match="expected a share in"):
        between("s", [0.5, 1.0], 0.0, 1.0, "a share in [0, 1)", high_open=True)
    assert between("s", 0.0, 0.0, 1.0, "a share in [0, 1)", high_open=True) == 0.0


def test_scalar_or_array_gives_python_floats_for_scalars_only():
    assert type(scalar_or_array(np.float64(2.0))) is float
    assert type(scalar_or_array(np.asarray(2.0))) is float
    array = np.arange(3.0)
    assert scalar_or_array(array) is array
