"""``weather`` from OpenWeatherMap One Call 3.0 (needs an API key; an option to Open-Meteo).

One GET of ``{base}/data/3.0/onecall`` with ``units=standard`` (Kelvin, m/s: the API's default, so an
answer without a units parameter reads the same) and ``exclude=minutely,alerts``; the key goes in
``secret_params`` as ``appid``. Instants are unix seconds; daily dates are the local dates of each
day's ``dt`` in the answer's IANA ``timezone`` (the fixed ``timezone_offset`` is only a fallback, as
it is the offset of the request's moment, wrong across a DST change: C02).

Precipitation: OWM sends ``rain``/``snow`` only "where available", i.e. when some fell or is
forecast, so an entry without either block stores 0.0 mm; a block with a non-numeric value is null.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime, timedelta, tzinfo
from itertools import islice
from typing import Any

from .._provider import FetchContext, Provider, RequestSpec
from . import _units
from ._conditions import owm_condition, owm_words
from ._payload import (
    Reader,
    base_url,
    coordinates,
    dig,
    every_period,
    fixed_offset,
    integer,
    iso,
    key_param,
    local_date,
    number,
    text,
    unix_time,
    zone,
    zone_name,
)

NAME = "openweathermap"
DEFAULT_BASE_URL = "https://api.openweathermap.org"
PATH = "/data/3.0/onecall"
REQUEST = "onecall"
HOURS = 48
DAYS = 8
KELVIN, SPEED = "K", "m/s"  # units=standard


def requests(ctx: FetchContext) -> list[RequestSpec]:
    """The One Call GET for the configured location; the API key is a secret parameter."""
    lat, lon = coordinates(ctx)
    params = {"lat": lat, "lon": lon, "units": "standard", "exclude": "minutely,alerts", "lang": "en"}
    return [
        RequestSpec(
            name=REQUEST,
            url=base_url(ctx, DEFAULT_BASE_URL) + PATH,
            params=params,
            secret_params=key_param(ctx, "appid"),
        )
    ]


def _precipitation(item: Mapping[str, Any], key: str | None) -> float | None:
    """rain + snow in mm (per hour for ``key="1h"``, per day for ``key=None``); 0.0 when neither is sent."""
    total = 0.0
    for kind in ("rain", "snow"):
        block = item.get(kind)
        if block is None:
            continue
        value = number(dig(block, key) if key else block)
        if value is None:
            return None
        total += value
    return round(total, 2)


def _weather(item: Mapping[str, Any]) -> tuple[int | None, str, str, bool | None]:
    """(code, condition, description, is_day) from an item's ``weather[0]``."""
    code = integer(dig(item, "weather", 0, "id"))
    condition = owm_condition(code)
    words = text(dig(item, "weather", 0, "description"))
    description = words[0].upper() + words[1:] if words else owm_words(condition)
    icon = text(dig(item, "weather", 0, "icon")) or ""
    is_day = {"d": True, "n": False}.get(icon[-1:])
    return code, condition, description, is_day


def _percent(probability: Any) -> int | None:
    found = number(probability)
    return None if found is None else round(found * 100)


def _current(item: Mapping[str, Any], read: Reader) -> dict[str, Any]:
    code, condition, description, is_day = _weather(item)
    temperature = _units.celsius(read.need_number(item.get("temp"), "current.temp"), KELVIN)
    return {
        "time": iso(read.need_unix(item.get("dt"), "current.dt")),
        "temperature": temperature,
        "feels_like": _units.celsius(number(item.get("feels_like")), KELVIN),
        "humidity": integer(item.get("humidity")),
        "pressure": _units.hectopascals(number(item.get("pressure")), "hPa"),
        "wind_speed": _units.metres_per_second(number(item.get("wind_speed")), SPEED),
        "wind_gust": _units.metres_per_second(number(item.get("wind_gust")), SPEED),
        "wind_direction": integer(item.get("wind_deg")),
        "precipitation": _precipitation(item, "1h"),
        "cloud_cover": integer(item.get("clouds")),
        "visibility": _units.metres(number(item.get("visibility")), "m"),
        "uv_index": _units.same(number(item.get("uvi")), ""),
        "condition": condition,
        "is_day": is_day,
        "description": description,
        "code": code,
    }


