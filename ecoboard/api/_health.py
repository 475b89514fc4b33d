"""``/healthz`` (the process is alive) and ``/readyz`` (it can serve: store, frames, data freshness)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from quart import Blueprint, Response, request

from .._errors import StoreError
from .._record import Record, utc_instant
from ._context import EcoboardApp, known_kinds, this_app
from ._json import error_response, json_response, utc_now

bp = Blueprint("health", __name__)

FRAME_RECENT_SECONDS = 5.0
"""A display whose last frame is older than this is not ready (the render loop is stuck)."""


@bp.get("/healthz")
async def healthz() -> Response:
    """Alive: the event loop answers."""
    return json_response({"status": "alive"})


def _frame_age(last_frame_at: Any, now: datetime) -> float | None:
    if last_frame_at is None:
        return None
    return max((now - utc_instant(last_frame_at)).total_seconds(), 0.0)  # a frame drawn as we read the clock


def _kinds(app: EcoboardApp, records: Mapping[str, Record] | None, now: datetime) -> dict[str, Any]:
    health = app.deps.health() if app.deps.health is not None else {}
    out: dict[str, Any] = {}
    for kind in known_kinds(app):
        settings = app.deps.config.providers.get(kind)
        if settings is not None and not settings.enabled:
            continue
        record = None if records is None else records.get(kind)
        entry: dict[str, Any] = {
            "version": None if record is None else record.version,
            "fetched_at": None if record is None else record.fetched_at,
            "valid_until": None if record is None else record.valid_until,
            "fresh": record is not None and not record.is_stale(now),
        }
        if kind in health:
            entry["fetch"] = dict(health[kind])
        out[kind] = entry
    return out


@bp.get("/readyz")
async def readyz() -> Response:
    """200 when ready, else 503 with ``reasons``.

    Ready means: the store answers a ping, and when there is a display its last frame is recent.
    Per-kind freshness is always reported; it only counts with ``?strict=1``, because a stale
    provider should not take the dashboard (which shows stale markers) out of service.
    """
    app = this_app()
    now = utc_now()
    reasons: list[str] = []
    records: dict[str, Record] | None = None
    try:
        await app.deps.store.ping()
        records = await app.deps.store.latest_all()
        store = "ok"
        app.store_outage.answered()
    except StoreError as exc:
        store = "unreachable"
        reasons.append(f"store unreachable: {exc}")
        app.store_outage.failed(f"{request.method} {request.path}", exc)
    display: dict[str, Any] | None = None
    if app.deps.display is not None:
        age = _frame_age(app.deps.display.state().get("last_frame_at"), now)
        display = {"last_frame_age_seconds": age}
        if age is None:
            reasons.append("display: no frame drawn yet")
        elif age > FRAME_RECENT_SECONDS:
            reasons.append(f"display: last frame {age:.1f} s ago (more than {FRAME_RECENT_SECONDS:.0f} s)")
    kinds = _kinds(app, records, now)
    strict = request.args.get("strict", "0")
    if strict not in ("0", "1", "true", "false"):
        return error_response(422, f"strict: expected 1, true, 0 or false, got {strict!r}")
    if strict in ("1", "true"):
        reasons.extend(f"{kind}: no fresh record" for kind, entry in kinds.items() if not entry["fresh"])
    body = {"ready": not reasons, "reasons": reasons, "store": store, "display": display, "kinds": kinds}
    return json_response(body, status=200 if not reasons else 503)
