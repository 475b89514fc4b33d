"""Tolerant reading of provider JSON (C14, C21) and instant/date helpers shared by the env providers.

Optional values are read with :func:`dig` / :func:`number`: anything missing, null or of the wrong
type becomes ``None`` (one hidden cell). Required values go through :class:`Reader`, whose ``need_*``
methods raise :class:`ecoboard.PayloadError` naming the field path.
"""

from __future__ import annotations

import math
import zoneinfo
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Any

from ..._errors import PayloadError
from .._provider import FetchContext


def dig(obj: Any, *path: str | int) -> Any:
    """``obj[p0][p1]...`` or ``None`` when any step is missing or of the wrong container type."""
    for step in path:
        if isinstance(step, int):
            if not isinstance(obj, Sequence) or isinstance(obj, str) or not -len(obj) <= step < len(obj):
                return None
        elif not isinstance(obj, Mapping):
            return None
        obj = obj[step] if isinstance(step, int) else obj.get(step)
    return obj


def number(value: Any) -> float | None:
    """A finite JSON number as float; anything else (null, text, bool, NaN) as ``None``."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def integer(value: Any) -> int | None:
    """A JSON number rounded to the nearest integer, or ``None``."""
    found = number(value)
    return None if found is None else round(found)


def flag(value: Any) -> bool | None:
    """A 0/1 or true/false flag as bool, or ``None``."""
    if isinstance(value, bool):
        return value
    found = number(value)
    return None if found is None else found != 0


def text(value: Any) -> str | None:
    """A non-empty string, or ``None``."""
    return value if isinstance(value, str) and value.strip() else None


def at(values: Any, index: int) -> Any:
    """``values[index]`` of a JSON array, or ``None`` when the array is missing or too short."""
    return dig(values, index)


class Reader:
    """Reads required fields of one provider's answer; a failure names the field path.

    The fetcher framework (and ``ecoboard transform``) put ``<provider>: <kind>:`` in front of the
    message; the error's ``provider`` attribute is set here.
    """

    def __init__(self, provider: str) -> None:
        self.provider = provider

    def error(self, where: str, expectation: str, got: Any = None) -> PayloadError:
        """A PayloadError for field ``where`` (the value shown is a type name, never the payload)."""
        shown = "nothing" if got is None else type(got).__name__
        return PayloadError(f"{where}: expected {expectation}, got {shown}", provider=self.provider)

    def need_mapping(self, obj: Any, where: str) -> Mapping[str, Any]:
        """``obj`` itself, which must be a JSON object."""
        if not isinstance(obj, Mapping):
            raise self.error(where, "an object", obj)
        return obj

    def need_list(self, obj: Any, where: str) -> list[Any]:
        """``obj`` itself, which must be a JSON array."""
        if not isinstance(obj, list):
            raise self.error(where, "an array", obj)
        return obj

    def need_number(self, value: Any, where: str) -> float:
        """``value``, which must be a finite number."""
        found = number(value)
        if found is None:
            raise self.error(where, "a number", value)
        return found

    def need_text(self, value: Any, where: str) -> str:
        """``value``, which must be a non-empty string."""
        found = text(value)
        if found is None:
            raise self.error(where, "a string", value)
        return found

    def need_local_time(self, value: Any, offset: timezone, where: str) -> datetime:
        """A naive provider-local ``YYYY-MM-DDTHH:MM`` read at the response's fixed ``offset``."""
        found = local_time(value, offset)
        if found is None:
            raise self.error(where, "a local time YYYY-MM-DDTHH:MM", value)
        return found

    def need_unix(self, value: Any, where: str) -> datetime:
        """A unix timestamp (seconds) as an aware UTC datetime."""
        return datetime.fromtimestamp(self.need_number(value, where), UTC)


def local_time(value: Any, offset: tzinfo) -> datetime | None:
    """A naive ISO local time in a provider's fixed-offset frame as an aware UTC datetime, or ``None``."""
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=offset)
    return parsed.astimezone(UTC)


def aware_time(value: Any) -> datetime | None:
    """An ISO instant that carries its own offset (``...+01:00`` or ``...Z``) as UTC, or ``None``."""
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return None if parsed.tzinfo is None else parsed.astimezone(UTC)


def unix_time(value: Any) -> datetime | None:
    """A positive unix timestamp as UTC, or ``None`` (OWM writes 0 for "no moonrise today")."""
    found = number(value)
    return None if found is None or found <= 0 else datetime.fromtimestamp(found, UTC)


def iso(value: datetime | None) -> str | None:
    """ISO-8601 in UTC with ``+00:00``, or ``None``."""
    return None if value is None else value.astimezone(UTC).isoformat()


def fixed_offset(seconds: Any) -> timezone:
    """A fixed UTC offset from a provider's ``utc_offset_seconds`` (0 when missing)."""
    found = number(seconds)
    return timezone(timedelta(seconds=found or 0.0))


def zone(name: Any) -> zoneinfo.ZoneInfo | None:
    """An IANA zone by name, or ``None`` when the name is missing or unknown."""
    if not isinstance(name, str) or not name:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # unknown, malformed, a directory, too long
        return None


def zone_name(name: Any) -> str | None:
    """``name`` when it is a usable IANA zone, else ``None`` (a record never carries an unusable zone)."""
    return name if zone(name) is not None else None


def local_date(instant: datetime, where: tzinfo) -> str:
    """The calendar date of ``instant`` in zone ``where`` as ``YYYY-MM-DD``."""
    return instant.astimezone(where).date().isoformat()


def every_period(data: Mapping[str, Any], ctx: FetchContext) -> float:
    """``next_poll`` of kinds that change at a steady pace: the configured period."""
    del data
    return ctx.settings.period


def coordinates(ctx: FetchContext) -> tuple[str, str]:
    """The configured location as request parameters, rounded to 4 decimals (about 10 m)."""
    loc = ctx.config.location
    return f"{loc.lat:.4f}", f"{loc.lon:.4f}"


def base_url(ctx: FetchContext, default: str) -> str:
    """The configured base URL of this provider (C16), else ``default``, without a trailing slash."""
    return (ctx.settings.base_url or default).rstrip("/")


def key_param(ctx: FetchContext, param: str) -> dict[str, str]:
    """``{param: api key}`` for a RequestSpec's ``secret_params``; empty without a key.

    The framework refuses to fetch from a keyed provider without one (``resolve_api_key``); the
    request list itself stays computable without it (``ecoboard transform`` only needs the names).
    """
    return {param: ctx.api_key} if ctx.api_key else {}
