"""``moonbase query RUN "SQL"``: DuckDB SQL over a run or sweep folder."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from moonbase.commands.common import out_console, user_errors

MAX_ROWS_SHOWN = 200


def register(app: typer.Typer) -> None:
    """Add the ``query`` command to the root app."""
    app.command("query")(query)


def query(
    run: Annotated[Path, typer.Argument(help="A run or sweep folder.")],
    sql: Annotated[str, typer.Argument(help="SQL over the views samples, yearly, percentiles, timeline.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print rows as a JSON list of objects.")] = False,
    csv: Annotated[bool, typer.Option("--csv", help="Print rows as CSV.")] = False,
) -> None:
    """Query the Parquet datasets of a run or sweep with DuckDB."""
    from moonbase.results.query import query_run

    with user_errors():
        table = query_run(run, sql)
    rows = table.to_pylist()
    if as_json:
        sys.stdout.write(json.dumps(rows, indent=2, default=str) + "\n")
        return
    if csv:
        import io

        import pyarrow.csv as pacsv

        sink = io.BytesIO()
        pacsv.write_csv(table, sink)
        sys.stdout.write(sink.getvalue().decode("utf-8"))
        return
    shown = Table(show_header=True, header_style="bold")
    for name in table.column_names:
        shown.add_column(name)
    for row in rows[:MAX_ROWS_SHOWN]:
        shown.add_row(*(_cell(v) for v in row.values()))
    out_console.print(shown)
    if len(rows) > MAX_ROWS_SHOWN:
        out_console.print(f"({len(rows) - MAX_ROWS_SHOWN} more rows; use --csv or --json for all)")


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.6g}"
    return "null" if value is None else str(value)  # SQL NULL: e.g. a milestone not reached

