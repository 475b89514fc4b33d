"""The coordinator against both stores: LOAD order, last-good on every kind of failure, status,
backoff and polling periods on trio's virtual clock, edge-triggered logs, the shared limiter."""

from __future__ import annotations

import logging
import random
from datetime import UTC, datetime, timedelta

import httpx
import pytest
import trio

from ecoboard import PayloadError, ProviderError, RateLimitedError, TransportError
from ecoboard.bus import BusMessage, MemoryBus
from ecoboard.fetchers import Coordinator, RateLimiter, make_client

from .helpers import API_KEY, LIVE_SCHEDULE, TEST_PROVIDER, wrong_types

NOW = datetime(2024, 4, 28, 20, 10, tzinfo=UTC)
GOOD = LIVE_SCHEDULE.read_bytes()
HTML = b"<html><head><title>Service Unavailable</title></head><body>down</body></html>"


class Script:
    """A MockTransport handler answering from a list of responses (the last one repeats).

    Tests wait for the n-th request with :meth:`wait_for` rather than sleeping: the autojump clock
    also jumps while a task waits for a store thread, so a fixed sleep in the test could end early.
    """

    def __init__(self, *answers) -> None:
        self.answers = list(answers)
        self.times: list[float] = []
        self._arrived = trio.Event()

    async def wait_for(self, count: int) -> None:
        while len(self.times) < count:
            await self._arrived.wait()
            self._arrived = trio.Event()

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        self.times.append(trio.current_time())
        self._arrived.set()
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if answer == "hang":
            await trio.sleep(10_000)
        if answer == "dns":
            raise httpx.ConnectError("[Errno -3] Temporary failure in name resolution", request=request)
        return answer if isinstance(answer, httpx.Response) else httpx.Response(200, content=answer)


def coordinator(config, astore, script: Script, bus=None, limiter=None) -> Coordinator:
    client = make_client(transport=httpx.MockTransport(script))
    return Coordinator(TEST_PROVIDER, config, client=client, store=astore, bus=bus, api_key=API_KEY,
                       clock=lambda: NOW, rng=random.Random(7), limiter=limiter)


async def test_success_writes_then_publishes_after_commit(config, astore) -> None:
    bus = MemoryBus()
    coord = coordinator(config, astore, Script(GOOD), bus=bus)
    async with bus.subscribe(("update",)) as sub:
        assert await sub.__anext__() == BusMessage("connected", {})
        record = await coord.refresh()
        message = await sub.__anext__()
        assert message == BusMessage("update", {"kind": "mlb", "version": 1})
        stored = await astore.latest("mlb")  # the row was committed before the message went out
    assert stored == record
    assert record.source == "test-statsapi" and record.fetched_at == NOW
    assert record.data["game_count"] == 15 and record.data["in_progress"] == 12 and record.data["date"] == "2024-04-28"
    assert record.valid_until == NOW + timedelta(seconds=42 + 30)  # next_poll 42 s plus 30 s grace
    status = coord.status()
    assert (status.state, status.version, status.consecutive_failures, status.last_error) == ("ok", 1, 0, None)
    assert status.last_success_at == NOW and status.calls_today == 1


FAILURES = [
    ("truncated", GOOD[:5000], PayloadError,
     "not valid JSON: Expecting value (line 1, column 4999 of a body of 5000 bytes)"),
    ("wrong-types", wrong_types(LIVE_SCHEDULE), PayloadError,
     "test-statsapi: mlb data does not match mlb.schema.json at $.date: 20240428 is not of type 'string'"),
    ("html", httpx.Response(200, headers={"Content-Type": "text/html"}, content=HTML), PayloadError,
     "got an HTML page titled 'Service Unavailable' instead of JSON"),
    ("empty", b"", PayloadError, "empty body (HTTP 200)"),
    ("no-dates", b'{"copyright": "x"}', PayloadError, "test-statsapi: mlb: schedule: missing 'dates'"),
    ("500", httpx.Response(500, text="oops"), ProviderError, "HTTP 500 Internal Server Error: oops"),
    ("429", httpx.Response(429, headers={"Retry-After": "120"}), RateLimitedError, "retry after 120 s"),
    ("403", httpx.Response(403), RateLimitedError, "HTTP 403 Forbidden"),
    ("timeout", "hang", TransportError, "no answer within 10 s"),
]


