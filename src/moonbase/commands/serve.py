"""``moonbase serve``: the web explorer (HTTP API and single page) on a local port."""

from __future__ import annotations

import socket
import sys
from pathlib import Path
from typing import Annotated

import typer

from moonbase.commands.common import err_console, out_console

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
WILDCARD_HOSTS = ("0.0.0.0", "::", "")
SWITCH_INTERVAL_S = 0.001  # Python's default is 0.005 s


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to bind; loopback by default (use 0.0.0.0 and "
                                                     "--allowed-host NAME to share on your network, at your own risk: "
                                                     "there is no login).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port.")] = 8000,
    store: Annotated[Path, typer.Option("--store", help="Results store folder: runs are kept here and survive "
                                                        "restarts.")] = Path("runs") / "web",
    workers: Annotated[int, typer.Option("--workers", min=1, max=64, help="Runs executed at once (processes).")] = 2,
    max_runs: Annotated[int, typer.Option("--max-runs", min=1, max=1000,
                                          help="Runs queued or running at once; more are answered 429.")] = 8,
    max_body: Annotated[int, typer.Option("--max-body", min=1024, max=100_000_000,
                                          help="Largest request body in bytes; larger ones are answered 413.")] = 1_000_000,
    allowed_host: Annotated[list[str], typer.Option(
        "--allowed-host", help="A host name the server answers to besides localhost, 127.0.0.1, ::1 and --host "
                               "(repeat for more); requests naming any other host are refused.")] = [],  # noqa: B006
) -> None:
    """Serve the web explorer: pick a preset, edit, run, see the charts, compare runs; API at /docs."""
    try:
        import uvicorn

        from moonbase.web.app import WebSettings, create_app
    except ImportError as exc:
        err_console.print(f"error: moonbase serve needs the web extra ({exc.name} is missing); install it with "
                          "pip install 'moonbase[web]'.", markup=False, highlight=False)
        raise typer.Exit(2) from None
    if store.exists() and not store.is_dir():
        err_console.print(f"error: --store = {str(store)!r} is a file; expected a folder.", markup=False,
                          highlight=False)
        raise typer.Exit(2)
    problem = _store_problem(store)
    if problem:
        err_console.print(f"error: --store = {str(store)!r} cannot be used: {problem}", markup=False,
                          highlight=False)
        raise typer.Exit(2)
    problem = _port_problem(host, port)
    if problem:
        err_console.print(f"error: cannot listen on {host}:{port} ({problem}); choose another --host or --port.",
                          markup=False, highlight=False)
        raise typer.Exit(2)
    named = tuple(allowed_host) + (() if host in WILDCARD_HOSTS else (host,))
    app = create_app(WebSettings(store_dir=store, workers=workers, max_active_runs=max_runs, max_body_bytes=max_body,
                                 allowed_hosts=named))
    shown = f"[{host}]" if ":" in host else host
    out_console.print(f"moonbase web explorer on http://{shown}:{port}/  (API docs: /docs; runs kept in {store})",
                      markup=False, highlight=False)
    if host not in LOOPBACK_HOSTS:
        err_console.print(f"warning: --host {host} exposes the explorer beyond this machine; it has no login "
                          "(it answers only requests naming localhost, --host or an --allowed-host).",
                          markup=False, highlight=False)
    # input checks run in reader threads: a short switch interval keeps the event loop answering meanwhile
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _store_problem(store: Path) -> str:
    """Why the results store cannot be used ("" when it can): not creatable, not writable, or owned."""
    from moonbase.errors import MoonbaseError
    from moonbase.web.store import RunStore

    try:
        runs = RunStore(store)
        runs.check_writable()
        runs.lock().release()
    except MoonbaseError as exc:
        return str(exc)
    return ""


def _port_problem(host: str, port: int) -> str:
    """Why ``host:port`` cannot be bound ("" when it can), checked before the server starts."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        return f"unknown host: {exc.strerror}"
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            return exc.strerror or str(exc)
    return ""


def register(app: typer.Typer) -> None:
    """Add ``moonbase serve`` to the root command."""
    app.command("serve")(serve)
