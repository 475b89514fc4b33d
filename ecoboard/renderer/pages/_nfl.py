"""The NFL page: the week's games, followed teams first, one game (or bye) at a time.

Options (``PageSpec.options``): ``mode`` (``cycle_all`` | ``cycle_active`` | ``cycle_favorite``),
``rotate_seconds`` (default 5), ``teams`` (followed teams, default ``config.teams.nfl``). A live game
shows scores, quarter ("4th", "OT", "2OT", "Half"), clock, down & distance, ball position, a football
next to the team with the ball and the last play; other states show the status card (local day and
time, F or F/OT with TIE, PPD...). A followed team on bye gets its own screen first (C19). The week is
named by its short label, postseason rounds by name (WC, DIV, CONF, SB; C20).
Layout: ``layouts/w128h64/nfl.json``.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from ...sports import followed_byes, scoreboard_day, team_on_bye, week_short
from .._canvas import Canvas
from .._context import PageContext
from .._fonts import fit_text
from .._layout import Layout, get_layout
from .._registry import register_page
from .._views import per_record
from .._widgets import draw_waiting, number_option
from ._sports_draw import (
    draw_bands,
    draw_card,
    draw_empty,
    draw_lines,
    draw_status,
    paired_names,
    put,
    shape,
)
from ._sports_rotation import SPORTS_OPTIONS, followed_teams, games_to_show, rotation_frame_key, rotation_index
from ._sports_view import (
    PHASE_LIVE,
    STATUS_COLORS,
    GameView,
    nfl_view,
    stale_label,
    team_view,
)

DEFAULT_ROTATE_SECONDS = 5.0

_BALL = shape(["..#####..", ".#######.", "#########", ".#######.", "..#####.."])
_LACES = shape([".........", ".........", "...###...", ".........", "........."])


def week_tag(data: Mapping[str, Any]) -> str:
    """The week's short name: the record's ``week.short``, else derived from the season type (C20)."""
    week = data.get("week") or {}
    if week.get("short"):
        return str(week["short"])
    season = data.get("season") or {}
    return week_short(str(season.get("type") or ""), week.get("number"), week.get("label"))


def round_name(data: Mapping[str, Any]) -> str:
    """The postseason round's full name (``"Wild Card"``, ``"Super Bowl"``), empty in other weeks."""
    season = data.get("season") or {}
    week = data.get("week") or {}
    return str(week.get("label") or "") if season.get("type") == "postseason" else ""


def draw_live(canvas: Canvas, layout: Layout, view: GameView, stale: str) -> None:
    """A game in progress: scores, possession, quarter, clock, down & distance, ball position, last play."""
    draw_bands(canvas, layout, view)
    if view.possession:
        el = layout.el("possession")
        y = el.y + (1 if view.possession == "home" else 0) * el.step
        canvas.blit_mask(_BALL, el.x, y, layout.color("football"))
        canvas.blit_mask(_LACES, el.x, y, layout.color("lace"))
    put(canvas, layout.el("quarter"), view.headline)
    if view.clock:
        put(canvas, layout.el("clock"), view.clock)
    if view.down_distance:
        put(canvas, layout.el("down"), view.down_distance)
    tag = view.tag
    if view.yard_line:
        put(canvas, layout.el("ball"), view.yard_line, color=layout.color("red_zone") if view.red_zone else None)
    if stale:
        put(canvas, layout.el("info"), stale)
    else:
        put(canvas, layout.el("info"), tag, color=layout.color("tag"))
    draw_lines(canvas, layout, layout.el("last_play"), view.last_play)


def draw_bye(canvas: Canvas, layout: Layout, side: Mapping[str, Any], week: str) -> None:
    """A followed team without a game this week (C19): one tall band and its name, then ``BYE`` and the week."""
    team = team_view(side)
    band, abbr, name, line2 = (layout.el(n) for n in ("band", "abbr", "name", "line2"))
    middle = band.step // 2
    canvas.fill_rect(band.x, band.y, band.x + (band.w or 0) - 1, band.y + band.step + (band.h or 0) - 1, team.band)
    assert abbr.font is not None
    canvas.text(abbr.font, abbr.x, abbr.y + middle, team.abbreviation, team.ink, max_width=(band.w or 0) - abbr.x)
    shown = paired_names(name, team)[0]
    if shown != team.abbreviation:  # a name beyond the code in the band
        put(canvas, name, shown, row=0, dy=middle)
    if team.record:
        put(canvas, line2, team.record, dy=middle)
    rule = layout.el("rule")
    canvas.fill_rect(rule.x, rule.y, rule.x + (rule.w or 1) - 1, rule.y, layout.color("rule"))
    draw_status(canvas, layout, "BYE", STATUS_COLORS["final"], week)


