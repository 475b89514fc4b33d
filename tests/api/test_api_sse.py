"""The SSE stream on the real server: updates through store and bus, resume, heartbeats, fan-out."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
import trio

from ecoboard import KINDS
from ecoboard.api import decode_event_id, encode_event_id
from ecoboard.api._serve import GRACEFUL_SECONDS
from tests.store.backends import temp_store_url

from ._support import nfl_data, redis_url, running_api, sse, store_url_sqlite

BACKENDS = ["memory+sqlite", "redis+postgresql"]


def test_event_id_is_a_version_vector_in_display_order():
    assert encode_event_id({"mlb": 40, "weather": 12, "aqi": 5}) == "weather.12-aqi.5-mlb.40"
    assert encode_event_id({"sun_moon": 3, "zzz": 1, "nfl": 2}) == "nfl.2-sun_moon.3-zzz.1"
    assert encode_event_id({}) == ""
    assert decode_event_id("weather.12-aqi.5-mlb.40") == {"weather": 12, "aqi": 5, "mlb": 40}
    assert decode_event_id("sun_moon.7") == {"sun_moon": 7}
    assert decode_event_id("garbage-aqi.x-.3-nfl.-Weather.2-mlb.9") == {"mlb": 9}
    assert decode_event_id(None) == {}
    # versions are ASCII digits: other scripts' digits and superscripts are malformed parts too
    assert decode_event_id("weather.\u0663-aqi.\uff15-mlb.\u00b2-nfl." + "9" * 19 + "-sun_moon.0007") == {"sun_moon": 7}
    # kinds ecoboard does not know are dropped, so a made-up id is never echoed back in every event
    assert decode_event_id("weather.3-unknown.5-" + "-".join(f"k{i}.{i}" for i in range(1500))) == {"weather": 3}


async def test_a_last_event_id_with_digits_of_other_scripts_gets_every_record(tmp_path):
    async with running_api(store_url_sqlite(tmp_path)) as api:
        weather = await api.write("weather")
        # "weather.²" or Arabic-Indic "weather.١": not a version, so the client has seen nothing
        async with sse(api.client, params={"last_event_id": "weather.\u00b2-aqi.\u0661"}) as reader:
            [event] = await reader.events(1)
            assert (event.id, event.json()) == ("weather.1", {**weather.to_json(), "stale": False})


async def test_stream_opens_with_retry_then_current_records(tmp_path):
    async with running_api(store_url_sqlite(tmp_path)) as api:
        weather = await api.write("weather")
        aqi = await api.write("aqi")
        async with sse(api.client) as reader:
            first, second = await reader.events(2)
            assert reader.retry == 3000
            assert (first.event, first.id) == ("record", "weather.1")
            assert first.json() == {**weather.to_json(), "stale": False}
            assert (second.event, second.id) == ("record", "weather.1-aqi.1")
            assert second.json() == {**aqi.to_json(), "stale": False}
            assert "\n" not in first.data


@pytest.mark.parametrize("backend", BACKENDS)
async def test_client_receives_an_update_written_to_the_store_and_published(backend, tmp_path):
    with temp_store_url(backend.split("+")[1], tmp_path) as store_url:
        bus_url = "memory://" if backend.startswith("memory") else redis_url()
        async with running_api(store_url, bus_url) as api, sse(api.client) as reader:
            await reader.ready()
            with trio.fail_after(10):
                mlb = await api.write("mlb")
                event = await reader.next_event()
            assert event.id == "mlb.1"
            assert event.json() == {**mlb.to_json(), "stale": False}
            assert event.json()["data"]["date"] == "2022-04-07"
            with trio.fail_after(10):
                weather = await api.write("weather")
                event = await reader.next_event()
            assert event.id == "weather.1-mlb.1"
            assert event.json()["version"] == weather.version == 1
            assert event.json()["data"]["current"]["condition"] == "cloudy"


async def test_reconnect_with_last_event_id_receives_exactly_what_it_missed(tmp_path):
    async with running_api(store_url_sqlite(tmp_path)) as api:
        for kind in ("weather", "aqi", "mlb"):
            await api.write(kind)
        async with sse(api.client) as reader:
            await reader.events(3)
            last_id = reader.last_id
        assert last_id == "weather.1-aqi.1-mlb.1"

        await api.write("weather")
        await api.write("weather")  # two versions while away: only the newest is sent
        await api.write("mlb")
        async with sse(api.client, last_event_id=last_id) as reader:
            with trio.fail_after(10):
                missed = await reader.events(2)
            assert [(e.json()["kind"], e.json()["version"]) for e in missed] == [("weather", 3), ("mlb", 2)]
            assert missed[-1].id == "weather.3-aqi.1-mlb.2"
            # nothing else is pending: the next event is the next update, not aqi again
            with trio.fail_after(10):
                await api.write("sun_moon")
                after = await reader.next_event()
            assert after.json()["kind"] == "sun_moon"
            assert after.id == "weather.3-aqi.1-mlb.2-sun_moon.1"


async def test_unreadable_last_event_id_replays_the_current_state(tmp_path):
    async with running_api(store_url_sqlite(tmp_path)) as api:
        await api.write("aqi")
        await api.write("nfl")
        async with sse(api.client, last_event_id="not-an-id") as reader:
            events = await reader.events(2)
            assert [e.id for e in events] == ["aqi.1", "aqi.1-nfl.1"]


async def test_an_id_from_another_store_gets_the_current_record_of_that_kind(tmp_path):
    async with running_api(store_url_sqlite(tmp_path)) as api:
        await api.write("aqi")
        await api.write("mlb")
        async with sse(api.client, last_event_id="aqi.1-mlb.90") as reader:  # mlb.90: before a reset
            event = await reader.next_event()
            assert (event.json()["kind"], event.json()["version"]) == ("mlb", 1)
            assert event.id == "aqi.1-mlb.1"
            with trio.fail_after(10):
                await api.write("mlb")
                assert (await reader.next_event()).id == "aqi.1-mlb.2"


async def test_heartbeat_comment_when_idle(tmp_path):
    config = {"api": {"heartbeat_seconds": 1}}  # the least allowed
    async with running_api(store_url_sqlite(tmp_path), config=config) as api, sse(api.client) as reader:
        await reader.ready()
        with trio.fail_after(5):
            assert await reader.next_comment() == ": keep-alive"
            assert await reader.next_comment() == ": keep-alive"


async def test_shutdown_ends_open_streams_promptly(tmp_path):
    async with running_api(store_url_sqlite(tmp_path)) as api, sse(api.client) as reader:
        await reader.ready()
        assert api.app.hub.client_count == 1
        api.stop.set()
        with trio.fail_after(3), pytest.raises(EOFError):  # well before the 5 s graceful timeout
            await reader.next_event()


async def test_shutdown_does_not_wait_for_idle_keep_alive_connections(tmp_path):
    async with running_api(store_url_sqlite(tmp_path)) as api:
        assert (await api.client.get("/healthz")).status_code == 200  # the connection stays open, idle
        api.stop.set()
        with trio.fail_after(GRACEFUL_SECONDS - 2):
            await api.stopped.wait()


async def test_200_clients_all_receive_one_update(tmp_path):
    clients = 200
    async with running_api(store_url_sqlite(tmp_path)) as api:
        connected = trio.Semaphore(0)
        received: list[str | None] = []

        async def client() -> None:
            async with sse(api.client) as reader:
                await reader.ready()
                connected.release()
                event = await reader.next_event()
                received.append(event.id)

        with trio.fail_after(60):
            async with trio.open_nursery() as nursery:
                for _ in range(clients):
                    nursery.start_soon(client)
                for _ in range(clients):
                    await connected.acquire()
                assert api.app.hub.client_count == clients
                await api.write("aqi")
        assert received == ["aqi.1"] * clients


async def _stalled_client(port: int) -> trio.socket.SocketType:
    """A client that opens the stream, reads up to its ``retry:`` line and then never reads again
    (with a tiny receive buffer, which fills at once)."""
    sock = trio.socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    await sock.connect(("127.0.0.1", port))
    await sock.send(b"GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
    received = b""
    while b"retry: 3000" not in received:
        chunk = await sock.recv(1024)
        assert chunk, "the server closed the stream"
        received += chunk
    return sock


async def test_a_stalled_client_does_not_delay_the_others(tmp_path: Path):
    updates, padding = 60, "x" * 100_000  # ~6 MB per client: more than any socket buffer holds
    async with running_api(store_url_sqlite(tmp_path)) as api:
        with trio.fail_after(10):
            stalled = await _stalled_client(api.port)
        try:
            async with sse(api.client) as a, sse(api.client) as b, sse(api.client) as c:
                for reader in (a, b, c):
                    await reader.ready()
                with trio.fail_after(60):
                    for _ in range(updates):
                        await api.write("nfl", {**nfl_data(), "padding": padding})
                    for reader in (a, b, c):
                        while reader.last_id != f"nfl.{updates}":
                            await reader.next_event()
                # the stalled client's queue holds one record per kind at most: the newest nfl
                pending = [q for q in api.app.hub._clients if len(q)]
                assert len(pending) == 1
                [record] = pending[0].take()
                assert (record.kind, record.version) == ("nfl", updates)
                assert max(len(q) for q in api.app.hub._clients) <= len(KINDS)
        finally:
            stalled.close()


async def test_records_written_while_the_bus_was_down_arrive_after_it_reconnects(tmp_path):
    from tests.bus.redis_server import RedisServer

    server = RedisServer(tmp_path)
    server.start()
    try:
        async with running_api(store_url_sqlite(tmp_path), server.url) as api, sse(api.client) as reader:
            await reader.ready()
            with trio.fail_after(10):
                await api.write("aqi")
                assert (await reader.next_event()).id == "aqi.1"
            server.stop()
            await api.write("weather", publish=False)  # pub/sub lost it: only the re-read finds it
            server.start()
            with trio.fail_after(20):
                event = await reader.next_event()
            assert event.id == "weather.1-aqi.1"
            assert json.loads(event.data)["data"]["location"]["timezone"] == "Europe/Moscow"
    finally:
        server.stop()
