"""``moonbase provenance``: every economic default with value, unit, source, date and confidence."""

from __future__ import annotations

from typing import Annotated, Optional

import typer
from rich.table import Table

from moonbase.commands.common import out_console, print_json, user_errors


def register(app: typer.Typer) -> None:
    """Add ``moonbase provenance`` to the root app."""

    @app.command("provenance")
    def provenance(
        scenario: Annotated[str, typer.Argument(help="Scenario whose [finance] values to show (preset or TOML).")] = "alpha",
        confidence: Annotated[Optional[str], typer.Option(
            "--confidence", help="Show only defaults of this confidence: high, medium or low.")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the list as JSON on stdout.")] = False,
    ) -> None:
        """List every economic default: the Earth baselines' parameters, the scenario's [finance]
        section and the units of compute, each with value, unit, source, date and confidence."""
        with user_errors():
            from moonbase.economics.provenance import CONFIDENCE_LEVELS, registered, scenario_section_defaults
            from moonbase.errors import ScenarioError
            from moonbase.scenario.loader import load_scenario

            if confidence is not None and confidence not in CONFIDENCE_LEVELS:
                raise ScenarioError(f"--confidence = {confidence!r} is unknown; choose one of: "
                                    f"{', '.join(CONFIDENCE_LEVELS)}.")
            loaded = load_scenario(scenario)
            entries = [*scenario_section_defaults(loaded.finance, "finance"), *registered()]
            if confidence is not None:
                entries = [e for e in entries if e.confidence == confidence]
        if as_json:
            print_json([e.as_dict() for e in entries])
            return
        table = Table(title=f"economic defaults ({len(entries)}; scenario {loaded.name})", header_style="bold")
        for column in ("key", "value", "confidence", "date", "source"):
            table.add_column(column, overflow="fold")
        for e in entries:
            table.add_row(e.key, e.text, e.confidence, e.date, e.source)
        out_console.print(table)
