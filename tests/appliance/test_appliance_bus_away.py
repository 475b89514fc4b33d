"""Redis away, PostgreSQL up: the panel shows what the store holds and keeps it fresh.

A throwaway redis-server that is not running when the board boots (cluster and hybrid mode): the
records written to PostgreSQL before the boot reach the frames, and a record written while Redis is
still down reaches them within a few store polls. Once Redis is up, the board follows the bus again
(an update written but not announced stays unread); when Redis goes away while the board runs, the
store is polled again. Meanwhile the embedded API's ``/readyz`` says so (``bus`` away, 503): it
reports the Redis subscription, not the in-process bus its SSE fan-out follows.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

import httpx
import trio

from ecoboard.appliance import Appliance, ApplianceOptions, Syncer, run_appliance
from ecoboard.appliance._sync import STORE_POLL_SECONDS
from ecoboard.bus import open_bus
from ecoboard.config import Config, parse_config
from ecoboard.renderer import NullSink
from ecoboard.store import AsyncStore

from ..bus.redis_server import RedisServer
from ..store.backends import temp_store_url
from .test_appliance_cluster import DEMO, KINDS, cluster_config, open_async, seed, wait_shown

POLLS = STORE_POLL_SECONDS * 3
"""Bound for a record written while the bus is away to reach the frames (it takes one poll)."""


async def write_again(store: AsyncStore, kind: str, data: dict) -> int:
    """A new version of ``kind`` with the same data, as a fetcher would write it; returns the version."""
    now = datetime.now(UTC)
    record = await store.write(kind, fetched_at=now, valid_until=now + timedelta(hours=1), source="test", data=data)
    return record.version


async def wait_until(app: Appliance, done) -> None:
    while not done():
        await app.display.next_frame()


async def follows_the_bus(app: Appliance, writer: AsyncStore, bus_url: str, data: dict[str, dict]) -> int:
    """Check that the board follows the bus (it does not poll the store): an announced nfl version
    reaches the frames, then of a weather version written without an announcement and an announced
    mlb version only the mlb one does. Returns the unannounced weather version."""
    bus = open_bus(bus_url)
    nfl = await write_again(writer, "nfl", data["nfl"])
    await bus.publish("update", {"kind": "nfl", "version": nfl})
    with trio.fail_after(10):
        await wait_shown(app, {"nfl": nfl})

    weather = app.snapshot.records["weather"].version
    unannounced = await write_again(writer, "weather", data["weather"])
    mlb = await write_again(writer, "mlb", data["mlb"])
    await bus.publish("update", {"kind": "mlb", "version": mlb})
    with trio.fail_after(10):
        await wait_shown(app, {"mlb": mlb})
    assert app.snapshot.records["weather"].version == weather  # bus-driven: v{unannounced} unread
    assert unannounced == weather + 1
    await bus.aclose()
    return unannounced


async def weather_board_store(store_url: str, bus_url: str) -> tuple[Config, AsyncStore, dict[str, dict]]:
    """A cluster board's config showing the weather page, and its store seeded with every kind."""
    config = cluster_config(store_url, bus_url, pages=[{"page": "weather", "seconds": 600}])
    writer = await open_async(store_url)
    return config, writer, await seed(writer, config)


def cluster_syncer(app: Appliance) -> Syncer:
    syncer = app.syncers[-1]
    assert syncer.name == "cluster"
    return syncer


async def test_cluster_board_shows_the_store_while_redis_is_away(tmp_path: Path) -> None:
    redis = RedisServer(tmp_path)  # not started: nothing listens on its port at boot
    try:
        with temp_store_url("postgresql", tmp_path) as store_url:
            bus_url = f"{redis.url}?prefix=t_{secrets.token_hex(4)}-"
            config, writer, data = await weather_board_store(store_url, bus_url)
            before_boot = await writer.latest_versions()
            assert set(before_boot) == set(KINDS)
            async with trio.open_nursery() as nursery:
                app: Appliance = await nursery.start(
                    partial(run_appliance, ApplianceOptions(config=config, serve_api=False, sink=NullSink()))
                )
                cluster = cluster_syncer(app)
                with trio.fail_after(POLLS):  # read at boot, though the bus never connected
                    await wait_shown(app, before_boot)
                assert app.display.page == "weather"
                assert not cluster.connected

                weather = await write_again(writer, "weather", data["weather"])  # nobody can announce it
                with trio.fail_after(POLLS):
                    await wait_shown(app, {"weather": weather})
                assert not cluster.connected

                await trio.to_thread.run_sync(redis.start)
                with trio.fail_after(60):  # the subscription's reconnect backoff
                    await wait_until(app, lambda: cluster.connected)
                unannounced = await follows_the_bus(app, writer, bus_url, data)

                await trio.to_thread.run_sync(redis.stop)  # away again, while the board runs
                with trio.fail_after(POLLS):  # the subscription finds it gone; the store is polled again
                    await wait_shown(app, {"weather": unannounced})
                later = await write_again(writer, "weather", data["weather"])
                with trio.fail_after(POLLS):
                    await wait_shown(app, {"weather": later})
                assert not cluster.connected
                assert app.snapshot.versions() == await writer.latest_versions()
                nursery.cancel_scope.cancel()
            await writer.aclose()
    finally:
        await trio.to_thread.run_sync(redis.stop)


