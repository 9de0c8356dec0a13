"""The documentation site: generated pages are complete, and the strict MkDocs build passes."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from moonbase.validation.cases import load_cases
from moonbase.validation.validity import FAMILIES, family_of_model

ROOT = Path(__file__).resolve().parents[2]


def _generator():
    spec = importlib.util.spec_from_file_location("moonbase_docs_generate", ROOT / "docs" / "gen" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("generated")
    _generator().generate(out, slow=False)
    return out


def test_every_family_has_a_page_listing_its_cases_with_current_results(generated):
    cases = load_cases()
    for fam in FAMILIES:
        page = (generated / "models" / f"{fam.key}.md").read_text(encoding="utf-8")
        for module in fam.modules:
            assert f"::: {module}" in page
        for case in cases:
            if family_of_model(case.model) == fam.key:
                assert f"`{case.id}`" in page, f"{case.id} missing on the {fam.key} page"
        # a verdict per case: passing, or recorded as not reproduced (a family may hold only those)
        assert ("| pass |" in page or "| not reproduced: " in page
                or not any(family_of_model(c.model) == fam.key for c in cases))


def test_every_design_note_is_linked(generated):
    index = (generated / "design_notes.md").read_text(encoding="utf-8")
    for note in (ROOT / "docs" / "design").glob("*.md"):
        assert f"(../design/{note.name})" in index


def test_cli_reference_covers_every_command(generated):
    import typer

    from moonbase.cli import app

    text = (generated / "cli.md").read_text(encoding="utf-8")
    root = typer.main.get_command(app)
    for name, command in root.commands.items():
        assert f"`moonbase {name}`" in text
        for sub in getattr(command, "commands", {}):
            assert f"`moonbase {name} {sub}`" in text


def test_validation_page_lists_every_case(generated):
    text = (generated / "validation.md").read_text(encoding="utf-8")
    assert all(f"`{case.id}`" in text for case in load_cases())


@pytest.mark.slow
def test_site_builds_in_strict_mode(tmp_path):
    for module in ("mkdocs", "material", "mkdocstrings", "mkdocstrings_handlers.python"):
        pytest.importorskip(module, reason="the docs extra is not installed: pip install -e '.[docs]'")
    site = tmp_path / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    for page in ("index.html", "tutorial.html", "timeline.html", "credibility.html", "reliability.html",
                 "generated/validation.html", "generated/cli.html", "generated/api/index.html",
                 "generated/design_notes.html", *(f"generated/models/{f.key}.html" for f in FAMILIES)):
        assert (site / page).is_file(), page
    tutorial = (site / "tutorial.html").read_text(encoding="utf-8")
    assert "first year adding" in tutorial  # numbers were included
    assert re.search(r"\d+/\d+ reproductions pass", tutorial)
    assert "observed order" in (site / "reliability.html").read_text(encoding="utf-8")
    remote = []  # what a browser would fetch from elsewhere: scripts, styles, fonts, images, frames
    resource = re.compile(r"<(?:script|img|iframe|source)\b[^>]*\bsrc=[\"'](?:https?:)?//[^\"']+"
                          r"|<link\b[^>]*\bhref=[\"'](?:https?:)?//[^\"']+|fonts\.googleapis|unpkg\.com|jsdelivr")
    for page in site.rglob("*.html"):
        remote += [f"{page.relative_to(site)}: {m}" for m in resource.findall(page.read_text(encoding="utf-8"))]
    assert remote == [], remote[:10]
