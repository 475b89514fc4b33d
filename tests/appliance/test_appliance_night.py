"""Night mode: clock windows, sunrise/sunset from the recorded MET Norway answer, live games, overrides."""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ecoboard import Record
from ecoboard.appliance import Brightness, followed_game_live, is_night, scheduled_brightness
from ecoboard.config import parse_config
from ecoboard.fetchers import fetch_once, make_client
from ecoboard.store import AsyncStore, open_store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DEMO = Path(__file__).resolve().parents[2] / "ecoboard" / "demo" / "replay"
SUN = json.loads((FIXTURES / "met-norway" / "sunrise3-sun-oslo-2022-12-18.json").read_text())


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def sun_record() -> Record:
    """A sun_moon record carrying the recorded Oslo sunrise (09:16+01:00) and sunset (15:10+01:00)."""
    props = SUN["properties"]
    fetched = utc("2022-12-18T06:00:00+00:00")
    return Record(
        kind="sun_moon", version=1, fetched_at=fetched, valid_until=fetched + timedelta(hours=6),
        source="met-norway",
        data={"date": "2022-12-18", "sunrise": utc(props["sunrise"]["time"]).isoformat(),
              "sunset": utc(props["sunset"]["time"]).isoformat(), "moon_phase_degrees": 0.0,
              "moon_phase": "new", "moon_illumination": 0.0},
    )


def config(**night: object):
    return parse_config({"timezone": "Europe/Oslo", "display": {"brightness": 80, "night": {"enabled": True, **night}}},
                        environ={})


def test_clock_window_wraps_midnight_in_the_configured_zone() -> None:
    cfg = config(start="22:00", end="07:00", brightness=10)
    night = cfg.display.night
    # 21:59 and 22:00 Oslo (UTC+1 in December), 06:59 and 07:00 the next morning
    assert not is_night(utc("2022-12-18T20:59:00+00:00"), night, _zone(cfg), {})
    assert is_night(utc("2022-12-18T21:00:00+00:00"), night, _zone(cfg), {})
    assert is_night(utc("2022-12-19T05:59:00+00:00"), night, _zone(cfg), {})
    assert not is_night(utc("2022-12-19T06:00:00+00:00"), night, _zone(cfg), {})
    assert scheduled_brightness(utc("2022-12-18T23:00:00+00:00"), cfg, {}) == 10
    assert scheduled_brightness(utc("2022-12-18T12:00:00+00:00"), cfg, {}) == 80


def test_sun_schedule_uses_the_recorded_sunrise_and_sunset() -> None:
    cfg = config(use_sun=True, start="22:00", end="07:00")
    records = {"sun_moon": sun_record()}
    night, zone = cfg.display.night, _zone(cfg)
    assert is_night(utc("2022-12-18T08:15:00+00:00"), night, zone, records)  # 09:15 Oslo, before sunrise
    assert not is_night(utc("2022-12-18T08:16:00+00:00"), night, zone, records)  # 09:16 sunrise
    assert not is_night(utc("2022-12-18T14:09:00+00:00"), night, zone, records)
    assert is_night(utc("2022-12-18T14:10:00+00:00"), night, zone, records)  # 15:10 sunset
    # the next day's clock reuses the times of day of yesterday's record
    assert is_night(utc("2022-12-19T16:00:00+00:00"), night, zone, records)


def test_sun_schedule_falls_back_to_the_clock_window_without_sun_times() -> None:
    cfg = config(use_sun=True, start="22:00", end="07:00")
    polar = sun_record()
    polar = Record(kind=polar.kind, version=2, fetched_at=polar.fetched_at, valid_until=polar.valid_until,
                   source=polar.source, data={**polar.data, "sunrise": None, "sunset": None})
    at = utc("2022-12-18T16:00:00+00:00")  # 17:00 Oslo: after the recorded sunset, before 22:00
    assert is_night(at, cfg.display.night, _zone(cfg), {"sun_moon": sun_record()})
    assert not is_night(at, cfg.display.night, _zone(cfg), {"sun_moon": polar})
    assert not is_night(at, cfg.display.night, _zone(cfg), {})


def test_disabled_night_mode_is_always_day() -> None:
    cfg = parse_config({"display": {"brightness": 55}}, environ={})
    assert scheduled_brightness(utc("2022-12-18T03:00:00+00:00"), cfg, {}) == 55


def test_manual_brightness_lasts_until_the_schedule_changes() -> None:
    cfg = config(start="22:00", end="07:00", brightness=10)
    level = Brightness(cfg)
    assert level.level(utc("2022-12-18T19:00:00+00:00"), {}) == 80
    level.set_manual(35)
    assert level.level(utc("2022-12-18T20:00:00+00:00"), {}) == 35
    assert level.level(utc("2022-12-18T21:00:00+00:00"), {}) == 10  # night began: override dropped
    level.set_manual(60)
    assert level.level(utc("2022-12-19T05:00:00+00:00"), {}) == 60
    assert level.level(utc("2022-12-19T06:00:00+00:00"), {}) == 80


def _zone(cfg):
    from zoneinfo import ZoneInfo

    return ZoneInfo(cfg.timezone)


async def sports_records() -> dict[str, Record]:
    """The shipped demo replay's MLB (2024-04-28, 12 games in progress) and NFL (2022 week 1) records."""
    with tempfile.TemporaryDirectory() as tmp:
        store = AsyncStore(open_store(f"sqlite:///{tmp}/sports.sqlite3"))
        async with make_client(replay_dir=DEMO) as client:
            records = {kind: await fetch_once(kind, parse_config({}, environ={}), client=client, store=store,
                                              bus=None)
                       for kind in ("mlb", "nfl")}
        await store.aclose()
    return records


async def test_a_followed_live_game_keeps_the_day_brightness_at_night() -> None:
    records = await sports_records()
    at = utc("2024-04-28T23:30:00+00:00")  # 01:30 in Oslo: night by the clock window
    followed = {"teams": {"mlb": ["BOS"], "nfl": ["NE"]}}  # BOS pregame, NE final: nothing live
    dim = parse_config({"timezone": "Europe/Oslo", **followed,
                        "display": {"brightness": 80, "night": {"enabled": True, "brightness": 10}}}, environ={})
    assert not followed_game_live(dim, records)
    assert scheduled_brightness(at, dim, records) == 10
    cle = next(g["away"]["id"] for g in records["mlb"].data["games"] if g["away"]["abbreviation"] == "CLE")
    for teams in ({"mlb": ["cle"]}, {"mlb": [str(cle)]}, {"nfl": ["PIT"]}):  # abbreviation, numeric id, NFL
        live = parse_config({"timezone": "Europe/Oslo", "teams": teams,
                             "display": {"brightness": 80, "night": {"enabled": True, "brightness": 10}}}, environ={})
        assert followed_game_live(live, records), teams
        assert scheduled_brightness(at, live, records) == 80
    off = parse_config({"timezone": "Europe/Oslo", "teams": {"mlb": ["CLE"]},
                        "display": {"brightness": 80,
                                    "night": {"enabled": True, "brightness": 10, "bright_during_live_game": False}}},
                       environ={})
    assert scheduled_brightness(at, off, records) == 10
