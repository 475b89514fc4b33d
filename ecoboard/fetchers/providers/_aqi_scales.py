"""Air-quality indices (C22): each index's bands, and indices computed from concentrations.

Three scales, never mixed: ``us_epa`` (US EPA AQI, 0–500, six bands), ``eaqi`` (European AQI as
Open-Meteo publishes it, 0–100+, six bands of 20) and ``owm`` (OpenWeatherMap's 1–5). Every index
entry carries its own name, band id, words and colour. A value above a scale's top breakpoint lands in
that scale's worst band (``hazardous`` / ``extremely_poor`` / ``very_poor``), never in the first one.

US EPA AQI from concentrations follows the EPA Technical Assistance Document (2024 PM2.5 breakpoints):
gases in µg/m³ are converted to ppb at 25 °C and 1 atm (24.45 L/mol), each concentration is truncated
to the table's precision, the sub-index is interpolated linearly in its band and rounded, and the
largest sub-index is the AQI with its pollutant as the dominant one. The provider gives one current
concentration, so it stands in for the 24-h (PM), 8-h (O3, CO) or 1-h (NO2, SO2) average the
tables assume; for ozone both the 8-h and (at or above 0.125 ppm) the 1-h table apply, the larger
wins. Above the top breakpoint the top band's slope is extended (the value exceeds 500).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .._options import read_option
from .._provider import FetchContext, OptionError, OptionReader

POLLUTANTS = ("pm2_5", "pm10", "o3", "no2", "so2", "co")
"""Pollutant keys in ``data.pollutants`` (µg/m³), also the order that breaks ties for dominance."""

INDEX_ORDER = ("us_epa", "eaqi", "owm")


@dataclass(frozen=True)
class Band:
    """One band of an index: values up to ``upper`` (inclusive) belong to it."""

    upper: float
    category: str
    label: str
    color: str


BANDS: dict[str, tuple[Band, ...]] = {
    "us_epa": (
        Band(50, "good", "Good", "#00e400"),
        Band(100, "moderate", "Moderate", "#ffff00"),
        Band(150, "unhealthy_sensitive", "Unhealthy for Sensitive Groups", "#ff7e00"),
        Band(200, "unhealthy", "Unhealthy", "#ff0000"),
        Band(300, "very_unhealthy", "Very Unhealthy", "#8f3f97"),
        Band(math.inf, "hazardous", "Hazardous", "#7e0023"),
    ),
    "eaqi": (
        Band(20, "good", "Good", "#50f0e6"),
        Band(40, "fair", "Fair", "#50ccaa"),
        Band(60, "moderate", "Moderate", "#f0e641"),
        Band(80, "poor", "Poor", "#ff5050"),
        Band(100, "very_poor", "Very poor", "#960032"),
        Band(math.inf, "extremely_poor", "Extremely poor", "#7d2181"),
    ),
    "owm": (
        Band(1, "good", "Good", "#50f0e6"),
        Band(2, "fair", "Fair", "#50ccaa"),
        Band(3, "moderate", "Moderate", "#f0e641"),
        Band(4, "poor", "Poor", "#ff5050"),
        Band(math.inf, "very_poor", "Very poor", "#960032"),
    ),
}

MOLAR_VOLUME = 24.45  # L/mol at 25 °C and 1 atm
MOLECULAR_WEIGHT = {"o3": 48.00, "no2": 46.01, "so2": 64.07, "co": 28.01}

# (C_low, C_high, I_low, I_high); units and truncation per pollutant in _EPA_UNITS
_Row = tuple[float, float, int, int]
_EPA: dict[str, tuple[_Row, ...]] = {
    "pm2_5": (
        (0.0, 9.0, 0, 50),
        (9.1, 35.4, 51, 100),
        (35.5, 55.4, 101, 150),
        (55.5, 125.4, 151, 200),
        (125.5, 225.4, 201, 300),
        (225.5, 325.4, 301, 500),
    ),
    "pm10": (
        (0, 54, 0, 50),
        (55, 154, 51, 100),
        (155, 254, 101, 150),
        (255, 354, 151, 200),
        (355, 424, 201, 300),
        (425, 604, 301, 500),
    ),
    "o3": (
        (0.000, 0.054, 0, 50),
        (0.055, 0.070, 51, 100),
        (0.071, 0.085, 101, 150),
        (0.086, 0.105, 151, 200),
        (0.106, 0.200, 201, 300),
    ),
    "o3_1h": ((0.125, 0.164, 101, 150), (0.165, 0.204, 151, 200), (0.205, 0.404, 201, 300), (0.405, 0.604, 301, 500)),
    "co": (
        (0.0, 4.4, 0, 50),
        (4.5, 9.4, 51, 100),
        (9.5, 12.4, 101, 150),
        (12.5, 15.4, 151, 200),
        (15.5, 30.4, 201, 300),
        (30.5, 50.4, 301, 500),
    ),
    "so2": (
        (0, 35, 0, 50),
        (36, 75, 51, 100),
        (76, 185, 101, 150),
        (186, 304, 151, 200),
        (305, 604, 201, 300),
        (605, 1004, 301, 500),
    ),
    "no2": (
        (0, 53, 0, 50),
        (54, 100, 51, 100),
        (101, 360, 101, 150),
        (361, 649, 151, 200),
        (650, 1249, 201, 300),
        (1250, 2049, 301, 500),
    ),
}
# pollutant -> (divide µg/m³-derived ppb by this to get the table unit, decimals kept by truncation)
_EPA_UNITS: dict[str, tuple[float | None, int]] = {
    "pm2_5": (None, 1),
    "pm10": (None, 0),
    "o3": (1000.0, 3),
    "co": (1000.0, 1),
    "so2": (1.0, 0),
    "no2": (1.0, 0),
}

# EAQI upper concentration bounds (µg/m³) of the six bands; each band spans 20 index points
_EAQI: dict[str, tuple[float, ...]] = {
    "pm2_5": (10, 20, 25, 50, 75, 800),
    "pm10": (20, 40, 50, 100, 150, 1200),
    "no2": (40, 90, 120, 230, 340, 1000),
    "o3": (50, 100, 130, 240, 380, 800),
    "so2": (100, 200, 350, 500, 750, 1250),
}


def _round(value: float) -> int:
    return math.floor(value + 0.5)


def _truncate(value: float, decimals: int) -> float:
    scale = 10**decimals
    return math.floor(value * scale + 1e-9) / scale


def band(index: str, value: float) -> Band:
    """The band of ``value`` on ``index``; above the top breakpoint it is the worst band."""
    return next(b for b in BANDS[index] if value <= b.upper)


def entry(index: str, value: float, dominant: str | None = None) -> dict[str, Any]:
    """One ``indices`` entry of aqi data for ``value`` (rounded to an integer) on ``index``."""
    whole = _round(value)
    found = band(index, whole)
    return {
        "index": index,
        "value": whole,
        "category": found.category,
        "label": found.label,
        "color": found.color,
        "dominant_pollutant": dominant,
    }


def _interpolate(rows: Iterable[_Row], conc: float) -> float | None:
    rows = tuple(rows)
    for c_lo, c_hi, i_lo, i_hi in rows:
        if c_lo <= conc <= c_hi:
            return (i_hi - i_lo) / (c_hi - c_lo) * (conc - c_lo) + i_lo
    c_lo, c_hi, i_lo, i_hi = rows[-1]
    if conc > c_hi:  # beyond the AQI: keep the top band's slope
        return (i_hi - i_lo) / (c_hi - c_lo) * (conc - c_lo) + i_lo
    return None


def us_epa_subindex(pollutant: str, micrograms: float) -> int | None:
    """The US EPA sub-index of one pollutant given in µg/m³, or ``None`` when it has no table."""
    if pollutant not in _EPA or micrograms < 0:
        return None
    divisor, decimals = _EPA_UNITS[pollutant]
    conc = micrograms if divisor is None else micrograms * MOLAR_VOLUME / MOLECULAR_WEIGHT[pollutant] / divisor
    conc = _truncate(conc, decimals)
    values = [_interpolate(_EPA[pollutant], conc)] if pollutant != "o3" or conc <= 0.200 else []
    if pollutant == "o3" and conc >= 0.125:
        values.append(_interpolate(_EPA["o3_1h"], conc))
    found = [v for v in values if v is not None]
    return _round(max(found)) if found else None


def eaqi_subindex(pollutant: str, micrograms: float) -> float | None:
    """The European AQI sub-index of one pollutant in µg/m³, or ``None`` when it has no bands."""
    bounds = _EAQI.get(pollutant)
    if bounds is None or micrograms < 0:
        return None
    low = 0.0
    for k, high in enumerate(bounds):
        if micrograms <= high or k == len(bounds) - 1:
            return 20 * k + 20 * (micrograms - low) / (high - low)
        low = high
    return None


def from_concentrations(index: str, pollutants: Mapping[str, float | None]) -> dict[str, Any] | None:
    """The ``us_epa`` or ``eaqi`` entry computed from µg/m³ concentrations, dominant pollutant included."""
    compute = us_epa_subindex if index == "us_epa" else eaqi_subindex
    subs = {p: compute(p, c) for p in POLLUTANTS if (c := pollutants.get(p)) is not None}
    subs = {p: s for p, s in subs.items() if s is not None}
    if not subs:
        return None
    dominant = max(subs, key=lambda p: (subs[p], -POLLUTANTS.index(p)))
    return entry(index, subs[dominant], dominant)


def read_index(value: Any) -> str | None:
    """``index`` as written: one of ``us_epa``, ``eaqi``, ``owm`` (null: chosen by ``units``)."""
    if value is None or (isinstance(value, str) and value in INDEX_ORDER):
        return value
    raise OptionError.expected(f"one of {', '.join(INDEX_ORDER)}", value)


OPTIONS: Mapping[str, OptionReader] = {"index": read_index}
"""The option of an aqi provider with several indices: ``index``, the one shown first."""


def preferred_index(ctx: FetchContext) -> str:
    """The index shown first: ``options.index`` when set, else ``us_epa`` (imperial) / ``eaqi`` (metric)."""
    chosen = read_option(ctx, "aqi", "index", read_index, None)
    return chosen or ("us_epa" if ctx.config.units == "imperial" else "eaqi")


def ordered(entries: Iterable[dict[str, Any] | None], ctx: FetchContext) -> list[dict[str, Any]]:
    """The non-empty entries, the preferred index first, the others in :data:`INDEX_ORDER`."""
    first = preferred_index(ctx)
    present = [e for e in entries if e is not None]
    return sorted(present, key=lambda e: (e["index"] != first, INDEX_ORDER.index(e["index"])))
