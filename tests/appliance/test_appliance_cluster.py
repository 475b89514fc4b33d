"""Cluster mode against the PostgreSQL and Redis on this machine.

- ``ecoboard fetch mlb --once --replay`` in another process writes a record; the appliance's next
  frames show it.
- A throwaway redis-server restarted while the appliance runs: the render loop never misses more than
  one frame budget, and after the reconnect every kind is at the store's latest version, including
  the versions written while Redis was down.
"""

from __future__ import annotations

import os
import secrets
import sys
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

import numpy as np
import trio

from ecoboard import __version__
from ecoboard.appliance import Appliance, ApplianceOptions, run_appliance
from ecoboard.bus import open_bus
from ecoboard.config import Config, parse_config
from ecoboard.fetchers import fetch_once, make_client
from ecoboard.renderer import NullSink
from ecoboard.store import AsyncStore, open_store

from ..bus.redis_server import RedisServer
from ..store.backends import temp_store_url

DEMO = Path(__file__).resolve().parents[2] / "ecoboard" / "demo" / "replay"
KINDS = ("weather", "aqi", "mlb", "nfl", "sun_moon")


def cluster_config(store_url: str, bus_url: str, **display: object) -> Config:
    return parse_config({"mode": "cluster", "store": {"url": store_url}, "bus": {"url": bus_url},
                         "display": {"fps": 30, **display}}, source="test", environ={})


async def open_async(url: str) -> AsyncStore:
    return AsyncStore(await trio.to_thread.run_sync(open_store, url))


async def wait_shown(app: Appliance, versions: dict[str, int]) -> None:
    """Wait until a swapped frame's snapshot held at least ``versions`` (kind -> version)."""
    while any(app.display.stats.shown.get(k, (0, 0.0))[0] < v for k, v in versions.items()):
        await app.display.next_frame()


async def test_fetch_once_in_another_process_reaches_the_next_frames(tmp_path: Path) -> None:
    prefix = f"t_{secrets.token_hex(5)}-"  # no trailing ":" (YAML would read the env value as a mapping)
    with temp_store_url("postgresql", tmp_path) as store_url:
        bus_url = f"redis://127.0.0.1:6379/0?prefix={prefix}"
        config = cluster_config(store_url, bus_url, pages=[{"page": "mlb", "seconds": 600}])
        async with trio.open_nursery() as nursery:
            app: Appliance = await nursery.start(partial(run_appliance, ApplianceOptions(
                config=config, serve_api=False, sink=NullSink())))
            await app.display.next_frame()
            before = app.display.latest_frame()
            assert "mlb" not in app.snapshot.records
            env = {k: v for k, v in os.environ.items() if not k.startswith("ECOBOARD")}
            env.update(ECOBOARD__MODE="cluster", ECOBOARD__STORE__URL=store_url, ECOBOARD__BUS__URL=bus_url)
            done = await trio.run_process(
                [sys.executable, "-m", "ecoboard", "fetch", "mlb", "--once", "--replay", str(DEMO)],
                env=env, capture_stdout=True, capture_stderr=True, check=False)
            assert done.returncode == 0, done.stderr.decode()
            store = await open_async(store_url)
            written = (await store.latest_versions())["mlb"]
            startups = await store.startups()
            await store.aclose()
            assert [(s.component, s.software_version) for s in startups] == [("appliance", __version__)]
            with trio.fail_after(10):
                await wait_shown(app, {"mlb": written})
            await app.display.next_frame()
            assert app.snapshot.records["mlb"].version == written
            assert app.display.page == "mlb"
            after = app.display.latest_frame()
            assert before is not None and after is not None
            assert not np.array_equal(before, after)  # the waiting screen gave way to the fetched games
            nursery.cancel_scope.cancel()


async def seed(store: AsyncStore, config: Config) -> dict[str, dict]:
    """One real record of every kind, fetched from the shipped demo replay; returns their data."""
    data = {}
    async with make_client(replay_dir=DEMO) as client:
        for kind in KINDS:
            record = await fetch_once(kind, config, client=client, store=store, bus=None)
            data[kind] = dict(record.to_json()["data"])
    return data


