"""What every sports provider shares: the scoreboard day, the polling rule, game ordering and the
next game after an empty day (C18).

``base_url`` (C16) is the one of :mod:`._payload`, re-exported here for the sports adapters.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from ..._errors import PayloadError
from ...sports import UPCOMING, is_followed, next_poll_seconds, parse_instant, scoreboard_day
from .._options import read_option
from .._provider import FetchContext, OptionError, OptionReader, Provider, RequestSpec
from ._payload import base_url
from ._teams import TEAM_OPTIONS, team_overrides

__all__ = [
    "MLB_OPTIONS",
    "base_url",
    "board_day",
    "games_next_poll",
    "mlb_data",
    "next_game_range",
    "sports_provider",
    "start_order",
]

log = logging.getLogger(__name__)

NEXT_GAME_DAYS = 10
"""Days after an empty scoreboard day searched for the next game (``options.next_game_days``)."""

_MAX_NEXT_GAME_DAYS = 60


def board_day(ctx: FetchContext) -> date:
    """The scoreboard day at ``ctx.now`` in the configured zone, rolling over at ``scoreboard_rollover``."""
    return scoreboard_day(ctx.now, ctx.config.timezone, ctx.config.scoreboard_rollover)


def games_next_poll(data: Mapping[str, Any], ctx: FetchContext) -> float:
    """C29: the live period while a game is on or about to start, longer waits otherwise."""
    return next_poll_seconds(
        data.get("games") or (),
        ctx.now,
        period=ctx.settings.period,
        period_live=ctx.settings.period_live,
        period_idle=ctx.settings.period_idle,
    )


def start_order(games: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Games in start order (unknown starts last), doubleheader game 1 before game 2, then by id."""

    def key(game: Mapping[str, Any]) -> tuple[Any, ...]:
        start = parse_instant(game.get("start"))
        return (start is None, start.timestamp() if start else 0.0, game.get("doubleheader") or 0, game["id"])

    return sorted(games, key=key)


def read_next_game_days(value: Any) -> int:
    """``next_game_days`` as written: a whole number from 1 to 60."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= _MAX_NEXT_GAME_DAYS:
        raise OptionError.expected(f"a whole number from 1 to {_MAX_NEXT_GAME_DAYS}", value)
    return value


def next_game_range(ctx: FetchContext, kind: str) -> tuple[date, date]:
    """The first and last day searched for the next game: the days after the scoreboard day.

    Their number is ``providers.<kind>.options.next_game_days`` (1 to 60, default 10).
    """
    days = read_option(ctx, kind, "next_game_days", read_next_game_days, NEXT_GAME_DAYS)
    day = board_day(ctx)
    return day + timedelta(days=1), day + timedelta(days=days)


def _next_game(games: list[dict[str, Any]], now: datetime, followed: tuple[str, ...]) -> dict[str, Any] | None:
    upcoming = [
        game
        for game in start_order(games)
        if game["status"] in UPCOMING and (start := parse_instant(game.get("start"))) is not None and start > now
    ]
    mine = [game for game in upcoming if is_followed(game, followed)]
    return (mine or upcoming or [None])[0]


@cache
def _log_unreadable_once(provider: str, message: str) -> None:
    """Log a next-game answer that cannot be read (the cache makes it once per provider and message)."""
    log.warning("%s: the answer for the next game cannot be read, next_game stays null: %s", provider, message)


MLB_OPTIONS: Mapping[str, OptionReader] = {**TEAM_OPTIONS, "next_game_days": read_next_game_days}
"""The options of an MLB provider: ``team_overrides`` (:func:`mlb_data`) and ``next_game_days``
(:func:`next_game_range`)."""


ReadGames = Callable[[Any, datetime, Mapping[str, Mapping[str, str]]], list[dict[str, Any]]]
"""A provider's reading of one answer into Games: ``(answer, now, team overrides) -> games``."""


def mlb_data(day: Any, later: Any, read_games: ReadGames, ctx: FetchContext, provider: str) -> dict[str, Any]:
    """The ``mlb`` data of a scoreboard day: its date, its games in start order and the next game (C18).

    ``day`` is the answer for the scoreboard day; ``later`` the one for the days after it, asked
    only when the day has no games (``None`` when not asked or when that request failed: the
    coordinator logged it). The next game has not started (scheduled, pre-game, warm-up) and starts
    after now: finals, live, postponed and cancelled games, games without a start time and games
    whose start has passed are skipped. A followed team's game (``teams.mlb``) comes first, else the
    league's first game. A ``later`` answer that cannot be read leaves ``next_game`` null (logged once).
    """
    overrides = team_overrides(ctx, "mlb")
    games = read_games(day, ctx.now, overrides)
    following = None
    if not games and later is not None:
        try:
            following = _next_game(read_games(later, ctx.now, overrides), ctx.now, ctx.config.teams.mlb)
        except PayloadError as exc:
            _log_unreadable_once(provider, str(exc))
    return {"date": board_day(ctx).isoformat(), "games": start_order(games), "next_game": following}


def sports_provider(
    kind: str,
    name: str,
    requests: Callable[[FetchContext], list[RequestSpec]],
    transform: Callable[[Mapping[str, Any], FetchContext], dict[str, Any]],
    default_base_url: str,
    *,
    follow_up: Callable[[Mapping[str, Any], FetchContext], list[RequestSpec]] | None = None,
    options: Mapping[str, OptionReader],
) -> Provider:
    """A keyless sports provider that polls by game state (C29) and reads ``options``."""
    return Provider(
        kind=kind,
        name=name,
        requests=requests,
        transform=transform,
        next_poll=games_next_poll,
        default_base_url=default_base_url,
        follow_up=follow_up,
        options=options,
    )
