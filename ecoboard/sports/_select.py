"""Which games the board shows first: followed teams, then state, then time (C01, C04).

Games are keyed by the provider's game id, never by team and date, so both games of a doubleheader
are kept. The order is: games of followed teams first; within each, live games (earliest start
first), then upcoming games (next start first), then finals (most recent first), then games that
will not be played today (postponed, cancelled, suspended, unknown). A late game that is still live
after midnight therefore stays at the top until it ends.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from ._day import parse_instant
from ._status import IN_PLAY, UPCOMING

Game = Mapping[str, Any]

_RANK_LIVE, _RANK_UPCOMING, _RANK_FINAL, _RANK_OTHER = range(4)

ABBREVIATION_ALIASES: Mapping[str, str] = {
    "CHW": "CWS",
    "ARI": "AZ",
    "WAS": "WSH",
    "OAK": "ATH",
    "JAC": "JAX",
    "LA": "LAR",
}
"""Spellings of one team that differ between providers (ESPN vs MLB Stats API) or across renames;
a followed ``"CHW"`` matches a side ``"CWS"`` and the other way round."""


def _canonical(token: str) -> str:
    token = token.strip().upper()
    return ABBREVIATION_ALIASES.get(token, token)


def _tokens(followed: Iterable[str | int]) -> frozenset[str]:
    return frozenset(_canonical(str(token)) for token in followed if str(token).strip())


def _side_tokens(side: Mapping[str, Any] | None) -> set[str]:
    if not side:
        return set()
    found = {str(side.get("id", "")).upper()}
    if side.get("abbreviation"):
        found.add(_canonical(str(side["abbreviation"])))
    return found


def team_matches(side: Mapping[str, Any] | None, followed: Iterable[str | int]) -> bool:
    """True when ``side`` is one of ``followed`` (team ids or abbreviations, any case)."""
    return bool(_side_tokens(side) & _tokens(followed))


def is_followed(game: Game, followed: Iterable[str | int]) -> bool:
    """True when either side of ``game`` is a followed team."""
    tokens = _tokens(followed)
    return bool((_side_tokens(game.get("away")) | _side_tokens(game.get("home"))) & tokens)


def _rank(game: Game) -> int:
    status = game.get("status")
    if status in IN_PLAY:
        # A rain delay before the first pitch is still "upcoming"; one during play is live (C07).
        started = bool(game.get("inning") or game.get("period"))
        return _RANK_LIVE if status == "live" or started else _RANK_UPCOMING
    if status in UPCOMING:
        return _RANK_UPCOMING
    if status == "final":
        return _RANK_FINAL
    return _RANK_OTHER


def _sort_key(game: Game, tokens: frozenset[str], now: datetime) -> tuple[Any, ...]:
    start = parse_instant(game.get("start"))
    seconds = (start - now).total_seconds() if start else float("inf")
    rank = _rank(game)
    when = -seconds if rank == _RANK_FINAL and start else seconds
    followed = bool((_side_tokens(game.get("away")) | _side_tokens(game.get("home"))) & tokens)
    return (not followed, rank, when, game.get("doubleheader") or 0, str(game.get("id", "")))


def select_games(games: Sequence[Game], followed_team_ids_or_abbrs: Iterable[str | int], now: datetime) -> list[Game]:
    """All ``games`` ordered for display: followed teams first, then live, next, latest final (C01, C04)."""
    tokens = _tokens(followed_team_ids_or_abbrs)
    return sorted(games, key=lambda game: _sort_key(game, tokens, now))


def featured_game(games: Sequence[Game], followed_team_ids_or_abbrs: Iterable[str | int], now: datetime) -> Game | None:
    """The one game to feature for the followed teams (live, else next, else latest final), or None."""
    tokens = _tokens(followed_team_ids_or_abbrs)
    ordered = select_games(games, tokens, now)
    if ordered and is_followed(ordered[0], tokens):
        return ordered[0]
    return None
