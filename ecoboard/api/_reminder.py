"""The reminder acknowledgement: ``POST /api/v1/reminder/done`` marks the reminder page's current window done.

No bus command: the mark is a record of kind ``reminder`` written to the store and announced on the
``update`` channel like a fetched one, so it reaches every panel and dashboard the way records do.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from quart import Blueprint, Response, request

from .._errors import BusError, StoreError
from .._record import REMINDER_KIND, iso_utc
from ._context import this_app
from ._display import RefusedBody, control_refusal, echo, json_body
from ._json import error_response, json_response, record_json, utc_now

bp = Blueprint("reminder", __name__, url_prefix="/api/v1/reminder")

SOURCE = "api"
VALID_FOR = timedelta(days=7)
"""How long a mark stays fresh: a week, the reminder's period."""
EXPECTED = 'reminder: expected no body or a JSON body {"done": true|false}'


def _done(raw: bytes) -> bool | str:
    """True (no body, or ``{"done": true}``) or False (``{"done": false}``), else what was received (for the 422)."""
    if not raw:
        return True
    body: Any = json_body(raw)
    if isinstance(body, RefusedBody):
        return body.reason
    if not isinstance(body, dict) or set(body) != {"done"}:
        return f"the body {echo(body)}"
    if not isinstance(body["done"], bool):
        return echo(body["done"])
    return body["done"]


@bp.post("/done")
async def done() -> Response:
    """Write the ``reminder`` record (``done_at`` now, or null to undo) and announce it; 200 with the record.

    Token rules as the control routes (503 without a configured token, 401 without the right one); 422
    for a body that is neither empty nor ``{"done": true|false}``; 503 when the store cannot take the
    record. It is announced on the API's bus and, on a cluster or hybrid board, on the cluster's Redis
    too (``ApiDeps.shared_bus``). A bus failure after the write still answers 200: the record is in
    the store, and the appliances and SSE fan-out re-read the store when their bus is back.
    """
    app = this_app()
    refused = control_refusal()
    if refused is not None:
        return refused
    mark = _done(await request.get_data(as_text=False))
    if isinstance(mark, str):
        return error_response(422, f"{EXPECTED}, got {mark}")
    now = utc_now()
    try:
        record = await app.deps.store.write(
            REMINDER_KIND,
            fetched_at=now,
            valid_until=now + VALID_FOR,
            source=SOURCE,
            data={"done_at": iso_utc(now) if mark else None},
        )
    except StoreError as exc:
        app.store_outage.failed(f"{request.method} {request.path}", exc)
        return error_response(503, "the store is unavailable; nothing was recorded")
    app.store_outage.answered()
    for bus in (app.deps.bus, app.deps.shared_bus):
        if bus is None:
            continue
        try:
            await bus.publish("update", {"kind": REMINDER_KIND, "version": record.version})
        except BusError as exc:
            app.bus_outage.failed(f"{request.method} {request.path}", exc)
        else:
            app.bus_outage.answered()
    return json_response(record_json(record, now))
