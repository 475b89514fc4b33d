"""Night mode and the brightness the panel should have (pure: the instant and records are passed in).

Night is either a clock window (``display.night.start`` → ``end`` in the configured zone, wrapping
past midnight) or, with ``use_sun``, the time between sunset and sunrise, read from the ``sun_moon``
record or, failing that, from today's entry of the ``weather`` record's daily forecast. Only the
local time of day of those instants is used, so a record from yesterday still gives a good answer;
when neither record has both instants (polar day or night, nothing fetched yet) the clock window
applies. With ``bright_during_live_game`` a live game of a followed team keeps the day brightness.

A manual ``brightness`` command overrides the level until the schedule next changes its mind
(night starts or ends), so a user dimming at 21:00 is not undone every frame.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from .._record import Record, utc_instant
from ..config import Config, NightSettings


def _hhmm(text: str) -> time:
    hours, _, minutes = text.partition(":")
    return time(int(hours), int(minutes))


def _in_window(now: time, start: time, end: time) -> bool:
    """True when ``now`` lies in [start, end), the window wrapping midnight when start > end."""
    if start == end:
        return False
    if start < end:
        return start <= now < end
    return now >= start or now < end


def _sun_times(records: Mapping[str, Record], zone: ZoneInfo) -> tuple[time, time] | None:
    """Local sunrise and sunset times of day from ``sun_moon``, else from the weather's first day."""
    candidates: list[Mapping[str, Any]] = []
    sun = records.get("sun_moon")
    if sun is not None:
        candidates.append(sun.data)
    weather = records.get("weather")
    if weather is not None:
        daily = weather.data.get("daily") or ()
        if daily:
            candidates.append(daily[0])
    for block in candidates:
        rise, set_ = block.get("sunrise"), block.get("sunset")
        if rise and set_:
            return (utc_instant(rise).astimezone(zone).time(), utc_instant(set_).astimezone(zone).time())
    return None


def is_night(now: datetime, night: NightSettings, zone: ZoneInfo, records: Mapping[str, Record]) -> bool:
    """True when the schedule says night at ``now`` (ignoring live games)."""
    if not night.enabled:
        return False
    local = utc_instant(now).astimezone(zone).time()
    sun = _sun_times(records, zone) if night.use_sun else None
    if sun is not None:
        sunrise, sunset = sun
        return _in_window(local, sunset, sunrise)
    return _in_window(local, _hhmm(night.start), _hhmm(night.end))


def _followed(side: Mapping[str, Any], teams: Iterable[str]) -> bool:
    wanted = {t.strip().upper() for t in teams}
    return str(side.get("id", "")).upper() in wanted or str(side.get("abbreviation", "")).upper() in wanted


def followed_game_live(config: Config, records: Mapping[str, Record]) -> bool:
    """True when a followed MLB or NFL team is playing a ``live`` game in the current records."""
    for kind, teams in (("mlb", config.teams.mlb), ("nfl", config.teams.nfl)):
        record = records.get(kind)
        if record is None:
            continue
        for game in record.data.get("games") or ():
            if game.get("status") != "live":
                continue
            if _followed(game.get("away") or {}, teams) or _followed(game.get("home") or {}, teams):
                return True
    return False


def scheduled_brightness(now: datetime, config: Config, records: Mapping[str, Record]) -> int:
    """The brightness (0–100) the schedule asks for at ``now``."""
    night = config.display.night
    if not is_night(now, night, ZoneInfo(config.timezone), records):
        return config.display.brightness
    if night.bright_during_live_game and followed_game_live(config, records):
        return config.display.brightness
    return night.brightness


class Brightness:
    """The schedule plus a manual override that lasts until the schedule's level next changes."""

    def __init__(self, config: Config) -> None:
        self._config = config
        self._scheduled: int | None = None
        self._override: int | None = None

    def set_manual(self, value: int) -> None:
        """Apply a ``brightness`` command (0–100)."""
        self._override = value

    def level(self, now: datetime, records: Mapping[str, Record]) -> int:
        """The level to show at ``now``."""
        scheduled = scheduled_brightness(now, self._config, records)
        if self._scheduled is not None and scheduled != self._scheduled:
            self._override = None
        self._scheduled = scheduled
        return scheduled if self._override is None else self._override
