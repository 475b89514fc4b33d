"""``weather`` from the US National Weather Service (api.weather.gov; keyless, United States only).

Requests: ``GET {base}/points/{lat},{lon}`` (request ``points``), plus, when ``options.station`` names
an observation station, ``GET {base}/stations/{station}/observations/latest`` (``observation``). The
points answer names the forecasts: its ``properties.forecast`` (12-hour day and night periods) and
``properties.forecastHourly`` URLs are the follow-up requests ``forecast`` and ``forecast_hourly``.
Both are needed, so both are required follow-ups: without either the fetch fails and the last good
record stays. A point outside the United States is answered 404 to the points request, which
:func:`explain_status` turns into an error naming the point and the providers to choose instead.

The points answer is asked for on every poll: provider functions are pure (no state between
fetches), so there is nowhere to keep it; it is one small GET. ``observationStations``
is not followed: it lists stations, and reading one of them would take a second round of follow-ups.

Current conditions: the station's latest observation when ``options.station`` is set and that
observation has a time and a temperature; otherwise the hourly forecast period holding the fetch
instant (or the first one after it), with the forecast's own words.

Units and conditions are read by :mod:`._nws_values` (°C, m/s, hPa, mm, metres; conditions from the
icon URLs). NWS codes are words, so ``code`` is null.

Daily entries pair each day period with the night that follows it (the night belongs to the date its
evening falls on): high = the day's temperature, low = the night's; a night without its day (the
first period in the evening) has no high.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime, timedelta, tzinfo
from itertools import islice
from typing import Any

from ..._errors import PayloadError
from .._options import read_option
from .._provider import FetchContext, OptionError, Provider, RequestSpec
from . import _units
from ._nws_values import (
    compass_degrees,
    condition_words,
    forecast_wind,
    icon_condition,
    millimetres,
    percent,
    period_temperature,
    wmo_quantity,
)
from ._payload import (
    Reader,
    aware_time,
    base_url,
    dig,
    every_period,
    flag,
    integer,
    iso,
    local_date,
    number,
    text,
    zone,
    zone_name,
)

NAME = "nws"
DEFAULT_BASE_URL = "https://api.weather.gov"
HOURS = 48
DAYS = 8
FOLLOW_UPS = {"forecast": "forecast", "forecast_hourly": "forecastHourly"}
"""Follow-up request name -> the points property holding its URL."""

_STATION = re.compile(r"[A-Z0-9]{3,6}")


def read_station(value: Any) -> str | None:
    """``station`` as written: an observation station id such as ``KFLL`` (null: none)."""
    if value is None:
        return None
    if isinstance(value, str) and _STATION.fullmatch(value.strip().upper()):
        return value.strip().upper()
    raise OptionError.expected("an observation station id of 3 to 6 letters or digits, such as KFLL", value)


def _point(ctx: FetchContext) -> str:
    """``lat,lon`` as NWS writes a point: at most 4 decimals, no trailing zeros."""

    def short(value: float) -> str:
        shown = f"{value:.4f}".rstrip("0").rstrip(".")
        return "0" if shown == "-0" else shown

    return f"{short(ctx.config.location.lat)},{short(ctx.config.location.lon)}"


def requests(ctx: FetchContext) -> list[RequestSpec]:
    """The points GET, and the station's latest observation when ``options.station`` is set."""
    base = base_url(ctx, DEFAULT_BASE_URL)
    specs = [RequestSpec(name="points", url=f"{base}/points/{_point(ctx)}")]
    station = read_option(ctx, "weather", "station", read_station, None)
    if station:
        specs.append(RequestSpec(name="observation", url=f"{base}/stations/{station}/observations/latest"))
    return specs


def follow_up(answers: Mapping[str, Any], ctx: FetchContext) -> list[RequestSpec]:
    """The day-and-night and the hourly forecast GETs, at the URLs the points answer names."""
    del ctx
    properties = dig(answers.get("points"), "properties")
    specs = []
    for name, key in FOLLOW_UPS.items():
        url = text(dig(properties, key))
        if url and url.startswith(("https://", "http://")):
            specs.append(RequestSpec(name=name, url=url))
    return specs


