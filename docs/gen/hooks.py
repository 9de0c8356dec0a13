"""MkDocs hooks: regenerate ``docs/generated/`` before each build (see ``generate.py``).

``MOONBASE_DOCS_FAST=1`` skips the slow parts (convergence studies, the alpha run) and
writes placeholders, for quick previews.

Docstrings write units in brackets (``[rad]``, ``[m/s]``); Markdown reads two bracketed
words in a row as a reference link, and mkdocs-autorefs then warns that it cannot find
the "target" ``rad``. Such a warning is not a broken link, so it is shown as INFO; a
missing target that looks like a Python path (has a dot) stays a warning and fails
``--strict``.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402

_UNRESOLVED = re.compile(r"Could not find cross-reference target '([^']*)'")


class _UnitBrackets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING:
            match = _UNRESOLVED.search(record.getMessage())
            if match and "." not in match.group(1):
                record.levelno, record.levelname = logging.INFO, "INFO"
        return True


def on_config(config, **_kwargs):  # noqa: ANN001 - MkDocs hook signature
    for handler in logging.getLogger("mkdocs").handlers:
        if not any(isinstance(f, _UnitBrackets) for f in handler.filters):
            handler.addFilter(_UnitBrackets())
    return config


def on_pre_build(config, **_kwargs):  # noqa: ANN001 - MkDocs hook signature
    generate.generate(slow=os.environ.get("MOONBASE_DOCS_FAST") != "1")
