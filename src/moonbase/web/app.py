"""The ``moonbase serve`` application: an HTTP API over the models and the single page.

:func:`create_app` builds a FastAPI app bound to one results store, which it locks
while it runs. Runs are queued in a bounded pool (worker processes owned by a
:class:`~moonbase.web.supervisor.ProcessSupervisor`) and never execute in the request
thread; their folders persist in the store and are resumed after a restart. Every request
passes :class:`~moonbase.web.gate.RequestGate` first (allowed hosts, content types, size
limits, security headers), and input is parsed off the event loop. Every
user error is a 4xx answer with a one-line ``detail`` (and ``errors`` naming fields
where there are any); an unexpected failure is a bare 500 without a traceback.
The OpenAPI description is at ``/openapi.json``, interactive docs at ``/docs``.
"""

from __future__ import annotations

import io
import json
import logging
import time
import zipfile
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, AsyncIterator, Literal

import plotly
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    Response,
)
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from moonbase import __version__
from moonbase.errors import MoonbaseError, ScenarioError
from moonbase.web import adapters
from moonbase.web.gate import DATA_CSP, TOML_MEDIA_TYPES, RequestGate, security_headers
from moonbase.web.limits import (
    INPUT_DEADLINE_S,
    InputLimitError,
    InputTimeoutError,
    load_json,
    off_loop,
)
from moonbase.web.api_docs import add_api_docs
from moonbase.web.claims import add_claims_routes
from moonbase.web.scenario_input import (
    check_data,
    check_preset,
    check_size,
    check_toml,
    form_schema,
    presets,
)
from moonbase.web.store import (
    CHARTS_FILE,
    DEFAULT_STORE_DIR,
    RunRequest,
    RunStore,
    StoreWriteError,
    UnknownRunError,
)
from moonbase.web.supervisor import ProcessSupervisor
from moonbase.web.worker import PoolBusyError, RunPool, WorkerPool
from moonbase.web.target import run_target

LOG = logging.getLogger("moonbase.web")
STATIC_DIR = Path(str(resources.files("moonbase.web").joinpath("static")))
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
FIGURE_NAME_PATTERN = r"^[a-z_]{1,40}\.png$"
VALIDATE_PATH = "/api/scenarios/validate"
ADMISSION_MARGIN_S = 0.5  # a run is stored only if its answer can still be sent within the input deadline
MAX_TOML_BYTES = 200_000  # the resolved alpha scenario is 8 kB of TOML
POOL_KINDS: dict[str, type[RunPool]] = {"process": ProcessSupervisor, "thread": WorkerPool}
MAX_SAMPLES = 100  # = FULL_TIMELINE_MAX_SAMPLES: every sample's monthly timeline is kept (larger runs: the CLI)
MAX_SEED = 2**32 - 1


@dataclass(frozen=True)
class WebSettings:
    """How the server runs: where runs are kept and the limits it enforces."""

    store_dir: Path = DEFAULT_STORE_DIR
    workers: int = 2
    max_active_runs: int = 8
    max_body_bytes: int = 1_000_000
    pool: str = "process"
    resume: bool = True
    allowed_hosts: tuple[str, ...] = ()  # names answered besides the loopback ones (see moonbase.web.gate)


