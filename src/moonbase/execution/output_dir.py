"""Output folders written all-or-nothing, for every command that writes one."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from moonbase.errors import ScenarioError


def check_out_dir(out_dir: Path) -> None:
    """Refuse an output folder that exists and is not empty, or cannot be created."""
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise ScenarioError(f"--out = '{out_dir}' already exists and is not an empty folder; "
                            "choose a new folder (runs are never overwritten).")
    probe = out_dir.resolve().parent
    while not probe.exists():
        probe = probe.parent
    if not os.access(probe, os.W_OK):
        raise ScenarioError(f"--out = '{out_dir}' cannot be created: '{probe}' is not writable.")


@contextlib.contextmanager
def staged_output_dir(out_dir: Path) -> Iterator[Path]:
    """Write into a hidden sibling folder; rename it to ``out_dir`` only if the block succeeds.

    An error or an interrupt inside the block removes the staging folder and leaves
    ``out_dir`` as it was. ``out_dir`` must not exist or be an empty folder
    (:func:`check_out_dir`).
    """
    out_dir = Path(out_dir)
    check_out_dir(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.partial-", dir=out_dir.parent))
    try:
        yield staging
        if out_dir.exists():
            out_dir.rmdir()  # empty, checked above
        staging.rename(out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
