"""The weekly reminder page: the original board's "GARBAGE NIGHT" on Tuesdays, made configurable.

Options (``PageSpec.options``): ``weekday`` (``monday`` .. ``sunday``, or its first three letters;
default ``tuesday``), ``start`` and ``end`` (``HH:MM`` local time in ``config.timezone``; defaults 18:00
and 00:00; an end at or before the start means the next day), ``text`` (default ``GARBAGE NIGHT``) and
``color`` (``#rrggbb``, default red). During the window the text is drawn in that colour under a
blinking ``!!!`` (half a second on, half off, counted in frames); otherwise one calm line says when the
next reminder starts. Once the window is marked done (a ``reminder`` record, written by ``POST
/api/v1/reminder/done``, whose ``done_at`` falls inside the current window) the page is calm until the
window ends: the text in green and ``done 9:12 PM`` under it. A mark from an earlier window, an undone
mark or no record at all leaves the alarm as it is (the page reads the record but shows no marker for
it). Options that cannot be read are refused when the page cycle is loaded (:data:`REMINDER_OPTIONS`,
through the same parsers); one that reaches the page anyway is named on the panel.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

from ..._record import REMINDER_KIND, Record
from ...config import unquoted_time_note
from .._canvas import Canvas, Color, rgb
from .._context import PageContext
from .._fonts import Font
from .._layout import Element, get_layout
from .._registry import OptionCheck, register_page, text_or_number
from .._units import clock_text, local_time, parse_instant, zone
from .._views import per_record
from ._events import draw_centred, fitted_line

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DEFAULT_TEXT = "GARBAGE NIGHT"
DEFAULT_COLOR: Color = (255, 0, 0)


@dataclass(frozen=True)
class Reminder:
    """A weekly window: from ``start`` on ``weekday`` (0 = Monday) to ``end`` (the next day if not after start)."""

    weekday: int
    start: time
    end: time
    text: str
    color: Color

    def window(self, day: date) -> tuple[datetime, datetime]:
        """The window that starts on ``day`` (naive local wall times)."""
        begin = datetime.combine(day, self.start)
        finish = datetime.combine(day if self.end > self.start else day + timedelta(days=1), self.end)
        return begin, finish

    def window_at(self, now: datetime) -> tuple[datetime, datetime] | None:
        """The window ``now`` (naive local) is in, as its begin and end, or ``None`` outside every window."""
        for back in (0, 1):
            day = now.date() - timedelta(days=back)
            if day.weekday() == self.weekday:
                begin, finish = self.window(day)
                if begin <= now < finish:
                    return begin, finish
        return None

    def active_until(self, now: datetime) -> datetime | None:
        """The end of the window ``now`` (naive local) is in, or ``None`` outside every window."""
        window = self.window_at(now)
        return None if window is None else window[1]

    def next_start(self, now: datetime) -> datetime:
        """The first window start after ``now`` (naive local)."""
        ahead = (self.weekday - now.weekday()) % 7
        begin = datetime.combine(now.date() + timedelta(days=ahead), self.start)
        return begin if begin > now else begin + timedelta(days=7)


def _clock(text: str) -> time:
    hours, sep, minutes = text.strip().partition(":")
    if not (sep and hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
        raise ValueError(text)
    return time(int(hours), int(minutes))


def _weekday(text: str) -> int:
    day = text.strip().lower()
    matches = [i for i, name in enumerate(WEEKDAYS) if len(day) >= 3 and name.startswith(day)]
    if len(matches) != 1:
        raise ValueError(text)
    return matches[0]


def _color(text: str) -> Color:
    return rgb(text) if text else DEFAULT_COLOR


@lru_cache(maxsize=16)
def parse_reminder(weekday: str, start: str, end: str, text: str, color: str) -> Reminder | str:
    """The :class:`Reminder` of these option values, or the name of the first unreadable one."""
    try:
        day = _weekday(weekday)
    except ValueError:
        return "weekday"
    try:
        begin = _clock(start)
    except ValueError:
        return "start"
    try:
        finish = _clock(end)
    except ValueError:
        return "end"
    try:
        shade = _color(color)
    except ValueError:
        return "color"
    return Reminder(day, begin, finish, text.strip() or DEFAULT_TEXT, shade)


def _reads(parse: Callable[[str], object], expected: str) -> OptionCheck:
    """Checker of a text option that ``parse`` (the page's own reader) accepts."""

    def check(value: Any) -> str | None:
        if isinstance(value, str):
            try:
                parse(value)
            except ValueError:
                pass
            else:
                return None
        return f"expected {expected}, got {value!r}"

    return check


_CLOCK = 'a time "HH:MM" from 00:00 to 23:59'
_clock_text = _reads(_clock, _CLOCK)


def _clock_problem(value: Any) -> str | None:
    """Checker of ``start`` and ``end``; YAML reads an unquoted ``18:00`` as the number 1080, so say to quote it."""
    if (note := unquoted_time_note(value)) is not None:
        return f"expected {_CLOCK}, got {value} ({note})"
    return _clock_text(value)


REMINDER_OPTIONS: Mapping[str, OptionCheck] = {
    "weekday": _reads(_weekday, "a weekday, monday to sunday or its first three letters"),
    "start": _clock_problem,
    "end": _clock_problem,
    "text": text_or_number,
    "color": _reads(_color, 'a colour "#rrggbb"'),
}
"""The options of the reminder page, checked by the parsers :func:`parse_reminder` uses."""


def reminder_from_options(ctx: PageContext) -> Reminder | str:
    """The page's reminder (parsed once per distinct option values), or the name of a bad option."""
    options = ctx.options
    return parse_reminder(
        str(options.get("weekday") or "tuesday"),
        str(options.get("start") or "18:00"),
        str(options.get("end") or "00:00"),
        str(options.get("text") or DEFAULT_TEXT),
        str(options.get("color") or ""),
    )


def blink_on(ctx: PageContext) -> bool:
    """True in the first half of each second of frames (at ``config.display.fps``)."""
    half = max(round(ctx.config.display.fps / 2), 1)
    return (ctx.frame_index // half) % 2 == 0


def next_text(reminder: Reminder, now: datetime, ctx: PageContext) -> str:
    """``next: today 6:00 PM`` / ``next: tomorrow 18:00`` / ``next: TUE 6:00 PM``."""
    begin = reminder.next_start(now)
    days = (begin.date() - now.date()).days
    day = "today" if days == 0 else "tomorrow" if days == 1 else begin.strftime("%a").upper()
    return f"next: {day} {clock_text(begin, ctx.config, ampm=True)}"


def done_at(record: Record | None, window: tuple[datetime, datetime], ctx: PageContext) -> datetime | None:
    """When the reminder was marked done, in ``config.timezone``, if that instant is inside ``window``
    (naive local wall times, compared as instants); ``None`` when there is no mark in it (no record,
    undone, an earlier window's mark, or a ``done_at`` that is not an instant)."""
    text = None if record is None else record.data.get("done_at")
    if not isinstance(text, str):
        return None
    try:
        done = parse_instant(text)
    except ValueError:
        return None
    tz = zone(ctx.config.timezone)
    begin, finish = (moment.replace(tzinfo=tz) for moment in window)
    return done.astimezone(tz) if begin <= done < finish else None


def _reminder_key(ctx: PageContext) -> Hashable:
    """The minute, the blink phase and the version of the ``reminder`` record (the done mark)."""
    record = ctx.records.get(REMINDER_KIND)
    return int(ctx.now.timestamp()) // 60, blink_on(ctx), None if record is None else record.version


Line = tuple[Element, str, Color]
"""A centred line: its element (row), text and colour."""
Fitted = tuple[Element, tuple[Font, int, str], Color]
"""A centred line ready to draw: its element, the :func:`fitted_line` and the colour."""


def _fitted(line: Line) -> Fitted:
    el, text, color = line
    return el, fitted_line(el, text), color


def reminder_screen(ctx: PageContext) -> tuple[Fitted | None, tuple[Fitted, ...]]:
    """:func:`reminder_lines` fitted to their rows."""
    bang, lines = reminder_lines(ctx)
    return None if bang is None else _fitted(bang), tuple(_fitted(line) for line in lines)


def reminder_lines(ctx: PageContext) -> tuple[Line | None, tuple[Line, ...]]:
    """The blinking ``!!!`` line (None outside the window or once it is marked done) and the steady lines,
    built once per options, config, minute (windows start and end on whole minutes) and done mark."""
    layout = get_layout("reminder")
    reminder = reminder_from_options(ctx)
    if isinstance(reminder, str):
        message = layout.el("message")
        problem = layout.color("problem")
        lines = ("reminder:", f"check {reminder}")
        return None, tuple((replace(message, y=message.y + i * message.step), t, problem) for i, t in enumerate(lines))
    now = local_time(ctx.now, ctx.config).replace(tzinfo=None)
    window = reminder.window_at(now)
    if window is None:
        nxt = layout.el("next")
        return None, (
            (layout.el("calm_text"), reminder.text, layout.color("calm")),
            (nxt, next_text(reminder, now, ctx), nxt.color),
        )
    done = done_at(ctx.records.get(REMINDER_KIND), window, ctx)
    if done is not None:
        line = layout.el("done")
        return None, (
            (layout.el("done_text"), reminder.text, layout.color("done")),
            (line, f"done {clock_text(done, ctx.config, ampm=True)}", line.color),
        )
    finish = window[1]
    until = "midnight" if finish.time() == time(0, 0) else clock_text(finish, ctx.config, ampm=True)
    return (layout.el("bang"), "!!!", reminder.color), (
        (layout.el("text"), reminder.text, reminder.color),
        (layout.el("until"), f"until {until}", layout.color("until")),
    )


@register_page("reminder", kinds=(), key=_reminder_key, options=REMINDER_OPTIONS)
def reminder_page(canvas: Canvas, ctx: PageContext) -> None:
    """The reminder in its colour with a blinking ``!!!`` during its window (in green with the time it was
    marked done once it is), else the next start, calmly."""
    key = (ctx.options, ctx.config, int(ctx.now.timestamp()) // 60)
    record = ctx.records.get(REMINDER_KIND)
    bang, lines = per_record("reminder", record, key, lambda: reminder_screen(ctx))
    for el, line, color in lines if bang is None or not blink_on(ctx) else (bang, *lines):
        draw_centred(canvas, el, line, color, ctx.frame_index)