class ApiError(Exception):
    """An answer other than 2xx with a one-line detail and optional field errors."""

    def __init__(self, status: int, detail: str, errors: list[dict[str, str]] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status, self.detail, self.errors, self.headers = status, detail, errors, headers


# --- request and response bodies -------------------------------------------------------

class ScenarioSource(BaseModel):
    """A scenario as exactly one of ``preset``, ``scenario`` (object) or ``toml``.

    Strict: a number is not accepted as text nor text as a number (``"samples": "5"`` is an error).
    """

    model_config = ConfigDict(extra="forbid", strict=True)

    preset: str | None = Field(None, max_length=80, description="Name of a shipped preset.",
                               examples=["alpha"])
    scenario: dict[str, Any] | None = Field(None, description="Scenario tables as a JSON object (TOML keys).")
    toml: str | None = Field(None, max_length=MAX_TOML_BYTES, description="Scenario as TOML text.")


class RunBody(ScenarioSource):
    """A run request: the scenario, samples, seed and whether to write the HTML report."""

    samples: int = Field(1, ge=1, le=MAX_SAMPLES, description="Samples along the Monte Carlo axis.")
    seed: int = Field(0, ge=0, le=MAX_SEED, description="Random seed recorded with the run.")
    report: bool = Field(True, description="Also write the HTML report and PNG figures (about 3 s).")


class ErrorItem(BaseModel):
    field: str = Field(description="Dotted TOML path of the field ('' for the whole input).")
    message: str


class ErrorBody(BaseModel):
    detail: str
    errors: list[ErrorItem] | None = None


class ValidationAnswer(BaseModel):
    valid: bool
    errors: list[ErrorItem]
    scenario: dict[str, Any] | None = Field(None, description="The resolved scenario (every field explicit).")
    toml: str | None = Field(None, description="The resolved scenario as TOML.")


class PresetItem(BaseModel):
    name: str
    description: str


class PresetDetail(PresetItem):
    toml: str
    scenario: dict[str, Any]


class RunStatus(BaseModel):
    id: str
    scenario: str
    samples: int
    seed: int
    report: bool
    state: Literal["queued", "running", "done", "failed"]
    stage: str
    progress: float = Field(ge=0.0, le=1.0)
    created: str
    started: str | None
    finished: str | None
    error: str | None
    links: dict[str, str] = Field(default_factory=dict)


ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody} for status in (404, 409, 413, 415, 422, 429, 501, 503, 507)}


# --- the app ----------------------------------------------------------------------------

