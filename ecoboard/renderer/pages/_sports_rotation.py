"""Which screen the MLB and NFL pages show when: the games to rotate through, and which one is current.

The order is :func:`ecoboard.sports.select_games` (followed teams first; live, then next, then the
latest final: C01, C04); the page option ``mode`` narrows it. The selection and the views are built
once per record (:func:`per_record`), not on each of the 60 frames a second.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from datetime import datetime
from typing import Any, TypeVar

from ...sports import IN_PLAY, is_followed, select_games

T = TypeVar("T")

_memo: dict[str, tuple[object, Hashable, Any]] = {}


def per_record(slot: str, record: object, key: Hashable, build: Callable[[], T]) -> T:
    """``build()`` once per record object and ``key``; ``slot`` (a page name) keeps only its latest result.

    Pages are drawn 60 times a second from the same record: the selection and the views are built
    when the record (or the followed teams, mode, zone or day) changes, not on every frame.
    """
    hit = _memo.get(slot)
    if hit is not None and hit[0] is record and hit[1] == key:
        return hit[2]
    value = build()
    _memo[slot] = (record, key, value)
    return value


def rotation_index(count: int, elapsed: float, seconds: float) -> int:
    """Which of ``count`` items shows ``elapsed`` seconds into the page, ``seconds`` each."""
    if count <= 0:
        return 0
    return int(max(0.0, elapsed) // max(seconds, 0.5)) % count


def followed_teams(option: Any, default: Sequence[str]) -> tuple[str, ...]:
    """The page option ``teams`` (a list, or one ``"NYY,BOS"`` text) as team tokens; ``default`` when unset."""
    if option is None:
        return tuple(str(t) for t in default)
    if isinstance(option, str | int):
        option = str(option).split(",")
    return tuple(str(t).strip() for t in option if str(t).strip())


def games_to_show(
    games: Sequence[Mapping[str, Any]], followed: Sequence[str], mode: str, now: datetime
) -> list[Mapping[str, Any]]:
    """The games the page rotates through, in :func:`ecoboard.sports.select_games` order.

    ``cycle_active`` keeps games in play (live or delayed), ``cycle_favorite`` the followed teams'
    games; when that leaves nothing, every game is shown so the page is never empty by choice.
    """
    ordered = select_games(games, followed, now)
    if mode == "cycle_active":
        kept = [g for g in ordered if g.get("status") in IN_PLAY]
    elif mode == "cycle_favorite":
        kept = [g for g in ordered if is_followed(g, followed)]
    else:
        kept = ordered
    return kept or ordered
