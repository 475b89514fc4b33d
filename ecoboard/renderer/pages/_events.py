"""The next family event page: whose birthday or anniversary comes next, which one it is, and in how many days.

Options (``PageSpec.options``): ``events``, a list of ``{name, event, date}``: ``event`` (optional) is ``birthday``,
``anniversary`` or any text; ``date`` is the original ``YYYY-MM-DD`` (its year gives the ordinal: the
40th birthday; without ``event`` the line says ``40th`` alone, or ``big day`` on the first date). An
event more than :data:`COUNTDOWN_DAYS` ahead reads "in over a year" above its date, not a count of days.
Days are counted between calendar dates in ``config.timezone`` (so a DST change or a year end never
shifts them); a Feb 29 date falls on Feb 28 in other years. An entry without a name or a
valid date is refused when the page cycle is loaded (:func:`events_problem`, through :func:`parse_event`);
one that reaches the page anyway is skipped. When several events share the next day they take turns
every few seconds.
"""

from __future__ import annotations

import logging
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any

from .._canvas import Canvas, Color
from .._context import PageContext
from .._fonts import Font, get_font
from .._layout import Element, get_layout
from .._registry import register_page
from .._units import local_time
from .._views import per_record

log = logging.getLogger(__name__)

ROTATE_SECONDS = 4.0
"""How long each of several events on the same next day is shown."""

COUNTDOWN_DAYS = 365
"""The longest countdown in days; an event further ahead (only a first date can be: an anniversary always
comes within 365 days) reads "in over a year", its date on the line below."""

FALLBACK_FONTS = ("6x10", "5x8", "4x6")
"""Smaller fonts tried, in order, for a line too wide for its element's font."""


@dataclass(frozen=True)
class FamilyEvent:
    """One configured event: whose, what, and the original date."""

    name: str
    event: str
    date: date


@dataclass(frozen=True)
class Upcoming:
    """An event's next occurrence: the date it falls on, the days until it, and which one it is (0: the first)."""

    event: FamilyEvent
    on: date
    days: int
    nth: int


def ordinal(n: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th``, ``11th``, ``12th``, ``13th``, ``21st``, ``111th``..."""
    if n % 100 in (11, 12, 13):
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def anniversary(original: date, year: int) -> date:
    """``original``'s month and day in ``year``; Feb 29 falls on Feb 28 outside leap years."""
    try:
        return original.replace(year=year)
    except ValueError:  # Feb 29 in a common year
        return date(year, 2, 28)


def next_occurrence(original: date, today: date) -> date:
    """The first anniversary of ``original`` on or after ``today`` (``original`` itself if it is still ahead)."""
    if original >= today:
        return original
    this_year = anniversary(original, today.year)
    return this_year if this_year >= today else anniversary(original, today.year + 1)


def upcoming(events: Sequence[FamilyEvent], today: date) -> list[Upcoming]:
    """Every event's next occurrence, soonest first (ties keep the configured order)."""
    found = []
    for event in events:
        on = next_occurrence(event.date, today)
        found.append(Upcoming(event, on, (on - today).days, on.year - event.date.year))
    found.sort(key=lambda u: u.days)
    return found


EVENT_FIELDS = ("name", "event", "date")
"""The fields of one entry of the ``events`` option."""


def _row(item: Mapping[str, Any]) -> tuple[str, str, str]:
    """One entry as ``(name, event, date)`` texts (a YAML date reads as its ``YYYY-MM-DD``)."""
    name, event, when = (str(item.get(field) or "").strip() for field in EVENT_FIELDS)
    return name, event, when


def _is_list(raw: object) -> bool:
    return isinstance(raw, Sequence) and not isinstance(raw, str)


def _freeze(raw: object) -> tuple[tuple[str, str, str], ...]:
    if not _is_list(raw):
        return ()
    return tuple(_row(item) for item in raw if isinstance(item, Mapping))


def parse_event(name: str, event: str, text: str) -> FamilyEvent:
    """One ``(name, event, date)`` row as an event; a ``ValueError`` names the field that cannot be read
    (``"date: expected a date YYYY-MM-DD, got '14/03/1986'"``)."""
    try:
        when = date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"date: expected a date YYYY-MM-DD, got {text!r}") from None
    if not name:
        raise ValueError(f"name: expected a name, got {name!r}")
    return FamilyEvent(name, event, when)


@lru_cache(maxsize=16)
def parse_events(frozen: tuple[tuple[str, str, str], ...]) -> tuple[FamilyEvent, ...]:
    """The usable events of the ``(name, event, date)`` rows; an unusable row is logged once and skipped."""
    events = []
    for row in frozen:
        try:
            events.append(parse_event(*row))
        except ValueError as exc:
            log.warning("events page: skipping the event %r: %s", row[0], exc)
    return tuple(events)


def events_problem(value: Any) -> str | None:
    """Checker of the page option ``events``: the first entry the page would skip, as :func:`parse_event` reads it."""
    if not _is_list(value):
        return f"expected a list of {{name, event, date}}, got {value!r}"
    for i, item in enumerate(value):
        if not isinstance(item, Mapping):
            return f"[{i}]: expected a mapping {{name, event, date}}, got {item!r}"
        unknown = [key for key in item if key not in EVENT_FIELDS]
        if unknown:
            return f"[{i}].{unknown[0]}: unknown field of an event; expected one of {', '.join(EVENT_FIELDS)}"
        try:
            parse_event(*_row(item))
        except ValueError as exc:
            return f"[{i}].{exc}"
    return None


