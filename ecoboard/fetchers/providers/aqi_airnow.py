"""``aqi`` from the US EPA AirNow API, current observations by latitude/longitude (needs an API key).

One GET of ``{base}/aq/observation/latLong/current/`` (key as the secret ``API_KEY``). The answer
is a list with one observation per pollutant, each an AQI already on the US EPA scale: the record's
``us_epa`` value is the largest, its pollutant the dominant one; the band, words and colour come from
our US EPA table (C22), not from the provider's category text. AirNow gives no concentrations, so
every pollutant is null. An ``AQI`` of -1 means "no reading" and is skipped.

Both spellings of the answer are read: the documented ``DateObserved``/``HourObserved``/``AQI``/
``ParameterName`` and the camel-case ``dateObserved``/``hourObserved`` ("15:00")/``nowcastAQI``/
``parameterName`` of the recorded answer. ``LocalTimeZone`` is a US abbreviation such as ``PST``
(each names a fixed offset); an abbreviation we do not know is read in the configured zone.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from .._provider import FetchContext, Provider, RequestSpec
from . import _aqi_scales as scales
from ._payload import Reader, base_url, coordinates, every_period, iso, key_param, number, text

NAME = "airnow"
DEFAULT_BASE_URL = "https://www.airnowapi.org"
PATH = "/aq/observation/latLong/current/"
REQUEST = "observations"
DISTANCE_MILES = "25"

PARAMETERS = {"O3": "o3", "OZONE": "o3", "PM2.5": "pm2_5", "PM10": "pm10", "CO": "co", "NO2": "no2", "SO2": "so2"}
ZONE_HOURS = {
    "UTC": 0, "GMT": 0, "AST": -4, "ADT": -3, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6,
    "PST": -8, "PDT": -7, "AKST": -9, "AKDT": -8, "HST": -10, "SST": -11, "CHST": 10,
}


def requests(ctx: FetchContext) -> list[RequestSpec]:
    """The current-observations GET for the configured location; the API key is a secret parameter."""
    lat, lon = coordinates(ctx)
    params = {"format": "application/json", "latitude": lat, "longitude": lon, "distance": DISTANCE_MILES}
    return [RequestSpec(name=REQUEST, url=base_url(ctx, DEFAULT_BASE_URL) + PATH, params=params,
                        secret_params=key_param(ctx, "API_KEY"))]


def _field(obs: Mapping[str, Any], *names: str) -> Any:
    return next((obs[n] for n in names if obs.get(n) is not None), None)


def _hour(value: Any) -> int | None:
    """An hour given as a number (15) or as text ("15:00")."""
    if isinstance(value, str):
        head = value.strip().split(":")[0]
        return int(head) if head.isascii() and head.isdigit() and len(head) <= 2 else None
    found = number(value)
    return None if found is None else int(found)


def _observed(obs: Mapping[str, Any], fallback: tzinfo) -> datetime | None:
    """The observation's hour as a UTC instant, or ``None`` when its date or hour is unreadable."""
    day = text(_field(obs, "DateObserved", "dateObserved"))
    hour = _hour(_field(obs, "HourObserved", "hourObserved"))
    if day is None or hour is None or not 0 <= hour < 24:
        return None
    try:
        local = datetime.fromisoformat(day.strip()) + timedelta(hours=hour)
    except ValueError:
        return None
    abbreviation = (text(_field(obs, "LocalTimeZone", "localTimeZone")) or "").strip().upper()
    where = timezone(timedelta(hours=ZONE_HOURS[abbreviation])) if abbreviation in ZONE_HOURS else fallback
    return local.replace(tzinfo=where).astimezone(UTC)


def transform(responses: Mapping[str, Any], ctx: FetchContext) -> dict[str, Any]:
    """The observation list as normalized ``aqi`` data (docs/records.md)."""
    read = Reader(NAME)
    observations = read.need_list(responses.get(REQUEST), REQUEST)
    fallback = ZoneInfo(ctx.config.timezone)
    readings: list[tuple[float, str | None]] = []
    times: list[datetime] = []
    for i, raw in enumerate(observations):
        obs = read.need_mapping(raw, f"{REQUEST}[{i}]")
        value = number(_field(obs, "AQI", "nowcastAQI", "aqi"))
        if value is None or value < 0:
            continue
        parameter = (text(_field(obs, "ParameterName", "parameterName")) or "").strip().upper()
        readings.append((value, PARAMETERS.get(parameter)))
        if (observed := _observed(obs, fallback)) is not None:
            times.append(observed)
    if not readings:
        raise read.error(REQUEST, "at least one observation with an AQI", observations or None)
    if not times:
        raise read.error(f"{REQUEST}[].DateObserved/HourObserved", "an observation date and hour")
    # the largest AQI; on a tie a known pollutant, earlier in POLLUTANTS, wins
    value, dominant = max(readings, key=lambda r: (r[0], r[1] is not None,
                                                   -scales.POLLUTANTS.index(r[1]) if r[1] else 0))
    return {
        "time": iso(max(times)),
        "indices": [scales.entry("us_epa", value, dominant)],
        "pollutants": dict.fromkeys(scales.POLLUTANTS),
    }


PROVIDERS = (
    Provider(
        kind="aqi",
        name=NAME,
        requests=requests,
        transform=transform,
        next_poll=every_period,
        default_base_url=DEFAULT_BASE_URL,
        needs_api_key=True,
    ),
)
