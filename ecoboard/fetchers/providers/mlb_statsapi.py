"""MLB from the MLB Stats API schedule (the default ``mlb`` provider, source ``mlb-statsapi``).

One GET of ``/schedule?sportId=1&date=<scoreboard day>&hydrate=linescore,team``. The transform also
accepts answers without the hydrations: teams then come from the bundled table by id and the
linescore fields (inning, count, runners, hits, errors) are null.

When that day has no games, a follow-up GET of ``/schedule?sportId=1&startDate=<day+1>&endDate=<day+N>
&hydrate=team`` (request ``range``; N is ``options.next_game_days``, default 10) gives ``next_game`` (C18).
The range request is optional: when it fails the day's record is written with ``next_game`` null.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from ...sports import parse_instant
from .._provider import FetchContext, RequestSpec
from ._sports_common import MLB_OPTIONS, base_url, board_day, mlb_data, next_game_range, sports_provider
from ._sports_json import (
    items,
    need_obj,
    obj,
    opt_bool,
    opt_count,
    opt_str,
    require_int,
    require_list,
    require_obj,
)
from ._sports_status import statsapi_status
from ._teams import apply_overrides, fill_unknown, mlb_teams

NAME = "mlb-statsapi"
DEFAULT_BASE_URL = "https://statsapi.mlb.com/api/v1"

SEASON_TYPES: Mapping[str, str] = {
    "R": "regular",
    "S": "preseason",
    "E": "exhibition",
    "A": "allstar",
    "F": "postseason",
    "D": "postseason",
    "L": "postseason",
    "W": "postseason",
    "P": "postseason",
    "C": "postseason",
}
"""``gameType`` → season type (F wild card, D division series, L championship series, W World Series)."""

_HALVES = {"top": "top", "middle": "middle", "bottom": "bottom", "end": "end"}


def requests(ctx: FetchContext) -> list[RequestSpec]:
    """The schedule of the scoreboard day, with linescore and team data."""
    params = {"sportId": "1", "date": board_day(ctx).isoformat(), "hydrate": "linescore,team"}
    return [RequestSpec(name="schedule", url=f"{base_url(ctx, DEFAULT_BASE_URL)}/schedule", params=params)]


def follow_up(answers: Mapping[str, Any], ctx: FetchContext) -> list[RequestSpec]:
    """The schedule of the days after the scoreboard day, asked only when that day has no games
    (``dates`` empty, or each of its days with an empty ``games`` array; a malformed answer asks nothing)."""
    dates = obj(answers.get("schedule")).get("dates")
    if not isinstance(dates, list) or any(obj(day).get("games") != [] for day in dates):
        return []
    first, last = next_game_range(ctx, "mlb")
    params = {"sportId": "1", "startDate": first.isoformat(), "endDate": last.isoformat(), "hydrate": "team"}
    return [RequestSpec(name="range", url=f"{base_url(ctx, DEFAULT_BASE_URL)}/schedule", params=params, required=False)]


def _record(block: Mapping[str, Any]) -> str | None:
    record = obj(block.get("leagueRecord"))
    wins, losses, ties = (opt_count(record.get(key)) for key in ("wins", "losses", "ties"))
    if wins is None or losses is None:
        return None
    return f"{wins}-{losses}-{ties}" if ties else f"{wins}-{losses}"


def _side(
    block: Mapping[str, Any],
    line: Mapping[str, Any],
    *,
    path: str,
    played: bool,
    final: bool,
    overrides: Mapping[str, Mapping[str, str]],
) -> dict[str, Any]:
    team = require_obj(block, "team", f"{path}.team", NAME)
    team_id = require_int(team, "id", f"{path}.team.id", NAME)
    known = mlb_teams().get(team_id, {})
    side: dict[str, Any] = {
        "id": team_id,
        "abbreviation": opt_str(team.get("abbreviation")) or known.get("abbreviation"),
        "name": opt_str(team.get("teamName")) or known.get("name"),
        "short_name": opt_str(team.get("shortName")) or known.get("short_name"),
        "full_name": opt_str(team.get("name")) or known.get("full_name"),
        "record": _record(block),
        "color": known.get("color"),
        "alt_color": known.get("alt_color"),
        "score": (opt_count(line.get("runs")) if "runs" in line else opt_count(block.get("score"))) if played else None,
        "hits": opt_count(line.get("hits")) if played else None,
        "errors": opt_count(line.get("errors")) if played else None,
        "winner": opt_bool(block.get("isWinner")) if final else None,
    }
    return apply_overrides(fill_unknown(side, bool(known)), overrides)


def _series(game: Mapping[str, Any]) -> str | None:
    """A postseason game's series name ("World Series") when the game has no note of its own."""
    if SEASON_TYPES.get(opt_str(game.get("gameType")) or "") != "postseason":
        return None
    return opt_str(game.get("seriesDescription"))


