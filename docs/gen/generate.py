"""Generate the code-derived pages of the documentation site into ``docs/generated/``.

Run by the MkDocs hook (``docs/gen/hooks.py``) before every build, or by hand::

    .venv/bin/python docs/gen/generate.py

Nothing here is copied by hand: the model-family pages come from the registry
(:mod:`moonbase.validation.validity`) and the models' docstrings (rendered by
mkdocstrings), the validation tables from evaluating every case in ``validation/`` at
build time, the convergence tables from running the studies, the CLI reference from the
typer application and the tutorial's numbers from a run of the ``alpha`` preset.
"""

from __future__ import annotations

import io
import pkgutil
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
OUT = DOCS / "generated"

# Packages whose modules get an API reference page (model modules are documented on
# their family page instead, so each object has one home).
API_GROUPS = (
    ("scenario", "Scenarios: schema, loading, units, presets, distributions"),
    ("timeline", "Timeline helpers not on the system-model page"),
    ("results", "Run folders, tables, summary and queries"),
    ("report", "The HTML run report and its figures"),
    ("analysis", "Monte Carlo, sweeps, sensitivity and optimisation"),
    ("execution", "Executors, chunking and checkpoints"),
    ("validation", "Validation cases, model families, credibility and convergence"),
    ("claims", "Public claims tested by the model: ledger, arithmetic, limits, verdicts"),
    ("spacecraft", "Spacecraft helpers not on the satellites page"),
    ("orbits", "Orbit helpers not on the trajectories page"),
    ("industry", "Industry helpers not on the lunar-industry page"),
    ("economics", "Economics helpers not on the economics page"),
    ("massdriver", "Mass-driver helpers not on the mass-driver page"),
    ("commands", "Command-line sub-commands"),
    ("web", "The web explorer's HTTP API"),
)
API_TOP_LEVEL = ("moonbase.errors", "moonbase.constants", "moonbase.domain", "moonbase.cli")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.rstrip() + "\n", encoding="utf-8")


def _cell(text: object) -> str:
    """Text safe inside a Markdown table cell (no pipes, no line breaks, no raw HTML)."""
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("|", "\\|").replace("\n", " "))


def _first_line(doc: str | None) -> str:
    return (doc or "").strip().splitlines()[0].strip() if (doc or "").strip() else ""


# --- model families ---------------------------------------------------------------------

def _case_rows(outcomes) -> list[str]:
    lines = ["| case | kind | source | expected | obtained | rel. error | tolerance | result |",
             "|---|---|---|---:|---:|---:|---:|---|"]
    for o in outcomes:
        c = o.case
        tolerance = f"{c.rel_tolerance:.3g} rel." if c.rel_tolerance else f"{c.abs_tolerance:.3g} abs."
        obtained = "error" if o.obtained is None else f"{o.obtained:.6g}"
        error = "-" if o.relative_error is None else f"{o.relative_error:.3%}"
        verdict = {"pass": "pass", "expected failure": f"not reproduced: {_cell(c.expected_failure)}",
                   "unexpected pass": "**UNEXPECTED PASS** (stale record)"}.get(
                       o.status, f"**FAIL** {_cell(o.error or '')}")
        lines.append(f"| `{c.id}` | {c.kind} | {_cell(c.source)} | {c.expected:.6g} | {obtained} | {error} | "
                     f"{tolerance} | {verdict} |")
    return lines


def _trajectory_figures(outcomes) -> list[str]:
    """The overlay figure of each trajectory case (drawn by ``docs/gen/system_figures.py``)."""
    lines = []
    for o in outcomes:
        figure = DOCS / "images" / f"system-{o.case.id}.png"
        if o.case.is_trajectory and figure.is_file():
            lines += ["", f"![{o.case.id}: published points and moonbase's trajectory](../../images/{figure.name})"]
    return lines


def _design_notes() -> list[tuple[str, str]]:
    notes = []
    for path in sorted((DOCS / "design").glob("*.md")):
        title = next((line.lstrip("# ").strip() for line in path.read_text(encoding="utf-8").splitlines()
                      if line.startswith("# ")), path.stem)
        notes.append((path.name, title))
    return notes


