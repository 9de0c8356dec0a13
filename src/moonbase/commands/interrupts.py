"""SIGINT and SIGTERM for long commands: one line, no partial folder, exit 128 + signal number.

Inside :func:`interruptible`, either signal raises :class:`Interrupted` where the command
is (both are handled alike: Ctrl-C at a terminal, ``kill`` or a job scheduler's stop).
The exception unwinds through :func:`moonbase.execution.output_dir.staged_output_dir`, which
removes its staging folder, so nothing is left half-written. Further signals are ignored
while that clean-up runs. The command then ends with one line saying whether the output
folder is complete, and exit status 130 (SIGINT) or 143 (SIGTERM).
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer

from moonbase.commands.common import err_console

HANDLED = (signal.SIGINT, signal.SIGTERM)


class Interrupted(BaseException):
    """A stop signal arrived (a BaseException, like KeyboardInterrupt: nothing may swallow it)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


_received: list[int] = []  # the signal seen, kept for check_interrupted


def _raise(signum: int, _frame: Any) -> None:
    for handled in HANDLED:  # one signal is enough: let the clean-up finish
        signal.signal(handled, signal.SIG_IGN)
    _received.append(signum)
    raise Interrupted(signum)


def check_interrupted() -> None:
    """Raise :class:`Interrupted` again if a signal came and its exception was lost.

    A signal's exception is raised wherever the main thread is; inside a C callback
    (numba's compiler cache, a ``__del__``) Python drops it (quietly, inside
    :func:`interruptible`). Calling this between chunks of work makes the stop take
    effect anyway.
    """
    if _received:
        raise Interrupted(_received[-1])


@contextlib.contextmanager
def interruptible(out_dir: Path | None = None) -> Iterator[None]:
    """Run a command's block with SIGINT and SIGTERM turned into one line and exit 130 / 143.

    ``out_dir``, when known, is named in the line: complete if the signal came after it was
    written, absent otherwise.
    """
    if threading.current_thread() is not threading.main_thread():  # handlers can be set only there
        yield
        return
    _received.clear()
    previous = {handled: signal.signal(handled, _raise) for handled in HANDLED}
    unraisable = sys.unraisablehook

    def quiet(event: Any) -> None:  # a lost Interrupted is raised again by check_interrupted: no traceback
        if not isinstance(event.exc_value, Interrupted):
            unraisable(event)

    sys.unraisablehook = quiet
    try:
        try:
            yield
            check_interrupted()
        except Exception:
            # C code that meets the signal's exception may replace it with its own error (numpy
            # raises a TypeError): any error after a stop signal is the stop
            check_interrupted()
            raise
    except (Interrupted, KeyboardInterrupt) as exc:
        signum = exc.signum if isinstance(exc, Interrupted) else signal.SIGINT
        if out_dir is None:
            outcome = "nothing was written"
        elif out_dir.is_dir() and any(out_dir.iterdir()):
            outcome = f"the run folder {out_dir} is complete"
        else:
            outcome = f"nothing was written to {out_dir}"
        err_console.print(f"interrupted by {signal.Signals(signum).name}; {outcome}.", markup=False,
                          highlight=False)
        raise typer.Exit(128 + signum) from None
    finally:
        sys.unraisablehook = unraisable
        _received.clear()
        for handled, handler in previous.items():
            signal.signal(handled, handler)

