"""The SSE fan-out on its own: store outages are retried and logged once each way (virtual time)."""

from __future__ import annotations

import logging

import psycopg
import trio

from ecoboard.api._hub import RETRY_SECONDS, RecordHub
from ecoboard.bus import open_bus
from ecoboard.store import AsyncStore, open_store
from tests.store.backends import PG_BASE, temp_store_url

from ._support import DATA, FAR_FUTURE, FETCHED_AT, aqi_data


def _drop_schema(name: str) -> None:
    with psycopg.connect(PG_BASE, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {name} CASCADE")


def _restore_schema(name: str) -> int:
    """Bring the tables back in one step, already holding an aqi record: build them in a spare
    schema, then rename it (so no re-read can see the tables without the record)."""
    spare = open_store(f"{PG_BASE}?schema={name}_new")
    record = spare.write("aqi", fetched_at=FETCHED_AT, valid_until=FAR_FUTURE, source="open-meteo", data=aqi_data())
    spare.close()
    with psycopg.connect(PG_BASE, autocommit=True) as conn:
        conn.execute(f"ALTER SCHEMA {name}_new RENAME TO {name}")
    return record.version


async def test_a_store_outage_is_retried_and_logged_once_each_way(tmp_path, mock_clock, caplog):
    # virtual time that jumps only after 50 ms of real idleness: database calls in threads finish first
    mock_clock.autojump_threshold = 0.05
    caplog.set_level(logging.INFO, logger="ecoboard.api._hub")
    with temp_store_url("postgresql", tmp_path) as url:
        schema = url.rsplit("schema=", 1)[1]
        store, bus = AsyncStore(open_store(url)), open_bus("memory://")
        hub = RecordHub(store, bus)
        async with trio.open_nursery() as nursery:
            await nursery.start(hub.run)
            queue = hub.connect({})
            await trio.to_thread.run_sync(_drop_schema, schema)  # the database loses our tables
            await bus.publish("update", {"kind": "aqi", "version": 1})
            await trio.sleep(5 * RETRY_SECONDS)  # several failed re-reads meanwhile
            assert len(queue) == 0

            version = await trio.to_thread.run_sync(_restore_schema, schema)
            with trio.fail_after(30 * RETRY_SECONDS):  # a retry finds it
                await queue.wait()
            [got] = queue.take()
            assert (got.kind, got.version, got.data["indices"][0]["value"]) == ("aqi", version, 41)
            nursery.cancel_scope.cancel()
        await store.aclose()
    messages = [r.getMessage() for r in caplog.records]
    assert len([m for m in messages if m.startswith("SSE fan-out: the store failed")]) == 1
    assert messages.count("SSE fan-out: the store is back") == 1


async def test_a_client_that_does_not_read_holds_only_the_newest_record_per_kind(tmp_path):
    store, bus = AsyncStore(open_store(f"sqlite:///{tmp_path}/hub.sqlite3")), open_bus("memory://")
    hub = RecordHub(store, bus)
    async with trio.open_nursery() as nursery:
        await nursery.start(hub.run)
        slow, fast = hub.connect({}), hub.connect({})
        for kind in ("aqi", "aqi", "nfl", "aqi", "aqi", "nfl"):
            record = await store.write(
                kind, fetched_at=FETCHED_AT, valid_until=FAR_FUTURE, source="test", data=DATA[kind]()
            )
            await bus.publish("update", {"kind": kind, "version": record.version})
        seen: dict[str, int] = {}
        with trio.fail_after(10):
            while seen != {"aqi": 4, "nfl": 2}:
                await fast.wait()
                seen.update((r.kind, r.version) for r in fast.take())
        assert [(r.kind, r.version) for r in slow.take()] == [("aqi", 4), ("nfl", 2)]
        nursery.cancel_scope.cancel()
    await store.aclose()


async def test_a_store_still_opening_at_start_is_no_outage_and_never_logged_back(tmp_path, mock_clock, caplog):
    """The appliance serves its API before PostgreSQL is open: a normal start, not a store that came back."""
    mock_clock.autojump_threshold = 0.05
    caplog.set_level(logging.INFO, logger="ecoboard.api._hub")
    store, bus = AsyncStore(None), open_bus("memory://")
    hub = RecordHub(store, bus)
    async with trio.open_nursery() as nursery:
        await nursery.start(hub.run)  # its first read fails: not open yet
        queue = hub.connect({})
        backend = await trio.to_thread.run_sync(open_store, f"sqlite:///{tmp_path}/hub.sqlite3")
        record = backend.write(
            "aqi", fetched_at=FETCHED_AT, valid_until=FAR_FUTURE, source="open-meteo", data=aqi_data()
        )
        store.attach(backend)
        with trio.fail_after(10 * RETRY_SECONDS):  # the retry reads it
            await queue.wait()
        assert [(r.kind, r.version) for r in queue.take()] == [("aqi", record.version)]
        nursery.cancel_scope.cancel()
    await store.aclose()
    assert [r.getMessage() for r in caplog.records] == [
        "SSE fan-out: waiting for the store to open (the store is not open yet)"
    ]
