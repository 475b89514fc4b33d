"""The SSE fan-out of ``ecoboard api`` through a Redis stall (SIGSTOP of a throwaway redis-server:
no error, no reset): a record written while nobody could announce it reaches the connected clients
once Redis answers again, and later updates follow the bus as before. And ``ecoboard api`` started
while Redis is down: not ready (``bus`` away) until the subscription is made."""

from __future__ import annotations

import logging
from pathlib import Path

import trio

from tests.bus.redis_server import RedisServer
from tests.bus.test_bus_redis_stall import NOTICED, assert_one_line_each_way, first_bus_line

from ._support import running_api, sse, store_url_sqlite


async def test_a_record_written_during_a_redis_stall_reaches_sse_clients_after_it(tmp_path: Path, caplog) -> None:
    caplog.set_level(logging.INFO, logger="ecoboard.bus")
    server = RedisServer(tmp_path)
    server.start()
    try:
        async with (
            running_api(store_url_sqlite(tmp_path), f"{server.url}?prefix=stall:") as api,
            sse(api.client) as reader,
        ):
            await reader.ready()
            with trio.fail_after(10):
                await api.write("mlb")
                assert (await reader.next_event()).id == "mlb.1"

            assert (await _readiness(api)) == (200, "connected", [])

            with first_bus_line() as logged:
                server.pause()
                await api.write("mlb", publish=False)  # as `ecoboard fetch` leaves it when its publish fails (exit 4)
                with trio.fail_after(NOTICED):
                    await logged.wait()
                for _ in range(100):  # the fan-out hears of it just after the bus logs it
                    readiness = await _readiness(api)
                    if readiness[0] == 503:
                        break
                    await trio.sleep(0.05)
                assert readiness == (503, "away", ["bus away: live updates wait until the update subscription is back"])
            server.resume()
            with trio.fail_after(NOTICED):
                event = await reader.next_event()
            assert event.id == "mlb.2"
            assert event.json()["version"] == 2
            assert (await _readiness(api)) == (200, "connected", [])

            with trio.fail_after(10):
                await api.write("nfl")
                assert (await reader.next_event()).id == "mlb.2-nfl.1"
    finally:
        server.stop()
    assert_one_line_each_way(caplog, server.port, "subscription lost (no answer from Redis within 3 s)")


async def test_an_api_started_while_redis_is_down_is_not_ready_until_it_subscribes(tmp_path: Path) -> None:
    server = RedisServer(tmp_path)  # not started: nothing listens on its port
    try:
        async with running_api(store_url_sqlite(tmp_path), f"{server.url}?prefix=down:") as api:
            away = await _readiness_once(api, "away", NOTICED)  # the first attempt is refused at once
            assert away == (503, "away", ["bus away: live updates wait until the update subscription is back"])
            await trio.sleep(1)  # still away while Redis is: not back to "connecting", nor ready
            assert (await _readiness(api)) == away

            await trio.to_thread.run_sync(server.start)
            # within the subscription's reconnect backoff
            assert (await _readiness_once(api, "connected", 30)) == (200, "connected", [])
            async with sse(api.client) as reader:
                await reader.ready()
                with trio.fail_after(10):
                    await api.write("mlb")
                    assert (await reader.next_event()).id == "mlb.1"
    finally:
        server.stop()


async def _readiness(api) -> tuple[int, str, list[str]]:
    """``/readyz``'s status, ``bus`` and ``reasons``."""
    response = await api.client.get("/readyz")
    body = response.json()
    return response.status_code, body["bus"], body["reasons"]


async def _readiness_once(api, state: str, seconds: float) -> tuple[int, str, list[str]]:
    """:func:`_readiness` once ``bus`` is ``state``, within ``seconds``."""
    with trio.fail_after(seconds):
        while True:
            readiness = await _readiness(api)
            if readiness[1] == state:
                return readiness
            await trio.sleep(0.05)