def family_pages(outcomes) -> list[str]:
    """One page per model family, and the index; returns the family keys written."""
    from moonbase.validation.credibility import family_status
    from moonbase.validation.validity import FAMILIES, family_references

    status = family_status(outcomes)
    notes = dict(_design_notes())
    index = ["# Models", "",
             "The models are grouped into families. Each page below says what the family "
             "represents, when a run uses it, the input range it was validated for, its "
             "published validation cases with their results **as of this build**, the design "
             "notes that argue its simplifications, and every model function with its "
             "equations, assumptions and sources (from the docstrings).", "",
             "| family | what it covers | reproductions passing |", "|---|---|---:|"]
    for fam in FAMILIES:
        s = status[fam.key]
        index.append(f"| [{fam.title}]({fam.key}.md) | {_cell(fam.summary)} | "
                     f"{s.passed}/{s.total} |")
        mine = [o for o in outcomes if o.family == fam.key]
        page = [f"# {fam.title}", "", fam.summary, ""]
        switches = " and ".join(f"`{s}`" for s in fam.used_when)
        if not fam.in_timeline:
            when = "Never by a timeline run: these are stand-alone analyses with their own commands."
        elif fam.used_when:
            when = f"Used when {switches} {'is' if len(fam.used_when) <= 1 else 'are'} on (`|` means or)."
        else:
            when = "Every run uses it."
        page += ["## When a run uses it", "", when, ""]
        page += ["## Validated input range", ""]
        if fam.ranges:
            page += ["Inputs outside these ranges are flagged in the run report's credibility box: "
                     "the models still compute, but beyond the published evidence.", "",
                     "| scenario input | validated range | basis |", "|---|---|---|"]
            page += [f"| `{r.key}` | {r.range_text()} | {_cell(r.basis)} |" for r in fam.ranges]
        else:
            page += ["No scenario input of this family has a range narrower than its physical domain "
                     "(which the models themselves enforce with `ModelDomainError`)."]
        page += ["", "## Validation", "",
                 f"**{status[fam.key].text}** (evaluated when this page was built)."
                 + (f" Also checked by: {fam.verification}" if fam.verification else ""), ""]
        if mine:
            page += _case_rows(mine)
        page += _trajectory_figures(mine)
        page += ["", "## Design notes", ""]
        page += ([f"- [{notes.get(n, n)}](../../design/{n})" for n in fam.design_notes if n in notes]
                 or ["None yet."])
        references = family_references(fam.key)
        page += ["", "## References", ""]
        page += [f"{i}. {_cell(r)}" for i, r in enumerate(references, 1)] or ["None registered."]
        page += ["", "## Models", ""]
        for module in fam.modules:
            page += [f"::: {module}", "    options:", "      show_root_heading: true",
                     "      show_root_full_path: true", "      members_order: source", ""]
        _write(OUT / "models" / f"{fam.key}.md", "\n".join(page))
    _write(OUT / "models" / "index.md", "\n".join(index))
    return [f.key for f in FAMILIES]


def validation_page(outcomes) -> None:
    from moonbase.validation.credibility import family_status, reproductions
    from moonbase.validation.validity import FAMILIES

    repro = reproductions(outcomes)
    passed = sum(o.passed for o in repro)
    recorded = sum(o.status == "expected failure" for o in repro)
    others = [o for o in outcomes if o.case.kind != "reproduction"]
    lines = ["# Validation results", "",
             f"**{passed} of {len(repro)} reproductions pass** in this build"
             + (f"; {recorded} published figures are recorded as not reproduced" if recorded else "")
             + ". A reproduction is a published result computed by our model from the "
             "published inputs, checked against a primary source (paper, book, standard, "
             "agency report, data sheet, or a peer model's own code). "
             f"Listed apart and not counted: {sum(o.case.kind == 'definition' for o in others)} "
             "definition checks (a formula, constant or input read back) and "
             f"{sum(o.case.kind == 'regression' for o in others)} regression figures (our own). "
             "Each case is a TOML file under `src/moonbase/validation/data/`, shipped with the "
             "package, with the model it calls, its inputs, the published value, the tolerance "
             "and why, and the full source. The same cases run in the test suite "
             "(`tests/test_validation_cases.py`) and in `moonbase validate`. How the cases are "
             "kept honest: [validation evidence](../design/validation_evidence.md).", "",
             "| family | reproductions passing | reproductions | definition checks |", "|---|---:|---:|---:|"]
    status = family_status(outcomes)
    lines += [f"| [{f.title}](models/{f.key}.md) | {status[f.key].passed} | {status[f.key].total} | "
              f"{status[f.key].definitions} |" for f in FAMILIES]
    for fam in FAMILIES:
        mine = [o for o in repro if o.family == fam.key]
        if mine:
            lines += ["", f"## {fam.title}", ""] + _case_rows(mine)
    orphans = [o for o in repro if o.family is None]
    if orphans:
        lines += ["", "## Reproductions outside every registered family", ""] + _case_rows(orphans)
    if others:
        lines += ["", "## Definitions and regressions (not counted as validation)", "",
                  "These check that the code says what its documentation says, or that one of our "
                  "own figures has not moved; they are not evidence that a model is right.", ""]
        lines += _case_rows(others)
    _write(OUT / "validation.md", "\n".join(lines))


