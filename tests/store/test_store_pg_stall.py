"""A stalled PostgreSQL (SIGSTOPped: connections established, nothing answers) must not freeze callers."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import httpx
import pytest
import trio

from ecoboard import StoreError
from ecoboard.config import load_config
from ecoboard.fetchers import Coordinator, make_client
from ecoboard.store import AsyncStore, open_store

from ..fetchers_framework.helpers import API_KEY, LIVE_SCHEDULE, TEST_PROVIDER
from .pg_server import PgServer

T0 = datetime(2024, 4, 28, 20, 10, tzinfo=UTC)
TIMEOUT = 1.0


async def _until_it_answers(store: AsyncStore) -> None:
    """Retry ``latest`` until it succeeds (a connect attempt started during the stall may still run)."""
    errors = []
    for _ in range(30):
        try:
            await store.latest("mlb")
            return
        except StoreError as exc:
            errors.append(str(exc))
            await trio.sleep(0.2)
    raise AssertionError(f"the store never answered after the server resumed: {errors}")


async def test_every_call_fails_within_the_deadline_then_recovers(pg: PgServer, caplog) -> None:
    caplog.set_level(logging.INFO, logger="ecoboard.store")
    sync = open_store(f"{pg.url}?schema=stall1&connect_timeout=3")
    store = AsyncStore(sync, timeout=TIMEOUT)
    await store.write("mlb", fetched_at=T0, valid_until=T0, source="mlb-statsapi", data={"n": 1})
    pg.pause()
    try:
        # latest: blocked on the established connection (interrupted); write: blocked connecting
        # anew (abandoned, must never commit later); ping, latest_all: wait for that thread, in vain
        for call in (store.latest("mlb"),
                     store.write("mlb", fetched_at=T0, valid_until=T0, source="mlb-statsapi", data={"n": 2}),
                     store.ping(), store.latest_all()):
            # fails at its deadline, never wedged behind an abandoned call (fail_after: a hang fails the test)
            with trio.fail_after(TIMEOUT + 5), pytest.raises(StoreError) as caught:
                await call
            assert str(caught.value).startswith(f"{sync.label}: ")
        assert "PostgreSQL did not answer within 1 s" in caplog.text
    finally:
        pg.resume()
    await _until_it_answers(store)
    assert (await store.latest("mlb")).data == {"n": 1}
    assert (await store.write("mlb", fetched_at=T0, valid_until=T0, source="mlb-statsapi", data={"n": 3})).version == 2
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert [r.getMessage() for r in warnings] == [
        f"{sync.label}: PostgreSQL did not answer within 1 s; store calls fail until it answers again"
    ]
    assert f"{sync.label}: PostgreSQL answers again" in [r.getMessage() for r in caplog.records]
    await store.aclose()


async def test_a_not_yet_open_store_fails_with_the_reason_until_attached(pg: PgServer) -> None:
    store = AsyncStore(None)
    store.not_yet("store not reachable yet: connection refused")
    with pytest.raises(StoreError, match=r"^store not reachable yet: connection refused$"):
        await store.ping()
    await store.aclose()  # nothing to close
    store.attach(open_store(f"{pg.url}?schema=stall2"))
    await store.ping()
    await store.aclose()


async def test_a_fetcher_on_a_stalled_server_fails_logs_once_and_recovers(pg: PgServer, caplog) -> None:
    sync = open_store(f"{pg.url}?schema=stall3&connect_timeout=3")
    answer = LIVE_SCHEDULE.read_bytes()
    client = make_client(transport=httpx.MockTransport(lambda r: httpx.Response(200, content=answer)))
    coord = Coordinator(TEST_PROVIDER, load_config(None, environ={}), client=client,
                        store=AsyncStore(sync, timeout=TIMEOUT), api_key=API_KEY, clock=lambda: T0)
    good = await coord.refresh()
    pg.pause()
    try:
        for attempt in (1, 2):
            with trio.fail_after(TIMEOUT + 5), pytest.raises(StoreError, match="did not answer within 1 s"):
                await coord.refresh()
            status = coord.status()
            assert (status.state, status.version, status.consecutive_failures) == ("failing", 1, attempt)
            assert coord.last_good == good
    finally:
        pg.resume()
    for _ in range(30):  # the connection attempt abandoned during the stall may still be running
        try:
            again = await coord.refresh()
            break
        except StoreError:
            await trio.sleep(0.2)
    assert again.version == 2 and coord.status().state == "ok"
    failing = [r for r in caplog.records if r.levelno >= logging.ERROR and "failing" in r.getMessage()]
    assert len(failing) == 1  # logged on the edge, not per attempt
    await coord.store.aclose()
    await client.aclose()


async def test_a_call_given_up_before_its_thread_starts_never_runs_and_frees_the_store() -> None:
    from ecoboard.store._async import _Flight

    ran: list[str] = []
    flight = _Flight(lambda: ran.append("ran"))
    flight.drop()  # the deadline fired while trio was still starting the thread
    assert flight.done.is_set()
    with pytest.raises(StoreError, match="given up before it started"):
        await trio.to_thread.run_sync(flight.run)
    assert ran == []
    started = _Flight(lambda: ran.append("ran"))
    await trio.to_thread.run_sync(started.run)
    started.drop()  # after the thread ran: nothing to do
    await started.done.wait()
    assert ran == ["ran"]