def _items(answer: Mapping[str, Any], read: Reader, name: str) -> list[Any]:
    """The ``hourly`` or ``daily`` array; a block that is not sent at all is empty (optional)."""
    found = answer.get(name)
    return [] if found is None else read.need_list(found, name)


def _hourly(items: list[Any], read: Reader, observed: datetime) -> Iterator[dict[str, Any]]:
    """Hourly entries from the hour holding the observation on (lazy: the caller takes 48)."""
    for i, raw in enumerate(items):
        item = read.need_mapping(raw, f"hourly[{i}]")
        instant = read.need_unix(item.get("dt"), f"hourly[{i}].dt")
        if instant + timedelta(hours=1) <= observed:
            continue
        code, condition, _, is_day = _weather(item)
        yield {
            "time": iso(instant),
            "temperature": _units.celsius(number(item.get("temp")), KELVIN),
            "feels_like": _units.celsius(number(item.get("feels_like")), KELVIN),
            "precipitation_probability": _percent(item.get("pop")),
            "precipitation": _precipitation(item, "1h"),
            "wind_speed": _units.metres_per_second(number(item.get("wind_speed")), SPEED),
            "condition": condition,
            "is_day": is_day,
            "code": code,
        }


def _daily(items: list[Any], read: Reader, where: tzinfo, today: str) -> Iterator[dict[str, Any]]:
    """Daily entries from the observation's local date on (lazy: the caller takes 8)."""
    for i, raw in enumerate(items):
        item = read.need_mapping(raw, f"daily[{i}]")
        day = local_date(read.need_unix(item.get("dt"), f"daily[{i}].dt"), where)
        if day < today:
            continue
        code, condition, _, _ = _weather(item)
        feels = [
            v
            for v in (number(dig(item, "feels_like", part)) for part in ("morn", "day", "eve", "night"))
            if v is not None
        ]
        yield {
            "date": day,
            "temperature_max": _units.celsius(number(dig(item, "temp", "max")), KELVIN),
            "temperature_min": _units.celsius(number(dig(item, "temp", "min")), KELVIN),
            "feels_like_max": _units.celsius(max(feels), KELVIN) if feels else None,
            "feels_like_min": _units.celsius(min(feels), KELVIN) if feels else None,
            "precipitation_sum": _precipitation(item, None),
            "precipitation_probability": _percent(item.get("pop")),
            "wind_speed_max": _units.metres_per_second(number(item.get("wind_speed")), SPEED),
            "sunrise": iso(unix_time(item.get("sunrise"))),
            "sunset": iso(unix_time(item.get("sunset"))),
            "condition": condition,
            "code": code,
        }


def transform(responses: Mapping[str, Any], ctx: FetchContext) -> dict[str, Any]:
    """The One Call answer as normalized ``weather`` data (docs/records.md)."""
    del ctx
    read = Reader(NAME)
    answer = read.need_mapping(responses.get(REQUEST), REQUEST)
    current = read.need_mapping(answer.get("current"), "current")
    observed = read.need_unix(current.get("dt"), "current.dt")
    where = zone(answer.get("timezone")) or fixed_offset(answer.get("timezone_offset"))
    return {
        "location": {
            "lat": read.need_number(answer.get("lat"), "lat"),
            "lon": read.need_number(answer.get("lon"), "lon"),
            "timezone": zone_name(answer.get("timezone")),
        },
        "current": _current(current, read),
        "hourly": list(islice(_hourly(_items(answer, read, "hourly"), read, observed), HOURS)),
        "daily": list(islice(_daily(_items(answer, read, "daily"), read, where, local_date(observed, where)), DAYS)),
    }


PROVIDERS = (
    Provider(
        kind="weather",
        name=NAME,
        requests=requests,
        transform=transform,
        next_poll=every_period,
        default_base_url=DEFAULT_BASE_URL,
        needs_api_key=True,
    ),
)
