"""The gate every HTTP request passes before the application sees it.

:class:`RequestGate` is one ASGI middleware that, in order:

1. answers only requests whose ``Host`` header names an allowed host (loopback names by
   default, more with ``moonbase serve --allowed-host``): a page on another site that
   resolves its own name to 127.0.0.1 (DNS rebinding) gets 400, never the API;
2. refuses a request whose ``Origin`` names another host (403): browsers send it on
   cross-site requests;
3. reads a body up to ``max_bytes`` (413 beyond, whether or not it declares a length);
4. accepts bodies of ``application/json`` only, plus TOML text on the paths that read it
   (415 otherwise: a form or ``text/plain``, which any web page can send without asking,
   never reaches an endpoint);
5. parses a JSON body once in a reader thread, with the limits of
   :mod:`moonbase.web.limits` (422 naming the field), and hands the body on;
6. adds the security headers to every answer, its own included: ``nosniff``, a
   content-security policy for the kind of page, no framing, no referrer.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from moonbase.web.limits import (
    InputLimitError,
    InputTimeoutError,
    check_shape,
    load_json,
    off_loop,
    shown,
)

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
JSON_MEDIA_TYPE = "application/json"
TOML_MEDIA_TYPES = ("application/toml", "text/toml", "text/x-toml")
BODY_METHODS = ("POST", "PUT", "PATCH")

PAGE_CSP = ("default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
            "script-src 'self' 'unsafe-eval'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            "form-action 'self'; frame-ancestors 'none'")
#: The report is one self-contained file: its scripts and styles are inline, nothing is fetched.
REPORT_CSP = ("default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; "
              "img-src 'self' data: blob:; font-src data:; base-uri 'none'; form-action 'none'; "
              "frame-ancestors 'none'")
#: The API pages (Swagger UI, ReDoc) are served by the app; ReDoc parses the schema in a worker it
#: creates from a blob: URL.
DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; "
            "frame-ancestors 'none'")
DATA_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox"
COMMON_HEADERS = ((b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
                  (b"referrer-policy", b"no-referrer"), (b"cross-origin-resource-policy", b"same-origin"),
                  (b"cross-origin-opener-policy", b"same-origin"))


def security_headers(policy: str) -> dict[str, str]:
    """The security headers of an answer with content-security policy ``policy``."""
    return {key.decode(): value.decode() for key, value in COMMON_HEADERS} | {"content-security-policy": policy}


def policy_for(path: str) -> str:
    """The content-security policy of the answer to ``path``."""
    if path == "/" or path.startswith("/static/"):
        return PAGE_CSP
    if path.startswith("/api/runs/") and path.endswith("/report"):
        return REPORT_CSP
    if path in ("/docs", "/redoc") or path.startswith("/docs/"):
        return DOCS_CSP
    return DATA_CSP


def host_name(header: str) -> str:
    """The host of a ``Host`` header or an origin's authority, without port or brackets, lower-case."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:header.find("]")] if "]" in header else ""
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def _headers_of(scope: Scope) -> dict[bytes, bytes]:
    return {key.lower(): value for key, value in scope.get("headers") or []}


class GateRefusal(Exception):
    """An answer the gate gives instead of the application."""

    def __init__(self, status: int, detail: str, field: str | None = None) -> None:
        super().__init__(detail)
        self.status, self.detail, self.field = status, detail, field


class RequestGate:
    """Host allow-list, origin check, body limit, content types, bounded JSON, security headers."""

    def __init__(self, app: ASGIApp, max_bytes: int, allowed_hosts: Iterable[str] = (),
                 toml_paths: Iterable[str] = ()) -> None:
        self.app, self.max_bytes = app, max_bytes
        self.allowed = {host_name(h) for h in (*LOOPBACK_NAMES, *allowed_hosts) if h} - {""}
        self.toml_paths = frozenset(toml_paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = policy_for(scope.get("path", ""))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {key.lower() for key, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in (*COMMON_HEADERS, (b"content-security-policy", policy.encode()))
                         if k not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        try:
            receive = await self._admit(scope, receive)
        except GateRefusal as refusal:
            content: dict[str, object] = {"detail": refusal.detail}
            if refusal.field is not None:
                content["errors"] = [{"field": refusal.field, "message": refusal.detail}]
            body = json.dumps(content).encode()
            await send_with_headers({"type": "http.response.start", "status": refusal.status, "headers": [
                (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
            await send_with_headers({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send_with_headers)

    async def _admit(self, scope: Scope, receive: Receive) -> Receive:
        """Check the request; the ``receive`` that replays its body. :class:`GateRefusal` to refuse it."""
        headers = _headers_of(scope)
        host = headers.get(b"host", b"").decode("latin-1")
        if host_name(host) not in self.allowed:
            raise GateRefusal(400, f"Host = {shown(host)} is not a name of this server; it answers to "
                                   f"{', '.join(sorted(self.allowed))} (add more with moonbase serve --allowed-host).")
        origin = headers.get(b"origin", b"").decode("latin-1")
        if origin and origin != "null" and host_name(origin.split("://", 1)[-1].split("/", 1)[0]) not in self.allowed:
            raise GateRefusal(403, f"Origin = {shown(origin)} is another site; this server answers only its own pages.")
        if scope.get("method") not in BODY_METHODS:
            return receive
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            raise GateRefusal(413, f"request body is larger than the limit of {self.max_bytes:,} bytes.")
        chunks: list[bytes] = []
        total = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            total += len(chunk)
            if total > self.max_bytes:
                raise GateRefusal(413, f"request body is larger than the limit of {self.max_bytes:,} bytes.")
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        await self._check_body(scope, headers, body)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        return replay

    async def _check_body(self, scope: Scope, headers: dict[bytes, bytes], body: bytes) -> None:
        media = headers.get(b"content-type", b"").decode("latin-1").split(";")[0].strip().lower()
        path = scope.get("path", "")
        toml_ok = path in self.toml_paths
        if media in TOML_MEDIA_TYPES and toml_ok:
            return  # read by the endpoint, off the event loop
        if media != JSON_MEDIA_TYPE:
            accepted = f"{JSON_MEDIA_TYPE} or application/toml" if toml_ok else JSON_MEDIA_TYPE
            raise GateRefusal(415, f"content-type = {shown(media or 'none')} is not accepted here; send {accepted}.")
        try:
            await off_loop(_check_json, body)
        except InputLimitError as exc:
            raise GateRefusal(422, str(exc), exc.field) from None
        except InputTimeoutError as exc:
            raise GateRefusal(503, str(exc)) from None


def _check_json(body: bytes) -> None:
    check_shape(load_json(body), max_text=None)
