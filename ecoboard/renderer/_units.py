"""Presentation conversions: canonical record units to the configured ones, UTC instants to local time."""

from __future__ import annotations

import math
import zoneinfo
from collections.abc import Mapping
from datetime import datetime, tzinfo
from functools import cache, lru_cache
from typing import Any

from .._record import utc_instant
from ..config import Config


@cache
def zone(name: str) -> tzinfo:
    """The IANA zone ``name`` (cached)."""
    return zoneinfo.ZoneInfo(name)


@lru_cache(maxsize=4096)
def parse_instant(text: str) -> datetime:
    """An ISO-8601 instant from a record, as an aware UTC datetime (parsed once per distinct text)."""
    return utc_instant(text)


def forecast_anchor(weather: Mapping[str, Any], now: datetime, *, past: bool) -> datetime:
    """The instant a forecast page reads the forecast from: ``now``; but when its entries are all
    ``past`` (recorded demo data, or a record kept through a long outage) the record's own observation
    time, so the page shows the forecast as it stood rather than nothing."""
    observed = (weather.get("current") or {}).get("time")
    return parse_instant(observed) if past and observed else now


def local_time(value: datetime | str, config: Config) -> datetime:
    """An instant (aware datetime or ISO text) in the configured time zone."""
    instant = parse_instant(value) if isinstance(value, str) else utc_instant(value)
    return instant.astimezone(zone(config.timezone))


def temperature(celsius: float, config: Config) -> float:
    """°C to the configured unit (°F for imperial)."""
    return celsius * 9.0 / 5.0 + 32.0 if config.units == "imperial" else celsius


def format_temp(celsius: float | None, config: Config, *, degree: bool = True) -> str:
    """A rounded temperature in the configured unit: ``"-40°"``; empty for a missing value."""
    if celsius is None:
        return ""
    value = round(temperature(celsius, config))
    return f"{value}°" if degree else str(value)


def speed(metres_per_second: float, config: Config) -> float:
    """m/s to mph (imperial) or km/h (metric)."""
    return metres_per_second * (2.2369362921 if config.units == "imperial" else 3.6)


def speed_unit(config: Config) -> str:
    """The speed unit label for the configured units."""
    return "mph" if config.units == "imperial" else "km/h"


def temp_unit(config: Config) -> str:
    """``"F"`` or ``"C"``."""
    return "F" if config.units == "imperial" else "C"


_COMPASS = ("N", "NE", "E", "SE", "S", "SW", "W", "NW")


def compass(degrees: float) -> str:
    """The 8-point compass direction a wind comes from (0 = north)."""
    return _COMPASS[math.floor(((degrees % 360) + 22.5) / 45.0) % 8]


def clock_text(moment: datetime, config: Config, *, ampm: bool = False) -> str:
    """``"7:05"`` / ``"7:05 PM"`` (``ampm``) on imperial boards, ``"19:05"`` on metric ones."""
    if config.units == "imperial":
        text = f"{moment.hour % 12 or 12}:{moment.minute:02d}"
        return f"{text} {'AM' if moment.hour < 12 else 'PM'}" if ampm else text
    return f"{moment.hour:02d}:{moment.minute:02d}"


def hour_text(moment: datetime, config: Config) -> str:
    """``"7PM"`` (imperial) or ``"19h"`` (metric)."""
    if config.units == "imperial":
        return f"{moment.hour % 12 or 12}{'AM' if moment.hour < 12 else 'PM'}"
    return f"{moment.hour:02d}h"
