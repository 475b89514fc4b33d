"""The environment providers through the real fetch path: the framework's replay transport (the httpx
seam) answers each provider's own URL from the recorded file laid out as docs/providers-env.md says,
and the written SQLite record carries the provider's data and source."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ecoboard import PayloadError
from ecoboard.config import parse_config
from ecoboard.fetchers import ReplayTransport, fetch_once, make_client
from ecoboard.store import AsyncStore, open_store

from ._support import FIXTURES

NOW = datetime(2024, 2, 21, 15, 30, tzinfo=UTC)
KEY = "replay-key-0000"

# (kind, provider, {replay path: recorded fixture}, a value the written record must hold)
CASES = [
    ("weather", "open-meteo",
     {"api.open-meteo.com/v1/forecast.json": "open-meteo/forecast-penza-current-hourly-daily-2023-11-11.json"},
     ("current", "wind_speed"), 1.72),
    ("weather", "openweathermap",
     {"api.openweathermap.org/data/3.0/onecall.json": "openweathermap/onecall3-london-2024-10-25-full.json"},
     ("current", "temperature"), 14.74),
    ("aqi", "open-meteo",
     {"air-quality-api.open-meteo.com/v1/air-quality.json":
      "open-meteo/air-quality-berlin-current-eaqi-usaqi-pm-2024-02-21.json"},
     ("pollutants", "pm2_5"), 8.8),
    ("aqi", "openweathermap",
     {"api.openweathermap.org/data/2.5/air_pollution.json":
      "openweathermap/air-pollution-san-salvador-aqi3-2023-11-19.json"},
     ("pollutants", "o3"), 127.32),
    ("aqi", "airnow",
     {"www.airnowapi.org/aq/observation/latLong/current.json":
      "airnow/observation-latlong-los-angeles-2020-12-20.json"},
     ("time",), "2020-12-20T23:00:00+00:00"),
    ("sun_moon", "met-norway",
     {"api.met.no/weatherapi/sunrise/3.0/sun.json": "met-norway/sunrise3-sun-oslo-2022-12-18.json",
      "api.met.no/weatherapi/sunrise/3.0/moon.json": "met-norway/sunrise3-moon-oslo-2022-12-18.json"},
     ("moon_phase",), "waning_crescent"),
]


@pytest.mark.parametrize(("kind", "provider", "files", "path", "expected"), CASES,
                         ids=[f"{c[0]}-{c[1]}" for c in CASES])
async def test_fetch_once_from_replay_writes_the_record(tmp_path: Path, autojump_clock, kind, provider, files, path,
                                                      expected):
    replay = tmp_path / "replay"
    for target, source in files.items():
        (replay / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(FIXTURES / source, replay / target)
    config = parse_config({"providers": {kind: {"provider": provider, "api_key_secret": "key"}}},
                          source="(test)", environ={})
    store = open_store(f"sqlite:///{tmp_path / 'records.sqlite3'}")
    try:
        transport = ReplayTransport(replay)
        async with make_client(transport=transport) as client:
            record = await fetch_once(kind, config, client=client, store=AsyncStore(store), bus=None,
                                      api_key=KEY, clock=lambda: NOW)
        latest = await AsyncStore(store).latest(kind)
    finally:
        store.close()
    assert latest is not None
    assert latest.version == record.version
    assert (latest.kind, latest.source) == (kind, provider)
    value = latest.to_json()["data"]
    for step in path:
        value = value[step]
    assert value == expected
    sent = [str(url) for url in transport.requests]
    assert len(sent) == len(files)
    keyed = provider in ("openweathermap", "airnow")
    assert all((KEY in url) is keyed for url in sent)  # the key is sent only to the keyed providers


async def test_c14_answer_without_temperature_writes_nothing_and_keeps_the_last_good(tmp_path: Path, autojump_clock):
    replay = tmp_path / "replay" / "api.open-meteo.com" / "v1"
    replay.mkdir(parents=True)
    config = parse_config({}, source="(test)", environ={})
    store = open_store(f"sqlite:///{tmp_path / 'records.sqlite3'}")
    try:
        async with make_client(replay_dir=tmp_path / "replay") as client:
            shutil.copyfile(FIXTURES / "open-meteo/forecast-penza-current-hourly-daily-2023-11-11.json",
                            replay / "forecast.json")
            good = await fetch_once("weather", config, client=client, store=AsyncStore(store), bus=None,
                                    clock=lambda: NOW)
            shutil.copyfile(FIXTURES / "open-meteo/forecast-berlin-current-minutely15-hourly-daily-weathercode-"
                            "2023-11-13.json", replay / "forecast.json")
            with pytest.raises(PayloadError) as caught:
                await fetch_once("weather", config, client=client, store=AsyncStore(store), bus=None,
                                 clock=lambda: NOW)
        latest = await AsyncStore(store).latest("weather")
    finally:
        store.close()
    assert str(caught.value) == "open-meteo: weather: current.temperature_2m: expected a number, got nothing"
    assert latest is not None
    assert latest.version == good.version
    assert latest.data["current"]["temperature"] == 3.5
