"""What one request may carry, and where the server does the work of reading it.

Every request body is read by code whose time grows linearly with its size, and the
data must fit the limits below before any model sees it: a number literal of at most
:data:`MAX_NUMBER_CHARS` characters, lists of at most :data:`MAX_LIST_ITEMS` items,
tables of at most :data:`MAX_TABLE_KEYS` keys, :data:`MAX_DEPTH` levels of nesting, and
(inside a scenario) strings of at most :data:`MAX_TEXT_CHARS` characters and at most
:data:`MAX_VALUES` values in all. A value over a
limit is refused with one line that names the field and repeats at most
:data:`SHOWN_CHARS` characters of it.

Parsing and validating run in worker threads (:func:`off_loop`), at most
:data:`INPUT_THREADS` at once and each answered within :data:`INPUT_DEADLINE_S`, so the
event loop keeps answering other requests (``/api/health`` among them) meanwhile.
"""

from __future__ import annotations

import asyncio
import functools
import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from moonbase.errors import MoonbaseError

MAX_NUMBER_CHARS = 40  # "-1.2345678901234567e+308" is 24; no scenario number needs more
MAX_LIST_ITEMS = 1_000  # a discrete distribution's values, a list of sites: tens in practice
MAX_TABLE_KEYS = 500  # the widest scenario table has about 40 fields
MAX_DEPTH = 16  # a scenario is four tables deep at most
MAX_TEXT_CHARS = 2_000  # scenario.description, the longest free text a scenario has
MAX_VALUES = 2_000  # values in one scenario (alpha has ~300); each costs ~0.25 ms to check, ~0.5 s at the limit
SHOWN_CHARS = 40
INPUT_DEADLINE_S = 5.0  # a 1 MB body is read and checked in ~0.2 s; beyond this the server is overloaded
INPUT_THREADS = 2

T = TypeVar("T")


class InputLimitError(MoonbaseError, ValueError):
    """A request body over one of the limits, or not readable as JSON."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class InputTimeoutError(MoonbaseError):
    """Reading a request took longer than :data:`INPUT_DEADLINE_S` (the server is overloaded)."""


def shown(text: str, limit: int = SHOWN_CHARS) -> str:
    """``text`` quoted as an error message repeats it: at most ``limit`` characters, then its length."""
    return repr(text) if len(text) <= limit else f"{text[:limit]!r}... ({len(text):,} characters)"


def _number(kind: Callable[[str], Any], literal: str) -> Any:
    if len(literal) > MAX_NUMBER_CHARS:
        raise InputLimitError("", f"the number {shown(literal, 20)} has more than {MAX_NUMBER_CHARS} characters; "
                                  "expected a number of a few digits.")
    return kind(literal)


def _constant(name: str) -> Any:
    raise InputLimitError("", f"{name} is not a JSON number; expected a finite number.")


def load_json(text: str | bytes) -> Any:
    """Parse JSON with number literals bounded in length (NaN and Infinity refused); :class:`InputLimitError`."""
    try:
        return json.loads(text, parse_int=functools.partial(_number, int),
                          parse_float=functools.partial(_number, float), parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise InputLimitError("", f"request body is not valid JSON: {exc.msg} at line {exc.lineno} "
                                  f"column {exc.colno}.") from None
    except UnicodeDecodeError:
        raise InputLimitError("", "request body is not UTF-8 text.") from None
    except RecursionError:
        raise InputLimitError("", f"request body nests more than {MAX_DEPTH} levels deep.") from None


def _join(path: str, key: object) -> str:
    return f"{path}[{key}]" if isinstance(key, int) else (f"{path}.{key}" if path else str(key))


def check_shape(data: Any, max_text: int | None = MAX_TEXT_CHARS) -> None:
    """Refuse data over the size limits (see the module docstring); ``max_text=None``: strings and count unbounded.

    Walks the data once, without recursion; :class:`InputLimitError` names the first field over a limit.
    """
    stack: list[tuple[str, Any, int]] = [("", data, 0)]
    values = 0
    while stack:
        path, value, depth = stack.pop()
        values += 1
        if max_text is not None and values > MAX_VALUES:
            raise InputLimitError("", f"the scenario has more than {MAX_VALUES:,} values; a scenario has a few "
                                      "hundred, and a distribution a few dozen options.")
        where = path or "request body"
        if isinstance(value, (dict, list)) and depth >= MAX_DEPTH:
            raise InputLimitError(path, f"{where} nests more than {MAX_DEPTH} levels deep.")
        if isinstance(value, dict):
            if len(value) > MAX_TABLE_KEYS:
                raise InputLimitError(path, f"{where} has {len(value):,} keys; expected at most {MAX_TABLE_KEYS}.")
            for key, item in value.items():
                if max_text is not None and len(str(key)) > SHOWN_CHARS * 2:
                    raise InputLimitError(path, f"{where} has the key {shown(str(key))}; expected a field name.")
                stack.append((_join(path, key), item, depth + 1))
        elif isinstance(value, list):
            if len(value) > MAX_LIST_ITEMS:
                raise InputLimitError(path, f"{where} has {len(value):,} items; expected at most {MAX_LIST_ITEMS:,}.")
            stack.extend((_join(path, index), item, depth + 1) for index, item in enumerate(value))
        elif isinstance(value, str) and max_text is not None and len(value) > max_text:
            raise InputLimitError(path, f"{where} = {shown(value)} is too long; expected at most {max_text:,} "
                                        "characters.")
        elif isinstance(value, int) and not isinstance(value, bool) and len(str(abs(value))) > MAX_NUMBER_CHARS:
            raise InputLimitError(path, f"{where} has more than {MAX_NUMBER_CHARS} digits; expected a number of a "
                                        "few digits.")


_READERS = ThreadPoolExecutor(max_workers=INPUT_THREADS, thread_name_prefix="moonbase-input")


async def off_loop(function: Callable[..., T], *args: Any) -> T:
    """``function(*args)`` in one of :data:`INPUT_THREADS` reader threads, answered within :data:`INPUT_DEADLINE_S`.

    :class:`InputTimeoutError` when the deadline passes: a call still waiting is dropped; one
    already running finishes in its thread, which stays busy meanwhile, so a flood of slow
    inputs never runs more than :data:`INPUT_THREADS` at once.
    """
    loop = asyncio.get_running_loop()
    try:
        return await asyncio.wait_for(loop.run_in_executor(_READERS, functools.partial(function, *args)),
                                      INPUT_DEADLINE_S)
    except TimeoutError:
        raise InputTimeoutError(f"the server could not read the request within {INPUT_DEADLINE_S:g} s; "
                                "it is busy, try again shortly.") from None
