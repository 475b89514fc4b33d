"""The in-process bus and the mailbox overflow policy shared by both buses."""

from __future__ import annotations

import pytest
import trio

from ecoboard import ConfigError
from ecoboard.bus import BusMessage, Mailbox, MemoryBus, open_bus


async def test_subscriber_gets_connected_then_messages_in_order() -> None:
    bus = open_bus("memory://")
    assert isinstance(bus, MemoryBus)
    async with bus.subscribe() as sub:
        await bus.publish("update", {"kind": "mlb", "version": 7})
        await bus.publish("control", {"command": "next"})
        got = [await sub.__anext__() for _ in range(3)]
    assert got == [
        BusMessage("connected", {}),
        BusMessage("update", {"kind": "mlb", "version": 7}),
        BusMessage("control", {"command": "next"}),
    ]


async def test_subscription_filters_channels_and_ends_on_exit() -> None:
    bus = MemoryBus()
    async with bus.subscribe(("control",)) as sub:
        await bus.publish("update", {"kind": "mlb", "version": 1})
        await bus.publish("control", {"command": "pause"})
        assert await sub.__anext__() == BusMessage("connected", {})
        assert await sub.__anext__() == BusMessage("control", {"command": "pause"})
        assert len(sub.mailbox) == 0
    await bus.publish("control", {"command": "play"})  # nobody listens: lost, no error


async def test_publisher_never_blocks_and_updates_coalesce_per_kind() -> None:
    bus = MemoryBus(queue_size=4)
    async with bus.subscribe() as sub:
        for version in range(1, 1001):
            await bus.publish("update", {"kind": "mlb", "version": version})
            await bus.publish("update", {"kind": "nfl", "version": version})
        got = [await sub.__anext__() for _ in range(3)]
        assert len(sub.mailbox) == 0
    assert got == [
        BusMessage("connected", {}),
        BusMessage("update", {"kind": "mlb", "version": 1000}),
        BusMessage("update", {"kind": "nfl", "version": 1000}),
    ]


def test_full_mailbox_drops_the_oldest_control_message() -> None:
    box = Mailbox(size=3)
    box.put(BusMessage("update", {"kind": "mlb", "version": 1}))
    for n in range(5):
        box.put(BusMessage("control", {"command": "brightness", "value": n}))
    assert box.dropped == 3
    assert list(box._items) == [
        BusMessage("update", {"kind": "mlb", "version": 1}),
        BusMessage("control", {"command": "brightness", "value": 3}),
        BusMessage("control", {"command": "brightness", "value": 4}),
    ]


async def test_reader_waits_without_busy_looping(autojump_clock) -> None:
    bus = MemoryBus()
    async with bus.subscribe() as sub, trio.open_nursery() as nursery:
        assert await sub.__anext__() == BusMessage("connected", {})

        async def later() -> None:
            await trio.sleep(30)
            await bus.publish("update", {"kind": "aqi", "version": 2})

        nursery.start_soon(later)
        start = trio.current_time()
        assert await sub.__anext__() == BusMessage("update", {"kind": "aqi", "version": 2})
        assert trio.current_time() - start == pytest.approx(30)


async def test_unknown_channel_and_scheme_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown bus channel 'news'"):
        await MemoryBus().publish("news", {})  # type: ignore[arg-type]
    with pytest.raises(ConfigError) as refused:
        open_bus("amqp://localhost")
    assert str(refused.value) == "bus.url: expected memory:// or a redis:// URL, got 'amqp://localhost'"
