"""The current-weather page: icon, temperature, feels-like, humidity, wind and gusts; air quality on the right."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from ...config import Config
from .._canvas import Canvas, Color, rgb
from .._context import PageContext
from .._fonts import fit_text
from .._icons import get_icon
from .._layout import Layout, get_layout
from .._registry import records_only, register_page
from .._units import compass, format_temp, speed, speed_unit
from .._views import per_record
from .._widgets import contrast_color, disc_mask, draw_waiting, readable_on_black, wrap_words

SHORT_CONDITION = {
    "clear": "Clear",
    "mostly_clear": "Fair",
    "partly_cloudy": "Pt cloudy",
    "cloudy": "Cloudy",
    "fog": "Fog",
    "drizzle": "Drizzle",
    "freezing_drizzle": "Frz drzl",
    "rain": "Rain",
    "heavy_rain": "Hvy rain",
    "freezing_rain": "Frz rain",
    "snow": "Snow",
    "heavy_snow": "Hvy snow",
    "snow_grains": "Snow grn",
    "rain_showers": "Showers",
    "snow_showers": "Snow shw",
    "thunderstorm": "T-storm",
    "thunderstorm_hail": "T-st hail",
    "dust": "Dust",
    "unknown": "Unknown",
}
INDEX_NAME = {"us_epa": ("US AQI", "AQI"), "eaqi": ("EAQI", "EAQI"), "owm": ("OWM AQI", "AQI")}
INDEX_TOP = {"us_epa": 500, "eaqi": 120, "owm": 5}
"""Where each index's gauge is full (a reading above it keeps the gauge full)."""
SHORT_LABEL = {"unhealthy_sensitive": "Unhealthy (SG)", "very_unhealthy": "Very Unhealthy"}
POLLUTANT = {"pm2_5": "PM2.5", "pm10": "PM10", "o3": "O3", "no2": "NO2", "so2": "SO2", "co": "CO"}


@dataclass(frozen=True)
class AirView:
    """The air-quality column: band colour, gauge fill, value and its ink, index name, label lines and
    their colour (the band's, readable on black), pollutant."""

    color: Color
    filled: int
    value: str
    ink: Color
    name: str
    lines: tuple[str, ...]
    label_color: Color
    pollutant: str


@dataclass(frozen=True)
class WeatherView:
    """The strings and icon of the page (built once per records and config; drawn every frame)."""

    icon: np.ndarray
    temp: str
    words: str
    rows: tuple[tuple[str, str, str], ...]
    """``(label, value, unit)`` per row: FEEL, HUM, WIND, GUST as available."""
    air: AirView | None
    """None: no index yet (the column says "waiting")."""


@register_page("weather", kinds=("weather", "aqi"), key=records_only)
def weather_page(canvas: Canvas, ctx: PageContext) -> None:
    """Current conditions on the left, the first air-quality index on the right."""
    record = ctx.records.get("weather")
    if record is None:
        draw_waiting(canvas, "weather")
        return
    aqi = ctx.records.get("aqi")
    view = per_record(
        "weather",
        record,
        (aqi, ctx.config),
        lambda: weather_view(record.data.get("current") or {}, None if aqi is None else aqi.data, ctx.config),
    )
    layout = get_layout("weather")
    _draw_current(canvas, layout, view)
    divider = layout.el("divider")
    canvas.vline(divider.x, divider.y, divider.y + (divider.h or canvas.height) - 1, divider.color)
    _draw_air(canvas, layout, view.air)


def weather_view(current: Mapping[str, Any], aqi: Mapping[str, Any] | None, config: Config) -> WeatherView:
    """The page's view of the current conditions and the first air-quality index."""
    layout = get_layout("weather")
    icon, desc = layout.el("icon"), layout.el("description")
    assert desc.font
    words = fit_text(
        desc.font, [current.get("description"), SHORT_CONDITION.get(current.get("condition") or "")], desc.w or 0
    )
    return WeatherView(
        icon=get_icon(current.get("condition") or "unknown", current.get("is_day"), icon.size),
        temp=format_temp(current.get("temperature"), config),
        words=words,
        rows=_rows(layout, current, config),
        air=_air_view(layout, aqi),
    )


def _rows(layout: Layout, current: Mapping[str, Any], config: Config) -> tuple[tuple[str, str, str], ...]:
    unit = speed_unit(config)
    wind = current.get("wind_speed")
    gust = current.get("wind_gust")
    direction = current.get("wind_direction")
    rows: list[tuple[str, tuple[str, ...], str]] = []
    if current.get("feels_like") is not None:
        rows.append(("FEEL", (format_temp(current["feels_like"], config),), ""))
    if current.get("humidity") is not None:
        rows.append(("HUM", (f"{round(current['humidity'])}%",), ""))
    if wind is not None:
        value = str(round(speed(wind, config)))
        heading = compass(direction) if direction is not None else ""
        rows.append(("WIND", (f"{value} {heading}".strip(), f"{value}{heading}"), unit))
    if gust is not None:
        rows.append(("GUST", (str(round(speed(gust, config))),), unit))
    value_el = layout.el("row_value")
    assert value_el.font
    font, width = value_el.font, value_el.w or 0
    return tuple((name, fit_text(font, texts, width), sfx) for name, texts, sfx in rows[: layout.el("rows").count])


