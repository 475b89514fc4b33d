"""The current-weather page: icon, temperature, feels-like, humidity, wind and gusts; air quality on the right."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._canvas import Canvas, rgb
from .._context import PageContext
from .._fonts import fit_text
from .._icons import get_icon
from .._layout import Layout, get_layout
from .._registry import records_only, register_page
from .._units import compass, format_temp, speed, speed_unit
from .._widgets import contrast_color, disc_mask, draw_waiting, record_data, wrap_words

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


@register_page("weather", kinds=("weather", "aqi"), key=records_only)
def weather_page(canvas: Canvas, ctx: PageContext) -> None:
    """Current conditions on the left, the first air-quality index on the right."""
    weather = record_data(ctx, "weather")
    if weather is None:
        draw_waiting(canvas, "weather")
        return
    layout = get_layout("weather")
    _current(canvas, layout, weather.get("current") or {}, ctx)
    divider = layout.el("divider")
    canvas.vline(divider.x, divider.y, divider.y + (divider.h or canvas.height) - 1, divider.color)
    _air(canvas, layout, record_data(ctx, "aqi"))


def _current(canvas: Canvas, layout: Layout, current: Mapping[str, Any], ctx: PageContext) -> None:
    config = ctx.config
    icon = layout.el("icon")
    canvas.blit_rgb(get_icon(current.get("condition") or "unknown", current.get("is_day"), icon.size), icon.x, icon.y)
    temp = layout.el("temp")
    assert temp.font
    canvas.text(
        temp.font, temp.x, temp.y, format_temp(current.get("temperature"), config), temp.color, max_width=temp.w
    )
    desc = layout.el("description")
    assert desc.font
    words = fit_text(
        desc.font, [current.get("description"), SHORT_CONDITION.get(current.get("condition") or "")], desc.w or 0
    )
    canvas.text(desc.font, desc.x, desc.y, words, desc.color)

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
    block, label, value, unit_el = (
        layout.el("rows"),
        layout.el("row_label"),
        layout.el("row_value"),
        layout.el("row_unit"),
    )
    assert label.font and value.font and unit_el.font
    for i, (name, texts, suffix) in enumerate(rows[: block.count]):
        y = block.y + i * block.step
        canvas.text(label.font, block.x + label.x, y + label.y, name, label.color)
        text = fit_text(value.font, texts, value.w or 0)
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


def _air(canvas: Canvas, layout: Layout, aqi: Mapping[str, Any] | None) -> None:
    index_el = layout.el("aqi_index")
    assert index_el.font
    indices = (aqi or {}).get("indices") or ()
    if not indices:
        canvas.text(index_el.font, index_el.x, index_el.y, "AQI", index_el.color, align="center")
        label = layout.el("aqi_label")
        assert label.font
        canvas.text(label.font, label.x, label.y, "waiting", layout.color("label"), align="center")
        return
    first = indices[0]
    index, value = first.get("index", ""), int(first.get("value", 0))
    color = rgb(first.get("color") or "#808080")

    gauge = layout.el("gauge")
    top = INDEX_TOP.get(index, 500)
    filled = max(1, min(gauge.w or 0, round((gauge.w or 0) * min(value, top) / top)))
    canvas.fill_rect(
        gauge.x, gauge.y, gauge.x + (gauge.w or 0) - 1, gauge.y + (gauge.h or 1) - 1, layout.color("gauge_track")
    )
    canvas.fill_rect(gauge.x, gauge.y, gauge.x + filled - 1, gauge.y + (gauge.h or 1) - 1, color)

    disc = layout.el("aqi_disc")
    canvas.blit_mask(disc_mask(disc.size), disc.x - disc.size, disc.y - disc.size, color)
    number = layout.el("aqi_value")
    assert number.font
    canvas.text(number.font, number.x, number.y, str(value), contrast_color(color), align="center", max_width=number.w)

    names = INDEX_NAME.get(index, (index.upper(), "AQI"))
    canvas.text(
        index_el.font,
        index_el.x,
        index_el.y,
        fit_text(index_el.font, names, index_el.w or 0),
        index_el.color,
        align="center",
    )
    label = layout.el("aqi_label")
    assert label.font
    font, width = label.font, label.w or 0
    text = first.get("label") or first.get("category") or ""
    lines = wrap_words(text, lambda s: font.measure(s) <= width, label.count)
    if lines is None:
        short = SHORT_LABEL.get(first.get("category", ""), text)
        lines = wrap_words(short, lambda s: font.measure(s) <= width, label.count) or [font.truncate(short, width)]
    for i, line in enumerate(lines):
        canvas.text(font, label.x, label.y + i * label.step, line, color, align="center")
    pollutant = POLLUTANT.get(first.get("dominant_pollutant") or "")
    if pollutant and first.get("category") != "good":
        small = layout.el("aqi_pollutant")
        assert small.font
        canvas.text(small.font, small.x, small.y, pollutant, small.color, align="center", max_width=small.w)
