"""The closed set of game statuses (docs/records.md) and the groups the board and pollers use."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

STATUSES: tuple[str, ...] = (
    "scheduled",
    "pregame",
    "warmup",
    "live",
    "delayed",
    "suspended",
    "postponed",
    "cancelled",
    "final",
    "unknown",
)
"""Every status a normalized game may carry."""

UPCOMING: frozenset[str] = frozenset({"scheduled", "pregame", "warmup"})
"""Not started yet, still expected to start."""

IN_PLAY: frozenset[str] = frozenset({"live", "delayed"})
"""Being played or held up for a short while (rain delay): polled at the live cadence (C07)."""

NOT_PLAYED: frozenset[str] = frozenset({"postponed", "cancelled"})
"""Will not be played on this day: no score, no inning."""


def has_started(game: Mapping[str, Any]) -> bool:
    """True when play began: live, final, suspended, or delayed with an inning/period on the board."""
    status = game.get("status")
    if status in ("live", "final", "suspended"):
        return True
    if status == "delayed":
        return bool(game.get("inning") or game.get("period"))
    return False
