"""The API pages (``/docs``: Swagger UI, ``/redoc``: ReDoc) served from this machine.

FastAPI's own pages load their scripts, styles, fonts and favicon from CDNs and are
blank offline; these serve the same pages with the assets bundled by the
``fastapi-offline`` package (Swagger UI and ReDoc builds), no Google Fonts, no
remote validator badge, and ReDoc's CDN logo replaced by the local favicon.
"""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

ASSETS_URL = "/static-api-docs"
ASSETS_DIR = Path(fastapi_offline.__file__).resolve().parent / "static"
REDOC_REMOTE_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"


def add_api_docs(app: FastAPI, docs_url: str = "/docs", redoc_url: str = "/redoc") -> None:
    """Serve Swagger UI at ``docs_url`` and ReDoc at ``redoc_url`` from local assets
    (the app must be created with ``docs_url=None, redoc_url=None``)."""
    favicon = f"{ASSETS_URL}/favicon.png"
    redoc_js = (ASSETS_DIR / "redoc.standalone.js").read_text(encoding="utf-8").replace(REDOC_REMOTE_LOGO, favicon)

    @app.get(f"{ASSETS_URL}/redoc.standalone.js", include_in_schema=False)
    def redoc_script() -> Response:  # ReDoc's build draws its "powered by" logo from a CDN: use ours
        return Response(redoc_js, media_type="text/javascript")

    app.mount(ASSETS_URL, StaticFiles(directory=ASSETS_DIR), name="api-docs-assets")  # after the route above

    @app.get(docs_url, include_in_schema=False)
    def swagger() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json", title=f"{app.title} - API (Swagger UI)",
            swagger_js_url=f"{ASSETS_URL}/swagger-ui-bundle.js", swagger_css_url=f"{ASSETS_URL}/swagger-ui.css",
            swagger_favicon_url=favicon, swagger_ui_parameters={"validatorUrl": None})

    @app.get(redoc_url, include_in_schema=False)
    def redoc() -> HTMLResponse:
        return get_redoc_html(
            openapi_url=app.openapi_url or "/openapi.json", title=f"{app.title} - API (ReDoc)",
            redoc_js_url=f"{ASSETS_URL}/redoc.standalone.js", redoc_favicon_url=favicon, with_google_fonts=False)
