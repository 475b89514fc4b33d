"""Contract test: each sports provider through the real fetch path (httpx + replay transport + SQLite store)."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from ecoboard.config import Config
from ecoboard.fetchers import ReplayTransport, fetch_once, make_client
from ecoboard.store import AsyncStore, open_store

from ._support import FIXTURES

CASES = [
    (
        "mlb",
        "mlb-statsapi",
        "mlb-statsapi/schedule-2022-04-07-opening-day-finals-2-postponed.json",
        "statsapi.mlb.com/api/v1/schedule.json",
        "2022-04-07T23:00:00+00:00",
        "https://statsapi.mlb.com/api/v1/schedule?sportId=1&date=2022-04-07&hydrate=linescore%2Cteam",
        9,
    ),
    (
        "mlb",
        "espn",
        "espn/mlb-scoreboard-2022-09-17-live-mixed-doubleheaders.json",
        "site.api.espn.com/apis/site/v2/sports/baseball/mlb/scoreboard.json",
        "2022-09-17T21:00:00+00:00",
        "https://site.api.espn.com/apis/site/v2/sports/baseball/mlb/scoreboard?dates=20220917",
        17,
    ),
    (
        "nfl",
        "espn",
        "espn/nfl-scoreboard-2022-week1-sunday-live-mixed.json",
        "site.api.espn.com/apis/site/v2/sports/football/nfl/scoreboard.json",
        "2022-09-11T20:05:00+00:00",
        "https://site.api.espn.com/apis/site/v2/sports/football/nfl/scoreboard",
        16,
    ),
]


@pytest.mark.parametrize(("kind", "provider", "recording", "layout", "now", "url", "count"), CASES)
async def test_fetch_once_through_the_replay_transport(
    tmp_path: Path, kind, provider, recording, layout, now, url, count
):
    replay = tmp_path / "replay"
    (replay / layout).parent.mkdir(parents=True)
    shutil.copy(FIXTURES / recording, replay / layout)
    config = Config()
    config = replace(config, providers={**config.providers, kind: replace(config.providers[kind], provider=provider)})
    instant = datetime.fromisoformat(now)
    transport = ReplayTransport(replay)
    store = open_store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    try:
        async with make_client(transport=transport) as client:
            record = await fetch_once(
                kind, config, client=client, store=AsyncStore(store), bus=None, clock=lambda: instant
            )
        assert [str(u) for u in transport.requests] == [url]
        assert (record.kind, record.source, record.version, len(record.data["games"])) == (kind, provider, 1, count)
        assert store.latest(kind) == record
    finally:
        store.close()
