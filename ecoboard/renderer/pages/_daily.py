"""The daily forecast page: five days in columns (weekday, icon, high, low, precipitation chance)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import numpy as np

from .._canvas import Canvas
from .._context import PageContext
from .._icons import get_icon
from .._layout import get_layout
from .._registry import every_minute, register_page
from .._units import forecast_anchor, format_temp, local_time, zone
from .._views import per_record
from .._widgets import draw_waiting

WEEKDAYS = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")


def upcoming_days(weather: Mapping[str, Any], ctx: PageContext, count: int) -> list[Mapping[str, Any]]:
    """``count`` forecast days from today on, today taken in the forecast's own zone when it has one
    (and at the forecast's own observation time when it is all past: see :func:`forecast_anchor`)."""
    tz_name = (weather.get("location") or {}).get("timezone")

    def day_of(instant: datetime) -> str:
        return (instant.astimezone(zone(tz_name)) if tz_name else local_time(instant, ctx.config)).date().isoformat()

    daily = weather.get("daily") or ()
    today = day_of(ctx.now)
    if daily and str(daily[-1].get("date", "")) < today:
        today = day_of(forecast_anchor(weather, ctx.now, past=True))
    return [d for d in daily if str(d.get("date", "")) >= today][:count]


@dataclass(frozen=True)
class DayColumn:
    """One drawn day: its left edge, weekday, icon, high and low, precipitation chance (empty: hidden)."""

    x: int
    weekday: str
    icon: np.ndarray
    high: str
    low: str
    precip: str


def day_columns(weather: Mapping[str, Any], ctx: PageContext) -> tuple[DayColumn, ...]:
    """The columns of the days to show (built once per record, config and minute)."""
    layout = get_layout("daily")
    columns, icon_el = layout.el("columns"), layout.el("icon")
    built = []
    for i, day in enumerate(upcoming_days(weather, ctx, columns.count)):
        chance = day.get("precipitation_probability")
        built.append(
            DayColumn(
                x=columns.x + i * columns.step,
                weekday=WEEKDAYS[date.fromisoformat(day["date"]).weekday()],
                icon=get_icon(day.get("condition") or "unknown", True, icon_el.size),
                high=format_temp(day.get("temperature_max"), ctx.config),
                low=format_temp(day.get("temperature_min"), ctx.config),
                precip="" if chance is None else f"{round(chance)}%",
            )
        )
    return tuple(built)


@register_page("daily", kinds=("weather",), key=every_minute)
def daily_page(canvas: Canvas, ctx: PageContext) -> None:
    """Weekday names come from the forecast's dates, never from the board's clock."""
    record = ctx.records.get("weather")
    if record is None:
        draw_waiting(canvas, "weather")
        return
    key = (ctx.config, int(ctx.now.timestamp()) // 60)
    days = per_record("daily", record, key, lambda: day_columns(record.data, ctx))
    if not days:
        draw_waiting(canvas, "weather", "no daily forecast")
        return
    layout = get_layout("daily")
    columns = layout.el("columns")
    dow_el, icon_el, high_el, low_el, precip_el = (layout.el(n) for n in ("dow", "icon", "high", "low", "precip"))
    assert dow_el.font and high_el.font and low_el.font and precip_el.font
    divider = layout.color("divider")
    for i, day in enumerate(days):
        x = day.x
        if i:
            canvas.vline(x - 1, columns.y, canvas.height - 1, divider)
        canvas.text(dow_el.font, x + dow_el.x, dow_el.y, day.weekday, dow_el.color, align="center")
        canvas.blit_rgb(day.icon, x + icon_el.x, icon_el.y)
        for el, text in ((high_el, day.high), (low_el, day.low), (precip_el, day.precip)):
            if text:
                assert el.font
                canvas.text(el.font, x + el.x, el.y, text, el.color, align="center", max_width=el.w)
