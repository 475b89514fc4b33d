"""The sun and moon page: the moon's phase drawn, its illumination, and today's sun and moon events."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

import numpy as np

from ...config import Config
from .._canvas import Canvas, Color
from .._context import PageContext
from .._fonts import fit_text
from .._layout import Layout, get_layout
from .._registry import every_minute, register_page
from .._units import clock_text, local_time, parse_instant
from .._views import per_record
from .._widgets import draw_waiting

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


@dataclass(frozen=True)
class SunMoonView:
    """The page's strings (built once per record and config): phase words, illumination, date, events.

    Events are ``(group, label, instant, local time text)``; which are past is decided every frame.
    """

    masks: tuple[np.ndarray, np.ndarray] | None
    phase: str
    illumination: str
    date: str
    events: tuple[tuple[str, str, datetime, str], ...]


def sun_moon_view(data: Mapping[str, Any], config: Config) -> SunMoonView:
    """The view of one ``sun_moon`` record."""
    layout = get_layout("sun_moon")
    degrees = data.get("moon_phase_degrees")
    phase = layout.el("phase")
    assert phase.font
    words = PHASE_WORDS.get(data.get("moon_phase") or "", (str(data.get("moon_phase") or ""),))
    illumination = data.get("moon_illumination")
    day = data.get("date")
    return SunMoonView(
        masks=None if degrees is None else moon_masks(layout.el("moon").size, round(float(degrees), 1)),
        phase=fit_text(phase.font, words, phase.w or 0),
        illumination="" if illumination is None else f"{round(float(illumination) * 100)}%",
        date=f"{int(day[5:7])}/{int(day[8:10])}" if day else "",
        events=tuple(
            (group, label, parse_instant(instant), clock_text(local_time(instant, config), config, ampm=True))
            for group, label, instant in _events(data)
        ),
    )


@register_page("sun_moon", kinds=("sun_moon",), key=every_minute)
def sun_moon_page(canvas: Canvas, ctx: PageContext) -> None:
    """Events that already happened today are dimmed; a missing event (polar day/night) is left out."""
    record = ctx.records.get("sun_moon")
    if record is None:
        draw_waiting(canvas, "sun_moon")
        return
    view = per_record("sun_moon", record, ctx.config, lambda: sun_moon_view(record.data, ctx.config))
    layout = get_layout("sun_moon")
    if view.masks is not None:
        moon = layout.el("moon")
        canvas.blit_mask(view.masks[0], moon.x, moon.y, layout.color("dark"))
        canvas.blit_mask(view.masks[1], moon.x, moon.y, layout.color("lit"))
    phase = layout.el("phase")
    assert phase.font
    canvas.text(phase.font, phase.x, phase.y, view.phase, phase.color)
    if view.illumination:
        el = layout.el("illumination")
        assert el.font
        canvas.text(el.font, el.x, el.y, view.illumination, el.color, max_width=el.w)
    if view.date:
        el = layout.el("date")
        assert el.font
        canvas.text(el.font, el.x, el.y, view.date, el.color, align="right")
    _draw_events(canvas, layout, view.events, ctx)


def _draw_events(
    canvas: Canvas, layout: Layout, events: tuple[tuple[str, str, datetime, str], ...], ctx: PageContext
) -> None:
    block, label_el, time_el = layout.el("events"), layout.el("event_label"), layout.el("event_time")
    assert label_el.font and time_el.font
    past: Color = layout.color("past")
    if len(events) > block.count:  # keep both sun events and the next moon event
        upcoming = tuple(e for e in events[2:] if e[2] >= ctx.now)
        events = events[:2] + (upcoming or events[-1:])[: block.count - 2]
    for i, (group, label, instant, text) in enumerate(events[: block.count]):
        y = block.y + i * block.step
        color = past if instant < ctx.now else layout.el(group).color
        canvas.text(label_el.font, block.x + label_el.x, y + label_el.y, label, color, max_width=label_el.w)
        canvas.text(
            time_el.font, block.x + time_el.x, y + time_el.y, text, color, align="right", max_width=time_el.w
        )
