"""JSON bodies: one encoder for every response, the error shape and the record wire shape."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import numpy as np
from quart import Response

from .._record import Record, iso_utc, thaw


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return iso_utc(value) if value.tzinfo is not None else value.isoformat()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, Mapping):
        return thaw(value)
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def dumps(value: Any) -> str:
    """Compact JSON text on one line (datetimes as ISO-8601 UTC, numpy scalars as numbers)."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=_default)


def json_response(value: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> Response:
    """A JSON response."""
    return Response(dumps(value), status=status, headers=dict(headers or {}), content_type="application/json")


def error_response(status: int, message: str, headers: Mapping[str, str] | None = None, **extra: Any) -> Response:
    """The one error shape: ``{"error": message, ...extra}``."""
    return json_response({"error": message, **extra}, status=status, headers=headers)


def utc_now() -> datetime:
    """The current instant, aware UTC."""
    return datetime.now(UTC)


def record_json(record: Record, now: datetime) -> dict[str, Any]:
    """``Record.to_json()`` plus ``stale``: true once ``now`` is past ``valid_until``."""
    body = record.to_json()
    body["stale"] = record.is_stale(now)
    return body
