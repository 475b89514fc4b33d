"""The MLB page: the day's games, followed teams first, one game at a time.

Options (``PageSpec.options``): ``mode`` (``cycle_all`` | ``cycle_active`` | ``cycle_favorite``,
default ``cycle_all``), ``rotate_seconds`` (default 5: how long each game stays), ``teams`` (followed
teams, default ``config.teams.mlb``). A live game shows team bands with runs, the inning with a
top/bottom arrow, balls-strikes, outs, runners on a base diamond and the last play; every other state
shows the status card (start time, F or F/10, PPD, DELAYED, G1/G2...). Layout: ``layouts/w128h64/mlb.json``.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np

from ...sports import scoreboard_day
from .._canvas import Canvas
from .._context import PageContext
from .._layout import Layout, get_layout
from .._registry import register_page
from .._views import per_record
from .._widgets import draw_waiting, number_option
from ._sports_draw import draw_bands, draw_card, draw_empty, draw_lines, put, shape
from ._sports_rotation import SPORTS_OPTIONS, followed_teams, games_to_show, rotation_frame_key, rotation_index
from ._sports_view import (
    PHASE_LIVE,
    GameView,
    long_date,
    matchup,
    mlb_view,
    stale_label,
    start_text,
)

DEFAULT_ROTATE_SECONDS = 5.0

_ARROWS = {
    "top": shape(["...#...", "..###..", ".#####.", "#######"]),
    "bottom": shape(["#######", ".#####.", "..###..", "...#..."]),
    "middle": shape([".......", "#######", "#######", "......."]),
}
_ARROWS["end"] = _ARROWS["middle"]


@cache
def _base_masks(radius: int) -> tuple[np.ndarray, np.ndarray]:
    """Filled and outlined diamonds ``2 * radius + 1`` pixels wide."""
    y, x = np.mgrid[-radius : radius + 1, -radius : radius + 1]
    distance = np.abs(x) + np.abs(y)
    filled, outline = distance <= radius, distance == radius
    filled.setflags(write=False)
    outline.setflags(write=False)
    return filled, outline


def _draw_bases(canvas: Canvas, layout: Layout, runners: tuple[bool, bool, bool]) -> None:
    for name, occupied in zip(("base_first", "base_second", "base_third"), runners, strict=True):
        el = layout.el(name)
        filled, outline = _base_masks(el.size)
        color = layout.color("base_on") if occupied else layout.color("base_off")
        canvas.blit_mask(filled if occupied else outline, el.x - el.size, el.y - el.size, color)


def _draw_outs(canvas: Canvas, layout: Layout, outs: int | None) -> None:
    if outs is None:
        return
    el = layout.el("outs")
    for i in range(el.count):
        x0, y0 = el.x + i * el.step, el.y
        x1, y1 = x0 + el.size - 1, y0 + el.size - 1
        if outs > i:
            canvas.fill_rect(x0, y0, x1, y1, layout.color("out_on"))
        else:
            canvas.rect(x0, y0, x1, y1, layout.color("out_off"))


def draw_live(canvas: Canvas, layout: Layout, view: GameView, stale: str) -> None:
    """A game in progress: runs, inning and half, G1/G2, count, outs, runners, the score's age, last play."""
    draw_bands(canvas, layout, view)
    arrow = _ARROWS.get(view.half)
    if arrow is not None:
        el = layout.el("arrow")
        canvas.blit_mask(arrow, el.x, el.y, el.color)
    if view.inning:
        put(canvas, layout.el("inning"), view.inning)
    else:
        put(canvas, layout.el("inning"), view.headline, color=view.color)
    _draw_bases(canvas, layout, view.runners)
    if view.count:
        put(canvas, layout.el("count"), view.count)
    _draw_outs(canvas, layout, view.outs)
    if view.tag:
        put(canvas, layout.el("tag"), view.tag)
    if stale:
        put(canvas, layout.el("info"), stale)
    draw_lines(canvas, layout, layout.el("last_play"), view.last_play)


def plan(
    data: Mapping[str, Any], followed: tuple[str, ...], mode: str, *, tz: ZoneInfo, today: str, now: datetime
) -> tuple[GameView, ...]:
    """The views of the games to rotate through, in display order (the order does not depend on ``now``).

    Start times are read against ``today``, the scoreboard day at ``now``: the games of a record about
    another day (a cached answer, the recorded demo) show their date ("4/28 7:10 PM").
    """
    games = games_to_show(data.get("games") or (), followed, mode, now)
    return tuple(mlb_view(game, tz, today) for game in games)


@dataclass(frozen=True)
class Screen:
    """What the MLB page shows on one frame: a game (``view``), or the empty day when ``view`` is None."""

    view: GameView | None
    stale: str = ""


def _setup(ctx: PageContext) -> tuple[tuple[str, ...], str, ZoneInfo, str]:
    """Followed teams, mode, zone and scoreboard day (the rollover is HH:MM, so fixed within a minute)."""
    tz = ZoneInfo(ctx.config.timezone)
    today = scoreboard_day(ctx.now, tz, ctx.config.scoreboard_rollover).isoformat()
    followed = followed_teams(ctx.options.get("teams"), ctx.config.teams.mlb)
    return followed, str(ctx.options.get("mode", "cycle_all")), tz, today


def screen(ctx: PageContext) -> Screen | None:
    """The current screen, or None before the first record. Selection and views are built once per record."""
    record = ctx.records.get("mlb")
    if record is None:
        return None
    data = record.data
    key = per_record("mlb_setup", None, (ctx.config, ctx.options, int(ctx.now.timestamp()) // 60), lambda: _setup(ctx))
    followed, mode, tz, today = key
    views = per_record("mlb", record, key, lambda: plan(data, followed, mode, tz=tz, today=today, now=ctx.now))
    if not views:
        return Screen(None)
    seconds = number_option(ctx.options, "rotate_seconds", DEFAULT_ROTATE_SECONDS, 1.0)
    view = views[rotation_index(len(views), ctx.page_elapsed, seconds)]
    live = per_record("mlb_live", views, None, lambda: any(v.phase == PHASE_LIVE for v in views))
    stale = stale_label(record.age_seconds(ctx.now), live, ctx.config.display.stale_live_score_seconds) or ""
    return Screen(view, stale)


def frame_key(ctx: PageContext) -> Hashable:
    """The page's frame key: the rotation slot and the record's age once it is stale."""
    return rotation_frame_key(ctx, "mlb", DEFAULT_ROTATE_SECONDS)


@register_page("mlb", kinds=("mlb",), key=frame_key, options=SPORTS_OPTIONS)
def mlb_page(canvas: Canvas, ctx: PageContext) -> None:
    """The MLB scoreboard of the record's day, rotating through its games every few seconds."""
    current = screen(ctx)
    if current is None:
        draw_waiting(canvas, "mlb")
        return
    layout = get_layout("mlb")
    view = current.view
    if view is None:
        data = ctx.records["mlb"].data
        today = data.get("date")
        upcoming: list[str] = []
        following = data.get("next_game")
        if following:
            upcoming = ["Next game", matchup(following), start_text(following, ZoneInfo(ctx.config.timezone), today)]
        draw_empty(canvas, layout, long_date(today) if today else "", "No MLB today", upcoming)
    elif view.phase == PHASE_LIVE:
        draw_live(canvas, layout, view, current.stale)
    else:
        draw_card(canvas, layout, view, current.stale, ctx.frame_index)
