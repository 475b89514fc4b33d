"""What every sports provider shares: the scoreboard day, the polling rule and game ordering.

``base_url`` (C16) is the one of :mod:`._payload`, re-exported here for the sports adapters.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from ...sports import next_poll_seconds, parse_instant, scoreboard_day
from .._provider import FetchContext, Provider, RequestSpec
from ._payload import base_url

__all__ = ["base_url", "board_day", "games_next_poll", "mlb_data", "sports_provider", "start_order"]


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


def mlb_data(ctx: FetchContext, games: list[dict[str, Any]]) -> dict[str, Any]:
    """The ``mlb`` data of a scoreboard day: its date and its games in start order."""
    return {"date": board_day(ctx).isoformat(), "games": start_order(games), "next_game": None}


def sports_provider(
    kind: str,
    name: str,
    requests: Callable[[FetchContext], list[RequestSpec]],
    transform: Callable[[Mapping[str, Any], FetchContext], dict[str, Any]],
    default_base_url: str,
) -> Provider:
    """A keyless sports provider that polls by game state (C29)."""
    return Provider(
        kind=kind,
        name=name,
        requests=requests,
        transform=transform,
        next_poll=games_next_poll,
        default_base_url=default_base_url,
    )
