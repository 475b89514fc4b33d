"""NFL from ESPN's scoreboard (the ``nfl`` provider ``espn``): the current week's games and byes.

One GET of ``<base>/scoreboard`` (ESPN answers with the current week). Season type and week come from
the answer on every fetch (C20): postseason weeks are named by the league calendar ("Wild Card",
"Divisional Round", "Conference Championship", "Super Bowl"), never "Week 5". A week whose dates do
not hold today (a cached answer, the recorded demo) is kept as it is, logged once, and its games do
not set the live polling cadence (C29).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from ...sports import parse_instant, period_label, week_label, week_short
from .._provider import FetchContext, RequestSpec
from ._espn import base_game, check_league, season_type, team_side
from ._sports_common import base_url, board_day, is_current, log_other_day_once, sports_provider, start_order
from ._sports_json import items, obj, opt_bool, opt_count, opt_int, opt_str, require_list
from ._teams import TEAM_OPTIONS, apply_overrides, team_overrides

NAME = "espn"
DEFAULT_BASE_URL = "https://site.api.espn.com/apis/site/v2/sports/football/nfl"

CALENDAR_ZONE = ZoneInfo("America/Los_Angeles")
"""ESPN's NFL weeks run from 00:00 to 23:59 US Pacific; the week's dates are read in that zone."""


def requests(ctx: FetchContext) -> list[RequestSpec]:
    """The current week's scoreboard."""
    return [RequestSpec(name="scoreboard", url=f"{base_url(ctx, DEFAULT_BASE_URL)}/scoreboard")]


def _calendar_entry(league: Mapping[str, Any], type_number: int | None, week: int | None) -> Mapping[str, Any]:
    for block in items(league.get("calendar")):
        if opt_int(obj(block).get("value")) != type_number:
            continue
        for entry in items(obj(block).get("entries")):
            if opt_int(obj(entry).get("value")) == week:
                return obj(entry)
    return {}


def _calendar_date(value: Any) -> str | None:
    instant = parse_instant(value)
    return instant.astimezone(CALENDAR_ZONE).date().isoformat() if instant else None


def _season_and_week(board: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    league = obj(next(iter(items(board.get("leagues"))), {}))
    league_season = obj(league.get("season"))
    league_type = obj(league_season.get("type"))
    type_number = opt_int(obj(board.get("season")).get("type")) or opt_int(league_type.get("type"))
    kind = season_type(type_number)
    year = opt_int(obj(board.get("season")).get("year")) or opt_int(league_season.get("year"))
    number = opt_int(obj(board.get("week")).get("number"))
    entry = _calendar_entry(league, type_number, number)
    label = week_label(kind, number, opt_str(entry.get("label")))
    season = {"year": year, "type": kind, "label": opt_str(league_type.get("name"))}
    week = {
        "number": number,
        "label": label,
        "short": week_short(kind, number, label),
        "start": _calendar_date(entry.get("startDate")),
        "end": _calendar_date(entry.get("endDate")),
    }
    return season, week


def _game(
    event: Any, index: int, week: int | None, now: datetime, overrides: Mapping[str, Mapping[str, str]]
) -> dict[str, Any]:
    parts = base_game(event, index, now, overrides, provider=NAME, baseball=False)
    game, block, situation, played = parts.game, parts.status, parts.situation, parts.played
    period = opt_count(block.get("period")) or None
    halftime = opt_str(obj(block.get("type")).get("name")) == "STATUS_HALFTIME"
    game.update(
        period=period if played else None,
        period_label=("Half" if halftime else period_label(period)) if played else None,
        clock=opt_str(block.get("displayClock")) if game["status"] in ("live", "delayed") else None,
        possession=opt_int(situation.get("possession")),
        down_distance=opt_str(situation.get("shortDownDistanceText")),
        yard_line=opt_str(situation.get("possessionText")),
        red_zone=opt_bool(situation.get("isRedZone")),
        week=opt_int(obj(event.get("week")).get("number")) or week,
    )
    return game


def _byes(board: Mapping[str, Any], overrides: Mapping[str, Mapping[str, str]]) -> list[dict[str, Any]]:
    found = []
    for index, team in enumerate(items(obj(board.get("week")).get("teamsOnBye"))):
        found.append(apply_overrides(team_side(obj(team), f"week.teamsOnBye[{index}]", NAME), overrides))
    return found


def transform(responses: Mapping[str, Any], ctx: FetchContext) -> dict[str, Any]:
    """The week (docs/records.md ``nfl``): season, week, games in start order, teams on bye (C19, C20)."""
    board = responses["scoreboard"]
    check_league(board, "NFL")
    overrides = team_overrides(ctx, "nfl")
    season, week = _season_and_week(obj(board))
    events = require_list(board, "events", "events", NAME)
    games = [_game(event, index, week["number"], ctx.now, overrides) for index, event in enumerate(events)]
    data = {"season": season, "week": week, "games": start_order(games), "byes": _byes(obj(board), overrides)}
    if not is_current(data, ctx):
        answered = f"{week['label']} {season['year']} ({week['start']} to {week['end']})"
        log_other_day_once("nfl", NAME, board_day(ctx).isoformat(), answered)
    return data


PROVIDERS = (sports_provider("nfl", NAME, requests, transform, DEFAULT_BASE_URL, options=TEAM_OPTIONS),)