@pytest.mark.parametrize(("name", "answer", "error", "text"), FAILURES, ids=[f[0] for f in FAILURES])
async def test_failure_writes_nothing_and_keeps_last_good(config, astore, name, answer, error, text,
                                                          autojump_clock) -> None:
    bus = MemoryBus()
    coord = coordinator(config, astore, Script(GOOD, answer), bus=bus)
    good = await coord.refresh()
    async with bus.subscribe(("update",)) as sub:
        await sub.__anext__()  # connected
        with pytest.raises(error) as info:
            await coord.refresh()
        assert len(sub.mailbox) == 0  # nothing published
    assert type(info.value) is error
    assert text in str(info.value)
    assert API_KEY not in str(info.value)
    assert await astore.latest_versions() == {"mlb": 1}
    assert await astore.latest("mlb") == good
    status = coord.status()
    assert (status.state, status.version, status.consecutive_failures) == ("failing", 1, 1)
    assert text in status.last_error and API_KEY not in status.last_error
    assert coord.last_good == good


async def test_first_fetch_failing_is_unavailable_not_empty(config, astore, autojump_clock) -> None:
    coord = coordinator(config, astore, Script(httpx.Response(503)))
    assert coord.status().state == "starting"
    delay = await coord.attempt()
    status = coord.status()
    assert (status.state, status.version, status.valid_until) == ("unavailable", None, None)
    assert 2.5 <= delay <= 5.0
    assert await astore.latest("mlb") is None


async def test_backoff_doubles_with_jitter_up_to_the_cap(config, astore, autojump_clock, caplog) -> None:
    script = Script(httpx.Response(502))
    coord = coordinator(config, astore, script)
    async with trio.open_nursery() as nursery:
        await nursery.start(coord.run)
        await script.wait_for(12)
        nursery.cancel_scope.cancel()
    gaps = [b - a for a, b in zip(script.times, script.times[1:], strict=False)]
    ceilings = [min(5.0 * 2**n, 300.0) for n in range(len(gaps))]
    assert ceilings[:8] == [5, 10, 20, 40, 80, 160, 300, 300]
    for gap, ceiling in zip(gaps, ceilings, strict=True):
        assert ceiling / 2 - 1e-6 <= gap <= ceiling + 1e-6
    assert len(set(gaps)) == len(gaps)  # jittered: no two waits alike
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and "mlb from test-statsapi failing (no good record yet)" in errors[0].getMessage()
    assert coord.status().consecutive_failures == len(script.times)


async def test_retry_after_is_honoured_then_recovery_logs_once(config, astore, autojump_clock, caplog) -> None:
    caplog.set_level(logging.INFO, logger="ecoboard.fetchers")
    script = Script(httpx.Response(429, headers={"Retry-After": "120"}), httpx.Response(403), GOOD)
    coord = coordinator(config, astore, script)
    async with trio.open_nursery() as nursery:
        await nursery.start(coord.run)
        await script.wait_for(4)  # the third attempt (a success) has finished
        nursery.cancel_scope.cancel()
    start = script.times[0]
    # 429 with Retry-After: 120 s exactly; 403 without: the rate-limit floor of 60 s
    assert [t - start for t in script.times[:3]] == pytest.approx([0, 120, 120 + 60])
    assert (await astore.latest_versions())["mlb"] >= 1
    messages = [r.getMessage() for r in caplog.records if r.name.startswith("ecoboard.fetchers")]
    assert len([m for m in messages if "failing" in m]) == 1
    assert "mlb from test-statsapi recovered after 2 failed attempts (version 1)" in messages
    assert coord.status().state == "ok"


