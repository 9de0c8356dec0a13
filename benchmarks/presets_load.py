"""Benchmark: `GET /api/presets` latency with 20 concurrent clients on a real `moonbase serve`.

Starts `moonbase serve` (from each `--src` tree, so two versions can be compared side by
side) on a free loopback port with a private store, then 20 client threads each send
`--requests` requests over their own keep-alive connection, and one more thread samples
`/api/health` meanwhile. Prints p50, p95 and max latency of both. The bar of the
reliability issue: `/api/presets` p95 under 50 ms with 20 clients on 2 cores.

Run: `.venv/bin/python benchmarks/presets_load.py [--src src /path/to/other/src] [--clients 20] [--requests 25]`.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

START_TIMEOUT_S = 90.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(connection: http.client.HTTPConnection, path: str) -> float:
    started = time.perf_counter()
    connection.request("GET", path)
    answer = connection.getresponse()
    answer.read()
    assert answer.status == 200, answer.status
    return time.perf_counter() - started


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def measure(src: Path, clients: int, requests: int) -> dict[str, list[float]]:
    port = free_port()
    store = Path(tempfile.mkdtemp(prefix="moonbase-bench-")) / "store"
    env = {**os.environ, "PYTHONPATH": str(src.resolve())}
    server = subprocess.Popen([sys.executable, "-m", "moonbase.cli", "serve", "--port", str(port), "--store",
                               str(store), "--workers", "1"], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                get(http.client.HTTPConnection("127.0.0.1", port, timeout=5), "/api/health")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError(f"the server from {src} did not start") from None
                time.sleep(0.2)
        warm = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        get(warm, "/api/presets")  # first call: presets read and validated
        presets: list[float] = []
        health: list[float] = []
        done = threading.Event()

        def client() -> None:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            for _ in range(requests):
                presets.append(get(connection, "/api/presets"))

        def watch() -> None:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            while not done.is_set():
                health.append(get(connection, "/api/health"))
                time.sleep(0.05)

        watcher = threading.Thread(target=watch)
        watcher.start()
        threads = [threading.Thread(target=client) for _ in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        done.set()
        watcher.join()
        return {"presets": presets, "health": health}
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", nargs="+", type=Path, default=[Path(__file__).resolve().parents[1] / "src"])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=25, help="requests per client")
    args = parser.parse_args()
    print(f"{args.clients} clients x {args.requests} requests of GET /api/presets; os.cpu_count() = {os.cpu_count()}")
    print(f"{'source tree':40s} {'endpoint':13s} {'n':>5s} {'p50 ms':>8s} {'p95 ms':>8s} {'max ms':>8s}")
    for src in args.src:
        for endpoint, values in measure(src, args.clients, args.requests).items():
            print(f"{str(src)[-40:]:40s} {endpoint:13s} {len(values):5d} {statistics.median(values) * 1e3:8.1f} "
                  f"{percentile(values, 0.95) * 1e3:8.1f} {max(values) * 1e3:8.1f}")


if __name__ == "__main__":
    main()
