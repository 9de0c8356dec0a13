"""``claims.html``: one self-contained page, one section per claim with its figure.

A series claim's figure draws the model's P10-P90 band and median of the claim's quantity
by year against the claim's target (a horizontal line) and its year (a vertical line); a
figure claim's draws the claimed number beside the model's. plotly.js is embedded once,
inline: the page loads nothing from the internet.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio
import plotly.offline

__all__ = ["claim_figure", "claims_page", "write_claims_page"]

VERDICT_COLOURS = {"consistent": "#009E73", "optimistic": "#E69F00", "not by 2100": "#D55E00",
                   "physically impossible": "#CC3311", "unverifiable": "#777777"}
BAND_COLOUR = "#0072B2"


def claim_figure(entry: dict[str, Any]) -> go.Figure | None:
    """The figure of one claim's entry (None for a claim with nothing to draw)."""
    spec = entry.get("figure")
    if not spec:
        return None
    figure = go.Figure()
    if spec["type"] == "band":
        years = spec["years"]
        figure.add_trace(go.Scatter(x=years + years[::-1], y=spec["p90"] + spec["p10"][::-1], fill="toself",
                                    fillcolor="rgba(0,114,178,0.2)", line={"width": 0}, name="model P10-P90"))
        figure.add_trace(go.Scatter(x=years, y=spec["p50"], line={"color": BAND_COLOUR}, name="model median"))
        figure.add_hline(y=spec["threshold"], line={"color": "#CC3311", "dash": "dash"},
                         annotation_text=f"claim: {entry['claimed_value']:g} {entry['unit']}".strip(),
                         annotation_position="top left")
        figure.add_vline(x=spec["by_year"], line={"color": "#555555", "dash": "dot"},
                         annotation_text=f"by {spec['by_year']}")
        positive = all(v > 0 for v in spec["p10"] + [spec["threshold"]]) if spec["threshold"] > 0 else False
        figure.update_layout(xaxis_title="year", yaxis_title=spec["column"],
                             yaxis_type="log" if positive and max(spec["p90"]) > 100 * max(min(spec["p10"]), 1e-30)
                             else "linear")
    else:
        figure.add_trace(go.Bar(x=["claimed", "model"], y=[spec["claimed"], spec["model"]],
                                marker_color=["#CC3311", BAND_COLOUR]))
        figure.update_layout(yaxis_title=spec["unit"] or "[-]")
    figure.update_layout(template="none", height=360, margin={"l": 70, "r": 20, "t": 30, "b": 50},
                         paper_bgcolor="white", plot_bgcolor="white", legend={"orientation": "h"})
    return figure


def _rows(items: list[dict[str, Any]], keys: tuple[str, ...]) -> str:
    head = "".join(f"<th>{html.escape(k)}</th>" for k in keys)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(_text(row.get(k)))}</td>" for k in keys) + "</tr>"
                   for row in items)
    return f"<table><tr>{head}</tr>{body}</table>" if items else "<p>none</p>"


def _text(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.4g}"
    return str(value)


def _section(entry: dict[str, Any]) -> str:
    colour = VERDICT_COLOURS.get(entry["verdict"], "#333333")
    figure = claim_figure(entry)
    plot = pio.to_html(figure, full_html=False, include_plotlyjs=False) if figure is not None else ""
    implied = [{"quantity": k, "value": v["value"], "unit": v["unit"]} for k, v in entry["implied"].items()]
    model = entry["model"]
    verified = "verified copy read" if entry["verified"] else "NOT verified"
    return (f"<section id='{html.escape(entry['id'])}'><h2>{html.escape(entry['id'])} "
            f"<span class='verdict' style='background:{colour}'>{html.escape(entry['verdict'])}</span></h2>"
            f"<p class='claim'>{html.escape(entry['claim'])}</p>"
            f"<p>{html.escape(entry['who'])}, {html.escape(entry['date'])}. Source: {html.escape(entry['source'])} "
            f"({verified}: {html.escape(entry['source_note'])})</p>"
            f"<p><b>Claimed:</b> {html.escape(entry['quantity'])} = {entry['claimed_value']:g} "
            f"{html.escape(entry['unit'])}</p><p><b>Why:</b> {html.escape(entry['why'])}</p>{plot}"
            f"<h3>What it implies (the model's arithmetic)</h3>{_rows(implied, ('quantity', 'value', 'unit'))}"
            f"<h3>Hard limits</h3>{_rows(entry['limits'], ('limit', 'value', 'needed', 'unit', 'margin'))}"
            f"<h3>The model on {html.escape(str(model.get('scenario')))}</h3>"
            f"{_rows([{k: v for k, v in model.items() if k != 'alpha'}], tuple(k for k in model if k != 'alpha'))}"
            f"<p>On alpha (fixed values): {html.escape(json.dumps(model.get('alpha')))}; 'uncertain' is "
            "alpha-uncertain's P10/P50/P90 year.</p>"
            f"<h3>What you would have to believe</h3>"
            f"{_rows(entry['believe'], ('input', 'needed', 'published', 'ratio', 'difference', 'how', 'published_source'))}"
            "</section>")


def claims_page(entries: list[dict[str, Any]], settings: dict[str, Any]) -> str:
    """The whole page as HTML text (plotly.js inline)."""
    summary = _rows([{"id": e["id"], "verdict": e["verdict"], "why": e["why"]} for e in entries],
                    ("id", "verdict", "why"))
    sections = "".join(_section(e) for e in entries)
    style = ("body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}"
             "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:3px 6px;"
             "font-size:90%;text-align:left}.verdict{color:white;padding:2px 8px;border-radius:4px;font-size:80%}"
             ".claim{font-size:110%;font-style:italic}section{border-top:2px solid #ddd;margin-top:2em}")
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>moonbase claims</title>"
            f"<style>{style}</style><script type='text/javascript'>{plotly.offline.get_plotlyjs()}</script></head>"
            f"<body><h1>Public claims about space compute, tested by the model</h1>"
            f"<p>Computed by moonbase from the model as it is now ({html.escape(json.dumps(settings))}).</p>"
            f"{summary}{sections}</body></html>")


def write_claims_page(path: Path, entries: list[dict[str, Any]], settings: dict[str, Any]) -> Path:
    """Write ``claims.html`` to ``path``; returns it."""
    path.write_text(claims_page(entries, settings), encoding="utf-8")
    return path
