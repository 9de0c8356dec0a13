"""``moonbase run --samples N`` with N > 1: Monte Carlo over the scenario's distributions.

Called by the ``run`` command; not a command of its own.
"""

from __future__ import annotations

from pathlib import Path

from moonbase.commands.common import announce_compile, err_console, out_console, print_json, user_errors
from moonbase.commands.headline import run_tables
from moonbase.commands.interrupts import check_interrupted, interruptible
from moonbase.commands.progress import progress_bar
from moonbase.execution.progress import ProgressReport
from moonbase.timeline.summary import DEFAULT_TARGET, Target, retarget


def run_samples(scenario: str, out: Path | None, samples: int, seed: int, as_json: bool, no_report: bool,
                cluster: str | None, all_samples: bool, chunk_size: int | None, target: Target = DEFAULT_TARGET) -> None:
    """Run ``samples`` draws of ``scenario``; write the run folder; print the headline."""
    from moonbase.analysis.montecarlo import run_montecarlo
    from moonbase.execution.executor import open_executor
    from moonbase.report.html import write_montecarlo_report
    from moonbase.results.montecarlo_dir import FULL_TIMELINE_MAX_SAMPLES, write_montecarlo_run
    from moonbase.results.run_dir import check_out_dir, default_run_dir
    from moonbase.scenario.loader import load_scenario

    with user_errors():
        loaded = load_scenario(scenario)
        run_dir = Path(out) if out is not None else default_run_dir(loaded.name)
        check_out_dir(run_dir)
    with interruptible(run_dir):
        with user_errors():
            if not loaded.uncertainty:
                err_console.print(f"warning: scenario '{loaded.name}' has no [uncertainty] table; all {samples} "
                                  "samples are identical.", markup=False, highlight=False)
            keep = all_samples or samples <= FULL_TIMELINE_MAX_SAMPLES
            announce_compile()
            with open_executor(cluster) as executor, progress_bar(f"{samples:,} samples") as progress:

                def chunk_done(report: ProgressReport) -> None:
                    check_interrupted()
                    progress(report)

                result = run_montecarlo(loaded, samples, seed, executor, chunk_size, keep, chunk_done)
            check_interrupted()
            retarget(result.summary, result.yearly, target)
            final = write_montecarlo_run(result, run_dir,
                                         report=None if no_report else write_montecarlo_report)
        if as_json:
            print_json(result.summary)
        else:
            out_console.print(run_tables(result.summary, final, report=not no_report))
            for warning in result.summary.get("warnings", []):
                err_console.print(f"warning: {warning}", markup=False, highlight=False)
