"""``aqi`` from OpenWeatherMap's Air Pollution API (needs an API key; an option to Open-Meteo).

One GET of ``{base}/data/2.5/air_pollution`` (key as the secret ``appid``). OWM gives concentrations
in µg/m³ and its own 1–5 index. Three indices are stored, each with its name (C22): ``us_epa`` and
``eaqi`` computed from the concentrations (:mod:`._aqi_scales`, with the dominant pollutant) and OWM's
own ``owm``; the preferred one comes first.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._provider import FetchContext, Provider, RequestSpec
from . import _aqi_scales as scales
from ._payload import Reader, base_url, coordinates, dig, every_period, integer, iso, key_param, number

NAME = "openweathermap"
DEFAULT_BASE_URL = "https://api.openweathermap.org"
PATH = "/data/2.5/air_pollution"
REQUEST = "air_pollution"


def requests(ctx: FetchContext) -> list[RequestSpec]:
    """The current air-pollution GET for the configured location; the API key is a secret parameter."""
    lat, lon = coordinates(ctx)
    return [
        RequestSpec(
            name=REQUEST,
            url=base_url(ctx, DEFAULT_BASE_URL) + PATH,
            params={"lat": lat, "lon": lon},
            secret_params=key_param(ctx, "appid"),
        )
    ]


def _own_index(value: int | None) -> dict[str, Any] | None:
    """OWM's 1–5 index; anything outside 1..5 is not a reading (a value above 5 is the worst band)."""
    if value is None or value < 1:
        return None
    return scales.entry("owm", value)


def transform(responses: Mapping[str, Any], ctx: FetchContext) -> dict[str, Any]:
    """The air-pollution answer as normalized ``aqi`` data (docs/records.md)."""
    read = Reader(NAME)
    answer = read.need_mapping(responses.get(REQUEST), REQUEST)
    items = read.need_list(answer.get("list"), "list")
    reading = read.need_mapping(items[0] if items else None, "list[0]")
    measured = read.need_unix(reading.get("dt"), "list[0].dt")
    components = dig(reading, "components")
    pollutants: dict[str, float | None] = {}
    for key in scales.POLLUTANTS:
        value = number(dig(components, key))
        pollutants[key] = round(value, 2) if value is not None and value >= 0 else None
    indices = [
        scales.from_concentrations("us_epa", pollutants),
        scales.from_concentrations("eaqi", pollutants),
        _own_index(integer(dig(reading, "main", "aqi"))),
    ]
    if not any(indices):
        raise read.error("list[0]", "main.aqi or a pollutant concentration in components")
    return {"time": iso(measured), "indices": scales.ordered(indices, ctx), "pollutants": pollutants}


PROVIDERS = (
    Provider(
        kind="aqi",
        name=NAME,
        requests=requests,
        transform=transform,
        next_poll=every_period,
        default_base_url=DEFAULT_BASE_URL,
        options=scales.OPTIONS,
        needs_api_key=True,
    ),
)
