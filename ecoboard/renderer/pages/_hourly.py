"""The hourly forecast page: the next hours in columns (hour, icon, temperature, precipitation, wind)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from .._canvas import Canvas
from .._context import PageContext
from .._icons import get_icon
from .._layout import get_layout
from .._registry import every_minute, register_page
from .._units import format_temp, hour_text, local_time, parse_instant, speed
from .._widgets import draw_waiting, record_data


def upcoming_hours(hourly: tuple[Mapping[str, Any], ...], ctx: PageContext, count: int) -> list[Mapping[str, Any]]:
    """``count`` entries from the current hour on, ``options.step`` hours apart (default 1)."""
    step = max(int(ctx.options.get("step", 1)), 1)
    start = ctx.now - timedelta(hours=1)
    future = [h for h in hourly if h.get("time") and parse_instant(h["time"]) > start]
    return future[::step][:count]


@register_page("hourly", kinds=("weather",), key=every_minute)
def hourly_page(canvas: Canvas, ctx: PageContext) -> None:
    """Up to four columns; a column's missing value hides that cell only."""
    weather = record_data(ctx, "weather")
    if weather is None:
        draw_waiting(canvas, "weather")
        return
    layout = get_layout("hourly")
    columns = layout.el("columns")
    hours = upcoming_hours(weather.get("hourly") or (), ctx, columns.count)
    if not hours:
        draw_waiting(canvas, "weather", "no hourly forecast")
        return
    hour_el, icon_el, temp_el = layout.el("hour"), layout.el("icon"), layout.el("temp")
    precip_el, wind_el = layout.el("precip"), layout.el("wind")
    assert hour_el.font and temp_el.font and precip_el.font and wind_el.font
    for i, entry in enumerate(hours):
        x = columns.x + i * columns.step
        if i:
            canvas.vline(x - 1, columns.y, canvas.height - 1, layout.color("divider"))
        when = local_time(entry["time"], ctx.config)
        canvas.text(
            hour_el.font,
            x + hour_el.x,
            hour_el.y,
            hour_text(when, ctx.config),
            hour_el.color,
            align="center",
            max_width=hour_el.w,
        )
        icon = get_icon(entry.get("condition") or "unknown", entry.get("is_day"), icon_el.size)
        canvas.blit_rgb(icon, x + icon_el.x, icon_el.y)
        temp = format_temp(entry.get("temperature"), ctx.config)
        canvas.text(temp_el.font, x + temp_el.x, temp_el.y, temp, temp_el.color, align="center", max_width=temp_el.w)
        chance = entry.get("precipitation_probability")
        if chance is not None:
            canvas.text(
                precip_el.font,
                x + precip_el.x,
                precip_el.y,
                f"{round(chance)}%",
                precip_el.color,
                align="center",
                max_width=precip_el.w,
            )
        wind = entry.get("wind_speed")
        if wind is not None:
            unit = "mph" if ctx.config.units == "imperial" else "kmh"
            canvas.text(
                wind_el.font,
                x + wind_el.x,
                wind_el.y,
                f"{round(speed(wind, ctx.config))}{unit}",
                wind_el.color,
                align="center",
                max_width=wind_el.w,
            )
