"""A rich progress bar for chunked work: chunks done, rate and time left (on stderr)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from rich.progress import BarColumn, Progress, ProgressColumn, Task, TextColumn
from rich.text import Text

from moonbase.commands.common import err_console
from moonbase.execution.progress import ProgressCallback, ProgressReport


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "--:--"
    minutes, secs = divmod(int(round(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class ChunksColumn(ProgressColumn):
    """``3/8 chunks``, or ``3 chunks`` while the total is not known yet (rich's total=None)."""

    def render(self, task: Task) -> Text:
        done = f"{task.completed:.0f}"
        return Text(f"{done}/{task.total:.0f} chunks" if task.total is not None else f"{done} chunks")


@contextlib.contextmanager
def progress_bar(description: str) -> Iterator[ProgressCallback]:
    """A progress callback drawing a bar on a terminal (silent when stderr is not one)."""
    columns = (TextColumn("{task.description}"), BarColumn(), ChunksColumn(),
               TextColumn("{task.fields[rate]}"), TextColumn("elapsed {task.fields[elapsed]}"),
               TextColumn("left {task.fields[left]}"))
    with Progress(*columns, console=err_console, disable=not err_console.is_terminal, transient=False) as bar:
        task = bar.add_task(description, total=None, chunks="?", rate="", elapsed="00:00", left="--:--")

        def update(report: ProgressReport) -> None:
            rate = f"{report.rate_chunks_per_s:.2f} chunks/s" if report.rate_chunks_per_s else ""
            bar.update(task, completed=report.done, total=report.total, chunks=report.total, rate=rate,
                       elapsed=_duration(report.elapsed_s), left=_duration(report.remaining_s))

        yield update
