"""``sun_moon`` from MET Norway's Sunrise 3.0 API (keyless; the framework sends the User-Agent MET requires).

Two GETs, ``{base}/sun`` and ``{base}/moon``, for today's date in the configured zone and that zone's
UTC offset at ``ctx.now``. The answers' times carry that offset and are stored as UTC instants; the
record's ``date`` is the local date MET answered for. Sunrise/sunset/moonrise/moonset are null in
polar day or night (and on days without a moonrise); the moon phase is required.

Phase names: MET gives the phase angle (0 new, 90 first quarter, 180 full, 270 last quarter). The
four principal phases are named within ±6° of their angle (the Moon moves about 12° a day, so each
lasts about a day); the angles between are the crescents and gibbous phases. Illumination is the lit
fraction of the disc, (1 - cos(angle)) / 2.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from .._provider import FetchContext, Provider, RequestSpec
from ._payload import Reader, aware_time, base_url, coordinates, dig, iso

NAME = "met-norway"
DEFAULT_BASE_URL = "https://api.met.no/weatherapi/sunrise/3.0"
PRINCIPAL_TOLERANCE = 6.0
PRINCIPAL = ((0.0, "new"), (90.0, "first_quarter"), (180.0, "full"), (270.0, "last_quarter"), (360.0, "new"))
BETWEEN = ("waxing_crescent", "waxing_gibbous", "waning_gibbous", "waning_crescent")


def _offset_text(now: datetime) -> str:
    offset = now.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def requests(ctx: FetchContext) -> list[RequestSpec]:
    """The ``sun`` and ``moon`` GETs for today (config zone) at the configured location."""
    lat, lon = coordinates(ctx)
    local_now = ctx.now.astimezone(ZoneInfo(ctx.config.timezone))
    params = {"lat": lat, "lon": lon, "date": local_now.date().isoformat(), "offset": _offset_text(local_now)}
    base = base_url(ctx, DEFAULT_BASE_URL)
    return [RequestSpec(name=body, url=f"{base}/{body}", params=params) for body in ("sun", "moon")]


def phase_name(degrees: float) -> str:
    """The phase name of a phase angle in degrees (any value, taken modulo 360)."""
    angle = degrees % 360.0
    for centre, name in PRINCIPAL:
        if abs(angle - centre) <= PRINCIPAL_TOLERANCE:
            return name
    return BETWEEN[int(angle // 90.0)]


def illumination(degrees: float) -> float:
    """The lit fraction of the Moon's disc (0..1, two decimals) at a phase angle in degrees."""
    return round((1.0 - math.cos(math.radians(degrees))) / 2.0, 2)


def _local_date(props: Mapping[str, Any], ctx: FetchContext) -> str:
    """The date MET answered for: the local date part of an event time, else today in the config zone."""
    for event in ("solarnoon", "sunrise", "sunset"):
        stamp = dig(props, event, "time")
        if aware_time(stamp) is not None:
            return str(stamp)[:10]
    return ctx.now.astimezone(ZoneInfo(ctx.config.timezone)).date().isoformat()


def transform(responses: Mapping[str, Any], ctx: FetchContext) -> dict[str, Any]:
    """The two answers as normalized ``sun_moon`` data (docs/records.md)."""
    read = Reader(NAME)
    sun = read.need_mapping(dig(read.need_mapping(responses.get("sun"), "sun"), "properties"), "sun.properties")
    moon = read.need_mapping(dig(read.need_mapping(responses.get("moon"), "moon"), "properties"),
                             "moon.properties")
    degrees = read.need_number(dig(moon, "moonphase", "value"), "moon.properties.moonphase.value") % 360.0
    return {
        "date": _local_date(sun, ctx),
        "sunrise": iso(aware_time(dig(sun, "sunrise", "time"))),
        "sunset": iso(aware_time(dig(sun, "sunset", "time"))),
        "solar_noon": iso(aware_time(dig(sun, "solarnoon", "time"))),
        "moonrise": iso(aware_time(dig(moon, "moonrise", "time"))),
        "moonset": iso(aware_time(dig(moon, "moonset", "time"))),
        "moon_phase_degrees": round(degrees, 2) % 360.0,  # 359.996 -> 0.0, never 360
        "moon_phase": phase_name(degrees),
        "moon_illumination": illumination(degrees),
    }


def next_poll(data: Mapping[str, Any], ctx: FetchContext) -> float:
    """The configured period, but never past a minute after the next local midnight (a new day)."""
    del data
    zone = ZoneInfo(ctx.config.timezone)
    local_now = ctx.now.astimezone(zone)
    midnight = datetime.combine(local_now.date() + timedelta(days=1), time(0, 1), tzinfo=zone)
    return max(60.0, min(ctx.settings.period, (midnight - local_now).total_seconds()))


PROVIDERS = (
    Provider(
        kind="sun_moon",
        name=NAME,
        requests=requests,
        transform=transform,
        next_poll=next_poll,
        default_base_url=DEFAULT_BASE_URL,
    ),
)
