"""The recorded NWS answers laid out as a replay directory, and a fetch of ``weather`` from them.

The four bodies are real recordings (tests/fixtures/nws, see PROVENANCE.md) that were never one
fetch: the points answer for 30,-85 (near Sumatra, FL; no date), the day-and-night forecast issued
2019-10-13, the hourly forecast issued 2019-10-14 and station KFLL's (Fort Lauderdale) observation
of 2022-03-02. Each is served at the URL the provider asks for it.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx

from ecoboard import Record
from ecoboard.config import Config, parse_config
from ecoboard.fetchers import Coordinator, ReplayTransport, fetch_once, make_client, make_coordinator
from ecoboard.store import AsyncStore, open_store

from ._support import FIXTURES

POINTS = "nws/points.json"
FORECAST = "nws/gridpoints-forecast-us-units-2019-10-13-2periods.json"
HOURLY = "nws/gridpoints-forecast-hourly-us-units-2019-10-14-2periods.json"
OBSERVATION = "nws/stations-observations-latest-2022-03-02.json"

HOST = "https://api.weather.gov"
POINTS_URL = f"{HOST}/points/30,-85"
FORECAST_URL = f"{HOST}/gridpoints/TAE/58,65/forecast"
HOURLY_URL = f"{HOST}/gridpoints/TAE/58,65/forecast/hourly"
OBSERVATION_URL = f"{HOST}/stations/KFLL/observations/latest"

LAYOUT = {
    "api.weather.gov/points/30,-85.json": POINTS,
    "api.weather.gov/gridpoints/TAE/58,65/forecast.json": FORECAST,
    "api.weather.gov/gridpoints/TAE/58,65/forecast/hourly.json": HOURLY,
    "api.weather.gov/stations/KFLL/observations/latest.json": OBSERVATION,
}
"""Replay path -> recorded fixture."""


def nws_config(*, station: str | None = None, lat: float = 30.0, lon: float = -85.0) -> Config:
    """The default config with ``provider: nws`` at ``lat``, ``lon`` (and ``options.station``)."""
    options = {} if station is None else {"station": station}
    raw = {"location": {"lat": lat, "lon": lon}, "providers": {"weather": {"provider": "nws", "options": options}}}
    return parse_config(raw, source="(test)", environ={})


def replay_dir(root: Path, *, changed: dict[str, Any] | None = None, index: list[Any] | None = None) -> Path:
    """``root`` holding the recordings at their replay paths; ``changed`` bodies replace some of them."""
    for target, source in LAYOUT.items():
        path = root / target
        path.parent.mkdir(parents=True, exist_ok=True)
        if changed and target in changed:
            path.write_text(json.dumps(changed[target]), "utf-8")
        else:
            shutil.copyfile(FIXTURES / source, path)
    if index is not None:
        (root / "index.yaml").write_text(json.dumps(index), "utf-8")  # JSON is YAML
    return root


@dataclass
class Board:
    """A SQLite store and a replay directory: fetch ``weather`` from it as ``ecoboard fetch`` does."""

    tmp_path: Path
    replay: Path
    sent: list[str] = field(default_factory=list)

    @asynccontextmanager
    async def _connected(self) -> AsyncIterator[tuple[httpx.AsyncClient, AsyncStore]]:
        """A replay client and the store; on the way out the URLs asked for are appended to ``sent``."""
        store = open_store(f"sqlite:///{self.tmp_path / 'records.sqlite3'}")
        try:
            transport = ReplayTransport(self.replay)
            try:
                async with make_client(transport=transport) as client:
                    yield client, AsyncStore(store)
            finally:
                self.sent += [str(url) for url in transport.requests]
        finally:
            store.close()

    async def fetch(self, config: Config, now: datetime) -> Record:
        """One fetch at ``now`` as ``ecoboard fetch --once`` makes it (a failure is raised, not logged)."""
        async with self._connected() as (client, store):
            return await fetch_once("weather", config, client=client, store=store, bus=None, clock=lambda: now)

    async def attempts(self, config: Config, now: datetime, count: int) -> Coordinator:
        """``count`` attempts at ``now`` by one coordinator, as ``ecoboard run`` makes them (failures logged)."""
        async with self._connected() as (client, store):
            coordinator = make_coordinator("weather", config, client=client, store=store, bus=None, clock=lambda: now)
            await coordinator.load_last_good()
            for _ in range(count):
                await coordinator.attempt()
            return coordinator

    async def latest(self) -> Record | None:
        """The store's current ``weather`` record."""
        store = open_store(f"sqlite:///{self.tmp_path / 'records.sqlite3'}")
        try:
            return await AsyncStore(store).latest("weather")
        finally:
            store.close()