def _draw_current(canvas: Canvas, layout: Layout, view: WeatherView) -> None:
    icon = layout.el("icon")
    canvas.blit_rgb(view.icon, icon.x, icon.y)
    temp = layout.el("temp")
    assert temp.font
    canvas.text(temp.font, temp.x, temp.y, view.temp, temp.color, max_width=temp.w)
    desc = layout.el("description")
    assert desc.font
    canvas.text(desc.font, desc.x, desc.y, view.words, desc.color)
    block, label, value, unit_el = (
        layout.el("rows"),
        layout.el("row_label"),
        layout.el("row_value"),
        layout.el("row_unit"),
    )
    assert label.font and value.font and unit_el.font
    for i, (name, text, suffix) in enumerate(view.rows):
        y = block.y + i * block.step
        canvas.text(label.font, block.x + label.x, y + label.y, name, label.color)
        canvas.text(value.font, block.x + value.x, y + value.y, text, value.color)
        if suffix:
            canvas.text(
                unit_el.font,
                block.x + unit_el.x,
                y + unit_el.y,
                suffix,
                unit_el.color,
                align="right",
                max_width=unit_el.w,
            )


def _air_view(layout: Layout, aqi: Mapping[str, Any] | None) -> AirView | None:
    indices = (aqi or {}).get("indices") or ()
    if not indices:
        return None
    first = indices[0]
    index, value = first.get("index", ""), int(first.get("value", 0))
    color = rgb(first.get("color") or "#808080")
    gauge = layout.el("gauge")
    top = INDEX_TOP.get(index, 500)
    filled = max(1, min(gauge.w or 0, round((gauge.w or 0) * min(value, top) / top)))
    index_el, label = layout.el("aqi_index"), layout.el("aqi_label")
    assert index_el.font and label.font
    names = INDEX_NAME.get(index, (index.upper(), "AQI"))
    font, width = label.font, label.w or 0
    text = first.get("label") or first.get("category") or ""
    lines = wrap_words(text, lambda s: font.measure(s) <= width, label.count)
    if lines is None:
        short = SHORT_LABEL.get(first.get("category", ""), text)
        lines = wrap_words(short, lambda s: font.measure(s) <= width, label.count) or [font.truncate(short, width)]
    pollutant = POLLUTANT.get(first.get("dominant_pollutant") or "")
    return AirView(
        color=color,
        filled=filled,
        value=str(value),
        ink=contrast_color(color),
        name=fit_text(index_el.font, names, index_el.w or 0),
        lines=tuple(lines),
        label_color=readable_on_black(color),
        pollutant=pollutant if pollutant and first.get("category") != "good" else "",
    )


def _draw_air(canvas: Canvas, layout: Layout, air: AirView | None) -> None:
    index_el = layout.el("aqi_index")
    label = layout.el("aqi_label")
    assert index_el.font and label.font
    if air is None:
        canvas.text(index_el.font, index_el.x, index_el.y, "AQI", index_el.color, align="center")
        canvas.text(label.font, label.x, label.y, "waiting", layout.color("label"), align="center")
        return
    gauge = layout.el("gauge")
    canvas.fill_rect(
        gauge.x, gauge.y, gauge.x + (gauge.w or 0) - 1, gauge.y + (gauge.h or 1) - 1, layout.color("gauge_track")
    )
    canvas.fill_rect(gauge.x, gauge.y, gauge.x + air.filled - 1, gauge.y + (gauge.h or 1) - 1, air.color)
    disc = layout.el("aqi_disc")
    canvas.blit_mask(disc_mask(disc.size), disc.x - disc.size, disc.y - disc.size, air.color)
    number = layout.el("aqi_value")
    assert number.font
    canvas.text(number.font, number.x, number.y, air.value, air.ink, align="center", max_width=number.w)
    canvas.text(index_el.font, index_el.x, index_el.y, air.name, index_el.color, align="center")
    for i, line in enumerate(air.lines):
        canvas.text(label.font, label.x, label.y + i * label.step, line, air.label_color, align="center")
    if air.pollutant:
        small = layout.el("aqi_pollutant")
        assert small.font
        canvas.text(small.font, small.x, small.y, air.pollutant, small.color, align="center", max_width=small.w)
