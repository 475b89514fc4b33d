"""Unit conversion into ecoboard's canonical units (°C, m/s, mm, hPa, metres), pure and tolerant.

Each converter takes a value and the unit label the provider attached to it (Open-Meteo's
``*_units`` blocks, or the unit a request asked for) and returns the canonical value rounded to two
decimals, or ``None`` when the value is missing or the label is one we do not know: an unknown unit
hides one cell rather than showing a wrong number.
"""

from __future__ import annotations

from collections.abc import Callable

DECIMALS = 2

_TEMPERATURE: dict[str, Callable[[float], float]] = {
    "°c": lambda v: v,
    "c": lambda v: v,
    "celsius": lambda v: v,
    "°f": lambda v: (v - 32.0) * 5.0 / 9.0,
    "f": lambda v: (v - 32.0) * 5.0 / 9.0,
    "fahrenheit": lambda v: (v - 32.0) * 5.0 / 9.0,
    "k": lambda v: v - 273.15,
    "kelvin": lambda v: v - 273.15,
}

_SPEED_TO_MS: dict[str, float] = {
    "m/s": 1.0,
    "ms": 1.0,
    "km/h": 1.0 / 3.6,
    "kmh": 1.0 / 3.6,
    "mph": 0.44704,
    "mp/h": 0.44704,
    "kn": 0.514444,
    "kt": 0.514444,
    "knots": 0.514444,
}

_LENGTH_TO_MM: dict[str, float] = {"mm": 1.0, "cm": 10.0, "inch": 25.4, "in": 25.4}

_PRESSURE_TO_HPA: dict[str, float] = {"hpa": 1.0, "mbar": 1.0, "mb": 1.0, "pa": 0.01, "kpa": 10.0, "inhg": 33.8639}

_DISTANCE_TO_M: dict[str, float] = {"m": 1.0, "km": 1000.0, "ft": 0.3048, "mi": 1609.344}


def _key(unit: str | None) -> str:
    return (unit or "").strip().lower()


def _scaled(value: float | None, unit: str | None, table: dict[str, float]) -> float | None:
    if value is None:
        return None
    factor = table.get(_key(unit))
    return None if factor is None else round(value * factor, DECIMALS)


def celsius(value: float | None, unit: str | None) -> float | None:
    """``value`` in ``unit`` (°C, °F or K) as °C."""
    if value is None:
        return None
    convert = _TEMPERATURE.get(_key(unit))
    return None if convert is None else round(convert(value), DECIMALS)


def metres_per_second(value: float | None, unit: str | None) -> float | None:
    """A speed in ``unit`` (m/s, km/h, mph, kn) as m/s."""
    return _scaled(value, unit, _SPEED_TO_MS)


def millimetres(value: float | None, unit: str | None) -> float | None:
    """A precipitation amount in ``unit`` (mm, cm, inch) as mm."""
    return _scaled(value, unit, _LENGTH_TO_MM)


def hectopascals(value: float | None, unit: str | None) -> float | None:
    """A pressure in ``unit`` (hPa, Pa, kPa, inHg) as hPa."""
    return _scaled(value, unit, _PRESSURE_TO_HPA)


def metres(value: float | None, unit: str | None) -> float | None:
    """A distance in ``unit`` (m, km, ft, mi) as metres."""
    return _scaled(value, unit, _DISTANCE_TO_M)


def same(value: float | None, unit: str | None) -> float | None:
    """A value already in its canonical unit (%, degrees, UV index), rounded like the others."""
    del unit
    return None if value is None else round(value, DECIMALS)
