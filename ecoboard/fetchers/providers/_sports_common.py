"""What every sports provider shares: the scoreboard day, the polling rule, game ordering and the
next game after an empty day (C18).

A record keeps the day (MLB) or week (NFL) its answer is about, even when that is not the one asked
for (a cache handing back another day, the recorded demo): the board labels the games with their real
date, and games of another day or week never drive the live cadence (C29).

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
    "is_current",
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


def _iso_day(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def is_current(data: Mapping[str, Any], ctx: FetchContext) -> bool:
    """True when ``data`` is about the scoreboard day at ``ctx.now``: an MLB ``date`` equal to it, or an NFL
    ``week`` whose dates hold it (a day of slack either side: the week's dates are US Pacific, the
    scoreboard day the configured zone's). Data without a readable day or week counts as current.
    """
    today = board_day(ctx)
    if "date" in data:
        return _iso_day(data["date"]) in (today, None)
    week = data.get("week") or {}
    start, end = _iso_day(week.get("start")), _iso_day(week.get("end"))
    slack = timedelta(days=1)
    return (start is None or start - slack <= today) and (end is None or today <= end + slack)


def games_next_poll(data: Mapping[str, Any], ctx: FetchContext) -> float:
    """C29: the live period while a game is on or about to start, longer waits otherwise; the games of
    another day or week (:func:`is_current`) are not today's, so they are polled as a day without games."""
    return next_poll_seconds(
        (data.get("games") or ()) if is_current(data, ctx) else (),
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
def log_other_day_once(kind: str, provider: str, asked: str, answered: str) -> None:
    """Log an answer about another day or week than the one asked for (once per provider and pair)."""
    log.warning(
        "%s (%s): asked for the games of %s, the answer holds those of %s: the record keeps them as they are "
        "(a cached answer, or the recorded demo) and they do not set the live polling cadence",
        kind,
        provider,
        asked,
        answered,
    )


def _record_day(answered: str | None, games: list[dict[str, Any]], ctx: FetchContext, provider: str) -> str:
    """The day a record is about: the answer's own day when it has games and names a readable day, else
    the scoreboard day that was asked for (an empty day, C18)."""
    asked = board_day(ctx).isoformat()
    day = _iso_day(answered)
    if not games or day is None:
        return asked
    if day.isoformat() != asked:
        log_other_day_once("mlb", provider, asked, day.isoformat())
    return day.isoformat()


@cache
def _log_unreadable_once(provider: str, message: str) -> None:
    """Log a next-game answer that cannot be read (the cache makes it once per provider and message)."""
    log.warning("%s: the answer for the next game cannot be read, next_game stays null: %s", provider, message)


MLB_OPTIONS: Mapping[str, OptionReader] = {**TEAM_OPTIONS, "next_game_days": read_next_game_days}
"""The options of an MLB provider: ``team_overrides`` (:func:`mlb_data`) and ``next_game_days``
(:func:`next_game_range`)."""


ReadGames = Callable[[Any, datetime, Mapping[str, Mapping[str, str]]], list[dict[str, Any]]]
"""A provider's reading of one answer into Games: ``(answer, now, team overrides) -> games``."""


def mlb_data(
    day: Any, later: Any, read_games: ReadGames, ctx: FetchContext, provider: str, *, answered: str | None
) -> dict[str, Any]:
    """The ``mlb`` data of a scoreboard day: its date, its games in start order and the next game (C18).

    ``day`` is the answer for the scoreboard day and ``answered`` the day that answer names: the
    record's ``date`` when the answer has games (logged once when it is not the day asked for), else
    the day asked for. ``later`` is the answer for the days after it, asked only when the day has no
    games (``None`` when not asked or when that request failed: the coordinator logged it). The next
    game has not started (scheduled, pre-game, warm-up) and starts after now: finals, live, postponed
    and cancelled games, games without a start time and games whose start has passed are skipped. A
    followed team's game (``teams.mlb``) comes first, else the league's first game. A ``later``
    answer that cannot be read leaves ``next_game`` null (logged once).
    """
    overrides = team_overrides(ctx, "mlb")
    games = read_games(day, ctx.now, overrides)
    following = None
    if not games and later is not None:
        try:
            following = _next_game(read_games(later, ctx.now, overrides), ctx.now, ctx.config.teams.mlb)
        except PayloadError as exc:
            _log_unreadable_once(provider, str(exc))
    return {"date": _record_day(answered, games, ctx, provider), "games": start_order(games), "next_game": following}


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
