"""Checkpoints of chunked work: one Parquet partition per finished chunk, written atomically.

A chunk's partition files have fixed names (``<dataset>/chunk-000012.parquet``), are
written to a hidden temporary file in the same folder and renamed into place
(``os.replace`` is atomic on POSIX), so a file either is complete or is not there. The
``marker`` dataset is written last: a chunk counts as finished only when its marker
partition exists, and re-running an unfinished chunk replaces any partial files
instead of duplicating rows. ``--resume`` skips finished chunks.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

MANIFEST = "manifest.json"


def write_atomically(path: Path, write: Any) -> None:
    """Call ``write(temporary_path)`` then rename the file to ``path`` in one step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        write(temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def write_json_atomically(path: Path, data: Any) -> None:
    """Write ``data`` as indented JSON, atomically."""
    write_atomically(path, lambda tmp: tmp.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8"))


class ChunkStore:
    """Partitioned Parquet datasets under ``root``, one file per chunk and dataset."""

    def __init__(self, root: Path, datasets: tuple[str, ...], marker: str) -> None:
        if marker not in datasets:
            raise ValueError(f"marker {marker!r} must be one of the datasets {datasets}")
        self.root = Path(root)
        self.datasets = datasets
        self.marker = marker

    def path(self, dataset: str, chunk: int) -> Path:
        """The partition file of ``chunk`` in ``dataset``."""
        return self.root / dataset / f"chunk-{chunk:06d}.parquet"

    def finished(self) -> set[int]:
        """Chunks whose marker partition exists."""
        folder = self.root / self.marker
        if not folder.is_dir():
            return set()
        return {int(p.stem.split("-")[1]) for p in folder.glob("chunk-*.parquet")}

    def write(self, chunk: int, tables: dict[str, pa.Table]) -> None:
        """Write every dataset of ``chunk``, the marker last."""
        order = [d for d in self.datasets if d != self.marker] + [self.marker]
        for dataset in order:
            if dataset in tables:
                write_atomically(self.path(dataset, chunk),
                                 lambda tmp, table=tables[dataset]: pq.write_table(table, tmp))
