"""``moonbase serve``: help, and one-line errors for a port or store it cannot use."""

from __future__ import annotations

import socket

from typer.testing import CliRunner

from moonbase.cli import app

RUNNER = CliRunner()


def test_serve_help_names_the_options():
    result = RUNNER.invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for flag in ("--host", "--port", "--store", "--workers", "--max-runs", "--max-body", "--allowed-host"):
        assert flag in result.output
    assert "127.0.0.1" in result.output  # loopback by default


def test_serve_refuses_a_busy_port_with_one_line(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = RUNNER.invoke(app, ["serve", "--port", str(port), "--store", str(tmp_path / "store")])
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.output and "Traceback" not in result.output


def test_serve_refuses_a_file_as_store(tmp_path):
    store = tmp_path / "file"
    store.write_text("x")
    result = RUNNER.invoke(app, ["serve", "--store", str(store)])
    assert result.exit_code == 2 and "--store" in result.output


def test_serve_bad_port_is_exit_2():
    assert RUNNER.invoke(app, ["serve", "--port", "70000"]).exit_code == 2
