"""``moonbase validate``: run every published validation case and show the evidence."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.table import Table

from moonbase.commands.common import out_console, print_json, user_errors


def _rows(directory: Path | None) -> list[dict[str, Any]]:
    from moonbase.validation.credibility import evaluate_all

    rows = []
    for outcome in evaluate_all(directory):
        case = outcome.case
        rows.append({
            "case": case.id, "family": outcome.family, "source": case.source, "model": case.model,
            "quantity": case.quantity, "expected": case.expected,
            "tolerance": {"rel": case.rel_tolerance, "abs": case.abs_tolerance},
            "tolerance_note": case.tolerance_note, "file": case.file,
            "obtained": outcome.obtained, "relative_error": outcome.relative_error, "passed": outcome.passed,
            "error": outcome.error,
        })
    return rows


def _tolerance_text(row: dict[str, Any]) -> str:
    tolerance = row["tolerance"]
    return f"{tolerance['rel'] * 100:.3g}%" if tolerance["rel"] else f"±{tolerance['abs']:.3g}"


def _family_counts(rows: list[dict[str, Any]]) -> list[tuple[str, str, int, int]]:
    from moonbase.validation.validity import FAMILIES

    counts = []
    for fam in FAMILIES:
        mine = [r for r in rows if r["family"] == fam.key]
        counts.append((fam.key, fam.title, sum(r["passed"] for r in mine), len(mine)))
    orphans = [r for r in rows if r["family"] is None]
    if orphans:
        counts.append(("-", "not in a registered family", sum(r["passed"] for r in orphans), len(orphans)))
    return counts


def markdown_table(rows: list[dict[str, Any]]) -> str:
    """The cases as a Markdown table (case, source, expected, obtained, error, tolerance, result)."""
    lines = ["| case | source | expected | obtained | rel. error | tolerance | result |",
             "|---|---|---:|---:|---:|---:|---|"]
    for r in rows:
        source = r["source"].replace("|", "/")
        obtained = "error" if r["obtained"] is None else f"{r['obtained']:.6g}"
        error = "-" if r["relative_error"] is None else f"{r['relative_error']:.3%}"
        verdict = "pass" if r["passed"] else f"**FAIL**{': ' + r['error'] if r['error'] else ''}"
        lines.append(f"| `{r['case']}` | {source} | {r['expected']:.6g} | {obtained} | {error} | "
                     f"{_tolerance_text(r)} | {verdict} |")
    return "\n".join(lines) + "\n"


def validate(
    cases: Annotated[Optional[Path], typer.Option("--cases", help="Folder of case files (default: validation/).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as a JSON list.")] = False,
    only: Annotated[Optional[str], typer.Option("--only", help="Run only cases whose id contains this text.")] = None,
    family: Annotated[Optional[str], typer.Option("--family", help="Run only the cases of one model family (e.g. launch, mass_driver).")] = None,
    by_family: Annotated[bool, typer.Option("--by-family", help="Print passing / total cases per model family instead of every case.")] = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print the table as Markdown (for the documentation).")] = False,
) -> None:
    """Run every published case in validation/; exit 1 if any fails."""
    from moonbase.validation.validity import FAMILIES

    with user_errors():
        if family is not None and family not in {f.key for f in FAMILIES}:
            from moonbase.errors import ScenarioError

            raise ScenarioError(f"--family = {family!r} is unknown; choose one of: "
                                f"{', '.join(f.key for f in FAMILIES)}.")
        rows = _rows(cases)
    if only:
        rows = [r for r in rows if only in r["case"]]
    if family:
        rows = [r for r in rows if r["family"] == family]
    failed = [r for r in rows if not r["passed"]]
    if as_json:
        if by_family:
            print_json([{"family": key, "title": title, "passed": passed, "total": total}
                        for key, title, passed, total in _family_counts(rows)])
        else:
            print_json(rows)
    elif markdown:
        sys.stdout.write(markdown_table(rows))
    elif by_family:
        table = Table(title=f"moonbase validate: {len(rows) - len(failed)}/{len(rows)} published cases pass",
                      header_style="bold")
        for name, justify in (("family", "left"), ("model family", "left"), ("pass", "right"), ("cases", "right")):
            table.add_column(name, justify=justify)
        for key, title, passed, total in _family_counts(rows):
            table.add_row(key, title, str(passed), str(total))
        out_console.print(table)
    else:
        table = Table(title=f"moonbase validate: {len(rows) - len(failed)}/{len(rows)} published cases pass",
                      header_style="bold")
        for name, justify in (("case", "left"), ("source", "left"), ("expected", "right"), ("obtained", "right"),
                              ("rel. error", "right"), ("tol.", "right"), ("", "center")):
            table.add_column(name, justify=justify, overflow="fold")
        for r in rows:
            table.add_row(
                r["case"], r["source"][:60] + ("..." if len(r["source"]) > 60 else ""),
                f"{r['expected']:.6g}", "error" if r["obtained"] is None else f"{r['obtained']:.6g}",
                "-" if r["relative_error"] is None else f"{r['relative_error']:.3%}", _tolerance_text(r),
                "[green]pass[/green]" if r["passed"] else "[red]FAIL[/red]")
        wide = Console(width=max(out_console.width, 180)) if not out_console.is_terminal else out_console
        wide.print(table)
    if failed and not as_json and not markdown:
        for r in failed:
            out_console.print(f"FAIL {r['case']}: {r['error'] or 'outside tolerance'}", markup=False)
    if failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add ``moonbase validate`` to the root command."""
    app.command("validate")(validate)
