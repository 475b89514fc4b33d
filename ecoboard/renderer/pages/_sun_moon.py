"""The sun and moon page: the moon's phase drawn, its illumination, and today's sun and moon events."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from functools import lru_cache
from typing import Any

import numpy as np

from .._canvas import Canvas, Color
from .._context import PageContext
from .._fonts import fit_text
from .._layout import Layout, get_layout
from .._registry import every_minute, register_page
from .._units import clock_text, local_time, parse_instant
from .._widgets import draw_waiting, record_data

PHASE_WORDS = {
    "new": ("New moon", "New"),
    "waxing_crescent": ("Waxing crescent", "Wax cresc"),
    "first_quarter": ("First quarter", "1st qtr"),
    "waxing_gibbous": ("Waxing gibbous", "Wax gibb"),
    "full": ("Full moon", "Full"),
    "waning_gibbous": ("Waning gibbous", "Wan gibb"),
    "last_quarter": ("Last quarter", "Last qtr"),
    "waning_crescent": ("Waning crescent", "Wan cresc"),
}


@lru_cache(maxsize=64)
def moon_masks(size: int, phase_degrees: float) -> tuple[np.ndarray, np.ndarray]:
    """``(disc, lit)`` bool masks of a ``size`` px moon at ``phase_degrees`` (0 new, 90 first quarter, 180 full).

    Waxing moons are lit on the right, waning ones on the left (as seen from the northern hemisphere).
    """
    centres = (np.arange(size) + 0.5) / size * 2.0 - 1.0
    x, y = centres[np.newaxis, :], centres[:, np.newaxis]
    disc = x * x + y * y <= 1.0
    half_width = np.sqrt(np.clip(1.0 - y * y, 0.0, 1.0))
    terminator = np.cos(np.radians(phase_degrees % 360.0)) * half_width
    lit = disc & ((x > terminator) if (phase_degrees % 360.0) <= 180.0 else (x < -terminator))
    disc.setflags(write=False)
    lit.setflags(write=False)
    return disc, lit


def _events(data: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """``(group, label, instant)``: sunrise and sunset, then the moon's events, each when present."""
    events = [
        ("sun", label, data[key]) for key, label in (("sunrise", "Sunrise"), ("sunset", "Sunset")) if data.get(key)
    ]
    moon = sorted(
        (
            (parse_instant(data[key]), label)
            for key, label in (("moonrise", "Moonrise"), ("moonset", "Moonset"))
            if data.get(key)
        ),
    )
    events.extend(("moonlight", label, when.isoformat()) for when, label in moon)
    return events


@register_page("sun_moon", kinds=("sun_moon",), key=every_minute)
def sun_moon_page(canvas: Canvas, ctx: PageContext) -> None:
    """Events that already happened today are dimmed; a missing event (polar day/night) is left out."""
    data = record_data(ctx, "sun_moon")
    if data is None:
        draw_waiting(canvas, "sun_moon")
        return
    layout = get_layout("sun_moon")
    moon = layout.el("moon")
    degrees = data.get("moon_phase_degrees")
    if degrees is not None:
        disc, lit = moon_masks(moon.size, round(float(degrees), 1))
        canvas.blit_mask(disc, moon.x, moon.y, layout.color("dark"))
        canvas.blit_mask(lit, moon.x, moon.y, layout.color("lit"))
    phase = layout.el("phase")
    assert phase.font
    words = PHASE_WORDS.get(data.get("moon_phase") or "", (str(data.get("moon_phase") or ""),))
    canvas.text(phase.font, phase.x, phase.y, fit_text(phase.font, words, phase.w or 0), phase.color)
    illumination = data.get("moon_illumination")
    if illumination is not None:
        el = layout.el("illumination")
        assert el.font
        canvas.text(el.font, el.x, el.y, f"{round(float(illumination) * 100)}%", el.color, max_width=el.w)
    if data.get("date"):
        el = layout.el("date")
        assert el.font
        month, day = data["date"][5:7], data["date"][8:10]
        canvas.text(el.font, el.x, el.y, f"{int(month)}/{int(day)}", el.color, align="right")
    _draw_events(canvas, layout, _events(data), ctx)


def _draw_events(canvas: Canvas, layout: Layout, events: list[tuple[str, str, str]], ctx: PageContext) -> None:
    block, label_el, time_el = layout.el("events"), layout.el("event_label"), layout.el("event_time")
    assert label_el.font and time_el.font
    past: Color = layout.color("past")
    if len(events) > block.count:  # keep both sun events and the next moon event
        upcoming = [e for e in events[2:] if parse_instant(e[2]) >= ctx.now]
        events = events[:2] + (upcoming or events[-1:])[: block.count - 2]
    for i, (group, label, instant) in enumerate(events[: block.count]):
        y = block.y + i * block.step
        when: datetime = local_time(instant, ctx.config)
        color = past if parse_instant(instant) < ctx.now else layout.el(group).color
        canvas.text(label_el.font, block.x + label_el.x, y + label_el.y, label, color, max_width=label_el.w)
        canvas.text(
            time_el.font,
            block.x + time_el.x,
            y + time_el.y,
            clock_text(when, ctx.config, ampm=True),
            color,
            align="right",
            max_width=time_el.w,
        )
