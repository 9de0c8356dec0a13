"""The library under the CLI and the web never imports them (STYLE.md section 1: data flows one way).

``moonbase.commands`` and ``moonbase.web`` call the mass-driver and spacecraft packages
(for example :func:`moonbase.massdriver.design_summary.design_summary` and
:func:`moonbase.spacecraft.satellite_report.satellite_report`, which both serve); never
the other way round, and the library pulls in no terminal libraries (typer, rich).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

CALLER_MODULES = ("typer", "rich", "moonbase.cli", "moonbase.commands", "moonbase.web")


@pytest.mark.parametrize("package", ["moonbase.massdriver", "moonbase.spacecraft"])
def test_library_package_imports_no_cli_or_web_code(package):
    code = (f"import importlib, pkgutil, sys, {package} as package\n"
            "for module in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
            "    importlib.import_module(module.name)\n"
            f"callers = {CALLER_MODULES!r}\n"
            "print(sorted(m for m in sys.modules if m in callers or m.startswith(tuple(c + '.' for c in callers))))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]", f"{package} imports {loaded.strip()}"
