"""The Redis bus against the real Redis (127.0.0.1:6379, unique channel prefix per test) and a
throwaway redis-server that the test kills and restarts."""

from __future__ import annotations

import json
import logging
import secrets
from pathlib import Path

import pytest
import redis
import trio

from ecoboard import BusError
from ecoboard.bus import BusMessage, RedisBus, open_bus

from .redis_server import RedisServer, free_port

SHARED = "redis://127.0.0.1:6379/0"


@pytest.fixture
def prefix() -> str:
    return f"test{secrets.token_hex(4)}:"


async def next_message(sub, seconds: float = 5.0) -> BusMessage:
    with trio.fail_after(seconds):
        return await sub.__anext__()


async def test_publish_reaches_subscriber_on_prefixed_channels(prefix: str) -> None:
    bus = open_bus(f"{SHARED}?prefix={prefix}")
    assert isinstance(bus, RedisBus) and bus.channel_name("update") == f"{prefix}update"
    async with bus.subscribe() as sub:
        assert await next_message(sub) == BusMessage("connected", {})
        await bus.publish("update", {"kind": "mlb", "version": 3})
        await bus.publish("control", {"command": "brightness", "value": 40})
        assert await next_message(sub) == BusMessage("update", {"kind": "mlb", "version": 3})
        assert await next_message(sub) == BusMessage("control", {"command": "brightness", "value": 40})
    await bus.aclose()


async def test_wire_format_is_compact_json_on_the_named_channel(prefix: str) -> None:
    bus = open_bus(f"{SHARED}?prefix={prefix}")
    raw = redis.Redis.from_url(SHARED)
    pubsub = raw.pubsub(ignore_subscribe_messages=True)
    pubsub.subscribe(f"{prefix}update")
    await bus.publish("update", {"kind": "nfl", "version": 12})
    message = None
    for _ in range(50):
        message = pubsub.get_message(timeout=0.1)
        if message:
            break
    assert message["channel"] == f"{prefix}update".encode()
    assert message["data"] == b'{"kind":"nfl","version":12}'
    pubsub.close()
    raw.close()
    await bus.aclose()


async def _one_raw_message(pubsub: redis.client.PubSub) -> dict:
    for _ in range(50):
        message = await trio.to_thread.run_sync(pubsub.get_message, True, 0.1)
        if message:
            return message
    raise AssertionError("nothing arrived on the raw subscription")


@pytest.mark.parametrize(("given", "added"), [("", ":"), (":", ""), ("-", ""), ("_", ""), (".", ""), ("/", "")])
async def test_a_prefix_without_a_trailing_separator_gets_a_colon_on_the_wire(given: str, added: str) -> None:
    base = f"board{secrets.token_hex(4)}"
    bus = open_bus(f"{SHARED}?prefix={base}{given}")
    expected = f"{base}{given}{added}"
    assert (bus.channel_name("update"), bus.channel_name("control")) == (f"{expected}update", f"{expected}control")
    raw = redis.Redis.from_url(SHARED)
    pubsub = raw.pubsub(ignore_subscribe_messages=True)
    pubsub.subscribe(f"{expected}update", f"{expected}control")
    async with bus.subscribe() as sub:
        assert await next_message(sub) == BusMessage("connected", {})
        await bus.publish("update", {"kind": "weather", "version": 4})
        message = await _one_raw_message(pubsub)
        assert (message["channel"], message["data"]) == (
            f"{expected}update".encode(),
            b'{"kind":"weather","version":4}',
        )
        assert await next_message(sub) == BusMessage("update", {"kind": "weather", "version": 4})
        raw.publish(f"{expected}control", json.dumps({"command": "next"}))  # as another ecoboard would
        assert await next_message(sub) == BusMessage("control", {"command": "next"})
    pubsub.close()
    raw.close()
    await bus.aclose()


async def test_default_channels_are_update_and_control() -> None:
    for url in (SHARED, f"{SHARED}?prefix="):
        bus = open_bus(url)
        assert (bus.channel_name("update"), bus.channel_name("control")) == ("update", "control")
        await bus.aclose()


async def test_malformed_messages_are_skipped(prefix: str) -> None:
    bus = open_bus(f"{SHARED}?prefix={prefix}")
    raw = redis.Redis.from_url(SHARED)
    async with bus.subscribe(("update",)) as sub:
        assert await next_message(sub) == BusMessage("connected", {})
        raw.publish(f"{prefix}update", b"{not json")
        raw.publish(f"{prefix}update", b"[1, 2]")
        raw.publish(f"{prefix}update", json.dumps({"kind": "aqi", "version": 1}))
        assert await next_message(sub) == BusMessage("update", {"kind": "aqi", "version": 1})
    raw.close()
    await bus.aclose()


async def test_publish_to_unreachable_redis_is_a_bus_error() -> None:
    bus = open_bus(f"redis://:s3cretpw@127.0.0.1:{free_port()}/0")
    with pytest.raises(BusError) as info:
        await bus.publish("update", {"kind": "mlb", "version": 1})
    assert "s3cretpw" not in str(info.value)
    assert "redis bus redis://:***@127.0.0.1:" in str(info.value)


async def test_subscriber_reconnects_after_server_restart(tmp_path: Path, caplog) -> None:
    caplog.set_level(logging.INFO, logger="ecoboard.bus")
    server = RedisServer(tmp_path)
    server.start()
    try:
        bus = open_bus(f"{server.url}?prefix=r:")
        async with bus.subscribe() as sub:
            assert await next_message(sub) == BusMessage("connected", {})
            await bus.publish("update", {"kind": "mlb", "version": 1})
            assert await next_message(sub) == BusMessage("update", {"kind": "mlb", "version": 1})

            server.stop()
            await trio.sleep(0.5)  # the reader notices and starts backing off
            with pytest.raises(BusError):
                await bus.publish("update", {"kind": "mlb", "version": 2})
            server.start()

            assert await next_message(sub) == BusMessage("disconnected", {})
            assert await next_message(sub, 15) == BusMessage("connected", {})
            await bus.publish("update", {"kind": "mlb", "version": 3})
            assert await next_message(sub) == BusMessage("update", {"kind": "mlb", "version": 3})
        await bus.aclose()
    finally:
        server.stop()
    lost = [r for r in caplog.records if "subscription lost" in r.getMessage()]
    assert len(lost) == 1  # edge-triggered: one warning however many attempts failed
    assert any("reconnected after" in r.getMessage() for r in caplog.records)


async def test_subscriber_starting_while_redis_is_down_connects_when_it_comes_up(tmp_path: Path) -> None:
    server = RedisServer(tmp_path)
    bus = open_bus(server.url)
    try:
        async with bus.subscribe() as sub:
            assert await next_message(sub) == BusMessage("disconnected", {})  # the first attempt failed
            await trio.sleep(0.6)
            assert len(sub.mailbox) == 0  # once per outage, and no "connected" while down
            server.start()
            assert await next_message(sub, 15) == BusMessage("connected", {})
    finally:
        server.stop()
    await bus.aclose()