def create_app(settings: WebSettings | None = None) -> FastAPI:
    """The web application over one results store (see :class:`WebSettings`)."""
    settings = settings or WebSettings()
    store = RunStore(settings.store_dir)
    pools: list[RunPool] = []

    def pool() -> RunPool:
        if not pools:
            kind = POOL_KINDS.get(settings.pool)
            if kind is None:
                raise ValueError(f"pool = {settings.pool!r} is unknown; choose one of: {', '.join(POOL_KINDS)}.")
            pools.append(kind(store, settings.workers, settings.max_active_runs))
        return pools[0]

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        lock = store.lock()  # StoreBusyError when another server owns the store
        try:
            store.clean()
            if settings.resume:
                resumed = pool().resume()
                if resumed:
                    LOG.info("resumed %d unfinished run(s) from %s", len(resumed), store.root)
            pool().warm()
            yield
            if pools:
                pools.pop().shutdown(wait=True)  # a later start (tests restart the app) makes a new pool
        finally:
            lock.release()

    app = FastAPI(title="moonbase", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Run, compare and share Moonbase Alpha scenarios: solar-powered AI compute "
                              "in Earth orbit, on the Moon and in deep space.")
    app.state.store = store
    app.state.pool = pool
    app.add_middleware(RequestGate, max_bytes=settings.max_body_bytes, allowed_hosts=settings.allowed_hosts,
                       toml_paths=(VALIDATE_PATH,))

    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError) -> JSONResponse:
        content: dict[str, Any] = {"detail": exc.detail}
        if exc.errors is not None:
            content["errors"] = exc.errors
        return JSONResponse(content, status_code=exc.status, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid_request(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = []
        for error in exc.errors():
            loc = [str(p) for p in error.get("loc", ())]
            if error.get("type") == "json_invalid":
                loc = []
                message = f"request body is not valid JSON: {error.get('ctx', {}).get('error', 'malformed')}."
            else:
                message = f"{'.'.join(loc)}: {error.get('msg', 'invalid')}."
            errors.append({"field": ".".join(loc), "message": message})
        return JSONResponse({"detail": errors[0]["message"] if errors else "invalid request.", "errors": errors},
                            status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400:  # FastAPI could not decode the body at all (e.g. not UTF-8)
            return JSONResponse({"detail": f"request body is not valid JSON ({exc.detail})."}, status_code=422)
        return JSONResponse({"detail": str(exc.detail)}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(Exception)
    async def _internal(_: Request, exc: Exception) -> JSONResponse:  # last resort: no traceback to the client
        LOG.exception("internal error")
        # answered outside the gate (Starlette's outermost layer), so the security headers are added here
        return JSONResponse({"detail": "internal error; the server log has the details."}, status_code=500,
                            headers=security_headers(DATA_CSP))

    _add_page_routes(app)
    add_api_docs(app)  # /docs and /redoc with bundled assets: they work offline
    _add_scenario_routes(app)
    _add_run_routes(app, store, pool)
    _add_design_routes(app)
    add_claims_routes(app)
    return app


def _add_page_routes(app: FastAPI) -> None:
    @app.get("/", include_in_schema=False)
    def page() -> HTMLResponse:
        html = (STATIC_DIR / "index.html").read_text(encoding="utf-8").replace("{{version}}", __version__)
        return HTMLResponse(html)

    @app.get("/static/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        return FileResponse(PLOTLY_JS, media_type="text/javascript")

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/api/health", tags=["meta"])
    def health() -> dict[str, str]:
        """Liveness and version."""
        return {"status": "ok", "version": __version__}


def scenario_of(body: ScenarioSource, default_preset: str | None = None) -> Any:
    """The validated scenario of a request; 422 with every field error otherwise."""
    given = [name for name in ("preset", "scenario", "toml") if getattr(body, name) is not None]
    if not given and default_preset is not None:
        checked = check_preset(default_preset)
    elif len(given) != 1:
        raise ApiError(422, "give the scenario as exactly one of preset, scenario or toml"
                       + (f" (got {', '.join(given)})." if given else " (got none)."),
                       [{"field": "", "message": "exactly one of preset, scenario, toml is required."}])
    elif body.preset is not None:
        checked = check_preset(body.preset)
    elif body.scenario is not None:
        checked = check_data(body.scenario)
    else:
        checked = check_toml(body.toml or "")
    if checked.scenario is None:
        raise ApiError(422, checked.errors[0].message, checked.error_list())
    return checked.scenario


def _add_scenario_routes(app: FastAPI) -> None:
    from moonbase.scenario.loader import scenario_to_dict

    @app.get("/api/presets", tags=["scenarios"])
    def list_presets() -> list[PresetItem]:
        """The presets shipped with moonbase."""
        return [PresetItem(**item) for item in presets()]

    @app.get("/api/presets/{name}", tags=["scenarios"], responses=ERRORS)
    def get_preset(name: str) -> PresetDetail:
        """One preset: its TOML text and the resolved scenario."""
        checked = check_preset(name)
        if checked.scenario is None:
            raise ApiError(404, checked.errors[0].message)
        from moonbase.scenario.loader import preset_text

        return PresetDetail(name=name, description=checked.scenario.description, toml=preset_text(name),
                            scenario=scenario_to_dict(checked.scenario))

    @app.get("/api/schema", tags=["scenarios"])
    def get_schema() -> list[dict[str, Any]]:
        """Every scenario field: dotted path, kind, display unit, bounds, meaning, source of the default."""
        return form_schema()

    @app.post(VALIDATE_PATH, tags=["scenarios"], responses=ERRORS, openapi_extra={
        "requestBody": {"required": True, "content": {
            "application/json": {"schema": {"type": "object", "additionalProperties": True,
                                            "description": "Scenario tables (TOML keys); may start from base = PRESET."}},
            "application/toml": {"schema": {"type": "string", "description": "Scenario TOML text."}}}}})
    async def validate(request: Request) -> ValidationAnswer:
        """Check a scenario (JSON object or TOML text) and list every field error with its dotted path."""
        body = await request.body()
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        return await bounded(_validate_body, body, media in TOML_MEDIA_TYPES)


def bounded_sync(function: Any, *args: Any) -> Any:
    """``function(*args)`` with input-limit errors as 422 (for calls inside a reader thread)."""
    try:
        return function(*args)
    except InputLimitError as exc:
        raise ApiError(422, str(exc), [{"field": exc.field, "message": str(exc)}]) from None


async def bounded(function: Any, *args: Any) -> Any:
    """``function(*args)`` off the event loop within the input deadline (503 past it, 422 over a limit)."""
    try:
        return await off_loop(bounded_sync, function, *args)
    except InputTimeoutError as exc:
        raise ApiError(503, str(exc), headers={"Retry-After": "5"}) from None


def _validate_body(body: bytes, is_toml: bool) -> ValidationAnswer:
    from moonbase.scenario.loader import scenario_to_dict, scenario_to_toml

    if is_toml:
        if len(body) > MAX_TOML_BYTES:
            raise ApiError(413, f"TOML text of {len(body):,} bytes is larger than the limit of {MAX_TOML_BYTES:,}; "
                                "a scenario is a few kilobytes.")
        try:
            checked = check_toml(body.decode("utf-8"))
        except UnicodeDecodeError:
            raise ApiError(422, "request body is not UTF-8 text.") from None
    else:
        checked = check_data(load_json(body))
    if checked.scenario is None:
        return ValidationAnswer(valid=False, errors=[ErrorItem(**e) for e in checked.error_list()])
    return ValidationAnswer(valid=True, errors=[], scenario=scenario_to_dict(checked.scenario),
                            toml=scenario_to_toml(checked.scenario))


def _run_links(run_id: str) -> dict[str, str]:
    base = f"/api/runs/{run_id}"
    return {"self": base, "summary": f"{base}/summary", "timeline": f"{base}/timeline",
            "charts": f"{base}/charts", "report": f"{base}/report", "scenario": f"{base}/scenario",
            "archive": f"{base}/archive"}


def _add_run_routes(app: FastAPI, store: RunStore, pool: Any) -> None:
    from moonbase.scenario.loader import scenario_to_toml

    def status_of(run_id: str) -> RunStatus:
        try:
            status = store.status(run_id)
        except UnknownRunError as exc:
            raise ApiError(404, str(exc)) from None
        status |= pool().status_override(run_id) or {}
        return RunStatus(**status, links=_run_links(run_id))

    def finished_file(run_id: str, name: str) -> Path:
        status = status_of(run_id)
        if status.state != "done":
            why = f": {status.error}" if status.error else f"; poll /api/runs/{run_id} until state is done"
            raise ApiError(409, f"run {run_id} is {status.state}{why}.")
        path = store.run_folder(run_id) / name
        if not path.is_file():
            raise ApiError(404, f"run {run_id} has no {name}" + (
                " (it was started with report = false)." if name.startswith(("report", "figures")) else "."))
        return path

    @app.post("/api/runs", status_code=202, tags=["runs"], responses=ERRORS)
    async def start_run(body: RunBody) -> RunStatus:
        """Queue a run; answer 202 with its id at once. 429 when too many runs are queued or running."""
        return await bounded(admit_run, body, time.monotonic() + INPUT_DEADLINE_S)

    def admit_run(body: RunBody, answer_by: float) -> RunStatus:
        scenario = scenario_of(body)
        too_big = check_size(scenario, body.samples)
        if too_big:
            raise ApiError(422, too_big[0].message, [{"field": e.field, "message": e.message} for e in too_big])
        if time.monotonic() > answer_by - ADMISSION_MARGIN_S:  # the client is answered 503: store nothing
            raise InputTimeoutError("the server is busy; try again shortly.")
        request = RunRequest(scenario_toml=scenario_to_toml(scenario), scenario_name=scenario.name,
                             samples=body.samples, seed=body.seed, report=body.report)
        try:
            with pool().admit():  # a place is held before anything is written: a 429 writes nothing
                run_id = store.create(request)
                pool().submit(run_id)
        except PoolBusyError as exc:
            raise ApiError(429, str(exc), headers={"Retry-After": "5"}) from None
        except StoreWriteError as exc:
            raise ApiError(exc.status, str(exc)) from None
        return status_of(run_id)

    @app.get("/api/runs", tags=["runs"])
    def list_runs(limit: int = Query(50, ge=1, le=500)) -> list[RunStatus]:
        """Runs in the results store, newest first."""
        return [status_of(run_id) for run_id in store.ids()[:limit]]

    @app.get("/api/runs/{run_id}", tags=["runs"], responses=ERRORS)
    def get_run(run_id: str) -> RunStatus:
        """Status and progress of a run (state, stage, progress from 0 to 1)."""
        return status_of(run_id)

    @app.get("/api/runs/{run_id}/summary", tags=["runs"], responses=ERRORS)
    def get_summary(run_id: str) -> dict[str, Any]:
        """The run's summary.json: milestones, end state, binding constraints, warnings."""
        return json.loads(finished_file(run_id, "summary.json").read_text(encoding="utf-8"))

    @app.get("/api/runs/{run_id}/target", tags=["runs"], responses=ERRORS)
    def get_target(run_id: str, target: str = Query("1 TW/yr", max_length=40,
                                                    description="'100 GW/yr' (added in a year) or '10 TW' (deployed)")
                   ) -> dict[str, Any]:
        """When the run meets ``target``: first year (P10/P50/P90 and share reaching it when sampled), peak and its year."""
        try:
            return run_target(finished_file(run_id, "summary.json").parent, target)
        except ScenarioError as exc:
            raise ApiError(422, str(exc), [{"field": "target", "message": str(exc)}]) from None

    @app.get("/api/runs/{run_id}/charts", tags=["runs"], responses=ERRORS)
    def get_charts(run_id: str) -> list[dict[str, Any]]:
        """The report's figures as plotly JSON: ``[{name, title, caption, figure}]``."""
        finished_file(run_id, "summary.json")
        return json.loads((store.folder(run_id) / CHARTS_FILE).read_text(encoding="utf-8"))

    @app.get("/api/runs/{run_id}/scenario", tags=["runs"], responses=ERRORS,
             response_class=PlainTextResponse)
    def get_scenario(run_id: str) -> PlainTextResponse:
        """The resolved scenario the run used, as TOML."""
        status_of(run_id)
        return PlainTextResponse(store.request(run_id).scenario_toml, media_type="application/toml")

    @app.get("/api/runs/{run_id}/timeline", tags=["runs"], responses={
        **ERRORS, 200: {"content": {"application/json": {}, "text/csv": {}, "application/vnd.apache.parquet": {}}}})
    def get_timeline(run_id: str, format: Literal["json", "csv", "parquet"] = "json",
                     sample: int = Query(0, ge=0, le=MAX_SAMPLES)) -> Response:
        """The timeline table. ``json``: one sample's columns with units; ``csv``/``parquet``: every sample."""
        return _timeline_response(finished_file(run_id, "timeline.parquet"), run_id, format, sample)

    @app.get("/api/runs/{run_id}/report", tags=["runs"], responses={**ERRORS, 200: {"content": {"text/html": {}}}},
             response_class=HTMLResponse)
    def get_report(run_id: str) -> FileResponse:
        """The self-contained HTML report (its PNG links resolve to ``figures/NAME.png``)."""
        return FileResponse(finished_file(run_id, "report.html"), media_type="text/html")

    @app.get("/api/runs/{run_id}/figures/{name}", tags=["runs"],
             responses={**ERRORS, 200: {"content": {"image/png": {}}}})
    def get_figure(run_id: str, name: str) -> FileResponse:
        """One PNG figure of the report."""
        import re

        if not re.match(FIGURE_NAME_PATTERN, name):
            raise ApiError(404, f"figure = {name[:80]!r} is not a figure name; expected NAME.png.")
        return FileResponse(finished_file(run_id, f"figures/{name}"), media_type="image/png")

    @app.get("/api/runs/{run_id}/archive", tags=["runs"], responses={**ERRORS, 200: {"content": {"application/zip": {}}}})
    def get_archive(run_id: str) -> Response:
        """The whole run folder as a zip: scenario, timeline, summary, report and figures."""
        finished_file(run_id, "summary.json")
        return _archive_response(store.run_folder(run_id), run_id)

    @app.get("/api/compare", tags=["runs"], responses=ERRORS)
    def compare(a: str = Query(..., max_length=64), b: str = Query(..., max_length=64)) -> dict[str, Any]:
        """Two finished runs side by side: headline numbers, differences, and a chart of both."""
        from moonbase.web.compare import compare_runs

        return compare_runs([(run_id, finished_file(run_id, "summary.json").parent) for run_id in (a, b)])


def _timeline_response(path: Path, run_id: str, format: str, sample: int) -> Response:
    """The timeline at ``path``: the Parquet file, every sample as CSV, or one sample's columns as JSON."""
    import pyarrow.parquet as pq

    name = f"moonbase-{run_id[:8]}-timeline"
    if format == "parquet":
        return FileResponse(path, media_type="application/vnd.apache.parquet", filename=f"{name}.parquet")
    table = pq.read_table(path)
    if format == "csv":
        import pyarrow as pa
        import pyarrow.csv as pacsv

        plain = pa.schema([f.with_type(pa.string()) if pa.types.is_dictionary(f.type) else f
                           for f in table.schema])  # CSV has no dictionary columns
        sink = io.BytesIO()
        pacsv.write_csv(table.cast(plain), sink)
        return Response(sink.getvalue(), media_type="text/csv",
                        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
    samples = int(table.column("sample").to_numpy().max()) + 1
    if sample >= samples:
        raise ApiError(404, f"sample = {sample} is not in run {run_id}; it has samples 0 to {samples - 1}.")
    mask = table.column("sample").to_numpy() == sample
    rows = table.filter(mask)
    columns = [{"name": f.name, "unit": (f.metadata or {}).get(b"unit", b"").decode(),
                "description": (f.metadata or {}).get(b"description", b"").decode()} for f in table.schema]
    data = {c: rows.column(c).to_pylist() for c in rows.column_names}
    return JSONResponse({"run": run_id, "sample": sample, "samples": samples, "columns": columns, "data": data})


def _archive_response(folder: Path, run_id: str) -> Response:
    """The run ``folder`` as a zip download (regular files only, under ``moonbase-<id>/``)."""
    sink = io.BytesIO()
    with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.is_symlink():
                archive.write(path, f"moonbase-{run_id[:8]}/{path.relative_to(folder)}")
    return Response(sink.getvalue(), media_type="application/zip",
                    headers={"Content-Disposition": f'attachment; filename="moonbase-{run_id[:8]}.zip"'})


def _add_design_routes(app: FastAPI) -> None:
    def call(adapter: Any, argument: Any) -> dict[str, Any]:
        try:
            return adapter(argument)
        except MoonbaseError as exc:
            raise ApiError(422, str(exc)) from None

    @app.post("/api/trajectories/ensemble", tags=["designs"], responses=ERRORS)
    def trajectory_ensemble(body: adapters.TrajectoryBody) -> dict[str, Any]:
        """Fates of a dispersed ensemble of mass-driver payloads and sampled paths for a 3D view."""
        return call(adapters.trajectory_ensemble, body.model_dump())

    @app.post("/api/massdriver/design", tags=["designs"], responses=ERRORS)
    async def mass_driver_design(body: ScenarioSource) -> dict[str, Any]:
        """Track, energy, power, storage, mass and throughput of a scenario's mass driver.

        The scenario is given like a run's (default: the alpha preset).
        """
        scenario = await bounded(scenario_of, body, "alpha")
        return await run_in_threadpool(call, adapters.mass_driver_design, scenario)

    @app.post("/api/satellite/design", tags=["designs"], responses=ERRORS)
    def satellite_design(body: adapters.SatelliteBody) -> dict[str, Any]:
        """Power, thermal and mass budget of a compute-satellite preset in its orbit."""
        return call(adapters.satellite_design, body.model_dump())
