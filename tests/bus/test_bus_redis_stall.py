"""A Redis that stalls (SIGSTOP: no error, no reset) is noticed by the subscription itself: it yields
``disconnected``, subscribes again and yields ``connected`` once Redis answers, with one warning and
one info line. Throwaway redis-server; the subscription's PING times are the shipped ones."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import trio

from ecoboard.bus import BusMessage, RedisBus

from .redis_server import RedisServer
from .test_bus_redis import next_message

NOTICED = 15.0
"""Bound for the subscription to find a stall (it takes PING_SECONDS + ANSWER_SECONDS, polled)."""


def bus_lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name.startswith("ecoboard.bus")]


class _Seen(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.event = trio.Event()

    def emit(self, record: logging.LogRecord) -> None:
        self.event.set()  # the bus logs from its trio task, on the trio thread


def assert_one_line_each_way(caplog, port: int, away: str) -> None:
    """The bus logged exactly ``away`` (after its label) when it lost Redis, and one line when back."""
    label = f"redis bus redis://127.0.0.1:{port}/0"
    [lost, back] = bus_lines(caplog)
    assert lost == f"{label}: {away}; reconnecting with backoff"
    assert back.startswith(f"{label}: reconnected after ")


@contextmanager
def first_bus_line() -> Iterator[trio.Event]:
    """An event set when the bus logs its first line from now on."""
    handler, logger = _Seen(), logging.getLogger("ecoboard.bus")
    logger.addHandler(handler)
    try:
        yield handler.event
    finally:
        logger.removeHandler(handler)


async def test_a_stalled_server_is_noticed_and_the_subscription_comes_back(tmp_path: Path, caplog) -> None:
    caplog.set_level(logging.INFO, logger="ecoboard.bus")
    server = RedisServer(tmp_path)
    server.start()
    bus = RedisBus(f"{server.url}?prefix=s:")
    try:
        async with bus.subscribe() as sub:
            assert await next_message(sub) == BusMessage("connected", {})
            server.pause()
            assert await next_message(sub, NOTICED) == BusMessage("disconnected", {})
            server.resume()
            assert await next_message(sub, NOTICED) == BusMessage("connected", {})
            await bus.publish("update", {"kind": "mlb", "version": 7})
            assert await next_message(sub) == BusMessage("update", {"kind": "mlb", "version": 7})
            assert len(sub.mailbox) == 0
    finally:
        server.stop()
        await bus.aclose()
    assert_one_line_each_way(caplog, server.port, "subscription lost (no answer from Redis within 3 s)")


async def test_a_server_stalled_at_subscribe_gives_disconnected_then_connected_once_it_answers(
    tmp_path: Path, caplog
) -> None:
    caplog.set_level(logging.INFO, logger="ecoboard.bus")
    server = RedisServer(tmp_path)
    server.start()
    server.pause()  # it accepts connections (the kernel does) but answers nothing
    bus = RedisBus(server.url)
    try:
        with first_bus_line() as logged:
            async with bus.subscribe(("update",)) as sub:
                with trio.fail_after(NOTICED):
                    await logged.wait()
                assert await next_message(sub) == BusMessage("disconnected", {})  # the first attempt failed
                assert len(sub.mailbox) == 0  # no "connected" before Redis answered
                server.resume()
                assert await next_message(sub, NOTICED) == BusMessage("connected", {})
    finally:
        server.stop()
        await bus.aclose()
    # redis-py's own handshake on the new connection waits first (its socket timeout)
    assert_one_line_each_way(caplog, server.port, "cannot subscribe (Timeout reading from socket)")
