"""MLB from ESPN's scoreboard (the ``mlb`` provider ``espn``), an alternative to the MLB Stats API.

One GET of ``<base>/scoreboard?dates=YYYYMMDD`` for the scoreboard day. Team ids are ESPN's own
(not the Stats API's), so teams come from the payload, with the user's overrides. Doubleheaders are
read from the competition notes ("Doubleheader - Game 1"); the count and runners from ``situation``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from .._provider import FetchContext, RequestSpec
from ._espn import base_game, check_league
from ._sports_common import base_url, board_day, mlb_data, sports_provider
from ._sports_json import obj, opt_count, opt_str, require_list
from ._teams import team_overrides

NAME = "espn"
DEFAULT_BASE_URL = "https://site.api.espn.com/apis/site/v2/sports/baseball/mlb"

_DOUBLEHEADER = re.compile(r"doubleheader\s*-\s*game\s*(\d)", re.IGNORECASE)
_HALVES = {"top": "top", "bot": "bottom", "mid": "middle", "end": "end"}


def requests(ctx: FetchContext) -> list[RequestSpec]:
    """The scoreboard of the scoreboard day."""
    params = {"dates": board_day(ctx).strftime("%Y%m%d")}
    return [RequestSpec(name="scoreboard", url=f"{base_url(ctx, DEFAULT_BASE_URL)}/scoreboard", params=params)]


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


def transform(responses: Mapping[str, Any], ctx: FetchContext) -> dict[str, Any]:
    """The scoreboard day's games (docs/records.md ``mlb``), keyed by ESPN's game and team ids."""
    board = responses["scoreboard"]
    check_league(board, "MLB")
    overrides = team_overrides(ctx, "mlb")
    events = require_list(board, "events", "events", NAME)
    games = [_game(event, index, ctx.now, overrides) for index, event in enumerate(events)]
    return mlb_data(ctx, games)


PROVIDERS = (sports_provider("mlb", NAME, requests, transform, DEFAULT_BASE_URL),)
