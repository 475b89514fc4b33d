"""View models of the MLB and NFL pages: pure functions from a record's Game to what each field shows.

Nothing here draws or measures: a view is the exact strings and colours of one screen, so the pages
stay thin and every label is unit-tested on recorded data. Selection, the scoreboard day and the
status words come from :mod:`ecoboard.sports`; this module adds what only the panel needs (band
colours readable on LEDs, name fallbacks for the pixel budget, local start times, the age label).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from ...sports import (
    UPCOMING,
    doubleheader_label,
    final_label,
    has_started,
    inning_label,
    is_nfl,
    parse_instant,
    period_label,
    start_label,
    status_label,
)
from .._widgets import age_text

RGB = tuple[int, int, int]

NEUTRAL_BAND: RGB = (72, 72, 72)
"""Band colour of a team without a usable colour (unknown opponent, C11)."""
WHITE: RGB = (255, 255, 255)
BLACK: RGB = (0, 0, 0)
_MIN_BAND_LEVEL = 80
"""A band whose brightest channel is below this looks switched off on an LED panel."""
_MIN_HUE_SPREAD = 24
"""A dark colour whose channels differ by this much has a hue worth keeping (brightened)."""
_ABBREVIATION_CHARS = 4
"""Longest abbreviation shown; longer provider codes are truncated (C11)."""


def parse_color(text: str | None) -> RGB | None:
    """``"#bd3039"`` or ``"bd3039"`` as an RGB triple; ``None`` for a missing or malformed value."""
    if not text:
        return None
    digits = text.removeprefix("#")
    if len(digits) != 6:
        return None
    try:
        value = int(digits, 16)
    except ValueError:
        return None
    return ((value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF)


def band_color(side: Mapping[str, Any]) -> RGB:
    """The team's band colour, readable on an LED panel.

    The primary colour when bright enough; a dark but clearly coloured one (navy) is brightened to
    keep the team's hue; a near-black one gives way to the alternate colour by the same rules, else
    to the neutral grey (unknown teams, C11).
    """
    for key in ("color", "alt_color"):
        color = parse_color(side.get(key))
        if color is None:
            continue
        if max(color) >= _MIN_BAND_LEVEL:
            return color
        if max(color) - min(color) >= _MIN_HUE_SPREAD:
            scale = _MIN_BAND_LEVEL / max(color)
            r, g, b = (round(c * scale) for c in color)
            return (r, g, b)
    return NEUTRAL_BAND


def text_on(background: RGB) -> RGB:
    """Black or white, whichever reads better on ``background`` (WCAG relative luminance)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in background)
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return BLACK if luminance > 0.35 else WHITE


def abbreviation(side: Mapping[str, Any]) -> str:
    """The provider's abbreviation, upper-case and at most 4 characters; a fallback from the name."""
    text = side.get("abbreviation") or side.get("name") or side.get("short_name") or "?"
    return str(text).upper()[:_ABBREVIATION_CHARS]


def name_candidates(side: Mapping[str, Any]) -> tuple[str, str, str, str]:
    """Names to try in order (C12): full name, team name, short name, abbreviation; ``""`` when missing."""
    return (
        str(side.get("full_name") or ""),
        str(side.get("name") or ""),
        str(side.get("short_name") or ""),
        abbreviation(side),
    )


def _number(value: Any) -> str:
    return "" if value is None else str(value)


@dataclass(frozen=True)
class TeamView:
    """One side of a game as the panel shows it."""

    id: int | None
    abbreviation: str
    names: tuple[str, str, str, str]
    band: RGB
    ink: RGB
    score: str
    record: str
    hits: str
    errors: str
    winner: bool


def team_view(side: Mapping[str, Any]) -> TeamView:
    """The panel view of one Side (docs/records.md)."""
    band = band_color(side)
    team_id = side.get("id")
    return TeamView(
        id=team_id if isinstance(team_id, int) else None,
        abbreviation=abbreviation(side),
        names=name_candidates(side),
        band=band,
        ink=text_on(band),
        score=_number(side.get("score")),
        record=str(side.get("record") or ""),
        hits=_number(side.get("hits")),
        errors=_number(side.get("errors")),
        winner=side.get("winner") is True,
    )


def start_text(game: Mapping[str, Any], tz: ZoneInfo, today: str | None, *, weekday: bool = False) -> str:
    """A game's local start: ``"7:10 PM"`` on ``today`` (a local ``YYYY-MM-DD``), ``"Sun 4:25 PM"``
    within the coming week (always with the day when ``weekday``), else ``"4/8 1:05 PM"``; ``"TBD"``.
    """
    clock = start_label(game, tz)
    start = parse_instant(game.get("start"))
    if start is None:
        return clock
    day = start.astimezone(tz).date()
    if today is not None:
        days = (day - date.fromisoformat(today)).days
        if days == 0 and not weekday:
            return clock
        if 0 <= days < 7:
            return f"{day.strftime('%a')} {clock}"
    return f"{day.month}/{day.day} {clock}"


