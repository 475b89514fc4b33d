"""An answer about another day or week than the one asked for (a cache, the recorded demo): the record
keeps the answer's own day (MLB ``date``) or week (NFL), says so once in the log, and its games never
set the live polling cadence (C29). Exact values from the recordings in tests/fixtures/.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from ecoboard.config import Config
from ecoboard.fetchers import ReplayTransport, fetch_once, make_client
from ecoboard.fetchers.providers import get_provider
from ecoboard.fetchers.providers._sports_common import log_other_day_once
from ecoboard.store import AsyncStore, open_store

from ._support import FIXTURES, ctx, fixture, transform

LIVE = "mlb-statsapi/schedule-2024-04-28-live-12-in-progress-warmup-pregame.json"
EMPTY = "mlb-statsapi/schedule-2024-10-27-no-games-empty-dates.json"
ESPN_DAY = "espn/mlb-scoreboard-2022-09-17-live-mixed-doubleheaders.json"
WEEK1 = "espn/nfl-scoreboard-2022-week1-sunday-live-mixed.json"
STATSAPI_AT = "statsapi.mlb.com/api/v1/schedule.json"
ESPN_MLB_AT = "site.api.espn.com/apis/site/v2/sports/baseball/mlb/scoreboard.json"
LATER = "2026-12-04T17:00:00+00:00"
"""Noon in New York on 2026-12-04, long after every recording."""


async def fetch_twice(tmp_path: Path, provider: str, recording: str, served_at: str, now: str) -> tuple[Any, list]:
    """Two fetches of ``mlb`` from ``provider`` at ``now``, each answered with ``recording``."""
    replay = tmp_path / "replay"
    (replay / served_at).parent.mkdir(parents=True)
    shutil.copy(FIXTURES / recording, replay / served_at)
    config = Config()
    config = replace(config, providers={**config.providers, "mlb": replace(config.providers["mlb"], provider=provider)})
    instant = datetime.fromisoformat(now)
    transport = ReplayTransport(replay)
    store = open_store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    try:
        async with make_client(transport=transport) as client:
            for _ in range(2):
                record = await fetch_once(
                    "mlb", config, client=client, store=AsyncStore(store), bus=None, clock=lambda: instant
                )
        assert store.latest("mlb") == record
    finally:
        store.close()
    return record, [str(u) for u in transport.requests]


def other_day_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if "the answer holds those of" in r.getMessage()]


@pytest.fixture(autouse=True)
def _fresh_log_once() -> None:
    log_other_day_once.cache_clear()


async def test_statsapi_answer_of_another_day_keeps_its_date_and_polls_idle(tmp_path, caplog):
    caplog.set_level(logging.WARNING, logger="ecoboard.fetchers")
    record, urls = await fetch_twice(tmp_path, "mlb-statsapi", LIVE, STATSAPI_AT, LATER)
    assert urls == ["https://statsapi.mlb.com/api/v1/schedule?sportId=1&date=2026-12-04&hydrate=linescore%2Cteam"] * 2
    assert (record.version, record.data["date"], len(record.data["games"])) == (2, "2024-04-28", 15)
    assert record.data["games"][0]["start"] == "2024-04-28T17:35:00+00:00"
    assert other_day_lines(caplog) == [
        "mlb (mlb-statsapi): asked for the games of 2026-12-04, the answer holds those of 2024-04-28: the record "
        "keeps them as they are (a cached answer, or the recorded demo) and they do not set the live polling cadence"
    ]
    # ten games are "live" in the recording, but not today: polled as a day without games (C29)
    assert get_provider("mlb", "mlb-statsapi").next_poll(record.data, ctx("mlb", LATER)) == 3600.0


async def test_espn_answer_of_another_day_keeps_its_date_and_polls_idle(tmp_path, caplog):
    caplog.set_level(logging.WARNING, logger="ecoboard.fetchers")
    record, urls = await fetch_twice(tmp_path, "espn", ESPN_DAY, ESPN_MLB_AT, LATER)
    assert urls == ["https://site.api.espn.com/apis/site/v2/sports/baseball/mlb/scoreboard?dates=20261204"] * 2
    assert (record.data["date"], len(record.data["games"])) == ("2022-09-17", 17)
    assert len(other_day_lines(caplog)) == 1
    assert other_day_lines(caplog)[0].startswith(
        "mlb (espn): asked for the games of 2026-12-04, the answer holds those of 2022-09-17:"
    )
    assert get_provider("mlb", "espn").next_poll(record.data, ctx("mlb", LATER)) == 3600.0


@pytest.mark.parametrize(
    ("now", "board_day"),
    [
        ("2024-04-28T20:10:00+00:00", "2024-04-28"),  # 16:10 EDT, while the games are on
        ("2024-04-29T05:00:00+00:00", "2024-04-28"),  # 01:00 EDT: still the 28th's board (C01)
    ],
)
def test_the_day_asked_for_keeps_the_live_cadence_c01_c29(now, board_day, caplog):
    caplog.set_level(logging.WARNING, logger="ecoboard.fetchers")
    context = ctx("mlb", now)
    (spec,) = get_provider("mlb", "mlb-statsapi").requests(context)
    assert spec.params["date"] == board_day
    data = transform("mlb", "mlb-statsapi", "schedule", fixture(LIVE), context)
    assert data["date"] == "2024-04-28"
    assert get_provider("mlb", "mlb-statsapi").next_poll(data, context) == 30.0
    assert other_day_lines(caplog) == []


def test_after_the_rollover_yesterdays_answer_no_longer_sets_the_cadence_c01():
    data = transform("mlb", "mlb-statsapi", "schedule", fixture(LIVE), ctx("mlb", "2024-04-29T05:00:00+00:00"))
    # 04:30 EDT on the 29th: the board has turned to the 29th, the 28th's record waits at the idle period
    assert get_provider("mlb", "mlb-statsapi").next_poll(data, ctx("mlb", "2024-04-29T08:30:00+00:00")) == 3600.0


def test_an_empty_day_keeps_the_day_asked_for_c18(caplog):
    caplog.set_level(logging.WARNING, logger="ecoboard.fetchers")
    data = transform("mlb", "mlb-statsapi", "schedule", fixture(EMPTY), ctx("mlb", LATER))
    assert (data["date"], data["games"], data["next_game"]) == ("2026-12-04", [], None)
    assert other_day_lines(caplog) == []


@pytest.mark.parametrize("named", [None, 20240428, "28 April 2024", ""])
def test_an_unreadable_day_in_the_answer_keeps_the_day_asked_for(named):
    payload = fixture(LIVE)
    if named is None:
        del payload["dates"][0]["date"]
    else:
        payload["dates"][0]["date"] = named
    data = transform("mlb", "mlb-statsapi", "schedule", payload, ctx("mlb", LATER))
    assert (data["date"], len(data["games"])) == ("2026-12-04", 15)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        ("2022-09-11T20:05:00+00:00", 60.0),  # Sunday of week 1 (2022-09-08 to 2022-09-13): eight games live
        ("2022-09-07T20:05:00+00:00", 60.0),  # the day before the week's first day: one day of slack
        ("2022-09-14T20:05:00+00:00", 60.0),  # the day after its last day: one day of slack
        ("2022-09-06T20:05:00+00:00", 3600.0),  # two days before: not this week
        ("2022-09-15T20:05:00+00:00", 3600.0),
        (LATER, 3600.0),
    ],
)
def test_nfl_week_that_does_not_hold_today_polls_idle_c29(now, expected):
    context = ctx("nfl", now)
    data = transform("nfl", "espn", "scoreboard", fixture(WEEK1), context)
    assert (data["week"]["start"], data["week"]["end"]) == ("2022-09-08", "2022-09-13")
    assert get_provider("nfl", "espn").next_poll(data, context) == expected


def test_nfl_week_of_another_season_is_kept_and_logged_once(caplog):
    caplog.set_level(logging.WARNING, logger="ecoboard.fetchers")
    for _ in range(2):
        data = transform("nfl", "espn", "scoreboard", fixture(WEEK1), ctx("nfl", LATER))
    assert (data["season"]["year"], data["week"]["label"], len(data["games"])) == (2022, "Week 1", 16)
    assert other_day_lines(caplog) == [
        "nfl (espn): asked for the games of 2026-12-04, the answer holds those of Week 1 2022 (2022-09-08 to "
        "2022-09-13): the record keeps them as they are (a cached answer, or the recorded demo) and they do not "
        "set the live polling cadence"
    ]
