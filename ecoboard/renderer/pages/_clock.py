"""The clock page: the time large, the date, and the place (scrolling when long) with its current temperature."""

from __future__ import annotations

from dataclasses import dataclass

from .._canvas import Canvas
from .._context import PageContext
from .._layout import get_layout
from .._registry import every_second, register_page
from .._units import format_temp, local_time
from .._views import per_record
from .._widgets import record_data


@dataclass(frozen=True)
class ClockView:
    """The clock's strings of one second: time, seconds, AM/PM (empty on 24 h boards), weekday, rest of the
    date, temperature; ``left`` is where the time starts so time and seconds are centred together."""

    time: str
    seconds: str
    ampm: str
    weekday: str
    rest: str
    temp: str
    left: int


def clock_view(ctx: PageContext) -> ClockView:
    """The view of the current second (built once per second, weather record and config)."""
    layout = get_layout("clock")
    now = local_time(ctx.now, ctx.config)
    twelve_hour = ctx.config.units == "imperial"
    hour = (now.hour % 12 or 12) if twelve_hour else now.hour
    time_text = f"{hour}:{now.minute:02d}" if twelve_hour else f"{hour:02d}:{now.minute:02d}"
    time_el, sec_el, ampm_el = layout.el("time"), layout.el("seconds"), layout.el("ampm")
    assert time_el.font and sec_el.font and ampm_el.font
    seconds = f"{now.second:02d}"
    side = max(sec_el.font.measure(seconds), ampm_el.font.measure("PM"))
    weather = record_data(ctx, "weather")
    current = weather.get("current") if weather else None
    return ClockView(
        time=time_text,
        seconds=seconds,
        ampm=("AM" if now.hour < 12 else "PM") if twelve_hour else "",
        weekday=now.strftime("%a").upper(),
        rest=f" {now.day} {now.strftime('%b').upper()}",
        temp=format_temp(current.get("temperature"), ctx.config) if current else "",
        left=time_el.x - (time_el.font.measure(time_text) + 2 + side) // 2,
    )


@register_page("clock", kinds=("weather",), key=every_second)
def clock_page(canvas: Canvas, ctx: PageContext) -> None:
    """``7:05`` (12 h, with seconds and AM/PM beside it) or ``19:05`` (24 h), the date, the place."""
    key = (int(ctx.now.timestamp()), ctx.config)
    view = per_record("clock", ctx.records.get("weather"), key, lambda: clock_view(ctx))
    layout = get_layout("clock")
    time_el, sec_el, ampm_el = layout.el("time"), layout.el("seconds"), layout.el("ampm")
    assert time_el.font and sec_el.font and ampm_el.font
    left = view.left
    width = canvas.text(time_el.font, left, time_el.y, view.time, time_el.color)
    canvas.text(sec_el.font, left + width + 2, sec_el.y, view.seconds, sec_el.color)
    if view.ampm:
        canvas.text(ampm_el.font, left + width + 2, ampm_el.y, view.ampm, ampm_el.color)

    date_el = layout.el("date")
    assert date_el.font
    total = date_el.font.measure(view.weekday + view.rest)
    x = date_el.x - total // 2
    x += canvas.text(date_el.font, x, date_el.y, view.weekday, layout.color("weekday"))
    canvas.text(date_el.font, x, date_el.y, view.rest, date_el.color)

    place_el, temp_el = layout.el("place"), layout.el("temp")
    assert place_el.font and temp_el.font
    if view.temp:
        canvas.text(temp_el.font, temp_el.x, temp_el.y, view.temp, temp_el.color, align="right", max_width=temp_el.w)
    canvas.scroll_text(
        place_el.font,
        place_el.x,
        place_el.y,
        ctx.config.location.name,
        place_el.color,
        width=place_el.w or canvas.width,
        frame_index=ctx.frame_index,
    )
