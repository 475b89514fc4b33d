"""C26: PostgreSQL dies and comes back while a store (and a fetcher) is using it."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from ecoboard import StoreError
from ecoboard.config import load_config
from ecoboard.fetchers import Coordinator, make_client
from ecoboard.store import AsyncStore, open_store

from ..fetchers_framework.helpers import API_KEY, LIVE_SCHEDULE, TEST_PROVIDER
from .pg_server import PgServer

T0 = datetime(2024, 4, 28, 20, 10, tzinfo=UTC)




def test_store_reconnects_after_the_server_restarts(pg: PgServer) -> None:
    store = open_store(f"{pg.url}?schema=restart1&connect_timeout=3")
    store.write("mlb", fetched_at=T0, valid_until=T0, source="mlb-statsapi", data={"n": 1})
    pg.stop()
    with pytest.raises(StoreError, match=r"postgresql store postgresql://postgres@127.0.0.1:\d+/postgres"):
        store.latest("mlb")
    with pytest.raises(StoreError):  # still down: every call fails fast with a StoreError
        store.write("mlb", fetched_at=T0, valid_until=T0, source="mlb-statsapi", data={"n": 2})
    pg.start()
    assert store.latest("mlb").data["n"] == 1
    assert store.write("mlb", fetched_at=T0, valid_until=T0, source="mlb-statsapi", data={"n": 3}).version == 2
    store.close()


async def test_fetcher_keeps_last_good_while_the_database_is_down(pg: PgServer) -> None:
    store = open_store(f"{pg.url}?schema=restart2&connect_timeout=3")
    answer = LIVE_SCHEDULE.read_bytes()
    client = make_client(transport=httpx.MockTransport(lambda r: httpx.Response(200, content=answer)))
    coord = Coordinator(TEST_PROVIDER, load_config(None, environ={}), client=client, store=AsyncStore(store),
                        api_key=API_KEY, clock=lambda: T0)
    good = await coord.refresh()
    pg.stop()
    try:
        with pytest.raises(StoreError):
            await coord.refresh()
        status = coord.status()
        assert (status.state, status.version, status.consecutive_failures) == ("failing", 1, 1)
        assert coord.last_good == good
    finally:
        pg.start()
    again = await coord.refresh()
    assert again.version == 2 and coord.status().state == "ok"
    store.close()
    await client.aclose()