def short_date(day: str | None) -> str:
    """``"2022-04-08"`` as ``"4/8"``; empty when missing or unparsable."""
    if not day:
        return ""
    try:
        parsed = date.fromisoformat(day)
    except ValueError:
        return ""
    return f"{parsed.month}/{parsed.day}"


def long_date(day: str) -> str:
    """``"2024-10-27"`` as ``"Sun Oct 27"``."""
    parsed = date.fromisoformat(day)
    return f"{parsed.strftime('%a %b')} {parsed.day}"


def age_label(seconds: float) -> str:
    """The age of a stale live score: ``"45s old"``, ``"2m old"``, ``"3h old"`` (C25)."""
    return f"{age_text(seconds)} old"


def stale_label(age_seconds: float, live: bool, threshold: float) -> str | None:
    """The age label when a game is ``live`` and the record is older than ``threshold`` seconds (C25)."""
    if not live or age_seconds <= threshold:
        return None
    return age_label(age_seconds)


def wrap_words(text: str, widths: Sequence[int], measure: Callable[[str], int] = len) -> tuple[str, ...]:
    """``text`` wrapped into at most ``len(widths)`` lines, line ``i`` with ``measure(line) <= widths[i]``.

    A word wider than a line is cut; text left over after the last line ends that line in ``".."``.
    """
    words = text.split()
    out: list[str] = []
    current = ""
    while words and len(out) < len(widths):
        width = widths[len(out)]
        word = words[0]
        candidate = f"{current} {word}" if current else word
        if measure(candidate) <= width:
            current = candidate
            words.pop(0)
        elif current:
            out.append(current)
            current = ""
        else:
            cut = max(1, next((i for i in range(len(word), 0, -1) if measure(word[:i]) <= width), 1))
            out.append(word[:cut])
            words[0] = word[cut:]
    if current and len(out) < len(widths):
        out.append(current)
    elif current or words:
        last, width = out[-1], widths[len(out) - 1]
        while last and measure(last + "..") > width:
            last = last[:-1]
        out[-1] = last.rstrip() + ".."
    return tuple(out)


# --- games ----------------------------------------------------------------------------------------

PHASE_LIVE = "live"
PHASE_CARD = "card"
"""Every other state: upcoming, final, delayed, postponed... (teams on top, one status block below)."""

STATUS_COLORS: Mapping[str, RGB] = {
    "scheduled": (238, 232, 67),
    "pregame": (238, 232, 67),
    "warmup": (238, 232, 67),
    "live": (80, 220, 100),
    "final": (146, 146, 206),
    "delayed": (255, 150, 40),
    "suspended": (255, 150, 40),
    "postponed": (235, 70, 60),
    "cancelled": (235, 70, 60),
    "unknown": (160, 160, 160),
}
"""Colour of the status block by game status (yellow before the game, lavender when final)."""


@dataclass(frozen=True)
class GameView:
    """What one MLB or NFL game screen shows. Empty strings hide their field."""

    game_id: str
    phase: str
    away: TeamView
    home: TeamView
    headline: str
    """The status block's large text: ``"7:10 PM"``, ``"F/10"``, ``"PPD"``, ``"DELAYED"``, ``"4th"``."""
    detail: str
    """The status block's small line: ``"Top 5  Rain"``, ``"to 4/8"``, ``"TIE"``, ``"Warmup"``."""
    color: RGB
    tag: str
    """A corner tag: ``"G2"`` (doubleheader) or the NFL week ``"WK 1"`` / ``"WC"``."""
    last_play: str
    scores: bool = False
    """Whether the bands show scores (the game has started; never for postponed or upcoming games)."""
    lines: tuple[str, str] = ("", "")
    """Small text under each team's name: record before the game, ``"H 14  E 1"`` after it."""
    # mlb
    inning: str = ""
    half: str = ""
    count: str = ""
    outs: int | None = None
    runners: tuple[bool, bool, bool] = (False, False, False)
    # nfl
    clock: str = ""
    down_distance: str = ""
    yard_line: str = ""
    possession: str = ""
    """``"away"``, ``"home"`` or empty: which side has the ball."""
    red_zone: bool = False


def _join(*parts: str | None) -> str:
    return "  ".join(p for p in parts if p)


def _card_detail(game: Mapping[str, Any]) -> str:
    """The small line under a non-live status: inning of a halted game, reason, new date, warmup."""
    status = game.get("status")
    moved = short_date(game.get("reschedule_date"))
    where = inning_label(game) if not is_nfl(game) else period_label(game.get("period"))
    if status in ("delayed", "suspended"):
        return _join(where, f"to {moved}" if moved else None, game.get("reason"))
    if status in ("postponed", "cancelled"):
        return _join(f"to {moved}" if moved else None, game.get("reason"))
    if status in ("warmup", "pregame"):
        return str(status).capitalize()
    if status == "unknown":
        return str(game.get("detail") or "")
    return ""


