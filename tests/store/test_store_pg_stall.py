"""A stalled PostgreSQL (SIGSTOPped: connections established, nothing answers) must not freeze callers."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest
import trio

from ecoboard import StoreError
from ecoboard.store import AsyncStore, open_store

from .pg_server import PgServer

T0 = datetime(2024, 4, 28, 20, 10, tzinfo=UTC)
TIMEOUT = 1.0


async def _until_it_answers(store: AsyncStore) -> int:
    """Retry ``latest`` until it succeeds (a connect attempt started during the stall may still run)."""
    for attempt in range(1, 30):
        try:
            await store.latest("mlb")
            return attempt
        except StoreError:
            await trio.sleep(0.2)
    raise AssertionError("the store never answered after the server resumed")


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
            started = trio.current_time()
            with trio.fail_after(TIMEOUT + 5), pytest.raises(StoreError) as caught:
                await call
            # within the deadline (plus scheduling slack), never wedged behind an abandoned call
            assert trio.current_time() - started < TIMEOUT + 1.0
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
