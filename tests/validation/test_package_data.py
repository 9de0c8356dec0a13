"""The validation cases ship inside the package: `validate` and the credibility box work from a wheel."""

from __future__ import annotations

import fnmatch
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest

import moonbase
from moonbase.validation.cases import DEFAULT_CASE_DIR

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = Path(moonbase.__file__).resolve().parent


def _package_data_globs() -> list[str]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)["tool"]["setuptools"]["package-data"]["moonbase"]


def _matches(relative: str, pattern: str) -> bool:
    # setuptools expands '**' recursively; fnmatch's '*' already crosses '/', so '**/' may match nothing
    return fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(relative, pattern.replace("**/", ""))


def test_every_case_file_is_declared_as_package_data():
    files = sorted(DEFAULT_CASE_DIR.rglob("*.toml"))
    assert files and DEFAULT_CASE_DIR.is_relative_to(PACKAGE)
    globs = _package_data_globs()
    undeclared = [str(f.relative_to(PACKAGE)) for f in files
                  if not any(_matches(str(f.relative_to(PACKAGE)), g) for g in globs)]
    assert undeclared == [], f"case files that `pip install .` would leave behind: {undeclared}"


@pytest.mark.slow
def test_validate_from_a_wheel_in_a_fresh_environment(tmp_path):
    """Build a wheel, install it (no editable path, no source tree) and run `moonbase validate` from it.

    The wheel is built as `pip install .` builds it: in an isolated build environment,
    which pip fills with setuptools and wheel from the package index.

    The fresh environment gets the dependencies by a path entry to this interpreter's
    site-packages (appended after its own, so the wheel's moonbase wins and the editable
    install's path hook is not processed); nothing is downloaded.
    """
    source = tmp_path / "source"  # a copy: an in-tree build would leave build/ and *.egg-info behind
    shutil.copytree(ROOT / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(source)],
                   check=True, cwd=tmp_path)
    wheel = next(wheels.glob("moonbase-*.whl"))
    env_dir = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True)
    python = env_dir / "bin" / "python"
    own_site = Path(subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                   check=True, capture_output=True, text=True).stdout.strip())
    (own_site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q",
                    str(wheel)], check=True)
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    where = subprocess.run([python, "-c", "import moonbase; print(moonbase.__file__)"], check=True,
                           capture_output=True, text=True, env=clean, cwd=tmp_path).stdout
    assert where.startswith(str(own_site)), where
    result = subprocess.run([env_dir / "bin" / "moonbase", "validate", "--json"], capture_output=True,
                            text=True, env=clean, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    rows = json.loads(result.stdout)
    assert len(rows) == len(list(_shipped_ids())) and {r["kind"] for r in rows} == {"reproduction", "definition",
                                                                                     "regression"}
    box = subprocess.run([python, "-c", "from moonbase.scenario.loader import scenario_from_toml; "
                          "from moonbase.validation.credibility import credibility_box; import json; "
                          "b = credibility_box(scenario_from_toml('base = \"alpha\"\\n')); "
                          "print(json.dumps([b['cases_available'], b['total']]))"],
                         check=True, capture_output=True, text=True, env=clean, cwd=tmp_path)
    available, total = json.loads(box.stdout)
    assert available and total == sum(r["kind"] == "reproduction" for r in rows)


def _shipped_ids():
    from moonbase.validation.cases import load_cases

    return (c.id for c in load_cases())
