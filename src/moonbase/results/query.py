"""SQL over a run or sweep folder with DuckDB: every Parquet dataset becomes a view.

Views (those present in the folder): ``samples`` (one row per sample, with ``point``
and the grid values ``grid.FIELD``, also named ``grid_FIELD`` with underscores, for sweeps), ``yearly`` (one row per sample and year), ``percentiles`` (tidy P5-P95 by
year), ``timeline`` (one row per sample and step). Partitioned datasets are read with
``read_parquet('<folder>/<dataset>/*.parquet')``, so a sweep can be queried while it
runs. The same SQL works in any DuckDB client::

    duckdb -c "SELECT point, median(first_year_1tw_yr) FROM 'runs/sweep/samples/*.parquet' GROUP BY point"
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from moonbase.errors import ScenarioError

VIEWS = ("samples", "yearly", "percentiles", "timeline")


def dataset_sources(run_dir: Path) -> dict[str, str]:
    """View name -> Parquet file or glob, for the datasets found in ``run_dir``."""
    run_dir = Path(run_dir)
    sources: dict[str, str] = {}
    for name in VIEWS:
        folder, single = run_dir / name, run_dir / f"{name}.parquet"
        if folder.is_dir() and any(folder.glob("*.parquet")):
            sources[name] = str(folder / "*.parquet")
        elif single.is_file():
            sources[name] = str(single)
    return sources


def _dotted_columns(source: str) -> list[str]:
    """Columns whose names hold dots (a sweep's ``grid.FIELD``): each also gets an alias with
    underscores (``grid_lunar_replication_time``), usable in SQL without quotes."""
    first = next(iter(sorted(Path(source).parent.glob(Path(source).name))), None)
    if first is None:
        return []
    return [c for c in pq.read_schema(first).names if "." in c and c.replace(".", "_").isidentifier()]


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def query_run(run_dir: Path, sql: str) -> pa.Table:
    """Run ``sql`` against the datasets of ``run_dir``; return the result as an Arrow table.

    Raises
    ------
    ScenarioError
        When the folder holds no dataset, or the SQL fails (the message is DuckDB's).
    """
    import duckdb

    run_dir = Path(run_dir)
    if not run_dir.is_dir():
        raise ScenarioError(f"RUN = '{run_dir}' is not a folder; expected a run or sweep folder.")
    sources = dataset_sources(run_dir)
    if not sources:
        raise ScenarioError(f"RUN = '{run_dir}' holds no Parquet dataset ({', '.join(VIEWS)}); "
                            "expected a folder written by moonbase run or moonbase sweep.")
    with duckdb.connect() as connection:
        for name, source in sources.items():
            aliases = "".join(f', "{c}" AS {c.replace(".", "_")}' for c in _dotted_columns(source))
            connection.execute(f"CREATE VIEW {name} AS SELECT *{aliases} FROM read_parquet({_quoted(source)})")
        try:
            relation = connection.sql(sql)
            return relation.to_arrow_table() if relation is not None else pa.table({})
        except duckdb.Error as exc:
            first = str(exc).splitlines()[0]
            raise ScenarioError(f"SQL = {sql!r} failed: {first} (views: {', '.join(sources)}).") from None
