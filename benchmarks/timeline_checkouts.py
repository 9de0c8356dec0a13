"""Side by side: the timeline's speed in two source trees (e.g. before and after a restructuring).

    .venv/bin/python benchmarks/timeline_checkouts.py OLD_SRC NEW_SRC [--samples 1000] [--rounds 3]

Each round runs a fresh process per tree, alternating, so both see the same machine load; each
process warms up (compiles or loads its kernels), then reports the best of 5 runs of ``alpha``
with ``--samples`` identical samples (2026-2100, monthly). Prints both times and their ratio.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

#: Run inside each tree: its own flattener (moonbase.scenario.params, or timeline.params before the move).
_PROBE = """
import time
from moonbase.scenario.loader import load_scenario
from moonbase.timeline.run import run
try:
    from moonbase.scenario.params import timeline_params
except ImportError:
    from moonbase.timeline.params import timeline_params
scenario = load_scenario("alpha")
run(scenario)
params = timeline_params(scenario, {samples})
best = min(_time(lambda: run(scenario, samples={samples}, params=params)) for _ in range(5))
print(best)
"""


def _seconds(src: str, samples: int) -> float:
    code = ("import time\ndef _time(f):\n    t = time.perf_counter(); f(); return time.perf_counter() - t\n"
            + _PROBE.format(samples=samples))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={"PYTHONPATH": src, "PATH": "/usr/bin:/bin"})
    return float(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old_src")
    parser.add_argument("new_src")
    parser.add_argument("--samples", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print(f"alpha, {args.samples} samples, best of 5 per process")
    for round_ in range(args.rounds):
        old, new = _seconds(args.old_src, args.samples), _seconds(args.new_src, args.samples)
        print(f"round {round_ + 1}: old {old:.3f} s   new {new:.3f} s   new/old {new / old:.2f}")


if __name__ == "__main__":
    main()
