"""``moonbase explain [LABEL]``: what a binding label means and which inputs move it."""

from __future__ import annotations

from typing import Annotated, Optional

import typer
from rich.table import Table
from rich.text import Text

from moonbase.commands.common import out_console, print_json, user_errors
from moonbase.errors import ScenarioError
from moonbase.results.binding_glossary import all_labels, explanations


def register(app: typer.Typer) -> None:
    """Add the ``explain`` command to the root app."""
    app.command("explain")(explain)


def explain(
    label: Annotated[Optional[str], typer.Argument(help="A label from 'what limits growth' (e.g. driver_fleet); none: every label.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the explanations as JSON.")] = False,
) -> None:
    """Define the labels that say what limits each tier's growth, and name the inputs that move them."""
    chosen = explanations()
    with user_errors():
        if label is not None:
            key = label.strip().replace(" ", "_").replace("-", "_").lower()
            chosen = [e for e in chosen if e.label == key]
            if not chosen:
                raise ScenarioError(f"LABEL = {label!r} is not a binding label; choose one of: "
                                    f"{', '.join(all_labels())}.")
    if as_json:
        print_json([{"tier": e.tier, "label": e.label, "meaning": e.meaning, "inputs": list(e.inputs)}
                    for e in chosen])
        return
    table = Table(title="what limits growth: the labels" if label is None else f"what '{chosen[0].label}' means",
                  show_header=True, header_style="bold", show_lines=True)
    table.add_column("tier", no_wrap=True)
    table.add_column("label", no_wrap=True)
    table.add_column("meaning, and the inputs that move it (moonbase scenario show PRESET)")
    for e in chosen:
        body = Text(e.meaning)
        body.append("\ninputs: " + ", ".join(e.inputs), style="dim")
        table.add_row(Text(e.tier.replace("_", " ")), Text(e.label), body)
    out_console.print(table)