def events_from_options(options: Mapping[str, Any]) -> tuple[FamilyEvent, ...]:
    """The events of the page's options (parsed once per distinct list)."""
    return parse_events(_freeze(options.get("events")))


def _countdown(days: int) -> str:
    if days == 0:
        return "is TODAY!"
    if days > COUNTDOWN_DAYS:
        return "in over a year"
    return f"in {days} day{'s' if days > 1 else ''}"


def event_lines(item: Upcoming) -> tuple[str, str, str, str]:
    """The four lines: ``Ann's``, ``40th birthday``, ``is TODAY!`` / ``in 3 days`` / ``in over a year``,
    ``SAT 14 MAR 2026``. Without ``event`` text the second line is the ordinal alone, as one says "her 40th"
    (``40th``), or ``big day`` on the first date, which has no ordinal."""
    what = item.event.event
    second = f"{ordinal(item.nth)} {what}".rstrip() if item.nth > 0 else what or "big day"
    when = _countdown(item.days)
    on = item.on
    stamp = f"{on.strftime('%a').upper()} {on.day} {on.strftime('%b').upper()} {on.year}"
    return f"{item.event.name}'s", second, when, stamp


def _fitting_font(el: Element, text: str) -> Font:
    assert el.font
    budget = el.w or 128
    if el.font.measure(text) <= budget:
        return el.font
    for name in FALLBACK_FONTS:
        font = get_font(name)
        if font.measure(text) <= budget:
            return font
    return get_font(FALLBACK_FONTS[-1])


def fitted_line(el: Element, text: str) -> tuple[Font, int, str]:
    """``(font, top, text)`` of ``text`` in the element's row: its font or the first smaller one that fits
    (else the smallest, and the text scrolls: :func:`draw_centred`), vertically centred in the row."""
    assert el.font
    font = _fitting_font(el, text)
    return font, el.y + (el.font.height - font.height) // 2, text


def draw_centred(
    canvas: Canvas, el: Element, line: tuple[Font, int, str], color: Color, frame_index: int, *, x: int | None = None
) -> None:
    """A :func:`fitted_line` centred on ``x`` (default: the element's), scrolling through the element's
    width when it is wider even in the smallest font (never cut mid-word)."""
    font, y, text = line
    centre = el.x if x is None else x
    width = el.w or canvas.width
    if font.measure(text) > width:
        canvas.scroll_text(font, centre - width // 2, y, text, color, width=width, frame_index=frame_index)
    else:
        canvas.text(font, centre, y, text, color, align="center")


def centred_line(canvas: Canvas, el: Element, text: str, color: Color, frame_index: int = 0) -> None:
    """``text`` centred in the element's row, in its font or the first smaller one that fits (else it
    scrolls)."""
    draw_centred(canvas, el, fitted_line(el, text), color, frame_index)


def _local_today(ctx: PageContext) -> date:
    return local_time(ctx.now, ctx.config).date()


def _events_key(ctx: PageContext) -> Hashable:
    """The local day and the turn among tied events."""
    return _local_today(ctx), int(ctx.page_elapsed // ROTATE_SECONDS)


EventScreen = tuple[tuple[tuple[Font, int, str], ...], bool]
"""One event's four fitted lines (font, top, text) and whether it is today."""


def event_screens(ctx: PageContext) -> tuple[EventScreen, ...]:
    """The screens of the events due next (several when tied), built once per options, config and minute."""
    layout = get_layout("events")
    found = upcoming(events_from_options(ctx.options), _local_today(ctx))
    elements = [layout.el(n) for n in ("name", "event", "when", "date")]
    tied = [u for u in found if u.days == found[0].days]
    return tuple(
        (tuple(fitted_line(el, text) for el, text in zip(elements, event_lines(item), strict=True)), item.days == 0)
        for item in tied
    )


@register_page("events", kinds=(), key=_events_key, options={"events": events_problem})
def events_page(canvas: Canvas, ctx: PageContext) -> None:
    """Four centred lines for the next event, or "No upcoming events"."""
    layout = get_layout("events")
    key = (ctx.options, ctx.config, int(ctx.now.timestamp()) // 60)
    screens = per_record("events", None, key, lambda: event_screens(ctx))
    if not screens:
        message = layout.el("message")
        for i, text in enumerate(("No upcoming", "events")):
            centred_line(canvas, replace(message, y=message.y + i * message.step), text, message.color)
        return
    lines, today = screens[int(ctx.page_elapsed // ROTATE_SECONDS) % len(screens)]
    colors = (
        layout.el("name").color,
        layout.el("event").color,
        layout.color("today") if today else layout.color("soon"),
        layout.el("date").color,
    )
    for line, color, name in zip(lines, colors, ("name", "event", "when", "date"), strict=True):
        draw_centred(canvas, layout.el(name), line, color, ctx.frame_index)
