"""Shared pieces of the command-line layer: consoles, error handling, number formatting.

Every ``moonbase`` sub-command uses :func:`user_errors` so bad input ends as one line on
stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from typing import Any, Iterator

import typer
from rich.console import Console
from rich.table import Table

import moonbase
from moonbase.errors import MoonbaseError

out_console = Console(soft_wrap=True)
err_console = Console(stderr=True, soft_wrap=True)


@contextlib.contextmanager
def user_errors() -> Iterator[None]:
    """Turn moonbase errors into one line on stderr and exit 2; I/O failures into exit 1."""
    try:
        yield
    except MoonbaseError as exc:
        err_console.print(f"error: {exc}", markup=False, highlight=False)
        raise typer.Exit(2) from None
    except OSError as exc:
        err_console.print(f"error: could not write or read a file: {exc}", markup=False, highlight=False)
        raise typer.Exit(1) from None


def announce_compile() -> None:
    """On a terminal, say so when the compiled kernels are not cached yet (the first run
    after installing or changing moonbase compiles them, ~15 s of silence otherwise)."""
    package = Path(moonbase.__file__).resolve().parent
    if err_console.is_terminal and not any(package.rglob("__pycache__/*.nbi")):
        err_console.print("compiling the simulation kernels (first run after an install or update, ~15 s) ...",
                          markup=False, highlight=False)


def si_text(value: float, unit: str) -> str:
    """``value`` with an SI prefix and three significant digits: ``si_text(1.2e12, "W") == "1.2 TW"``."""
    value = float(f"{value:.3g}")  # round first, so 999.9 G becomes 1 T, not "1e+03 G"
    prefixes = ((1e24, "Y"), (1e21, "Z"), (1e18, "E"), (1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"),
                (1e3, "k"))
    for scale, prefix in prefixes:
        if abs(value) >= scale:
            return f"{value / scale:,.3g} {prefix}{unit}"
    return f"{value:,.3g} {unit}"


def whole_words(table: Table) -> Table:
    """Let ``table`` shrink to a narrow terminal without cutting words to "…".

    Each column is at least as wide as the longest word of its header, and a cell that
    still does not fit is folded onto the next line rather than cut. Returns ``table``.
    """
    for column in table.columns:
        words = str(column.header).split()
        column.min_width = max([column.min_width or 0, *(len(w) for w in words)])
        column.overflow = "fold"
    return table


def print_json(data: Any) -> None:
    """Write ``data`` as indented JSON on stdout (the ``--json`` contract)."""
    sys.stdout.write(json.dumps(data, indent=2) + "\n")
