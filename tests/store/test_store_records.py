"""The same record-store tests against SQLite and PostgreSQL (the ``store`` fixture is parametrized)."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import trio

from ecoboard import ConfigError, Record, StoreError
from ecoboard.config import PageSpec
from ecoboard.store import MIGRATIONS, AsyncStore, Startup, open_store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
T0 = datetime(2024, 4, 28, 20, 10, 0, 123456, tzinfo=UTC)


def write(store, kind: str = "mlb", data: dict | None = None, at: datetime = T0) -> Record:
    return store.write(
        kind, fetched_at=at, valid_until=at + timedelta(minutes=15), source="mlb-statsapi", data=data or {"n": 1}
    )


def test_first_write_is_version_1_and_round_trips_exactly(store) -> None:
    raw = json.loads((FIXTURES / "mlb-statsapi" / "schedule-2024-04-28-live-12-in-progress-warmup-pregame.json")
                     .read_text(encoding="utf-8"))
    record = write(store, data=raw)
    assert record.version == 1
    back = store.latest("mlb")
    assert back == record
    assert back.to_json() == record.to_json()
    assert back.fetched_at == T0 and back.fetched_at.tzinfo == UTC
    assert back.valid_until == datetime(2024, 4, 28, 20, 25, 0, 123456, tzinfo=UTC)
    assert back.to_json()["data"]["totalGamesInProgress"] == 12
    assert back.to_json()["data"] == raw


def test_versions_increase_per_kind_independently(store) -> None:
    assert [write(store, "mlb").version for _ in range(3)] == [1, 2, 3]
    assert write(store, "nfl").version == 1
    assert write(store, "mlb").version == 4
    assert store.latest_versions() == {"mlb": 4, "nfl": 1}


def test_unknown_kind_has_no_record(store) -> None:
    assert store.latest("weather") is None
    assert store.history("weather") == []
    assert store.latest_all() == {}
    assert store.latest_versions() == {}


def test_history_is_bounded_newest_first(store) -> None:  # the fixture keeps history=5
    for i in range(8):
        write(store, data={"i": i}, at=T0 + timedelta(minutes=i))
    history = store.history("mlb")
    assert [r.version for r in history] == [8, 7, 6, 5, 4]
    assert [r.data["i"] for r in history] == [7, 6, 5, 4, 3]
    assert [r.version for r in store.history("mlb", limit=2)] == [8, 7]
    assert store.latest("mlb").version == 8


def test_latest_all_returns_each_kinds_newest(store) -> None:
    write(store, "mlb", {"v": "old"})
    write(store, "mlb", {"v": "new"})
    write(store, "weather", {"current": {"temperature": 3.5, "feels_like": 0.9, "description": "Acuña °"}})
    latest = store.latest_all()
    assert sorted(latest) == ["mlb", "weather"]
    assert latest["mlb"].version == 2 and latest["mlb"].data["v"] == "new"
    assert latest["weather"].data["current"]["description"] == "Acuña °"
    assert latest["weather"].data["current"]["feels_like"] == 0.9


def test_unserialisable_data_writes_nothing(store) -> None:
    write(store)
    with pytest.raises(ValueError):
        write(store, data={"t": float("nan")})
    with pytest.raises(TypeError):
        write(store, data={"s": {1, 2}})
    assert store.latest_versions() == {"mlb": 1}
    assert write(store).version == 2


def test_display_config_absent_then_replaced_in_order(store) -> None:
    assert store.display_config() is None
    store.set_display_config([PageSpec("clock", 8), PageSpec("mlb", 15, {"team": "BOS"}), PageSpec("weather", 12.5)])
    assert store.display_config() == [
        PageSpec("clock", 8.0, {}), PageSpec("mlb", 15.0, {"team": "BOS"}), PageSpec("weather", 12.5, {})
    ]
    store.set_display_config([PageSpec("nfl", 20, {"teams": ["NE", "BUF"]})])
    assert store.display_config() == [PageSpec("nfl", 20.0, {"teams": ["NE", "BUF"]})]
    store.set_display_config([])
    assert store.display_config() is None


def test_startups_newest_first(store) -> None:
    for i, component in enumerate(["appliance", "api", "fetcher"]):
        store.record_startup(Startup(component, "pi-kitchen", "0.1.0", T0 + timedelta(seconds=i)))
    assert store.startups() == [
        Startup("fetcher", "pi-kitchen", "0.1.0", T0 + timedelta(seconds=2)),
        Startup("api", "pi-kitchen", "0.1.0", T0 + timedelta(seconds=1)),
        Startup("appliance", "pi-kitchen", "0.1.0", T0),
    ]
    assert [s.component for s in store.startups(limit=1)] == ["fetcher"]


def test_migrations_are_recorded_and_idempotent(store_url: str) -> None:
    first = open_store(store_url)
    write(first)
    second = open_store(store_url)  # migrating again changes nothing and keeps the data
    second.migrate()
    assert second.schema_version() == MIGRATIONS[-1][0] == len(MIGRATIONS)
    assert second.latest("mlb").version == 1
    first.close()
    second.close()


def test_concurrent_writers_get_distinct_increasing_versions(store_url: str) -> None:
    stores = [open_store(store_url) for _ in range(4)]
    got: list[list[int]] = [[] for _ in stores]

    def writer(i: int) -> None:
        for _ in range(10):
            got[i].append(write(stores[i]).version)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(len(stores))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    every = sorted(v for versions in got for v in versions)
    assert every == list(range(1, 41))
    assert all(versions == sorted(versions) for versions in got)
    for s in stores:
        s.close()


async def test_async_store_serialises_concurrent_calls(store) -> None:
    astore = AsyncStore(store)
    async with trio.open_nursery() as nursery:
        for i in range(12):
            nursery.start_soon(lambda i=i: astore.write(
                "aqi", fetched_at=T0, valid_until=T0, source="open-meteo", data={"i": i}))
    assert (await astore.latest_versions()) == {"aqi": 12}
    assert len(await astore.history("aqi")) == 5
    await astore.ping()


def test_unknown_scheme_is_a_config_error() -> None:
    with pytest.raises(ConfigError) as refused:
        open_store("mysql://localhost/db")
    assert str(refused.value) == "store.url: expected a sqlite: or postgresql: URL, got 'mysql://localhost/db'"


def test_concurrent_first_opens_migrate_once(store_url: str) -> None:
    errors: list[BaseException] = []
    opened: list = []

    def opener() -> None:
        try:
            opened.append(open_store(store_url))
        except StoreError as exc:
            errors.append(exc)

    threads = [threading.Thread(target=opener) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert [s.schema_version() for s in opened] == [len(MIGRATIONS)] * 6
    for s in opened:
        s.close()


@pytest.mark.parametrize(("row", "message"), [
    ((0, "clock", 5.0, '"x"'), "display_config: row [0].options: expected a mapping, got 'x'"),
    ((0, "clock", 0.0, "{}"), "display_config: row [0].seconds: expected seconds from 1 to 3600, got 0.0"),
    ((0, "clock", 5.0, "not json"), "display_config row 0 ('clock'): options: expected JSON"),
])
def test_a_malformed_stored_page_cycle_is_one_store_error(store, row, message) -> None:
    # a row another tool wrote by hand: valid for the column types, not a page cycle
    store.set_display_config([PageSpec("clock", 8)])
    with store._op("test: write a bad row") as cur:
        cur.run("DELETE FROM display_config")
        if row[3] == "not json" and type(store).__name__.startswith("Postgres"):
            row = (*row[:3], '"not json"')  # jsonb refuses text that is not JSON at the door
            message = "display_config: row [0].options: expected a mapping, got 'not json'"
        cur.run("INSERT INTO display_config (position, page, seconds, options) VALUES (?, ?, ?, ?)", row)
    with pytest.raises(StoreError) as err:
        store.display_config()
    assert str(err.value) == message