# --- CLI reference ----------------------------------------------------------------------

def _param_rows(command, ctx) -> list[str]:
    rows = ["| argument or option | type | default | description |", "|---|---|---|---|"]
    for param in command.params:
        if param.param_type_name == "argument":
            name = f"`{param.name.upper()}`"
        else:
            name = ", ".join(f"`{o}`" for o in param.opts + param.secondary_opts)
        is_flag = bool(getattr(param, "is_flag", False))
        try:
            kind = "flag" if is_flag else str(param.display_type(ctx)).strip("<>")
        except Exception:  # noqa: BLE001 - a display nicety; the help text is what matters
            kind = ""
        default = param.default
        shown = "" if default is None or callable(default) or (is_flag and default is False) else f"`{default}`"
        rows.append(f"| {name} | {_cell(kind)} | {_cell(shown)} | {_cell(param.help or '')} |")
    return rows


def cli_page() -> None:
    import typer

    from moonbase.cli import app

    root = typer.main.get_command(app)
    lines = ["# Command-line reference", "",
             "Generated from the `moonbase` application itself. Every command accepts `--help`, "
             "exits 0 on success, 2 on bad input (one line naming the field, the value and what "
             "is expected) and 1 on an internal error; analysis commands take `--json`.", ""]

    def walk(command, path: list[str], depth: int) -> None:
        ctx = command.make_context(" ".join(path), [], resilient_parsing=True)
        heading = "#" * min(depth + 2, 4)
        lines.extend([f"{heading} `{' '.join(path)}`", ""])
        if command.help:
            lines.extend([command.help.strip(), ""])
        pieces = " ".join(command.collect_usage_pieces(ctx))
        lines.extend(["```text", f"{' '.join(path)} {pieces}".rstrip(), "```", ""])
        if command.params:
            lines.extend(_param_rows(command, ctx) + [""])
        if isinstance(getattr(command, "commands", None), dict):  # a group (typer may use its own click)
            for name in sorted(command.commands):
                walk(command.commands[name], path + [name], depth + 1)

    walk(root, ["moonbase"], 0)
    _write(OUT / "cli.md", "\n".join(lines))


# --- API reference ----------------------------------------------------------------------

def api_pages() -> list[str]:
    import moonbase
    from moonbase.validation.validity import FAMILIES

    on_family_page = {m: f.key for f in FAMILIES for m in f.modules}
    modules = sorted(m.name for m in pkgutil.walk_packages(moonbase.__path__, "moonbase.")
                     if not m.ispkg and "presets" not in m.name)
    index = ["# Python API", "",
             "Model functions are documented on their [model family pages](../models/index.md); "
             "every other module is here, one page per package.", "",
             "| package | content |", "|---|---|",
             "| [moonbase (top level)](top_level.md) | errors, constants, domain checks, the CLI root |"]
    written = ["top_level"]
    page = ["# moonbase (top level)", ""]
    for name in API_TOP_LEVEL:
        page += [f"::: {name}", "    options:", "      show_root_heading: true", ""]
    _write(OUT / "api" / "top_level.md", "\n".join(page))
    for group, description in API_GROUPS:
        mine = [m for m in modules if m.startswith(f"moonbase.{group}.") and m not in on_family_page]
        if not mine:
            continue
        page = [f"# moonbase.{group}", "", description + ".", ""]
        moved = sorted(m for m in on_family_page if m.startswith(f"moonbase.{group}."))
        if moved:
            page += ["Model modules of this package are on their family pages: "
                     + ", ".join(f"[`{m}`](../models/{on_family_page[m]}.md)" for m in moved) + ".", ""]
        for name in mine:
            page += [f"::: {name}", "    options:", "      show_root_heading: true", ""]
        _write(OUT / "api" / f"{group}.md", "\n".join(page))
        index.append(f"| [moonbase.{group}]({group}.md) | {description} |")
        written.append(group)
    _write(OUT / "api" / "index.md", "\n".join(index))
    return written