def explain_status(spec: RequestSpec, status: int) -> str | None:
    """A 404 to the points request: NWS has no forecast there, as the point is outside its area."""
    if spec.name != "points" or status != 404:
        return None
    point = spec.url.rpartition("/points/")[2]
    return (
        f"no NWS forecast for {point} (HTTP 404): NWS covers the United States and its territories only; "
        "choose open-meteo or openweathermap"
    )


class _Period:
    """One forecast period: its instants and how it reads."""

    def __init__(self, raw: Any, read: Reader, where: str) -> None:
        self.raw = read.need_mapping(raw, where)
        start = aware_time(self.raw.get("startTime"))
        if start is None:
            raise read.error(f"{where}.startTime", "an instant with an offset", self.raw.get("startTime"))
        self.start = start
        self.local_start = datetime.fromisoformat(str(self.raw["startTime"]).replace("Z", "+00:00"))
        self.end = aware_time(self.raw.get("endTime")) or start + timedelta(hours=1)
        self.condition, icon_day = icon_condition(self.raw.get("icon"))
        daytime = flag(self.raw.get("isDaytime"))
        self.is_day = icon_day if daytime is None else daytime

    @property
    def temperature(self) -> float | None:
        return period_temperature(self.raw)

    @property
    def wind(self) -> float | None:
        return forecast_wind(self.raw.get("windSpeed"))

    @property
    def chance(self) -> int | None:
        return percent(self.raw.get("probabilityOfPrecipitation"))

    @property
    def night_of(self) -> str:
        """The date whose evening a night period belongs to (an after-midnight start: the day before)."""
        return (self.local_start - timedelta(hours=12)).date().isoformat()


def _periods(responses: Mapping[str, Any], read: Reader, name: str) -> list[_Period]:
    answer = read.need_mapping(responses.get(name), name)
    raw = read.need_list(dig(answer, "properties", "periods"), f"{name}.properties.periods")
    return [_Period(item, read, f"{name}.properties.periods[{i}]") for i, item in enumerate(raw)]


def _observed(answer: Any, read: Reader) -> dict[str, Any] | None:
    """Current conditions from a latest observation; ``None`` when it has no time or no temperature."""
    values = read.need_mapping(dig(answer, "properties"), "observation.properties")
    observed = aware_time(values.get("timestamp"))
    temperature = wmo_quantity(values.get("temperature"), _units.celsius)
    if observed is None or temperature is None:
        return None
    condition, is_day = icon_condition(values.get("icon"))
    feels = wmo_quantity(values.get("heatIndex"), _units.celsius)
    return {
        "time": iso(observed),
        "temperature": temperature,
        "feels_like": feels if feels is not None else wmo_quantity(values.get("windChill"), _units.celsius),
        "humidity": percent(values.get("relativeHumidity")),
        "pressure": wmo_quantity(values.get("seaLevelPressure"), _units.hectopascals),
        "wind_speed": wmo_quantity(values.get("windSpeed"), _units.metres_per_second),
        "wind_gust": wmo_quantity(values.get("windGust"), _units.metres_per_second),
        "wind_direction": integer(dig(values, "windDirection", "value")),
        "precipitation": millimetres(values.get("precipitationLastHour")),
        "cloud_cover": None,
        "visibility": wmo_quantity(values.get("visibility"), _units.metres),
        "uv_index": None,
        "condition": condition,
        "is_day": is_day,
        "description": text(values.get("textDescription")) or condition_words(condition),
        "code": None,
    }


