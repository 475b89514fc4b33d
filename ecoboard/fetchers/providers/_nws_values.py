"""Reading NWS values into the weather record's units and conditions.

Observations are WMO-coded quantities (``{"unitCode": "wmoUnit:degC", "value": 22.8}``); forecasts give
``temperature`` with ``temperatureUnit``, ``windSpeed`` as text (``"5 to 10 mph"``: the larger figure)
and ``windDirection`` as a compass point. Everything is converted to °C, m/s, hPa, mm and metres; a null
or a unit we do not know is ``None``. Conditions come from an icon URL
(``.../icons/land/day/tsra,40/ovc``): its ``day``/``night`` part and the most severe of its codes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

from . import _units
from ._payload import dig, integer, number, text

_WIND = re.compile(r"(\d+(?:\.\d+)?)(?:\s+to\s+(\d+(?:\.\d+)?))?\s*(mph|km/h|kt|kn|m/s)", re.IGNORECASE)

_WMO_UNITS = {
    "degC": "°C",
    "degF": "°F",
    "K": "K",
    "km_h-1": "km/h",
    "m_s-1": "m/s",
    "kt": "kn",
    "Pa": "Pa",
    "hPa": "hPa",
    "m": "m",
    "km": "km",
}
"""WMO unit codes (after ``wmoUnit:`` or ``unit:``) -> the labels of :mod:`._units`."""

_PRECIPITATION_MM = {"m": 1000.0, "cm": 10.0, "mm": 1.0}

_COMPASS = ("N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW")

_ICON_CODES = {
    "clear": "skc wind_skc hot cold",
    "mostly_clear": "few wind_few",
    "partly_cloudy": "sct wind_sct",
    "cloudy": "bkn ovc wind_bkn wind_ovc",
    "dust": "dust smoke",
    "fog": "fog haze",
    "rain_showers": "rain_showers rain_showers_hi",
    "rain": "rain",
    "snow": "snow rain_snow",
    "freezing_rain": "fzra rain_fzra snow_fzra sleet rain_sleet snow_sleet",
    "heavy_rain": "tropical_storm hurricane",
    "heavy_snow": "blizzard",
    "thunderstorm": "tsra tsra_sct tsra_hi tornado",
}
"""Condition -> its NWS icon codes (https://api.weather.gov/icons), grouped as the OWM table groups them,
mildest first: of an icon's two codes (a change within the period) the later condition here is shown."""

ICONS = {code: condition for condition, codes in _ICON_CODES.items() for code in codes.split()}
_SEVERITY = ["unknown", *_ICON_CODES]


def wmo_quantity(block: Any, convert: Callable[[float | None, str | None], float | None]) -> float | None:
    """A WMO-coded ``{"unitCode", "value"}`` converted by ``convert``; null or an unknown unit: ``None``."""
    unit = str(dig(block, "unitCode") or "").rpartition(":")[2]
    label = _WMO_UNITS.get(unit)
    return None if label is None else convert(number(dig(block, "value")), label)


def millimetres(block: Any) -> float | None:
    """A WMO-coded length (``m``, ``cm``, ``mm``) in millimetres; null or another unit: ``None``."""
    unit = str(dig(block, "unitCode") or "").rpartition(":")[2]
    value, factor = number(dig(block, "value")), _PRECIPITATION_MM.get(unit)
    return None if value is None or factor is None else round(value * factor, _units.DECIMALS)


def percent(block: Any) -> int | None:
    """A WMO-coded percentage as a whole number; null or another unit: ``None``."""
    return integer(dig(block, "value")) if str(dig(block, "unitCode") or "").endswith(":percent") else None


def period_temperature(period: Mapping[str, Any]) -> float | None:
    """A forecast period's temperature: a number with ``temperatureUnit``, or a WMO-coded quantity."""
    value = period.get("temperature")
    if isinstance(value, Mapping):
        return wmo_quantity(value, _units.celsius)
    return _units.celsius(number(value), text(period.get("temperatureUnit")))


def forecast_wind(value: Any) -> float | None:
    """A forecast wind speed in m/s: ``"10 mph"``, ``"5 to 10 mph"`` (the larger) or a WMO-coded quantity."""
    if isinstance(value, Mapping):
        top = value.get("maxValue") if value.get("maxValue") is not None else value.get("value")
        return wmo_quantity({"unitCode": value.get("unitCode"), "value": top}, _units.metres_per_second)
    found = _WIND.fullmatch(value.strip()) if isinstance(value, str) else None
    if found is None:
        return None
    low, high, unit = found.groups()
    return _units.metres_per_second(float(high or low), unit.lower())


def compass_degrees(words: Any) -> int | None:
    """A compass point (``"SW"``) in degrees, 0 = from north."""
    found = text(words)
    if found is None or found.upper() not in _COMPASS:
        return None
    return int(_COMPASS.index(found.upper()) * 22.5 + 0.5)  # half degrees round up: NNE is 23


def icon_condition(url: Any) -> tuple[str, bool | None]:
    """(condition, is_day) from an icon URL ``.../icons/<land|marine>/<day|night>/<code>[,pop][/<code>]``."""
    parts = urlsplit(url).path.split("/icons/", 1)[-1].split("/") if isinstance(url, str) else []
    is_day = {"day": True, "night": False}.get(parts[1]) if len(parts) > 1 else None
    conditions = [ICONS.get(part.split(",")[0], "unknown") for part in parts[2:]] or ["unknown"]
    return max(conditions, key=_SEVERITY.index), is_day


def condition_words(condition: str) -> str:
    """A condition in words when NWS gives none (``partly_cloudy`` -> ``Partly cloudy``)."""
    return condition.replace("_", " ").capitalize()