# --- design notes, reliability, tutorial numbers ------------------------------------------

def design_notes_page() -> None:
    lines = ["# Design notes", "",
             "Each simplification that matters has a short note: what was neglected, its size "
             "computed, and a verdict. The model docstrings link to them.", ""]
    lines += [f"- [{title}](../design/{name})" for name, title in _design_notes()]
    _write(OUT / "design_notes.md", "\n".join(lines))


def reliability_tables() -> None:
    from moonbase.validation.convergence import propagator_tolerance_convergence, timeline_step_convergence

    lines = ["### Timeline: step halving", "",
             "The `earth-orbit-only` preset to 2060 at 12, 24 and 48 steps per year (measured "
             "when this page was built; the slow test extends `alpha` to 96 steps per year):", ""]
    for study in timeline_step_convergence('base = "earth-orbit-only"\n[span]\nend_year = 2060\n', (12, 24, 48)):
        if any(study.values):
            lines += [f"**{study.quantity}**", "", study.markdown(), ""]
    lines += ["### Propagator: tolerance", "",
              "Final-position error of a geostationary test orbit after 20 days against a run at "
              "`rtol = 1e-14`:", "", propagator_tolerance_convergence().markdown(), ""]
    _write(OUT / "snippets" / "convergence.md", "\n".join(lines))


def tutorial_numbers() -> None:
    from moonbase.commands.headline import run_tables
    from moonbase.scenario.loader import load_scenario
    from moonbase.timeline.run import run
    from moonbase.validation.credibility import credibility_box
    from rich.console import Console

    scenario = load_scenario("alpha")
    result = run(scenario)
    console = Console(width=110, record=True, file=io.StringIO())
    console.print(run_tables(result.summary, None, report=False))
    text = console.export_text()
    _write(OUT / "snippets" / "alpha_headline.md", "```text\n" + text.rstrip() + "\n```")
    box = credibility_box(scenario)
    lines = ["| model family | validation | also checked by |", "|---|---|---|"]
    lines += [f"| {f['title']} | {f['status']} | {_cell(f['verification'])} |" for f in box["families"]]
    lines += ["", "Inputs outside the validated range:", ""]
    lines += [f"- {_cell(item)}" for item in box["outside"]] or ["- none"]
    _write(OUT / "snippets" / "alpha_credibility.md", "\n".join(lines))


def generate(out: Path = OUT, slow: bool = True) -> None:
    """Write every generated page under ``out`` (replacing what was there)."""
    global OUT
    OUT = Path(out)
    if OUT.exists():
        shutil.rmtree(OUT)
    from moonbase.validation.credibility import evaluate_all

    outcomes = evaluate_all()
    family_pages(outcomes)
    validation_page(outcomes)
    cli_page()
    api_pages()
    design_notes_page()
    if slow:
        reliability_tables()
        tutorial_numbers()
    else:  # placeholders keep every page and include in place
        _write(OUT / "snippets" / "convergence.md", "*(convergence tables are measured by a full build)*")
        _write(OUT / "snippets" / "alpha_headline.md", "*(the alpha headline is computed by a full build)*")
        _write(OUT / "snippets" / "alpha_credibility.md", "*(the credibility box is computed by a full build)*")


if __name__ == "__main__":
    generate(slow="--fast" not in sys.argv[1:])
    print(f"wrote {sum(1 for _ in OUT.rglob('*.md'))} pages under {OUT.relative_to(ROOT)}")
