"""The hourly forecast page: the next hours in columns (hour, icon, temperature, precipitation, wind)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import numpy as np

from .._canvas import Canvas
from .._context import PageContext
from .._icons import get_icon
from .._layout import get_layout
from .._registry import every_minute, number_at_least, register_page
from .._units import forecast_anchor, format_temp, hour_text, local_time, parse_instant, speed
from .._views import per_record
from .._widgets import draw_waiting, number_option


def upcoming_hours(weather: Mapping[str, Any], ctx: PageContext, count: int) -> list[Mapping[str, Any]]:
    """``count`` entries from the current hour on (see :func:`forecast_anchor`), ``options.step`` hours apart."""
    hourly = weather.get("hourly") or ()
    step = int(number_option(ctx.options, "step", 1, 1))
    past = bool(hourly) and bool(hourly[-1].get("time")) and parse_instant(hourly[-1]["time"]) <= ctx.now
    start = forecast_anchor(weather, ctx.now, past=past) - timedelta(hours=1)
    future = [h for h in hourly if h.get("time") and parse_instant(h["time"]) > start]
    return future[::step][:count]


@dataclass(frozen=True)
class HourColumn:
    """One drawn hour: its left edge, hour label, icon, temperature, precipitation and wind (empty: hidden)."""

    x: int
    hour: str
    icon: np.ndarray
    temp: str
    precip: str
    wind: str


def hour_columns(weather: Mapping[str, Any], ctx: PageContext) -> tuple[HourColumn, ...]:
    """The columns of the hours to show (built once per record, config, options and minute)."""
    layout = get_layout("hourly")
    columns, icon_el = layout.el("columns"), layout.el("icon")
    unit = "mph" if ctx.config.units == "imperial" else "kmh"
    built = []
    for i, entry in enumerate(upcoming_hours(weather, ctx, columns.count)):
        chance, wind = entry.get("precipitation_probability"), entry.get("wind_speed")
        built.append(
            HourColumn(
                x=columns.x + i * columns.step,
                hour=hour_text(local_time(entry["time"], ctx.config), ctx.config),
                icon=get_icon(entry.get("condition") or "unknown", entry.get("is_day"), icon_el.size),
                temp=format_temp(entry.get("temperature"), ctx.config),
                precip="" if chance is None else f"{round(chance)}%",
                wind="" if wind is None else f"{round(speed(wind, ctx.config))}{unit}",
            )
        )
    return tuple(built)


@register_page("hourly", kinds=("weather",), key=every_minute, options={"step": number_at_least(1, whole=True)})
def hourly_page(canvas: Canvas, ctx: PageContext) -> None:
    """Up to four columns; a column's missing value hides that cell only."""
    record = ctx.records.get("weather")
    if record is None:
        draw_waiting(canvas, "weather")
        return
    key = (ctx.config, ctx.options, int(ctx.now.timestamp()) // 60)
    hours = per_record("hourly", record, key, lambda: hour_columns(record.data, ctx))
    if not hours:
        draw_waiting(canvas, "weather", "no hourly forecast")
        return
    layout = get_layout("hourly")
    columns = layout.el("columns")
    hour_el, icon_el, temp_el = layout.el("hour"), layout.el("icon"), layout.el("temp")
    precip_el, wind_el = layout.el("precip"), layout.el("wind")
    divider = layout.color("divider")
    for i, column in enumerate(hours):
        x = column.x
        if i:
            canvas.vline(x - 1, columns.y, canvas.height - 1, divider)
        assert hour_el.font
        canvas.text(hour_el.font, x + hour_el.x, hour_el.y, column.hour, hour_el.color, align="center",
                    max_width=hour_el.w)
        canvas.blit_rgb(column.icon, x + icon_el.x, icon_el.y)
        for el, text in ((temp_el, column.temp), (precip_el, column.precip), (wind_el, column.wind)):
            if text:
                assert el.font
                canvas.text(el.font, x + el.x, el.y, text, el.color, align="center", max_width=el.w)
