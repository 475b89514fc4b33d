"""MLB from ESPN's scoreboard (the ``mlb`` provider ``espn``), an alternative to the MLB Stats API.

One GET of ``<base>/scoreboard?dates=YYYYMMDD`` for the scoreboard day. Team ids are ESPN's own
(not the Stats API's), so teams come from the payload, with the user's overrides. Doubleheaders are
read from the competition notes ("Doubleheader - Game 1"); the count and runners from ``situation``.

When that day has no games, a follow-up GET of ``<base>/scoreboard?dates=<day+1>-<day+N>&limit=1000``
(request ``range``; N is ``options.next_game_days``, default 10) gives ``next_game`` (C18).
The range request is optional: when it fails the day's record is written with ``next_game`` null.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from .._provider import FetchContext, RequestSpec
from ._espn import base_game, check_league
from ._sports_common import MLB_OPTIONS, base_url, board_day, mlb_data, next_game_range, sports_provider
from ._sports_json import obj, opt_count, opt_str, require_list

NAME = "espn"
DEFAULT_BASE_URL = "https://site.api.espn.com/apis/site/v2/sports/baseball/mlb"

_DOUBLEHEADER = re.compile(r"doubleheader\s*-\s*game\s*(\d)", re.IGNORECASE)
_HALVES = {"top": "top", "bot": "bottom", "mid": "middle", "end": "end"}

RANGE_LIMIT = 1000
"""Events asked for in the range scoreboard: more than 60 days of MLB hold (about 15 games a day)."""


def requests(ctx: FetchContext) -> list[RequestSpec]:
    """The scoreboard of the scoreboard day."""
    params = {"dates": board_day(ctx).strftime("%Y%m%d")}
    return [RequestSpec(name="scoreboard", url=f"{base_url(ctx, DEFAULT_BASE_URL)}/scoreboard", params=params)]


def follow_up(answers: Mapping[str, Any], ctx: FetchContext) -> list[RequestSpec]:
    """The scoreboard of the days after the scoreboard day, asked only when that day has no games."""
    events = obj(answers.get("scoreboard")).get("events")
    if not isinstance(events, list) or events:
        return []
    first, last = next_game_range(ctx, "mlb")
    params = {"dates": f"{first:%Y%m%d}-{last:%Y%m%d}", "limit": str(RANGE_LIMIT)}
    return [
        RequestSpec(name="range", url=f"{base_url(ctx, DEFAULT_BASE_URL)}/scoreboard", params=params, required=False)
    ]


def _doubleheader(note: str | None) -> int | None:
    match = _DOUBLEHEADER.search(note or "")
    return int(match.group(1)) if match else None


def _half(detail: str) -> str | None:
    return _HALVES.get(detail[:3].lower()) if detail else None


def _game(event: Any, index: int, now: datetime, overrides: Mapping[str, Mapping[str, str]]) -> dict[str, Any]:
    parts = base_game(event, index, now, overrides, provider=NAME, baseball=True)
    game, block, situation, played = parts.game, parts.status, parts.situation, parts.played
    half = _half(opt_str(obj(block.get("type")).get("shortDetail")) or "")
    live = game["status"] == "live"
    contest = obj(event["competitions"][0])
    game.update(
        doubleheader=_doubleheader(game["description"]),
        scheduled_innings=opt_count(obj(obj(contest.get("format")).get("regulation")).get("periods")) or None,
        inning=(opt_count(block.get("period")) or None) if played else None,
        inning_half=half if played and game["status"] != "final" else None,
        balls=opt_count(situation.get("balls"), 4) if live else None,
        strikes=opt_count(situation.get("strikes"), 3) if live else None,
        outs=opt_count(situation.get("outs"), 3) if live else None,
        runners={base: situation.get(f"on{base.capitalize()}") is True for base in ("first", "second", "third")}
        if live
        else None,
    )
    return game


def _games(board: Any, now: datetime, overrides: Mapping[str, Mapping[str, str]]) -> list[dict[str, Any]]:
    check_league(board, "MLB")
    events = require_list(board, "events", "events", NAME)
    return [_game(event, index, now, overrides) for index, event in enumerate(events)]


def transform(responses: Mapping[str, Any], ctx: FetchContext) -> dict[str, Any]:
    """The games of the day the scoreboard is about (``day.date``; docs/records.md ``mlb``), keyed by
    ESPN's game and team ids; on a day without games, ``next_game`` comes from the ``range`` answer
    when there is one (C18)."""
    board = responses["scoreboard"]
    answered = opt_str(obj(obj(board).get("day")).get("date"))
    return mlb_data(board, responses.get("range"), _games, ctx, NAME, answered=answered)


PROVIDERS = (
    sports_provider("mlb", NAME, requests, transform, DEFAULT_BASE_URL, follow_up=follow_up, options=MLB_OPTIONS),
)
