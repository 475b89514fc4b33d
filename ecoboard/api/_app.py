"""The app factory: routes, JSON errors, CORS, and the SSE fan-out's lifetime."""

from __future__ import annotations

import logging
from collections.abc import AsyncGenerator

import trio
from quart import Response, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound

from .._errors import BusError, StoreError
from . import _board, _display, _health, _openapi, _records, _reminder, _static
from ._context import EcoboardApp, this_app
from ._deps import ApiDeps
from ._failure import TaskFailure, run_guarded
from ._hub import RecordHub
from ._json import error_response
from ._outage import OutageLog
from ._params import QueryError

log = logging.getLogger(__name__)

CORS_ALLOW_HEADERS = "Authorization, Content-Type, Last-Event-ID"
CORS_MAX_AGE = "600"
CORS_EXPOSE_HEADERS = ", ".join(_display.FRAME_HEADERS)


def create_app(deps: ApiDeps) -> EcoboardApp:
    """Build the API app for ``deps``. Serve it with :func:`ecoboard.api.serve_api` (or ``test_app()``):
    while it is served, one fan-out task feeds every SSE client."""
    app = EcoboardApp(__name__, static_folder=None)
    app.deps = deps
    app.hub = RecordHub(deps.store, deps.bus)
    app.failure = TaskFailure()
    app.store_outage = OutageLog("the record store")
    app.bus_outage = OutageLog("the update bus")
    for blueprint in (_records.bp, _board.bp, _display.bp, _reminder.bp, _health.bp, _openapi.bp, _static.bp):
        app.register_blueprint(blueprint)
    app.while_serving(_run_hub)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(QueryError, _query_error)
    app.register_error_handler(StoreError, _store_error)
    app.register_error_handler(BusError, _bus_error)
    app.register_error_handler(Exception, _internal_error)
    app.after_request(_cors)
    return app


async def _run_hub() -> AsyncGenerator[None, None]:
    """Start the fan-out in the app's nursery; on shutdown end every SSE stream and stop it. Its
    unexpected error stops the server (see :mod:`ecoboard.api._failure`)."""
    app = this_app()
    scope = trio.CancelScope()

    async def run(task_status: trio.TaskStatus[None] = trio.TASK_STATUS_IGNORED) -> None:
        with scope:
            await run_guarded(app.failure, "the SSE fan-out", app.hub.run, task_status=task_status)

    await app.nursery.start(run)
    yield
    app.hub.close()
    scope.cancel()


async def _http_error(error: HTTPException) -> Response:
    headers = {k: v for k, v in error.get_headers() if k.lower() != "content-type"}
    if isinstance(error, MethodNotAllowed):  # the router's answer for a known path asked with another method
        allowed = sorted(error.valid_methods or ())
        headers["Allow"] = ", ".join(allowed)
        return error_response(405, f"{request.method} is not allowed on {request.path}", headers, allowed=allowed)
    if isinstance(error, NotFound) and (command := _display.unknown_command()) is not None:
        return command
    return error_response(error.code or 500, error.description or error.name, headers)


async def _query_error(error: QueryError) -> Response:
    return error_response(422, str(error))


async def _store_error(error: StoreError) -> Response:
    this_app().store_outage.failed(f"{request.method} {request.path}", error)
    return error_response(503, "the record store is unavailable")


async def _bus_error(error: BusError) -> Response:
    this_app().bus_outage.failed(f"{request.method} {request.path}", error)
    return error_response(503, "the update bus is unavailable")


async def _internal_error(error: Exception) -> Response:
    log.error("%s %s failed", request.method, request.path, exc_info=error)
    return error_response(500, "internal error")


async def _cors(response: Response) -> Response:
    """Allow the configured origins (none by default) on the API, including preflight requests."""
    origin = request.headers.get("Origin")
    allowed = this_app().deps.config.api.cors_origins
    if not origin or not request.path.startswith("/api/") or origin not in allowed:
        return response
    response.headers["Access-Control-Allow-Origin"] = origin
    response.headers["Access-Control-Expose-Headers"] = CORS_EXPOSE_HEADERS
    response.vary.add("Origin")
    if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
        response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = CORS_ALLOW_HEADERS
        response.headers["Access-Control-Max-Age"] = CORS_MAX_AGE
    return response
