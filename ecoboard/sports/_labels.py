"""Short status texts for the board: innings, quarters, finals in extras, doubleheaders, weeks.

Every function reads a normalized game (docs/records.md) and returns plain text; none of them
knows about pixels (the renderer fits the text, C12). A game is an NFL game when it carries a
``week`` or ``period`` key, an MLB game otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from ._day import parse_instant

_HALF_WORDS = {"top": "Top", "middle": "Mid", "bottom": "Bot", "end": "End"}

_POSTSEASON_SHORT = {
    "wild card": "WC",
    "divisional round": "DIV",
    "conference championship": "CONF",
    "pro bowl": "PRO",
    "super bowl": "SB",
}

POSTSEASON_WEEK_NAMES: Mapping[int, str] = {
    1: "Wild Card",
    2: "Divisional Round",
    3: "Conference Championship",
    4: "Pro Bowl",
    5: "Super Bowl",
}
"""NFL postseason weeks by ESPN week number, used only when the calendar does not name the week."""

_STATUS_WORDS = {"postponed": "PPD", "cancelled": "CANC", "suspended": "SUSP", "delayed": "DELAYED"}


def ordinal(number: int) -> str:
    """``1`` → ``"1st"``, ``12`` → ``"12th"``, ``22`` → ``"22nd"``."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def is_nfl(game: Mapping[str, Any]) -> bool:
    """True for a football game (it has a week or a period), False for baseball."""
    return "week" in game or "period" in game


def period_label(period: int | None, regulation: int = 4) -> str | None:
    """A quarter as ``"1st"``..``"4th"``; overtime as ``"OT"``, ``"2OT"``, ``"3OT"``; None before kickoff."""
    if not period or period < 1:
        return None
    if period <= regulation:
        return ordinal(period)
    extra = period - regulation
    return "OT" if extra == 1 else f"{extra}OT"


def inning_label(game: Mapping[str, Any]) -> str | None:
    """``"Top 7"``, ``"Mid 7"``, ``"Bot 12"``, ``"End 9"``; the bare number without a half; None before play."""
    inning = game.get("inning")
    if not inning:
        return None
    half = _HALF_WORDS.get(str(game.get("inning_half") or ""))
    return f"{half} {inning}" if half else str(inning)


def doubleheader_label(game: Mapping[str, Any]) -> str | None:
    """``"G1"`` / ``"G2"`` for a game of a doubleheader (C04), else None."""
    number = game.get("doubleheader")
    return f"G{number}" if number else None


def final_label(game: Mapping[str, Any]) -> str:
    """MLB ``"F"`` or ``"F/10"`` after extra innings; NFL ``"Final"``, ``"Final/OT"``, ``"Final/2OT"`` (C09)."""
    if is_nfl(game):
        extra = period_label(game.get("period"))
        return f"Final/{extra}" if extra and extra.endswith("OT") else "Final"
    inning = game.get("inning")
    scheduled = game.get("scheduled_innings") or 9
    if inning and inning != scheduled:
        return f"F/{inning}"
    return "F"


def start_label(game: Mapping[str, Any], tz: str | tzinfo, *, hour24: bool = False) -> str:
    """The start in zone ``tz`` as ``"7:10 PM"`` (or ``"19:10"``); ``"TBD"`` when the time is unknown (C03)."""
    start = parse_instant(game.get("start"))
    if start is None:
        return "TBD"
    local = start.astimezone(ZoneInfo(tz) if isinstance(tz, str) else tz)
    if hour24:
        return local.strftime("%H:%M")
    return f"{local.hour % 12 or 12}:{local.minute:02d} {'AM' if local.hour < 12 else 'PM'}"


def status_label(game: Mapping[str, Any], tz: str | tzinfo, *, hour24: bool = False) -> str:
    """The one short status text of a game: start time, inning/quarter, ``DELAYED``, ``PPD``, ``F/10``..."""
    status = game.get("status")
    if status == "final":
        return final_label(game)
    if status in _STATUS_WORDS:
        return _STATUS_WORDS[status]
    if status == "live":
        if is_nfl(game):
            return game.get("period_label") or period_label(game.get("period")) or "LIVE"
        return inning_label(game) or "LIVE"
    if status == "unknown":
        return "?"
    return start_label(game, tz, hour24=hour24)


def week_label(season_type: str, number: int | None, calendar_label: str | None = None) -> str:
    """The week's name: ``"Week 5"`` in the regular season, the round's name in the postseason (C20)."""
    if calendar_label:
        return calendar_label
    if season_type == "postseason" and number in POSTSEASON_WEEK_NAMES:
        return POSTSEASON_WEEK_NAMES[number]
    if season_type == "preseason":
        return f"Preseason Week {number}" if number else "Preseason"
    return f"Week {number}" if number else ""


def week_short(season_type: str, number: int | None, label: str | None = None) -> str:
    """A short week tag: ``"WK 5"``, ``"PRE 2"``, ``"HOF"``, and ``"WC"``/``"DIV"``/``"CONF"``/``"SB"`` by name."""
    name = (label or "").strip().lower()
    if name in _POSTSEASON_SHORT:
        return _POSTSEASON_SHORT[name]
    if season_type == "postseason":
        by_number = POSTSEASON_WEEK_NAMES.get(number or 0, "").lower()
        return _POSTSEASON_SHORT.get(by_number, "POST")
    if name.startswith("hall of fame"):
        return "HOF"
    digits = re.search(r"(\d+)\s*$", name)
    if season_type == "preseason":
        return f"PRE {digits.group(1)}" if digits else "PRE"
    return f"WK {number}" if number else ""


def local_date_text(instant: datetime, tz: str | tzinfo) -> str:
    """The local calendar date of ``instant`` in zone ``tz`` as ``YYYY-MM-DD``."""
    return instant.astimezone(ZoneInfo(tz) if isinstance(tz, str) else tz).date().isoformat()
