"""The package order of DESIGN.md, enforced on the import graph of every module.

A package imports only from its own rank or below:

    constants, errors, domain, jit, execution  ->  physics, orbits, launch
    ->  spacecraft, massdriver, industry, city  ->  scenario  ->  timeline
    ->  economics, analysis  ->  results, validation, claims  ->  report  ->  commands, cli, web

Every ``import`` statement counts, wherever it stands: at the top of a module, inside a
function, or under ``if TYPE_CHECKING``. Library packages (all but the callers
``commands``, ``cli`` and ``web``, which import lazily to keep ``moonbase --help`` fast)
import at module level only, so a cycle shows at load time instead of hiding in a function.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import moonbase

#: Ranks of the top-level modules and packages of ``moonbase`` (DESIGN.md, "Layout and package order").
PACKAGE_ORDER = (
    ("__init__", "constants", "errors", "domain", "jit", "execution"),
    ("physics", "orbits", "launch"),
    ("spacecraft", "massdriver", "industry", "city"),
    ("scenario",),
    ("timeline",),
    ("economics", "analysis"),
    ("results", "validation", "claims"),
    ("report",),
    ("commands", "cli", "web", "__main__"),
)
RANK = {name: rank for rank, names in enumerate(PACKAGE_ORDER) for name in names}
CALLERS = ("commands", "cli", "web", "__main__")
PACKAGE_ROOT = Path(moonbase.__file__).parent


def _package_of(module: str) -> str:
    """``moonbase.timeline.system`` -> ``timeline``; ``moonbase`` -> ``__init__``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(node: ast.AST, module: str, is_package: bool) -> list[str]:
    """The ``moonbase`` modules an import statement names (relative imports resolved)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        if node.level == 0:
            return [node.module or ""]
        base = module.split(".")
        base = base[: len(base) - node.level + (1 if is_package else 0)]
        return [".".join(base + ([node.module] if node.module else []))]
    return []


def import_edges(root: Path) -> list[tuple[str, str, int, bool]]:
    """Every import of a ``moonbase`` module under ``root``: (importer, imported, line, inside a function)."""
    edges = []
    for path in sorted(root.rglob("*.py")):
        module = _module_name(path, root)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        nested = {id(inner) for function in ast.walk(tree)
                  if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) for inner in ast.walk(function)}
        for node in ast.walk(tree):
            for target in _imported(node, module, path.name == "__init__.py"):
                if target == "moonbase" or target.startswith("moonbase."):
                    edges.append((module, target, node.lineno, id(node) in nested))
    return edges


def upward_imports(root: Path) -> list[str]:
    """Imports from a higher-ranked package, as ``importer:line -> imported`` lines."""
    bad = []
    for importer, target, line, _ in import_edges(root):
        source, destination = _package_of(importer), _package_of(target)
        if RANK.get(destination, 0) > RANK.get(source, 0):
            bad.append(f"{importer}:{line} -> {target}")
    return bad


def function_level_imports(root: Path) -> list[str]:
    """Imports of ``moonbase`` modules inside functions of library (non-caller) packages."""
    return [f"{importer}:{line} -> {target}" for importer, target, line, inner in import_edges(root)
            if inner and _package_of(importer) not in CALLERS]


def test_every_package_has_a_rank():
    packages = {path.stem if path.is_file() else path.name for path in PACKAGE_ROOT.iterdir()
                if (path.suffix == ".py" or (path / "__init__.py").exists())}
    assert packages <= set(RANK), f"packages without a rank in PACKAGE_ORDER: {sorted(packages - set(RANK))}"


def test_no_package_imports_from_a_higher_rank():
    assert upward_imports(PACKAGE_ROOT) == []


def test_library_packages_import_at_module_level():
    assert function_level_imports(PACKAGE_ROOT) == []


def _synthetic_tree(tmp_path: Path, body: str) -> Path:
    """A throw-away ``moonbase`` tree holding one physics module with ``body``."""
    root = tmp_path / "moonbase"
    (root / "physics").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "physics" / "__init__.py").write_text("")
    (root / "physics" / "synthetic.py").write_text(body)
    return root


@pytest.mark.parametrize("body", [
    "from moonbase.timeline.system import simulate\n",
    "import moonbase.report.html\n",
    "def late():\n    from moonbase.scenario.schema import Scenario\n    return Scenario\n",
    "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from moonbase.results.run_dir import save_run\n",
    "from ..timeline import system\n",
])
def test_an_upward_import_in_a_synthetic_module_is_caught(tmp_path, body):
    found = upward_imports(_synthetic_tree(tmp_path, body))
    assert len(found) == 1 and found[0].startswith("moonbase.physics.synthetic:"), found


def test_downward_and_same_rank_imports_pass(tmp_path):
    root = _synthetic_tree(tmp_path, "from moonbase.constants import AU_M\nfrom moonbase.orbits.frames import x\n")
    assert upward_imports(root) == []


def test_a_function_level_import_in_a_library_module_is_caught(tmp_path):
    root = _synthetic_tree(tmp_path, "def late():\n    from moonbase.constants import AU_M\n    return AU_M\n")
    assert function_level_imports(root) == ["moonbase.physics.synthetic:2 -> moonbase.constants"]


#: Caller modules and libraries the model packages never load (STYLE.md section 1: data flows one way).
CALLER_MODULES = ("typer", "rich", "moonbase.cli", "moonbase.commands", "moonbase.web")


@pytest.mark.parametrize("package", ["moonbase.massdriver", "moonbase.spacecraft", "moonbase.timeline"])
def test_library_package_loads_no_cli_or_web_code(package):
    code = (f"import importlib, pkgutil, sys, {package} as package\n"
            "for module in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
            "    importlib.import_module(module.name)\n"
            f"callers = {CALLER_MODULES!r}\n"
            "print(sorted(m for m in sys.modules if m in callers or m.startswith(tuple(c + '.' for c in callers))))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]", f"{package} imports {loaded.strip()}"
