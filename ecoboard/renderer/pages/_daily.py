"""The daily forecast page: five days in columns (weekday, icon, high, low, precipitation chance)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from .._canvas import Canvas
from .._context import PageContext
from .._icons import get_icon
from .._layout import get_layout
from .._registry import every_minute, register_page
from .._units import format_temp, local_time, zone
from .._widgets import draw_waiting, record_data

WEEKDAYS = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")


def upcoming_days(weather: Mapping[str, Any], ctx: PageContext, count: int) -> list[Mapping[str, Any]]:
    """``count`` forecast days from today on, today taken in the forecast's own zone when it has one."""
    tz_name = (weather.get("location") or {}).get("timezone")
    today = (ctx.now.astimezone(zone(tz_name)) if tz_name else local_time(ctx.now, ctx.config)).date().isoformat()
    return [d for d in weather.get("daily") or () if str(d.get("date", "")) >= today][:count]


@register_page("daily", kinds=("weather",), key=every_minute)
def daily_page(canvas: Canvas, ctx: PageContext) -> None:
    """Weekday names come from the forecast's dates, never from the board's clock."""
    weather = record_data(ctx, "weather")
    if weather is None:
        draw_waiting(canvas, "weather")
        return
    layout = get_layout("daily")
    columns = layout.el("columns")
    days = upcoming_days(weather, ctx, columns.count)
    if not days:
        draw_waiting(canvas, "weather", "no daily forecast")
        return
    dow_el, icon_el, high_el, low_el, precip_el = (layout.el(n) for n in ("dow", "icon", "high", "low", "precip"))
    assert dow_el.font and high_el.font and low_el.font and precip_el.font
    for i, day in enumerate(days):
        x = columns.x + i * columns.step
        if i:
            canvas.vline(x - 1, columns.y, canvas.height - 1, layout.color("divider"))
        canvas.text(
            dow_el.font,
            x + dow_el.x,
            dow_el.y,
            WEEKDAYS[date.fromisoformat(day["date"]).weekday()],
            dow_el.color,
            align="center",
        )
        canvas.blit_rgb(get_icon(day.get("condition") or "unknown", True, icon_el.size), x + icon_el.x, icon_el.y)
        for el, key in ((high_el, "temperature_max"), (low_el, "temperature_min")):
            assert el.font
            canvas.text(
                el.font, x + el.x, el.y, format_temp(day.get(key), ctx.config), el.color, align="center", max_width=el.w
            )
        chance = day.get("precipitation_probability")
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