async def test_redis_restart_keeps_frames_steady_and_loses_no_version(tmp_path: Path) -> None:
    redis = RedisServer(tmp_path)
    await trio.to_thread.run_sync(redis.start)
    try:
        with temp_store_url("postgresql", tmp_path) as store_url:
            config = cluster_config(store_url, f"{redis.url}?prefix=t_{secrets.token_hex(4)}-")
            writer = await open_async(store_url)
            data = await seed(writer, config)
            async with trio.open_nursery() as nursery:
                app: Appliance = await nursery.start(partial(run_appliance, ApplianceOptions(
                    config=config, serve_api=False, sink=NullSink())))
                with trio.fail_after(10):
                    await wait_shown(app, await writer.latest_versions())
                stats = app.display.stats
                stats.missed_frames = stats.max_consecutive_missed = 0
                frames_before = stats.frames

                await trio.to_thread.run_sync(redis.stop)
                now = datetime.now(UTC)
                for kind in KINDS:  # written while nobody can announce them
                    await writer.write(kind, fetched_at=now, valid_until=now + timedelta(hours=1),
                                       source="test", data=data[kind])
                await trio.sleep(1.0)
                await trio.to_thread.run_sync(redis.start)

                latest = await writer.latest_versions()
                assert all(v == 2 for v in latest.values()), latest
                with trio.fail_after(30):
                    await wait_shown(app, latest)
                assert app.snapshot.versions() == latest
                assert stats.frames - frames_before > 30
                assert stats.max_consecutive_missed <= 1, (stats.missed_frames, stats.max_consecutive_missed)
                nursery.cancel_scope.cancel()
            await writer.aclose()
    finally:
        await trio.to_thread.run_sync(redis.stop)


async def test_hybrid_fetches_local_kinds_and_syncs_cluster_kinds(tmp_path: Path) -> None:
    prefix = f"t_{secrets.token_hex(5)}-"
    with temp_store_url("postgresql", tmp_path) as store_url:
        config = parse_config({"mode": "hybrid", "cluster_kinds": ["mlb", "nfl"], "store": {"url": store_url},
                               "bus": {"url": f"redis://127.0.0.1:6379/0?prefix={prefix}"}, "display": {"fps": 30}},
                              source="test", environ={})
        async with trio.open_nursery() as nursery:
            app: Appliance = await nursery.start(partial(run_appliance, ApplianceOptions(
                config=config, replay_dir=DEMO, serve_api=False, sink=NullSink())))
            assert app.fetchers is not None and app.fetchers.kinds == ("weather", "aqi", "sun_moon")
            seen: list[dict] = []

            async def follow_local_bus(task_status=trio.TASK_STATUS_IGNORED) -> None:
                async with app.local_bus.subscribe(("update",)) as messages:
                    task_status.started()
                    async for message in messages:
                        seen.append(message.payload)

            await nursery.start(follow_local_bus)
            cluster_bus = open_bus(config.bus.url)
            writer = await open_async(store_url)
            async with make_client(replay_dir=DEMO) as client:
                for kind in ("mlb", "nfl"):  # as the cluster's fetcher Jobs do
                    await fetch_once(kind, config, client=client, store=writer, bus=cluster_bus)
            with trio.fail_after(15):  # the local fetchers' first fetches
                while set(app.snapshot.records) != set(KINDS):
                    await app.display.next_frame()
            latest = await writer.latest_versions()
            with trio.fail_after(15):
                await wait_shown(app, latest)
            # the cluster kinds were forwarded to the in-process bus the embedded API follows
            assert {"kind": "mlb", "version": latest["mlb"]} in seen
            assert {"kind": "nfl", "version": latest["nfl"]} in seen
            assert app.health()["weather"].ok and app.health()["mlb"].ok
            await cluster_bus.aclose()
            await writer.aclose()
            nursery.cancel_scope.cancel()
