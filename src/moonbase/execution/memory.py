"""Keep freed memory in the process for the next chunk instead of handing it back to the OS.

A Monte Carlo chunk allocates and frees a few hundred MB of ``(samples, steps)``
arrays; the next chunk needs the same again. glibc returns large blocks to the kernel
on ``free`` (``mmap``/``munmap`` above ``M_MMAP_THRESHOLD``, heap trimming above
``M_TRIM_THRESHOLD``), and Dask's worker nanny sets ``MALLOC_TRIM_THRESHOLD_=65536``,
which also freezes the mmap threshold at 128 KiB. Every chunk then page-faults its
memory in again. Measured on the 2-core reference machine (a sandboxed VM where a page
fault costs ~10 us) with ``benchmarks/chunk_memory.py``: 40 rounds of 100 arrays of
250 x 900 take 4.9 s with Dask's setting, 0.92 s with glibc's defaults and 0.71 s after
:func:`retain_freed_memory` (``docs/design/uncertainty.md``). The cost is a resident footprint at the high-water
mark of one chunk, which the chunk size bounds.
"""

from __future__ import annotations

import ctypes
import ctypes.util

__all__ = ["retain_freed_memory"]

_M_TRIM_THRESHOLD = -1  # glibc malloc.h
_M_MMAP_THRESHOLD = -3
#: Blocks up to this size come from the heap and are reused (glibc's largest allowed on 64-bit) [B].
MMAP_THRESHOLD_B = 32 * 1024 * 1024
#: Free heap kept before trimming [B].
TRIM_THRESHOLD_B = 1 << 30

_done = False


def retain_freed_memory() -> bool:
    """Ask glibc to keep freed blocks for reuse; True if applied (False off glibc). Idempotent."""
    global _done
    if _done:
        return True
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError, TypeError):  # not glibc (macOS, musl without mallopt): nothing to tune
        return False
    _done = bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD_B)) & bool(mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD_B))
    return _done
