"""``aqi`` from Open-Meteo's air-quality API (keyless, the default air-quality provider).

One GET of ``{base}/v1/air-quality`` for the ``current`` hour: Open-Meteo's own ``us_aqi`` and
``european_aqi`` (both stored, each with its index name: C22), their per-pollutant sub-indices (to
name the dominant pollutant) and the concentrations in µg/m³. When an answer has no index at all but
has concentrations, the European index is computed from them (:mod:`._aqi_scales`); an answer with
neither is a PayloadError. Which index comes first follows :func:`._aqi_scales.preferred_index`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._provider import FetchContext, Provider, RequestSpec
from . import _aqi_scales as scales
from ._payload import Reader, base_url, coordinates, dig, every_period, fixed_offset, iso, number

NAME = "open-meteo"
DEFAULT_BASE_URL = "https://air-quality-api.open-meteo.com"
PATH = "/v1/air-quality"
REQUEST = "air_quality"

# Open-Meteo variable -> our pollutant key
CONCENTRATIONS = {
    "pm2_5": "pm2_5",
    "pm10": "pm10",
    "ozone": "o3",
    "nitrogen_dioxide": "no2",
    "sulphur_dioxide": "so2",
    "carbon_monoxide": "co",
}
# our index -> (Open-Meteo total variable, prefix of its per-pollutant sub-index variables, their pollutants)
INDICES = {
    "us_epa": ("us_aqi", "us_aqi_", tuple(CONCENTRATIONS)),
    "eaqi": ("european_aqi", "european_aqi_", tuple(v for v in CONCENTRATIONS if v != "carbon_monoxide")),
}
MICROGRAMS = {"μg/m³", "µg/m³", "ug/m3", "μg/m3", "µg/m3"}


def _variables() -> list[str]:
    names = []
    for total, prefix, subs in INDICES.values():
        names.append(total)
        names.extend(prefix + var for var in subs)
    names.extend(CONCENTRATIONS)
    return names


def requests(ctx: FetchContext) -> list[RequestSpec]:
    """The single air-quality GET for the current hour at the configured location."""
    lat, lon = coordinates(ctx)
    params = {"latitude": lat, "longitude": lon, "current": ",".join(_variables()), "timezone": ctx.config.timezone}
    return [RequestSpec(name=REQUEST, url=base_url(ctx, DEFAULT_BASE_URL) + PATH, params=params)]


def _pollutants(current: Mapping[str, Any], units: Any) -> dict[str, float | None]:
    found: dict[str, float | None] = {}
    for var, key in CONCENTRATIONS.items():
        value = number(current.get(var))
        unit = dig(units, var)
        known_unit = unit is None or (isinstance(unit, str) and unit.strip() in MICROGRAMS)
        found[key] = round(value, 2) if value is not None and value >= 0 and known_unit else None
    return found


def _provider_index(current: Mapping[str, Any], index: str) -> dict[str, Any] | None:
    total, prefix, variables = INDICES[index]
    value = number(current.get(total))
    if value is None or value < 0:
        return None
    subs = {CONCENTRATIONS[var]: s for var in variables if (s := number(current.get(prefix + var))) is not None}
    dominant = max(subs, key=lambda k: (subs[k], -scales.POLLUTANTS.index(k))) if subs else None
    return scales.entry(index, value, dominant)


def transform(responses: Mapping[str, Any], ctx: FetchContext) -> dict[str, Any]:
    """The air-quality answer as normalized ``aqi`` data (docs/records.md)."""
    read = Reader(NAME)
    answer = read.need_mapping(responses.get(REQUEST), REQUEST)
    current = read.need_mapping(answer.get("current"), "current")
    measured = read.need_local_time(current.get("time"), fixed_offset(answer.get("utc_offset_seconds")), "current.time")
    pollutants = _pollutants(current, answer.get("current_units"))
    indices = [_provider_index(current, "us_epa"), _provider_index(current, "eaqi")]
    if not any(indices):
        indices = [scales.from_concentrations("eaqi", pollutants)]
    if not any(indices):
        raise read.error("current", "us_aqi, european_aqi or a pollutant concentration")
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
    ),
)
