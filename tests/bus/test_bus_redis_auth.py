"""A Redis that refuses the bus URL's password (wrong or missing) is a configuration problem, not an
outage: a clear BusAuthError, an ERROR line on a subscription, and never the password."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
import trio

from ecoboard import BusAuthError, BusError
from ecoboard.bus import BusMessage, RedisBus

from .redis_server import RedisServer

PASSWORD = "realpass123"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path, password=PASSWORD)
    server.start()
    try:
        yield server
    finally:
        server.stop()


async def test_a_wrong_password_is_named_as_such_on_publish_and_check(server: RedisServer) -> None:
    bus = RedisBus(f"redis://:PWleak31@127.0.0.1:{server.port}/0")
    expected = (
        f"redis bus redis://:***@127.0.0.1:{server.port}/0: Redis refused the password in the bus URL "
        "(a wrong password, or a disabled user: invalid username-password pair or user is disabled)"
    )
    with pytest.raises(BusAuthError) as checked:
        await bus.check_credentials()
    assert str(checked.value) == expected
    with pytest.raises(BusAuthError) as published:
        await bus.publish("update", {"kind": "mlb", "version": 1})
    assert str(published.value) == expected
    assert isinstance(published.value, BusError)
    await bus.aclose()


async def test_a_missing_password_is_named_as_such(server: RedisServer) -> None:
    bus = RedisBus(f"redis://127.0.0.1:{server.port}/0")
    with pytest.raises(BusAuthError) as checked:
        await bus.check_credentials()
    assert str(checked.value) == (
        f"redis bus redis://127.0.0.1:{server.port}/0: Redis requires a password and the bus URL gives none"
    )
    await bus.aclose()


async def test_the_right_password_passes_the_check_and_an_unreachable_redis_is_left_to_the_publish(
    server: RedisServer,
) -> None:
    bus = RedisBus(f"redis://:{PASSWORD}@127.0.0.1:{server.port}/0")
    await bus.check_credentials()
    await bus.publish("update", {"kind": "mlb", "version": 1})
    await bus.aclose()
    server.stop()
    gone = RedisBus(f"redis://:{PASSWORD}@127.0.0.1:{server.port}/0")
    await gone.check_credentials()  # not an authentication problem: no error here
    with pytest.raises(BusError) as published:
        await gone.publish("update", {"kind": "mlb", "version": 1})
    assert not isinstance(published.value, BusAuthError)
    await gone.aclose()


async def test_a_subscription_logs_a_refused_password_once_as_an_error(
    server: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="ecoboard.bus._redis")
    bus = RedisBus(f"redis://:PWleak32@127.0.0.1:{server.port}/0", backoff_cap=0.2)
    async with bus.subscribe() as sub:
        with trio.fail_after(5):
            assert await sub.__anext__() == BusMessage("disconnected", {})
        await trio.sleep(1.0)  # several more attempts, not logged again
    await bus.aclose()
    lines = [(r.levelname, r.getMessage()) for r in caplog.records if r.name == "ecoboard.bus._redis"]
    assert lines == [
        (
            "ERROR",
            f"redis bus redis://:***@127.0.0.1:{server.port}/0: Redis refused the password in the bus URL "
            "(a wrong password, or a disabled user: invalid username-password pair or user is disabled); "
            "a configuration error: retrying with backoff until it is corrected",
        )
    ]
    assert "PWleak" not in caplog.text