async def test_success_polls_at_next_poll_and_started_after_first_attempt(config, astore, autojump_clock) -> None:
    script = Script(GOOD)
    coord = coordinator(config, astore, script)
    async with trio.open_nursery() as nursery:
        started = await nursery.start(coord.run)
        assert started is coord and coord.status().version == 1
        assert coord.status().next_attempt_at == NOW + timedelta(seconds=42)
        nursery.cancel_scope.cancel()
    assert [await coord.attempt() for _ in range(3)] == [42.0, 42.0, 42.0]
    assert (await astore.latest_versions()) == {"mlb": 4}


async def test_restart_adopts_the_stored_record_as_last_good(config, astore, autojump_clock) -> None:
    first = await coordinator(config, astore, Script(GOOD)).refresh()
    later = coordinator(config, astore, Script(httpx.Response(500)))
    async with trio.open_nursery() as nursery:
        await nursery.start(later.run)
        nursery.cancel_scope.cancel()
    status = later.status()
    assert (status.state, status.version, status.last_success_at) == ("failing", 1, first.fetched_at)


async def test_provider_bug_is_logged_and_the_loop_survives(config, astore, autojump_clock, caplog) -> None:
    def broken(answers, ctx):
        raise KeyError("teams")

    from dataclasses import replace

    script = Script(GOOD)
    coord = coordinator(config, astore, script)
    coord.provider = replace(TEST_PROVIDER, transform=broken)
    async with trio.open_nursery() as nursery:
        await nursery.start(coord.run)
        await script.wait_for(3)
        nursery.cancel_scope.cancel()
    assert coord.status().consecutive_failures >= 2
    assert coord.status().last_error == "KeyError: 'teams'"
    tracebacks = [r for r in caplog.records if r.exc_info]
    assert len(tracebacks) == 1


async def test_shared_limiter_spaces_calls_to_one_provider(config, astore, autojump_clock) -> None:
    limiter = RateLimiter(min_interval=2.0)
    script = Script(GOOD)
    a = coordinator(config, astore, script, limiter=limiter)
    b = coordinator(config, astore, script, limiter=limiter)
    async with trio.open_nursery() as nursery:
        for coord in (a, b, a):
            nursery.start_soon(coord.refresh)
    gaps = [round(y - x, 6) for x, y in zip(script.times, script.times[1:], strict=False)]
    assert gaps == [2.0, 2.0]
    assert limiter.calls_today() == 3


async def test_dns_failure_at_boot_retries_until_the_network_is_up(config, astore, autojump_clock, caplog) -> None:
    caplog.set_level(logging.INFO, logger="ecoboard.fetchers")
    script = Script(*["dns"] * 9, GOOD)  # C23: nine failed lookups, then the network is up
    coord = coordinator(config, astore, script)
    async with trio.open_nursery() as nursery:
        await nursery.start(coord.run)
        assert coord.status().state == "unavailable"
        assert coord.status().last_error == ("test-statsapi: https://statsapi.test/api/v1/schedule?sportId=1&"
                                             "date=2024-04-28&apikey=***: ConnectError: [Errno -3] Temporary "
                                             "failure in name resolution")
        await script.wait_for(11)
        nursery.cancel_scope.cancel()
    gaps = [b - a for a, b in zip(script.times[:10], script.times[1:10], strict=False)]
    assert all(gap <= 300 for gap in gaps) and max(gaps) > 150  # capped at 5 minutes, and reached it
    assert (await astore.latest("mlb")).version >= 1
    messages = [r.getMessage() for r in caplog.records if r.name.startswith("ecoboard.fetchers")]
    assert "mlb from test-statsapi recovered after 9 failed attempts (version 1)" in messages


async def test_calls_are_counted_per_day() -> None:
    from datetime import date

    today = [date(2024, 4, 28)]
    limiter = RateLimiter(min_interval=0, today=lambda: today[0])
    for _ in range(3):
        await limiter.wait()
    assert limiter.calls_today() == 3
    today[0] = date(2024, 4, 29)
    assert limiter.calls_today() == 0
    await limiter.wait()
    assert limiter.calls_today() == 1
