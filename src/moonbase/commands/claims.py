"""``moonbase claims``: every public claim in the ledger, tested by the model as it is now."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table

from moonbase.commands.common import (
    err_console,
    out_console,
    print_json,
    user_errors,
    whole_words,
)


def register(app: typer.Typer) -> None:
    """Add the ``claims`` command to the root app."""
    app.command("claims")(claims)


def claims(
    ids: Annotated[Optional[list[str]], typer.Option("--id", help="A claim id (repeat for more; default: every claim).")] = None,
    samples: Annotated[int, typer.Option("--samples", min=1, max=10_000, help="Draws of each scenario's [uncertainty] for the P10/P50/P90 years.")] = 32,
    seed: Annotated[int, typer.Option("--seed", min=0, help="Seed of the draws and of the optimiser.")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the claims as JSON (the claims.json schema).")] = False,
    out: Annotated[Optional[Path], typer.Option("--out", help="Folder to create with claims.json and claims.html.")] = None,
) -> None:
    """Test each public claim about space compute against the model: what it implies, the hard
    limits it meets, the model's own years, what you would have to believe, and a verdict."""
    from moonbase.claims.evaluate import Settings, evaluate_claims
    from moonbase.claims.ledger import select_claims
    from moonbase.execution.output_dir import check_out_dir, staged_output_dir

    with user_errors():
        chosen = select_claims(ids)
        if out is not None:
            check_out_dir(out)
        settings = Settings(samples=samples, seed=seed)
        entries = evaluate_claims(chosen, settings)
        if out is not None:
            from moonbase.report.claims_html import write_claims_page

            shown = {"samples": samples, "seed": seed}
            with staged_output_dir(out) as staging:
                (staging / "claims.json").write_text(json.dumps(entries, indent=2) + "\n", encoding="utf-8")
                write_claims_page(staging / "claims.html", entries, shown)
    if as_json:
        print_json(entries)
        return
    _print(entries)
    if out is not None:
        err_console.print(f"claims.json and claims.html: {out}", markup=False, highlight=False)


def _year(model: dict) -> str:
    if model.get("value") is not None:
        return f"{model['value']:,.3g} {model.get('value_unit', '')}".strip()
    if not model.get("samples"):
        return "-"
    return str(model["year_p50"]) if model["year_p50"] is not None else f"not by {model.get('end_year', 2100)}"


def _print(entries: list[dict]) -> None:
    wide = (out_console.width or 100) > 140
    table = Table(title=f"moonbase claims: {len(entries)} public claims tested by the model", header_style="bold")
    table.add_column("claim")
    table.add_column("claimed", justify="right")
    table.add_column("model (P50 year or figure)", justify="right")
    table.add_column("verdict")
    if wide:
        table.add_column("why")
    for e in entries:
        claimed = f"{e['claimed_value']:g} {e['unit']}".strip()
        row = [e["id"], claimed, _year(e["model"]), e["verdict"]]
        table.add_row(*(row + [e["why"]] if wide else row))
    whole_words(table)
    table.columns[0].min_width = max(len(e["id"]) for e in entries)
    out_console.print(table)
    if not wide:
        for e in entries:  # wrapped at the console's width, between words
            out_console.print(f"{e['id']}: {e['why']}", markup=False, highlight=False, soft_wrap=False)
