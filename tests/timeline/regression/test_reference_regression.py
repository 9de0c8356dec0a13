"""Regression: the timeline reproduces its recorded reference values (``record_reference.py``).

These are our own earlier figures, not published ones: they hold structural changes of the
code (moving a subsystem's step, renaming a formula's fields) to the results recorded before
them. Tolerance: 1e-12 relative, the reordering error of a few dozen float operations on
values accumulated over 900 monthly steps; labels must match exactly.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

HERE = Path(__file__).parent
REFERENCE = HERE / "reference.npz"
#: Relative agreement required of every recorded float.
REORDERING = 1e-12


def _recorder():
    """The recording script beside this test, loaded as a module (tests are not a package)."""
    spec = importlib.util.spec_from_file_location("record_reference", HERE / "record_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def recomputed():
    return _recorder().reference_values()


@pytest.fixture(scope="module")
def recorded():
    with np.load(REFERENCE) as data:
        return {key: data[key] for key in data.files}


def test_every_recorded_value_is_still_produced(recorded, recomputed):
    assert sorted(recorded) == sorted(recomputed)


@pytest.mark.parametrize("case", ["alpha", "earth-orbit-only", "ground-only", "mc"])
def test_timeline_matches_its_recorded_reference(case, recorded, recomputed):
    for key in (k for k in recorded if k.startswith(case + "/")):
        if np.issubdtype(recorded[key].dtype, np.integer):
            assert_array_equal(recomputed[key], recorded[key], err_msg=key)
        else:
            assert_allclose(recomputed[key], recorded[key], rtol=REORDERING, atol=0.0, err_msg=key)