def hybrid_config(store_url: str, bus_url: str) -> Config:
    return parse_config(
        {
            "mode": "hybrid",
            "cluster_kinds": ["mlb", "nfl"],
            "store": {"url": store_url},
            "bus": {"url": bus_url},
            "display": {"fps": 30, "pages": [{"page": "nfl", "seconds": 600}]},
        },
        source="test",
        environ={},
    )


async def test_hybrid_board_shows_the_cluster_kinds_from_the_store_while_redis_is_away(tmp_path: Path) -> None:
    redis = RedisServer(tmp_path)  # never started
    with temp_store_url("postgresql", tmp_path) as store_url:
        config = hybrid_config(store_url, f"{redis.url}?prefix=t_{secrets.token_hex(4)}-")
        writer = await open_async(store_url)
        data = await seed(writer, config)  # the cluster's fetchers wrote mlb and nfl before the boot
        async with trio.open_nursery() as nursery:
            app: Appliance = await nursery.start(
                partial(
                    run_appliance,
                    ApplianceOptions(config=config, replay_dir=DEMO, serve_api=False, sink=NullSink()),
                )
            )
            cluster = cluster_syncer(app)
            with trio.fail_after(POLLS):
                await wait_shown(app, {"mlb": 1, "nfl": 1})
            assert app.display.page == "nfl"
            nfl = await write_again(writer, "nfl", data["nfl"])
            with trio.fail_after(POLLS):
                await wait_shown(app, {"nfl": nfl})
            with trio.fail_after(15):  # the local kinds come from the board's own fetchers, as ever
                await wait_until(app, lambda: set(app.snapshot.records) == set(KINDS))
            assert not cluster.connected
            nursery.cancel_scope.cancel()
        await writer.aclose()


AWAY = (503, "away", ["bus away: live updates wait until the update subscription is back"])


async def readiness(client: httpx.AsyncClient, state: str) -> tuple[int, str, list[str]]:
    """``/readyz``'s status, ``bus`` and ``reasons``, once ``bus`` is ``state`` (within 30 s: the
    subscription's reconnect backoff)."""
    with trio.fail_after(30):
        while True:
            body = (response := await client.get("/readyz")).json()
            if body["bus"] == state:
                return response.status_code, body["bus"], body["reasons"]
            await trio.sleep(0.1)


async def test_the_embedded_api_of_a_cluster_board_is_not_ready_while_redis_is_away(tmp_path: Path) -> None:
    redis = RedisServer(tmp_path)
    redis.start()
    try:
        with temp_store_url("postgresql", tmp_path) as store_url:
            config, writer, _ = await weather_board_store(store_url, f"{redis.url}?prefix=t_{secrets.token_hex(4)}-")
            options = ApplianceOptions(config=config, api_port=0, sink=NullSink())
            async with trio.open_nursery() as nursery:
                app: Appliance = await nursery.start(partial(run_appliance, options))
                async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{app.api_port}", timeout=10) as client:
                    assert await readiness(client, "connected") == (200, "connected", [])
                    await trio.to_thread.run_sync(redis.stop)
                    assert await readiness(client, "away") == AWAY
                    assert not cluster_syncer(app).connected
                    await trio.to_thread.run_sync(redis.start)
                    assert await readiness(client, "connected") == (200, "connected", [])
                nursery.cancel_scope.cancel()
            await writer.aclose()
    finally:
        await trio.to_thread.run_sync(redis.stop)


async def test_the_embedded_api_of_a_hybrid_board_booted_while_redis_is_down_is_not_ready(tmp_path: Path) -> None:
    redis = RedisServer(tmp_path)  # not started: the first attempt fails
    try:
        with temp_store_url("postgresql", tmp_path) as store_url:
            config = hybrid_config(store_url, f"{redis.url}?prefix=t_{secrets.token_hex(4)}-")
            options = ApplianceOptions(config=config, replay_dir=DEMO, api_port=0, sink=NullSink())
            async with trio.open_nursery() as nursery:
                app: Appliance = await nursery.start(partial(run_appliance, options))
                async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{app.api_port}", timeout=10) as client:
                    assert await readiness(client, "away") == AWAY
                    await trio.to_thread.run_sync(redis.start)
                    assert await readiness(client, "connected") == (200, "connected", [])
                nursery.cancel_scope.cancel()
    finally:
        await trio.to_thread.run_sync(redis.stop)
