"""``moonbase economics``: levelized cost of compute by tier, crossovers with Earth baselines, investor view."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.table import Table

from moonbase.commands.common import err_console, out_console, print_json, si_text, user_errors, whole_words


def _p50(entry: Any) -> Any:
    return entry.get("p50") if isinstance(entry, dict) else entry


def _money(value: Any, digits: int = 3) -> str:
    value = _p50(value)
    return "-" if value is None else f"{value:,.{digits}g}"


def _year(value: Any, end_year: int) -> str:
    value = _p50(value)
    return f"not by {end_year}" if value is None else f"{value:.0f}"


def _short_tier(tier: str) -> str:
    return tier.removeprefix("ground:").replace("earth_orbit", "Earth orbit").replace("deep_space", "deep space")


#: Below this terminal width the line items of Earth and of space tiers are two tables, and
#: hyphenated names break after their hyphens.
_ONE_BREAKDOWN_MIN_COLUMNS = 110


def _name_cell(text: str, width: int) -> str:
    """A hyphenated name on one line, or broken after its hyphens on a narrow terminal."""
    return text.replace("-", "-\n") if width < _ONE_BREAKDOWN_MIN_COLUMNS else text


def _lcoc_table(overview: dict[str, Any], width: int) -> Table:
    table = Table(title=f"levelized cost of compute, hardware of {overview['year']} "
                        f"(WACC {_p50(overview['wacc_per_year']):.2%})", header_style="bold")
    for column in ("tier", "USD per\nPFLOP-day", "USD per\nGPU-h eq.", "USD per\nMWh", "delivered", "binding"):
        table.add_column(column, justify="left" if column in ("tier", "binding") else "right",
                         no_wrap=column in ("tier", "binding"))
    for tier, e in overview["lcoc"].items():
        share = e["usd_per_pflop_day"].get("fraction_finite", 1.0) if isinstance(e["usd_per_pflop_day"], dict) else 1.0
        name = _short_tier(tier) + (f"\n({share:.0%} of samples)" if share < 1.0 else "")
        table.add_row(_name_cell(name, width), _money(e["usd_per_pflop_day"]), _money(e["usd_per_gpu_hour"]),
                      _money(e["usd_per_mwh"], 4), f"{_p50(e['delivered_fraction']):.0%}", e["binding"])
    return table


def _breakdown_tables(overview: dict[str, Any], width: int) -> list[Table]:
    tiers = list(overview["lcoc"])
    items: list[str] = []
    for e in overview["lcoc"].values():
        items += [k for k in e["breakdown_usd_per_pflop_day"] if k not in items]
    groups = [tiers]
    if width < _ONE_BREAKDOWN_MIN_COLUMNS:
        groups = [g for g in ([t for t in tiers if t.startswith("ground:")],
                              [t for t in tiers if not t.startswith("ground:")]) if g]
    tables = []
    for k, group in enumerate(groups):
        table = Table(title="line items [USD per delivered PFLOP-day]" if k == 0 else None, header_style="bold")
        table.add_column("item", no_wrap=True)
        for tier in group:  # one word per header line, so narrow terminals show every name whole
            table.add_column(_short_tier(tier).replace("-", "-\n").replace(" ", "\n"), justify="right")
        for item in items:
            values = [_p50(overview["lcoc"][t]["breakdown_usd_per_pflop_day"].get(item)) for t in group]
            if all(v in (None, 0.0) for v in values):
                continue
            table.add_row(item.replace("_", " "), *("-" if v is None else f"{v:.3g}" for v in values))
        tables.append(whole_words(table))
    return tables


def _per_delivered_table(overview: dict[str, Any]) -> Table | None:
    """The deep-space route per delivered PFLOP-day, two views: Earth cash and the lunar resource ledger."""
    d = overview["deep_space_per_delivered"]
    cash, res = d["earth_cash_usd_per_pflop_day"], d["lunar_resources_per_pflop_day"]
    if _p50(cash["total"]) is None:
        return None
    items = sorted(((k, _p50(v) or 0.0) for k, v in cash.items() if k != "total"), key=lambda kv: -kv[1])
    largest = ", ".join(f"{k.replace('_', ' ')} {v:.2g}" for k, v in items[:2] if v > 0.0)
    energy, drawn = _p50(res["energy_j"]), _p50(res["mass_driver_energy_j"]) + _p50(res["fab_energy_j"])
    table = Table(title=f"deep space to {d['year']}, per delivered PFLOP-day (undiscounted; every item: --json)",
                  header_style="bold")
    table.add_column("view")
    table.add_column("per PFLOP-day", justify="right")
    table.add_column("of which")
    table.add_row("Earth cash", f"{_money(cash['total'])} USD", largest)
    table.add_row("lunar mass", f"{_money(res['fired_mass_kg'])} kg fired", f"{_money(res['regolith_mined_kg'])} kg regolith mined")
    table.add_row("lunar energy", f"{energy / 3.6e6:.3g} kWh", f"drivers and fabs {drawn / energy:.1%}" if energy else "")
    table.add_row("labour", f"{_money(res['labour_hours'])} person-h", f"{_money(res['teleoperator_hours'])} teleoperator-h on Earth")
    table.add_row("land", f"{_money(res['land_m2_yr'])} m2 yr", "power plant and radiators")
    return whole_words(table)


def _crossover_table(overview: dict[str, Any], end_year: int) -> Table:
    c = overview["crossover"]
    table = Table(title=f"crossover with Earth baselines (break-even values in {c['in_year']}; timeline launch price "
                        f"{_money(c['timeline_launch_price_usd_per_kg'])} USD/kg)", header_style="bold")
    for column in ("Earth baseline", "Earth orbit crosses", "deep space crosses", "break-even launch USD/kg",
                   "break-even bus USD/kg", "break-even W/kg"):
        column = column.replace("break-even", "break-\neven") if out_console.width < _ONE_BREAKDOWN_MIN_COLUMNS else column
        table.add_column(column, justify="left" if column == "Earth baseline" else "right")
    for name in c["breakeven_launch_price_usd_per_kg"]:
        launch = _p50(c["breakeven_launch_price_usd_per_kg"][name])
        bus = _p50(c["breakeven_bus_cost_usd_per_kg"][name])
        sp = _p50(c["breakeven_specific_power_w_kg"][name])
        table.add_row(_name_cell(name, out_console.width), _year(c["crossover_year"].get(f"earth_orbit:{name}"), end_year),
                      _year(c["crossover_year"].get(f"deep_space:{name}"), end_year),
                      "none" if launch is None or launch < 0 else f"{launch:,.0f}",
                      "none" if bus is None or bus < 0 else f"{bus:,.0f}",
                      "none" if sp is None or sp == float("inf") else f"{sp:,.0f}")
    return table


def _investor_table(overview: dict[str, Any], end_year: int) -> Table:
    table = Table(title="investor view (compute sold at the price baseline's LCOC; no terminal value)",
                  header_style="bold")
    for column in ("scenario", "NPV", "IRR", "payback", "peak funding", "cumulative capex"):
        table.add_column(column, justify="left" if column == "scenario" else "right")
    for name, v in overview["investor"].items():
        irr = _p50(v["irr_per_year"])
        table.add_row(_name_cell(name, out_console.width), si_text(_p50(v["npv_usd"]), "USD"), "-" if irr is None else f"{irr:.1%}",
                      _year(v["payback_year"], end_year), si_text(_p50(v["peak_funding_usd"]), "USD"),
                      si_text(_p50(v["cumulative_capex_usd"]), "USD"))
    return table


def _charts(staging: Path, paths: dict[str, list], funding: dict[str, Any]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 5))
    for key, values in paths.items():
        if key.endswith("_usd_per_pflop_day"):
            ax.plot(paths["year"], [float("nan") if v is None else v for v in values],
                    label=key.removesuffix("_usd_per_pflop_day"), linestyle="--" if key.startswith("ground") else "-")
    ax.set_yscale("log")
    ax.set_xlabel("year (hardware vintage)")
    ax.set_ylabel("levelized cost [USD per delivered PFLOP-day]")
    ax.legend(fontsize=8)
    ax.grid(True, alpha=0.3)
    fig.tight_layout()
    fig.savefig(staging / "lcoc_paths.png", dpi=120)
    plt.close(fig)
    fig, ax = plt.subplots(figsize=(8, 5))
    for name, series in funding.items():
        ax.plot(series["year"], [v / 1e12 for v in series["cumulative_cash_usd"]], label=f"{name}: cumulative cash")
        ax.plot(series["year"], [v / 1e12 for v in series["cumulative_capex_usd"]], linestyle=":",
                label=f"{name}: cumulative capex")
    ax.axhline(0.0, color="black", linewidth=0.8)
    ax.set_xlabel("year")
    ax.set_ylabel("trillion USD (2025)")
    ax.legend(fontsize=8)
    ax.grid(True, alpha=0.3)
    fig.tight_layout()
    fig.savefig(staging / "funding_curve.png", dpi=120)
    plt.close(fig)


def _write(out: Path, overview: dict[str, Any], paths: dict[str, list], funding: dict[str, Any]) -> Path:
    from moonbase.execution.output_dir import staged_output_dir

    with staged_output_dir(out) as staging:
        (staging / "economics.json").write_text(json.dumps(overview, indent=2) + "\n", encoding="utf-8")
        lines = [",".join(paths)] + [",".join("" if paths[k][i] is None else repr(paths[k][i]) for k in paths)
                                     for i in range(len(paths["year"]))]
        (staging / "lcoc_paths.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        (staging / "funding.json").write_text(json.dumps(funding, indent=2) + "\n", encoding="utf-8")
        _charts(staging, paths, funding)
    return out


def _run(name: str, samples: int, seed: int):
    from moonbase.scenario.loader import load_scenario
    from moonbase.timeline.run import run

    scenario = load_scenario(name)
    params = None
    if samples > 1:
        from moonbase.analysis.montecarlo import chunk_params, draw_inputs

        params = chunk_params(scenario, draw_inputs(scenario, samples, seed), samples)
    return run(scenario, samples=samples, seed=seed, params=params)


def register(app: typer.Typer) -> None:
    """Add ``moonbase economics`` to the root app."""

    @app.command("economics")
    def economics(
        scenario: Annotated[str, typer.Argument(help="A preset name (alpha, earth-orbit-only, ...) or a TOML file.")] = "alpha",
        baseline: Annotated[Optional[list[str]], typer.Option(
            "--baseline", help="Earth baseline to compare with (repeatable; a name or a .toml file). Default: all of "
                               "hyperscale-grid, grid-constrained, onsite-gas, renewables-storage.")] = None,
        alternative: Annotated[Optional[str], typer.Option(
            "--alternative", help="Second scenario for the investor comparison (default earth-orbit-only when the "
                                  "scenario has a lunar route; 'none' to skip).")] = None,
        year: Annotated[Optional[int], typer.Option("--year", help="Hardware vintage of the LCOC table (default 2030).")] = None,
        samples: Annotated[int, typer.Option("--samples", min=1, max=10_000, help="Monte Carlo samples (P10/P50/P90).")] = 1,
        seed: Annotated[int, typer.Option("--seed", min=0, help="Random seed of the samples.")] = 0,
        as_json: Annotated[bool, typer.Option("--json", help="Print the economics as JSON on stdout.")] = False,
        out: Annotated[Optional[Path], typer.Option("--out", help="Folder to write economics.json, lcoc_paths.csv, "
                                                                  "funding.json and PNG charts (all or nothing).")] = None,
    ) -> None:
        """Levelized cost of compute for every tier, when each crosses each Earth baseline, and the investor view.

        LCOC is reported per delivered PFLOP-day, per H100-hour equivalent and per MWh of compute
        power, with its line items; crossovers use the timeline's Wright's-law launch price and a
        bus cost learning on satellites built. Every economic default is listed with its source
        (moonbase provenance).
        """
        with user_errors():
            from moonbase.economics.earth_baselines import load_baseline
            from moonbase.errors import ScenarioError
            from moonbase.scenario.loader import load_scenario

            loaded = load_scenario(scenario)
            names = list(baseline) if baseline else None
            for name in names or []:
                load_baseline(name)
            if year is not None and not loaded.span.start_year <= year <= loaded.span.end_year:
                raise ScenarioError(f"--year = {year} is outside the scenario's span "
                                    f"{loaded.span.start_year}-{loaded.span.end_year}.")
            if out is not None:
                from moonbase.execution.output_dir import check_out_dir

                check_out_dir(out)
            other = alternative
            if other is None:
                other = "earth-orbit-only" if loaded.lunar.enabled and loaded.deep_space.enabled else "none"
            if other != "none":
                load_scenario(other)
            from moonbase.economics.crossover import crossover_analysis
            from moonbase.economics.earth_baselines import baseline_names
            from moonbase.economics.investor import investor_view
            from moonbase.economics.overview import economics_overview, lcoc_paths_table

            result = _run(scenario, samples, seed)
            alt = None if other == "none" else _run(other, samples, seed)
            chosen = [load_baseline(n).name if not n.endswith(".toml") else n for n in names] if names else None
            overview = economics_overview(result, year, chosen, alt)
            written = None
            if out is not None:
                paths = lcoc_paths_table(crossover_analysis(result, tuple(chosen or baseline_names())))
                funding = {}
                for r in (result, alt):
                    if r is None:
                        continue
                    v = investor_view(r)
                    funding[r.scenario.name] = {
                        "year": [int(y) for y in v.years],
                        "cumulative_cash_usd": [float(x) for x in v.cumulative_cash_usd.mean(axis=0)],
                        "cumulative_capex_usd": [float(x) for x in v.cumulative_capex_usd.mean(axis=0)],
                        "funding_need_usd": [float(x) for x in v.funding_need_usd.mean(axis=0)]}
                written = _write(Path(out), overview, paths, funding)
        if as_json:
            print_json(overview)
            return
        out_console.print(whole_words(_lcoc_table(overview, out_console.width)))
        if loaded.deep_space.enabled and "deep_space" not in overview["lcoc"]:
            out_console.print(f"deep space: no row - its satellites are not made by {overview['year']} in "
                              f"{'any sample' if overview['samples'] > 1 else 'this run'}; try a later --year.",
                              markup=False, highlight=False)
        if overview["samples"] > 1:
            out_console.print(f"values are P50 of {overview['samples']} samples (of those where the tier exists); "
                              "P10/P90 of every value: --json",
                              markup=False, highlight=False)
        for table in _breakdown_tables(overview, out_console.width):
            out_console.print(table)
        delivered = _per_delivered_table(overview)
        if delivered is not None:
            out_console.print(delivered)
        end_year = loaded.span.end_year
        for table in (_crossover_table(overview, end_year), _investor_table(overview, end_year)):
            for column in whole_words(table).columns[1:]:
                column.max_width = 10  # room for the names: "constrained", "renewables-" whole
            out_console.print(table)
        out_console.print(f"{len(overview['provenance'])} economic defaults used, each with source, date and "
                          "confidence: moonbase provenance (or --json).", markup=False, highlight=False)
        if written is not None:
            err_console.print(f"wrote {written}", markup=False, highlight=False)
