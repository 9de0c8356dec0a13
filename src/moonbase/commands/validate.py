"""``moonbase validate``: run every published validation case and show the evidence."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.table import Table

from moonbase.commands.common import out_console, print_json, user_errors


def _rows(directory: Path | None) -> list[dict[str, Any]]:
    from moonbase.validation.cases import evaluate_case, load_cases

    rows = []
    for case in load_cases(directory):
        row: dict[str, Any] = {
            "case": case.id, "source": case.source, "model": case.model, "quantity": case.quantity,
            "expected": case.expected, "tolerance": {"rel": case.rel_tolerance, "abs": case.abs_tolerance},
            "tolerance_note": case.tolerance_note, "file": case.file,
        }
        try:
            result = evaluate_case(case)
        except Exception as exc:  # noqa: BLE001 - a case that crashes is reported as failed, with why
            row.update(obtained=None, relative_error=None, passed=False, error=f"{type(exc).__name__}: {exc}")
        else:
            row.update(obtained=result.obtained, relative_error=result.relative_error, passed=result.passed,
                       error=None)
        rows.append(row)
    return rows


def validate(
    cases: Annotated[Optional[Path], typer.Option("--cases", help="Folder of case files (default: validation/).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as a JSON list.")] = False,
    only: Annotated[Optional[str], typer.Option("--only", help="Run only cases whose id contains this text.")] = None,
) -> None:
    """Run every published case in validation/; exit 1 if any fails."""
    with user_errors():
        rows = _rows(cases)
    if only:
        rows = [r for r in rows if only in r["case"]]
    failed = [r for r in rows if not r["passed"]]
    if as_json:
        print_json(rows)
    else:
        table = Table(title=f"moonbase validate: {len(rows) - len(failed)}/{len(rows)} published cases pass",
                      header_style="bold")
        for name, justify in (("case", "left"), ("source", "left"), ("expected", "right"), ("obtained", "right"),
                              ("rel. error", "right"), ("tol.", "right"), ("", "center")):
            table.add_column(name, justify=justify, overflow="fold")
        for r in rows:
            tolerance = (f"{r['tolerance']['rel'] * 100:.3g}%" if r["tolerance"]["rel"] else f"±{r['tolerance']['abs']:.3g}")
            table.add_row(
                r["case"], r["source"][:60] + ("..." if len(r["source"]) > 60 else ""),
                f"{r['expected']:.6g}", "error" if r["obtained"] is None else f"{r['obtained']:.6g}",
                "-" if r["relative_error"] is None else f"{r['relative_error']:.3%}", tolerance,
                "[green]pass[/green]" if r["passed"] else "[red]FAIL[/red]")
        wide = Console(width=max(out_console.width, 180)) if not out_console.is_terminal else out_console
        wide.print(table)
        for r in failed:
            out_console.print(f"FAIL {r['case']}: {r['error'] or 'outside tolerance'}", markup=False)
    if failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add ``moonbase validate`` to the root command."""
    app.command("validate")(validate)
