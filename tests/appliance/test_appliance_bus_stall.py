"""Cluster mode through a Redis stall (SIGSTOP of a throwaway redis-server: no error, no reset): the
board finds the bus gone, shows what the store holds meanwhile, and once Redis answers follows the
bus again (an update written but not announced stays unread), with one log line each way."""

from __future__ import annotations

import logging
import secrets
from functools import partial
from pathlib import Path

import trio

from ecoboard.appliance import Appliance, ApplianceOptions, run_appliance
from ecoboard.renderer import NullSink

from ..bus.redis_server import RedisServer
from ..bus.test_bus_redis_stall import NOTICED, assert_one_line_each_way
from ..store.backends import temp_store_url
from .test_appliance_bus_away import (
    POLLS,
    cluster_syncer,
    follows_the_bus,
    wait_until,
    weather_board_store,
    write_again,
)
from .test_appliance_cluster import wait_shown


async def test_cluster_board_after_a_redis_stall_follows_the_bus_again(tmp_path: Path, caplog) -> None:
    caplog.set_level(logging.INFO, logger="ecoboard")
    redis = RedisServer(tmp_path)
    await trio.to_thread.run_sync(redis.start)
    try:
        with temp_store_url("postgresql", tmp_path) as store_url:
            bus_url = f"{redis.url}?prefix=t_{secrets.token_hex(4)}-"
            config, writer, data = await weather_board_store(store_url, bus_url)
            async with trio.open_nursery() as nursery:
                app: Appliance = await nursery.start(
                    partial(run_appliance, ApplianceOptions(config=config, serve_api=False, sink=NullSink()))
                )
                cluster = cluster_syncer(app)
                with trio.fail_after(NOTICED):
                    await wait_until(app, lambda: cluster.connected)
                    await wait_shown(app, await writer.latest_versions())

                redis.pause()
                with trio.fail_after(NOTICED):
                    await wait_until(app, lambda: not cluster.connected)
                weather = await write_again(writer, "weather", data["weather"])  # nobody can announce it
                with trio.fail_after(POLLS):
                    await wait_shown(app, {"weather": weather})
                redis.resume()
                with trio.fail_after(NOTICED + 30):  # the reconnect backoff
                    await wait_until(app, lambda: cluster.connected)

                assert (weather, await follows_the_bus(app, writer, bus_url, data)) == (2, 3)
                assert app.snapshot.versions() == {"weather": 2, "aqi": 1, "mlb": 2, "nfl": 2, "sun_moon": 1}
                nursery.cancel_scope.cancel()
            await writer.aclose()
    finally:
        await trio.to_thread.run_sync(redis.stop)
    assert_one_line_each_way(caplog, redis.port, "subscription lost (no answer from Redis within 3 s)")
    board = [r.getMessage() for r in caplog.records if r.name.startswith("ecoboard.appliance")]
    assert board == ["first frame shown (page weather)"]  # the board adds no line of its own about the bus