def _forecast_now(periods: list[_Period], read: Reader, now: datetime) -> dict[str, Any]:
    """Current conditions from the hourly period holding ``now`` (or the first after it)."""
    period = next((p for p in periods if p.end > now), None)
    if period is None or period.temperature is None:
        raise read.error("forecast_hourly.properties.periods", f"a period with a temperature after {iso(now)}")
    return {
        "time": iso(period.start),
        "temperature": period.temperature,
        "feels_like": None,
        "humidity": percent(period.raw.get("relativeHumidity")),
        "pressure": None,
        "wind_speed": period.wind,
        "wind_gust": forecast_wind(period.raw.get("windGust")),
        "wind_direction": compass_degrees(period.raw.get("windDirection")),
        "precipitation": None,
        "cloud_cover": None,
        "visibility": None,
        "uv_index": None,
        "condition": period.condition,
        "is_day": period.is_day,
        "description": text(period.raw.get("shortForecast")) or condition_words(period.condition),
        "code": None,
    }


def _hourly(periods: list[_Period], now: datetime) -> Iterator[dict[str, Any]]:
    """Hourly entries from the hour holding ``now`` on (lazy: the caller takes 48)."""
    for period in periods:
        if period.end <= now:
            continue
        yield {
            "time": iso(period.start),
            "temperature": period.temperature,
            "feels_like": None,
            "precipitation_probability": period.chance,
            "precipitation": None,
            "wind_speed": period.wind,
            "condition": period.condition,
            "is_day": period.is_day,
            "code": None,
        }


def _largest(values: Iterable[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return max(known) if known else None


def _daily(periods: list[_Period], today: str) -> Iterator[dict[str, Any]]:
    """Daily entries from ``today`` on, each a day period and the night after it (lazy: the caller takes 8)."""
    days: dict[str, dict[bool, _Period]] = {}
    for period in periods:
        if period.is_day is None:
            continue  # neither isDaytime nor a day/night icon: it cannot be paired
        date = period.local_start.date().isoformat() if period.is_day else period.night_of
        days.setdefault(date, {}).setdefault(period.is_day, period)
    for date in sorted(days):
        if date < today:
            continue
        day, night = days[date].get(True), days[date].get(False)
        both = [p for p in (day, night) if p is not None]
        yield {
            "date": date,
            "temperature_max": day.temperature if day else None,
            "temperature_min": night.temperature if night else None,
            "feels_like_max": None,
            "feels_like_min": None,
            "precipitation_sum": None,
            "precipitation_probability": _largest(p.chance for p in both),
            "wind_speed_max": _largest(p.wind for p in both),
            "sunrise": None,
            "sunset": None,
            "condition": both[0].condition,
            "code": None,
        }


def transform(responses: Mapping[str, Any], ctx: FetchContext) -> dict[str, Any]:
    """The points, forecast, hourly forecast (and observation) answers as ``weather`` data (docs/records.md)."""
    read = Reader(NAME)
    points = read.need_mapping(dig(responses.get("points"), "properties"), "points.properties")
    for key in FOLLOW_UPS.values():
        read.need_text(points.get(key), f"points.properties.{key}")
    missing = [name for name in FOLLOW_UPS if responses.get(name) is None]
    if missing:
        raise PayloadError(f"{', '.join(missing)}: no answer (both forecasts are needed)", provider=NAME)
    forecast, hourly = _periods(responses, read, "forecast"), _periods(responses, read, "forecast_hourly")
    where: tzinfo = zone(points.get("timeZone")) or zoneinfo.ZoneInfo(ctx.config.timezone)
    observation = responses.get("observation")
    current = _observed(observation, read) if observation is not None else None
    lon, lat = (number(dig(responses.get("points"), "geometry", "coordinates", i)) for i in (0, 1))
    return {
        "location": {
            "lat": ctx.config.location.lat if lat is None else lat,
            "lon": ctx.config.location.lon if lon is None else lon,
            "timezone": zone_name(points.get("timeZone")),
        },
        "current": current or _forecast_now(hourly, read, ctx.now),
        "hourly": list(islice(_hourly(hourly, ctx.now), HOURS)),
        "daily": list(islice(_daily(forecast, local_date(ctx.now, where)), DAYS)),
    }


PROVIDERS = (
    Provider(
        kind="weather",
        name=NAME,
        requests=requests,
        transform=transform,
        next_poll=every_period,
        default_base_url=DEFAULT_BASE_URL,
        follow_up=follow_up,
        explain_status=explain_status,
        options={"station": read_station},
    ),
)
