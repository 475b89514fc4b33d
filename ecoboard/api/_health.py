"""``/healthz`` (the process is alive) and ``/readyz`` (it can serve: store, frames, data freshness).

The per-kind report describes what this process serves: the store's records when it answers, else
the records it holds in memory (those its SSE fan-out serves, and on a board those the panel draws).
A ``fetch`` block appears only for the kinds this process fetches itself (``config.is_local``): in
cluster mode none, in hybrid mode the local kinds.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from functools import partial
from typing import Any, TypeVar

import trio
from quart import Blueprint, Response, request

from .._errors import StoreError
from .._record import Record, utc_instant
from ..store import AsyncStore
from ._context import EcoboardApp, known_kinds, this_app
from ._json import json_response, utc_now
from ._params import choice_param

bp = Blueprint("health", __name__)

FRAME_RECENT_SECONDS = 5.0
"""A display whose last frame is older than this is not ready (the render loop is stuck)."""

STORE_CHECK_SECONDS = 2.0
"""How long a health check waits for the store. Below every probe's ``timeoutSeconds`` in k8s/ (3 s; a
test checks them): a stalled PostgreSQL is answered as a 503 that says so, not seen as a probe timeout."""

T = TypeVar("T")


async def check_store(app: EcoboardApp, call: Callable[[], Awaitable[T]]) -> T | StoreError:
    """``await call()`` given :data:`STORE_CHECK_SECONDS`, noted in the app's store outage log; on failure
    the :class:`StoreError` is returned (one that did not answer in time: "the store did not answer
    within N s"). A store call given up in its worker thread keeps later calls waiting (each within its
    own deadline) until it returns: when the server answers, or when a call that reaches the store's
    own deadline (10 s) breaks the connection."""
    try:
        with trio.move_on_after(STORE_CHECK_SECONDS):
            result = await call()
            app.store_outage.answered()
            return result
        raise StoreError(f"the store did not answer within {STORE_CHECK_SECONDS:g} s")
    except StoreError as exc:
        app.store_outage.failed(f"{request.method} {request.path}", exc)
        return exc


@bp.get("/healthz")
async def healthz() -> Response:
    """Alive: the event loop answers."""
    return json_response({"status": "alive"})


def _frame_age(last_frame_at: Any, now: datetime) -> float | None:
    if last_frame_at is None:
        return None
    return max((now - utc_instant(last_frame_at)).total_seconds(), 0.0)  # a frame drawn as we read the clock


def _kinds(app: EcoboardApp, records: Mapping[str, Record], now: datetime) -> dict[str, Any]:
    config = app.deps.config
    health = app.deps.health() if app.deps.health is not None else {}
    out: dict[str, Any] = {}
    for kind in known_kinds(app):
        settings = config.providers.get(kind)
        if settings is not None and not settings.enabled:
            continue
        record = records.get(kind)
        entry: dict[str, Any] = {
            "version": None if record is None else record.version,
            "fetched_at": None if record is None else record.fetched_at,
            "valid_until": None if record is None else record.valid_until,
            "fresh": record is not None and not record.is_stale(now),
        }
        if kind in health and config.is_local(kind):
            entry["fetch"] = dict(health[kind])
        out[kind] = entry
    return out


async def _ping_and_read(store: AsyncStore) -> dict[str, Record]:
    await store.ping()
    return await store.latest_all()


@bp.get("/readyz")
async def readyz() -> Response:
    """200 when ready, else 503 with ``reasons``.

    Ready means: the store answers a ping and a read within :data:`STORE_CHECK_SECONDS`, the update
    subscription is not away (lost, or its first attempt failed; ``connecting`` at start does not count
    against it; the appliance in cluster and hybrid mode reports its Redis syncer's, see
    :class:`~ecoboard.api.ApiDeps`), and when there is a display its last frame is recent. Per-kind
    freshness is always reported (``records_from`` says whether of the store's records or, while it does
    not answer, of those held in memory); it only counts with ``?strict=1``, because a stale provider
    should not take the dashboard (which shows stale markers) out of service.
    """
    strict = choice_param("strict", "0", ("1", "true", "0", "false"))
    app = this_app()
    now = utc_now()
    reasons: list[str] = []
    answer = await check_store(app, partial(_ping_and_read, app.deps.store))
    records = None if isinstance(answer, StoreError) else answer
    if records is None:
        reasons.append(f"store unreachable: {answer}")
    display: dict[str, Any] | None = None
    if app.deps.display is not None:
        age = _frame_age(app.deps.display.state().get("last_frame_at"), now)
        display = {"last_frame_age_seconds": age}
        if age is None:
            reasons.append("display: no frame drawn yet")
        elif age > FRAME_RECENT_SECONDS:
            reasons.append(f"display: last frame {age:.1f} s ago (more than {FRAME_RECENT_SECONDS:.0f} s)")
    bus = app.hub.bus_state if app.deps.bus_state is None else app.deps.bus_state()
    if bus == "away":
        reasons.append("bus away: live updates wait until the update subscription is back")
    kinds = _kinds(app, app.hub.latest if records is None else records, now)
    if strict in ("1", "true"):
        reasons.extend(f"{kind}: no fresh record" for kind, entry in kinds.items() if not entry["fresh"])
    body = {
        "ready": not reasons,
        "reasons": reasons,
        "store": "unreachable" if records is None else "ok",
        "bus": bus,
        "display": display,
        "records_from": "memory" if records is None else "store",
        "kinds": kinds,
    }
    return json_response(body, status=200 if not reasons else 503)
