"""How long a sports fetcher waits before its next fetch (C29): fast only while it matters."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from ._day import parse_instant
from ._status import IN_PLAY, UPCOMING

LEAD_SECONDS = 600.0
"""Poll at the live cadence from this many seconds before a scheduled start."""


def next_poll_seconds(
    games: Iterable[Mapping[str, Any]],
    now: datetime,
    *,
    period: float,
    period_live: float,
    period_idle: float,
    lead: float = LEAD_SECONDS,
) -> float:
    """Seconds until the next fetch.

    ``period_live`` while a game is live or delayed (C07) or starts within ``lead`` seconds (or is
    past its start but not yet live); otherwise the time until ``lead`` before the next start,
    capped at ``period_idle`` and at least ``period``; ``period_idle`` when nothing is left to start.
    """
    waits: list[float] = []
    for game in games:
        status = game.get("status")
        if status in IN_PLAY:
            return period_live
        if status not in UPCOMING:
            continue
        start = parse_instant(game.get("start"))
        if start is None:
            continue
        until = (start - now).total_seconds()
        if until <= lead:
            return period_live
        waits.append(until - lead)
    if not waits:
        return period_idle
    return max(min(*waits, period_idle), period)
