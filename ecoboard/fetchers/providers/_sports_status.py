"""Provider game statuses → the one closed status set of docs/records.md (C05–C09).

Each game's status is derived once per fetch (C06). A status text never seen before falls back by
start time, never to ``live`` (C08): before the start it is ``scheduled``, after it ``unknown``; it is
logged once per process and provider, not on every poll.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from ._sports_json import opt_str

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DerivedStatus:
    """A game's normalized status, the provider's own text and, when given, the reason."""

    status: str
    detail: str
    reason: str | None = None


@cache
def _log_unknown_once(provider: str, text: str) -> None:
    """Log an unseen status (the cache makes it once per provider and text for the process)."""
    log.warning("%s: unknown game status %r: shown by start time, never as live", provider, text)


def fallback_status(provider: str, text: str, start: datetime | None, now: datetime) -> str:
    """The status of a game whose provider status is unknown: ``scheduled`` before ``start``, else ``unknown``."""
    _log_unknown_once(provider, text)
    if start is not None and now < start:
        return "scheduled"
    return "unknown"


def _after_colon(text: str) -> str | None:
    _, sep, rest = text.partition(":")
    if not sep:
        return None
    return rest.strip() or None


def _statsapi_base(coded: str, code: str, text: str, abstract: str) -> str | None:
    if coded == "D" or text.startswith("postponed"):
        return "postponed"
    if coded == "C" or text.startswith(("cancelled", "canceled")):
        return "cancelled"
    if coded in ("T", "U") or text.startswith("suspended"):
        return "suspended"
    if text.startswith("delayed") or code in ("IR", "PR"):
        return "delayed"
    if coded in ("F", "O") or text in ("final", "game over") or text.startswith("completed early"):
        return "final"
    if abstract == "final":
        return "final"
    if code == "PW" or text == "warmup":
        return "warmup"
    if code == "P" or coded == "P" or text == "pre-game":
        return "pregame"
    if coded == "S" or code == "S" or text == "scheduled":
        return "scheduled"
    if coded in ("I", "M", "N") or text == "in progress" or text.startswith("manager challenge"):
        return "live"
    return None


def statsapi_status(
    status: Mapping[str, Any],
    *,
    start: datetime | None,
    now: datetime,
    inning: int | None,
    scheduled_innings: int | None,
) -> DerivedStatus:
    """Map an MLB Stats API ``status`` block (codedGameState, statusCode, detailedState, abstractGameState)."""
    coded = opt_str(status.get("codedGameState")) or ""
    code = opt_str(status.get("statusCode")) or ""
    detailed = opt_str(status.get("detailedState")) or ""
    abstract = (opt_str(status.get("abstractGameState")) or "").lower()
    derived = _statsapi_base(coded, code, detailed.lower(), abstract)
    if derived is None:
        derived = fallback_status("mlb-statsapi", f"{coded}/{code}/{detailed}", start, now)
    detail = detailed or derived.capitalize()
    if derived == "final" and inning and inning > (scheduled_innings or 9):
        detail = f"Final/{inning}"
    reason = None
    if derived in ("postponed", "cancelled", "suspended", "delayed"):
        reason = opt_str(status.get("reason")) or _after_colon(detailed)
    return DerivedStatus(derived, detail, reason)


_ESPN_NAMES: Mapping[str, str] = {
    "STATUS_SCHEDULED": "scheduled",
    "STATUS_WARMUP": "warmup",
    "STATUS_IN_PROGRESS": "live",
    "STATUS_HALFTIME": "live",
    "STATUS_END_PERIOD": "live",
    "STATUS_FIRST_HALF": "live",
    "STATUS_SECOND_HALF": "live",
    "STATUS_OVERTIME": "live",
    "STATUS_END_OF_REGULATION": "live",
    "STATUS_DELAYED": "delayed",
    "STATUS_RAIN_DELAY": "delayed",
    "STATUS_SUSPENDED": "suspended",
    "STATUS_POSTPONED": "postponed",
    "STATUS_CANCELED": "cancelled",
    "STATUS_CANCELLED": "cancelled",
    "STATUS_FINAL": "final",
    "STATUS_FINAL_OVERTIME": "final",
    "STATUS_FINAL_OT": "final",
    "STATUS_FULL_TIME": "final",
    "STATUS_FORFEIT": "final",
}


def espn_status(status: Mapping[str, Any], *, start: datetime | None, now: datetime, provider: str) -> DerivedStatus:
    """Map an ESPN ``status`` block (``type.name`` such as ``STATUS_IN_PROGRESS``)."""
    kind = status.get("type") if isinstance(status.get("type"), Mapping) else {}
    name = opt_str(kind.get("name")) or ""
    derived = _ESPN_NAMES.get(name)
    if derived is None:
        derived = fallback_status(provider, name or "(none)", start, now)
    detail = opt_str(kind.get("shortDetail")) or opt_str(kind.get("description")) or derived.capitalize()
    reason = None
    if derived in ("postponed", "cancelled", "suspended", "delayed"):
        long_detail = opt_str(kind.get("detail"))
        reason = long_detail if long_detail and long_detail != kind.get("description") else None
    return DerivedStatus(derived, detail, reason)
