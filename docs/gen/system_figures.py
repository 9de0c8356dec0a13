"""Draw the whole-system validation figures: each trajectory case's published points over moonbase's curve.

For every trajectory case (``times`` in its TOML) under ``src/moonbase/validation/data``,
the case's own model is called on a dense time grid with the case's inputs, and the
published points are drawn on top with their tolerance band. Writes
``docs/images/system-<case id>.png``::

    PYTHONPATH=src .venv/bin/python docs/gen/system_figures.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from moonbase.constants import SECONDS_PER_YEAR  # noqa: E402
from moonbase.validation.cases import _resolve, evaluate_case, load_cases  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
IMAGES = ROOT / "docs" / "images"


def draw(case, folder: Path = IMAGES) -> Path:
    """Write the figure of one trajectory case and return its path."""
    model = _resolve(case.model)
    times = np.asarray(case.times_s)
    grid_s = np.linspace(times[0], times[-1] * 1.25, 121)
    curve = np.asarray(model(**case.inputs, times_s=grid_s), dtype=float)
    result = evaluate_case(case)
    expected = np.asarray(case.expected_points)
    band = np.maximum(case.abs_tolerance, case.rel_tolerance * np.abs(expected))
    figure, axes = plt.subplots(figsize=(7.0, 4.2))
    axes.semilogy(grid_s / SECONDS_PER_YEAR, curve, color="tab:blue", label="moonbase timeline")
    axes.errorbar(times / SECONDS_PER_YEAR, expected, yerr=band, fmt="o", color="black", capsize=4,
                  label="published (with tolerance)")
    axes.plot(times / SECONDS_PER_YEAR, result.obtained_points, "x", color="tab:blue", markersize=9,
              label="moonbase at the published times")
    verdict = "within tolerance" if result.passed else f"max. rel. error {result.relative_error:.3g}: not reproduced"
    axes.set_title(f"{case.id}\n{verdict}", fontsize=9)
    axes.set_xlabel("years since the study's origin")
    axes.set_ylabel(f"{case.quantity.split(' in the ')[0]} [{case.extra.get('unit', 'SI')}]")
    axes.grid(True, which="both", alpha=0.3)
    axes.legend(fontsize=8)
    figure.tight_layout()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"system-{case.id}.png"
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path


def main(argv: list[str]) -> None:
    for case in load_cases():
        if case.is_trajectory and (not argv or case.id in argv):
            print(draw(case).relative_to(ROOT))


if __name__ == "__main__":
    main(sys.argv[1:])
