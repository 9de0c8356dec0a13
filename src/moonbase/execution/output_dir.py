"""Output folders written all-or-nothing, for every command that writes one.

A command writes into a hidden sibling staging folder, ``.<name>.partial-<host>-<pid>-<random>``,
renamed to the output folder only when complete. A process killed outright (SIGKILL, power
loss) cannot remove its staging folder; the next command writing in the same parent folder
removes every staging folder of this host whose process no longer exists.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from moonbase.errors import ScenarioError

MAX_NAME_BYTES = 255  # longest file name on Linux, macOS and Windows file systems
_STAGING = re.compile(r"^\..+\.partial-(?P<host>[^-]+)-(?P<pid>\d+)-[^-]+$")


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9]", "", socket.gethostname())[:40] or "host"


def check_out_dir(out_dir: Path) -> None:
    """Refuse an output folder that cannot be written as a new run folder (:class:`ScenarioError`, exit 2).

    Refused: an existing file; an existing folder that is not empty or is read-only; a path
    under a file; a parent that cannot be written; a name too long for the file system.
    """
    shown = f"--out = '{out_dir}'"
    try:
        too_long = [part for part in Path(out_dir).parts if len(part.encode()) > MAX_NAME_BYTES]
        if too_long:
            raise ScenarioError(f"{shown} has a name of {len(too_long[0].encode())} bytes; the file system "
                                f"allows at most {MAX_NAME_BYTES}.")
        if out_dir.exists():
            if not out_dir.is_dir() or any(out_dir.iterdir()):
                raise ScenarioError(f"{shown} already exists and is not an empty folder; "
                                    "choose a new folder (runs are never overwritten).")
            if not out_dir.stat().st_mode & stat.S_IWUSR or not os.access(out_dir, os.W_OK):
                raise ScenarioError(f"{shown} is a read-only folder; make it writable or choose another folder.")
        probe = out_dir.resolve().parent
        while not probe.exists():
            probe = probe.parent
        if not probe.is_dir():
            raise ScenarioError(f"{shown} cannot be created: '{probe}' is a file, not a folder.")
        if not os.access(probe, os.W_OK | os.X_OK):
            raise ScenarioError(f"{shown} cannot be created: '{probe}' is not writable.")
    except (OSError, ValueError) as exc:  # e.g. a NUL byte, a permission error while looking
        if isinstance(exc, ScenarioError):
            raise
        raise ScenarioError(f"{shown} cannot be used: {getattr(exc, 'strerror', None) or exc}.") from None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def remove_stale_staging(parent: Path) -> list[Path]:
    """Remove the staging folders in ``parent`` left by processes of this host that no longer run."""
    removed = []
    host = _host()
    with contextlib.suppress(OSError):
        for path in parent.iterdir():
            match = _STAGING.match(path.name)
            if match and match["host"] == host and int(match["pid"]) != os.getpid() and not _alive(int(match["pid"])):
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path)
    return removed


def _new_folder_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o777 & ~mask


@contextlib.contextmanager
def staged_output_dir(out_dir: Path) -> Iterator[Path]:
    """Write into a hidden sibling folder; rename it to ``out_dir`` only if the block succeeds.

    An error or an interrupt inside the block removes the staging folder and leaves
    ``out_dir`` as it was. ``out_dir`` must not exist or be an empty writable folder
    (:func:`check_out_dir`); the result has the mode a new folder gets (or the empty
    folder had).
    """
    out_dir = Path(out_dir)
    check_out_dir(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(out_dir.parent)
    mode = stat.S_IMODE(out_dir.stat().st_mode) if out_dir.exists() else _new_folder_mode()
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.partial-{_host()}-{os.getpid()}-",
                                    dir=out_dir.parent))
    try:
        yield staging
        staging.chmod(mode)
        if out_dir.exists():
            out_dir.rmdir()  # empty, checked above
        staging.rename(out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
