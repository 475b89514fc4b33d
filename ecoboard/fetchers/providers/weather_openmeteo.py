"""``weather`` from Open-Meteo's forecast API (keyless, the default weather provider).

One GET of ``{base}/v1/forecast`` with ``current``, ``hourly`` (48 h from the current hour) and
``daily`` (8 days) variables, in the configured time zone. Units are read from the answer's
``*_units`` blocks, whatever the request asked for (the recorded answers use km/h).

Time: Open-Meteo writes local times without an offset and applies ONE ``utc_offset_seconds`` (the
offset valid when the request was made) to every timestamp of the answer, also across a DST change.
So every local time is read at that fixed offset, which gives the true instant; reading them with the
IANA zone would be an hour off after a transition (C02). Daily dates are Open-Meteo's own labels.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import datetime, timedelta
from itertools import islice
from typing import Any

from .._provider import FetchContext, Provider, RequestSpec
from . import _units
from ._conditions import wmo_condition
from ._payload import (
    Reader,
    at,
    base_url,
    coordinates,
    dig,
    every_period,
    fixed_offset,
    flag,
    integer,
    iso,
    local_time,
    number,
    zone_name,
)

NAME = "open-meteo"
DEFAULT_BASE_URL = "https://api.open-meteo.com"
PATH = "/v1/forecast"
REQUEST = "forecast"
HOURS = 48
DAYS = 8

CURRENT_VARS = (
    "temperature_2m",
    "apparent_temperature",
    "relative_humidity_2m",
    "pressure_msl",
    "wind_speed_10m",
    "wind_gusts_10m",
    "wind_direction_10m",
    "precipitation",
    "cloud_cover",
    "visibility",
    "uv_index",
    "weather_code",
    "is_day",
)
HOURLY_VARS = (
    "temperature_2m",
    "apparent_temperature",
    "precipitation_probability",
    "precipitation",
    "wind_speed_10m",
    "weather_code",
    "is_day",
)
DAILY_VARS = (
    "weather_code",
    "temperature_2m_max",
    "temperature_2m_min",
    "apparent_temperature_max",
    "apparent_temperature_min",
    "precipitation_sum",
    "precipitation_probability_max",
    "wind_speed_10m_max",
    "sunrise",
    "sunset",
)

# The units we ask for; used when an answer's *_units block does not name a variable's unit.
ASKED_UNITS = {"temperature": "°C", "speed": "m/s", "length": "mm"}

_Convert = Callable[[float | None, str | None], float | None]


def requests(ctx: FetchContext) -> list[RequestSpec]:
    """The single forecast GET for the configured location and time zone."""
    lat, lon = coordinates(ctx)
    params = {
        "latitude": lat,
        "longitude": lon,
        "current": ",".join(CURRENT_VARS),
        "hourly": ",".join(HOURLY_VARS),
        "daily": ",".join(DAILY_VARS),
        "timezone": ctx.config.timezone,
        "forecast_hours": str(HOURS),
        "forecast_days": str(DAYS),
        "temperature_unit": "celsius",
        "wind_speed_unit": "ms",
        "precipitation_unit": "mm",
    }
    return [RequestSpec(name=REQUEST, url=base_url(ctx, DEFAULT_BASE_URL) + PATH, params=params)]


class _Block:
    """One of ``current``/``hourly``/``daily`` with its units block: reads converted values."""

    def __init__(self, answer: Mapping[str, Any], name: str) -> None:
        self.values = dig(answer, name)
        units = dig(answer, f"{name}_units")
        self.units: Mapping[str, Any] = units if isinstance(units, Mapping) else {}

    def unit(self, var: str, default: str) -> str:
        found = self.units.get(var)
        return found if isinstance(found, str) else default

    def scalar(self, var: str, convert: _Convert, default_unit: str = "") -> float | None:
        return convert(number(dig(self.values, var)), self.unit(var, default_unit))

    def series(self, var: str, index: int, convert: _Convert, default_unit: str = "") -> float | None:
        return convert(number(self.raw(var, index)), self.unit(var, default_unit))

    def raw(self, var: str, index: int) -> Any:
        return at(dig(self.values, var), index)


def _rows(answer: Mapping[str, Any], read: Reader, name: str) -> tuple[_Block, list[Any]]:
    """The block ``name`` and its ``time`` array; no block at all is an empty list (an optional block)."""
    block = _Block(answer, name)
    if block.values is None:
        return block, []
    return block, read.need_list(read.need_mapping(block.values, name).get("time"), f"{name}.time")


def _current(answer: Mapping[str, Any], read: Reader, offset: Any) -> tuple[dict[str, Any], datetime]:
    block = _Block(answer, "current")
    values = read.need_mapping(block.values, "current")
    observed = read.need_local_time(values.get("time"), offset, "current.time")
    temperature = _units.celsius(
        read.need_number(values.get("temperature_2m"), "current.temperature_2m"),
        block.unit("temperature_2m", ASKED_UNITS["temperature"]),
    )
    if temperature is None:
        raise read.error("current_units.temperature_2m", "°C, °F or K", block.units.get("temperature_2m"))
    code = integer(values.get("weather_code"))
    condition, description = wmo_condition(code)
    speed, length = ASKED_UNITS["speed"], ASKED_UNITS["length"]
    current = {
        "time": iso(observed),
        "temperature": temperature,
        "feels_like": block.scalar("apparent_temperature", _units.celsius, ASKED_UNITS["temperature"]),
        "humidity": integer(values.get("relative_humidity_2m")),
        "pressure": block.scalar("pressure_msl", _units.hectopascals, "hPa"),
        "wind_speed": block.scalar("wind_speed_10m", _units.metres_per_second, speed),
        "wind_gust": block.scalar("wind_gusts_10m", _units.metres_per_second, speed),
        "wind_direction": integer(values.get("wind_direction_10m")),
        "precipitation": block.scalar("precipitation", _units.millimetres, length),
        "cloud_cover": integer(values.get("cloud_cover")),
        "visibility": block.scalar("visibility", _units.metres, "m"),
        "uv_index": block.scalar("uv_index", _units.same),
        "condition": condition,
        "is_day": flag(values.get("is_day")),
        "description": description,
        "code": code,
    }
    return current, observed


def _hourly(answer: Mapping[str, Any], read: Reader, offset: Any, observed: datetime) -> Iterator[dict[str, Any]]:
    """Hourly entries from the hour holding the observation on (lazy: the caller takes 48)."""
    block, times = _rows(answer, read, "hourly")
    temp, speed, length = ASKED_UNITS["temperature"], ASKED_UNITS["speed"], ASKED_UNITS["length"]
    for i, raw in enumerate(times):
        instant = read.need_local_time(raw, offset, f"hourly.time[{i}]")
        if instant + timedelta(hours=1) <= observed:
            continue  # an hour that ended before the observation
        code = integer(block.raw("weather_code", i))
        yield {
            "time": iso(instant),
            "temperature": block.series("temperature_2m", i, _units.celsius, temp),
            "feels_like": block.series("apparent_temperature", i, _units.celsius, temp),
            "precipitation_probability": integer(block.raw("precipitation_probability", i)),
            "precipitation": block.series("precipitation", i, _units.millimetres, length),
            "wind_speed": block.series("wind_speed_10m", i, _units.metres_per_second, speed),
            "condition": wmo_condition(code)[0],
            "is_day": flag(block.raw("is_day", i)),
            "code": code,
        }


def _daily(answer: Mapping[str, Any], read: Reader, offset: Any, today: str) -> Iterator[dict[str, Any]]:
    """Daily entries from the observation's local date on (lazy: the caller takes 8)."""
    block, dates = _rows(answer, read, "daily")
    temp, speed, length = ASKED_UNITS["temperature"], ASKED_UNITS["speed"], ASKED_UNITS["length"]
    for i, raw in enumerate(dates):
        day = read.need_text(raw, f"daily.time[{i}]")[:10]
        if day < today:
            continue
        code = integer(block.raw("weather_code", i))
        yield {
            "date": day,
            "temperature_max": block.series("temperature_2m_max", i, _units.celsius, temp),
            "temperature_min": block.series("temperature_2m_min", i, _units.celsius, temp),
            "feels_like_max": block.series("apparent_temperature_max", i, _units.celsius, temp),
            "feels_like_min": block.series("apparent_temperature_min", i, _units.celsius, temp),
            "precipitation_sum": block.series("precipitation_sum", i, _units.millimetres, length),
            "precipitation_probability": integer(block.raw("precipitation_probability_max", i)),
            "wind_speed_max": block.series("wind_speed_10m_max", i, _units.metres_per_second, speed),
            "sunrise": iso(local_time(block.raw("sunrise", i), offset)),
            "sunset": iso(local_time(block.raw("sunset", i), offset)),
            "condition": wmo_condition(code)[0],
            "code": code,
        }


def transform(responses: Mapping[str, Any], ctx: FetchContext) -> dict[str, Any]:
    """The forecast answer as normalized ``weather`` data (docs/records.md)."""
    del ctx
    read = Reader(NAME)
    answer = read.need_mapping(responses.get(REQUEST), REQUEST)
    offset = fixed_offset(answer.get("utc_offset_seconds"))
    current, observed = _current(answer, read, offset)
    today = str(dig(answer, "current", "time"))[:10]  # the local date at the request's own offset
    return {
        "location": {
            "lat": read.need_number(answer.get("latitude"), "latitude"),
            "lon": read.need_number(answer.get("longitude"), "longitude"),
            "timezone": zone_name(answer.get("timezone")),
        },
        "current": current,
        "hourly": list(islice(_hourly(answer, read, offset, observed), HOURS)),
        "daily": list(islice(_daily(answer, read, offset, today), DAYS)),
    }


PROVIDERS = (
    Provider(
        kind="weather",
        name=NAME,
        requests=requests,
        transform=transform,
        next_poll=every_period,
        default_base_url=DEFAULT_BASE_URL,
    ),
)
