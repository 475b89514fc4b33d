"""The clock page: the time large, the date, and the place (scrolling when long) with its current temperature."""

from __future__ import annotations

from collections.abc import Hashable

from .._canvas import Canvas
from .._context import PageContext
from .._fonts import scroll_offset
from .._layout import get_layout
from .._registry import register_page
from .._units import format_temp, local_time
from .._widgets import record_data


def _clock_key(ctx: PageContext) -> Hashable:
    """The second, and where a place name too long for its field has scrolled to."""
    place = get_layout("clock").el("place")
    assert place.font
    width = place.font.measure(ctx.config.location.name)
    return int(ctx.now.timestamp()), scroll_offset(width, place.w or 128, ctx.frame_index)


@register_page("clock", kinds=("weather",), key=_clock_key)
def clock_page(canvas: Canvas, ctx: PageContext) -> None:
    """``7:05`` (12 h, with seconds and AM/PM beside it) or ``19:05`` (24 h), the date, the place."""
    layout = get_layout("clock")
    now = local_time(ctx.now, ctx.config)
    twelve_hour = ctx.config.units == "imperial"
    hour = (now.hour % 12 or 12) if twelve_hour else now.hour
    time_text = f"{hour}:{now.minute:02d}" if twelve_hour else f"{hour:02d}:{now.minute:02d}"

    time_el, sec_el, ampm_el = layout.el("time"), layout.el("seconds"), layout.el("ampm")
    assert time_el.font and sec_el.font and ampm_el.font
    seconds = f"{now.second:02d}"
    side = max(sec_el.font.measure(seconds), ampm_el.font.measure("PM"))
    left = time_el.x - (time_el.font.measure(time_text) + 2 + side) // 2
    width = canvas.text(time_el.font, left, time_el.y, time_text, time_el.color)
    canvas.text(sec_el.font, left + width + 2, sec_el.y, seconds, sec_el.color)
    if twelve_hour:
        canvas.text(ampm_el.font, left + width + 2, ampm_el.y, "AM" if now.hour < 12 else "PM", ampm_el.color)

    date_el = layout.el("date")
    assert date_el.font
    weekday, rest = now.strftime("%a").upper(), f" {now.day} {now.strftime('%b').upper()}"
    total = date_el.font.measure(weekday + rest)
    x = date_el.x - total // 2
    x += canvas.text(date_el.font, x, date_el.y, weekday, layout.color("weekday"))
    canvas.text(date_el.font, x, date_el.y, rest, date_el.color)

    place_el, temp_el = layout.el("place"), layout.el("temp")
    assert place_el.font and temp_el.font
    weather = record_data(ctx, "weather")
    current = weather.get("current") if weather else None
    temp = format_temp(current.get("temperature"), ctx.config) if current else ""
    if temp:
        canvas.text(temp_el.font, temp_el.x, temp_el.y, temp, temp_el.color, align="right", max_width=temp_el.w)
    canvas.scroll_text(
        place_el.font,
        place_el.x,
        place_el.y,
        ctx.config.location.name,
        place_el.color,
        width=place_el.w or canvas.width,
        frame_index=ctx.frame_index,
    )