Item = tuple[str, Any]
"""One screen of the rotation: ``("bye", Side)`` or ``("game", GameView)``."""


def byes(data: Mapping[str, Any], followed: tuple[str, ...]) -> list[Mapping[str, Any]]:
    """Followed teams on bye (C19): those the provider lists, and followed abbreviations that have no game
    in a regular-season week with games (:func:`ecoboard.sports.team_on_bye`), shown by abbreviation."""
    listed = followed_byes(data, followed)
    derived = [
        {"abbreviation": token.upper()}
        for token in followed
        if not token.isdigit() and not followed_byes(data, [token]) and team_on_bye(data, token)
    ]
    return [*listed, *derived]


def plan(
    data: Mapping[str, Any], followed: tuple[str, ...], mode: str, *, tz: ZoneInfo, today: str, now: datetime
) -> tuple[Item, ...]:
    """Followed teams on bye first, then the views of the games in display order."""
    tag, name = week_tag(data), round_name(data)
    items: list[Item] = [("bye", side) for side in byes(data, followed)]
    games = games_to_show(data.get("games") or (), followed, mode, now)
    items += [("game", nfl_view(game, tz, today, tag, name)) for game in games]
    return tuple(items)


@dataclass(frozen=True)
class Screen:
    """What the NFL page shows on one frame: a game view, a followed team's bye, or (both None) no games."""

    view: GameView | None = None
    bye: Mapping[str, Any] | None = None
    stale: str = ""


def _setup(ctx: PageContext) -> tuple[tuple[str, ...], str, ZoneInfo, str]:
    """Followed teams, mode, zone and scoreboard day (the rollover is HH:MM, so fixed within a minute)."""
    tz = ZoneInfo(ctx.config.timezone)
    today = scoreboard_day(ctx.now, tz, ctx.config.scoreboard_rollover).isoformat()
    followed = followed_teams(ctx.options.get("teams"), ctx.config.teams.nfl)
    return followed, str(ctx.options.get("mode", "cycle_all")), tz, today


def screen(ctx: PageContext) -> Screen | None:
    """The current screen, or None before the first record. Byes and views are built once per record and day."""
    record = ctx.records.get("nfl")
    if record is None:
        return None
    data = record.data
    key = per_record("nfl_setup", None, (ctx.config, ctx.options, int(ctx.now.timestamp()) // 60), lambda: _setup(ctx))
    followed, mode, tz, today = key
    items = per_record("nfl", record, key, lambda: plan(data, followed, mode, tz=tz, today=today, now=ctx.now))
    if not items:
        return Screen()
    seconds = number_option(ctx.options, "rotate_seconds", DEFAULT_ROTATE_SECONDS, 1.0)
    what, item = items[rotation_index(len(items), ctx.page_elapsed, seconds)]
    if what == "bye":
        return Screen(bye=item)
    live = per_record("nfl_live", items, None, lambda: any(w == "game" and v.phase == PHASE_LIVE for w, v in items))
    stale = stale_label(record.age_seconds(ctx.now), live, ctx.config.display.stale_live_score_seconds) or ""
    return Screen(view=item, stale=stale)


def frame_key(ctx: PageContext) -> Hashable:
    """The page's frame key: the rotation slot, the record's age once it is stale, and the minute (the
    scoreboard day and the byes follow the clock)."""
    return rotation_frame_key(ctx, "nfl", DEFAULT_ROTATE_SECONDS, per_minute=True)


@register_page("nfl", kinds=("nfl",), key=frame_key, options=SPORTS_OPTIONS)
def nfl_page(canvas: Canvas, ctx: PageContext) -> None:
    """The NFL scoreboard of the record's week, rotating through followed byes and games."""
    current = screen(ctx)
    if current is None:
        draw_waiting(canvas, "nfl")
        return
    layout = get_layout("nfl")
    data = ctx.records["nfl"].data
    week = data.get("week") or {}
    if current.bye is not None:
        draw_bye(canvas, layout, current.bye, str(week.get("label") or week_tag(data)))
    elif current.view is None:
        title = layout.el("empty_date")
        assert title.font is not None and title.w is not None
        draw_empty(
            canvas, layout, fit_text(title.font, [week.get("label"), week_tag(data)], title.w), "No NFL games", []
        )
    elif current.view.phase == PHASE_LIVE:
        draw_live(canvas, layout, current.view, current.stale)
    else:
        draw_card(canvas, layout, current.view, current.stale, ctx.frame_index)
