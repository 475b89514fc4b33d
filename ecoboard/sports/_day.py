"""The scoreboard day: which calendar date a board shows, in an IANA zone, rolling over at a set hour.

A game that starts at 22:05 and runs past midnight belongs to the day it started on (C01): the
scoreboard day only turns at the rollover time (default 04:00 local), not at 00:00. Zones are IANA
names resolved with :mod:`zoneinfo`, so both daylight-saving transition days are right (C02).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo


def _zone(tz: str | tzinfo) -> tzinfo:
    return ZoneInfo(tz) if isinstance(tz, str) else tz


def _rollover_time(rollover: str) -> time:
    hours, _, minutes = rollover.partition(":")
    return time(int(hours), int(minutes or 0))


def _aware(now: datetime) -> datetime:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be an aware instant")
    return now


def scoreboard_day(now: datetime, tz: str | tzinfo, rollover: str = "04:00") -> date:
    """The local calendar date shown at instant ``now``: before ``rollover`` it is still yesterday."""
    local = _aware(now).astimezone(_zone(tz))
    if local.time().replace(tzinfo=None) < _rollover_time(rollover):
        return local.date() - timedelta(days=1)
    return local.date()


def day_bounds(day: date, tz: str | tzinfo, rollover: str = "04:00") -> tuple[datetime, datetime]:
    """The UTC instants at which scoreboard day ``day`` begins and ends (23 or 25 hours on DST days)."""
    zone = _zone(tz)
    turn = _rollover_time(rollover)
    start = datetime.combine(day, turn, tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), turn, tzinfo=zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def parse_instant(value: object) -> datetime | None:
    """An ISO-8601 instant (``Z`` or an offset, with or without seconds) as aware UTC; else None."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return None
    return parsed.astimezone(UTC)
