"""Progress reports (rate, time left) and atomic chunk partitions."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from moonbase.execution.checkpoint import ChunkStore, write_atomically
from moonbase.execution.executor import LocalExecutor, cluster_setting, execute, open_executor
from moonbase.execution.progress import ProgressTracker


def test_progress_counts_skipped_and_computed_chunks():
    reports = []
    tracker = ProgressTracker(total=4, samples_total=40, callback=reports.append)
    tracker.skip(10)  # resumed: counted as done, not in the rate
    tracker.start()
    execute(LocalExecutor(), lambda x: x * 2, [1, 2, 3], lambda task, result: None, tracker,
            samples_of=lambda task: 10)
    last = reports[-1]
    assert (last.done, last.total, last.samples_done, last.fraction) == (4, 4, 40, 1.0)
    assert reports[1].remaining_s is None  # nothing computed yet: no estimate
    assert last.rate_chunks_per_s > 0 and last.remaining_s == 0.0
    assert set(last.as_dict()) >= {"done", "total", "rate_chunks_per_s", "remaining_s", "fraction"}


def test_a_failed_write_leaves_no_file(tmp_path):
    path = tmp_path / "part.parquet"

    def crash(temporary):
        temporary.write_bytes(b"half")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomically(path, crash)
    assert list(tmp_path.iterdir()) == []


def test_a_chunk_is_finished_only_when_its_marker_exists(tmp_path):
    store = ChunkStore(tmp_path, ("yearly", "samples"), marker="samples")
    store.write(3, {"yearly": pa.table({"x": [1]})})
    assert store.finished() == set()
    store.write(3, {"yearly": pa.table({"x": [2]}), "samples": pa.table({"x": [2]})})
    assert store.finished() == {3}
    assert pq.read_table(store.path("yearly", 3)).column("x").to_pylist() == [2]  # replaced, not appended


def test_in_process_is_the_default(monkeypatch):
    monkeypatch.delenv("MOONBASE_CLUSTER", raising=False)
    assert cluster_setting(None) is None
    with open_executor(None) as executor:
        assert isinstance(executor, LocalExecutor)
    monkeypatch.setenv("MOONBASE_CLUSTER", "tcp://10.0.0.1:8786")
    assert cluster_setting(None) == "tcp://10.0.0.1:8786"
    assert cluster_setting("local") == "local"