def _hits_errors(team: TeamView) -> str:
    """``"H 14  E 1"``; hits take two columns (``"H  4"``), so both rows' errors line up in a fixed font."""
    if not team.hits:
        return ""
    return f"H {team.hits:>2}  E {team.errors}" if team.errors else f"H {team.hits:>2}"


def _runners(game: Mapping[str, Any]) -> tuple[bool, bool, bool]:
    runners = game.get("runners") or {}
    return (runners.get("first") is True, runners.get("second") is True, runners.get("third") is True)


_LEADING_CLOCK = re.compile(r"^\(\d*:\d\d\)\s*")
"""A play text's leading ``"(1:01) "``: the clock is on the panel already."""


def _common(game: Mapping[str, Any], status: str, tag: str) -> dict[str, Any]:
    """The fields every game view has, whatever its state."""
    away, home = team_view(game.get("away") or {}), team_view(game.get("home") or {})
    started = has_started(game) and bool(away.score or home.score)
    lines = (
        (_hits_errors(away) or away.record, _hits_errors(home) or home.record)
        if started
        else (away.record, home.record)
    )
    return {
        "game_id": str(game.get("id") or ""),
        "away": away,
        "home": home,
        "color": STATUS_COLORS.get(status, STATUS_COLORS["unknown"]),
        "tag": tag,
        "last_play": _LEADING_CLOCK.sub("", str(game.get("last_play") or game.get("description")
                                                 or (f"at {game['venue']}" if game.get("venue") else ""))),
        "scores": started,
        "lines": lines,
    }


def mlb_view(game: Mapping[str, Any], tz: ZoneInfo, today: str | None) -> GameView:
    """The MLB screen of ``game``; ``today`` is the scoreboard day (``YYYY-MM-DD``) the record shows."""
    status = str(game.get("status") or "unknown")
    base = _common(game, status, doubleheader_label(game) or "")
    if status == "live":
        balls, strikes = game.get("balls"), game.get("strikes")
        return GameView(
            phase=PHASE_LIVE,
            headline=inning_label(game) or "LIVE",
            detail="",
            inning=_number(game.get("inning")),
            half=str(game.get("inning_half") or ""),
            count=f"{balls}-{strikes}" if balls is not None and strikes is not None else "",
            outs=game.get("outs"),
            runners=_runners(game),
            **base,
        )
    headline = start_text(game, tz, today) if status in UPCOMING else status_label(game, tz)
    return GameView(phase=PHASE_CARD, headline=headline, detail=_card_detail(game), **base)


def _possession(game: Mapping[str, Any]) -> str:
    holder = game.get("possession")
    if holder is None:
        return ""
    for key in ("away", "home"):
        if (game.get(key) or {}).get("id") == holder:
            return key
    return ""


def nfl_view(
    game: Mapping[str, Any], tz: ZoneInfo, today: str | None, week_tag: str, round_name: str = ""
) -> GameView:
    """The NFL screen of ``game``; ``week_tag`` is the week's short name (``"WK 1"``, ``"WC"``, ``"SB"``),
    shown in the corner of a live game; a card (scheduled, final...) names a postseason ``round_name``
    (``"Super Bowl"``) in full."""
    status = str(game.get("status") or "unknown")
    base = _common(game, status, week_tag)
    if status != "live" and round_name:
        base["tag"] = round_name
    if status == "live":
        quarter = game.get("period_label") or period_label(game.get("period")) or "LIVE"
        return GameView(
            phase=PHASE_LIVE,
            headline=quarter,
            detail="",
            clock="" if quarter == "Half" else str(game.get("clock") or ""),
            down_distance=str(game.get("down_distance") or ""),
            yard_line=str(game.get("yard_line") or ""),
            possession=_possession(game),
            red_zone=game.get("red_zone") is True,
            **base,
        )
    if status == "final":
        headline = final_label(game).replace("Final", "F")
        tie = base["scores"] and base["away"].score == base["home"].score
        return GameView(phase=PHASE_CARD, headline=headline, detail="TIE" if tie else "", **base)
    headline = start_text(game, tz, today, weekday=True) if status in UPCOMING else status_label(game, tz)
    return GameView(phase=PHASE_CARD, headline=headline, detail=_card_detail(game), **base)


def matchup(game: Mapping[str, Any]) -> str:
    """``"BOS @ NYY"``."""
    return f"{abbreviation(game.get('away') or {})} @ {abbreviation(game.get('home') or {})}"