def _settle_winners(away: dict[str, Any], home: dict[str, Any], *, tie: bool) -> None:
    """Winners of a final from the score (a tie: both False); the provider's flags when scores are unknown."""
    if tie:
        away["winner"] = home["winner"] = False
    elif away["score"] is not None and home["score"] is not None:
        away["winner"], home["winner"] = away["score"] > home["score"], home["score"] > away["score"]


def _doubleheader(game: Mapping[str, Any]) -> int | None:
    if opt_str(game.get("doubleHeader")) in ("Y", "S"):
        return opt_count(game.get("gameNumber")) or None
    return None


def _runners(linescore: Mapping[str, Any]) -> dict[str, bool] | None:
    if not linescore:
        return None
    offense = obj(linescore.get("offense"))
    return {base: base in offense for base in ("first", "second", "third")}


def _game(raw: Any, path: str, now: datetime, overrides: Mapping[str, Mapping[str, str]]) -> dict[str, Any]:
    """The Game at JSON path ``path`` (``dates[0].games[3]``)."""
    need_obj(raw, path, NAME)
    game_id = require_int(raw, "gamePk", f"{path}.gamePk", NAME)
    status_block = require_obj(raw, "status", f"{path}.status", NAME)
    teams = require_obj(raw, "teams", f"{path}.teams", NAME)
    linescore = obj(raw.get("linescore"))
    start = None if status_block.get("startTimeTBD") is True else parse_instant(raw.get("gameDate"))
    inning = opt_count(linescore.get("currentInning")) or None
    scheduled_innings = opt_count(linescore.get("scheduledInnings")) or opt_count(raw.get("scheduledInnings")) or None
    derived = statsapi_status(status_block, start=start, now=now, inning=inning, scheduled_innings=scheduled_innings)
    status = derived.status
    played = status in ("live", "final", "suspended") or (status == "delayed" and inning is not None)
    final = status == "final"
    line_teams = obj(linescore.get("teams"))
    sides = {
        which: _side(
            require_obj(teams, which, f"{path}.teams.{which}", NAME),
            obj(line_teams.get(which)),
            path=f"{path}.teams.{which}",
            played=played,
            final=final,
            overrides=overrides,
        )
        for which in ("away", "home")
    }
    if final:
        _settle_winners(sides["away"], sides["home"], tie=opt_bool(raw.get("isTie")) is True)
    half = _HALVES.get((opt_str(linescore.get("inningState")) or "").lower())
    reschedule = opt_str(raw.get("rescheduleGameDate")) or (opt_str(raw.get("rescheduleDate")) or "")[:10] or None
    return {
        "id": str(game_id),
        "start": start.isoformat() if start else None,
        "status": status,
        "detail": derived.detail,
        "reason": derived.reason,
        "reschedule_date": reschedule if status in ("postponed", "suspended") else None,
        "season_type": SEASON_TYPES.get(opt_str(raw.get("gameType")) or "", "unknown"),
        "away": sides["away"],
        "home": sides["home"],
        "venue": opt_str(obj(raw.get("venue")).get("name")),
        "description": opt_str(raw.get("description")) or _series(raw),
        "last_play": None,
        "doubleheader": _doubleheader(raw),
        "scheduled_innings": scheduled_innings,
        "inning": inning if played else None,
        "inning_half": half if played and status != "final" else None,
        "balls": opt_count(linescore.get("balls"), 4) if status == "live" else None,
        "strikes": opt_count(linescore.get("strikes"), 3) if status == "live" else None,
        "outs": opt_count(linescore.get("outs"), 3) if status in ("live", "delayed", "suspended") else None,
        "runners": _runners(linescore) if status == "live" else None,
    }


def _games(schedule: Any, now: datetime, overrides: Mapping[str, Mapping[str, str]]) -> list[dict[str, Any]]:
    """The games of every day of ``schedule``: ``dates`` and each day's ``games`` are required arrays
    (a day without games is ``dates: []``)."""
    games: list[dict[str, Any]] = []
    for d, day in enumerate(require_list(schedule, "dates", "dates", NAME)):
        where = f"dates[{d}]"
        raw_games = require_list(need_obj(day, where, NAME), "games", f"{where}.games", NAME)
        games.extend(_game(raw, f"{where}.games[{g}]", now, overrides) for g, raw in enumerate(raw_games))
    return games


def _answered_day(schedule: Any) -> str | None:
    """The day the schedule is about (``dates[0].date``), None when it names none."""
    days = items(obj(schedule).get("dates"))
    return opt_str(obj(days[0]).get("date")) if days else None


def transform(responses: Mapping[str, Any], ctx: FetchContext) -> dict[str, Any]:
    """The games of the day the schedule is about (docs/records.md ``mlb``); an empty schedule is a
    normal day (C18) whose ``next_game`` comes from the ``range`` answer when there is one."""
    schedule = responses["schedule"]
    return mlb_data(schedule, responses.get("range"), _games, ctx, NAME, answered=_answered_day(schedule))


PROVIDERS = (
    sports_provider("mlb", NAME, requests, transform, DEFAULT_BASE_URL, follow_up=follow_up, options=MLB_OPTIONS),
)
