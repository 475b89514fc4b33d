"""Record routes: the latest record of every kind, one kind, its history, the environment, and SSE."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TypeVar

from quart import Blueprint, Response, request

from ._context import record_kinds, this_app
from ._json import error_response, json_response, record_json, utc_now
from ._params import int_param, text_param
from ._sse import decode_event_id, record_events

bp = Blueprint("records", __name__, url_prefix="/api/v1")

HISTORY_DEFAULT = 100
HISTORY_MAX = 1000
ENVIRONMENT_KINDS = ("weather", "aqi", "sun_moon")

T = TypeVar("T")


async def _stored(call: Awaitable[T]) -> T:
    """The answer of a store call made for this request. A :class:`StoreError` goes on to the app's
    503 handler (which logs the start of an outage once); an answer ends the outage."""
    result = await call
    this_app().store_outage.answered()
    return result


def _unknown_kind(kind: str) -> Response | None:
    kinds = record_kinds(this_app())
    if kind in kinds:
        return None
    return error_response(404, f"unknown kind {kind!r}", kinds=kinds)


@bp.get("/records")
async def all_records() -> Response:
    """``{kind: record}`` for every kind that has a record, in display order."""
    app = this_app()
    records = await _stored(app.deps.store.latest_all())
    now = utc_now()
    order = record_kinds(app)
    kinds = sorted(records, key=lambda k: (order.index(k) if k in order else len(order), k))
    return json_response({kind: record_json(records[kind], now) for kind in kinds})


@bp.get("/records/<kind>")
async def one_record(kind: str) -> Response:
    """The latest record of ``kind``; 404 for an unknown kind or a kind with no record yet."""
    unknown = _unknown_kind(kind)
    if unknown is not None:
        return unknown
    record = await _stored(this_app().deps.store.latest(kind))
    if record is None:
        return error_response(404, "no record yet", kind=kind)
    return json_response(record_json(record, utc_now()))


@bp.get("/records/<kind>/history")
async def record_history(kind: str) -> Response:
    """Up to ``limit`` (1..1000, default 100) records of ``kind``, newest first."""
    unknown = _unknown_kind(kind)
    if unknown is not None:
        return unknown
    limit = int_param("limit", HISTORY_DEFAULT, 1, HISTORY_MAX)
    records = await _stored(this_app().deps.store.history(kind, limit))
    now = utc_now()
    return json_response({"kind": kind, "records": [record_json(r, now) for r in records]})


@bp.get("/environment")
async def environment() -> Response:
    """Weather, air quality and sun/moon together (a kind with no record yet is ``null``), and the
    configured ``timezone``: the zone the board shows every time in, whatever zone a record names."""
    app = this_app()
    records = await _stored(app.deps.store.latest_all())
    now = utc_now()
    body: dict[str, object] = {"timezone": app.deps.config.timezone}
    body.update({kind: record_json(records[kind], now) if kind in records else None for kind in ENVIRONMENT_KINDS})
    return json_response(body)


@bp.get("/events")
async def events() -> Response:
    """Server-Sent Events: one ``record`` event per update, resumable with ``Last-Event-ID``.

    Browsers send ``Last-Event-ID`` themselves when they reconnect; a page that opens a new
    EventSource can pass the last id it saw as ``?last_event_id=`` instead.
    """
    app = this_app()
    asked = text_param("last_event_id")  # read even when the header is there: a repeated one is refused
    last_id = request.headers.get("Last-Event-ID") or asked
    body = record_events(app.hub, decode_event_id(last_id), app.deps.config.api.heartbeat_seconds)
    response = Response(
        body,
        content_type="text/event-stream; charset=utf-8",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
    response.timeout = None  # this stream is open for as long as the client stays: no response timeout here
    return response
